"""The plain-text account of a comparison: what ``mandiff diff --format text`` prints in a terminal."""

from __future__ import annotations

import textwrap

from .._version import __version__
from ..model import Comparison
from .view import made_at, named, resolution_facts
from ..vocabulary import Verdict
from ..grammar.labels import pretty_label
from .terminal import terminal_safe

_MARK = {"=": "", "-": "[-", "+": "{+"}
_END = {"=": "", "-": "-]", "+": "+}"}


def redline(edits) -> str:
    """Word edits as wdiff writes them: [-deleted-] {+inserted+}."""
    return "".join(f"{_MARK[e.op]}{e.text}{_END[e.op]}" for e in edits)


def _title(res) -> str:
    """"S/RES/9901 (2031), adopted 30 June 2031" (or the file name): what was compared."""
    return named(resolution_facts(res, ""))


def report_head(title: str, warnings) -> list[str]:
    """The first lines of every text report: what it is, when it was made, and its warnings."""
    lines = [title, f"Made by mandiff {__version__} on {made_at()}."]
    lines += [f"WARNING: {w.message}" for w in warnings]
    return lines + [""]


def render_diff_text(comparison: Comparison, width: int = 100, wps_only: bool = False) -> str:
    c = comparison
    w = c.summary.wps
    fates = ", ".join(f"{n} {v.label}" for v, n in w.fates if n) or "none"
    lines = report_head(f"{_title(c.old)}  ->  {_title(c.new)}", c.warnings) + [
        f"WPS language: {w.old_units} units before, {w.new_units} after. Of the {w.old_units} before: {fates}"
        f" ({w.moved} of them moved, {w.renumbered} renumbered). In the new text: {w.new} new, "
        f"{w.gained} other units gained WPS language.",
        "",
    ]
    wrap = textwrap.TextWrapper(width=width, initial_indent="    ", subsequent_indent="    ")
    for pair in c.pairs:
        if wps_only and pair.wps is None:
            continue
        if pair.relation == "identical" and pair.old == pair.new and pair.wps in (None, "retained"):
            continue
        head = f"{pretty_label(pair.old)} -> {pretty_label(pair.new)}: {pair.relation.label}"
        if pair.renumbered:
            head += ", renumbered"
        if pair.wps:
            head += f"; {pair.wps.wps_phrase}"
        if pair.reasons:
            head += f" ({'; '.join(pair.reasons)})"
        lines.append(head)
        if pair.relation not in ("identical",) and any(e.op != "=" for e in pair.edits):
            lines.extend(wrap.wrap(redline(pair.edits)))
    for d in c.dropped:
        if wps_only and not d.wps:
            continue
        unit = c.old.get(d.old)
        lines.append(f"{pretty_label(d.old)}: {Verdict.DROPPED.label}" + (" (WPS language)" if d.wps else ""))
        lines.extend(wrap.wrap("[-" + unit.text + "-]"))
    for a in c.added:
        if wps_only and not a.wps:
            continue
        unit = c.new.get(a.new)
        lines.append(f"{pretty_label(a.new)}: {Verdict.NEW.label}" + (" (WPS language)" if a.wps else ""))
        lines.extend(wrap.wrap("{+" + unit.text + "+}"))
    return terminal_safe("\n".join(lines).rstrip() + "\n")
