"""Plain-text listing of a resolution's WPS units: label, categories, and the text with its evidence marked.

This is what ``mandiff tag FILE --format text`` prints. The words that made the tagger decide are
bracketed »like this« (or bold and coloured on a terminal), so that a reader can check every decision.
"""

from __future__ import annotations

from ..model import Paragraph, Resolution
from .terminal import terminal_safe

OPEN, CLOSE = "\u00bb", "\u00ab"  # » and «: the reverse of French quotation marks, so never confused with them
BOLD = "\x1b[1m"
HIGHLIGHT = "\x1b[1;33m"
CATEGORY = "\x1b[36m"
RESET = "\x1b[0m"


def _evidence_spans(unit: Paragraph) -> list[tuple[int, int]]:
    """The tags' spans, overlapping ones merged, in order."""
    spans: list[tuple[int, int]] = []
    for start, end in sorted((t.start, t.end) for t in unit.tags or ()):
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def highlight(unit: Paragraph, color: bool = False) -> str:
    """The unit's text with its WPS evidence marked."""
    opening, closing = (HIGHLIGHT, RESET) if color else (OPEN, CLOSE)
    out: list[str] = []
    position = 0
    for start, end in _evidence_spans(unit):
        out.append(terminal_safe(unit.text[position:start]))
        out.append(opening + terminal_safe(unit.text[start:end]) + closing)
        position = end
    out.append(terminal_safe(unit.text[position:]))
    return " ".join("".join(out).split())


def render_wps_text(resolution: Resolution, color: bool = False) -> str:
    """List the units that carry WPS language; a resolution not yet tagged is tagged with the shipped lexicon."""
    if not resolution.tagged:
        from ..tag import tag

        resolution = tag(resolution)
    units = [p for p in resolution.paragraphs if p.is_wps]
    name = resolution.symbol or resolution.source or "The resolution"
    total = len(resolution.paragraphs)
    if not units:
        return f"{terminal_safe(name)}: no WPS language found in {total} unit{'s' if total != 1 else ''}.\n"
    counts: dict[str, int] = {}
    for unit in units:
        for category in unit.categories:
            counts[category] = counts.get(category, 0) + 1
    lines = [
        f"{terminal_safe(name)}: {len(units)} of {total} units carry WPS language",
        "Categories: " + terminal_safe(", ".join(f"{c} {n}" for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))),
    ]
    for unit in units:
        label = f"{BOLD}{unit.label}{RESET}" if color else unit.label
        categories = terminal_safe(", ".join(unit.categories))  # names from a user's lexicon file
        if color:
            categories = f"{CATEGORY}{categories}{RESET}"
        lines.append("")
        lines.append(f"{label}  [{categories}]")
        lines.append("    " + highlight(unit, color))
        for tag in unit.tags or ():
            if tag.read_as is not None:  # the evidence as written was a damaged word: say how it was read
                lines.append(f"    read {OPEN}{terminal_safe(tag.term)}{CLOSE} as {OPEN}{terminal_safe(tag.read_as)}{CLOSE}"
                             " (a word split or run together in the text)")
    return "\n".join(lines) + "\n"
