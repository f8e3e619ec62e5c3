"""The checklist report: what ``mandiff check`` prints as text, markdown or a self-contained HTML page.

It opens with the sentence an advocate would write ("13 of 15 retained; OP 46 dropped; OP 5 weakened:
'Calls upon' became 'Encourages'; 1 line not understood."), then lists every ask with its status and
where it is now, and the word-level redline of each ask that changed; then the asks for new language
with the units of the new text that may answer them (never "followed": a person decides), and the lines
of the checklist that look like asks but were not understood. The HTML page is laid out here and marked up by
``templates/check.html.j2`` with the diff report's stylesheet, script and macros (autoescape on).
"""

from __future__ import annotations

import os
import re
import textwrap
from dataclasses import dataclass

from ..grammar.dates import human_date
from ..grammar.labels import pretty, pretty_label
from ..vocabulary import CHECK_STATUSES, Verdict
from .difftext import redline, report_head
from .diffview import Piece
from .templating import render
from .view import ResolutionFacts, Tile, markdown_head, named, official_url, plural  # noqa: F401
from .terminal import terminal_safe

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def _why(result) -> str:
    """The assessor's reasons; for a plain modification, the change itself when it is short."""
    if result.reasons:
        return "; ".join(result.reasons)
    if result.status == "modified":
        return describe_edits(result.edits)
    return ""


def explain(result) -> str:
    """The "why" of an ask as the reports print it: the reasons, then the note in brackets."""
    return _why(result) + (f" [{result.note}]" if result.note else "")


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


def _label(status: str) -> str:
    """What people read for a status ("WPS language removed"), never its id ("removed-from")."""
    member = Verdict.get(status)
    return member.label if member else status


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
    return f"{ref}{where} {_label(result.status)}" + (f": {why}" if why else "")


_ORDER = ("dropped", "weakened", "strengthened", "modified", "moved")


def summary_sentence(check_result) -> str:
    """"13 of 15 retained; OP 46 dropped; OP 5 weakened: 'Calls upon' became 'Encourages'; 2 lines not
    understood." Dropped asks come first and together; each other change is named with its reason;
    lines of the checklist that were not understood close the sentence, never left out."""
    items = check_result.items
    retained = [r for r in items if r.status == "retained"]
    parts = [f"{len(retained)} of {len(items)} retained"] if items else []
    dropped = [r for r in items if r.status == "dropped"]
    if dropped:
        parts.append(f"{_names(dropped)} dropped")
    for status in _ORDER[1:]:
        parts += [_mention(r) for r in items if r.status == status]
    others = [r for r in items if r.status not in ("retained",) + _ORDER]
    parts += [_mention(r) for r in others]
    unread = getattr(check_result, "unread", ())
    if unread:
        parts.append(f"{plural(len(unread), 'line')} not understood")
    sentence = "; ".join(parts or ["no ask to check"]) + "."
    renumbered = [r for r in retained if r.renumbered]
    if renumbered:
        moves = ", ".join(f"{pretty_label(r.reference)} is now {pretty_label(r.new)}" for r in renumbered)
        sentence += f" Renumbered but unchanged: {moves}."
    additions = getattr(check_result, "additions", ())
    if additions:
        with_candidates = sum(1 for a in additions if a.candidates)
        if with_candidates == len(additions):
            tail = "with candidates in the new text to read"
        elif not with_candidates:
            tail = "with no candidate in the new text" if len(additions) == 1 else "none with a candidate in the new text"
        else:
            tail = f"{with_candidates} with candidates in the new text to read"
        sentence += f" {plural(len(additions), 'ask')} for new language, {tail}."
    return sentence


def _heading(check_result) -> str:
    s = check_result.summary
    asked = s.get("symbol") or "the checklist"
    new_facts = _facts("new", check_result.new_header)
    new = named(new_facts) if new_facts else (s.get("new") or "NEW")
    source = f" ({os.path.basename(s['checklist'])})" if s.get("checklist") else ""
    return f"Recommendations on {asked}{source} checked against {new}"


def render_check_text(check_result, width: int = 100) -> str:
    head = report_head(_heading(check_result), check_result.warnings)
    lines = [*map(terminal_safe, head), *textwrap.wrap(terminal_safe(summary_sentence(check_result)), width), ""]
    wrap = textwrap.TextWrapper(width=width, initial_indent="      ", subsequent_indent="      ")
    ref_width = max((len(pretty_label(r.reference)) for r in check_result.items), default=4) + 2
    for r in check_result.items:
        now = "" if r.new is None else ("" if not r.renumbered else f"now {pretty_label(r.new)}")
        head = f"  {pretty_label(r.reference):<{ref_width}}{_label(r.status):<13}{now}".rstrip()
        if r.reasons:
            head += ("  " if now else " ") + _why(r)
        if r.note:
            head += f"  [{r.note}]"
        lines.append(terminal_safe(head))
        if r.status == "dropped":
            lines.extend(wrap.wrap(terminal_safe("[-" + r.item.text + "-]")) if r.item.text else [])
        elif any(e.op != "=" for e in r.edits) and r.status != "retained":
            lines.extend(wrap.wrap(terminal_safe(redline(r.edits))))
    deeper = textwrap.TextWrapper(width=width, initial_indent="        ", subsequent_indent="        ")
    if check_result.additions:
        lines += ["", "Asks for new language (candidates only: a person decides whether one answers the ask)"]
        for a in check_result.additions:
            lines.extend(textwrap.wrap(terminal_safe(f"line {a.line}: {a.text}"), width, initial_indent="  ",
                                       subsequent_indent="      "))
            if not a.candidates:
                lines.append("      none found in the new text")
            for c in a.candidates:
                lines.append(terminal_safe(f"      candidate {_candidate_head(c)}"))
                lines.extend(deeper.wrap(terminal_safe(c.text)))
    if check_result.unread:
        lines += ["", "Not understood (lines of the checklist that look like asks)"]
        for u in check_result.unread:
            lines.extend(textwrap.wrap(terminal_safe(f"line {u.line}: {u.text}"), width, initial_indent="  ",
                                       subsequent_indent="      "))
            if getattr(u, "reason", ""):
                lines.extend(wrap.wrap(terminal_safe(u.reason)))
    return "\n".join(lines).rstrip() + "\n"


def _candidate_head(c) -> str:
    """ "OP 4-2 (new; similarity 0.35; shares workshop, recommendations)"."""
    what = [c.change] if c.change else []
    return f"{pretty_label(c.new)} ({'; '.join(what + [f'similarity {c.similarity:.2f}', 'shares ' + ', '.join(c.shared)])})"


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(terminal_safe(text).split()))


def _md_redline(edits) -> str:
    out = []
    for e in edits:
        text = _md(e.text)
        if not text:
            continue
        out.append(text if e.op == "=" else (f"~~{text}~~" if e.op == "-" else f"**{text}**"))
    return " ".join(out)


def render_check_markdown(check_result) -> str:
    lines = [f"# {_md(_heading(check_result))}", "", *markdown_head(check_result.warnings, _md),
             _md(summary_sentence(check_result)), "", "| Ask | Status | In the new text | Why |", "|---|---|---|---|"]
    for r in check_result.items:
        new = "—" if r.new is None else _md(pretty_label(r.new))
        why = _md(explain(r))
        lines.append(f"| {_md(pretty_label(r.reference))} | {_label(r.status)} | {new} | {why} |")
    if check_result.additions:
        lines += ["", "## Asks for new language", "",
                  "Candidates only: a person decides whether one of them answers the ask.", ""]
        for a in check_result.additions:
            lines.append(f"- line {a.line}: {_md(a.text)}")
            if not a.candidates:
                lines.append("  - none found in the new text")
            for c in a.candidates:
                lines.append(f"  - **{_md(_candidate_head(c))}**: {_md(c.text)}")
    if check_result.unread:
        lines += ["", "## Not understood", "", "| Line | Text | Why |", "|---|---|---|"]
        for u in check_result.unread:
            lines.append(f"| {u.line} | {_md(u.text)} | {_md(getattr(u, 'reason', ''))} |")
    changed = [r for r in check_result.items if r.status != "retained"]
    if changed:
        lines += ["", "## Changes", ""]
        for r in changed:
            lines.append(f"### {_md(pretty_label(r.reference))}: {_label(r.status)}")
            lines.append("")
            if r.status == "dropped":
                lines.append(f"~~{_md(r.item.text)}~~" if r.item.text else "_(no text)_")
            else:
                lines.append(_md_redline(r.edits))
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# ---- the HTML page ------------------------------------------------------------------------------------

def status_symbol(status: str) -> str:
    """The status's symbol ('▼' weakened, '⇅' moved, '✕' dropped): a cue besides colour, for
    colour-blind readers and on paper."""
    member = Verdict.get(status)
    return member.symbol if member else ""


@dataclass(frozen=True)
class Ask:
    """One ask as the page shows it: a row of the table and a section below, linked by ``key``."""

    key: str  # the HTML id of its section: "ask-op28-c-iii"
    reference: str  # "OP 28(c)(iii)"
    quoted_as: str | None  # the checklist's own label, when OLD numbers the unit otherwise
    status: str
    label: str  # the status as people read it ("WPS language removed")
    symbol: str
    new: str  # "OP 50"; "OP 5 + OP 6" when split; "—" when dropped
    renumbered: bool
    why: str  # the reasons and the note, as in the other formats
    runs: tuple  # ((op, (Piece,)), ...) for the redline macro: the text, its redline, or its words struck out




@dataclass(frozen=True)
class ChecklistSide:
    """The checklist in the page header: its file name and the resolution its asks cite."""

    name: str
    about: str | None
    asks: int


def _keys(results) -> list[str]:
    """Stable HTML ids from the references; a reference asked twice gets "--2" (a slug never holds "--")."""
    used: set[str] = set()
    out = []
    for r in results:
        base = "ask-" + (re.sub(r"[^a-z0-9]+", "-", r.reference.lower()).strip("-") or "unit")
        key, n = base, 1
        while key in used:
            n += 1
            key = f"{base}--{n}"
        used.add(key)
        out.append(key)
    return out


def _runs(result) -> tuple:
    """What the section shows: a retained ask's text, a dropped ask's text struck out, or the redline."""
    if result.status == "dropped":
        pieces = [("-", result.item.text)]
    elif result.status == "retained" or not result.edits:
        pieces = [("=", result.item.text)]
    else:
        pieces = [(e.op, e.text) for e in result.edits]
    merged: list[tuple[str, str]] = []
    for op, text in pieces:
        if not text:
            continue
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return tuple((op, (Piece(op, text),)) for op, text in merged)


def _ask(result, key: str) -> Ask:
    quoted = result.item.quoted_as
    return Ask(
        key=key,
        reference=pretty_label(result.reference),
        quoted_as=pretty_label(quoted) if quoted and quoted != result.reference else None,
        status=result.status,
        label=_label(result.status),
        symbol=status_symbol(result.status),
        new=" + ".join(pretty(label) for label in (result.new, *result.also)),
        renumbered=result.renumbered,
        why=explain(result),
        runs=_runs(result),
    )


def _facts(role: str, header: dict | None) -> ResolutionFacts | None:
    """A resolution of the page's header, from the facts the checker gathered (text, else registry)."""
    if not header or not (header.get("symbol") or header.get("name")):
        return None
    symbol = header.get("symbol")
    return ResolutionFacts(role, symbol, header.get("name") or symbol, human_date(header.get("date")),
                           header.get("meeting"), official_url(header.get("number"), header.get("year")) if symbol else None, 0)


def render_check_html(check_result) -> str:
    """The page an advocate mails: the sentence and the tiles, one row per ask, then every ask in full
    with its redline. One file that fetches nothing, byte-identical for the same input."""
    s = check_result.summary
    items = check_result.items
    source = s.get("checklist")
    renumbered = sum(1 for r in items if r.status != "dropped" and r.renumbered)
    return render(
        "check.html.j2",
        title=_heading(check_result),
        sentence=summary_sentence(check_result),
        checklist=ChecklistSide(os.path.basename(source) if source and source != "-" else "the checklist",
                                s.get("symbol"), len(items)),
        old=_facts("old", check_result.old_header),
        new=_facts("new", check_result.new_header) or ResolutionFacts("new", None, "the new text", None, None, None, 0),
        total=Tile("total", len(items), "asks checked"),
        tiles=tuple(Tile(str(st), check_result.count(st), st.label, st.symbol, str(st)) for st in CHECK_STATUSES),
        renumbered=Tile("renumbered", renumbered, "now under another number (counted above by what became of their words)"),
        asks=tuple(_ask(r, key) for r, key in zip(items, _keys(items))),
        additions=check_result.additions,
        unread=check_result.unread,
        warnings=check_result.warnings,
    )
