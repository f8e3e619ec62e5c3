"""Normalized text -> Resolution: the header facts and the labelled preambular and operative units.

The text is cut into blocks (paragraphs as printed), each block is classified by its opening (a paragraph
number, a sub-paragraph letter, a dash, a preambular participle, an operative verb), and the unit builder
(``units.UnitBuilder``) assigns the labels that monitors cite: PP1.., OP1.., OP28(c)(iii), OP4-2, A:OP3.
Headings become the ``section`` of the units under them (operative ones, and the preamble of a section
that has its own: "B", then "Strongly condemning ..."); annexes and footnotes
are kept apart from the operative text. The conventions themselves (markers, openers, the Council line)
live in ``grammar``; the header facts in ``header``.
"""

import re
from typing import NamedTuple

from .grammar import clauses, structure
from .grammar.numbering import (
    DASH,
    DASH_MARK,
    DIGIT_LOOKALIKES,
    LETTER,
    NUMBERED,
    OCR_NUMBERED,
    ROMAN,
    SUB,
    from_roman,
    path_step,
    readings,
    to_letters,
)
from .header import body_start, detect_language, read_header
from .model import OPERATIVE, PREAMBULAR, Resolution
from .normalize import hyphen_vocabulary, join_lines
from .units import UnitBuilder


class _OcrNumber:
    """A stand-in for a match of ``NUMBERED`` built from an OCR-damaged paragraph number ("L." for 1.)."""

    def __init__(self, number: int, end: int, marker: str):
        self._number, self._end, self._marker = number, end, marker

    def group(self, i: int = 0) -> str:
        return str(self._number) if i == 1 else self._marker

    def end(self) -> int:
        return self._end


def _ocr_numbered(text: str, expected: int):
    """Read "L. Strongly condemns" as paragraph 1 when 1 is the number expected there."""
    m = OCR_NUMBERED.match(text)
    if not m or (m.group(1).isdigit() and m.group(2)):
        return None
    digits = m.group(1).translate(DIGIT_LOOKALIKES)
    if digits.isdigit() and int(digits) == expected and clauses.looks_operative(text[m.end():]):
        return _OcrNumber(expected, m.end(), f"{expected}.")
    return None


def _is_heading(text: str) -> bool:
    """A heading inside the operative part: short, capitalized, with no closing punctuation."""
    stripped = text.strip()
    return (
        0 < len(stripped) <= 120
        and stripped[:1].isupper()
        and stripped[-1] not in ",;:."
        and not NUMBERED.match(stripped)
        and len(stripped.split()) <= 16
    )


# ---- blocks ----------------------------------------------------------------------------------------


class _Block(NamedTuple):  # known by id(block); a NamedTuple is cheaper to build than a dataclass
    text: str
    lines: list[str]


def _starts_unit(line: str) -> bool:
    s = line.lstrip()
    return bool(NUMBERED.match(s) or SUB.match(s) or DASH.match(s))


def _closes(line: str) -> bool:
    return line.rstrip()[-1:] in (";", ":", ".", ",")


def _new_group_at(current: list[str], line: str) -> bool:
    """Does ``line`` begin a new printed paragraph after the lines of ``current``?"""
    if structure.closes_group(current[-1]):
        return True
    if _starts_unit(line) and _closes(current[-1]):
        return True
    if (structure.COUNCIL.match(line) or structure.PART.match(line) or structure.ANNEX.match(line)) and _closes(current[-1]):
        return True
    # "Having considered ...,\nRecommends ..." with no blank line
    return bool(re.search(r",(?:\s*\d{1,3})?$", current[-1].rstrip())) and clauses.opens_clause(line)


def _split_blocks(lines: list[str], vocabulary) -> list[_Block]:
    """Cut lines into printed paragraphs: at blank lines, and where a line opens a new unit right
    after a line that closed one (texts extracted from PDF or Word often have no blank lines)."""
    groups: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if not line.strip():
            if current:
                groups.append(current)
                current = []
            continue
        if current and _new_group_at(current, line):
            groups.append(current)
            current = []
        current.append(line)
    if current:
        groups.append(current)
    return [_Block(join_lines(g, vocabulary), g) for g in groups]


def _misread_numbers(blocks: list[_Block]) -> dict[int, int]:
    """Paragraph numbers that the scan got wrong, told by their neighbours: in 4, 8, 6 the 8 is a 5.

    Returns {id(block): corrected number}. Gaps that the neighbours do not explain (excerpts that
    skip paragraphs on purpose) are left alone.
    """
    numbered = [(id(b), int(m.group(1))) for b in blocks if (m := NUMBERED.match(b.text.strip()))]
    out: dict[int, int] = {}
    for i in range(1, len(numbered) - 1):
        before, here, after = numbered[i - 1][1], numbered[i][1], numbered[i + 1][1]
        if after - before == 2 and here != before + 1:
            out[numbered[i][0]] = before + 1
    return out


# Digits that OCR reads for the letter of a sub-paragraph marker: "(6)" for "(b)", "(2)" for "(a)" or
# "(d)", "(1)" for "(i)".
_DIGIT_FOR_LETTERS = {"0": "o", "1": "il", "2": "adz", "5": "bs", "6": "b", "8": "b", "9": "gq"}
_DIGIT_MARKER = re.compile(r"^\((\d)\)\s*")


def _misread_markers(blocks: list[_Block]) -> dict[int, str]:
    """Sub-paragraph markers that the scan read as digits, told by their neighbours: "(6)" between "(a)"
    and "(c)" is "(b)"; "(1)" before "(ii)" is "(i)". Only where the digit looks like the letter that the
    sequence needs there (a list really numbered "(1)", "(2)" stays as it is). Returns {id(block): token}."""
    markers: list[tuple[int, str | None, str | None]] = []  # (block id, letter token, digit) in order
    for b in blocks:
        t = b.text.strip()
        if NUMBERED.match(t):
            markers.append((id(b), None, None))  # a new paragraph: sequences do not run across it
        elif (m := SUB.match(t)) is not None:
            markers.append((id(b), m.group(1) or m.group(2), None))
        elif (d := _DIGIT_MARKER.match(t)) is not None:
            markers.append((id(b), None, d.group(1)))
    out: dict[int, str] = {}
    for k, (block_id, _token, digit) in enumerate(markers):
        if digit is None:
            continue
        looks = _DIGIT_FOR_LETTERS.get(digit, "")
        before = markers[k - 1][1] if k > 0 else None
        after = markers[k + 1][1] if k + 1 < len(markers) else None
        for style, value in readings(before or ""):
            if style == LETTER and to_letters(value + 1) in looks:
                out[block_id] = to_letters(value + 1)
        if block_id not in out:
            for style, value in readings(after or ""):
                if value >= 2 and path_step(style, value - 1) in looks and style in (LETTER, ROMAN):
                    out[block_id] = path_step(style, value - 1)
                    break
    return out


def _chapeaus(blocks: list[_Block]) -> set[int]:
    """Unnumbered lines that introduce numbered paragraphs ("Resolves:" then "1. That ..."): the items keep
    their own numbers, so the line is not a paragraph of its own."""
    out = set()
    for here, after in zip(blocks, blocks[1:]):
        t = here.text.strip()
        m = NUMBERED.match(after.text.strip())
        if t.endswith(":") and m and m.group(1) == "1" and not NUMBERED.match(t) and not SUB.match(t) \
                and len(t.split()) <= 12 and clauses.opens_with_council_verb(t):
            out.add(id(here))
    return out


def _section_letters(blocks: list[_Block], corrected: dict[int, int]) -> set[int]:
    """Part letters ("A", "B") over numbering that runs on from part to part: they head sections, and
    people cite "paragraph 8", not "B: paragraph 8". Parts whose numbering starts again are real parts."""
    parts: list[tuple[int | None, list[int]]] = [(None, [])]
    for b in blocks:
        t = b.text.strip()
        part = structure.PART.match(t)
        if part and (part.group(1) in "ABCDEFGH" or from_roman(part.group(1).lower())):
            parts.append((id(b), []))
        elif (m := NUMBERED.match(t)) is not None:
            parts[-1][1].append(corrected.get(id(b), int(m.group(1))))
    numbered = [(block_id, numbers) for block_id, numbers in parts if numbers]
    if len(numbered) < 2 or any(not numbers for _block_id, numbers in parts[1:]):
        return set()  # one numbered part, or a part of unnumbered clauses: nothing tells a section
    for (_a, before), (_b, after) in zip(numbered, numbered[1:]):
        if after[0] != before[-1] + 1:
            return set()
    return {block_id for block_id, _numbers in parts if block_id is not None}


# ---- the body, block by block ------------------------------------------------------------------------


class _BodyReader:
    """Reads the blocks of a body in one of three modes: the body itself, its annexes, and the tail
    after an older resolution's adoption line (footnotes). One handler per mode."""

    __slots__ = ("corrected", "units", "markers", "chapeaus", "section_letters", "footnotes", "annexes",
                 "tail_lines", "mode", "in_operative", "pending_part", "heading_just_read", "after_heading")

    def __init__(self, corrected: dict[int, int], units: UnitBuilder | None = None,
                 markers: dict[int, str] | None = None, chapeaus: set[int] | None = None,
                 section_letters: set[int] | None = None):
        self.corrected = corrected
        self.units = units if units is not None else UnitBuilder()
        self.markers = markers if markers is not None else {}  # sub-paragraph markers the scan read as digits
        self.chapeaus = chapeaus if chapeaus is not None else set()  # "Resolves:" before "1. That ..."
        # "A", "B" over numbering that runs on
        self.section_letters = section_letters if section_letters is not None else set()
        self.footnotes: list[str] = []
        self.annexes: list[str] = []
        self.tail_lines: list[str] = []
        self.mode = "body"  # body | annex | tail
        self.in_operative = False
        self.pending_part: str | None = None
        self.heading_just_read = False  # this block is a heading inside the operative part
        self.after_heading = False  # the block before this one was

    def read(self, block: _Block) -> None:
        t = block.text.strip()
        if t:
            self.after_heading, self.heading_just_read = self.heading_just_read, False
            {"body": self.body, "annex": self.annex, "tail": self.tail}[self.mode](t, block)

    def annex(self, t: str, block: _Block) -> None:
        if self.annexes and not structure.ANNEX.match(t):
            self.annexes[-1] = self.annexes[-1] + "\n\n" + t
        else:
            self.annexes.append(t)

    def tail(self, t: str, block: _Block) -> None:
        if structure.ANNEX.match(t):
            self.mode = "annex"
            self.annexes.append(t)
            return
        if structure.FOOTNOTE.match(t) or structure.OLD_FOOTNOTE.match(t) or self.tail_lines:
            self.tail_lines.append(t)
        self.footnotes.append(t)

    def body(self, t: str, block: _Block) -> None:
        if self._structural(t, block):
            return
        b = self.units
        numbered = NUMBERED.match(t) or _ocr_numbered(t, b.last_op_number + 1)
        if self.pending_part is not None:
            b.start_part(self.pending_part, numbered=bool(numbered))
            self.in_operative = False
            self.pending_part = None
        if numbered:
            self.in_operative = True
            number = self.corrected.get(id(block), int(numbered.group(1)))
            b.new_top(OPERATIVE, number, t[numbered.end():].strip(), numbered.group(0).strip())
        elif not self._marked(t, block):
            self._unmarked(t, block)

    def _structural(self, t: str, block: _Block) -> bool:
        """The Council line, the adoption line, annexes, footnotes and parts: not units. True when ``t``
        was one of them."""
        b = self.units
        if structure.COUNCIL.match(t):
            return True
        if structure.CONNECTIVE_COUNCIL.match(t):
            b.append_to_last(t)  # "Therefore the Security Council," closes the clause before it
            return True
        if self.in_operative and (structure.ADOPTED.match(t) or structure.ADOPTED_BY_COUNCIL.match(t)):
            self.mode = "tail"
            self.tail_lines.append(t)
            return True
        if structure.ANNEX.match(t) and b.units:
            self.mode = "annex"
            self.annexes.append(t)
            return True
        if structure.FOOTNOTE.match(t) or (structure.OLD_FOOTNOTE.match(t) and b.units):
            self.footnotes.append(t)
            return True
        part = structure.PART.match(t)
        if part and (part.group(1) in "ABCDEFGH" or from_roman(part.group(1).lower())):
            if id(block) in self.section_letters:
                b.section = part.group(1)  # a section letter: the numbering runs on, the labels have no part
                self.in_operative = False  # a section may open with preambular paragraphs of its own
            else:
                self.pending_part = part.group(1)
            return True
        return False

    def _marked(self, t: str, block: _Block) -> bool:
        """A block opening with a sub-paragraph marker or a dash. True when it was placed."""
        b = self.units
        if id(block) in self.markers and b.top is not None:
            digit = _DIGIT_MARKER.match(t)
            b.new_sub(self.markers[id(block)], t[digit.end():].strip(), f"({self.markers[id(block)]})")
            return True
        sub = SUB.match(t)
        if sub and (b.top is None or (b.top.kind == PREAMBULAR and clauses.looks_operative(t[sub.end():]))):
            # an operative part lettered "(a) Resolves ...; (b) Requests ..." with no numbers
            self.in_operative = True
            b.new_top(OPERATIVE, None, t[sub.end():].strip(), sub.group(0).strip())
            return True
        if sub and b.top is not None and not b.stack and b.top.kind == OPERATIVE and b.top.marker:
            # "(b)" after a top-level "(a) Resolves ..." continues that lettered list
            prev = readings(b.top.marker.strip("()"))
            here = readings(sub.group(1) or sub.group(2) or "")
            if any(ps == hs == "letter" and hv == pv + 1 for ps, pv in prev for hs, hv in here):
                b.new_top(OPERATIVE, None, t[sub.end():].strip(), sub.group(0).strip())
                return True
        if sub and b.top is not None:
            b.new_sub(sub.group(1) or sub.group(2), t[sub.end():].strip(), sub.group(0).strip())
            return True
        dash = DASH.match(t)
        if dash and b.top is not None:
            b.new_sub(None, t[dash.end():].strip(), DASH_MARK)
            return True
        return False

    def _unmarked(self, t: str, block: _Block) -> None:
        """A block with no number or marker: a continuation, a heading, or an unnumbered clause."""
        b = self.units
        if id(block) in self.chapeaus and b.last_op_number == 0:
            self.in_operative = True
            b.section = t  # "Resolves:" introduces paragraphs 1, 2, 3: it is their heading, not paragraph 1
        elif b.units and (t[:1].islower() or t[:1] in "(\"'“‘[" or t[:1].isdigit()):
            b.append_to_last(t)
        elif self.in_operative:
            self._unmarked_operative(t)
        elif clauses.looks_operative(t) and not clauses.looks_preambular(t):
            self.in_operative = True
            b.new_top(OPERATIVE, None, t, None)
        elif b.units and b.top is not None and b.top.kind == PREAMBULAR and clauses.is_connective(t):
            b.append_to_last(t)  # connectives such as "Therefore" belong to the clause before
        elif _is_heading(t) and not clauses.looks_preambular(t) and not clauses.looks_operative(t):
            b.section = t  # a heading above the first operative paragraph
        elif b.top is not None and b.top.kind == PREAMBULAR and b.units[-1].last_char() not in ",;:." \
                and not clauses.looks_preambular(t):
            b.append_to_last(t)  # a preambular paragraph that a stray blank line cut in two
        else:
            b.new_top(PREAMBULAR, None, t, None)

    def _unmarked_operative(self, t: str) -> None:
        b = self.units
        if b.units and b.units[-1].last_char() == ":" and not clauses.looks_operative(t) \
                and not t.startswith(("To ", "That ")) and not re.match(r"[A-Z]\.\s", t):
            b.append_to_last(t)  # what the paragraph introduced ("as follows:") is part of it
        elif _is_heading(t) and not clauses.looks_operative(t):
            b.section = t
            self.heading_just_read = True
        elif self.after_heading:
            b.new_top(OPERATIVE, None, t, None)  # the opening words of a section ("Article 6", then "In
            # discharging ..., the Authority shall:"): never the end of the paragraph above the heading
        elif clauses.opener_kind(t) == PREAMBULAR and t.rstrip()[-1:] == "," and b.units and b.units[-1].last_char() in (";", "."):
            b.new_top(PREAMBULAR, None, t, None)  # a preambular clause between operative ones ("Acting under ...,")
            self.in_operative = False
        elif b.part not in b.marked_parts:
            b.new_top(OPERATIVE, None, t, None)  # an unnumbered operative part: one clause a paragraph
        elif clauses.looks_operative(t) and b.units and b.units[-1].last_char() in ";." and t.rstrip()[-1:] in (";", ".", ":"):
            # a clause between numbered ones whose number the scan lost: it takes the next number
            b.new_top(OPERATIVE, None, t, None)
        else:
            b.append_to_last(t)

    def promote_last_clause(self) -> None:
        """A text read as all preamble whose last clause closes with a full stop was decided by that
        clause ("Deeply deplores ... ."): it is the single operative paragraph."""
        units = self.units.units
        if not units or any(u.kind == OPERATIVE for u in units):
            return
        last = units[-1]
        text = last.text
        if last.path or clauses.looks_preambular(text) or not clauses.looks_operative(text):
            return
        last.kind = OPERATIVE
        last.number = 1
        last.section = self.units.section


_LINE_END_HYPHEN = re.compile(r"-[^\S\n]*\n")  # starts with its literal: searched fast


def segment(text: str, source: str | None = None, hints: dict | None = None, max_units: int | None = None) -> Resolution:
    """Cut a normalized resolution text into labelled units. Never raises on odd text; raises LimitError as
    soon as the text holds more than ``max_units`` units (the bound is met while reading, not after)."""
    hints = hints or {}
    lines = text.split("\n")
    start = body_start(lines)
    # the document's words are evidence only for a hyphen at a line end: most texts have none
    vocabulary = hyphen_vocabulary(text) if _LINE_END_HYPHEN.search(text) else frozenset()
    blocks = _split_blocks(lines[start:], vocabulary)
    corrected = _misread_numbers(blocks)
    reader = _BodyReader(corrected, UnitBuilder(max_units=max_units, source=source), _misread_markers(blocks),
                         _chapeaus(blocks), _section_letters(blocks, corrected))
    reader.footnotes.extend(hints.get("footnotes", ()))
    for block in blocks:
        reader.read(block)
    reader.promote_last_clause()
    header = read_header("\n".join(lines[:start]), "\n".join(reader.tail_lines), hints)
    return Resolution(
        paragraphs=reader.units.paragraphs(),
        symbol=header.symbol,
        number=header.number,
        year=header.year,
        language=hints.get("language") or detect_language(text),
        date=header.date,
        meeting=header.meeting,
        title=header.title,
        annexes=tuple(reader.annexes),
        footnotes=tuple(reader.footnotes),
        source=source,
        council_line=any(structure.COUNCIL.match(line) or structure.CONNECTIVE_COUNCIL.match(line) for line in lines),
        warnings=tuple(hints.get("warnings", ())),
    )
