"""What softens or firms up a paragraph besides its opening verb, read from the word-level diff.

Negotiators weaken a mandate less by its opening verb than by what they do inside it: a modal
("shall" -> "may"), a hedge ("as appropriate", "within existing resources"), a weaker verb ("ensure" ->
"promote"), a scope cut ("all", "throughout", a region dropped from a list), a deadline or a reporting
request removed, a qualifier lost. The phrases are data (``data/strength.toml``, ``data/softening.toml``,
whose header says how they are read) so that an analyst can add one; ``phrase_lists.py`` finds them in a
text, this module says what a change of them means.

A reason must be true, so the evidence is the diff, never presence alone: a phrase is "added" only when
its words are in an insertion and the new text has it more often than the old one ("removed" the
reverse), so a hedge that was already there, or a word moved within the paragraph, is never reported.
Where a phrase takes the place of another of the same list, it "became" it, graded when the list is a
scale. A hedge, a scope word or a one-word qualifier counts only where the words around it were kept:
"all" lost with the whole clause it stood in is part of a rewrite, not a scope cut.
"""

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from typing import NamedTuple

from .diff import word_edits
from .lazy_regex import lazy
from .phrase_lists import _FIRST_WORD, NEUTRAL, STRONGER, WEAKER, Match, PhraseList, families, find_phrases, list_words


class Signal(NamedTuple):
    """One reason, on the weaker or the stronger side, or neutral (a change worth saying, neither)."""

    side: str
    reason: str


# ---- where the diff changed the texts ------------------------------------------------------------


_WORDY = re.compile(r"[^\W_]")
_WORDY_RUN = re.compile(r"[^\W_]+")
_LOCAL_WORDS = 2


class Changes:
    """The word-level diff as spans of the two texts: what was deleted from the old one, inserted in
    the new one, and where a span of one text lies in the other. Look-ups bisect sorted spans, so that
    a long paragraph full of phrases is read in n log n, not n².

    The diff is of the case-folded texts, so that "Strongly condemns" -> "Condemns" reads as "strongly"
    removed, not as two words replaced; the reasons quote the texts as written."""

    def __init__(self, old_text: str, new_text: str):
        old_fold, new_fold = old_text.casefold(), new_text.casefold()
        if len(old_fold) != len(old_text) or len(new_fold) != len(new_text):  # a letter that folds longer
            old_fold, new_fold = old_text, new_text
        self.old_text, self.new_text = old_text, new_text
        self.edits = []  # (op, old_start, old_end, new_start, new_end), one per edit of the diff
        o = n = 0
        for e in word_edits(old_fold, new_fold):
            size = len(e.text)
            oe = o + size if e.op != "+" else o
            ne = n + size if e.op != "-" else n
            self.edits.append((e.op, o, oe, n, ne))
            o, n = oe, ne
        self.segments = []  # the same, consecutive changes joined into one "~" segment
        for op, os_, oe, ns, ne in self.edits:
            op = "=" if op == "=" else "~"
            if op == "~" and self.segments and self.segments[-1][0] == "~":
                _op, os_, _oe, ns, _ne = self.segments.pop()
            self.segments.append((op, os_, oe, ns, ne))
        self._ends = {"old": [seg[2] for seg in self.segments], "new": [seg[4] for seg in self.segments]}
        changed = {"old": [self._trim(old_text, s, e) for op, s, e, _ns, _ne in self.edits if op == "-"],
                   "new": [self._trim(new_text, s, e) for op, _os, _oe, s, e in self.edits if op == "+"]}
        self._changed = {side: [r for r in ranges if r[0] < r[1]] for side, ranges in changed.items()}
        self._changed_ends = {side: [r[1] for r in ranges] for side, ranges in self._changed.items()}
        self._word_starts = {"old": [m.start() for m in _WORDY_RUN.finditer(old_text)],
                             "new": [m.start() for m in _WORDY_RUN.finditer(new_text)]}

    @staticmethod
    def _trim(text: str, start: int, end: int) -> tuple[int, int]:
        """A changed stretch from its first to its last letter or digit: punctuation and spaces changed
        around words never count."""
        first = _WORDY.search(text, start, end)
        if not first:
            return (start, start)
        last = max(m.end() for m in _WORDY_RUN.finditer(text, first.start(), end))
        return (first.start(), last)

    def words(self, side: str, lo: int, hi: int) -> int:
        """How many words of one text start in [lo, hi)."""
        starts = self._word_starts[side]
        return bisect_left(starts, hi) - bisect_left(starts, lo)

    def touched(self, span: tuple[int, int], side: str) -> bool:
        """Whether a word of ``span`` (of the old text for "old", the new one for "new") was changed."""
        k = bisect_right(self._changed_ends[side], span[0])  # the first changed range ending after the span starts
        ranges = self._changed[side]
        return k < len(ranges) and ranges[k][0] < span[1]

    def _from(self, side: str, pos: int, strict: bool = False) -> int:
        """The index of the first segment whose end on ``side`` is at or after (``strict``: after) ``pos``."""
        return (bisect_right if strict else bisect_left)(self._ends[side], pos)

    def local(self, span: tuple[int, int], side: str, kin: "_Kin | None" = None) -> bool:
        """Whether ``span`` changed in a small edit, not in a clause rewritten, added or removed around
        it: in the changed stretch that holds it, the other text has at most ``_LOCAL_WORDS`` words
        ("all" removed, or "all" -> "the"), and this text at most ``_LOCAL_WORDS`` + 1 words besides it
        and its ``kin`` (the phrases of its list on this side: "as appropriate and within existing
        resources" is two hedges and an "and")."""
        a, b = (1, 3) if side == "old" else (3, 1)
        other = "new" if side == "old" else "old"
        for seg in self.segments[self._from(side, span[0], strict=True):]:
            if seg[a] >= span[1]:
                break
            if seg[0] == "~":
                lo, hi = seg[a], seg[a + 1]
                listed = max(kin.words_within(lo, hi) if kin else 0, self.words(side, span[0], span[1]))
                return (self.words(other, seg[b], seg[b + 1]) <= _LOCAL_WORDS
                        and self.words(side, lo, hi) - listed <= _LOCAL_WORDS + 1)
        return True

    def place(self, span: tuple[int, int], side: str) -> tuple[int, int]:
        """Where ``span`` of one text (``side``: "old" or "new") lies in the other one. A span that
        starts or ends inside a changed stretch takes in the whole stretch that replaced it; an
        insertion just before or after the span is not part of it."""
        a, b = (1, 3) if side == "old" else (3, 1)  # where this side's and the other side's spans are in a segment
        lo = hi = None
        for seg in self.segments[self._from(side, span[0]):]:
            start, end, other_start, other_end = seg[a], seg[a + 1], seg[b], seg[b + 1]
            same = seg[0] == "="
            if lo is None and start <= span[0] <= end:
                lo = other_start + (span[0] - start) if same else other_start
            if hi is None and start <= span[1] <= end and (same or start < span[1]):
                hi = other_start + (span[1] - start) if same else other_end
            if hi is not None or start > span[1]:
                break
        lo = 0 if lo is None else lo
        return lo, max(lo, lo if hi is None else hi)


class _Kin:
    """The phrases of one list in one text, to count how many words of a stretch they hold."""

    def __init__(self, matches: list[Match], changes: Changes, side: str):
        self.starts = [m.start for m in matches]
        self.total = [0]
        for m in matches:
            self.total.append(self.total[-1] + changes.words(side, m.start, m.end))

    def words_within(self, lo: int, hi: int) -> int:
        """The words of the phrases that start in [lo, hi)."""
        return self.total[bisect_left(self.starts, hi)] - self.total[bisect_left(self.starts, lo)]


def _overlaps(match: Match, where: tuple[int, int]) -> bool:
    lo, hi = where
    if lo == hi:
        return match.start <= lo <= match.end
    return match.start < hi and lo < match.end


# ---- the signals ---------------------------------------------------------------------------------


def signals(old_text: str, new_text: str, opening: tuple[int, int] | None = None) -> list[Signal]:
    """Every softening and firming-up of ``old_text`` into ``new_text`` beyond the opening verb, each
    reason once. ``opening`` is where the opening verb starts in each text (old, new): a verb there is
    the opening verb's business, not an inner verb's."""
    changes = Changes(old_text, new_text)
    lists = families()
    out: list[Signal] = []
    for family, old, new in zip(lists, find_phrases(lists, old_text), find_phrases(lists, new_text)):
        out += _family_signals(family, old, new, changes, opening)
    out += _list_signals(changes)
    seen: set[str] = set()
    return [s for s in out if not (s.reason in seen or seen.add(s.reason))]


_MAX_SWAP_WORDS = 8  # a modal or a verb "became" another only within a change this small


def _family_signals(family: PhraseList, old: list[Match], new: list[Match], changes: Changes, opening) -> list[Signal]:
    if family.name == "modal":  # a modal inside a paragraph is written in lower case; "May" is the month
        old = [m for m in old if m.text.islower()]
        new = [m for m in new if m.text.islower()]
    if family.name == "verb" and opening is not None:
        old = [m for m in old if m.start != opening[0]]
        new = [m for m in new if m.start != opening[1]]
    count_old, count_new = Counter(m.key for m in old), Counter(m.key for m in new)
    gone = [m for m in old if count_new[m.key] < count_old[m.key]]  # fewer of this phrase in the new text
    come = [m for m in new if count_old[m.key] < count_new[m.key]]
    pairs: dict[int, int] = {}  # index in gone -> index in come
    taken: set[int] = set()
    come_ends, gone_ends = [m.end for m in come], [m.end for m in gone]
    for i, g in enumerate(gone):
        j = _partner(family, g, "old", come, come_ends, taken, changes)
        if j is not None:
            pairs[i] = j
            taken.add(j)
    for j, c in enumerate(come):
        if j not in taken:
            i = _partner(family, c, "new", gone, gone_ends, pairs.keys(), changes)
            if i is not None:
                pairs[i] = j
                taken.add(j)
    out = [_became(family, gone[i], come[j]) for i, j in sorted(pairs.items(), key=lambda p: gone[p[0]].start)]
    if family.whole and len(old) == len(new):
        return out  # as many requests (or deadlines) as before: restated in other words, none removed
    if family.whole and len(new) > len(old):
        gone = []
    elif family.whole:
        come = []
    if family.removed:
        kin = _Kin(old, changes, "old")
        out += [_alone(family, g, "old", changes, kin) for i, g in enumerate(gone) if i not in pairs]
    if family.added:
        kin = _Kin(new, changes, "new")
        out += [_alone(family, c, "new", changes, kin) for j, c in enumerate(come) if j not in taken]
    return [s for s in out if s is not None]


def _partner(family: PhraseList, match: Match, side: str, others: list[Match], ends: list[int], used: set,
             changes: Changes):
    """The phrase of the other text that took the place of ``match`` (an index in ``others``, whose
    ``ends`` are sorted), or None."""
    other_side = "new" if side == "old" else "old"
    lo, hi = changes.place(match.span, side)
    if family.grade and changes.words(other_side, lo, hi) > _MAX_SWAP_WORDS:
        return None
    for k in range(bisect_left(ends, lo), len(others)):
        other = others[k]
        if other.start > hi:
            break
        if k in used or other.key == match.key or not _overlaps(other, (lo, hi)):
            continue
        if not (changes.touched(match.span, side) or changes.touched(other.span, other_side)):
            continue
        if family.name == "qualifier" and not (_words(match.key) & _words(other.key)):
            continue  # "strongly" and "without delay" qualify different things: not one for the other
        return k
    return None


_AND = frozenset({"and", "et", "or", "ou"})


def _words(phrase: str) -> frozenset:
    return frozenset(w for w in re.findall(r"[^\W_]+", phrase.lower()) if w not in _AND)


def _became(family: PhraseList, old: Match, new: Match) -> Signal:
    reason = f"'{old.text}' became '{new.text}'"
    if family.name == "verb":
        reason += " inside the paragraph"
    if family.grade:
        a, b = family.grade[old.key], family.grade[new.key]
        side = NEUTRAL if a == b else (WEAKER if b < a else STRONGER)
    elif family.name == "qualifier":  # "full, effective and meaningful" -> "meaningful" says less
        a, b = _words(old.key), _words(new.key)
        side = WEAKER if b < a else STRONGER if a < b else NEUTRAL
    else:
        side = NEUTRAL
    return Signal(side, reason)


_REMOVED = {"hedge": "removed the hedge '{}'", "deadline": "removed the deadline '{}'",
            "reporting": "removed the reporting request '{}'"}
_ADDED = {"hedge": "added the hedge '{}'", "deadline": "added the deadline '{}'",
          "reporting": "added the reporting request '{}'"}


def _alone(family: PhraseList, m: Match, side: str, changes: Changes, kin: "_Kin") -> Signal | None:
    """A phrase removed (``side`` "old") or added ("new") with nothing of its list in its place;
    ``kin`` are the phrases of the list on that side."""
    if not changes.touched(m.span, side):
        return None  # its words are all still there: a longer phrase of the other text holds them
    formula = family.name == "qualifier" and bool(_FORMULA.search(m.key))
    if family.local and not formula and not changes.local(m.span, side, kin):
        return None  # a formula ("full, effective and meaningful") counts even inside a rewrite
    other = changes.new_text if side == "old" else changes.old_text
    lo, hi = changes.place(m.span, side)
    there = other[lo:hi]
    if family.name == "deadline" and re.search(r"\d", there) and len(there.split()) <= 6:
        return None  # a date still stands in its place ("by 31 May" -> "by 30 November 198?")
    if family.name == "qualifier" and " " not in m.key and _one_word(there):
        was, now = (m.text, there.strip()) if side == "old" else (there.strip(), m.text)
        return Signal(NEUTRAL, f"'{was}' became '{now}'")
    if side == "old":
        return Signal(family.removed, _REMOVED.get(family.name, "removed '{}'").format(m.text))
    return Signal(family.added, _ADDED.get(family.name, "added '{}'").format(m.text))


_FORMULA = lazy(r",| and | et ")  # "full, effective and meaningful", "pleine et égale"


def _one_word(there: str) -> bool:
    """Whether a one-word qualifier's place holds one other word: "effective" -> "efficient", "full" ->
    "fullest" is a change of wording, not a qualifier lost."""
    return len(re.findall(r"[^\W_]+(?:-[^\W_]+)*", there)) == 1


# ---- an actor or a place removed from a list, or added to one ------------------------------------

# A list item: a connector, then a few words that are not the start of a clause.
_LEAD = r"(?:as well as|ainsi que|and|or|et|ou)"
_CONNECTOR = lazy(rf"^\s*(?:,\s*(?:{_LEAD}\s+)?|{_LEAD}\s+)(.*?)[\s,]*$", re.IGNORECASE | re.DOTALL)
_TRAILING = lazy(r"^\s*(.*?)\s*(?:,|\band\b|\bet\b)\s*$", re.IGNORECASE | re.DOTALL)
_CLAUSE_WORDS = frozenset("""to that which who whose whom including in on of for with by at through from into within
    notably particularly especially inter such where when while as if also further whereas its their his her
    à de d des du pour dans en par sur avec notamment y compris qui que dont afin ainsi lors""".split())
_PLACE_WORDS = frozenset({"in", "across", "throughout", "dans", "en", "au", "aux"})  # "and in the centre"
_MAX_ITEM_WORDS = 6
_MAX_ITEM_CHARS = 160


def _item(text: str) -> str | None:
    """The list item a changed stretch of text is, or None: ", the African Union", "and the Sahel"."""
    if len(text) > _MAX_ITEM_CHARS:  # also keeps the two patterns below on short texts
        return None
    m = _CONNECTOR.match(text) or _TRAILING.match(text)
    if not m:
        return None
    item = m.group(1)
    words = _FIRST_WORD.findall(item)  # words joined by - ' ’, as the phrase lists' (compiled once)
    if not words or len(words) > _MAX_ITEM_WORDS or re.search(r"[;:()\d]", item):
        return None
    if any(w.lower().endswith("ing") for w in words):
        return None
    first = words[0].lower()
    if first in _CLAUSE_WORDS and not (first in _PLACE_WORDS and _item_kind(item) == "region"):
        return None
    return text.strip(" ,")


def _item_kind(item: str) -> str | None:
    """"region" or "actor" when the item names one (the words of data/softening.toml [lists])."""
    actors, places = list_words()
    words = [w.lower() for w in re.findall(r"[^\W_]+(?:-[^\W_]+)*", item)]
    if any(w in places for w in words):
        return "region"
    if any(w in actors for w in words):
        return "actor"
    return None


def _list_signals(changes: Changes) -> list[Signal]:
    """An item of a list removed or added where nothing else changed (connectors aside), naming an
    actor or a place: "removed the region 'and the Sahel'". The item's words must be gone from (or new
    to) the other text, so that an item moved within the list says nothing."""
    out = []
    edits = changes.edits
    for k, (op, os_, oe, ns, ne) in enumerate(edits):
        if op == "=":
            continue
        text = changes.old_text[os_:oe] if op == "-" else changes.new_text[ns:ne]
        partner = "+" if op == "-" else "-"
        # the stretch's partner (a deletion's insertion, or the reverse), if any, may only be connectors
        for j in (k - 1, k + 1):
            if 0 <= j < len(edits) and edits[j][0] == partner:
                p = edits[j]
                other = changes.new_text[p[3]:p[4]] if partner == "+" else changes.old_text[p[1]:p[2]]
                if _WORDY.search(other) and not _only_connectors(other):
                    break
        else:
            item = _item(text)
            kind = item and _item_kind(item)
            there = changes.new_text if op == "-" else changes.old_text
            if kind and fold_words(_strip_connector(item)) not in fold_words(there):
                verb, side = ("removed", WEAKER) if op == "-" else ("added", STRONGER)
                out.append(Signal(side, f"{verb} the {kind} '{item}'"))
    return out


def _only_connectors(text: str) -> bool:
    return all(w.lower() in _AND | {"as", "well", "ainsi", "que"} for w in re.findall(r"[^\W_]+", text))


def _strip_connector(item: str) -> str:
    return re.sub(rf"^{_LEAD}\s+|\s+(?:and|et)$", "", item, flags=re.IGNORECASE)


def fold_words(text: str) -> str:
    """The words of ``text``, lower case, one space apart and padded, so that containment is by whole words."""
    return " " + " ".join(re.findall(r"[^\W_]+", text.lower())) + " "
