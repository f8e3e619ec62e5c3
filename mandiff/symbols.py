"""Document symbols and paragraph citations, parsed and formatted in the forms people type.

Symbols: ``2480``, ``S/RES/2480(2019)``, ``S/RES/2480 (2019)``, ``s/res/2480`` all name S/RES/2480.
Labels: ``PP3``, ``OP28(c)(iii)``, ``OP4-2``, ``A:OP3``; citations as written in advocacy texts
("OP 28 (c)(iii)", "op28c iii") are folded into that canonical form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import CitationError

# S/RES/2480 (2019): optional "S/RES/" prefix, the number, optional year in parentheses.
_SYMBOL = re.compile(
    r"""^\s*(?:s\s*/\s*res\s*/\s*)?      # S/RES/ in any case, spaces tolerated
         (?P<number>\d{1,5})             # resolution number
         \s*(?:\(\s*(?P<year>\d{4})\s*\)\s*)?$""",  # not "\s*(...)?\s*$": quadratic on a run of spaces
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class Symbol:
    number: int
    year: int | None = None

    def __str__(self) -> str:
        return f"S/RES/{self.number}" + (f" ({self.year})" if self.year else "")

    @property
    def compact(self) -> str:
        """The form used in official URLs: S/RES/2480(2019)."""
        return f"S/RES/{self.number}" + (f"({self.year})" if self.year else "")


def parse_symbol(text: str) -> Symbol:
    match = _SYMBOL.match(text or "")
    if not match:
        raise CitationError(f"not a Security Council resolution symbol: {text!r}")
    year = match.group("year")
    return Symbol(int(match.group("number")), int(year) if year else None)


def looks_like_symbol(text: str) -> bool:
    return bool(_SYMBOL.match(text or ""))


def format_symbol(number: int | None, year: int | None) -> str | None:
    if number is None:
        return None
    return str(Symbol(number, year))


# ---- labels ---------------------------------------------------------------------------------

# A canonical label: optional part ("A:", "II:"), PP or OP, a number, then any mix of
# "(x)" groups and "-n" dash items.
_LABEL = re.compile(r"^(?:(?P<part>[A-Z]{1,2}|[IVX]{1,6}):)?(?P<kind>PP|OP)(?P<num>\d{1,4})(?P<rest>(?:\([a-z]{1,6}\)|-\d{1,3})*)$")
_REST = re.compile(r"\(([a-z]{1,6})\)|-(\d{1,3})")


@dataclass(frozen=True)
class Label:
    kind: str  # "PP" | "OP"
    number: int
    path: tuple[str, ...] = ()  # ("c", "iii") or ("-1",) for dash items
    part: str | None = None

    def __str__(self) -> str:
        out = f"{self.part}:" if self.part else ""
        out += f"{self.kind}{self.number}"
        for step in self.path:
            out += step if step.startswith("-") else f"({step})"
        return out

    @property
    def anchor(self) -> str:
        """Akoma Ntoso for UN style id: pp_3, para_28__point_c__point_iii, para_4__indent_1."""
        bits = []
        if self.part:
            bits.append(f"part_{self.part}")
        bits.append(("pp_" if self.kind == "PP" else "para_") + str(self.number))
        for step in self.path:
            bits.append(f"indent_{step[1:]}" if step.startswith("-") else f"point_{step}")
        return "__".join(bits)

    def parent(self) -> "Label | None":
        if not self.path:
            return None
        return Label(self.kind, self.number, self.path[:-1], self.part)


def parse_label(text: str) -> Label:
    """Parse a canonical label (``A:OP28(c)(iii)``) or a loosely typed one (``OP 28 (c) (iii)``)."""
    cleaned = re.sub(r"\s+", "", text or "")
    cleaned = re.sub(r"^(?:(\w{1,6}):)?(pp|op)s?\.?", lambda m: (m.group(1).upper() + ":" if m.group(1) else "") + m.group(2).upper(), cleaned, flags=re.IGNORECASE)
    match = _LABEL.match(cleaned)
    if not match:
        raise CitationError(f"not a paragraph label: {text!r}")
    path = tuple(m.group(1) or f"-{m.group(2)}" for m in _REST.finditer(match.group("rest")))
    return Label(match.group("kind"), int(match.group("num")), path, match.group("part"))


def label_anchor(label: str) -> str:
    try:
        return parse_label(label).anchor
    except CitationError:
        return "u_" + re.sub(r"[^A-Za-z0-9]+", "_", label).strip("_")


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def roman_to_int(text: str) -> int | None:
    """Value of a lower-case roman numeral, or None when the text is not one."""
    text = text.lower()
    if not text or any(ch not in "ivxlc" for ch in text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN[ch]
        if i + 1 < len(text) and _ROMAN[text[i + 1]] > value:
            total -= value
        else:
            total += value
    if int_to_roman(total) != text:
        return None
    return total


def int_to_roman(value: int) -> str:
    out = ""
    for num, sym in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while value >= num:
            out += sym
            value -= num
    return out


def pretty_label(label: str) -> str:
    """How a person writes a label in prose: 'OP 28(c)(iii)', 'PP 3'."""
    return re.sub(r"(PP|OP)(\d)", r"\1 \2", label)
