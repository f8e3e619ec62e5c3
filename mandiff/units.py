"""Builds the tree of labelled units as a text is read: top-level paragraphs, sub-paragraphs and dash
items, with the labels monitors cite (PP3, OP28(c)(iii), OP4-2, A:OP3).

The segmenter (a resolution's body) and the checklist reader (quoted excerpts) both feed it: they say
what a block opens (a numbered paragraph, a marker, a dash, more text) and the builder decides where
it goes and what it is called. Text is collected as pieces and joined once at the end, so that a unit
that grows by many appended blocks costs linear time.
"""

from __future__ import annotations

from typing import Callable

from .errors import LimitError
from .grammar.labels import Label
from .grammar.numbering import DASH_STYLE, path_step, readings
from .model import OPERATIVE, PREAMBULAR, Paragraph

# Sub-levels below a paragraph: resolutions use two or three ("(c)(iii)"); a hostile text of repeated
# "(b)" lines would otherwise nest thousands deep, with labels (and work) growing with the depth.
MAX_SUB_DEPTH = 6


class DraftUnit:
    """A unit being read: its place in the tree and the pieces of its text so far. A plain class, not a
    dataclass: this module is imported by every command, and a dataclass costs about 1 ms to build."""

    __slots__ = ("kind", "part", "number", "path", "marker", "pieces", "section", "depth", "style")

    def __init__(self, kind: str, part: str | None, number: int, path: list[str], marker: str | None,
                 pieces: list[str], section: str | None, depth: int, style: str | None = None):
        self.kind = kind
        self.part = part
        self.number = number  # top-level number (PP or OP)
        self.path = path
        self.marker = marker
        self.pieces = pieces
        self.section = section
        self.depth = depth
        self.style = style  # "letter", "roman", "upper", "dash" for sub-units

    def __repr__(self) -> str:
        return f"DraftUnit({self.label}, {self.text[:40]!r})"

    @property
    def label(self) -> str:
        return str(self._label(self.path))

    def _label(self, path) -> Label:
        return Label("PP" if self.kind == PREAMBULAR else "OP", self.number, tuple(path), self.part)

    @property
    def text(self) -> str:
        return " ".join(p for p in self.pieces if p)

    def last_char(self) -> str:
        """The last character of its text so far ("" when it has none): ';' or '.' closes a clause."""
        for piece in reversed(self.pieces):
            if piece.strip():
                return piece.rstrip()[-1:]
        return ""

    def paragraph(self, join: Callable[[list[str]], str]) -> Paragraph:
        parent = str(self._label(self.path[:-1])) if self.path else None
        return Paragraph(label=self.label, kind=self.kind, text=join(self.pieces), parent=parent,
                         section=self.section, part=self.part, number=self.marker, depth=self.depth,
                         anchor=self._label(self.path).anchor)


def join_pieces(pieces: list[str]) -> str:
    """The pieces of a resolution's unit joined by single spaces (each piece is already stripped)."""
    return " ".join(p for p in pieces if p)


class UnitBuilder:
    """The units read so far and the open levels under the current paragraph."""

    __slots__ = ("max_units", "source", "what", "units", "part", "section", "pp_count", "last_op_number",
                 "stack", "top", "labels", "marked_parts")

    def __init__(self, max_units: int | None = None, source: str | None = None, what: str = "units"):
        self.max_units = max_units
        self.source = source
        self.what = what  # how the limit's message names them ("quoted units")
        self.units: list[DraftUnit] = []
        self.part: str | None = None
        self.section: str | None = None
        self.pp_count = 0
        self.last_op_number = 0
        # the open sub-levels under the current top unit: list of (style, last value, unit)
        self.stack: list[tuple[str, int, DraftUnit]] = []
        self.top: DraftUnit | None = None
        # kept as units are added, so that no step rescans every unit (quadratic on hostile text)
        self.labels: set[str] = set()
        self.marked_parts: set[str | None] = set()  # parts with a numbered or lettered operative unit

    def _add(self, unit: DraftUnit) -> None:
        if self.max_units is not None and len(self.units) >= self.max_units:
            raise LimitError(f"more than {self.max_units:,} {self.what}, over the limit (raise it with --max-units)",
                             source=self.source)
        self.units.append(unit)
        self.labels.add(unit.label)
        if unit.kind == OPERATIVE and unit.marker:
            self.marked_parts.add(unit.part)

    def start_part(self, part: str, numbered: bool) -> None:
        """A new part ("A", "II") of a resolution in parts: its own preamble and numbering."""
        self.part = part
        self.pp_count = 0
        if not numbered:
            self.last_op_number = 0  # unnumbered clauses count again from 1 in each part
        self.section = None
        self.top = None
        self.stack = []

    # ---- top-level units ----

    def _taken(self, kind: str, number: int) -> bool:
        return str(Label(kind, number, (), self.part)) in self.labels

    def new_top(self, kind: str, number: int | None, text: str, marker: str | None) -> None:
        """A preambular paragraph (numbered in order) or an operative one (``number`` as printed, else
        the next): a repeated or backward number is an OCR slip, so the order is kept."""
        if kind == PREAMBULAR:
            num = self.pp_count + 1
            while self._taken("PP", num):  # a part named twice ("A" ... "A")
                num += 1
            self.pp_count = num
        else:
            num = self.last_op_number + 1 if number is None or self._taken("OP", number) else number
            while self._taken("OP", num):  # numbers that went back ("2.", "1.", "2.")
                num += 1
            self.last_op_number = num
        unit = DraftUnit(kind, self.part, num, [], marker, [text], self.section, 0)
        self._add(unit)
        self.top = unit
        self.stack = []

    # ---- sub-units ----

    def new_sub(self, token: str | None, text: str, marker: str) -> None:
        """A sub-paragraph ("(c)", "(iii)"; ``token`` None for a dash item) read by the sequence it is in."""
        if self.top is None:
            # a list before any paragraph: treat as an operative paragraph of its own
            self.new_top(OPERATIVE, None, f"{marker} {text}".strip(), None)
            return
        candidates = [(DASH_STYLE, 0)] if token is None else readings(token)
        stack = self.stack
        # 1. continue an open level (deepest first) whose style fits and whose next value it is
        for depth in range(len(stack) - 1, -1, -1):
            style, last, _unit = stack[depth]
            for cstyle, value in candidates:
                if cstyle == style and (style == DASH_STYLE or value == last + 1):
                    self._add_sub(depth, style, last + 1 if style == DASH_STYLE else value, text, marker)
                    return
        # 2. open a new level under the deepest unit, preferring a first value (a, i, A)
        deeper = len(stack) < MAX_SUB_DEPTH
        firsts = [c for c in candidates if c[1] == 1 or c[0] == DASH_STYLE] if deeper else []
        if firsts:
            # "(i)" right under a letter level is roman; a fresh "(i)" list is roman too
            style, _value = sorted(firsts, key=lambda c: 0 if c[0] == "roman" else 1)[0]
            self._add_sub(len(stack), style, 1, text, marker)
            return
        # 3. an out-of-order marker: a sibling of the deepest level of the same style, else a new level
        for depth in range(len(stack) - 1, -1, -1):
            style, last, _unit = stack[depth]
            for cstyle, value in candidates:
                if cstyle == style and last < value <= last + 5:  # excerpts skip a few letters
                    self._add_sub(depth, style, value, text, marker)
                    return
        # 4. nothing fits: open a new level, reading the marker with its smallest value ("ii" is 2, not 35)
        if not deeper:
            self.append_to_last(f"{marker} {text}")  # not a real level: keep its text in the unit before
            return
        style, value = min(candidates, key=lambda c: c[1]) if candidates else ("letter", 1)
        self._add_sub(len(stack), style, value, text, marker)

    def place_sub(self, style: str, value: int | None, text: str, marker: str) -> None:
        """A sub-unit whose reading is already decided (a quoted excerpt's "(ii)" is roman 2): the sibling
        of the deepest open level of its style, else a child of the deepest open level. A dash item
        takes the next number of its level (``value`` None)."""
        depth = next((d for d in range(len(self.stack) - 1, -1, -1) if self.stack[d][0] == style), len(self.stack))
        if depth >= MAX_SUB_DEPTH:
            self.append_to_last(f"{marker} {text}")
            return
        if style == DASH_STYLE:
            value = self.stack[depth][1] + 1 if depth < len(self.stack) else 1
        self._add_sub(depth, style, value, text, marker)

    def _add_sub(self, depth: int, style: str, value: int, text: str, marker: str) -> None:
        stack = self.stack
        del stack[depth:]
        parent = stack[-1][2] if stack else self.top
        unit = DraftUnit(parent.kind, parent.part, parent.number, parent.path + [path_step(style, value)], marker,
                         [text], parent.section, depth + 1, style)
        while unit.label in self.labels:  # a repeated letter is an OCR slip; keep every unit
            value += 1
            unit.path = parent.path + [path_step(style, value)]
        self._add(unit)
        stack.append((style, value, unit))

    def append_to_last(self, text: str) -> None:
        if self.units:
            self.units[-1].pieces.append(text)

    def paragraphs(self, join: Callable[[list[str]], str] = join_pieces) -> tuple[Paragraph, ...]:
        return tuple(u.paragraph(join) for u in self.units)
