"""What mandiff says, defined once: relations between units, WPS classes, checklist statuses, chain steps.

Each word is an enum member with a stable ``id`` (what JSON and CSV carry; the member is also that
string, so ``Relation.MOVED == "moved"``), a ``label`` and a ``symbol`` that reports show (a symbol
besides the colour, for colour-blind readers and on paper) and a one-line ``meaning`` for the README and
the reports' legends. A renderer never spells a status itself: it asks this module.
"""

from __future__ import annotations

from enum import Enum


class Term(str, Enum):
    """A word of the vocabulary: the member is its id string, with a label, a symbol and a meaning."""

    def __new__(cls, id_: str, label: str, symbol: str, meaning: str):
        member = str.__new__(cls, id_)
        member._value_ = id_
        member.label = label
        member.symbol = symbol
        member.meaning = meaning
        return member

    @property
    def id(self) -> str:
        return self.value

    def __str__(self) -> str:  # f-strings and templates print the id, never "Relation.MOVED"
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    __hash__ = str.__hash__

    @classmethod
    def get(cls, id_: str | None):
        """The member with this id, or None."""
        try:
            return cls(id_)
        except ValueError:
            return None


class Relation(Term):
    """What an old unit is to the new unit it became (``dropped`` and ``added`` for units without one)."""

    IDENTICAL = ("identical", "unchanged", "=", "the same words in the same place in the order (its number may differ)")
    MODIFIED = ("modified", "modified", "~", "the same paragraph, with words changed")
    MOVED = ("moved", "moved", "⇅", "the paragraph now stands at another place in the order")
    SPLIT = ("split", "split", "⋔", "one old paragraph became several new ones")
    MERGED = ("merged", "merged", "⋈", "several old paragraphs became one new one")
    PROMOTED = ("promoted", "moved to operative", "↑", "a preambular paragraph became an operative one")
    DEMOTED = ("demoted", "moved to preamble", "↓", "an operative paragraph became a preambular one")
    DROPPED = ("dropped", "dropped", "✕", "nothing in the new text takes the paragraph's place")
    ADDED = ("added", "added", "+", "a new paragraph, with no counterpart in the old text")


# the relations a pair of units can have (dropped and added units have no pair)
PAIR_RELATIONS = (Relation.IDENTICAL, Relation.MODIFIED, Relation.MOVED, Relation.SPLIT, Relation.MERGED,
                  Relation.PROMOTED, Relation.DEMOTED)


class WpsClass(Term):
    """What a change did to a unit's WPS (gender) language."""

    RETAINED = ("retained", "retained", "=", "the WPS language is there word for word")
    MODIFIED = ("modified", "modified", "~", "words changed, neither weaker nor stronger by mandiff's rules")
    WEAKENED = ("weakened", "weakened", "▼", "the change softens the WPS language (a weaker verb, a lost qualifier, moved to the preamble)")
    STRENGTHENED = ("strengthened", "strengthened", "▲", "the change firms the WPS language up (a stronger verb, a new qualifier, made operative)")
    ADDED_TO = ("added-to", "WPS terms added", "+", "the unit gained WPS terms it did not have")
    REMOVED_FROM = ("removed-from", "WPS terms lost", "−", "the unit lost WPS terms")
    DROPPED = ("dropped", "dropped", "✕", "the unit with WPS language is gone from the new text")
    NEW = ("new", "new", "+", "a new unit with WPS language")


# The classes a pair can have, in the order of gravity the scorecard uses: when a split or merge gives
# one old unit several classes, the last in this order is the one counted.
PAIR_WPS_CLASSES = (WpsClass.RETAINED, WpsClass.MODIFIED, WpsClass.WEAKENED, WpsClass.STRENGTHENED,
                    WpsClass.ADDED_TO, WpsClass.REMOVED_FROM)


class CheckStatus(Term):
    """What became of one ask of a checklist in the new resolution."""

    RETAINED = ("retained", "retained", "=", "the asked-for words are there (even under another number)")
    MODIFIED = ("modified", "modified", "~", "the unit is there with words changed, neither weaker nor stronger")
    WEAKENED = ("weakened", "weakened", "▼", "the unit is there, softened")
    STRENGTHENED = ("strengthened", "strengthened", "▲", "the unit is there, made firmer")
    MOVED = ("moved", "moved", "⇅", "the same words at another place in the order")
    DROPPED = ("dropped", "dropped", "✕", "nothing in the new text holds the asked-for words")


CHECK_STATUSES = tuple(CheckStatus)

# What ``--fail-on`` can ask for: a diff fails on WPS language dropped, weakened, changed in any way or
# that lost terms (``Comparison.failed``); a check on asks dropped, weakened or dropped, or not retained
# (``CheckResult.failed``).
DIFF_FAIL_ON = ("dropped", "weakened", "changed", "removed")
CHECK_FAIL_ON = ("dropped", "weakened", "changed")


class StepStatus(Term):
    """What a unit's lineage did at one resolution of a chain."""

    NEW = ("new", "first appears", "+", "the unit first appears here")
    IDENTICAL = ("identical", "same words", "", "the same words as in the resolution before")
    MODIFIED = ("modified", "modified", "~", "words changed since the resolution before")
    MOVED = ("moved", "moved", "⇅", "moved to another place in the order")
    SPLIT = ("split", "split", "⋔", "split from a unit of the resolution before")
    MERGED = ("merged", "merged", "⋈", "merged with other units of the resolution before")
    PROMOTED = ("promoted", "moved to operative", "↑", "a preambular paragraph made operative")
    DEMOTED = ("demoted", "moved to preamble", "↓", "an operative paragraph made preambular")
    RESTORED = ("restored", "restored", "↺", "back after being absent from at least one renewal")
    ABSENT = ("absent", "absent", "·", "not in this resolution")


# WPS categories: the ids of the lexicon's categories and the words reports use for them.
CATEGORY_NAMES = {
    "participation": "participation",
    "protection": "protection",
    "sexual-violence": "sexual violence",
    "gender-expertise": "gender expertise",
    "accountability": "accountability",
    "sea": "sexual exploitation and abuse",
    "civil-society": "civil society",
    "parity": "parity",
    "wps-framework": "WPS framework",
    "ddr-ssr": "DDR / SSR",
}


def category_name(category: str) -> str:
    return CATEGORY_NAMES.get(category, category.replace("-", " "))
