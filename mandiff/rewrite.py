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
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from .align import MATCH_MIN, STOPWORDS, dice, words
from .grammar.clauses import ADVERBS, BODY_OPENERS, COUNCIL_VERBS
from .grammar.dates import MONTH_NUMBER
from .grammar.numbering import from_roman
from .model import Paragraph

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
    return tomllib.loads(resources.files("mandiff").joinpath("data/subject.toml").read_text("utf-8"))


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


def _slots(alignment, size_old: int, size_new: int) -> dict[int, tuple[tuple[int, int], tuple[int, int]]]:
    """For each dropped unit, the kept units around it (the pairs on the aligner's order-preserving
    chain just before and just after it), as (old, new) indices; the texts' ends stand in for missing ones."""
    anchors = sorted(alignment.in_order)
    out = {}
    for i in alignment.dropped:
        before = max((a for a in anchors if a[0] < i), default=(-1, -1))
        after = min((a for a in anchors if a[0] > i), default=(size_old, size_new))
        out[i] = (before, after)
    return out


def link_rewritten(olds: tuple[Paragraph, ...], news: tuple[Paragraph, ...], alignment) -> tuple[Rewrite, ...]:
    """Link units of OLD that the aligner dropped to units of NEW that it added, when they share the
    subject (see the module docstring). ``alignment`` is ``align.align``'s answer for the two texts."""
    dropped, added = alignment.dropped, alignment.added
    if not dropped or not added:
        return ()
    tokens = [subject_words(p.text) for p in olds + news]
    df: Counter = Counter()  # how many units of the two texts use each stem
    lower: set[str] = set()  # stems written in lower case somewhere: not names
    for unit in tokens:
        df.update({t.stem for t in unit})
        lower.update(t.stem for t in unit if not t.capital and t.place > 0)
    units = len(tokens)
    common = max(COMMON_UNITS, COMMON_SHARE * units)

    def weight(stem: str) -> float:
        rarity = math.log((units + 1) / (df[stem] + 0.5))
        return rarity if stem in lower else NAME_WEIGHT * rarity

    def subjects(k: int) -> set[str]:
        return {t.stem for t in tokens[k] if df[t.stem] <= common}

    slots = _slots(alignment, len(olds), len(news))
    added_set = set(added)
    sorts = {j: renewal_sort(news[j].text) for j in added}
    old_count, new_count = max(1, len(olds) - 1), max(1, len(news) - 1)
    candidates = []
    for i in dropped:
        a = subjects(i)
        wa = sum(weight(x) for x in a)
        (before_old, before_new), (after_old, after_new) = slots[i]
        gap = [j for j in range(before_new + 1, after_new) if j in added_set]
        alone = len(gap) == 1 and sum(1 for k in dropped if before_old < k < after_old) == 1
        old_words = words(olds[i].text)
        old_sort = renewal_sort(olds[i].text)
        for j in added:
            b = subjects(len(olds) + j)
            shared = a & b
            same_sort = old_sort if old_sort and old_sort == sorts[j] and olds[i].kind == news[j].kind else None
            if sum(1 for x in shared if x in lower) < MIN_SHARED and not same_sort:
                continue
            new_words = words(news[j].text)
            similarity = dice(Counter(old_words), Counter(new_words), len(old_words), len(new_words))
            if similarity >= MATCH_MIN:
                continue
            share = sum(weight(x) for x in shared) / math.sqrt(wa * sum(weight(x) for x in b)) if shared else 0.0
            slot = alone and j in gap
            score = (share + SIM_WEIGHT * similarity - ORDER_WEIGHT * abs(i / old_count - j / new_count)
                     + (SLOT_BONUS if slot else 0.0) + (SORT_BONUS if same_sort else 0.0))
            if score >= LINK_MIN:
                candidates.append((-score, i, j, similarity, shared, same_sort, slot))
    links: list[Rewrite] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for neg_score, i, j, similarity, shared, sort, slot in sorted(candidates, key=lambda c: c[:3]):
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        links.append(Rewrite(i, j, similarity, -neg_score, _phrases(shared, tokens[len(olds) + j]), sort, slot))
    return tuple(sorted(links, key=lambda r: (r.old, r.new)))
