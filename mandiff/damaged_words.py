"""Words a PDF's text layer or an OCR damaged: split by a stray space ("sexual vio lence", "gen der-based")
or run together ("genderequality"). Where such a form is the only gender wording of a unit, the tagger
would miss the unit; this module repairs the unit's text where the repair is unambiguous, so that the
tagger can read it as repaired and still show the evidence as written.

A repair is made only when every one of these holds, so that ordinary text is never rewritten:

- a split word: two fragments separated by one space or line break, each at least two letters, that
  join into a word of the lexicon's terms (alone or with an ending of the language), and at least one
  fragment is not a word (not a word of the lexicon, not a common short word, and not found twice in the
  resolution on its own);
- a run-together word: a word of at least seven letters that is not itself a lexicon word and splits in
  exactly one place into a distinctive word of the lexicon (a gender word, one of its anchors, or a word
  of seven letters or more: "women", "violence", "participation") and a word (of the lexicon, a common
  short word, or one the resolution has elsewhere on its own): "womenand", "fullaccountability"; or into
  two lexicon words of five letters or more ("ProtectionAdvisers"). So "informed" is never "in formed",
  nor "another" "an other";
- and, in the tagger, the repaired text yields a tag on or beside a repair; otherwise nothing changes.

The tagger asks only for units that carry no tag as written, or only a fallback one (a bare "women"),
and whose text, with its spaces taken out, passes the lexicon's pre-filter (a damaged term still holds a
gender word, or holds it split by a space), so a clean resolution costs one pre-filter search per
untagged unit. A unit tagged as written keeps its reading: a damaged second term of it can cost a
category, never the unit.
"""

from __future__ import annotations

import re

from .lazy_regex import lazy

_WORD = lazy(r"[^\W\d_]+")  # only for a text the gate lets through
_SHORT_WORDS = frozenset(
    "a an and as at by for from in into of on or the to with all any "
    "à au aux avec dans de des du en et la le les ou par pour sur un une".split()
)
# Words too common to be taken for the first half of a split gender word ("be" / "ijing").
_COMMON_TOKENS = _SHORT_WORDS | frozenset("be de re ne se me ma mo pa la le il ce sa mi st pr el".split())
_ENDINGS = ("'s", "s", "es")
_GAPS = (" ", "\n", "\u00a0")
_MIN_FRAGMENT = 2
_MIN_JOINED = 5
_MIN_RUN_TOGETHER = 7
_DISTINCTIVE = 7


class Vocabulary:
    """How often a word (casefolded) occurs in a resolution's units on its own. Asked only for fragments
    of a likely repair, so each word is counted when asked, not the whole text when it is read."""

    def __init__(self, texts):
        self._texts = texts
        self._folded: str | None = None
        self._counts: dict[str, int] = {}

    def count(self, word: str) -> int:
        if word not in self._counts:
            if self._folded is None:
                self._folded = "\n".join(self._texts).casefold()
            self._counts[word] = _whole_word_count(self._folded, word)
        return self._counts[word]


def _whole_word_count(text: str, word: str) -> int:
    """How often ``word`` occurs in ``text`` as a word of its own. The pattern starts with the word's
    letters, so the regex engine searches for them first; the letter before is looked at for each find
    (a pattern that opens with a look-behind or ``\b`` is tried at every position: 30x slower)."""
    return sum(1 for m in re.finditer(re.escape(word) + r"\b", text)
               if m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"))


class Repairer:
    """The repairs one compiled language can make: its word forms, its gender words (anchors) with their
    endings and their beginnings, and its pre-filter."""

    def __init__(self, forms: frozenset[str], anchors: frozenset[str], prefilter, holds_a_word=None):
        self.anchors = frozenset(anchors | {a + e for a in anchors for e in _ENDINGS})
        self.forms = forms | self.anchors
        # the pre-filter (a pattern, None, or a function that makes it: compiling it costs a millisecond,
        # and most texts are decided without it), and what answers its first question faster
        self._prefilter = prefilter
        self._holds_a_word = holds_a_word
        # what a gender word split by a space leaves before the space ("wo" of "wo men"); not a common
        # short word ("be" of "Beijing", "de")
        self.split_heads = frozenset({a[:i] for a in anchors for i in range(_MIN_FRAGMENT, len(a) - 1)} - _COMMON_TOKENS)

    @property
    def prefilter(self) -> re.Pattern | None:
        if callable(self._prefilter):
            self._prefilter = self._prefilter()
        return self._prefilter

    def _finds_a_word(self, folded: str) -> bool:
        """Whether the pre-filter finds a gender word written in letters (not a number) in ``folded``."""
        if self._holds_a_word is not None:
            return self._holds_a_word(folded)
        return any(m.group()[0].isalpha() for m in self.prefilter.finditer(folded))

    def may_hide_a_term(self, folded: str, gender_word_seen: bool) -> bool:
        """Whether a text (``folded``: casefolded) in which the pre-filter finds a gender word once its
        spaces are taken out may hold a damaged term: it holds a gender word as written
        (``gender_word_seen``; not only a resolution number such as "1960", which is also a year), or one
        split by one space ("wo men", "gen der"; not the "women" of "two men")."""
        if self.prefilter is None:
            return False
        if gender_word_seen and self._finds_a_word(folded):
            return True
        tokens = folded.split()
        if self.split_heads.isdisjoint(tokens):
            return False
        for first, second in zip(tokens, tokens[1:]):
            if first in self.split_heads:
                found = self.prefilter.match(first + second)
                if found and found.end() > len(first):
                    return True
        return False

    def repair(self, text: str, vocabulary: Vocabulary) -> tuple[str, list[int], list[tuple[int, int]]] | None:
        """``text`` repaired, the offset in ``text`` of every character of the repaired text (and of its
        end), and the repaired spans in repaired offsets; None when nothing needed a repair."""
        words = [(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(text)]
        edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in text, in order
        k = 0
        while k < len(words):
            start, end, word = words[k]
            if k + 1 < len(words):
                next_start, _, next_word = words[k + 1]
                if text[end:next_start] in _GAPS and self._is_split(word, next_word, vocabulary):
                    edits.append((end, next_start, ""))
                    k += 2
                    continue
            if len(word) >= _MIN_RUN_TOGETHER and word not in self.forms:
                cut = self._one_split(word, vocabulary)
                if cut is not None:
                    edits.append((start + cut, start + cut, " "))
            k += 1
        return _edited(text, edits) if edits else None

    def _is_split(self, a: str, b: str, vocabulary: Vocabulary) -> bool:
        forms = self.forms
        if len(a) < _MIN_FRAGMENT or len(b) < _MIN_FRAGMENT or len(a) + len(b) < _MIN_JOINED or a + b not in forms:
            return False

        def is_a_word(fragment: str) -> bool:
            return fragment in _SHORT_WORDS or fragment in forms or vocabulary.count(fragment) > 1

        return not (is_a_word(a) and is_a_word(b))

    def _one_split(self, word: str, vocabulary: Vocabulary) -> int | None:
        """Where ``word`` splits as the module says, if in exactly one place."""
        forms, anchors = self.forms, self.anchors

        def a_word(part: str) -> bool:
            return part in _SHORT_WORDS or part in forms or (len(part) >= 3 and vocabulary.count(part) > 0)

        found = []
        for i in range(_MIN_FRAGMENT, len(word) - _MIN_FRAGMENT + 1):
            head, tail = word[:i], word[i:]
            head_form, tail_form = head in forms, tail in forms
            if not (head_form or tail_form):
                continue  # the common case: neither part is a word of the lexicon
            if (head_form and (head in anchors or len(head) >= _DISTINCTIVE) and a_word(tail)) \
                    or (tail_form and (tail in anchors or len(tail) >= _DISTINCTIVE) and a_word(head)) \
                    or (head_form and tail_form and min(len(head), len(tail)) >= 5):
                found.append(i)
                if len(found) > 1:
                    return None
        return found[0] if found else None


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
