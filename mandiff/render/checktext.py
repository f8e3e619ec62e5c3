"""The checklist report in words: what ``mandiff check`` prints as text or markdown.

It opens with the sentence an advocate would write ("13 of 15 retained; OP 46 dropped; OP 5 weakened:
'Calls upon' became 'Encourages'."), then lists every ask with its status and where it is now, and
the word-level redline of each ask that changed.
"""

from __future__ import annotations

import html
import os
import re
import textwrap
import unicodedata

from ..symbols import pretty_label
from .difftext import redline

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def _printable(text: str) -> str:
    """Document text must not drive the terminal: control characters become U+FFFD."""
    return "".join("\ufffd" if unicodedata.category(c) == "Cc" and c not in "\n" else c for c in text or "")


def _why(result) -> str:
    """The assessor's reasons; for a plain modification, the change itself when it is short."""
    if result.reasons:
        return "; ".join(result.reasons)
    if result.status == "modified":
        return describe_edits(result.edits)
    return ""


def describe_edits(edits, max_words: int = 8) -> str:
    """ "'and regional' removed", "'x' became 'y'", "'z' added": the change in a few words, or "" when
    it is longer than ``max_words`` words (the redline shows it)."""
    changes = []
    k = 0
    edits = [e for e in edits if e.text.strip() or e.op == "="]
    while k < len(edits):
        e = edits[k]
        if e.op == "=":
            k += 1
            continue
        if e.op == "-" and k + 1 < len(edits) and edits[k + 1].op == "+":
            changes.append(f"'{e.text.strip()}' became '{edits[k + 1].text.strip()}'")
            words = len(e.text.split()) + len(edits[k + 1].text.split())
            k += 2
        else:
            changes.append(f"'{e.text.strip()}' " + ("removed" if e.op == "-" else "added"))
            words = len(e.text.split())
            k += 1
        max_words -= words
        if max_words < 0:
            return ""
    return ", ".join(changes)


def _names(results) -> str:
    names = [pretty_label(r.reference) for r in results]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _mention(result) -> str:
    """One clause of the summary sentence for an ask that changed but is still there."""
    ref = pretty_label(result.reference)
    if result.status == "moved":
        return f"{ref} moved to {pretty_label(result.new)}"
    where = f" (now {pretty_label(result.new)})" if result.renumbered else ""
    why = _why(result)
    return f"{ref}{where} {result.status}" + (f": {why}" if why else "")


_ORDER = ("dropped", "weakened", "strengthened", "modified", "moved")


def summary_sentence(check_result) -> str:
    """"13 of 15 retained; OP 46 dropped; OP 5 weakened: 'Calls upon' became 'Encourages'." Dropped
    asks come first and together; each other change is named with its reason."""
    items = check_result.items
    retained = [r for r in items if r.status == "retained"]
    parts = [f"{len(retained)} of {len(items)} retained"]
    dropped = [r for r in items if r.status == "dropped"]
    if dropped:
        parts.append(f"{_names(dropped)} dropped")
    for status in _ORDER[1:]:
        parts += [_mention(r) for r in items if r.status == status]
    sentence = "; ".join(parts) + "."
    renumbered = [r for r in retained if r.renumbered]
    if renumbered:
        moves = ", ".join(f"{pretty_label(r.reference)} is now {pretty_label(r.new)}" for r in renumbered)
        sentence += f" Renumbered but unchanged: {moves}."
    return sentence


def _heading(check_result) -> str:
    s = check_result.summary
    asked = s.get("symbol") or "the checklist"
    new = s.get("new") or "NEW"
    source = f" ({os.path.basename(s['checklist'])})" if s.get("checklist") else ""
    return f"Recommendations on {asked}{source} checked against {new}"


def render_check_text(check_result, width: int = 100) -> str:
    lines = [_printable(_heading(check_result)), "", *textwrap.wrap(_printable(summary_sentence(check_result)), width), ""]
    wrap = textwrap.TextWrapper(width=width, initial_indent="      ", subsequent_indent="      ")
    ref_width = max((len(pretty_label(r.reference)) for r in check_result.items), default=4) + 2
    for r in check_result.items:
        now = "" if r.new is None else ("" if not r.renumbered else f"now {pretty_label(r.new)}")
        head = f"  {pretty_label(r.reference):<{ref_width}}{r.status:<13}{now}".rstrip()
        if r.reasons:
            head += ("  " if now else " ") + _why(r)
        if r.note:
            head += f"  [{r.note}]"
        lines.append(_printable(head))
        if r.status == "dropped":
            lines.extend(wrap.wrap(_printable("[-" + r.item.text + "-]")) if r.item.text else [])
        elif any(e.op != "=" for e in r.edits) and r.status != "retained":
            lines.extend(wrap.wrap(_printable(redline(r.edits))))
    return "\n".join(lines).rstrip() + "\n"


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(_printable(text).split()))


def _md_redline(edits) -> str:
    out = []
    for e in edits:
        text = _md(e.text)
        if not text:
            continue
        out.append(text if e.op == "=" else (f"~~{text}~~" if e.op == "-" else f"**{text}**"))
    return " ".join(out)


def render_check_markdown(check_result) -> str:
    lines = [f"# {_md(_heading(check_result))}", "", _md(summary_sentence(check_result)), "",
             "| Ask | Status | In the new text | Why |", "|---|---|---|---|"]
    for r in check_result.items:
        new = "—" if r.new is None else _md(pretty_label(r.new))
        why = _md(_why(r) + (f" [{r.note}]" if r.note else ""))
        lines.append(f"| {_md(pretty_label(r.reference))} | {r.status} | {new} | {why} |")
    changed = [r for r in check_result.items if r.status != "retained"]
    if changed:
        lines += ["", "## Changes", ""]
        for r in changed:
            lines.append(f"### {_md(pretty_label(r.reference))}: {r.status}")
            lines.append("")
            if r.status == "dropped":
                lines.append(f"~~{_md(r.item.text)}~~" if r.item.text else "_(no text)_")
            else:
                lines.append(_md_redline(r.edits))
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


_HTML_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.45}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top}}
del{{background:#fdd}}ins{{background:#dfd;text-decoration:none}}.dropped,.weakened{{color:#a00}}
.strengthened{{color:#060}}</style></head>
<body><h1>{title}</h1><p>{sentence}</p>
<table><thead><tr><th>Ask</th><th>Status</th><th>In the new text</th><th>Why</th></tr></thead><tbody>
{rows}
</tbody></table>
{details}
</body></html>
"""


def _html_redline(edits) -> str:
    tags = {"=": ("", ""), "-": ("<del>", "</del>"), "+": ("<ins>", "</ins>")}
    return "".join(f"{tags[e.op][0]}{html.escape(e.text)}{tags[e.op][1]}" for e in edits)


def render_check_html(check_result) -> str:
    """A small standalone page (every document text escaped); the full report may replace it."""
    esc = html.escape
    rows = []
    details = []
    for r in check_result.items:
        new = "—" if r.new is None else esc(pretty_label(r.new))
        why = esc(_why(r) + (f" [{r.note}]" if r.note else ""))
        rows.append(f'<tr><td>{esc(pretty_label(r.reference))}</td><td class="{r.status}">{r.status}</td>'
                    f"<td>{new}</td><td>{why}</td></tr>")
        if r.status != "retained":
            body = f"<del>{esc(r.item.text)}</del>" if r.status == "dropped" else _html_redline(r.edits)
            details.append(f"<h2>{esc(pretty_label(r.reference))}: {r.status}</h2><p>{body}</p>")
    return _HTML_PAGE.format(title=esc(_heading(check_result)), sentence=esc(summary_sentence(check_result)),
                             rows="\n".join(rows), details="\n".join(details))


def render_check(check_result, fmt: str) -> str:
    """The report in ``fmt``: text, md, html or json."""
    if fmt == "json":
        from .jsonout import dumps

        return dumps(check_result.to_json())
    if fmt == "md":
        return render_check_markdown(check_result)
    if fmt == "html":
        return render_check_html(check_result)
    return render_check_text(check_result)
