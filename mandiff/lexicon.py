"""The WPS lexicon: term lists kept as TOML data, compiled once into an indexed matcher.

Monitors must be able to read and dispute why a paragraph counts as gender language, so the words live
in ``mandiff/data/lexicon_<language>.toml`` (the syntax of a term is explained at the top of
``lexicon_en.toml``), not in code.

Why an index and not one big regex: a Python regex alternation of hundreds of case-insensitive phrases
is tried at every character (about 1 s for a 10,000-word resolution). Instead each phrase is compiled
on its own and filed under its first word; the matcher walks the words of a unit and tries only the
phrases that can start there. A cheap pre-filter (the lexicon's ``anchors``, the words that carry the
gender meaning, searched in case-folded text) skips the many units that cannot match at all.

Every phrase regex is built from escaped lexicon text and a handful of fixed pieces whose alternatives
cannot match the same characters (words vs. separators), so a hostile lexicon file cannot cause
catastrophic backtracking.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from .errors import FormatError, InputError
from .ingest import Upload

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
_HYPHEN_SPLIT = re.compile(r"[-\u2010\u2011\u2013]")
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9\-]*[A-Z][A-Z0-9\-]*$")
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Rule:
    """One group of terms of one category, with the exclusions and context cues that qualify them."""

    category: str
    terms: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    instead: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fallback: bool = False


@dataclass(frozen=True)
class LanguageSpec:
    """The uncompiled lexicon of one language (``language`` None: a user file meant for every language)."""

    language: str | None
    endings: tuple[str, ...]
    gap: int
    numbers: tuple[str, ...]
    variants: tuple[tuple[str, ...], ...]
    anchors: tuple[str, ...]
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class CompiledRule:
    """A rule whose phrase lists are replaced by the ids of their phrase sets in the matcher."""

    category: str
    core: int | None
    qualifiers: int | None
    unless: int | None
    instead: tuple[tuple[str, int], ...]
    fallback: bool


@dataclass(frozen=True, eq=False)
class CompiledLanguage:
    """What the tagger runs for one language: the rules and the indexed matcher of their phrases."""

    language: str | None
    rules: tuple[CompiledRule, ...]
    prefilter: re.Pattern | None  # searched in casefolded text: can any core term occur at all?
    index: dict  # casefolded first word -> ((phrase set id, anchored regex), ...)
    numeric: tuple  # (phrase set id, regex) for phrases that start with a number ("#")
    # Regexes are compiled the first time their word occurs: compiling all of them costs ~0.3 s, and a
    # resolution only ever meets a few dozen of the lexicon's first words.
    _patterns: dict = field(default_factory=dict, compare=False, repr=False)

    def _pattern(self, regex: str) -> re.Pattern:
        pattern = self._patterns.get(regex)
        if pattern is None:
            pattern = self._patterns[regex] = re.compile(regex, re.IGNORECASE)
        return pattern

    def compile_all(self) -> "CompiledLanguage":
        """Compile every phrase now (to check a user's lexicon, or before a benchmark)."""
        for entries in list(self.index.values()) + [self.numeric]:
            for _, regex in entries:
                self._pattern(regex)
        return self

    def could_match(self, text: str) -> bool:
        return self.prefilter is not None and self.prefilter.search(text.casefold()) is not None

    def scan(self, text: str) -> dict[int, list[tuple[int, int]]]:
        """Spans of every phrase set found in ``text``: leftmost, longest first, no overlaps within a set."""
        found: dict[int, list[tuple[int, int]]] = {}
        free: dict[int, int] = {}
        index_get = self.index.get
        compiled = self._patterns
        numeric = self.numeric
        for word in WORD.finditer(text):
            token = word.group()
            entries = index_get(token.casefold())
            if numeric and token.isdigit():
                entries = (entries or ()) + numeric
            if not entries:
                continue
            pos = word.start()
            for set_id, regex in entries:
                if pos < free.get(set_id, 0):
                    continue
                pattern = compiled.get(regex) or self._pattern(regex)
                m = pattern.match(text, pos)
                if m is not None:
                    found.setdefault(set_id, []).append(m.span())
                    free[set_id] = m.end()
        return found


@dataclass(frozen=True)
class Lexicon:
    """Lexicons by language, each compiled the first time a text in that language is tagged."""

    specs: tuple[tuple[LanguageSpec, str], ...]  # (spec, source file name for messages)
    _compiled: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def languages(self) -> tuple[str | None, ...]:
        return tuple(spec.language for spec, _ in self.specs)

    def for_language(self, language: str | None) -> CompiledLanguage:
        codes = self.languages
        code = next((c for c in (language, None, "en") if c in codes), codes[0])
        if code not in self._compiled:
            spec, source = self.specs[codes.index(code)]
            self._compiled[code] = compile_spec(spec, source)
        return self._compiled[code]

    def check(self) -> "Lexicon":
        """Translate every term now, so that a broken user file fails before any work is done."""
        for spec, _ in self.specs:
            self.for_language(spec.language)
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
    data = (resources.files("mandiff") / "data" / source).read_bytes()
    return parse_spec(_read_toml_bytes(data, source), source)


# --------------------------------------------------------------------------------------------------
# Compiling one term


class TermError(ValueError):
    """A term that does not follow the documented syntax."""


@dataclass(frozen=True)
class _Grammar:
    """What a term's words may become in one language: endings, spelling variants, numbers, gap size."""

    endings: tuple[str, ...]
    ending_rx: str
    variants: dict
    numbers: tuple[str, ...]
    number_rx: str
    gap_rx: str
    anchors: frozenset


def _grammar(spec: LanguageSpec) -> _Grammar:
    endings = tuple(sorted(spec.endings, key=len, reverse=True))
    ending_rx = "(?:" + "|".join(_escape_piece(e) for e in endings) + ")?" if endings else ""
    variants: dict[str, tuple[str, ...]] = {}
    for group in spec.variants:
        group = tuple(dict.fromkeys(group))
        for word in group:
            known = variants.get(word, ())
            variants[word] = known + tuple(w for w in group if w not in known)
    numbers = tuple(n.casefold() for n in spec.numbers)
    number_words = [_phrase_rx(n) for n in sorted(numbers, key=len, reverse=True)]
    number_rx = "(?:" + "|".join([r"\d+(?:[.,]\d+)*"] + number_words) + ")"
    gap_rx = f"(?:{_GAP_SEPARATOR}\\w+){{0,{spec.gap}}}?{_GAP_SEPARATOR}"
    anchors = frozenset(a.casefold() for a in spec.anchors)
    return _Grammar(endings, ending_rx, variants, numbers, number_rx, gap_rx, anchors)


def _escape_piece(text: str) -> str:
    return _APOSTROPHE.join(re.escape(part) for part in text.split("'"))


def _phrase_rx(text: str) -> str:
    return _SPACE.join(_escape_piece(w) for w in text.split(" "))


@dataclass(frozen=True)
class _Piece:
    """One hyphen-free piece of a term's word: its regex and the spellings a matching word starts with."""

    regex: str
    spellings: tuple[str, ...]  # casefolded; what the piece's first word can be (before endings)


def _piece(piece: str, grammar: _Grammar, last: bool) -> _Piece:
    lead = re.match(r"^[^\w']*", piece).group()
    rest = piece[len(lead):]
    trail = re.search(r"[^\w']*$", rest).group()
    core = rest[: len(rest) - len(trail)]
    possessive = False
    lowered = core.casefold()
    for mark in ("'s", "s'"):
        if lowered.endswith(mark) and len(core) > len(mark):
            core, possessive = core[: -len(mark)], True
            lowered = core.casefold()
            break
    spellings = grammar.variants.get(lowered, (lowered,))
    written = spellings if lowered in grammar.variants else (core,)  # keep an acronym's capitals
    body = "(?:" + "|".join(_escape_piece(s) for s in sorted(written, key=len, reverse=True)) + ")"
    if core and core[-1].isalpha() and (last or possessive):
        body += grammar.ending_rx or (_APOSTROPHE + "s" if possessive else "")
    return _Piece(re.escape(lead) + body + re.escape(trail), tuple(spellings))


@dataclass(frozen=True)
class _Term:
    regex: str  # anchored at the term's first word; ends at a word boundary
    first_words: tuple[str, ...]  # casefolded words a match can start with ("#" terms: the number words)
    numeric: bool  # starts with a number
    required: tuple[str, ...]  # casefolded spellings of which one must occur in any match (the pre-filter)


def _word_keys(spelling: str, grammar: _Grammar) -> set[str]:
    """The \\w+ words a spelling may appear as, once an ending is added: "women" -> women, womens, womenes."""
    head = spelling.split("'")[0]
    if "'" in spelling or not head:
        return {head} if head else set()
    keys = {head}
    for ending in grammar.endings:
        keys.add(head + ending.split("'")[0])
    return {WORD.match(k).group() if WORD.match(k) else k for k in keys}


def compile_term(term: str, grammar: _Grammar) -> _Term:
    """Translate one term of the documented mini-syntax into a regex (no lexicon text unescaped)."""
    tokens = term.split(" ")
    if tokens[0] == ".." or tokens[-1] == "..":
        raise TermError("'..' must stand between two words")
    if tokens[0] != "#" and not re.match(r"\w", tokens[0]):
        raise TermError("a term must start with a letter or a digit")
    if tokens.count("..") > _MAX_GAPS_PER_TERM:
        # each gap may end at any of `gap` words: k gaps in one term could be tried gap**k ways
        raise TermError(f"at most {_MAX_GAPS_PER_TERM} '..' in one term")
    out: list[str] = []
    pieces_seen: list[_Piece] = []
    previous_gap = True  # no separator before the first token
    first_words: tuple[str, ...] = ()
    numeric = False
    for position, token in enumerate(tokens):
        if token == "..":
            if previous_gap:
                raise TermError("'..' must stand between two words")
            out.append(grammar.gap_rx)
            previous_gap = True
            continue
        if not previous_gap:
            out.append(_SPACE)
        previous_gap = False
        if token == "#":
            out.append(grammar.number_rx)
            if position == 0:
                numeric = True
                first_words = tuple(sorted({n.split(" ")[0] for n in grammar.numbers}))
            continue
        parts = _HYPHEN_SPLIT.split(token)
        non_empty = [i for i, p in enumerate(parts) if p]
        if not non_empty or not any(re.search(r"\w", p) for p in parts):
            raise TermError(f"{token!r} has no letters or digits")
        built = [_piece(p, grammar, i == non_empty[-1]) if p else None for i, p in enumerate(parts)]
        out.append(_HYPHEN.join(b.regex if b else "" for b in built))
        pieces_seen.extend(b for b in built if b)
        if position == 0:
            first = built[0]
            first_words = tuple(sorted({k for s in first.spellings for k in _word_keys(s, grammar)}))
    body = "".join(out)
    if _ACRONYM.match(term.replace(" ", "")):
        body = f"(?-i:{body})"
    return _Term(body + r"(?!\w)", first_words, numeric, _required(pieces_seen, grammar))


def _required(pieces: list[_Piece], grammar: _Grammar) -> tuple[str, ...]:
    """The piece the pre-filter looks for: an anchor word if the term has one, else its longest piece."""
    candidates = [p for p in pieces if any(re.search(r"\w", s) for s in p.spellings)]
    anchored = [p for p in candidates if any(s in grammar.anchors for s in p.spellings)]
    best = (anchored or sorted(candidates, key=lambda p: -min(len(s) for s in p.spellings)))[0]
    return tuple(s.split("'")[-1] if s.startswith(("l'", "d'")) else s for s in best.spellings)


# --------------------------------------------------------------------------------------------------
# Compiling a language


class _Builder:
    """Collects phrase sets; phrases are filed under their first word for the matcher's index."""

    def __init__(self, grammar: _Grammar, source: str):
        self.grammar = grammar
        self.source = source
        self.next_id = 0
        self.by_word: dict[str, dict[int, list[str]]] = {}
        self.numeric: dict[int, list[str]] = {}
        self.required: set[str] = set()

    def add(self, terms: tuple[str, ...], where: str, core: bool = False) -> int | None:
        if not terms:
            return None
        set_id = self.next_id
        self.next_id += 1
        # Longest first: where several phrases of a set start at one word, the longest is tried first.
        for term in sorted(set(terms), key=lambda t: (-len(t), t)):
            try:
                compiled = compile_term(term, self.grammar)
            except TermError as exc:
                raise _fail(f"{where}: term {term!r}: {exc}", self.source) from None
            if compiled.numeric:
                self.numeric.setdefault(set_id, []).append(compiled.regex)
            for word in compiled.first_words:
                self.by_word.setdefault(word, {}).setdefault(set_id, []).append(compiled.regex)
            if core:
                self.required.update(compiled.required)
        return set_id

    def index(self) -> tuple[dict, tuple]:
        def entries(groups: dict[int, list[str]]):
            return tuple((set_id, "|".join(rx)) for set_id, rx in sorted(groups.items()))

        return {word: entries(groups) for word, groups in self.by_word.items()}, entries(self.numeric)

    def prefilter(self) -> re.Pattern | None:
        """A regex of the required spellings as a character trie, searched in casefolded text.

        A trie ("m(?:aternal|others)") makes the regex engine try one branch per character instead of
        one per word, and it has no lookbehind, so the engine can skip quickly to the first letters.
        A few more units pass (it also finds "grapes"), which costs nothing but a failed scan."""
        if not self.required:
            return None
        return re.compile(_trie_regex(sorted({w.replace("\u2019", "'") for w in self.required})))


def _trie_regex(words: list[str]) -> str:
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
    index, numeric = builder.index()
    return CompiledLanguage(spec.language, tuple(rules), builder.prefilter(), index, numeric)


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
    """The lexicons that ship with mandiff, read once per process and compiled when first needed."""
    return Lexicon(tuple((read_shipped(code), f"lexicon_{code}.toml") for code in SHIPPED_LANGUAGES))


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
        return Lexicon(((_standalone(user), source),)).check()
    specs = []
    for base, base_source in shipped_lexicon().specs:
        if user.language in (None, base.language):
            specs.append((merge_specs(base, user), source))
        else:
            specs.append((base, base_source))
    if user.language is not None and user.language not in SHIPPED_LANGUAGES:
        specs.append((_standalone(user), source))
    return Lexicon(tuple(specs)).check()
