"""The WPS lexicon: term lists kept as TOML data, compiled into steps that are followed on a text's words.

Monitors must be able to read and dispute why a paragraph counts as gender language, so the words live
in ``mandiff/data/lexicon_<language>.toml`` (the syntax of a term is explained at the top of
``lexicon_en.toml``), not in code.

What a term finds is defined by a regular expression written from it (``_Term.regex``), but that
expression is compiled only for the rare term that ``matcher.py`` cannot follow on the text's words:
compiling the lexicon's hundreds of expressions cost about 0.3 s in every process, and a compiled
pattern cannot be kept from one process to the next. Instead each term becomes steps (its words with
their variants and endings, and what may stand between them) filed under its first word; the matcher
walks the words of a unit and follows only the terms that can start there. A cheap pre-filter (the
lexicon's ``anchors``, the words that carry the gender meaning, searched in case-folded text) skips the
many units that cannot match at all. Only the language a text is in is read and compiled.

Every regular expression is built from escaped lexicon text and a handful of fixed pieces whose
alternatives cannot match the same characters (words vs. separators), so a hostile lexicon file cannot
cause catastrophic backtracking; the matcher's work is bounded the same way (a gap spans at most ``gap``
words, two gaps per term).
"""

import marshal
import re
import sys
import zlib
from collections.abc import Mapping
from functools import lru_cache, partial
from typing import NamedTuple

from . import matcher, usercache
from .damaged_words import Repairer
from .errors import FormatError, InputError
from .ingest import Upload
from .lazy_regex import lazy
from .matcher import GAP, HYPHEN, SPACE, WORD
from .package_data import data_bytes

CATEGORIES = (
    "participation",
    "protection",
    "sexual-violence",
    "gender-expertise",
    "accountability",
    "sea",
    "civil-society",
    "parity",
    "wps-framework",
    "ddr-ssr",
)
SHIPPED_LANGUAGES = ("en", "fr")

_TOP_KEYS = {"language", "endings", "gap", "numbers", "variants", "anchors", "rules"}
_RULE_KEYS = {"category", "terms", "qualifiers", "unless", "instead", "fallback"}
_MAX_TERM_CHARS = 300
_MAX_TERMS = 20_000
_MAX_GAP = 12
_MAX_GAPS_PER_TERM = 2
_MAX_USER_FILE_BYTES = 2_000_000

# Fixed regex pieces. Words (\w) and separators never share a character, so "a word, then separators,
# then a word" can be split in only one way: the bounded gap below backtracks at most linearly.
_SPACE = r"\s+"
_HYPHEN = r"(?:\s*[-\u2010\u2011\u2012\u2013\u2014]\s*|\s+)"
_APOSTROPHE = "['\u2019\u2018`]"
_GAP_SEPARATOR = r"[\s,()'\u2019\u2018\-\u2013\u2014/]{1,40}"  # a gap bridges words, not pages of punctuation
_HYPHEN_CHARS = "-\u2010\u2011\u2013"  # the characters that split a term's word into pieces
_ACRONYM = lazy(r"^[A-Z0-9][A-Z0-9\-]*[A-Z][A-Z0-9\-]*$")
_NUMBER = "#"
_NO_DIGITS = str.maketrans("0123456789", "\x00" * 10)  # no required word holds the character \x00
_PREFILTER = ""  # the key of the pre-filter among the compiled patterns
_GATE = "\x00gate"  # the key of the pre-filter's fast form (``_anchored_regex``)
# Characters roughly by how often they occur in English and French prose, most common first: the gate
# looks for each required word from its rarest character (only its speed depends on this order).
_BY_FREQUENCY = "eatinsorlud'chmpégfvywbqkxàèjêzç"


# Named tuples and plain classes, not dataclasses: generating a dataclass's methods costs about 1 ms
# at import, in every process.


class Rule(NamedTuple):
    """One group of terms of one category, with the exclusions and context cues that qualify them."""

    category: str
    terms: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    instead: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fallback: bool = False


class LanguageSpec(NamedTuple):
    """The uncompiled lexicon of one language (``language`` None: a user file meant for every language)."""

    language: str | None
    endings: tuple[str, ...]
    gap: int
    numbers: tuple[str, ...]
    variants: tuple[tuple[str, ...], ...]
    anchors: tuple[str, ...]
    rules: tuple[Rule, ...]


class CompiledRule(NamedTuple):
    """A rule whose phrase lists are replaced by the ids of their phrase sets in the matcher."""

    category: str
    core: int | None
    qualifiers: int | None
    unless: int | None
    instead: tuple[tuple[str, int], ...]
    fallback: bool


class CompiledLanguage:
    """What the tagger runs for one language: the rules, and their terms filed under their first words.

    A phrase set is the list of terms of one rule field, longest first; where several of its terms start
    at one word, the first that matches counts (as in the alternation ``term1|term2|...``)."""

    __slots__ = ("language", "rules", "required", "index", "starts", "numeric", "gap", "_word_forms", "_tries",
                 "_patterns", "_repairer", "gate_source")

    def __init__(self, language: str | None, rules: tuple[CompiledRule, ...], required: tuple[str, ...],
                 index: dict, numeric: tuple, gap: int, word_forms: frozenset[str] = frozenset(),
                 gate_source: str | None = None):  # fmt: skip
        self.language = language
        self.rules = rules
        self.required = required  # the pre-filter's words: any core term's match contains one of them
        self.index = index  # casefolded first word -> [((phrase set id, rank), _Term), ...]
        # the first words, for a fast ``in`` (a kept index is a mapping that makes its lists when asked)
        self.starts = index.starts if isinstance(index, _KeptIndex) else index
        self.numeric = numeric  # ((phrase set id, rank), _Term) of the terms that start with a number ("#")
        self.gap = gap
        # Built the first time they are needed: a resolution only ever meets a few dozen first words.
        self._tries: dict = {}
        self._patterns: dict = {}
        # every word of the terms and variants, alone and with each ending, casefolded: what a damaged
        # word of a text may be repaired into (damaged_words.py)
        self._word_forms = word_forms  # or, as the cache kept them, marshal data read when first needed
        self._repairer: Repairer | None = None
        # the gate's regex (``_anchored_regex``), when the cache kept it: writing it is half its first cost
        self.gate_source = gate_source

    @property
    def word_forms(self) -> frozenset[str]:
        if isinstance(self._word_forms, bytes):
            self._word_forms = marshal.loads(self._word_forms)
        return self._word_forms

    def repairer(self) -> Repairer:
        """What repairs this language's damaged words (``damaged_words.py``), made when first needed."""
        if self._repairer is None:
            anchors = frozenset(w.casefold() for w in self.required if w.replace("'", "").isalpha())
            # the gate answers the repairer's first question when no word in letters has a digit
            letters = all(w.isdigit() and w.isascii() or w[:1].isalpha() and w.translate(_NO_DIGITS) == w
                          and "\x00" not in w for w in self.required)  # fmt: skip
            self._repairer = Repairer(self.word_forms, anchors, self.prefilter,
                                      self._holds_required_in_letters if letters else None)
        return self._repairer

    def _holds_required_in_letters(self, folded: str) -> bool:
        """Whether casefolded text holds a required word written in letters, when such words have no
        digit and the others are all digits: the gate's answer on the text with its digits taken out."""
        return self.holds_required(folded.translate(_NO_DIGITS))

    def _pattern(self, regex: str, flags: int = re.IGNORECASE) -> re.Pattern:
        pattern = self._patterns.get(regex)
        if pattern is None:
            pattern = self._patterns[regex] = re.compile(regex, flags)
        return pattern

    def _trie(self, key) -> matcher.Trie:
        trie = self._tries.get(key)
        if trie is None:
            entries = self.numeric if key is _NUMBER else self.index[key]
            # the forms of a word ("woman", "women") share one list in a kept index, and so one trie
            trie = self._tries.get(id(entries))
            if trie is None:
                trie = self._tries[id(entries)] = matcher.Trie(self.gap)
                for ref, term in entries:
                    if term.steps is not None:
                        trie.add(ref, term.steps)
                    else:
                        trie.regexes.append((ref, self._pattern(term.regex)))
            self._tries[key] = trie
        return trie

    def prefilter(self) -> re.Pattern | None:
        """The pre-filter: a pattern of the required words, searched in casefolded text (no word
        boundaries: "grapes" passes); None when the lexicon has no required words."""
        prefilter = self._patterns.get(_PREFILTER)
        if prefilter is None:
            if not self.required:
                return None
            # a character trie of the required words (about 1 ms to compile)
            prefilter = self._patterns[_PREFILTER] = re.compile(_trie_regex(self.required))
        return prefilter

    def holds_required(self, folded: str) -> bool:
        """Whether casefolded text holds a required word: the pre-filter's answer, found about twice as
        fast (``_anchored_regex``); asked of every unit, twice of the few that pass."""
        gate = self._patterns.get(_GATE)
        if gate is None:
            if not self.required:
                return False
            gate = self._patterns[_GATE] = re.compile(self.gate_source or _anchored_regex(self.required))
        return gate.search(folded) is not None

    def could_match(self, text: str) -> bool:
        return self.holds_required(text.casefold())

    def scan(self, text: str) -> dict[int, list[tuple[int, int]]]:
        """Spans of every phrase set found in ``text``: leftmost, longest first, no overlaps within a set."""
        found: dict[int, list[tuple[int, int]]] = {}
        free: dict[int, int] = {}
        words = matcher.Text(text)
        index, numeric, tries = self.starts, self.numeric, self._tries
        keys = words.keys()
        # where a term can start: a first word of a term, or digits when terms start with a number
        starts = [i for i, key in enumerate(keys) if key in index or numeric and key.isdigit()]
        for i in starts:
            key = keys[i]
            for group in (key, _NUMBER) if numeric and key.isdigit() else (key,):
                if group not in index and group is not _NUMBER:
                    continue
                hits = (tries.get(group) or self._trie(group)).match(i, words)
                if not hits:
                    continue
                start = words.start(i)
                best: dict[int, tuple[int, tuple]] = {}
                for (set_id, rank), stop in hits.items():
                    if start >= free.get(set_id, 0) and (set_id not in best or rank < best[set_id][0]):
                        best[set_id] = (rank, stop)
                for set_id, (_, (word, offset)) in best.items():
                    stop = words.end(word, offset) if word is not None else offset
                    found.setdefault(set_id, []).append((start, stop))
                    free[set_id] = stop
        return found


class Lexicon:
    """Lexicons by language, each read and compiled the first time a text in that language is tagged."""

    __slots__ = ("sources", "_specs", "_compiled")

    def __init__(self, sources: tuple):
        self.sources = sources  # (language, (LanguageSpec, source file name) or a function that reads them)
        self._specs: dict = {}
        self._compiled: dict = {}

    @classmethod
    def of(cls, specs) -> "Lexicon":
        """A lexicon of already read specs: ``[(LanguageSpec, source file name), ...]``."""
        return cls(tuple((spec.language, (spec, source)) for spec, source in specs))

    @property
    def languages(self) -> tuple[str | None, ...]:
        return tuple(code for code, _ in self.sources)

    def spec(self, code: str | None) -> tuple[LanguageSpec, str]:
        """(LanguageSpec, source file name) of one of ``languages``, read when first asked for."""
        if code not in self._specs:
            entry = dict(self.sources)[code]
            self._specs[code] = entry() if callable(entry) else entry
        return self._specs[code]

    @property
    def specs(self) -> tuple[tuple[LanguageSpec, str], ...]:
        return tuple(self.spec(code) for code in self.languages)

    def for_language(self, language: str | None) -> CompiledLanguage:
        codes = self.languages
        code = next((c for c in (language, None, "en") if c in codes), codes[0])
        if code not in self._compiled:
            self._compiled[code] = self._compile(code)
        return self._compiled[code]

    def _compile(self, code: str | None) -> CompiledLanguage:
        return compile_spec(*self.spec(code))

    def check(self) -> "Lexicon":
        """Translate every term now, so that a broken user file fails before any work is done."""
        for code in self.languages:
            self.for_language(code)
        return self


# --------------------------------------------------------------------------------------------------
# Reading and checking TOML


def _fail(message: str, source: str) -> FormatError:
    return FormatError(message, source=source)


def _string_list(value, where: str, source: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(f"{where} must be a list of strings", source)
    out = []
    for v in value:
        v = " ".join(v.split())
        if not v:
            raise _fail(f"{where} contains an empty string", source)
        if len(v) > _MAX_TERM_CHARS:
            raise _fail(f"{where} has a term longer than {_MAX_TERM_CHARS} characters", source)
        out.append(v)
    return tuple(out)


def _parse_rule(raw, index: int, source: str) -> Rule:
    where = f"rules[{index}]"
    if not isinstance(raw, dict):
        raise _fail(f"{where} must be a table", source)
    unknown = sorted(set(raw) - _RULE_KEYS)
    if unknown:
        raise _fail(f"{where}: unknown key {unknown[0]!r} (allowed: {', '.join(sorted(_RULE_KEYS))})", source)
    category = raw.get("category")
    if category not in CATEGORIES:
        raise _fail(f"{where}: category {category!r} is not one of {', '.join(CATEGORIES)}", source)
    instead_raw = raw.get("instead", {})
    if not isinstance(instead_raw, dict):
        raise _fail(f"{where}.instead must be a table of category = [cues]", source)
    instead = []
    for target, cues in instead_raw.items():
        if target not in CATEGORIES:
            raise _fail(f"{where}.instead: category {target!r} is not one of {', '.join(CATEGORIES)}", source)
        instead.append((target, _string_list(cues, f"{where}.instead.{target}", source)))
    fallback = raw.get("fallback", False)
    if not isinstance(fallback, bool):
        raise _fail(f"{where}.fallback must be true or false", source)
    return Rule(
        category=category,
        terms=_string_list(raw.get("terms", []), f"{where}.terms", source),
        qualifiers=_string_list(raw.get("qualifiers", []), f"{where}.qualifiers", source),
        unless=_string_list(raw.get("unless", []), f"{where}.unless", source),
        instead=tuple(instead),
        fallback=fallback,
    )


def parse_spec(data: dict, source: str, *, require_language: bool = True) -> LanguageSpec:
    """Check a decoded lexicon file and return its rules; every problem is a one-line FormatError."""
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise _fail(f"unknown key {unknown[0]!r} (allowed: {', '.join(sorted(_TOP_KEYS))})", source)
    language = data.get("language")
    if language is not None and (not isinstance(language, str) or not re.fullmatch(r"[a-z]{2,3}", language)):
        raise _fail('language must be a two- or three-letter code such as "en" or "fr"', source)
    if require_language and language is None:
        raise _fail("language is missing", source)
    endings = _string_list(data.get("endings", []), "endings", source)
    gap = data.get("gap", 6)
    if not isinstance(gap, int) or isinstance(gap, bool) or not 0 <= gap <= _MAX_GAP:
        raise _fail(f"gap must be a whole number from 0 to {_MAX_GAP}", source)
    numbers = _string_list(data.get("numbers", []), "numbers", source)
    anchors = _string_list(data.get("anchors", []), "anchors", source)
    variants_raw = data.get("variants", {})
    if not isinstance(variants_raw, dict):
        raise _fail("variants must be a table of word = [spellings]", source)
    variants = tuple(
        (key.casefold(),) + tuple(v.casefold() for v in _string_list(vals, f"variants.{key}", source))
        for key, vals in variants_raw.items()
    )
    rules_raw = data.get("rules", [])
    if not isinstance(rules_raw, list):
        raise _fail("rules must be an array of tables ([[rules]])", source)
    rules = tuple(_parse_rule(r, i, source) for i, r in enumerate(rules_raw))
    total = sum(len(r.terms) + len(r.qualifiers) + len(r.unless) + sum(len(c) for _, c in r.instead) for r in rules)
    if total > _MAX_TERMS:
        raise _fail(f"{total:,} terms, over the limit of {_MAX_TERMS:,}", source)
    return LanguageSpec(language, endings, gap, numbers, variants, anchors, rules)


def _read_toml_bytes(data: bytes, source: str) -> dict:
    if sys.version_info >= (3, 11):  # imported here: a lexicon kept compiled (usercache) is not read at all
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise _fail("lexicon file is not UTF-8 text", source) from None
    except tomllib.TOMLDecodeError as exc:
        raise _fail(f"not valid TOML: {exc}".splitlines()[0], source) from None


def _check_user_file_size(size: int, source: str) -> None:
    if size > _MAX_USER_FILE_BYTES:
        raise InputError(f"lexicon file is {size:,} bytes, over the limit of {_MAX_USER_FILE_BYTES:,}", source=source)


def read_user_file(path: str | Upload) -> LanguageSpec:
    """Read a user's lexicon file (or an ``Upload`` of one); missing or unreadable -> InputError,
    malformed -> FormatError."""
    if isinstance(path, Upload):
        _check_user_file_size(len(path.data), path.name)
        return parse_spec(_read_toml_bytes(path.data, path.name), path.name, require_language=False)
    from pathlib import Path  # only for a user's lexicon file

    p = Path(path)
    source = str(path)
    if not p.exists():
        raise InputError("no such lexicon file", source=source)
    if p.is_dir():
        raise InputError("is a directory, not a lexicon file", source=source)
    try:
        _check_user_file_size(p.stat().st_size, source)
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read lexicon file: {exc.strerror or exc}", source=source) from None
    return parse_spec(_read_toml_bytes(data, source), source, require_language=False)


def read_shipped(language: str) -> LanguageSpec:
    source = f"lexicon_{language}.toml"
    data = data_bytes(source)
    return parse_spec(_read_toml_bytes(data, source), source)

# --------------------------------------------------------------------------------------------------
# Compiling one term


class TermError(ValueError):
    """A term that does not follow the documented syntax."""


class _Grammar:
    """What a term's words may become in one language: endings, spelling variants, numbers, gap size."""

    __slots__ = ("endings", "ending_rx", "variants", "numbers", "number_rx", "gap_rx", "anchors", "_numbers", "_pieces",
                 "_parsed", "_keys")

    def __init__(self, spec: LanguageSpec):
        self.endings = tuple(sorted(spec.endings, key=len, reverse=True))
        self.ending_rx = "(?:" + "|".join(_escape_piece(e) for e in self.endings) + ")?" if self.endings else ""
        variants: dict[str, tuple[str, ...]] = {}
        for group in spec.variants:
            group = tuple(dict.fromkeys(group))
            for word in group:
                known = variants.get(word, ())
                variants[word] = known + tuple(w for w in group if w not in known)
        self.variants = variants
        self.numbers = tuple(n.casefold() for n in spec.numbers)
        self._numbers = {}
        self._pieces: dict = {}  # the matcher's pieces, shared by every term that has the same word
        self._parsed: dict = {}  # (piece as written, last in its word) -> _Piece: words recur across terms
        self._keys: dict = {}  # spelling -> the words it may appear as
        self.number_rx = None
        self.gap_rx = f"(?:{_GAP_SEPARATOR}\\w+){{0,{spec.gap}}}?{_GAP_SEPARATOR}"
        self.anchors = frozenset(a.casefold() for a in spec.anchors)

    def piece(self, text: str, last: bool) -> "_Piece":
        piece = self._parsed.get((text, last))
        if piece is None:
            piece = self._parsed[(text, last)] = _Piece(text, self, last)
        return piece

    def word_keys(self, spelling: str) -> set[str]:
        keys = self._keys.get(spelling)
        if keys is None:
            keys = self._keys[spelling] = _word_keys(spelling, self)
        return keys

    def number_words(self) -> list[str]:
        return sorted(self.numbers, key=len, reverse=True)

    def number_regex(self) -> str:
        if self.number_rx is None:
            self.number_rx = "(?:" + "|".join([r"\d+(?:[.,]\d+)*"] + [_phrase_rx(n) for n in self.number_words()]) + ")"
        return self.number_rx

    def number_step(self, cased: bool) -> matcher.Number | None:
        """The matcher's "#" (None when a number word cannot be followed on words)."""
        if cased not in self._numbers:
            words = self.number_words()
            followable = all(_followable(w) for n in words for w in n.split(" "))
            self._numbers[cased] = matcher.Number(words, cased) if followable else None
        return self._numbers[cased]


def _grammar(spec: LanguageSpec) -> _Grammar:
    return _Grammar(spec)


def _escape_piece(text: str) -> str:
    return _APOSTROPHE.join(re.escape(part) for part in text.split("'"))


def _phrase_rx(text: str) -> str:
    return _SPACE.join(_escape_piece(w) for w in text.split(" "))


def _followable(literal: str) -> bool:
    """Whether the matcher can follow this literal on words (else the term keeps its regex)."""
    return matcher.literal_runs(literal) is not None and not matcher.UNFOLLOWABLE.intersection(literal)


class _Piece:
    """One hyphen-free piece of a term's word: punctuation around it, its spellings and endings."""

    __slots__ = ("lead", "trail", "written", "spellings", "endings", "optional", "has_word", "anchored", "_steps")

    def __init__(self, piece: str, grammar: _Grammar, last: bool):
        # the punctuation around the word: [^\w']* at each end
        start, end = 0, len(piece)
        while start < end and not _is_word_or_apostrophe(piece[start]):
            start += 1
        while end > start and not _is_word_or_apostrophe(piece[end - 1]):
            end -= 1
        lead, core, trail = piece[:start], piece[start:end], piece[end:]
        possessive = False
        lowered = core.casefold()
        for mark in ("'s", "s'"):
            if lowered.endswith(mark) and len(core) > len(mark):
                core, possessive = core[: -len(mark)], True
                lowered = core.casefold()
                break
        self.lead, self.trail = lead, trail
        self.spellings = grammar.variants.get(lowered, (lowered,))  # casefolded: what its first word can be
        written = self.spellings if lowered in grammar.variants else (core,)  # keep an acronym's capitals
        self.written = tuple(sorted(written, key=len, reverse=True))  # the alternation tries the longest first
        self.has_word = any(WORD.search(s) for s in self.spellings)
        self.anchored = any(s in grammar.anchors for s in self.spellings)
        self._steps: dict = {}
        self.endings, self.optional = (), True
        if core and core[-1].isalpha() and (last or possessive):
            if grammar.endings:
                self.endings = grammar.endings
            elif possessive:
                self.endings, self.optional = ("'s",), False

    def regex(self) -> str:
        body = "(?:" + "|".join(_escape_piece(s) for s in self.written) + ")"
        if self.endings:
            body += "(?:" + "|".join(_escape_piece(e) for e in self.endings) + ")" + ("?" if self.optional else "")
        return re.escape(self.lead) + body + re.escape(self.trail)

    def step(self, grammar: _Grammar, cased: bool) -> matcher.Piece | None:
        if cased not in self._steps:
            self._steps[cased] = self._step(grammar, cased)
        return self._steps[cased]

    def _step(self, grammar: _Grammar, cased: bool) -> matcher.Piece | None:
        key = (self.written, self.endings, self.optional, self.trail, cased)
        if key not in grammar._pieces:
            endings = self.endings + ("",) if self.optional else self.endings
            # every literal starts with a spelling: the spellings decide whether they start with a word
            followable = all(_followable(w + self.trail) for w in self.written) and not any(
                matcher.UNFOLLOWABLE.intersection(e) for e in endings
            )
            literals = [w + e + self.trail for w in self.written for e in endings]
            grammar._pieces[key] = matcher.Piece(literals, cased) if followable else None
        if matcher.UNFOLLOWABLE.intersection(self.lead):
            return None
        return grammar._pieces[key]


def _is_word_or_apostrophe(char: str) -> bool:
    return char.isalnum() or char in "_'"


_UNSET = object()


class _Term:
    """A compiled term: the words it is filed under; its steps, regex and pre-filter words are worked out
    when first needed (most terms never are: a resolution meets a few dozen of the lexicon's first words)."""

    __slots__ = ("text", "first_words", "numeric", "_parsed", "_pieces", "_grammar", "_cased", "_steps", "_regex")

    def __init__(self, text: str, first_words, numeric: bool, parsed: list, pieces: list, grammar: _Grammar):
        self.text = text  # as written in the lexicon
        self.first_words = first_words  # casefolded words a match can start with ("#" terms: the number words)
        self.numeric = numeric  # starts with a number
        self._parsed, self._pieces, self._grammar = parsed, pieces, grammar
        self._cased = bool(_ACRONYM.match(text.replace(" ", "")))
        self._steps = self._regex = _UNSET

    @property
    def required(self) -> tuple[str, ...]:
        """Casefolded spellings of which one occurs in any match (the pre-filter looks for them)."""
        return _required(self._pieces, self._grammar)

    @property
    def steps(self) -> tuple | None:
        """What the matcher follows; None: only the regex can say."""
        if self._steps is _UNSET:
            self._steps = _steps(self._parsed, self._grammar, self._cased)
        return self._steps

    @property
    def regex(self) -> str:
        """Anchored at the term's first word; ends at a word boundary (compiled only if steps is None)."""
        if self._regex is _UNSET:
            self._regex = _regex(self._parsed, self._grammar, self._cased)
        return self._regex


def _word_keys(spelling: str, grammar: _Grammar) -> set[str]:
    """The \\w+ words a spelling may appear as, once an ending is added: "women" -> women, womens, womenes."""
    head = spelling.split("'")[0]
    if "'" in spelling or not head:
        return {head} if head else set()
    keys = {head}
    for ending in grammar.endings:
        keys.add(head + ending.split("'")[0])
    return {WORD.match(k).group() if WORD.match(k) else k for k in keys}


def _split_hyphens(token: str) -> list[str]:
    for char in _HYPHEN_CHARS[1:]:
        token = token.replace(char, "-")
    return token.split("-")


def compile_term(term: str, grammar: _Grammar) -> _Term:
    """Check one term of the documented mini-syntax and file it under its first words; it becomes steps,
    or a regex (no lexicon text unescaped), when first needed."""
    tokens = term.split(" ")
    if tokens[0] == ".." or tokens[-1] == "..":
        raise TermError("'..' must stand between two words")
    if tokens[0] != "#" and not WORD.match(tokens[0]):
        raise TermError("a term must start with a letter or a digit")
    if tokens.count("..") > _MAX_GAPS_PER_TERM:
        # each gap may end at any of `gap` words: k gaps in one term could be tried gap**k ways
        raise TermError(f"at most {_MAX_GAPS_PER_TERM} '..' in one term")
    parsed: list = []  # in the order of the regex: SPACE, HYPHEN, GAP, _NUMBER or a _Piece
    pieces_seen: list[_Piece] = []
    previous_gap = True  # no separator before the first token
    first_words: tuple[str, ...] = ()
    numeric = False
    for position, token in enumerate(tokens):
        if token == "..":
            if previous_gap:
                raise TermError("'..' must stand between two words")
            parsed.append(GAP)
            previous_gap = True
            continue
        if not previous_gap:
            parsed.append(SPACE)
        previous_gap = False
        if token == "#":
            parsed.append(_NUMBER)
            if position == 0:
                numeric = True
                first_words = tuple(sorted({n.split(" ")[0] for n in grammar.numbers}))
            continue
        parts = _split_hyphens(token)
        non_empty = [i for i, p in enumerate(parts) if p]
        if not non_empty or not any(WORD.search(p) for p in parts):
            raise TermError(f"{token!r} has no letters or digits")
        built = [grammar.piece(p, i == non_empty[-1]) if p else None for i, p in enumerate(parts)]
        for i, piece in enumerate(built):
            if i:
                parsed.append(HYPHEN)
            if piece is not None:
                parsed.append(piece)
        pieces_seen.extend(b for b in built if b)
        if position == 0:
            first_words = tuple(sorted({k for s in built[0].spellings for k in grammar.word_keys(s)}))
    if not pieces_seen:
        raise TermError("a term needs a word besides '#'")
    return _Term(term, first_words, numeric, parsed, pieces_seen, grammar)


def _regex(parsed: list, grammar: _Grammar, cased: bool) -> str:
    fixed = {SPACE: _SPACE, HYPHEN: _HYPHEN, GAP: grammar.gap_rx}
    body = "".join(
        fixed[p] if p in fixed else grammar.number_regex() if p == _NUMBER else p.regex() for p in parsed
    )
    if cased:
        body = f"(?-i:{body})"
    return body + r"(?!\w)"


def _steps(parsed: list, grammar: _Grammar, cased: bool) -> tuple | None:
    """The matcher's steps: (connector, leading punctuation, piece or number) for each word of the term;
    None if the matcher cannot follow the term (a gap beside a hyphen, characters it cannot fold)."""
    steps = []
    connector: list[str] = []
    for p in parsed:
        if p in (SPACE, HYPHEN, GAP):
            connector.append(p)
            continue
        if GAP in connector and len(connector) > 1:
            return None
        if p == _NUMBER:
            item, lead = grammar.number_step(cased), ""
        else:
            item, lead = p.step(grammar, cased), p.lead if cased else matcher.fold(p.lead)
        if item is None:
            return None
        steps.append((tuple(connector), lead, item))
        connector = []
    return tuple(steps) if not connector else None


def _required(pieces: list[_Piece], grammar: _Grammar) -> tuple[str, ...]:
    """The piece the pre-filter looks for: an anchor word if the term has one, else its longest piece."""
    candidates = [p for p in pieces if p.has_word]
    anchored = [p for p in candidates if p.anchored]
    best = (anchored or sorted(candidates, key=lambda p: -min(len(s) for s in p.spellings)))[0]
    return tuple(s.split("'")[-1] if s.startswith(("l'", "d'")) else s for s in best.spellings)


# --------------------------------------------------------------------------------------------------
# Compiling a language


class _Builder:
    """Collects phrase sets; terms are filed under their first words for the matcher."""

    def __init__(self, grammar: _Grammar, source: str):
        self.grammar = grammar
        self.source = source
        self.next_id = 0
        self.index: dict[str, list] = {}
        self.numeric: list = []
        self.required: set[str] = set()
        self.terms: dict[str, _Term] = {}  # a term in several phrase sets is compiled once

    def add(self, terms: tuple[str, ...], where: str, core: bool = False) -> int | None:
        if not terms:
            return None
        set_id = self.next_id
        self.next_id += 1
        # Longest first: where several terms of a set start at one word, the longest is tried first.
        for rank, term in enumerate(sorted(set(terms), key=lambda t: (-len(t), t))):
            compiled = self.terms.get(term)
            if compiled is None:
                try:
                    compiled = self.terms[term] = compile_term(term, self.grammar)
                except TermError as exc:
                    raise _fail(f"{where}: term {term!r}: {exc}", self.source) from None
            ref = (set_id, rank)
            if compiled.numeric:
                self.numeric.append((ref, compiled))
            for word in compiled.first_words:
                self.index.setdefault(word, []).append((ref, compiled))
            if core:
                self.required.update(compiled.required)
        return set_id


def _trie_regex(words) -> str:
    """A regex of the pre-filter's words as a character trie, searched in casefolded text.

    A trie ("m(?:aternal|others)") makes the regex engine try one branch per character instead of
    one per word, and it has no lookbehind, so the engine can skip quickly to the first letters.
    A few more units pass (it also finds "grapes"), which costs nothing but a failed scan."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [(_APOSTROPHE if c == "'" else re.escape(c)) + emit(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:  # a shorter word ends here: what follows is optional (a prefix match is enough)
            return ""
        return body

    return emit(trie)


def _anchored_regex(words) -> str:
    """A regex that finds text holding one of ``words`` exactly when ``_trie_regex(words)`` does, but
    faster: the regex engine tries a match only where a text's character may start one, and the trie's
    first characters ("e", "r", "s", "m", ...) are nearly half of all letters. Here each word is looked
    for from one of its rarer characters ("women" from "w", "elsie" from "l"), chosen so that few and
    rare characters start all the words, and a look-behind checks what comes before it
    ("p(?:e(?<=rape)|...)"): a fifth of the letters are tried, with the same answer (not the same span)."""
    rank = {char: i for i, char in enumerate(_BY_FREQUENCY)}

    def rarity(char: str) -> int:  # an apostrophe stands for a class of characters: never the start
        return -1 if char == "'" else rank.get(char, len(_BY_FREQUENCY))

    words = sorted(set(words))
    chosen = {max(word, key=rarity) for word in words}
    for char in sorted(chosen, key=rarity):  # the most common first: drop it if every word has another
        others = chosen - {char}
        if all(others.intersection(word) for word in words if char in word):
            chosen = others
    trie: dict = {}
    for word in words:
        start = max((i for i, c in enumerate(word) if c in chosen), key=lambda i: (rarity(word[i]), -i))
        node = trie
        for char in word[start:]:
            node = node.setdefault(char, {})
        node.setdefault("", []).append((word, start))

    def emit(node: dict) -> str:
        ends = node.get("", ())
        if any(start == 0 for _, start in ends):  # a word read whole from its first character
            return ""
        branches = [f"(?<={_escape_piece(word)})" for word, _ in ends]
        branches += [_escape_piece(c) + emit(child) for c, child in sorted(node.items()) if c]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(trie)


def compile_spec(spec: LanguageSpec, source: str) -> CompiledLanguage:
    builder = _Builder(_grammar(spec), source)
    rules = []
    for i, rule in enumerate(spec.rules):
        where = f"rules[{i}] ({rule.category})"
        rules.append(
            CompiledRule(
                category=rule.category,
                core=builder.add(rule.terms, where, core=True),
                qualifiers=builder.add(rule.qualifiers, where),
                unless=builder.add(rule.unless, where),
                instead=tuple((target, builder.add(cues, where)) for target, cues in rule.instead if cues),
                fallback=rule.fallback,
            )
        )
    required = tuple(sorted({w.replace("\u2019", "'") for w in builder.required}))
    return CompiledLanguage(spec.language, tuple(rules), required, builder.index, tuple(builder.numeric), spec.gap,
                            _word_forms(spec))


def _word_forms(spec: LanguageSpec) -> frozenset[str]:
    """The words (three letters or more) of every term and variant, alone and with each ending."""
    phrases = [t for r in spec.rules for t in r.terms + r.qualifiers + r.unless + tuple(c for _, cs in r.instead for c in cs)]
    words = {w.casefold() for phrase in phrases for w in re.findall(r"[^\W\d_]+", phrase)}
    words.update(v for spellings in spec.variants for v in spellings)
    words = {w for w in words if len(w) >= 3}
    return frozenset(words | {w + ending for w in words for ending in spec.endings})


def merge_specs(base: LanguageSpec, extra: LanguageSpec) -> LanguageSpec:
    """The shipped rules plus a user's: the user's rules come after; variants, numbers, anchors are added."""
    return LanguageSpec(
        language=base.language,
        endings=tuple(dict.fromkeys(base.endings + extra.endings)),
        gap=base.gap,
        numbers=tuple(dict.fromkeys(base.numbers + extra.numbers)),
        variants=base.variants + extra.variants,
        anchors=tuple(dict.fromkeys(base.anchors + extra.anchors)),
        rules=base.rules + extra.rules,
    )


def _standalone(extra: LanguageSpec) -> LanguageSpec:
    """A replacing user file borrows the word grammar (endings, variants, numbers) of its shipped language."""
    language = extra.language if extra.language in SHIPPED_LANGUAGES else "en"
    shipped = read_shipped(language)
    return LanguageSpec(
        language=extra.language,
        endings=extra.endings or shipped.endings,
        gap=extra.gap,
        numbers=extra.numbers or shipped.numbers,
        variants=shipped.variants + extra.variants,
        anchors=extra.anchors,
        rules=extra.rules,
    )


# --------------------------------------------------------------------------------------------------
# Public entry points


@lru_cache(maxsize=1)
def shipped_lexicon() -> Lexicon:
    """The lexicons that ship with mandiff, each read and compiled when a text in its language is tagged
    (or, compiled once, taken from mandiff's cache folder)."""
    return _ShippedLexicon(tuple((code, partial(_shipped, code)) for code in SHIPPED_LANGUAGES))


def _shipped(language: str) -> tuple[LanguageSpec, str]:
    return read_shipped(language), f"lexicon_{language}.toml"


class _ShippedLexicon(Lexicon):
    """The shipped lexicons, kept compiled between processes: reading the TOML and compiling a language
    took most of the time ``mandiff tag`` spent on the lexicon. The entry's name is a checksum of the
    lexicon file and of the code that compiles and follows it, so a changed lexicon or matcher is
    compiled again; anything wrong with the cache only means compiling."""

    __slots__ = ()

    def _compile(self, code: str | None) -> CompiledLanguage:
        source = f"lexicon_{code}.toml"
        text = data_bytes(source)
        name = _cache_name(code, text)
        kept = usercache.read(name) if name else None
        if kept is not None:
            try:
                return _language_from_data(marshal.loads(kept))
            except Exception:  # damaged, or written by other code: compile it again
                pass
        compiled = compile_spec(parse_spec(_read_toml_bytes(text, source), source), source)
        if name:
            usercache.write(name, marshal.dumps(_language_data(compiled)), kind=f"lexicon-{code}-")
        return compiled


_DATA_FORMAT = 4


def _cache_name(code: str | None, text: bytes) -> str | None:
    """The entry's name: checksums (CRC-32, cheaper to load than hashlib) and lengths of the lexicon file
    and of the code that compiles and follows it, and the versions of Python and of the data format."""
    parts = [text]
    for module in (__file__, matcher.__file__):
        try:
            with open(module, "rb") as f:
                parts.append(f.read())
        except OSError:
            return None
    sums = "".join(f"{zlib.crc32(p):08x}{len(p):x}" for p in parts)
    version = zlib.crc32(f"{_DATA_FORMAT}|{sys.version}|{marshal.version}".encode())
    return f"lexicon-{code}-{version:08x}{sums}.marshal"


def _language_data(compiled: CompiledLanguage) -> tuple:
    """A compiled language as plain data for ``marshal``. What every text needs is read at once; the terms
    filed under each first word, each piece of their steps, and the word forms are kept as marshal blobs
    of their own, read when a text first meets that word (a resolution meets a few dozen of the 500) or
    needs a repair."""
    items: dict[int, int] = {}  # id(piece or number) -> its number: one object per distinct piece, shared
    item_data: list[bytes] = []
    groups: dict[bytes, int] = {}  # the forms of a word ("woman", "women's") share one list: one blob
    index = {key: groups.setdefault(_entries_data(entries, items, item_data), len(groups))
             for key, entries in compiled.index.items()}  # fmt: skip
    numeric = _entries_data(compiled.numeric, items, item_data)
    return (_DATA_FORMAT, compiled.language, tuple(tuple(rule) for rule in compiled.rules), compiled.required,
            compiled.gap, numeric, index, tuple(groups), tuple(item_data), marshal.dumps(compiled.word_forms),
            _anchored_regex(compiled.required) if compiled.required else None)  # fmt: skip


def _entries_data(entries, items: dict[int, int], item_data: list[bytes]) -> bytes:
    """The entries of one first word, ``[(ref, term), ...]``, as a marshal blob: every term's steps, with
    their pieces as numbers in ``item_data`` (the pieces' blobs, added to as new ones are met)."""
    terms: dict[int, int] = {}
    term_data: list = []

    def term_number(term) -> int:
        if id(term) not in terms:
            terms[id(term)] = len(term_data)
            steps = term.steps
            if steps is not None:
                for _, _, item in steps:
                    if id(item) not in items:
                        items[id(item)] = len(item_data)
                        item_data.append(marshal.dumps(item.data()))
                steps = tuple((connector, lead, items[id(item)]) for connector, lead, item in steps)
            term_data.append((term.text, term.first_words, term.numeric, steps, term.regex if steps is None else None))
        return terms[id(term)]

    refs = tuple((ref, term_number(term)) for ref, term in entries)
    return marshal.dumps((refs, tuple(term_data)))


def _language_from_data(data: tuple) -> CompiledLanguage:
    if data[0] != _DATA_FORMAT:
        raise ValueError("another format")
    _, language, rules, required, gap, numeric, index, groups, items, word_forms, gate_source = data
    if not isinstance(word_forms, bytes) or not all(isinstance(blob, bytes) for blob in groups + items):
        raise ValueError("another format")
    kept = _KeptIndex(index, groups, items)
    return CompiledLanguage(language, tuple(CompiledRule(*rule) for rule in rules), required, kept,
                            tuple(kept.entries(numeric)), gap, word_forms, gate_source)  # fmt: skip


class _KeptIndex(Mapping):
    """``CompiledLanguage.index`` as the cache kept it: each first word's terms are read from their blob
    the first time they are asked for, and each piece of their steps from its own, shared by all the
    terms (``starts``: the first words, each the number of its blob, for a fast ``in``)."""

    __slots__ = ("starts", "_groups", "_made", "_item_blobs", "_items")

    def __init__(self, starts: dict[str, int], groups: tuple[bytes, ...], items: tuple[bytes, ...]):
        self.starts = starts
        self._groups = groups
        self._made: list = [None] * len(groups)
        self._item_blobs = items
        self._items: list = [None] * len(items)

    def __getitem__(self, key: str) -> list:
        group = self.starts[key]
        made = self._made[group]
        if made is None:
            made = self._made[group] = self.entries(self._groups[group])
        return made

    def entries(self, blob: bytes) -> list:
        """``[(ref, term), ...]`` from a blob of ``_entries_data``."""
        refs, term_data = marshal.loads(blob)
        items, item_blobs = self._items, self._item_blobs
        terms = []
        for text, first_words, numeric, steps, regex in term_data:
            if steps is not None:
                made = []
                for connector, lead, k in steps:
                    item = items[k]
                    if item is None:
                        item = items[k] = matcher.item(marshal.loads(item_blobs[k]))
                    made.append((connector, lead, item))
                steps = tuple(made)
            terms.append(_KeptTerm(text, first_words, numeric, steps, regex))
        return [(ref, terms[k]) for ref, k in refs]

    def __contains__(self, key) -> bool:
        return key in self.starts

    def __iter__(self):
        return iter(self.starts)

    def __len__(self) -> int:
        return len(self.starts)


class _KeptTerm:
    """A term as the cache kept it: what the matcher and the tests read of a compiled term."""

    __slots__ = ("text", "first_words", "numeric", "steps", "regex")

    def __init__(self, text: str, first_words: tuple, numeric: bool, steps: tuple | None, regex: str | None):
        self.text, self.first_words, self.numeric, self.steps, self.regex = text, first_words, numeric, steps, regex


def load_lexicon(extra: str | Upload | None = None, replace: bool = False) -> Lexicon:
    """The shipped lexicon, extended by (or, with ``replace``, replaced by) the user's file ``extra``.

    A user file with ``language = "fr"`` extends the French lexicon only; one without ``language``
    extends every language. The result is compiled before it is returned, so that every error in the
    user's file is reported here, as a one-line ``FormatError``.
    """
    if extra is None:
        if replace:
            raise InputError("--replace-lexicon needs a lexicon file (--lexicon FILE)")
        return shipped_lexicon()
    source = extra.name if isinstance(extra, Upload) else str(extra)
    user = read_user_file(extra)
    if not any(r.terms for r in user.rules):
        raise _fail("the lexicon file has no [[rules]] with terms", source)
    if replace:
        return Lexicon.of([(_standalone(user), source)]).check()
    specs = []
    for base, base_source in shipped_lexicon().specs:
        if user.language in (None, base.language):
            specs.append((merge_specs(base, user), source))
        else:
            specs.append((base, base_source))
    if user.language is not None and user.language not in SHIPPED_LANGUAGES:
        specs.append((_standalone(user), source))
    return Lexicon.of(specs).check()
