"""Words a PDF's text layer or an OCR damaged: split by a stray space ("sexual vio lence", "gen der-based")
or run together ("genderequality"). Where such a form is the only gender wording of a unit, the tagger
would miss the unit; this module finds the forms whose repair is unambiguous, so that the tagger can read
the unit as repaired and still show the evidence as written.

A repair is made only when every one of these holds, so that ordinary text is never rewritten:

- a split word: two fragments separated by one space or line break, each at least two letters, that
  join into a word of the lexicon's terms (itself, or with an ending of the language removed), and at
  least one fragment is not a word (not a word of the lexicon, not a common short word, and not found
  elsewhere in the resolution as a word of its own);
- a run-together word: a word of at least seven letters that is not itself a lexicon word and splits in
  exactly one place into a distinctive word of the lexicon (a gender word, one of its anchors, or a word
  of seven letters or more: "women", "violence", "participation") and a word (of the lexicon, a common
  short word, or one the resolution has on its own elsewhere): "womenand", "fullaccountability",
  "accountgender"; or into two lexicon words of five letters or more ("ProtectionAdvisors"). So
  "informed" is never "in formed", nor "another" "an other";
- and, in the tagger, the repaired text yields a tag that covers the repair; otherwise nothing changes.

The search runs once per resolution over its words (set look-ups, no regular expression per word), and
the units are only rewritten where a form was found, which in a clean text is never.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+")
# Common short words a run-together form may hold beside a lexicon word ("womenand" -> "women and"), and
# which count as words of their own when deciding whether a split is damage.
_SHORT_WORDS = frozenset(
    "a an and as at by for from in into of on or the to with all any "
    "à au aux avec dans de des du en et la le les ou par pour sur un une".split()
)
_ENDINGS = ("'s", "s", "es")
_MIN_FRAGMENT = 2
_MIN_JOINED = 5
_MIN_RUN_TOGETHER = 7


@dataclass(frozen=True)
class Repairs:
    """The damaged forms found in one resolution: split pairs to join, run-together words to split."""

    joins: frozenset[tuple[str, str]]  # (first fragment, second fragment), casefolded
    splits: dict  # casefolded run-together word -> offset of the space to insert

    def __bool__(self) -> bool:
        return bool(self.joins or self.splits)

    def apply(self, text: str) -> tuple[str, list[int], list[tuple[int, int]]] | None:
        """``text`` repaired, with the offset in ``text`` of every character of the repaired text (and of
        its end), and the repaired spans (in repaired offsets); None when nothing in ``text`` needed it."""
        words = [(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(text)]
        edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in text, in order
        k = 0
        while k < len(words):
            start, end, word = words[k]
            if k + 1 < len(words):
                n_start, n_end, n_word = words[k + 1]
                gap = text[end:n_start]
                if (word, n_word) in self.joins and gap in (" ", "\n", "\u00a0"):
                    edits.append((end, n_start, ""))
                    k += 2
                    continue
            cut = self.splits.get(word)
            if cut is not None:
                edits.append((start + cut, start + cut, " "))
            k += 1
        if not edits:
            return None
        return _edited(text, edits)


def _edited(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, list[int], list[tuple[int, int]]]:
    pieces: list[str] = []
    where: list[int] = []
    spans: list[tuple[int, int]] = []
    position = 0
    for start, end, replacement in edits:
        pieces.append(text[position:start])
        where.extend(range(position, start))
        here = len(where)
        pieces.append(replacement)
        where.extend([start] * len(replacement))
        spans.append((here, len(where)))
        position = end
    pieces.append(text[position:])
    where.extend(range(position, len(text) + 1))  # and the end
    return "".join(pieces), where, spans


@lru_cache(maxsize=8)
def _word_forms(words: frozenset[str]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The lexicon's words, and the fragments a split one can leave: its beginnings and its ends (with an
    ending: "organi" / "zations")."""
    forms = words | {w + e for w in words for e in _ENDINGS}
    heads = {w[:i] for w in forms for i in range(_MIN_FRAGMENT, len(w) - _MIN_FRAGMENT + 1)}
    tails = {w[i:] for w in forms for i in range(_MIN_FRAGMENT, len(w) - _MIN_FRAGMENT + 1)}
    return words, frozenset(heads), frozenset(tails)


def _is_lexicon_word(word: str, lexicon_words: frozenset[str]) -> bool:
    if word in lexicon_words:
        return True
    return any(word.endswith(e) and word[: -len(e)] in lexicon_words for e in _ENDINGS)


def find_repairs(texts, lexicon_words: frozenset[str], anchors: frozenset[str]) -> Repairs:
    """The damaged forms of a resolution whose units' texts are ``texts``; ``anchors`` are the lexicon's
    gender words."""
    words_of = [m.group().casefold() for text in texts for m in _WORD.finditer(text)]
    counts = Counter(words_of)
    lexicon_words, heads, tails = _word_forms(lexicon_words)

    def is_a_word(fragment: str) -> bool:
        return fragment in _SHORT_WORDS or _is_lexicon_word(fragment, lexicon_words) or counts[fragment] > 1

    joins = set()
    for a, b in zip(words_of, words_of[1:]):
        if a in heads and b in tails and len(a) + len(b) >= _MIN_JOINED:
            joined = a + b
            if _is_lexicon_word(joined, lexicon_words) and not (is_a_word(a) and is_a_word(b)):
                joins.add((a, b))
    splits = {}
    for word in counts:
        if len(word) >= _MIN_RUN_TOGETHER and not _is_lexicon_word(word, lexicon_words):
            cut = _one_split(word, lexicon_words, anchors, counts)
            if cut is not None:
                splits[word] = cut
    return Repairs(frozenset(joins), splits)


def _one_split(word: str, lexicon_words: frozenset[str], anchors: frozenset[str], counts: Counter) -> int | None:
    """Where ``word`` splits as the module says, if in exactly one place."""

    def lexical(part: str) -> bool:
        return _is_lexicon_word(part, lexicon_words)

    def distinctive(part: str) -> bool:
        return _is_lexicon_word(part, anchors) or (len(part) >= 7 and lexical(part))

    def a_word(part: str) -> bool:
        return part in _SHORT_WORDS or lexical(part) or (len(part) >= 3 and counts[part] > 0)

    found = []
    for i in range(_MIN_FRAGMENT, len(word) - _MIN_FRAGMENT + 1):
        head, tail = word[:i], word[i:]
        if (distinctive(head) and a_word(tail)) or (distinctive(tail) and a_word(head)) \
                or (min(len(head), len(tail)) >= 5 and lexical(head) and lexical(tail)):
            found.append(i)
            if len(found) > 1:
                return None
    return found[0] if found else None
