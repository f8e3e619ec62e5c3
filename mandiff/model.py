"""The document model: frozen dataclasses that every stage reads and returns.

A resolution is a flat, ordered tuple of units (parents before children), because that is what
citations, diffs and the JSON contract all speak. The tree is recovered from ``parent`` labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterator

PREAMBULAR = "preambular"
OPERATIVE = "operative"


@dataclass(frozen=True)
class Tag:
    """One piece of evidence that a unit carries WPS language: the words and where they are."""

    category: str
    term: str
    start: int
    end: int

    def to_json(self) -> dict:
        return {"category": self.category, "term": self.term, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Paragraph:
    """A citable unit: a preambular or operative paragraph, a sub-paragraph or a dash item.

    ``text`` is the unit's own text without its children; ``number`` is the numbering as printed
    ("28.", "(c)", "(iii)", "–"), kept apart from the text so that renumbering is not a text change.
    ``tags`` is None until the tagger has run, then a tuple (possibly empty).
    """

    label: str
    kind: str
    text: str
    parent: str | None = None
    section: str | None = None
    part: str | None = None
    number: str | None = None
    depth: int = 0
    anchor: str = ""
    tags: tuple[Tag, ...] | None = None

    @property
    def is_wps(self) -> bool:
        return bool(self.tags)

    @property
    def categories(self) -> tuple[str, ...]:
        seen: list[str] = []
        for tag in self.tags or ():
            if tag.category not in seen:
                seen.append(tag.category)
        return tuple(seen)

    def with_tags(self, tags: tuple[Tag, ...]) -> "Paragraph":
        return replace(self, tags=tuple(tags))

    def to_json(self) -> dict:
        out = {
            "label": self.label,
            "kind": self.kind,
            "parent": self.parent,
            "section": self.section,
            "text": self.text,
        }
        if self.tags is not None:
            out["tags"] = [t.to_json() for t in self.tags]
        return out


@dataclass(frozen=True)
class Resolution:
    """A resolution as segmented: header facts (None when the text does not give them) and units."""

    paragraphs: tuple[Paragraph, ...]
    symbol: str | None = None
    number: int | None = None
    year: int | None = None
    language: str = "en"
    date: str | None = None  # ISO 8601 adoption date
    meeting: int | None = None
    title: str | None = None
    annexes: tuple[str, ...] = ()
    footnotes: tuple[str, ...] = ()
    source: str | None = None  # file name or "-" as given by the user; never part of comparisons
    _index: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        self._index.update({p.label: i for i, p in enumerate(self.paragraphs)})

    def __iter__(self) -> Iterator[Paragraph]:
        return iter(self.paragraphs)

    def __len__(self) -> int:
        return len(self.paragraphs)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(p.label for p in self.paragraphs)

    def get(self, label: str) -> Paragraph | None:
        i = self._index.get(label)
        return None if i is None else self.paragraphs[i]

    def children(self, label: str | None) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.parent == label)

    def descendants(self, label: str) -> tuple[Paragraph, ...]:
        """Every unit below ``label``, in document order."""
        out: list[Paragraph] = []
        inside = {label}
        for p in self.paragraphs:
            if p.parent in inside:
                out.append(p)
                inside.add(p.label)
        return tuple(out)

    def full_text(self, label: str) -> str:
        """The unit's own text followed by its children's, as a reader would quote it."""
        unit = self.get(label)
        if unit is None:
            return ""
        parts = [unit.text] + [p.text for p in self.descendants(label)]
        return " ".join(t for t in parts if t)

    def replace_paragraphs(self, paragraphs) -> "Resolution":
        return replace(self, paragraphs=tuple(paragraphs), _index={})

    @property
    def tagged(self) -> bool:
        return all(p.tags is not None for p in self.paragraphs)

    def header_json(self) -> dict:
        return {
            "symbol": self.symbol,
            "number": self.number,
            "year": self.year,
            "language": self.language,
            "date": self.date,
            "meeting": self.meeting,
        }

    def to_json(self) -> dict:
        out = self.header_json()
        out["paragraphs"] = [p.to_json() for p in self.paragraphs]
        if self.annexes:
            out["annexes"] = list(self.annexes)
        if self.footnotes:
            out["footnotes"] = list(self.footnotes)
        return out


# ---- comparison ---------------------------------------------------------------------------------

RELATIONS = ("identical", "modified", "moved", "split", "merged", "promoted", "demoted")
WPS_CLASSES = ("retained", "modified", "weakened", "strengthened", "added-to", "removed-from")


@dataclass(frozen=True)
class Edit:
    """One word-level operation: "=" same in both, "-" only in old, "+" only in new."""

    op: str
    text: str

    def to_json(self) -> list:
        return [self.op, self.text]


@dataclass(frozen=True)
class Pair:
    """An old unit and the new unit it became (one of several for a split or a merge)."""

    old: str
    new: str
    relation: str
    similarity: float
    wps: str | None
    edits: tuple[Edit, ...] = ()
    reasons: tuple[str, ...] = ()  # why the WPS class: "'Requests' became 'Encourages'", ...

    @property
    def renumbered(self) -> bool:
        return self.old != self.new

    def to_json(self) -> dict:
        return {
            "old": self.old,
            "new": self.new,
            "relation": self.relation,
            "similarity": round(self.similarity, 3),
            "wps": self.wps,
            "edits": [e.to_json() for e in self.edits],
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class Dropped:
    old: str
    wps: bool

    def to_json(self) -> dict:
        return {"old": self.old, "wps": self.wps}


@dataclass(frozen=True)
class Added:
    new: str
    wps: bool

    def to_json(self) -> dict:
        return {"new": self.new, "wps": self.wps}


@dataclass(frozen=True)
class Comparison:
    """What became of every unit of OLD in NEW: the result of ``mandiff diff``."""

    old: Resolution
    new: Resolution
    pairs: tuple[Pair, ...]
    dropped: tuple[Dropped, ...]
    added: tuple[Added, ...]
    summary: dict = field(default_factory=dict, compare=False)

    def pairs_for_old(self, label: str) -> tuple[Pair, ...]:
        return tuple(p for p in self.pairs if p.old == label)

    def pairs_for_new(self, label: str) -> tuple[Pair, ...]:
        return tuple(p for p in self.pairs if p.new == label)

    def to_json(self) -> dict:
        return {
            "old": self.old.header_json(),
            "new": self.new.header_json(),
            "pairs": [p.to_json() for p in self.pairs],
            "dropped": [d.to_json() for d in self.dropped],
            "added": [a.to_json() for a in self.added],
            "summary": self.summary,
        }
