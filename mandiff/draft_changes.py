"""What ``mandiff revisions`` reports: a Word draft's own tracked changes, by author and unit label, with
the WPS language they touch. Apart from ``pipeline`` so that no other command builds these classes or
imports the Word reader's revision machinery (lxml) at start-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .grammar.labels import pretty_label
from .ingest import read_path
from .limits import DEFAULT_LIMITS, Limits
from .model import Notice, Resolution
from .pipeline import parse_raw
from .vocabulary import category_name


_VERBS = {"insertion": "insert", "deletion": "delete", "move-from": "move", "move-to": "move"}


@dataclass(frozen=True)
class ProposedChange:
    """A tracked change of a draft, as a negotiator reads it: who proposes what, in which unit, touching
    which WPS language. ``label`` is the unit's label in the reading that has the words (after Accept All
    for an insertion or a move's destination, before the changes for a deletion or a move's source)."""

    author: str
    kind: str
    text: str
    label: str | None
    categories: tuple[str, ...] = ()

    def sentence(self) -> str:
        where = pretty_label(self.label) if self.label else "a paragraph mandiff could not place"
        words = " ".join(self.text.split())
        if self.kind == "formatting":
            said = f"proposes a formatting change in {where}"
        elif not words:
            said = f"proposes to {_VERBS[self.kind]} a paragraph break in {where}"
        else:
            place = {"move-from": "from", "move-to": "to"}.get(self.kind, "in")
            said = f"proposes to {_VERBS[self.kind]} '{words}' {place} {where}"
        wps = f" [WPS: {', '.join(category_name(c) for c in self.categories)}]" if self.categories else ""
        return f"{self.author} {said}{wps}"

    def to_json(self) -> dict:
        return {"author": self.author, "kind": self.kind, "text": self.text, "label": self.label,
                "wps": list(self.categories)}


@dataclass(frozen=True)
class DraftChanges:
    """What ``mandiff revisions`` reports: every tracked change of a draft, in document order."""

    source: str
    changes: tuple[ProposedChange, ...]
    warnings: tuple[Notice, ...] = ()

    def to_json(self) -> dict:
        return {"file": self.source, "changes": [c.to_json() for c in self.changes],
                "warnings": [w.to_json() for w in self.warnings]}


def draft_changes(path: str, limits: Limits = DEFAULT_LIMITS) -> DraftChanges:
    """The tracked changes of a Word draft by unit label and author, with the WPS language they touch."""
    from .ingest.revisions import ACCEPT, REJECT, SIDES  # lxml: only for a Word draft
    from .tag import tag

    raw = read_path(path, limits._replace(revisions=ACCEPT))
    readings = {side: tag(parse_raw(read_path(path, limits._replace(revisions=side)), limits)) for side in SIDES}
    changes = []
    for rev in raw.hints.get("revisions", ()):
        side = REJECT if rev.kind in ("deletion", "move-from") else ACCEPT
        words = _TYPED_NUMBER.sub("", " ".join(rev.text.split()))  # a unit's text has no number
        unit = _unit_of(readings[side], rev.rejected if side == REJECT else rev.accepted, words)
        categories: tuple[str, ...] = ()
        at = " ".join(unit.text.split()).find(words) if unit is not None and words else -1
        if at >= 0:  # the WPS terms the changed words touch (offsets of a text whose spaces are single)
            categories = tuple(dict.fromkeys(t.category for t in unit.tags or () if t.start < at + len(words) and at < t.end))
        changes.append(ProposedChange(rev.author, rev.kind, rev.text, unit.label if unit else None, categories))
    return DraftChanges(path, tuple(changes), tuple(raw.hints.get("warnings", ())))


_TYPED_NUMBER = re.compile(r"^(?:\d{1,4}\.|\([a-z]{1,6}\)|[–-])(?:\s|$)")


def _unit_of(resolution: Resolution, paragraph: str, words: str):
    """The unit that a paragraph of the draft became: among the units holding the changed words (all
    units for a change without words), the one sharing most words with the paragraph."""
    changed = words
    said = set(paragraph.split())
    best, best_score = None, 0
    for unit in resolution.paragraphs:
        text = " ".join(unit.text.split())
        if changed and changed not in text:
            continue
        score = len(said & set(text.split()))
        if score > best_score:
            best, best_score = unit, score
    return best
