"""Normalized text -> Resolution: the header facts and the labelled preambular and operative units.

The text is cut into blocks (paragraphs as printed), each block is classified by its opening
(a paragraph number, a sub-paragraph letter, a dash, a preambular participle, an operative verb),
and a small state machine assigns the labels that monitors cite: PP1.., OP1.., OP28(c)(iii), OP4-2,
A:OP3. Headings inside the operative part become the ``section`` of the units under them; annexes
and footnotes are kept apart from the operative text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import OPERATIVE, PREAMBULAR, Paragraph, Resolution
from .normalize import hyphen_vocabulary, join_lines
from .symbols import Label, format_symbol, int_to_roman, roman_to_int

# ---- header facts --------------------------------------------------------------------------------

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
_MONTHS_FR = {
    m: i + 1
    for i, m in enumerate(
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
    )
}
_SYMBOL_IN_HEADER = re.compile(r"S/RES/(\d{1,5})\s*\((\d{4})\)")
# "^[^\S\n]*", not "^\s*": under MULTILINE a leading \s* runs on over blank lines from every line start,
# quadratic on a header of many empty lines. "\s*(?:\.\s*)?" below reads as "\s*\.?\s*" did, in linear time.
_RESOLUTION_NUMBER = re.compile(r"^[^\S\n]*(?:RESOLUTION|Resolution|Résolution)\s+(\d{1,5})\s*\((\d{4})\)", re.MULTILINE)
_BARE_NUMBER = re.compile(r"^[^\S\n]*(?:RESOLUTION|Resolution|Résolution)\s+(\d{1,5})\b", re.MULTILINE)
_OLD_NUMBER = re.compile(r"^[^\S\n]*(\d{1,5})\s*\((\d{4})\)\s*(?:\.\s*)?Resolution", re.MULTILINE)
_DATE = re.compile(r"\b(\d{1,2})(?:er)?\s+([A-Za-zéû]+)\s+(\d{4})\b")
_MEETING = re.compile(r"(?:at its|at the|à sa)\s+(\d{1,5})\s*(?:st|nd|rd|th|e|ème)?[_\s]*(?:meeting|séance)", re.IGNORECASE)

# The line that opens the body: "The Security Council," / "Le Conseil de sécurité,".
_COUNCIL = re.compile(r"^\s*(?:The Security Council|Le Conseil de s[ée]curit[ée])\s*(?:[,.:;]\s*)?$", re.IGNORECASE)
# An older opening that follows a first clause: "Therefore the Security Council,".
_CONNECTIVE_COUNCIL = re.compile(r"^\s*(?:Therefore|Accordingly|Hence)(?:\s*,\s+|\s+)the Security Council\s*(?:[,.:;]\s*)?$", re.IGNORECASE)
# The line that closes the body of an older resolution.
_ADOPTED = re.compile(r"^\s*(?:Adopted|Adoptée)\s+(?:unanimously|without|at|by|à|sans|par|le)\b")
_ADOPTED_BY_COUNCIL = re.compile(r"^\s*(?:Adopted by the Security Council|Adoptée par le Conseil de sécurité)\b")
# A part of a resolution in parts: "A", "B", "I", "II" (optionally "Part II") alone on a line.
_PART = re.compile(r"^\s*(?:Part\s+|PART\s+)?([A-H]|[IVX]{1,5})\s*(?:\.\s*)?$")
_ANNEX = re.compile(r"^\s*(?:ANNEX|Annex|APPENDIX|Appendix|ANNEXE|Annexe)(?:\s+[IVX\d]{1,4}|\s+[A-H])?\s*(?:\.\s*)?$")
# Footnotes: "1/ S/24960." (1990s) or "22 Adopted without vote." after the body.
_FOOTNOTE = re.compile(r"^\s*(?:\d{1,3}/|\*{1,3})\s+\S")
_OLD_FOOTNOTE = re.compile(r"^\s*\d{1,3}\s+(?:See|Official Records|Ibid|S/\d|Document|Adopted|One member|The draft|Resolution|A/\d)")

# ---- block openings ------------------------------------------------------------------------------

_NUMBERED = re.compile(r"^(\d{1,3})\s?\.(?:\s+|(?=[A-Z]))")
_SUB = re.compile(r"^\(([a-z]{1,6}|[A-Z])\)\s*|^([a-z])\)\s+")
_DASH = re.compile(r"^[\u2013\u2014\-•\u2022]\s+")

# Operative paragraphs begin with a verb in the third person ("Decides", "Calls upon"), possibly
# after an adverb ("Strongly condemns"); preambular ones with a participle or an adjective.
_ADVERBS = frozenset(
    "also further again strongly solemnly firmly hereby once urgently emphatically categorically "
    "unanimously earnestly finally therefore accordingly deeply gravely seriously profoundly greatly "
    "most particularly especially fully resolutely warmly vigorously".split()
)
_PREAMBLE_OPENERS = frozenset(
    "mindful conscious convinced aware concerned alarmed desirous determined "
    "cognizant noting considering recalling reaffirming recognizing recognising taking having "
    "bearing emphasizing emphasising welcoming expressing stressing underlining acknowledging "
    "regretting deploring commending appreciating affirming reiterating acting determining "
    "believing encouraged disturbed shocked appalled seriously profoundly greatly reaffirming "
    "gratified satisfied anxious wishing observing condemning paying by whereas in troubled "
    "indignant outraged dismayed shocked distressed saddened grieved perturbed impressed heartened".split()
)


# Letters that OCR reads for digits in paragraph numbers ("L." for 1., "Z." for 2., "S." for 5.).
_DIGIT_LOOKALIKES = str.maketrans("LlIZSsGBTO", "1112556870")
_OCR_NUMBERED = re.compile(r"^([0-9LlIZSsGBTO]{1,3})\s?([.,]?)\s+(?=[A-Z])")


class _Match:
    """A stand-in for a regex match of ``_NUMBERED`` built from an OCR-damaged number."""

    def __init__(self, number: int, end: int, marker: str):
        self._number, self._end, self._marker = number, end, marker

    def group(self, i: int = 0) -> str:
        return str(self._number) if i == 1 else self._marker

    def end(self) -> int:
        return self._end


def _ocr_numbered(text: str, expected: int):
    """Read "L. Strongly condemns" as paragraph 1 when 1 is the number expected there."""
    m = _OCR_NUMBERED.match(text)
    if not m or (m.group(1).isdigit() and m.group(2)):
        return None
    digits = m.group(1).translate(_DIGIT_LOOKALIKES)
    if digits.isdigit() and int(digits) == expected and _looks_operative(text[m.end():]):
        return _Match(expected, m.end(), f"{expected}.")
    return None


_CONNECTIVES = frozenset({"therefore", "and", "accordingly", "hence", "now therefore", "now, therefore", "and therefore"})


def _first_words(text: str, n: int = 3) -> list[str]:
    return re.findall(r"[A-Za-zÀ-ÿ']+", text[:80])[:n]


def _looks_preambular(text: str) -> bool:
    words = [w.lower() for w in _first_words(text, 3)]
    for w in words:
        if w in _ADVERBS:
            continue
        return w in _PREAMBLE_OPENERS or w.endswith("ing") or w.endswith("ant")
    return False


def _looks_operative(text: str) -> bool:
    """An unnumbered block that reads as an operative clause ("Requests the parties ...")."""
    words = _first_words(text, 4)
    if not words:
        return False
    if [w.lower() for w in words[:3]] == ["the", "security", "council"]:
        return len(words) > 3 and words[3].islower() and words[3].endswith("s")
    for w in words:
        lw = w.lower()
        if lw in _ADVERBS:
            continue
        return text[:1].isupper() and lw.endswith("s") and not lw.endswith("ss") and lw not in _PREAMBLE_OPENERS
    return False


def _is_heading(text: str) -> bool:
    """A heading inside the operative part: short, capitalized, with no closing punctuation."""
    stripped = text.strip()
    return (
        0 < len(stripped) <= 120
        and stripped[:1].isupper()
        and stripped[-1] not in ",;:."
        and not _NUMBERED.match(stripped)
        and len(stripped.split()) <= 16
    )


# ---- blocks ----------------------------------------------------------------------------------------


@dataclass
class _Block:
    text: str
    lines: list[str]


_CLAUSE_VERBS = frozenset(
    "decides requests recommends calls urges demands authorizes invites encourages welcomes notes takes "
    "condemns reaffirms expresses affirms approves endorses emphasizes stresses underlines appeals "
    "deplores declares determines recalls reiterates commends supports resolves".split()
)


def _opens_clause(line: str) -> bool:
    """A line that can only be the start of a new clause (a participle or an operative verb)."""
    words = _first_words(line.lstrip(), 2)
    if not words or not words[0][:1].isupper():
        return False
    first = words[0].lower()
    return first in _CLAUSE_VERBS or (first.endswith("ing") and first in _PREAMBLE_OPENERS)


def _starts_unit(line: str) -> bool:
    s = line.lstrip()
    return bool(_NUMBERED.match(s) or _SUB.match(s) or _DASH.match(s))


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
        if current and (
            _COUNCIL.match(current[-1]) or _CONNECTIVE_COUNCIL.match(current[-1]) or _PART.match(current[-1]) or _ANNEX.match(current[-1])
        ):
            groups.append(current)
            current = []
        elif current and _starts_unit(line) and current[-1].rstrip()[-1:] in (";", ":", ".", ","):
            groups.append(current)
            current = []
        elif current and (_COUNCIL.match(line) or _PART.match(line) or _ANNEX.match(line)) and current[-1].rstrip()[-1:] in (";", ":", ".", ","):
            groups.append(current)
            current = []
        elif current and re.search(r",(?:\s*\d{1,3})?$", current[-1].rstrip()) and _opens_clause(line):
            groups.append(current)  # "Having considered ...,\nRecommends ..." with no blank line
            current = []
        current.append(line)
    if current:
        groups.append(current)
    return [_Block(join_lines(g, vocabulary), g) for g in groups]


# ---- the state machine ---------------------------------------------------------------------------


@dataclass
class _Unit:
    kind: str
    part: str | None
    number: int  # top-level number (PP or OP)
    path: list[str]
    marker: str | None
    text: str
    section: str | None
    depth: int
    style: str | None = None  # "letter", "roman", "upper", "dash" for sub-units

    @property
    def label(self) -> str:
        return str(Label("PP" if self.kind == PREAMBULAR else "OP", self.number, tuple(self.path), self.part))


@dataclass
class _State:
    units: list[_Unit] = field(default_factory=list)
    part: str | None = None
    in_operative: bool = False
    pp_count: int = 0
    op_count: int = 0
    last_op_number: int = 0
    section: str | None = None
    numbered_part: bool = False
    # the open sub-levels under the current top unit: list of (style, last value, unit)
    stack: list[tuple[str, int, _Unit]] = field(default_factory=list)
    top: _Unit | None = None
    # kept as units are added, so that no step rescans every unit (quadratic on hostile text)
    labels: set[str] = field(default_factory=set)  # the label of every unit so far
    marked_parts: set[str | None] = field(default_factory=set)  # parts with a numbered or lettered operative unit

    def add(self, unit: _Unit) -> None:
        self.units.append(unit)
        self.labels.add(unit.label)
        if unit.kind == OPERATIVE and unit.marker:
            self.marked_parts.add(unit.part)


def _sub_candidates(token: str) -> list[tuple[str, int]]:
    """What a sub-paragraph marker can mean: ('letter', 9) and/or ('roman', 1) for "i"."""
    out: list[tuple[str, int]] = []
    if len(token) == 1 and token.isupper():
        return [("upper", ord(token) - 64)]
    roman = roman_to_int(token)
    if roman is not None:
        out.append(("roman", roman))
    if len(token) == 1:
        out.append(("letter", ord(token) - 96))
    elif len(token) == 2 and token[0] == token[1]:
        out.append(("letter", 26 + ord(token[0]) - 96))  # (aa), (bb) after (z)
    return out


def _letter_path(style: str, value: int) -> str:
    if style == "roman":
        return int_to_roman(value)
    if style == "upper":
        return chr(96 + value)
    if value > 26:
        return chr(96 + value - 26) * 2
    return chr(96 + value)


# Sub-levels below a paragraph: resolutions use two or three ("(c)(iii)"); a hostile text of repeated
# "(b)" lines would otherwise nest thousands deep, with labels (and work) growing with the depth.
MAX_SUB_DEPTH = 6


class _Segmenter:
    def __init__(self):
        self.s = _State()

    # top-level units
    def new_top(self, kind: str, number: int | None, text: str, marker: str | None):
        s = self.s
        if kind == PREAMBULAR:
            s.pp_count += 1
            num = s.pp_count
            while str(Label("PP", num, (), s.part)) in s.labels:  # a part named twice ("A" ... "A")
                num += 1
            s.pp_count = num
        else:
            if number is None:
                num = s.last_op_number + 1
            else:
                num = number
                if str(Label("OP", num, (), s.part)) in s.labels:
                    num = s.last_op_number + 1  # a repeated number is an OCR slip; keep the order
            while str(Label("OP", num, (), s.part)) in s.labels:  # numbers that went back ("2.", "1.", "2.")
                num += 1
            s.last_op_number = num
            s.op_count += 1
        unit = _Unit(kind, s.part, num, [], marker, text, s.section if kind == OPERATIVE else None, 0)
        s.add(unit)
        s.top = unit
        s.stack = []

    def new_sub(self, token: str | None, text: str, marker: str):
        s = self.s
        if s.top is None:
            # a list before any paragraph: treat as an operative paragraph of its own
            self.new_top(OPERATIVE, None, f"{marker} {text}".strip(), None)
            return
        candidates = [("dash", 0)] if token is None else _sub_candidates(token)
        # 1. continue an open level (deepest first) whose style fits and whose next value it is
        for depth in range(len(s.stack) - 1, -1, -1):
            style, last, _unit = s.stack[depth]
            for cstyle, value in candidates:
                if cstyle == style and (style == "dash" or value == last + 1):
                    self._add_sub(depth, style, value if style != "dash" else last + 1, text, marker)
                    return
        # 2. open a new level under the deepest unit, preferring a first value (a, i, A)
        deeper = len(s.stack) < MAX_SUB_DEPTH
        firsts = [c for c in candidates if c[1] == 1 or c[0] == "dash"] if deeper else []
        if firsts:
            # "(i)" right under a letter level is roman; a fresh "(i)" list is roman too
            style, value = sorted(firsts, key=lambda c: 0 if c[0] == "roman" else 1)[0]
            self._add_sub(len(s.stack), style, 1 if style != "dash" else 1, text, marker)
            return
        # 3. an out-of-order marker: a sibling of the deepest level of the same style, else a new level
        for depth in range(len(s.stack) - 1, -1, -1):
            style, last, _unit = s.stack[depth]
            for cstyle, value in candidates:
                if cstyle == style and last < value <= last + 5:  # excerpts skip a few letters
                    self._add_sub(depth, style, value, text, marker)
                    return
        # 4. nothing fits: open a new level, reading the marker with its smallest value ("ii" is 2, not 35)
        if not deeper:
            self.append_to_last(f"{marker} {text}")  # not a real level: keep its text in the unit before
            return
        style, value = min(candidates, key=lambda c: c[1]) if candidates else ("letter", 1)
        self._add_sub(len(s.stack), style, value, text, marker)

    def _add_sub(self, depth: int, style: str, value: int, text: str, marker: str):
        s = self.s
        del s.stack[depth:]
        parent = s.stack[-1][2] if s.stack else s.top
        step = f"-{value}" if style == "dash" else _letter_path(style, value)
        path = parent.path + [step]
        unit = _Unit(parent.kind, parent.part, parent.number, path, marker, text, parent.section, depth + 1, style)
        while unit.label in s.labels:  # a repeated letter is an OCR slip; keep every unit
            value += 1
            step = f"-{value}" if style == "dash" else _letter_path(style, value)
            unit.path = parent.path + [step]
        s.add(unit)
        s.stack.append((style, value, unit))

    def append_to_last(self, text: str):
        if self.s.units:
            last = self.s.units[-1]
            last.text = f"{last.text} {text}".strip()


def _misread_numbers(blocks: list[_Block]) -> dict[int, int]:
    """Paragraph numbers that the scan got wrong, told by their neighbours: in 4, 8, 6 the 8 is a 5.

    Returns {id(block): corrected number}. Gaps that the neighbours do not explain (excerpts that
    skip paragraphs on purpose) are left alone.
    """
    numbered = [(id(b), int(m.group(1))) for b in blocks if (m := _NUMBERED.match(b.text.strip()))]
    out: dict[int, int] = {}
    for i in range(1, len(numbered) - 1):
        before, here, after = numbered[i - 1][1], numbered[i][1], numbered[i + 1][1]
        if after - before == 2 and here != before + 1:
            out[numbered[i][0]] = before + 1
    return out


def _promote_last_clause(s: _State) -> None:
    """A text read as all preamble whose last clause closes with a full stop was decided by that
    clause ("Deeply deplores ... ."): it is the single operative paragraph."""
    if any(u.kind == OPERATIVE for u in s.units) or not s.units:
        return
    last = s.units[-1]
    if last.path or _looks_preambular(last.text) or not _looks_operative(last.text):
        return
    last.kind = OPERATIVE
    last.number = 1
    last.section = s.section


def _parse_date(text: str) -> str | None:
    for m in _DATE.finditer(text):
        day, month, year = int(m.group(1)), m.group(2).lower(), int(m.group(3))
        num = _MONTHS.get(month) or _MONTHS_FR.get(month)
        if num and 1 <= day <= 31 and 1945 <= year <= 2100:
            return f"{year:04d}-{num:02d}-{day:02d}"
    return None


@dataclass(frozen=True)
class _Header:
    symbol: str | None
    number: int | None
    year: int | None
    date: str | None
    meeting: int | None
    title: str | None


def _read_header(head: str, tail: str, hints: dict) -> _Header:
    number = year = None
    for pattern in (_SYMBOL_IN_HEADER, _RESOLUTION_NUMBER, _OLD_NUMBER):
        m = pattern.search(head)
        if m:
            number, year = int(m.group(1)), int(m.group(2))
            break
    if number is None and hints.get("symbol"):
        m = re.search(r"(\d{1,5})\s*\((\d{4})\)", str(hints["symbol"]))
        if m:
            number, year = int(m.group(1)), int(m.group(2))
    if number is None:
        m = _BARE_NUMBER.search(head)  # "Resolution 290" or an OCR-damaged year "(197-4)"
        if m:
            number = int(m.group(1))
    date = hints.get("date") or _parse_date(head)
    if number is not None and date and year != int(date[:4]):
        year = int(date[:4])  # the year of adoption; a printed "(1973)" on a 1978 text is an OCR slip
    m = _MEETING.search(head) or _MEETING.search(tail)
    meeting = int(m.group(1)) if m else None
    title = None
    for line in head.split("\n"):
        s = line.strip()
        if re.fullmatch(r"[A-Z][A-Z ,'’-]{3,}", s) and not _RESOLUTION_NUMBER.match(s) and s not in ("UNITED NATIONS", "SECURITY COUNCIL"):
            title = s.title() if title is None else title
    return _Header(format_symbol(number, year), number, year, date, meeting, title)


def _detect_language(text: str) -> str:
    sample = text[:20000].lower()
    fr = len(re.findall(r"\b(?:le|la|les|des|du|et|conseil|sécurité|décide|prie)\b", sample))
    en = len(re.findall(r"\b(?:the|and|of|council|security|decides|requests)\b", sample))
    return "fr" if fr > en else "en"


def _body_start(lines: list[str]) -> int:
    """Index of the first body line: after "The Security Council," or after the title block."""
    for i, line in enumerate(lines):
        if _COUNCIL.match(line):
            j = i - 1
            while j >= 0 and not lines[j].strip():
                j -= 1
            return j if j >= 0 and _PART.match(lines[j]) else i  # "A" above the first preamble
    # no "The Security Council,": skip the title block (symbol, number, date, adoption lines)
    i = 0
    header_like = re.compile(
        r"^\s*(?:$|United Nations|Security Council|Conseil de sécurité|Distr\.|S/RES/|RESOLUTION|Resolution|Résolution"
        r"|of \d|on \d|\[|\(S/|\d{1,5}\s*\(\d{4}\)|Adopted by|Adoptée par|[A-Z][A-Z ,.'-]+$|\d{1,2} \w+ \d{4}\s*$)"
    )
    while i < len(lines) and header_like.match(lines[i]):
        if _ADOPTED_BY_COUNCIL.match(lines[i]):
            # the adoption sentence may wrap onto the next line ("on 18 December 1992")
            i += 1
            while i < len(lines) and lines[i].strip() and not lines[i].rstrip().endswith(","):
                if re.search(r"\d{4}\s*$", lines[i - 1]):
                    break
                i += 1
            continue
        i += 1
    return i


def segment(text: str, source: str | None = None, hints: dict | None = None) -> Resolution:
    """Cut a normalized resolution text into labelled units. Never raises on odd text."""
    hints = hints or {}
    lines = text.split("\n")
    start = _body_start(lines)
    head = "\n".join(lines[:start])
    body_lines = lines[start:]
    vocabulary = hyphen_vocabulary(text)
    blocks = _split_blocks(body_lines, vocabulary)

    corrected = _misread_numbers(blocks)
    seg = _Segmenter()
    s = seg.s
    annexes: list[str] = []
    footnotes: list[str] = list(hints.get("footnotes", ()))
    tail_lines: list[str] = []
    mode = "body"  # body | annex | tail
    pending_part: str | None = None
    for block in blocks:
        t = block.text.strip()
        if not t:
            continue
        if mode == "annex":
            if annexes and not _ANNEX.match(t):
                annexes[-1] = annexes[-1] + "\n\n" + t
            else:
                annexes.append(t)
            continue
        if mode == "tail":
            if _ANNEX.match(t):
                mode = "annex"
                annexes.append(t)
            elif _FOOTNOTE.match(t) or _OLD_FOOTNOTE.match(t) or tail_lines:
                footnotes.append(t)
                tail_lines.append(t)
            else:
                footnotes.append(t)
            continue
        if _COUNCIL.match(t):
            continue
        if _CONNECTIVE_COUNCIL.match(t):
            seg.append_to_last(t)  # "Therefore the Security Council," closes the clause before it
            continue
        if s.in_operative and (_ADOPTED.match(t) or _ADOPTED_BY_COUNCIL.match(t)):
            mode = "tail"
            tail_lines.append(t)
            continue
        if _ANNEX.match(t) and s.units:
            mode = "annex"
            annexes.append(t)
            continue
        if _FOOTNOTE.match(t) or (_OLD_FOOTNOTE.match(t) and s.units):
            footnotes.append(t)
            continue
        part = _PART.match(t)
        if part and (part.group(1) in "ABCDEFGH" or roman_to_int(part.group(1).lower())):
            pending_part = part.group(1)
            continue
        numbered = _NUMBERED.match(t) or _ocr_numbered(t, s.last_op_number + 1)
        if pending_part is not None:
            s.part = pending_part
            s.pp_count = 0
            if not numbered:
                s.last_op_number = 0  # unnumbered clauses count again from 1 in each part
            s.in_operative = False
            s.section = None
            s.top = None
            s.stack = []
            pending_part = None
        if numbered:
            s.in_operative = True
            number = corrected.get(id(block), int(numbered.group(1)))
            seg.new_top(OPERATIVE, number, t[numbered.end():].strip(), numbered.group(0).strip())
            continue
        sub = _SUB.match(t)
        if sub and (s.top is None or (s.top.kind == PREAMBULAR and _looks_operative(t[sub.end():]))):
            # an operative part lettered "(a) Resolves ...; (b) Requests ..." with no numbers
            s.in_operative = True
            seg.new_top(OPERATIVE, None, t[sub.end():].strip(), sub.group(0).strip())
            continue
        if sub and s.top is not None and not s.stack and s.top.kind == OPERATIVE and s.top.marker:
            # "(b)" after a top-level "(a) Resolves ..." continues that lettered list
            prev = _sub_candidates(s.top.marker.strip("()"))
            here = _sub_candidates(sub.group(1) or sub.group(2) or "")
            if any(ps == hs == "letter" and hv == pv + 1 for ps, pv in prev for hs, hv in here):
                seg.new_top(OPERATIVE, None, t[sub.end():].strip(), sub.group(0).strip())
                continue
        if sub and s.top is not None:
            token = sub.group(1) or sub.group(2)
            seg.new_sub(token, t[sub.end():].strip(), sub.group(0).strip())
            continue
        dash = _DASH.match(t)
        if dash and s.top is not None:
            seg.new_sub(None, t[dash.end():].strip(), "\u2013")
            continue
        # an unnumbered block
        if s.units and (t[:1].islower() or t[:1] in "(\"'“‘[" or t[:1].isdigit()):
            seg.append_to_last(t)
            continue
        if s.in_operative:
            if _is_heading(t) and not _looks_operative(t):
                s.section = t
                continue
            if s.part not in s.marked_parts:
                seg.new_top(OPERATIVE, None, t, None)  # an unnumbered operative part: one clause a paragraph
            elif _looks_operative(t) and s.units and s.units[-1].text.rstrip()[-1:] in ";." and t.rstrip()[-1:] in ";.:":
                # a clause between numbered ones whose number the scan lost: it takes the next number
                seg.new_top(OPERATIVE, None, t, None)
            else:
                seg.append_to_last(t)
            continue
        # still in the preamble
        if _looks_operative(t) and not _looks_preambular(t):
            s.in_operative = True
            seg.new_top(OPERATIVE, None, t, None)
            continue
        if s.units and s.top is not None and s.top.kind == PREAMBULAR and t.strip(" ,;:.").lower() in _CONNECTIVES:
            seg.append_to_last(t)  # connectives such as "Therefore" belong to the clause before
            continue
        if _is_heading(t) and not _looks_preambular(t) and not _looks_operative(t):
            s.section = t  # a heading above the first operative paragraph
            continue
        seg.new_top(PREAMBULAR, None, t, None)

    _promote_last_clause(s)
    header = _read_header(head, "\n".join(tail_lines), hints)
    language = hints.get("language") or _detect_language(text)
    paragraphs = []
    for u in s.units:
        label = u.label
        parent = None
        if u.path:
            parent = str(Label("PP" if u.kind == PREAMBULAR else "OP", u.number, tuple(u.path[:-1]), u.part))
        paragraphs.append(
            Paragraph(
                label=label,
                kind=u.kind,
                text=u.text,
                parent=parent,
                section=u.section,
                part=u.part,
                number=u.marker,
                depth=u.depth,
                anchor=Label("PP" if u.kind == PREAMBULAR else "OP", u.number, tuple(u.path), u.part).anchor,
            )
        )
    return Resolution(
        paragraphs=tuple(paragraphs),
        symbol=header.symbol,
        number=header.number,
        year=header.year,
        language=language,
        date=header.date,
        meeting=header.meeting,
        title=header.title,
        annexes=tuple(annexes),
        footnotes=tuple(footnotes),
        source=source,
    )
