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

    @property
    def wps_phrase(self) -> str:
        """The label said of WPS language: "WPS weakened", "WPS language removed" (not "WPS WPS ...")."""
        return self.label if self.label.startswith("WPS") else f"WPS {self.label}"

    @classmethod
    def get(cls, id_: str | None):
        """The member with this id, or None."""
        try:
            return cls(id_)
        except ValueError:
            return None


class Relation(Term):
    """What an old unit is to the new unit it became: where it went, not what its language did."""

    IDENTICAL = ("identical", "unchanged", "=", "the same words, at the same place in the order (its number may differ)")
    MODIFIED = ("modified", "modified", "~", "the same paragraph at the same place, with words changed")
    MOVED = ("moved", "moved", "⇅", "the paragraph now stands at another place in the order")
    SPLIT = ("split", "split", "⋔", "one old paragraph became several new ones")
    MERGED = ("merged", "merged", "⋈", "several old paragraphs became one new one")
    PROMOTED = ("promoted", "moved to operative", "↑", "a preambular paragraph became an operative one")
    DEMOTED = ("demoted", "moved to preamble", "↓", "an operative paragraph became a preambular one")
    REWRITTEN = ("rewritten", "rewritten", "≈", "a new paragraph on the same subject took its place (lower confidence: read both)")
    DROPPED = ("dropped", "dropped", "✕", "nothing in the new text takes the paragraph's place")
    ADDED = ("added", "added", "+", "a new paragraph, with no counterpart in the old text")


# the relations a pair of units can have (dropped and added units have no pair)
PAIR_RELATIONS = (Relation.IDENTICAL, Relation.MODIFIED, Relation.MOVED, Relation.SPLIT, Relation.MERGED,
                  Relation.PROMOTED, Relation.DEMOTED, Relation.REWRITTEN)


class Verdict(Term):
    """What became of a unit's language: the one word mandiff says in the diff, the check and the chain.

    For a unit with WPS (gender) language it is the WPS verdict; for the chain's other units, whether
    their words were kept (retained) or changed (modified)."""

    RETAINED = ("retained", "retained", "=", "the words are there, word for word (even under another number or at another place)")
    MODIFIED = ("modified", "modified", "~", "words changed, neither weaker nor stronger by mandiff's rules")
    WEAKENED = ("weakened", "weakened", "▼", "the change softens it: a weaker verb or modal, a hedge added, a scope cut, a qualifier lost, made preambular")
    STRENGTHENED = ("strengthened", "strengthened", "▲", "the change firms it up: the reverse of a weakening")
    MIXED = ("mixed", "mixed", "±", "one change softens it and another firms it up: read the reasons")
    REMOVED_FROM = ("removed-from", "WPS language removed", "−", "the paragraph is still there but its WPS language is gone")
    ADDED_TO = ("added-to", "WPS language added", "⊕", "a paragraph without WPS language gained some")
    REWRITTEN = ("rewritten", "rewritten", "≈", "not kept, but a new paragraph on the same subject took its place (lower confidence: read both)")
    DROPPED = ("dropped", "dropped", "✕", "nothing in the new text takes its place")
    NEW = ("new", "new", "+", "new in this text")
    RESTORED = ("restored", "restored", "↺", "back after being absent from at least one renewal")
    ABSENT = ("absent", "absent", "·", "not in this text")


# The verdicts of a unit of OLD that is still in NEW, from the least to the most serious for an advocate:
# when a split or a merge gives one old unit several verdicts, ``combine`` keeps the gravest.
_GRAVITY = (Verdict.RETAINED, Verdict.MODIFIED, Verdict.ADDED_TO, Verdict.STRENGTHENED, Verdict.MIXED,
            Verdict.WEAKENED, Verdict.REMOVED_FROM, Verdict.REWRITTEN)


def combine(verdicts) -> Verdict | None:
    """One verdict for several (the parts of a split or a merge): weakened and strengthened together are
    mixed; otherwise the gravest. None when there are none."""
    found = set(v for v in verdicts if v is not None)
    if not found:
        return None
    if Verdict.WEAKENED in found and Verdict.STRENGTHENED in found and Verdict.REMOVED_FROM not in found:
        return Verdict.MIXED
    return max(found, key=_GRAVITY.index)


# What became of the WPS units of OLD, as the scorecard counts them (each unit once): these add up to the
# number of OLD's WPS units.
FATES = (Verdict.RETAINED, Verdict.MODIFIED, Verdict.WEAKENED, Verdict.STRENGTHENED, Verdict.MIXED,
         Verdict.REMOVED_FROM, Verdict.REWRITTEN, Verdict.DROPPED)
# What a checklist's ask can have become: the same words.
CHECK_STATUSES = FATES

# What ``--fail-on`` can ask for. diff: WPS language dropped; weakened (weakened or mixed); changed in any
# way; removed from a paragraph kept. check: an ask dropped; weakened (or mixed, removed or dropped);
# changed (anything not retained); unread (a line of the checklist that looks like an ask was not understood).
DIFF_FAIL_ON = ("dropped", "weakened", "changed", "removed")

# Whether diff, check and chain say "rewritten" unless told otherwise (--rewritten / --no-rewritten): a
# dropped unit linked to a new one on the same subject. The figure that decides it is the precision of
# those links against links drawn by hand (benchmarks/bench_rewritten.py).
REWRITTEN_BY_DEFAULT = False
CHECK_FAIL_ON = ("dropped", "weakened", "changed", "unread")


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
