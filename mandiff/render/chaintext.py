"""The chain as text and as Markdown: the headline sentence, what happened in each renewal, and the story
of every lineage that changed, WPS language first. The same words as the chain page (``chainview``)."""

from __future__ import annotations

import textwrap

from .chainview import ChainView, build_chain_view
from .difftext import report_head
from .markdown import escape
from .terminal import terminal_safe
from .view import markdown_head, named, plural, resolution_facts


def _parts(view: ChainView):
    """The lineages a reader wants told (WPS ones, then the others that changed) and how many kept their words."""
    wps = [r for r in view.rows if r.is_wps]
    other = [r for r in view.rows if not r.is_wps and r.changed]
    return wps, other, len(view.rows) - len(wps) - len(other)


def _renewal_line(view: ChainView, column, values) -> str:
    said = [f"{n} {c.event.key}" for c, n in zip(view.counts, values) if n]
    return f"{column.short}: {plural(column.wps_units, 'WPS unit')}" + (f"; {', '.join(said)}" if said else "")


def _unchanged(n: int) -> str:
    return f"{plural(n, 'other unit')} kept the same words all along (their numbers may have changed)."


def render_chain_text(chain, width: int = 100) -> str:
    view = build_chain_view(chain, details=False, arrow="->")
    wrap = textwrap.TextWrapper(width=width, break_long_words=False, break_on_hyphens=False)
    item = textwrap.TextWrapper(width=width, initial_indent="  - ", subsequent_indent="    ",
                                break_long_words=False, break_on_hyphens=False)
    lines = report_head(f"A chain of {len(view.columns)} resolutions", chain.warnings)
    lines += [f"{k + 1}. {named(resolution_facts(r, ''))}: {plural(c.wps_units, 'WPS unit')}"
              for k, (r, c) in enumerate(zip(chain.resolutions, view.columns))] + [""]
    lines += wrap.wrap(view.sentence) + [""]
    if view.has_wps:
        lines.append("Renewal by renewal (WPS language):")
        lines += ["  " + _renewal_line(view, column, values) for column, values in view.per_renewal] + [""]
    wps, other, same = _parts(view)
    for title, rows in (("WPS language, lineage by lineage", wps), ("Other units that changed", other)):
        if rows:
            lines.append(f"{title} ({len(rows)}):")
            for row in rows:
                lines += item.wrap(row.story)
            lines.append("")
    if same:
        lines.append(_unchanged(same))
    return terminal_safe("\n".join(lines).rstrip() + "\n")


def render_chain_markdown(chain) -> str:
    view = build_chain_view(chain, details=False)
    columns = view.columns
    lines = [f"# {escape(columns[0].name)} … {escape(columns[-1].name)}: a chain of {len(columns)} resolutions", "",
             *markdown_head(chain.warnings, escape)]
    for k, column in enumerate(columns):
        name = f"[{escape(column.name)}](<{column.url}>)" if column.url else f"**{escape(column.name)}**"
        date = f", adopted {column.date}" if column.date else ""
        lines.append(f"{k + 1}. {name}{date}; {plural(column.wps_units, 'WPS unit')}")
    lines += ["", "## Women, Peace and Security language" if view.has_wps else "## What changed", "",
              escape(view.sentence), ""]
    if view.has_wps:
        head = ["Renewal", "WPS units"] + [f"{c.symbol} {c.event.key}" for c in view.counts]
        lines += ["| " + " | ".join(escape(h) for h in head) + " |", "|---|" + "---:|" * (len(head) - 1)]
        lines.append(f"| {escape(columns[0].short)} | {columns[0].wps_units} |" + " – |" * len(view.counts))
        for column, values in view.per_renewal:
            lines.append(f"| {escape(column.short)} | {column.wps_units} | " + " | ".join(map(str, values)) + " |")
        lines.append("")
    wps, other, same = _parts(view)
    for title, rows in (("WPS language, lineage by lineage", wps), ("Other units that changed", other)):
        if rows:
            lines += [f"## {title} ({len(rows)})", ""]
            lines += [f"- **{escape(row.first)}** ({escape(row.first_column)}): {escape(row.story)}" for row in rows]
            lines.append("")
    if same:
        lines.append(escape(_unchanged(same)))
    return terminal_safe("\n".join(lines).rstrip() + "\n")  # printed to a terminal as often as saved
