"""The comparison (or the check) as a Word document with tracked changes: the redline negotiators send.

Accept All in Word gives NEW's text and Reject All OLD's, unit by unit: the paragraphs come from
``redline_plan`` and are written here as WordprocessingML revisions (``w:ins``, ``w:del``, a tracked
paragraph mark for a split, a merge, an added, a dropped or a moved unit, ``w:pPrChange`` for a
paragraph that changed kind in place), by author "mandiff" at the report's time (``view.made_time``: ``SOURCE_DATE_EPOCH``
makes the file byte-stable). The first page has the summary sentence and the table of WPS changes; a
Word comment on every unit whose WPS language changed gives mandiff's verdict and its reasons.

python-docx makes the package (parts, relationships, styles, tables, the comments part); it has no
API for revisions, so those elements are built with its lxml classes. This is the only module that
imports docx, and only when a .docx is asked for.
"""

from __future__ import annotations

import io
import re
import zipfile

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from .._version import __version__
from ..grammar.labels import pretty_label
from ..vocabulary import Verdict, category_name
from . import redline_plan as rp
from .view import made_at, made_at_iso, made_time, named, plural, relation_name, relation_symbol, wps_name, wps_symbol

AUTHOR = "mandiff"
COUNCIL_STYLE = "Council line"
ASK_STYLE = "Ask"
_WRAPPERS = {rp.INSERTED: "w:ins", rp.DELETED: "w:del"}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot hold


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


# ---- the package and its styles ------------------------------------------------------------------


def _document(title: str):
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(12)
    normal.paragraph_format.space_after = Pt(6)

    def style(name: str, first: float = 0.0, left: float = 0.0, tab: float | None = None, **options):
        st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = normal
        fmt = st.paragraph_format
        fmt.first_line_indent, fmt.left_indent = Cm(first), Cm(left)
        fmt.alignment = options.get("align", WD_ALIGN_PARAGRAPH.JUSTIFY)
        if tab is not None:
            fmt.tab_stops.add_tab_stop(Cm(tab))
        if options.get("bold"):
            st.font.bold = True
        if options.get("keep"):
            fmt.keep_with_next = True
        return st

    style(COUNCIL_STYLE, first=1.27)
    style(rp.PREAMBULAR_STYLE, first=1.27)
    style(rp.OPERATIVE_STYLE, first=1.27, tab=2.03)
    for depth, name in enumerate(rp.SUB_STYLES, start=1):
        style(name, first=1.27, left=1.27 * depth, tab=1.27 * depth + 2.29)
    style(rp.PART_STYLE, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, keep=True)
    style(rp.SECTION_STYLE, align=WD_ALIGN_PARAGRAPH.LEFT, bold=True, keep=True)
    style(ASK_STYLE, first=-3.0, left=3.0, tab=3.0, align=WD_ALIGN_PARAGRAPH.LEFT)
    when = made_time()
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = _clean(title), AUTHOR, AUTHOR
    props.comments = f"Made by mandiff {__version__}"
    props.created = props.modified = when.replace(tzinfo=None)
    props.revision = 1
    return doc


def _save(doc) -> bytes:
    """The package as bytes, every zip entry dated with the report's time (python-docx dates them with
    the clock), so that the same input and SOURCE_DATE_EPOCH give the same bytes."""
    raw = io.BytesIO()
    doc.save(raw)
    when = made_time()
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


# ---- revisions -----------------------------------------------------------------------------------


class _Ids:
    """Revision and comment ids: one counter, so that no two annotations share an id."""

    def __init__(self, start: int):
        self.next = start

    def take(self) -> str:
        self.next += 1
        return str(self.next)


def _stamp(element, ids: _Ids, date: str):
    element.set(qn("w:id"), ids.take())
    element.set(qn("w:author"), AUTHOR)
    element.set(qn("w:date"), date)
    return element


def _run(text: str, gone: bool, italic: bool):
    run = OxmlElement("w:r")
    if italic:
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:i"))
        run.append(rpr)
    for k, piece in enumerate(_clean(text).split("\t")):
        if k:
            run.append(OxmlElement("w:tab"))
        if piece:
            t = OxmlElement("w:delText" if gone else "w:t")
            t.text = piece
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run.append(t)
    return run


def _fill(p, para: rp.Para, ids: _Ids, date: str, style_ids: dict[str, str]) -> None:
    """The segments of ``para`` as runs inside ``p``, each change in its revision element, and its
    paragraph mark tracked when it exists on one side only."""
    if para.mark != rp.KEPT:
        rpr = OxmlElement("w:rPr")
        rpr.append(_stamp(OxmlElement(_WRAPPERS[para.mark]), ids, date))
        p.get_or_add_pPr().append(rpr)
    if para.old_style:  # OP became PP or the reverse, in place: the style change is tracked too
        change = _stamp(OxmlElement("w:pPrChange"), ids, date)
        before = OxmlElement("w:pPr")
        style = OxmlElement("w:pStyle")
        style.set(qn("w:val"), style_ids[para.old_style])
        before.append(style)
        change.append(before)
        p.get_or_add_pPr().append(change)
    wrapper, wrapped_op = None, None
    for seg in para.segments:
        run = _run(seg.text, seg.op == rp.DELETED, seg.italic)
        if seg.op == rp.KEPT:
            wrapper = None
            p.append(run)
            continue
        if wrapper is None or wrapped_op != seg.op:
            wrapper, wrapped_op = _stamp(OxmlElement(_WRAPPERS[seg.op]), ids, date), seg.op
            p.append(wrapper)
        wrapper.append(run)


def _write_body(doc, plan: rp.Plan, date: str) -> None:
    """The plan's paragraphs, then its comments anchored from the start of one paragraph to the end of another."""
    notes = []
    for note in plan.notes:
        comment = doc.comments.add_comment(text=_clean("\n".join(note.lines)), author=AUTHOR, initials="md")
        comment._comment_elm.set(qn("w:date"), date)
        notes.append((note, str(comment.comment_id)))
    ids = _Ids(max([int(c) for _, c in notes], default=0) + 1)
    elements = []
    style_ids = {s.name: s.style_id for s in doc.styles}
    for para in plan.paragraphs:
        p = doc.add_paragraph()._p  # the style by its id: python-docx looks a name up among hundreds each time
        p.get_or_add_pPr().style = style_ids[para.style]
        _fill(p, para, ids, date, style_ids)
        elements.append(p)
    for note, cid in notes:
        start = OxmlElement("w:commentRangeStart")
        start.set(qn("w:id"), cid)
        first = elements[note.first]
        ppr = first.find(qn("w:pPr"))
        first.insert(0 if ppr is None else first.index(ppr) + 1, start)
        end = OxmlElement("w:commentRangeEnd")
        end.set(qn("w:id"), cid)
        reference = OxmlElement("w:r")
        mark = OxmlElement("w:commentReference")
        mark.set(qn("w:id"), cid)
        reference.append(mark)
        elements[note.last].append(end)
        elements[note.last].append(reference)


# ---- the first page ------------------------------------------------------------------------------


def _table(doc, head: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    table = doc.add_table(rows=1, cols=len(head))
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, head):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = _clean(text)


def _head(doc, title: str, warnings) -> None:
    doc.add_paragraph(_clean(title), style="Title")
    doc.add_paragraph(f"Made by mandiff {__version__} on {made_at()}.")
    for w in warnings:
        p = doc.add_paragraph()
        p.add_run("Warning: ").bold = True
        p.add_run(_clean(w.message))


def _how_to_read(doc, old_name: str, new_name: str, what: str) -> None:
    doc.add_heading("How to read this document", level=3)
    doc.add_paragraph(_clean(
        f"Every change is a tracked change by “{AUTHOR}”: Accept All gives {what} of {new_name}, Reject All "
        f"gives {what} of {old_name}. Numbers are typed, so a renumbered paragraph shows its old number struck "
        "out and its new one inserted; a paragraph at another place is a move; a split or a merge is an inserted "
        "or a deleted paragraph mark. A comment gives mandiff's verdict on the WPS language and its reasons: "
        "check them before you cite them."))


def render_diff_docx(comparison) -> bytes:
    """The Word redline of ``mandiff diff``: a first page with the WPS summary and table, then the whole
    text with tracked changes from OLD to NEW."""
    from .diffview import build_view
    from .html import scorecard

    view = build_view(comparison)
    card = scorecard(view, comparison.summary)
    title = f"{view.old.name} → {view.new.name}"
    doc = _document(title + ": WPS language compared")
    _head(doc, title, comparison.warnings)
    doc.add_paragraph(_clean(f"Old: {named(view.old)}; {plural(view.old.wps_units, 'WPS unit')}"))
    doc.add_paragraph(_clean(f"New: {named(view.new)}; {plural(view.new.wps_units, 'WPS unit')}"))
    _how_to_read(doc, view.old.name, view.new.name, "the text")
    doc.add_heading("Women, Peace and Security language", level=1)
    if card.sentence:
        doc.add_paragraph(_clean(card.sentence))
    changes = view.wps_changes
    doc.add_heading(f"Every change to WPS language ({len(changes)})", level=2)
    if changes:
        rows = []
        for row in changes:
            what = f"{wps_symbol(row.wps)} {wps_name(row.wps)}"
            if row.relation not in ("identical", "modified", "dropped", "added"):
                what += f", {relation_symbol(row.relation)} {relation_name(row.relation)}"
            rows.append((row.label_text, what, ", ".join(category_name(c) for c in row.categories), "; ".join(row.reasons)))
        _table(doc, ("Unit (old → new)", "What happened", "Category", "Why"), rows)
    else:
        doc.add_paragraph("No WPS language changed.")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("The Security Council,", style=COUNCIL_STYLE)
    _write_body(doc, rp.plan_diff(comparison), made_at_iso())
    _closing_line(doc)
    return _save(doc)


def render_check_docx(check_result) -> bytes:
    """The Word redline of ``mandiff check``: each ask's unit as it changed from the words asked for to
    NEW's, with its verdict as a comment."""
    from .checktext import _heading, explain, summary_sentence

    title = _heading(check_result)
    doc = _document(title)
    _head(doc, title, check_result.warnings)
    _how_to_read(doc, "the asks", "the new text", "the words")
    doc.add_paragraph(_clean(summary_sentence(check_result)))
    rows = [(pretty_label(r.reference), Verdict(r.status).label, pretty_label(r.new) if r.new else "—", explain(r))
            for r in check_result.items]
    _table(doc, ("Ask", "Status", "In the new text", "Why"), rows)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    plan = rp.Plan()
    for r in check_result.items:
        dropped = r.status == Verdict.DROPPED
        plan.paragraphs.append(rp.ask_paragraph(r.reference, r.new, r.edits, r.item.text, dropped, ASK_STYLE))
        why = explain(r)
        k = len(plan.paragraphs) - 1
        plan.notes.append(rp.Note((Verdict(r.status).label + (f": {why}" if why else ""),), k, k))
    _write_body(doc, plan, made_at_iso())
    _closing_line(doc)
    return _save(doc)


def _closing_line(doc) -> None:
    """The short line that ends a UN document (a bottom border between wide indents), in a paragraph no
    revision touches. It must not be empty: when the units before it are rejected or accepted away,
    LibreOffice gives an empty last paragraph the style of the paragraph it joins, and an empty unit
    paragraph would be left behind. Its one character is a tab, which a reader of the text ignores."""
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Cm(7)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(border, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
                                                        "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
                                                        "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
                                                        "w:spacing", "w:ind")
    paragraph._p.append(_run("\t", False, False))
