"""The text outline of a parsed resolution: what ``mandiff parse`` prints for a person."""

from __future__ import annotations

import textwrap

from ..model import Resolution
from .terminal import terminal_safe


def render_outline(resolution: Resolution, width: int = 100) -> str:
    head = resolution.symbol or "(no symbol found)"
    facts = [f for f in (resolution.date and f"adopted {resolution.date}", resolution.meeting and f"meeting {resolution.meeting}") if f]
    pp = sum(1 for p in resolution.paragraphs if p.kind == "preambular" and p.parent is None)
    op = sum(1 for p in resolution.paragraphs if p.kind == "operative" and p.parent is None)
    lines = [head + (f" ({', '.join(facts)})" if facts else ""),
             f"{pp} preambular and {op} operative paragraphs, {len(resolution.paragraphs)} units in all", ""]
    section = part = None
    for p in resolution.paragraphs:
        if p.part != part:
            part = p.part
            lines.append(f"Part {part}" if part else "")
        if p.section and p.section != section and p.parent is None:
            section = p.section
            lines.append(f"  == {section} ==")
        indent = "  " * p.depth
        label = f"{indent}{p.label}"
        body = textwrap.shorten(p.text, width=max(20, width - len(label) - 2), placeholder=" …") if p.text else ""
        lines.append(f"{label}  {body}")
    if resolution.annexes:
        lines += ["", f"{len(resolution.annexes)} annex(es) kept apart"]
    if resolution.footnotes:
        lines += [f"{len(resolution.footnotes)} footnote(s) kept apart"]
    return terminal_safe("\n".join(lines).rstrip() + "\n")
