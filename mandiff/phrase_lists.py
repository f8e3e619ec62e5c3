"""The phrase lists of ``data/softening.toml`` and ``data/strength.toml`` (modals, inner verbs, hedges,
scope words, deadlines, reporting requests, qualifiers), and where a text holds their phrases.

``softening.py`` judges what a change of them means; this module only finds them, exactly as each list's
regular expression would (the syntax is in ``data/softening.toml``'s header), but without compiling the
lists' large alternations in every process: plain phrases are followed on the case-folded words, and only
a phrase with a placeholder or a gap gets a small regular expression, compiled where a text could hold it.
"""

import re
from functools import lru_cache
from typing import NamedTuple

from .grammar.dates import MONTH_ALTERNATION, MONTHS_EN, MONTHS_FR
from .lexicon import _phrase_rx
from .matcher import UNFOLLOWABLE, fold
from .package_data import data_toml

# The side a change of a phrase is on (``PhraseList.added`` / ``removed``).
WEAKER, STRONGER, NEUTRAL = "weaker", "stronger", "neutral"


class Match(NamedTuple):
    key: str  # the phrase as listed (lower case): what is counted
    start: int
    end: int
    text: str  # as written in the document, spaces folded

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


_FIRST_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


class PhraseList:
    """A list of phrases, how two of them compare, and what an addition or a removal of one means.

    A plain class with slots, compared and hashed by identity (the lists are loaded once): a frozen
    dataclass cost every process a millisecond to build."""

    __slots__ = ("name", "keys", "by_first_word", "grade", "removed", "added", "local", "whole")

    def __init__(self, name: str, keys: tuple[str, ...], by_first_word: dict, grade: dict,
                 removed: str | None, added: str | None, local: bool, whole: bool):
        self.name = name
        self.keys = keys  # the phrases as listed, lower case, spaces folded
        self.by_first_word = by_first_word  # first word (lower case) -> its phrases, the longest first
        self.grade = grade  # key -> strength, for a scale; empty otherwise
        self.removed = removed  # the side a removal is on (None: a removal alone says nothing)
        self.added = added
        self.local = local  # counts only where the words around it were kept
        self.whole = whole  # removed only when the paragraph has fewer of the list's phrases in all (added: more)

    def find(self, text: str) -> list[Match]:
        """Every phrase of the list in ``text``, in order, the longest where two start at one word."""
        return find_phrases((self,), text)[0]

    def strip(self, text: str) -> str:
        """``text`` without the list's phrases."""
        parts, at = [], 0
        for m in self.find(text):
            parts.append(text[at:m.start])
            at = m.end
        return " ".join(parts + [text[at:]])


_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty-four|twenty|"
                 "thirty|forty-five|forty|sixty|ninety|hundred|une|un|deux|trois|quatre-vingt-dix|quatre|cinq|"
                 "sept|huit|neuf|dix|douze|quinze|vingt|trente|soixante|cent")
_PLACEHOLDERS = {
    "{date}": rf"(?:\d{{1,2}}(?:er)?\s+)?(?:{MONTH_ALTERNATION})\s+\d{{4}}",
    "{year}": r"(?:19|20)\d\d",
    "{number}": rf"(?:\d+|{_NUMBER_WORDS})",
    "{period}": r"(?:days?|weeks?|months?|years?|jours|semaines|mois|ans|années)",
}
# What a placeholder's match always contains (one of these, case folded), to try its regex only where
# the text could match it. {number} may be written in any script's digits: no such test. A date's month
# stands between white space ("by 30 June 2032"), so it is looked for among the text's whole words.
_PLACEHOLDER_NEEDS = {
    "{date}": MONTHS_EN + MONTHS_FR,
    "{year}": ("19", "20"),
    "{period}": ("day", "week", "month", "year", "jours", "semaines", "mois", "ans", "années"),
}
_WHOLE_NEEDS = frozenset({"{date}"})
# What a placeholder's match starts with: a digit (``\d``) where it may, else one of these words (case
# folded): a phrase's regex is tried at a position only where the text holds them there.
_PLACEHOLDER_STARTS = {
    "{date}": (True, MONTHS_EN + MONTHS_FR),
    "{year}": (False, ("19", "20")),
    "{number}": (True, tuple(_NUMBER_WORDS.split("|"))),
    "{period}": (False, ("day", "week", "month", "year", "jours", "semaines", "mois", "ans", "années")),
}
_GAP = r"(?:\s+[^\W\d_][\w'’-]*){0,4}"  # "..": up to four words, none of them a number


def _phrase_regex(phrase: str) -> str:
    """A listed phrase as a regex: its words with any spaces between, placeholders and gaps filled in."""
    out = []
    for k, word in enumerate(phrase.split(" ")):
        if word == "..":
            out.append(_GAP)
            continue
        out.append(("" if k == 0 else r"\s+") + (_PLACEHOLDERS.get(word) or _phrase_rx(word)))
    return "".join(out)


class _Phrase(NamedTuple):
    key: str  # as listed, lower case: what a match reports


class _Group:
    """The phrases that start with one word, of each list that has some, matched at a position of a
    text exactly as each list's alternation ``(?:phrase1|phrase2|...)(?![\\w-])`` (``_phrase_regex`` of
    each, the longest key first, case ignored) would match there, without compiling it: a compiled
    pattern cannot be kept between processes, and compiling the lists' alternations cost every
    ``diff`` 10-25 ms.

    A phrase of plain words is followed on the case-folded text (``matcher.fold``: equal exactly where
    ``re.IGNORECASE`` matches; an apostrophe finds ' ’ ‘ `). Since one space of a phrase finds a run of
    white space, each word but the last is a whole white-space-delimited chunk of the text, and the last
    one starts the next chunk and is followed by neither a word character nor a hyphen; so the phrases
    of all the lists form one tree of words, walked once along the text. A phrase with a placeholder or
    a gap keeps its own small regex, compiled the first time a text holds all its plain words (and, for
    a placeholder, a word it needs) after the position, so that a text compiles the few it could match.
    In each list, of the phrases that match, the one listed first in the alternation wins, as in the
    regex."""

    __slots__ = ("lists", "tree", "regexes", "_compiled")

    def __init__(self, lists: tuple[tuple[int, tuple[_Phrase, ...]], ...]):
        self.lists = lists  # (list number, its phrases that start with the word, the longest key first)
        self.tree = None  # built the first time a text holds the word

    def _prepare(self) -> None:
        # a node: ([(list, rank, last word, phrase) of the phrases ending with a word here], {next word:
        # node}, one more than the longest next word)
        tree, self.regexes, self._compiled = ([], {}), [], {}
        for k, phrases in self.lists:
            regexes = []
            for rank, phrase in enumerate(phrases):
                words = phrase.key.split(" ")
                if UNFOLLOWABLE.intersection(phrase.key) or any(w == ".." or w in _PLACEHOLDERS for w in words):
                    regexes.append((rank, phrase))
                    continue
                node = tree
                for word in words[:-1]:
                    node = node[1].setdefault(fold(word), ([], {}))
                node[0].append((k, rank, fold(words[-1]), phrase))
            if regexes:
                self.regexes.append((k, tuple(regexes)))
        self.tree = _with_widths(tree)

    def match(self, text: str, folded: str, at: int, after: list[int], last: dict) -> dict | None:
        """{list number: (rank, phrase, end)} for the phrases that start at ``at``, of the lists whose
        last phrase ended by then (``after``), or None. ``folded`` is ``fold(text)``; ``last`` caches
        what ``_could_start`` found in the text."""
        if self.tree is None:
            self._prepare()
        best, size = None, len(text)
        ends, children, width = self.tree
        pos = at
        while True:
            for k, rank, word, phrase in ends:  # each list's in rank order
                if at < after[k] or (best and k in best and best[k][0] < rank):
                    continue
                if folded.startswith(word, pos):
                    end = pos + len(word)
                    if end == size or not (text[end].isalnum() or text[end] in _ALSO_WORD):  # (?![\w-])
                        if best is None:
                            best = {}
                        best[k] = (rank, phrase, end)
            if not width:
                break
            chunk = folded[pos:pos + width].split(None, 1)[0]  # up to the next white space (pos is none)
            node = children.get(chunk)
            pos += len(chunk)
            if node is None or pos == size:  # a word that is no phrase's, or that ends the text
                break
            while pos < size and text[pos].isspace():
                pos += 1
            if pos == size:
                break
            ends, children, width = node
        for k, regexes in self.regexes:
            if at < after[k]:
                continue
            for rank, phrase in regexes:  # only those listed before the plain phrase found
                if best and k in best and best[k][0] < rank:
                    break
                end = self._match_regex(phrase, text, folded, at, last)
                if end is not None:
                    if best is None:
                        best = {}
                    best[k] = (rank, phrase, end)
                    break
        return best

    def _match_regex(self, phrase: _Phrase, text: str, folded: str, at: int, last: dict) -> int | None:
        if not _starts_here(phrase.key, text, folded, at) or not _could_start(phrase, folded, at, last):
            return None
        regex = self._compiled.get(phrase)
        if regex is None:
            regex = self._compiled[phrase] = re.compile(rf"(?:{_phrase_regex(phrase.key)})(?![\w-])", re.IGNORECASE)
        m = regex.match(text, at)
        return m.end() if m else None


_ALSO_WORD = "_-"  # besides letters and digits, what a phrase may not be followed by


def _with_widths(node: tuple) -> tuple:
    """A node of a group's tree with, third, one more than its longest next word (0: none)."""
    ends, children = node
    width = max(map(len, children), default=-1) + 1
    return ends, {word: _with_widths(child) for word, child in children.items()}, width


@lru_cache(maxsize=None)
def _regex_needs(key: str) -> tuple[tuple[tuple[str, ...], bool], ...]:
    """What a phrase's regex match always contains after its start, each as (folded strings of which one
    is needed, whether as a whole white-space-delimited word): each plain word, and one of the words a
    placeholder needs (a word with a character that folding cannot stand for needs nothing)."""
    words = key.split(" ")
    plain = tuple(((fold(w),), False) for w in words
                  if w != ".." and w not in _PLACEHOLDERS and not UNFOLLOWABLE.intersection(w))
    return plain + tuple((tuple(fold(n) for n in _PLACEHOLDER_NEEDS[w]), k > 0 and w in _WHOLE_NEEDS)
                         for k, w in enumerate(words) if w in _PLACEHOLDER_NEEDS)


@lru_cache(maxsize=None)
def _leading_steps(key: str) -> tuple[tuple[str, ...], tuple[bool, tuple[str, ...]] | None]:
    """What a phrase's regex match begins with, to check before the regex is compiled: its folded plain
    words up to the first gap, placeholder or word that folding cannot stand for, then the placeholder's
    start (see ``_PLACEHOLDER_STARTS``) when a placeholder comes first, else None."""
    plain = []
    for word in key.split(" "):
        if word in _PLACEHOLDER_STARTS:
            digits, words = _PLACEHOLDER_STARTS[word]
            return tuple(plain), (digits, tuple(fold(w) for w in words))
        if word == ".." or word in _PLACEHOLDERS or UNFOLLOWABLE.intersection(word):
            break
        plain.append(fold(word))
    return tuple(plain), None


def _starts_here(key: str, text: str, folded: str, at: int) -> bool:
    """Whether the text at ``at`` begins as the phrase's regex needs: its leading plain words, each after
    the first behind white space (``\\s+``), then the start of its placeholder. Most positions where a
    phrase with a placeholder could start fail here ("within the", "by the"), and its regex is never
    compiled (each cost 0.2-1 ms to compile)."""
    words, placeholder = _leading_steps(key)
    pos, size = at, len(text)
    for k, word in enumerate(words):
        if k:
            if pos == size or not text[pos].isspace():
                return False
            while pos < size and text[pos].isspace():
                pos += 1
        if not folded.startswith(word, pos):
            return False
        pos += len(word)
    if placeholder is None:
        return True
    if words:
        if pos == size or not text[pos].isspace():
            return False
        while pos < size and text[pos].isspace():
            pos += 1
    if pos == size:
        return False
    digits, starts = placeholder
    return (digits and text[pos].isdecimal()) or any(folded.startswith(w, pos) for w in starts)


def _could_start(phrase: _Phrase, folded: str, at: int, last: dict) -> bool:
    """Whether each of the phrase's needs still occurs in the text (``folded``) at or after ``at`` (a
    whole word: anywhere in it); ``last`` holds, per text, how far each need reaches."""
    for need in _regex_needs(phrase.key):
        reach = last.get(need)
        if reach is None:
            strings, whole = need
            if whole:
                words = last.get(None)
                if words is None:
                    words = last[None] = frozenset(folded.split())
                reach = len(folded) if words.intersection(strings) else -1
            else:
                reach = max(folded.rfind(n) for n in strings)
            last[need] = reach
        if reach < at:
            return False
    return True


def _family(name: str, phrases, grade=None, removed=None, added=None, local=False, whole=False) -> PhraseList:
    keys = tuple(dict.fromkeys(" ".join(p.lower().split()) for p in phrases))
    groups: dict[str, list[_Phrase]] = {}
    for i in sorted(range(len(keys)), key=lambda i: len(keys[i]), reverse=True):  # the longest phrase first
        groups.setdefault(_FIRST_WORD.match(keys[i].replace("’", "'")).group(0), []).append(_Phrase(keys[i]))
    return PhraseList(name, keys, groups, dict(grade or {}), removed, added, local, whole)


def find_phrases(lists: tuple[PhraseList, ...], text: str) -> list[list[Match]]:
    """The phrases of each list in ``text``. Each word is looked up once in one index of the lists'
    first words, so a paragraph is read in one pass whatever the lists' sizes."""
    index = _first_words(lists)
    found: list[list[Match]] = [[] for _ in lists]
    after = [0] * len(lists)
    folded, last = None, {}
    # a word is looked up in lower case, ’ as '. Lowering the whole text at once gives the same words
    # where no character lowers to two and no capital sigma (whose lower case depends on the letters
    # around it) is written; else each word is lowered alone.
    lowered = text.lower()
    whole = len(lowered) == len(text) and "\u03a3" not in text
    for word in _FIRST_WORD.finditer(lowered.replace("’", "'") if whole else text):
        group = index.get(word.group() if whole else word.group().lower().replace("’", "'"))
        if group is None:
            continue
        if folded is None:
            folded = fold(text)
        start = word.start()
        hits = group.match(text, folded, start, after, last)
        if hits:
            for k, (_rank, phrase, end) in hits.items():
                found[k].append(Match(phrase.key, start, end, " ".join(text[start:end].split())))
                after[k] = end
    return found


@lru_cache(maxsize=16)
def _first_words(lists: tuple[PhraseList, ...]) -> dict[str, _Group]:
    """first word -> the phrases of the lists that start with it"""
    index: dict[str, list] = {}
    for k, family in enumerate(lists):
        for first, phrases in family.by_first_word.items():
            index.setdefault(first, []).append((k, tuple(phrases)))
    return {first: _Group(tuple(entries)) for first, entries in index.items()}


def _data(name: str) -> dict:
    return data_toml(name)


def _phrases(data: dict, section: str) -> list[str]:
    return list(data[section]["en"]) + list(data[section]["fr"])


@lru_cache(maxsize=1)
def families() -> tuple[PhraseList, ...]:
    strength, soft = _data("strength.toml"), _data("softening.toml")
    modals = {k.lower(): int(v) for k, v in strength["modals"].items()}
    verbs = {" ".join(k.lower().split()): int(v) for k, v in strength["inner_verbs"].items()}
    return (
        _family("modal", modals, modals),
        _family("verb", verbs, verbs),
        _family("hedge", _phrases(soft, "hedges"), removed=STRONGER, added=WEAKER, local=True),
        _family("scope", _phrases(soft, "scope"), removed=WEAKER, added=STRONGER, local=True),
        _family("deadline", _phrases(soft, "deadlines"), removed=WEAKER, added=STRONGER, whole=True),
        _family("reporting", _phrases(soft, "reporting"), removed=WEAKER, added=STRONGER, whole=True),
        _family("qualifier", strength["qualifiers"]["phrases"], removed=WEAKER, added=STRONGER, local=True),
    )


@lru_cache(maxsize=1)
def list_words() -> tuple[frozenset, frozenset]:
    lists = _data("softening.toml")["lists"]
    return frozenset(w.lower() for w in lists["actors"]), frozenset(w.lower() for w in lists["places"])
