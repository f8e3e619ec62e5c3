"""The plain-text account of a comparison: what ``mandiff diff --format text`` prints in a terminal."""

from __future__ import annotations

import textwrap

from ..model import Comparison
from ..grammar.labels import pretty_label

_MARK = {"=": "", "-": "[-", "+": "{+"}
_END = {"=": "", "-": "-]", "+": "+}"}


def redline(edits) -> str:
    """Word edits as wdiff writes them: [-deleted-] {+inserted+}."""
    return "".join(f"{_MARK[e.op]}{e.text}{_END[e.op]}" for e in edits)


def _title(res) -> str:
    return res.symbol or (res.source or "?")


def render_diff_text(comparison: Comparison, width: int = 100, wps_only: bool = False) -> str:
    c = comparison
    w = c.summary.wps
    lines = [
        f"{_title(c.old)}  ->  {_title(c.new)}",
        "",
        f"WPS language: {w.old_units} units before, {w.new_units} after. "
        f"{w.retained} retained word for word, {w.modified} modified, {w.weakened} weakened, "
        f"{w.strengthened} strengthened, {w.removed_from} lost WPS terms, {w.added_to} gained WPS terms, "
        f"{w.moved} moved, {w.dropped} dropped, {w.new} new.",
        "",
    ]
    wrap = textwrap.TextWrapper(width=width, initial_indent="    ", subsequent_indent="    ")
    for pair in c.pairs:
        if wps_only and pair.wps is None:
            continue
        if pair.relation == "identical" and pair.old == pair.new and pair.wps in (None, "retained"):
            continue
        head = f"{pretty_label(pair.old)} -> {pretty_label(pair.new)}: {pair.relation}"
        if pair.wps:
            head += f", WPS {pair.wps}"
        if pair.reasons:
            head += f" ({'; '.join(pair.reasons)})"
        lines.append(head)
        if pair.relation not in ("identical",) and any(e.op != "=" for e in pair.edits):
            lines.extend(wrap.wrap(redline(pair.edits)))
    for d in c.dropped:
        if wps_only and not d.wps:
            continue
        unit = c.old.get(d.old)
        lines.append(f"{pretty_label(d.old)}: dropped" + (" (WPS language)" if d.wps else ""))
        lines.extend(wrap.wrap("[-" + unit.text + "-]"))
    for a in c.added:
        if wps_only and not a.wps:
            continue
        unit = c.new.get(a.new)
        lines.append(f"{pretty_label(a.new)}: new" + (" (WPS language)" if a.wps else ""))
        lines.extend(wrap.wrap("{+" + unit.text + "+}"))
    return "\n".join(lines).rstrip() + "\n"


def render_chain_text(chain) -> str:
    heads = [r.symbol or r.source or "?" for r in chain.resolutions]
    counts = chain.wps_counts()
    lines = ["WPS units per resolution: " + ", ".join(f"{h}: {n}" for h, n in zip(heads, counts)), ""]
    for lineage in chain.lineages:
        if not lineage.is_wps:
            continue
        cells = []
        for step in lineage.steps:
            cells.append("-" if step.label is None else f"{step.label}{'' if step.status in ('identical', 'new') else ' (' + step.status + ')'}")
        lines.append("  ->  ".join(cells))
    return "\n".join(lines).rstrip() + "\n"
