"""Find lexicon terms in a text by walking its words, without compiling a regular expression per term.

Each term of the lexicon is defined by the regular expression that ``lexicon.py`` would write for it
(the syntax is explained at the top of ``data/lexicon_en.toml``), but compiling hundreds of such
expressions costs about 0.3 s in every process, and a compiled pattern cannot be kept between processes.
So a term is compiled instead into *steps* that this module follows on the text's words (the ``\\w+``
runs) and what lies between them, with plain string comparisons:

- a *piece* (a word of the term, with its spelling variants, endings and punctuation) is a list of
  literal strings; where the regular expression would match one, the text's words and separators equal
  the literal's word and non-word runs (compared case-folded as ``re.IGNORECASE`` does, an apostrophe
  standing for any of ``' ’ ‘ ```);
- a *connector* between pieces (a space, a hyphen, a ``..`` gap) is a test on the separator;
- ``#`` is a number in figures or in words.

The steps of all the terms that start with one word form a trie, walked once where the word occurs.
Where several paths lead to a term, the first in the order the regular expression tries them (spellings
longest first, endings in order, the shortest gap first) gives the match, so the spans are those of the
regular expression, character for character: ``tests/test_lexicon_steps.py`` holds the steps to each
term's regular expression on texts generated from the lexicon, ``tests/test_tag_golden.py`` the tagging
of the corpus to what it was. The few terms this model cannot follow (a gap beside a hyphen, curly quotes
written in a term) keep their regular expression.
"""

from __future__ import annotations

import re
from itertools import accumulate

from .lazy_regex import lazy

WORD = lazy(r"\w+")  # only to build a term's steps: a cached lexicon has them
_WORD_SPLIT = re.compile(r"(\w+)")
SPACE, HYPHEN, GAP = "space", "hyphen", "gap"

_HYPHENS = "-\u2010\u2011\u2012\u2013\u2014"  # what a hyphen of a term finds besides spaces
_GAP_CHARS = ",()'\u2019\u2018-\u2013\u2014/"  # besides spaces, what may stand between the words of a gap
_MAX_GAP_SEPARATOR = 40

# Characters that `re.IGNORECASE` treats as one letter although their uppercase is several letters.
_MULTI_LETTER_UPPER = {"\u1fd3": "\u0390", "\u1fe3": "\u03b0", "\ufb06": "\ufb05"}
# Characters a term may not contain if it is to be followed on words: curly quotes and backquotes match
# only themselves when written in a term (an apostrophe ' finds all four), and U+0345, not a word
# character, matches the word character iota when case is ignored.
UNFOLLOWABLE = frozenset("\u2019\u2018`\u0345\u03b9\u0399\u1fbe")


def _fold_char(char: str) -> str:
    """The one character that stands for ``char`` and all the characters re.IGNORECASE matches it with
    (but U+0345, which re matches with iota, stays itself: folding keeps word characters and others apart)."""
    if char == "\u0345":
        return char
    lower = "i" if char == "\u0130" else char.lower()  # str.lower gives two characters for İ; re uses "i"
    upper = lower.upper()
    if len(upper) == 1:
        back = upper.lower()
        if len(back) == 1:
            return back
    return _MULTI_LETTER_UPPER.get(lower, lower)


class _FoldTable(dict):
    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = self[code] = "'" if char in "\u2019\u2018`" else _fold_char(char)
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """``text`` with every character replaced by its case-folded stand-in, apostrophes by ``'``.

    Two characters are equal after folding exactly when ``re.IGNORECASE`` matches them; the length and
    the offsets of the text do not change."""
    lowered = text.lower()
    if text.isascii():
        return lowered.replace("`", "'") if "`" in lowered else lowered
    if len(lowered) != len(text):  # İ lowers to two characters: fold one character at a time
        return text.translate(_FOLD)
    # str.lower already is _fold_char for nearly every character (and folding a lowered character
    # gives what folding the character gives): replace the few that differ, apostrophes among them
    for char in set(lowered):
        if char > "\x7f" or char == "`":
            folded = _FOLD[ord(char)]
            if folded != char:
                lowered = lowered.replace(char, folded)
    return lowered


def literal_runs(literal: str) -> tuple[str, tuple[tuple[str, str], ...], str] | None:
    """A literal split into its first word, then (separator, word) pairs, then trailing non-word text;
    None when it does not start with a word character."""
    if WORD.fullmatch(literal):  # most literals: one word
        return literal, (), ""
    runs = [(m.start(), m.end()) for m in WORD.finditer(literal)]
    if not runs or runs[0][0] != 0:
        return None
    rest = tuple((literal[runs[k - 1][1] : runs[k][0]], literal[runs[k][0] : runs[k][1]]) for k in range(1, len(runs)))
    return literal[: runs[0][1]], rest, literal[runs[-1][1] :]


# --------------------------------------------------------------------------------------------------
# What the steps are made of


class Piece:
    """One word of a term: its alternatives as literals (spelling + ending + trailing punctuation), in
    the order the regular expression tries them, filed under their first word."""

    __slots__ = ("cased", "entries")

    def __init__(self, literals: list[str], cased: bool, entries: dict | None = None):
        self.cased = cased
        if entries is None:
            by_first: dict[str, list] = {}
            for literal in dict.fromkeys(literal if cased else fold(literal) for literal in literals):
                first, rest, final = literal_runs(literal)
                by_first.setdefault(first, []).append((rest, final))
            entries = {first: _literals(tuple(options)) for first, options in by_first.items()}
        # first word -> (whole word?, characters the others need after it, literals as (rest, final))
        self.entries: dict[str, tuple] = entries

    def data(self) -> tuple:
        """Plain data (for ``marshal``) from which ``item`` makes the piece again."""
        return "piece", self.cased, self.entries


def _piece_ends(options: list, word: int, words: list[str], seps: list[str]) -> list[tuple[int, int]]:
    """Where a piece can end when its literals that start with ``word``'s text are ``options``, in the
    regex's order: (last word, offset into the separator after it)."""
    found = []
    n = len(words)
    for rest, final in options:
        at = word
        for separator, next_word in rest:
            if at + 1 >= n or seps[at] != separator or words[at + 1] != next_word:
                break
            at += 1
        else:
            if final and not seps[at].startswith(final):
                continue
            state = (at, len(final))
            if state not in found:
                found.append(state)
    return found


class Number:
    """``#``: digits (with , or . between groups) or one of the language's number words, in that order."""

    __slots__ = ("cased", "by_first")

    def __init__(self, phrases: list[str], cased: bool, by_first: dict | None = None):
        self.cased = cased
        if by_first is None:
            by_first = {}  # first word -> its phrases, as lists of literal runs, in order
            for phrase in phrases:
                runs = tuple(literal_runs(w if cased else fold(w)) for w in phrase.split(" "))
                by_first.setdefault(runs[0][0], []).append(runs)
        self.by_first = by_first

    def data(self) -> tuple:
        return "number", self.cased, {first: tuple(phrases) for first, phrases in self.by_first.items()}

    def states(self, word: int, text: "Text") -> list[tuple[int, int]]:
        found = []
        words, seps, n = text.words, text.seps, text.n
        if words[word].isdecimal():
            # \d+(?:[.,]\d+)* is greedy: the longest run of groups first, then shorter ones
            at = word
            chain = [(at, 0)]
            while at + 1 < n and seps[at] in (".", ",") and words[at + 1].isdecimal():
                at += 1
                chain.append((at, 0))
            found.extend(reversed(chain))
        if self.cased:
            words, seps = text.cased_words, text.cased_seps
        raw = text.raw_seps
        for phrase in self.by_first.get(words[word], ()):
            at, offset = word, 0
            for k, (first, rest, final) in enumerate(phrase):
                if k:  # the words of a number are separated by spaces
                    if at + 1 >= n or not raw[at][offset:].isspace() or words[at + 1] != first:
                        break
                    at += 1
                ends = _piece_ends([(rest, final)], at, words, seps)
                if not ends:
                    break
                at, offset = ends[0]
            else:
                if (at, offset) not in found:
                    found.append((at, offset))
        return found


def item(data: tuple) -> Piece | Number:
    """The piece or number that ``data()`` described."""
    kind, cased, by_first = data
    if kind == "piece":
        return Piece((), cased, by_first)
    return Number((), cased, {first: list(phrases) for first, phrases in by_first.items()})


# --------------------------------------------------------------------------------------------------
# The text


class Text:
    """One text as the steps see it: its words (\\w+ runs) and the separators after them, folded.

    Folding keeps every character a word character or not, and the length, so the folded text splits
    into the same words at the same places as the text; word k is ``words[k]``, what follows it up to
    the next word (or the end) ``seps[k]``. Offsets in the text are worked out only for a match."""

    __slots__ = ("text", "words", "seps", "n", "_parts", "_raw_seps", "_cased", "_bounds", "_kinds")

    def __init__(self, text: str):
        self.text = text
        self._parts = parts = _WORD_SPLIT.split(fold(text))  # [before, word, separator, word, ..., separator]
        self.words = parts[1::2]
        self.seps = parts[2::2]
        self.n = len(self.words)
        # folding changes no separator character but apostrophes, and of those only ` is not in a gap
        self._raw_seps = None if "`" in text else self.seps
        self._cased = self._bounds = None
        self._kinds = [None] * self.n

    def keys(self) -> list[str]:
        """The words casefolded, as the lexicon files terms under their first words."""
        if self.text.isascii():
            return self.words
        if "\u0130" in self.text or "\u0131" in self.text:  # the only word characters whose casefold folding changes
            return [word.casefold() for word in _WORD_SPLIT.split(self.text)[1::2]]
        return [word.casefold() for word in self.words]

    @property
    def raw_seps(self) -> list[str]:
        """The separators as written (the character classes of spaces, hyphens and gaps look at these)."""
        if self._raw_seps is None:
            self._raw_seps = _WORD_SPLIT.split(self.text)[2::2]
        return self._raw_seps

    def _cased_parts(self) -> tuple[list[str], list[str]]:
        if self._cased is None:
            cased = self.text
            for apostrophe in "\u2019\u2018`":
                if apostrophe in cased:
                    cased = cased.replace(apostrophe, "'")
            parts = _WORD_SPLIT.split(cased)
            self._cased = (parts[1::2], parts[2::2])
        return self._cased

    @property
    def cased_words(self) -> list[str]:
        """The words as written (terms written in capitals keep their case)."""
        return self._cased_parts()[0]

    @property
    def cased_seps(self) -> list[str]:
        return self._cased_parts()[1]

    def start(self, word: int) -> int:
        """Where ``word`` starts in the text."""
        if self._bounds is None:
            self._bounds = list(accumulate(map(len, self._parts)))
        return self._bounds[2 * word]

    def end(self, word: int, offset: int) -> int:
        """Where a match that ends ``offset`` characters after ``word`` ends in the text."""
        self.start(word)
        return self._bounds[2 * word + 1] + offset

    def kind(self, word: int) -> int:
        """What the whole separator after ``word`` (not the last word) can be: _SPACE | _HYPHEN | _GAP bits."""
        kind = self._kinds[word]
        if kind is None:
            kind = self._kinds[word] = _kind(self.raw_seps[word])
        return kind


_SPACE_BIT, _HYPHEN_BIT, _GAP_BIT = 1, 2, 4
_GAP_TO_SPACE = str.maketrans({c: " " for c in _GAP_CHARS})
_KINDS = {" ": _SPACE_BIT | _HYPHEN_BIT | _GAP_BIT}  # separators seen: most texts use only a few


def _kind(x: str) -> int:
    kind = _KINDS.get(x)
    if kind is None:
        kind = (_SPACE_BIT if x.isspace() else 0) | (_HYPHEN_BIT if _is_hyphen(x) else 0) | (_GAP_BIT if _is_gap_separator(x) else 0)
        if len(_KINDS) < 4096:
            _KINDS[x] = kind
    return kind


def _is_hyphen(x: str) -> bool:
    if x.isspace():
        return True
    core = x.strip()
    return len(core) == 1 and core in _HYPHENS


def _is_gap_separator(x: str) -> bool:
    return len(x) <= _MAX_GAP_SEPARATOR and x.translate(_GAP_TO_SPACE).isspace()


def _fits(x: str, atoms: tuple[str, ...]) -> bool:
    """Whether ``x`` splits into one match of each atom in turn (a space, or a hyphen)."""
    if len(atoms) == 1:
        return bool(x) and (x.isspace() if atoms[0] == SPACE else _is_hyphen(x))
    return any(_fits(x[:k], atoms[:1]) and _fits(x[k:], atoms[1:]) for k in range(1, len(x)))


_ONE_SPACE, _ONE_HYPHEN, _ONE_GAP = (SPACE,), (HYPHEN,), (GAP,)


def _literals(options: tuple) -> tuple[bool, str, tuple]:
    """(whole word, needs, options): whether one of the literals is just the word, and the characters
    one of the others needs right after the word (if the separator starts with none of them, the piece
    ends with the word or not at all: the common case, decided without following the others)."""
    needs = "".join(sorted({(rest[0][0] if rest else final)[0] for rest, final in options if rest or final}))
    return ((), "") in options, needs, options


class _Edge:
    """The steps that follow one connector (and leading punctuation) from a trie node, by first word."""

    __slots__ = ("connector", "lead", "cased", "simple", "numbers", "by_first", "_children")

    def __init__(self, connector: tuple[str, ...], lead: str, cased: bool):
        self.connector = connector
        self.lead = lead
        self.cased = cased
        # one space or one hyphen, no leading punctuation, case ignored: the separator's kind says it all
        self.simple = 0
        if not lead and not cased:
            self.simple = _SPACE_BIT if connector == _ONE_SPACE else _HYPHEN_BIT if connector == _ONE_HYPHEN else 0
        self.numbers: list = []  # [(Number, node)]
        # first word -> [(literals of a piece from that word, node)]; a simple edge's pieces are filed at
        # its node instead, and here only when a piece ended inside a separator needs them (pieces())
        self.by_first: dict[str, list] = {}
        self._children: dict = {}  # piece or number -> node

    def child(self, item, parent: "_Node") -> "_Node":
        node = self._children.get(item)  # the lexicon makes one item per distinct piece or number
        if node is None:
            node = self._children[item] = _Node()
            simple = self.simple
            if type(item) is Number:
                self.numbers.append((item, node))
                simple = 0
            elif simple:  # filed at the node, by first word, where _follow looks first
                next_words = parent.next_words
                for first, literals in item.entries.items():
                    filed = next_words.get(first)
                    if filed is None:
                        next_words[first] = [(simple, literals, node)]
                    else:
                        filed.append((simple, literals, node))
                if self.by_first:
                    self.by_first = {}
            else:
                by_first = self.by_first
                for first, literals in item.entries.items():
                    filed = by_first.get(first)
                    if filed is None:
                        by_first[first] = [literals + (node,)]
                    else:
                        filed.append(literals + (node,))
            if not simple and self not in parent.other_edges:
                parent.other_edges.append(self)
        return node

    def pieces(self) -> dict[str, list]:
        """``by_first``, made for a simple edge when first needed."""
        if self.simple and not self.by_first:
            for item, node in self._children.items():
                if isinstance(item, Piece):
                    for first, literals in item.entries.items():
                        self.by_first.setdefault(first, []).append(literals + (node,))
        return self.by_first

    def targets(self, word: int, offset: int, text: Text, gap: int):
        """The words where the next piece may start, in the order the regular expression tries them."""
        connector = self.connector
        if not connector:
            return (word,)
        n = text.n
        if word + 1 >= n:
            return ()
        lead = self.lead
        if not offset and not lead:  # the whole separator: its kind is known
            if connector == _ONE_GAP:
                if not text.kind(word) & _GAP_BIT:
                    return ()
                found = [word + 1]
                at = word + 1
                for _ in range(gap):  # one more word in the gap each time
                    if at + 1 >= n or not text.kind(at) & _GAP_BIT:
                        break
                    at += 1
                    found.append(at)
                return found
            if connector == _ONE_SPACE:
                return (word + 1,) if text.kind(word) & _SPACE_BIT else ()
            if connector == _ONE_HYPHEN:
                return (word + 1,) if text.kind(word) & _HYPHEN_BIT else ()
        seps = text.cased_seps if self.cased else text.seps
        raw = text.raw_seps
        if lead and not seps[word][offset:].endswith(lead):
            return ()
        between = raw[word][offset : len(raw[word]) - len(lead)]  # what the connector must match
        if connector[0] != GAP:
            return (word + 1,) if _fits(between, connector) else ()
        found = []
        if _is_gap_separator(between):  # no word in the gap
            found.append(word + 1)
        if not _is_gap_separator(raw[word][offset:]):
            return found
        at = word + 1
        for _ in range(gap):  # one more word in the gap each time
            if at + 1 >= n:
                break
            if seps[at].endswith(lead) and _is_gap_separator(raw[at][: len(raw[at]) - len(lead)]):
                found.append(at + 1)
            if not text.kind(at) & _GAP_BIT:
                break
            at += 1
        return found


class _Node:
    """A point in the steps of some terms: the terms that end here, and what may follow.

    What follows is kept twice: ``next_words`` files the pieces that follow one space or one hyphen by
    their first word (most of the trie, and one dictionary look-up decides), ``other_edges`` holds the
    rest (gaps, numbers, punctuation, terms in capitals), followed edge by edge."""

    __slots__ = ("ends", "edges", "next_words", "other_edges")

    def __init__(self):
        self.ends: list = []  # the terms (set id, rank) that end here
        self.edges: list[_Edge] = []
        self.next_words: dict[str, list] = {}  # first word -> [(separator kind bit, a piece's literals, node)]
        self.other_edges: list[_Edge] = []


class Trie:
    """The terms that start with one word, by steps; terms only a regex can follow are kept aside."""

    __slots__ = ("root", "regexes", "gap")

    def __init__(self, gap: int):
        self.root = _Node()
        self.regexes: list = []  # (ref, compiled pattern)
        self.gap = gap

    def add(self, ref, steps) -> None:
        node = self.root
        for connector, lead, item in steps:
            cased = item.cased
            for edge in node.edges:  # the edge of this connector, lead and case, or a new one
                if edge.connector == connector and edge.lead == lead and edge.cased == cased:
                    break
            else:
                edge = _Edge(connector, lead, cased)
                node.edges.append(edge)
            node = edge.child(item, node)
        node.ends.append(ref)

    def match(self, word: int, text: Text) -> dict:
        """{ref: (word, offset) where it ends} of every term that matches at ``word``, each at its first
        match in the regex's order."""
        hits: dict = {}
        self._follow(self.root, word, 0, text, hits)
        if self.regexes:
            start = text.start(word)
            for ref, pattern in self.regexes:
                m = pattern.match(text.text, start)
                if m is not None and ref not in hits:
                    hits[ref] = (None, m.end())
        return hits

    def _follow(self, node: _Node, word: int, offset: int, text: Text, hits: dict) -> None:
        """Follow what may come after ``node`` from the end of its steps, (word, offset): depth first, each
        edge's targets and each piece's ends in regex order, so that the first hit of a term (whose steps
        are one path of the trie) is the match its regex would find."""
        if offset:  # after punctuation that ended a piece, every edge is followed on the rest of the separator
            edges = node.edges
        else:
            edges = node.other_edges
            if node.next_words and word + 1 < text.n:
                entries = node.next_words.get(text.words[word + 1])
                if entries is not None:
                    kind = text._kinds[word]
                    if kind is None:
                        kind = text.kind(word)
                    target = word + 1
                    after = text.seps[target][:1]
                    for bit, (whole, needs, options), child in entries:
                        if kind & bit:
                            if not after or after not in needs:
                                if whole:
                                    self._reach(child, target, 0, text, hits)
                            else:
                                for at, off in _piece_ends(options, target, text.words, text.seps):
                                    self._reach(child, at, off, text, hits)
        for edge in edges:
            words, seps = (text.cased_words, text.cased_seps) if edge.cased else (text.words, text.seps)
            if edge.connector == _ONE_GAP and not offset and not edge.lead:
                # most gaps lead nowhere: look for a first word among the words the gap could reach
                if edge.by_first.keys().isdisjoint(words[word + 1 : word + 2 + self.gap]) and not edge.numbers:
                    continue
            by_first = edge.pieces() if offset else edge.by_first
            for target in edge.targets(word, offset, text, self.gap) if edge.connector else (word,):
                after = seps[target][:1]
                for whole, needs, options, child in by_first.get(words[target], ()):
                    if not after or after not in needs:
                        if whole:
                            self._reach(child, target, 0, text, hits)
                    else:
                        for at, off in _piece_ends(options, target, words, seps):
                            self._reach(child, at, off, text, hits)
                for number, child in edge.numbers:
                    for at, off in number.states(target, text):
                        self._reach(child, at, off, text, hits)

    def _reach(self, node: _Node, word: int, offset: int, text: Text, hits: dict) -> None:
        """The steps up to ``node`` matched, ending at (word, offset)."""
        if node.ends and (offset < len(text.seps[word]) or word + 1 == text.n):  # the term must end a word
            for ref in node.ends:
                if ref not in hits:
                    hits[ref] = (word, offset)
        if (node.other_edges or offset and node.edges
                or node.next_words and word + 1 < text.n and text.words[word + 1] in node.next_words):  # fmt: skip
            self._follow(node, word, offset, text, hits)
