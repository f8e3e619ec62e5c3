"""The citation labels monitors write: ``PP3``, ``OP28(c)(iii)``, ``OP4-2``, ``A:OP3``.

``Label`` is the value object; ``parse_label`` reads the canonical form and loosely typed ones
("OP 28 (c) (iii)", "op28(c)"); ``pretty_label`` prints the form people write in prose ("OP 28(c)(iii)");
``Label.anchor`` is the Akoma Ntoso for UN style id used for HTML anchors. Labels as people type them in
a sentence ("28 c iii") are read by ``typed_labels``.
"""

import re
from typing import NamedTuple

from ..errors import CitationError
from ..lazy_regex import lazy

# A canonical label: optional part ("A:", "II:"), PP or OP, a number, then any mix of
# "(x)" groups and "-n" dash items.
_LABEL = lazy(r"^(?:(?P<part>[A-Z]{1,2}|[IVX]{1,6}):)?(?P<kind>PP|OP)(?P<num>\d{1,4})(?P<rest>(?:\([a-z]{1,6}\)|-\d{1,3})*)$")
_REST = lazy(r"\(([a-z]{1,6})\)|-(\d{1,3})")


class Label(NamedTuple):
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


def pretty_label(label: str) -> str:
    """How a person writes a label in prose: 'OP 28(c)(iii)', 'PP 3'."""
    return re.sub(r"(PP|OP)(\d)", r"\1 \2", label)


def pretty(label: str | None) -> str:
    """``pretty_label``, and '—' for no label (a dropped unit has no new one)."""
    return pretty_label(label) if label else "—"
