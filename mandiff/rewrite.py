"""Rewritten paragraphs: a dropped unit of OLD whose place an added unit of NEW takes.

Renewals restate a reporting request with new dates, rewrite a call to the parties around the same task,
turn an "Urges" into a "Welcomes". The aligner pairs units by their words (Dice >= ``align.MATCH_MIN``),
so such a paragraph is reported dropped and its successor new, and "dropped" claims more than the text
says. This module links the two as ``rewritten``, a weaker claim, shown with the subject words they
share so that a reader can judge it (lower confidence: read both).

Evidence about the subject, never the drafting alone:

- subject words: the content words two units share, less the Council's own vocabulary
  (``data/subject.toml``, the openers and verbs of ``data/drafting.toml``), months, numbers and words
  that most units of the two texts use (the mission, the country); each counts by how rare it is in
  the two texts, and names (words the texts only write capitalised: parties, places, the mission) count
  for less, because they say who, not what;
- the paragraphs every renewal has (the Secretary-General's report noted, a report requested, the
  mandate extended; ``[[renewal]]`` in ``data/subject.toml``): two of the
  same sort and kind are the same paragraph restated, even without a subject word in common;
- the place: the only unit dropped and the only one added between the same two kept units stand in the
  same place; a unit far from its old place in the order costs a little.

A link needs a shared subject word or the same sort; the score (weighted share of subject words, plus
half the plain word overlap, plus the place and sort bonuses, less the order cost) must reach
``LINK_MIN``; each unit is linked at most once, best first. Measured against links drawn by hand in
``benchmarks/bench_rewritten.py``; mandiff draws them only when asked (``compare(..., rewritten=True)``).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .align import MATCH_MIN, MAX_CANDIDATES, STOPWORDS, dice, words
from .grammar.clauses import ADVERBS, BODY_OPENERS, COUNCIL_VERBS
from .grammar.dates import MONTH_NUMBER
from .grammar.numbering import from_roman
from .model import Paragraph
from .package_data import data_toml

LINK_MIN = 0.50  # the score from which a dropped and an added unit are linked
MIN_SHARED = 1  # subject words (names aside) two units must share, unless they are of the same sort
COMMON_SHARE = 0.15  # a word in more than this share of the two texts' units (and in more than
COMMON_UNITS = 3  # this many) is the texts' own vocabulary (the mission, the country), not a subject
NAME_WEIGHT = 0.3  # what a name (a word only ever written capitalised) counts for, against 1
SIM_WEIGHT = 0.5  # how much the plain word overlap (Dice) adds
SLOT_BONUS = 0.3  # the only unit dropped and the only one added between the same two kept units
SORT_BONUS = 0.5  # both are the same paragraph every renewal has (the report noted, the extension ...)
ORDER_WEIGHT = 0.2  # how much a unit far from its old place in the order costs (relative distance)

_WORD = re.compile(r"[^\W_]+")
_HAS_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1)
def _data() -> dict:
    return data_toml("subject.toml")


def _stem(word: str) -> str:
    """The word without a plural ending, so that "observer" and "observers" are one subject word."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith(("s", "x")) and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=1)
def _boilerplate() -> frozenset[str]:
    found = {_stem(w) for language in _data()["boilerplate"].values() for w in language}
    found |= {_stem(w) for w in COUNCIL_VERBS | BODY_OPENERS | ADVERBS | STOPWORDS | set(MONTH_NUMBER)}
    return frozenset(found)


@dataclass(frozen=True)
class Token:
    """A subject word of a unit: its stem, the word in lower case, its place among the unit's words
    and whether it was written capitalised (not counting the unit's first word)."""

    stem: str
    word: str
    place: int
    capital: bool


def subject_words(text: str) -> list[Token]:
    """The words of ``text`` that can say what it is about (see the module docstring)."""
    stop = _boilerplate()
    out = []
    for place, match in enumerate(_WORD.finditer(text)):
        written = match.group()
        w = written.lower()
        if len(w) < 3 or _HAS_DIGIT.search(w) or from_roman(w) is not None:
            continue
        stem = _stem(w)
        if stem in stop or w in stop:
            continue
        out.append(Token(stem, w, place, place > 0 and written[:1].isupper()))
    return out


@dataclass(frozen=True)
class _Sort:
    """A paragraph every renewal has (``data/subject.toml``, ``[[renewal]]``)."""

    label: str
    leads: tuple[tuple[str, ...], ...]
    topic: frozenset[str]
    window: int


@lru_cache(maxsize=1)
def _sorts() -> tuple[_Sort, ...]:
    return tuple(_Sort(entry["label"], tuple(tuple(words(lead)) for lead in entry["lead"]),
                       frozenset(entry["topic"]), int(entry["window"])) for entry in _data()["renewal"])


def renewal_sort(text: str) -> str | None:
    """Which of the paragraphs every renewal has this one is ("extend the mandate", ...), if
    any: the first sort whose lead opens it, else the first without a lead that it matches."""
    tokens = words(text[:600])
    start = 0
    while start < len(tokens) and tokens[start] in ADVERBS:
        start += 1
    head = tokens[start:]
    led = [s for s in _sorts() if any(head[:len(lead)] == list(lead) for lead in s.leads)]
    for sort in led or [s for s in _sorts() if not s.leads]:
        if sort.topic & set(head[:sort.window]):
            return sort.label
    return None


@dataclass(frozen=True)
class Rewrite:
    """A dropped unit of OLD (index ``old``) whose place the added unit ``new`` of NEW takes."""

    old: int
    new: int
    similarity: float  # word overlap (Dice), below the aligner's MATCH_MIN by construction
    score: float  # what the link rests on (see the module docstring)
    shared: tuple[str, ...]  # the subject words (and phrases) both units use, as NEW writes them
    sort: str | None = None  # the paragraph every renewal has that both are, when they are one
    slot: bool = False  # the only unit dropped and the only one added at this place


def rewritten_reason(link: Rewrite) -> str:
    """Why two units are linked, as reports say it: "shares 'cantonment', 'armed groups'; lower
    confidence: read both" (with the sort of renewal paragraph both are, or their shared place)."""
    grounds = []
    if link.sort:
        grounds.append(f"both {link.sort}")
    if link.shared:
        grounds.append("shares " + ", ".join(f"'{w}'" for w in link.shared))
    if link.slot:
        grounds.append("the only paragraph dropped and the only one added at this place")
    return "; ".join(grounds) + "; lower confidence: read both"


def _phrases(stems: set[str], tokens: list[Token]) -> tuple[str, ...]:
    """The shared words in the order NEW uses them, words next to each other in the text joined into
    one phrase ("armed groups"), each phrase once."""
    out: list[str] = []
    run: list[Token] = []
    for token in tokens + [Token("", "", -2, False)]:
        if token.stem in stems and (not run or token.place == run[-1].place + 1):
            run.append(token)
            continue
        if run:
            phrase = " ".join(t.word for t in run)
            if phrase not in out:
                out.append(phrase)
        run = [token] if token.stem in stems else []
    return tuple(out)


@dataclass
class _Units:
    """The two texts' units as the linker reads them (OLD's units first, then NEW's): subject stems,
    their weights, words for the plain overlap, and which paragraph every renewal has each one is."""

    olds: tuple[Paragraph, ...]
    news: tuple[Paragraph, ...]

    def __post_init__(self):
        units = self.olds + self.news
        self.tokens = [subject_words(p.text) for p in units]
        df: Counter = Counter()  # how many units of the two texts use each stem
        self.lower: set[str] = set()  # stems written in lower case somewhere: not names
        for unit in self.tokens:
            df.update({t.stem for t in unit})
            self.lower.update(t.stem for t in unit if not t.capital and t.place > 0)
        size, common = len(units), max(COMMON_UNITS, COMMON_SHARE * len(units))
        self.weight = {stem: math.log((size + 1) / (n + 0.5)) * (1.0 if stem in self.lower else NAME_WEIGHT)
                       for stem, n in df.items()}
        self.subjects = [{t.stem for t in unit if df[t.stem] <= common} for unit in self.tokens]
        self.mass = [sum(self.weight[x] for x in stems) for stems in self.subjects]
        self.words = [Counter(words(p.text)) for p in units]
        self.sizes = [sum(c.values()) for c in self.words]
        self.sorts = [renewal_sort(p.text) for p in units]

    def new(self, j: int) -> int:
        """Where NEW's unit ``j`` is in the lists."""
        return len(self.olds) + j


def _places(alignment, size_old: int, size_new: int) -> dict[int, tuple[list[int], bool]]:
    """For each dropped unit, the added units between the same two kept units (the pairs on the aligner's
    order-preserving chain just before and just after it), and whether it and one of them are alone there."""
    anchors = sorted(alignment.in_order)
    keys = [a[0] for a in anchors]
    dropped, added = sorted(alignment.dropped), sorted(alignment.added)
    out = {}
    for i in dropped:
        k = bisect_left(keys, i)
        (before_old, before_new) = anchors[k - 1] if k > 0 else (-1, -1)
        (after_old, after_new) = anchors[k] if k < len(anchors) else (size_old, size_new)
        gap = added[bisect_right(added, before_new):bisect_left(added, after_new)]
        olds_here = bisect_left(dropped, after_old) - bisect_right(dropped, before_old)
        out[i] = (gap, len(gap) == 1 and olds_here == 1)
    return out


def _candidates(u: _Units, dropped, added) -> dict[int, set[int]]:
    """For each dropped unit, the added units worth scoring: those sharing the most subject weight
    (through an index of stems, the ones in many units left out, as in the aligner) and the nearest of
    the same renewal sort and kind. Bounded, so that two long unrelated texts stay fast."""
    postings: dict[str, list[int]] = {}
    by_sort: dict[tuple, list[int]] = {}
    for j in added:
        for stem in u.subjects[u.new(j)]:
            postings.setdefault(stem, []).append(j)
        if u.sorts[u.new(j)]:
            by_sort.setdefault((u.sorts[u.new(j)], u.news[j].kind), []).append(j)
    limit = max(8, len(added) // 10)
    old_count, new_count = max(1, len(u.olds) - 1), max(1, len(u.news) - 1)
    out = {}
    for i in dropped:
        hits: Counter = Counter()
        for stem in u.subjects[i]:
            found = postings.get(stem, ())
            if len(found) <= limit:
                for j in found:
                    hits[j] += u.weight[stem]
        best = {j for j, _w in sorted(hits.items(), key=lambda hit: (-hit[1], hit[0]))[:MAX_CANDIDATES]}
        same = by_sort.get((u.sorts[i], u.olds[i].kind), []) if u.sorts[i] else []
        best |= set(sorted(same, key=lambda j: (abs(i / old_count - j / new_count), j))[:MAX_CANDIDATES])
        out[i] = best
    return out


def link_rewritten(olds: tuple[Paragraph, ...], news: tuple[Paragraph, ...], alignment) -> tuple[Rewrite, ...]:
    """Link units of OLD that the aligner dropped to units of NEW that it added, when they share the
    subject (see the module docstring). ``alignment`` is ``align.align``'s answer for the two texts."""
    dropped, added = alignment.dropped, alignment.added
    if not dropped or not added:
        return ()
    u = _Units(tuple(olds), tuple(news))
    places = _places(alignment, len(olds), len(news))
    old_count, new_count = max(1, len(olds) - 1), max(1, len(news) - 1)
    scored = []
    for i, options in _candidates(u, dropped, added).items():
        gap, alone = places[i]
        for j in sorted(options):
            k = u.new(j)
            shared = u.subjects[i] & u.subjects[k]
            sort = u.sorts[i] if u.sorts[i] and u.sorts[i] == u.sorts[k] and olds[i].kind == news[j].kind else None
            if sum(1 for x in shared if x in u.lower) < MIN_SHARED and not sort:
                continue
            similarity = dice(u.words[i], u.words[k], u.sizes[i], u.sizes[k])
            if similarity >= MATCH_MIN:
                continue
            share = sum(u.weight[x] for x in shared) / math.sqrt(u.mass[i] * u.mass[k]) if shared else 0.0
            slot = alone and j in gap
            score = (share + SIM_WEIGHT * similarity - ORDER_WEIGHT * abs(i / old_count - j / new_count)
                     + (SLOT_BONUS if slot else 0.0) + (SORT_BONUS if sort else 0.0))
            if score >= LINK_MIN:
                scored.append((-score, i, j, similarity, shared, sort, slot))
    links: list[Rewrite] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for neg_score, i, j, similarity, shared, sort, slot in sorted(scored, key=lambda c: c[:3]):
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        links.append(Rewrite(i, j, similarity, -neg_score, _phrases(shared, u.tokens[u.new(j)]), sort, slot))
    return tuple(sorted(links, key=lambda r: (r.old, r.new)))
