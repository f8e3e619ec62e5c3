"""The comparison as Markdown: the same scorecard, WPS table and redline as the HTML report, for pasting
into a briefing note, an issue or an e-mail.

Deleted words are ~~struck through~~ and inserted words **in bold** (GitHub-flavoured Markdown).
Document text is escaped, so that a resolution's ``*``, ``|``, ``<`` or ``[`` never turns into markup.
"""

from __future__ import annotations

import re

from ..grammar.dates import ordinal
from ..grammar.labels import pretty
from ..model import Comparison, Summary
from ..vocabulary import Verdict, category_name
from .diffview import DiffView, Heading, Row, build_view
from .html import scorecard
from .view import ResolutionFacts, markdown_head, plural, relation_name, relation_symbol, wps_name, wps_symbol
from .terminal import terminal_safe

# Characters that mean something to a Markdown renderer wherever they stand (and the backslash itself).
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")
# What would start a block if it began a line: a list item, a numbered item, a heading, a quote.
_BLOCK_START = re.compile(r"^(\s*)([-+]|\d{1,9}[.)])(?=\s|$)")


def escape(text: str) -> str:
    """Text as literal Markdown: every special character backslash-escaped, line breaks folded."""
    text = " ".join(text.split("\n"))
    return _SPECIAL.sub(r"\\\1", text)


def _escape_start(text: str) -> str:
    match = _BLOCK_START.match(text)
    if not match:
        return text
    lead, marker = match.group(1), match.group(2)
    return lead + marker[:-1] + "\\" + marker[-1] + text[match.end():]


def _wrap(text: str, marker: str) -> str:
    """``marker`` around the words of ``text``, its outer spaces kept outside (or emphasis would not open)."""
    stripped = text.strip()
    if not stripped:
        return text
    start = text[: len(text) - len(text.lstrip())]
    end = text[len(text.rstrip()):]
    return f"{start}{marker}{escape(stripped)}{marker}{end}"


def redline(row: Row) -> str:
    out: list[str] = []
    for op, pieces in row.runs:
        text = "".join(p.text for p in pieces)
        if op == "=":
            out.append(escape(text))
        elif op == "-":
            out.append(_wrap(text, "~~") if text.strip() else "")
        elif op == "+":
            out.append(_wrap(text, "**") if text.strip() else text)
        else:
            for p in pieces:
                out.append(f" *¶ {escape(pretty(p.text))}* ")
    return _escape_start("".join(out).strip())


def _cell(text: str) -> str:
    return escape(text) if text else ""


def _side_line(side: ResolutionFacts) -> str:
    name = escape(side.name)
    out = f"[{name}](<{side.url}>)" if side.url else f"**{name}**"
    if side.date:
        out += f", adopted {side.date}"
    if side.meeting:
        out += f" at the {ordinal(side.meeting)} meeting"
    return out + f"; {plural(side.wps_units, 'WPS unit')}"


def _row_heading(row: Row) -> str:
    bits = [f"**{escape(row.label_text)}**"]
    if row.changed:
        bits.append(escape(f"{relation_symbol(row.relation)} {relation_name(row.relation)}"))
    if row.reworded:
        bits.append(escape(f"{relation_symbol('modified')} {relation_name('modified')}"))
    if row.wps and row.relation not in ("dropped", "added"):
        bits.append(escape(f"{wps_symbol(row.wps)} {Verdict(row.wps).wps_phrase}"))
    if row.categories:
        bits.append(escape(", ".join(category_name(c) for c in row.categories)))
    return " · ".join(bits)


def _scorecard_table(view: DiffView, summary: Summary) -> list[str]:
    card = scorecard(view, summary)
    tiles = [card.old_units, *card.fate, *card.placed, *card.new, card.new_units]
    names = {"wps.old_units": f"WPS units in {view.old.name}", "wps.new_units": f"WPS units in {view.new.name}",
             "wps.moved": "moved (counted by their words too)", "wps.renumbered": "renumbered (counted by their words too)"}
    head = [escape(names.get(t.key, t.label)) for t in tiles]
    lines = ["| " + " | ".join(head) + " |", "|" + "---:|" * len(tiles), "| " + " | ".join(str(t.value) for t in tiles) + " |"]
    out = [escape(card.sentence), ""] if card.sentence else []
    return out + lines


def render_diff_markdown(comparison: Comparison) -> str:
    """The comparison as one Markdown document (GitHub-flavoured: tables and ~~strike-through~~)."""
    view = build_view(comparison)
    summary = comparison.summary
    lines = [f"# {escape(view.old.name)} → {escape(view.new.name)}", "", *markdown_head(comparison.warnings, escape),
             f"- **Old:** {_side_line(view.old)}", f"- **New:** {_side_line(view.new)}", "",
             "## Women, Peace and Security language", ""]
    lines += _scorecard_table(view, summary) + [""]
    changes = view.wps_changes
    lines += [f"### Every change to WPS language ({len(changes)})", ""]
    if changes:
        lines += ["| Unit (old → new) | What happened | Category | Why |", "|---|---|---|---|"]
        for row in changes:
            what = f"{wps_symbol(row.wps)} {wps_name(row.wps)}"
            if row.relation not in ("identical", "modified", "dropped", "added"):
                what += f", {relation_symbol(row.relation)} {relation_name(row.relation)}"
            cats = ", ".join(category_name(c) for c in row.categories)
            lines.append(f"| {_cell(row.label_text)} | {_cell(what)} | {_cell(cats)} | {_cell('; '.join(row.reasons))} |")
    else:
        lines.append("No WPS language changed.")
    retained = view.wps_retained
    if retained:
        lines += ["", f"WPS units retained word for word in place ({len(retained)}): "
                  + ", ".join(escape(r.label_text) for r in retained) + "."]
    lines += ["", "## The full text, unit by unit", "",
              f"Deleted words are ~~struck through~~; inserted words are **in bold**; *¶ OP 6* marks where a "
              f"further unit of a split or merge begins.", ""]
    for item in view.items:
        if isinstance(item, Heading):
            lines += [("####" if item.level == 3 else "###") + " " + escape(item.text), ""]
            continue
        paragraph = [_row_heading(item), redline(item) or "*(no text)*"]
        if item.reasons:
            paragraph.append("*Why: " + escape("; ".join(item.reasons)) + "*")
        lines += ["\\\n".join(paragraph), ""]
    return terminal_safe("\n".join(lines).rstrip() + "\n")  # printed to a terminal as often as saved
