"""The document model: frozen dataclasses that every stage reads and returns.

A resolution is a flat, ordered tuple of units (parents before children), because that is what
citations, diffs and the JSON contract all speak. The tree is recovered from ``parent`` labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from operator import attrgetter
from typing import Iterator


PREAMBULAR = "preambular"
OPERATIVE = "operative"


class _Record:
    """Equality, hashing and ``repr`` of the model's frozen dataclasses, written once here.

    ``dataclass(frozen=True)`` compiles six methods from source for each class, in every process: about
    1 ms a class at start-up, the model's eleven classes a tenth of a ``mandiff diff``. ``record`` lets it
    compile only the three that are the class's own (``__init__`` and the two that make it frozen) and
    gives these three the meaning of the generated ones: equality and hash by the fields that take part
    in comparisons, in order, only between instances of the same class; the same ``repr``."""

    __slots__ = ()

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._compared(self) == self._compared(other)
        return NotImplemented

    def __hash__(self):
        return hash(self._compared(self))

    def __repr__(self):
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown)
        return f"{self.__class__.__qualname__}({shown})"


def _values_of(names: tuple[str, ...]):
    """The tuple of an instance's fields ``names`` (a tuple even of one field or none, as the generated
    methods compare and hash)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def record(cls):
    """A frozen dataclass of the model (``cls`` derives from ``_Record``)."""
    cls = dataclass(frozen=True, eq=False, repr=False)(cls)
    cls._compared = staticmethod(_values_of(tuple(f.name for f in fields(cls) if f.compare)))
    cls._shown = tuple(f.name for f in fields(cls) if f.repr)
    return cls


@record
class Notice(_Record):
    """Something a user must know that is not an error ("OLD is newer than NEW", "the draft has tracked
    changes; read as accepted"): carried by every result, printed by the CLI as ``mandiff: warning: ...``,
    shown by every report in a banner above its first screen, and in JSON as ``warnings``."""

    code: str  # stable, for scripts: "order", "revisions", "skipped", "unsure-input", ...
    message: str

    def to_json(self) -> dict:
        return {"code": self.code, "message": self.message}


@record
class Tag(_Record):
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

    def shifted(self, by: int) -> "Tag":
        """The same evidence ``by`` characters further on (in a text that joins several units); built
        directly, as ``dataclasses.replace`` costs five times more and a report shifts every tag."""
        return Tag(self.category, self.term, self.start + by, self.end + by, self.read_as)


@record
class Paragraph(_Record):
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
        # a copy of the fields, not dataclasses.replace: that took a fifth of the tag stage's time
        copy = object.__new__(type(self))
        copy.__dict__.update(self.__dict__, tags=tuple(tags))
        return copy

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


@record
class Resolution(_Record):
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


# The comparison part of the model (Edit, Pair, Dropped, Added, WpsScore, Summary, Comparison) is in
# ``model_comparison.py``, imported when one of its names is first asked for here.
_COMPARISON = frozenset({"Edit", "Pair", "Dropped", "Added", "WpsScore", "Summary", "Comparison"})


def __getattr__(name: str):
    if name in _COMPARISON:
        from . import model_comparison

        return getattr(model_comparison, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
