"""The comparison part of the model: what ``compare`` returns (pairs, dropped and added units, the
summary and the WPS score), frozen dataclasses like the rest of the model (``model.record``).

They live apart from the document model (``model.py``) so that a command that never compares (``parse``,
``tag``) does not build their classes: each frozen dataclass costs about a millisecond of start-up in
every process. ``model`` still names them (``from .model import Comparison`` works), importing this module
when one is first asked for.
"""

from __future__ import annotations

from .errors import InputError
from .model import Notice, Resolution, _Record, record
from .vocabulary import DIFF_FAIL_ON, Relation, Verdict


@record
class Edit(_Record):
    """One word-level operation: "=" same in both, "-" only in old, "+" only in new."""

    op: str
    text: str

    def to_json(self) -> list:
        return [self.op, self.text]


@record
class Pair(_Record):
    """An old unit and the new unit it became (one of several for a split or a merge)."""

    old: str
    new: str
    relation: Relation
    similarity: float
    wps: Verdict | None  # what became of the WPS language; None when neither side has any
    edits: tuple[Edit, ...] = ()
    reasons: tuple[str, ...] = ()  # why the verdict: "'Requests' became 'Encourages'", ...
    shared: tuple[str, ...] = ()  # for a rewritten pair, the subject words both units use

    @property
    def renumbered(self) -> bool:
        """The same place in the order under a new number (a unit at another place is ``moved``)."""
        return self.old != self.new and self.relation not in (Relation.MOVED, Relation.PROMOTED, Relation.DEMOTED,
                                                               Relation.REWRITTEN)

    def to_json(self) -> dict:
        return {
            "old": self.old,
            "new": self.new,
            "relation": str(self.relation),
            "similarity": round(self.similarity, 3),
            "wps": None if self.wps is None else str(self.wps),
            "renumbered": self.renumbered,
            "edits": [e.to_json() for e in self.edits],
            "reasons": list(self.reasons),
            "shared": list(self.shared),
        }


@record
class Dropped(_Record):
    """A unit of OLD that nothing in NEW continues (by its label), and whether it carried WPS language."""

    old: str
    wps: bool

    def to_json(self) -> dict:
        return {"old": self.old, "wps": self.wps}


@record
class Added(_Record):
    """A unit of NEW that continues nothing of OLD (by its label), and whether it carries WPS language."""

    new: str
    wps: bool

    def to_json(self) -> dict:
        return {"new": self.new, "wps": self.wps}


@record
class WpsScore(_Record):
    """The WPS scorecard of a comparison. ``fates`` counts each WPS unit of OLD once, by what became of
    it (the verdicts of ``vocabulary.FATES``), so that they add up to ``old_units``. ``gained`` counts
    units of OLD without WPS language that gained some (by new label), ``new`` the added units with WPS
    language, ``moved`` and ``renumbered`` the WPS units of OLD now at another place or under another
    number (they are also counted by their fate)."""

    fates: tuple[tuple[Verdict, int], ...]
    gained: int = 0
    old_units: int = 0
    new_units: int = 0
    moved: int = 0
    renumbered: int = 0
    new: int = 0

    def count(self, key: str) -> int:
        """The count under its JSON key ("weakened", "removed-from", "old_units", "gained")."""
        fates = dict(self.fates)
        return fates[key] if key in fates else getattr(self, key)

    def to_json(self) -> dict:
        out = {str(v): n for v, n in self.fates}
        out.update({"gained": self.gained, "old_units": self.old_units, "new_units": self.new_units,
                    "moved": self.moved, "renumbered": self.renumbered, "new": self.new})
        return out


@record
class Summary(_Record):
    """Counts of a comparison: units on each side, pairs by relation, dropped and added, and the WPS score."""

    old_units: int
    new_units: int
    relations: tuple[tuple[Relation, int], ...]  # every pair relation, in vocabulary order
    renumbered: int  # pairs at the same place in the order under a new number
    dropped: int
    added: int
    wps: WpsScore

    def relation_count(self, relation: str) -> int:
        return dict(self.relations).get(relation, 0)

    def to_json(self) -> dict:
        return {
            "old_units": self.old_units,
            "new_units": self.new_units,
            "relations": {str(r): n for r, n in self.relations},
            "renumbered": self.renumbered,
            "dropped": self.dropped,
            "added": self.added,
            "wps": self.wps.to_json(),
        }


@record
class Comparison(_Record):
    """What became of every unit of OLD in NEW: the result of ``mandiff diff``."""

    old: Resolution
    new: Resolution
    pairs: tuple[Pair, ...]
    dropped: tuple[Dropped, ...]
    added: tuple[Added, ...]
    summary: Summary
    warnings: tuple[Notice, ...] = ()

    def pairs_for_old(self, label: str) -> tuple[Pair, ...]:
        return tuple(p for p in self.pairs if p.old == label)

    def pairs_for_new(self, label: str) -> tuple[Pair, ...]:
        return tuple(p for p in self.pairs if p.new == label)

    def failed(self, fail_on) -> bool:
        """Did anything happen that the user asked to fail on? ``fail_on``: names from ``DIFF_FAIL_ON``."""
        w = self.summary.wps
        hits = {
            "dropped": w.count("dropped") > 0,
            "weakened": w.count("weakened") + w.count("mixed") > 0,
            "removed": w.count("removed-from") > 0,
            "changed": any(p.wps not in (None, Verdict.RETAINED) for p in self.pairs) or w.count("dropped") > 0,
        }
        unknown = [f for f in fail_on if f not in DIFF_FAIL_ON]
        if unknown:
            raise InputError(f"--fail-on must be one of {', '.join(DIFF_FAIL_ON)}, not {unknown[0]!r}")
        return any(hits[f] for f in fail_on)

    def to_json(self) -> dict:
        return {
            "old": self.old.header_json(),
            "new": self.new.header_json(),
            "pairs": [p.to_json() for p in self.pairs],
            "dropped": [d.to_json() for d in self.dropped],
            "added": [a.to_json() for a in self.added],
            "summary": self.summary.to_json(),
            "warnings": [w.to_json() for w in self.warnings],
        }
