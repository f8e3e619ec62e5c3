"""The document model: frozen dataclasses that every stage reads and returns.

A resolution is a flat, ordered tuple of units (parents before children), because that is what
citations, diffs and the JSON contract all speak. The tree is recovered from ``parent`` labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterator

from .errors import InputError
from .vocabulary import DIFF_FAIL_ON, Relation, Verdict

PREAMBULAR = "preambular"
OPERATIVE = "operative"


@dataclass(frozen=True)
class Notice:
    """Something a user must know that is not an error ("OLD is newer than NEW", "the draft has tracked
    changes; read as accepted"): carried by every result, printed by the CLI as ``mandiff: warning: ...``,
    shown by every report in a banner above its first screen, and in JSON as ``warnings``."""

    code: str  # stable, for scripts: "order", "revisions", "skipped", ...
    message: str

    def to_json(self) -> dict:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class Tag:
    """One piece of evidence that a unit carries WPS language: the words and where they are."""

    category: str
    term: str
    start: int
    end: int
    read_as: str | None = None  # the words as repaired, where the text split or ran them together

    def to_json(self) -> dict:
        out = {"category": self.category, "term": self.term, "start": self.start, "end": self.end}
        if self.read_as is not None:
            out["read_as"] = self.read_as
        return out

    @property
    def words(self) -> str:
        """The evidence as the lexicon knows it: the repaired words where there are, else the term."""
        return self.read_as if self.read_as is not None else self.term


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
    council_line: bool = True  # the text has "The Security Council," (or its French) before its body
    warnings: tuple[Notice, ...] = ()  # what its reader noticed (tracked changes read as accepted, ...)
    _index: dict = field(default_factory=dict, compare=False, repr=False)
    _full_texts: dict = field(default_factory=dict, compare=False, repr=False)  # built on first use

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
        if not self._full_texts and self.paragraphs:
            self._full_texts.update(self._all_full_texts())
        return self._full_texts.get(label, "")

    def _all_full_texts(self) -> dict[str, str]:
        """Every unit's full text in one pass (parents come before their children), so that asking for
        many units' full texts costs linear time, not quadratic."""
        parts: dict[str, list[str]] = {}
        parent_of = {p.label: p.parent for p in self.paragraphs}
        for p in self.paragraphs:
            parts[p.label] = [p.text] if p.text else []
            up = p.parent
            while up is not None and up in parts:
                if p.text:
                    parts[up].append(p.text)
                up = parent_of.get(up)
        return {label: " ".join(texts) for label, texts in parts.items()}

    def replace_paragraphs(self, paragraphs) -> "Resolution":
        return replace(self, paragraphs=tuple(paragraphs), _index={}, _full_texts={})

    @property
    def tagged(self) -> bool:
        return all(p.tags is not None for p in self.paragraphs)

    @property
    def file_name(self) -> str | None:
        """The file's name without its folder (None for standard input): what reports call it."""
        if not self.source or self.source == "-":
            return None
        return self.source.replace("\\", "/").rsplit("/", 1)[-1]

    @property
    def name(self) -> str:
        """What a report calls it: the symbol, else the file name."""
        return self.symbol or self.file_name or "standard input"

    def header_json(self) -> dict:
        return {
            "file": self.file_name,
            "symbol": self.symbol,
            "number": self.number,
            "year": self.year,
            "language": self.language,
            "date": self.date,
            "meeting": self.meeting,
        }

    def to_json(self) -> dict:
        out = self.header_json()
        out["warnings"] = [w.to_json() for w in self.warnings]
        out["paragraphs"] = [p.to_json() for p in self.paragraphs]
        if self.annexes:
            out["annexes"] = list(self.annexes)
        if self.footnotes:
            out["footnotes"] = list(self.footnotes)
        return out


# ---- comparison ----------------------------------------------------------------------------------


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
class WpsScore:
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


@dataclass(frozen=True)
class Summary:
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


@dataclass(frozen=True)
class Comparison:
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
