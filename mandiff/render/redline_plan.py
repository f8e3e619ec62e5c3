"""A comparison laid out as a Word redline, before any Word is written: paragraphs of tracked runs.

Every paragraph is a list of segments, each one kept in both texts ("="), only in NEW ("+") or only in
OLD ("-"), and a paragraph mark with the same three states. The plan is built so that Accept All (keep
"+", drop "-", join a paragraph whose mark is dropped to the next one) gives NEW's units, one paragraph
each, and Reject All gives OLD's. Pure data: ``docx_redline`` turns it into Word XML.

How OLD and NEW are woven together: the units that kept their place (a pair, or a split or merge whose
units stand together) are anchors, on an order-preserving chain; between two anchors go OLD's units
that are not anchored (struck out) and NEW's (inserted). An anchor is one redline: word edits as runs,
a renumbering as a deleted and an inserted number, a split as an inserted paragraph mark, a merge as a
deleted one. Numbers are typed text, so a renumbering is itself a tracked change; preambular
paragraphs have no label in the body.

A unit at another place is struck out where it was and inserted where it is, with a comment at each
end naming the other ("now OP 2, at another place", "was PP 3, at another place"): Word's own move marks (``w:moveFrom`` and
``w:moveTo``) were tried, and LibreOffice 7.4 left an empty paragraph where a moved paragraph's mark
was accepted or rejected, or gave the next paragraph the moved one's style
(benchmarks/redline_libreoffice.py): a deletion and an insertion read the same in every office suite.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from ..diff import word_edits
from ..grammar.clauses import looks_operative, looks_preambular, opening_length
from ..grammar.labels import pretty_label
from ..model import OPERATIVE, PREAMBULAR, Comparison, Paragraph
from ..vocabulary import Relation, Verdict, category_name
from .diffview import _groups, build_rows

KEPT, INSERTED, DELETED = "=", "+", "-"

# Paragraph styles of the body; a unit's style says what it is (tests and readers key on them).
PREAMBULAR_STYLE = "Preambular paragraph"
OPERATIVE_STYLE = "Operative paragraph"
SUB_STYLES = ("Sub-paragraph 1", "Sub-paragraph 2", "Sub-paragraph 3")
PART_STYLE = "Part heading"
SECTION_STYLE = "Section heading"
UNIT_STYLES = (PREAMBULAR_STYLE, OPERATIVE_STYLE) + SUB_STYLES
HEADING_STYLES = (PART_STYLE, SECTION_STYLE)


@dataclass(frozen=True)
class Segment:
    op: str
    text: str  # a tab is "\t"
    italic: bool = False


@dataclass
class Para:
    style: str
    segments: list[Segment]
    mark: str = KEPT
    old_labels: tuple[str, ...] = ()  # the units of OLD / NEW that begin in this paragraph
    new_labels: tuple[str, ...] = ()
    old_style: str | None = None  # the style OLD gives it, when that differs (a tracked formatting change)


@dataclass(frozen=True)
class Note:
    """A Word comment over paragraphs ``first``..``last`` (indexes into the plan's paragraphs)."""

    lines: tuple[str, ...]
    first: int
    last: int


@dataclass
class Plan:
    paragraphs: list[Para] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def unit_style(unit: Paragraph) -> str:
    if unit.depth > 0:
        return SUB_STYLES[min(unit.depth, len(SUB_STYLES)) - 1]
    return PREAMBULAR_STYLE if unit.kind == PREAMBULAR else OPERATIVE_STYLE


def _opening(unit: Paragraph) -> int:
    """The italic opening words of a top-level paragraph ("Calls upon", "Recalling"), as the Council prints them."""
    if unit.depth or not unit.text:
        return 0
    opens = looks_preambular(unit.text) if unit.kind == PREAMBULAR else looks_operative(unit.text)
    return opening_length(unit.text) if opens else 0


def _number(unit: Paragraph) -> str:
    return unit.number or ""


# ---- one redline: a unit, a pair, or the units of a split or merge ------------------------------


@dataclass
class _Char:
    op: str
    ch: str
    italic: bool


def _joined(units: tuple[Paragraph, ...]) -> tuple[str, dict[int, int], set[int]]:
    """The units' texts joined by spaces, where each further unit begins (offset -> index), and the
    offsets printed in italics."""
    text, breaks, italic = "", {}, set()
    for k, unit in enumerate(units):
        if k:
            text += " "
            breaks[len(text)] = k
        italic.update(range(len(text), len(text) + _opening(unit)))
        text += unit.text
    return text, breaks, italic


def _prefix(old: Paragraph | None, new: Paragraph | None, old_op: str = DELETED, new_op: str = INSERTED) -> list[_Char]:
    """The typed number of a paragraph and its tab: kept when both sides have the same, else the old
    one deleted and the new one inserted."""
    a, b = (_number(old) if old else ""), (_number(new) if new else "")
    if a and a == b:
        return [_Char(KEPT, c, False) for c in a + "\t"]
    out = [_Char(old_op, c, False) for c in a] + [_Char(new_op, c, False) for c in b]
    if a and b:
        return out + [_Char(KEPT, "\t", False)]
    if a:
        return out + [_Char(old_op, "\t", False)]
    if b:
        return out + [_Char(new_op, "\t", False)]
    return out


def _segments(chars: list[_Char]) -> list[Segment]:
    """Characters of the same kind and slant together, in one pass (no string grows a character at a time)."""
    out: list[Segment] = []
    start = 0
    for k in range(1, len(chars) + 1):
        if k == len(chars) or (chars[k].op, chars[k].italic) != (chars[start].op, chars[start].italic):
            out.append(Segment(chars[start].op, "".join(c.ch for c in chars[start:k]), chars[start].italic))
            start = k
    return out


def _exact(edits, old_text: str, new_text: str) -> bool:
    return "".join(e.text for e in edits if e.op in "=-") == old_text and \
        "".join(e.text for e in edits if e.op in "=+") == new_text


def redline_paragraphs(olds: tuple[Paragraph, ...], news: tuple[Paragraph, ...]) -> list[Para] | None:
    """The units of an anchor as paragraphs of one redline, or None when the word edits do not spell
    out both texts (then the caller strikes the old units and inserts the new ones)."""
    old_text, old_breaks, old_italic = _joined(olds)
    new_text, new_breaks, new_italic = _joined(news)
    edits = word_edits(old_text, new_text)
    if not _exact(edits, old_text, new_text):
        return None
    if not old_breaks and not new_breaks:  # one unit each, the common case: no character-by-character walk
        return [_one_redline(olds[0], news[0], edits, len(old_italic), len(new_italic))]
    items: list = []  # _Char, or ("old"|"new", unit index) where a further unit begins
    o = n = 0
    for e in edits:
        for ch in e.text:
            if e.op in "=-" and o in old_breaks:
                items.append(("old", old_breaks.pop(o)))
            if e.op in "=+" and n in new_breaks:
                items.append(("new", new_breaks.pop(n)))
            italic = (n in new_italic) if e.op in "=+" else (o in old_italic)
            items.append(_Char(e.op, ch, italic))
            o += e.op in "=-"
            n += e.op in "=+"
    items += [("old", k) for k in old_breaks.values()] + [("new", k) for k in new_breaks.values()]
    # The space that joined two units is a paragraph mark on that side: an old joiner kept in NEW becomes
    # an inserted space (Reject All breaks the paragraph there instead), a new joiner kept in OLD a deleted one.
    for side, own, other in (("old", DELETED, INSERTED), ("new", INSERTED, DELETED)):
        keep = (KEPT, own)
        for i, item in enumerate(items):
            if isinstance(item, tuple) and item[0] == side:
                j = i - 1
                while j >= 0 and not (isinstance(items[j], _Char) and items[j].op in keep):
                    j -= 1
                if j >= 0 and items[j].ch == " ":
                    items[j] = _Char("" if items[j].op == own else other, " ", items[j].italic)
    items = [x for x in items if not (isinstance(x, _Char) and not x.op)]  # "": a joiner gone from both
    # Paragraphs: cut at the marks; an old and a new mark with nothing between them are one kept mark.
    paras: list[Para] = []
    chars: list[_Char] = list(_prefix(olds[0], news[0]))
    starts: tuple[Paragraph | None, Paragraph | None] = (olds[0], news[0])  # the units that begin the paragraph
    pending: list[tuple[str, int]] = []

    def close(mark: str) -> None:
        old_unit, new_unit = starts
        style = unit_style(new_unit or old_unit)
        old_style = unit_style(old_unit) if old_unit and new_unit and unit_style(old_unit) != style else None
        paras.append(Para(style, _segments(chars), mark, (old_unit.label,) if old_unit else (),
                          (new_unit.label,) if new_unit else (), old_style))

    for item in items + [None]:
        if isinstance(item, tuple):
            pending.append(item)
            continue
        if pending:
            sides = {s for s, _ in pending}
            close(KEPT if sides == {"old", "new"} else (DELETED if sides == {"old"} else INSERTED))
            old_k = next((k for s, k in pending if s == "old"), None)
            new_k = next((k for s, k in pending if s == "new"), None)
            chars = _prefix(olds[old_k] if old_k is not None else None, news[new_k] if new_k is not None else None)
            starts = (olds[old_k] if old_k is not None else None, news[new_k] if new_k is not None else None)
            pending = []
        if item is None:
            break
        chars.append(item)
    close(KEPT)
    return paras


def _one_redline(old: Paragraph, new: Paragraph, edits, old_italic: int, new_italic: int) -> Para:
    """A pair in place as one paragraph: its number, then its word edits, the opening words in italics."""
    pieces = [Segment(c.op, c.ch) for c in _prefix(old, new)]
    o = n = 0
    for e in edits:
        at, slant = (n, new_italic) if e.op in "=+" else (o, old_italic)
        cut = min(max(slant - at, 0), len(e.text))
        pieces += [Segment(e.op, e.text[:cut], True), Segment(e.op, e.text[cut:], False)]
        o += len(e.text) if e.op in "=-" else 0
        n += len(e.text) if e.op in "=+" else 0
    merged: list[Segment] = []
    for piece in (p for p in pieces if p.text):
        if merged and (merged[-1].op, merged[-1].italic) == (piece.op, piece.italic):
            merged[-1] = Segment(piece.op, merged[-1].text + piece.text, piece.italic)
        else:
            merged.append(piece)
    style, old_style = unit_style(new), unit_style(old)
    return Para(style, merged, KEPT, (old.label,), (new.label,), old_style if old_style != style else None)


def one_side(unit: Paragraph, op: str) -> Para:
    """A unit only in OLD (``op`` "-") or only in NEW ("+"), whole."""
    chars = _prefix(unit if op == DELETED else None, unit if op == INSERTED else None)
    n = _opening(unit)
    chars += [_Char(op, ch, k < n) for k, ch in enumerate(unit.text)]
    labels = ((unit.label,), ()) if op == DELETED else ((), (unit.label,))
    return Para(unit_style(unit), _segments(chars), op, *labels)


# ---- weaving OLD and NEW --------------------------------------------------------------------------


@dataclass
class _Block:
    """Paragraphs that stand together: an anchor, or one unit of one side."""

    paras: list[Para]
    olds: tuple[Paragraph, ...] = ()
    news: tuple[Paragraph, ...] = ()


def _contiguous(indexes: list[int]) -> bool:
    return indexes == list(range(indexes[0], indexes[0] + len(indexes)))


def _chain(candidates: list[tuple[int, int, int]]) -> set[int]:
    """The longest chain of (old, new, id) with both positions increasing: the anchors that keep their order."""
    candidates = sorted(candidates, key=lambda c: (c[1], -c[0]))
    tails: list[int] = []  # smallest old position ending a chain of each length
    tail_ids: list[int] = []
    back: dict[int, int | None] = {}
    for old, _new, ident in candidates:
        k = bisect_left(tails, old)
        back[ident] = tail_ids[k - 1] if k else None
        if k == len(tails):
            tails.append(old)
            tail_ids.append(ident)
        else:
            tails[k], tail_ids[k] = old, ident
    out: set[int] = set()
    ident = tail_ids[-1] if tail_ids else None
    while ident is not None:
        out.add(ident)
        ident = back[ident]
    return out


def _zone(unit: Paragraph, parts: dict) -> tuple[int, int]:
    return (parts.get(unit.part, 0), 0 if unit.kind == PREAMBULAR else 1)


def _before(old_unit: Paragraph, new_unit: Paragraph, parts: dict) -> bool:
    """Between two anchors, does OLD's unit go before NEW's?"""
    a, b = _zone(old_unit, parts), _zone(new_unit, parts)
    return a < b or (a == b and old_unit.depth >= new_unit.depth)


def weave(comparison: Comparison) -> list[_Block]:
    """OLD and NEW as one sequence of blocks whose OLD units read in OLD's order and NEW's in NEW's."""
    old, new = comparison.old, comparison.new
    old_pos = {p.label: i for i, p in enumerate(old.paragraphs)}
    new_pos = {p.label: i for i, p in enumerate(new.paragraphs)}
    groups = _groups([p for p in comparison.pairs if p.old in old_pos and p.new in new_pos])
    candidates = []
    for ident, group in enumerate(groups):
        olds = sorted({old_pos[p.old] for p in group})
        news = sorted({new_pos[p.new] for p in group})
        if any(p.relation == Relation.MOVED for p in group) or not (_contiguous(olds) and _contiguous(news)):
            continue
        candidates.append((olds[0], news[0], ident))
    anchored = _chain(candidates)
    anchors: list[tuple[int, int, _Block]] = []
    old_only: list[tuple[int, _Block]] = []
    new_only: list[tuple[int, _Block]] = []
    for ident, group in enumerate(groups):
        olds = tuple(old.paragraphs[i] for i in sorted({old_pos[p.old] for p in group}))
        news = tuple(new.paragraphs[j] for j in sorted({new_pos[p.new] for p in group}))
        paras = redline_paragraphs(olds, news) if ident in anchored else None
        if paras is not None:
            anchors.append((old_pos[olds[0].label], new_pos[news[0].label], _Block(paras, olds, news)))
            continue
        old_only += [(old_pos[u.label], _Block([one_side(u, DELETED)], (u,), ())) for u in olds]
        new_only += [(new_pos[u.label], _Block([one_side(u, INSERTED)], (), (u,))) for u in news]
    for d in comparison.dropped:
        if d.old in old_pos:
            u = old.paragraphs[old_pos[d.old]]
            old_only.append((old_pos[d.old], _Block([one_side(u, DELETED)], (u,), ())))
    for a in comparison.added:
        if a.new in new_pos:
            u = new.paragraphs[new_pos[a.new]]
            new_only.append((new_pos[a.new], _Block([one_side(u, INSERTED)], (), (u,))))
    anchors.sort(key=lambda a: a[1])
    old_only.sort(key=lambda b: b[0])
    new_only.sort(key=lambda b: b[0])
    parts: dict = {}
    for unit in new.paragraphs + old.paragraphs:
        parts.setdefault(unit.part, len(parts))
    out: list[_Block] = []
    i = j = 0
    for old_at, new_at, block in anchors + [(len(old_pos), len(new_pos), None)]:
        gap_old, gap_new = [], []
        while i < len(old_only) and old_only[i][0] < old_at:
            gap_old.append(old_only[i][1])
            i += 1
        while j < len(new_only) and new_only[j][0] < new_at:
            gap_new.append(new_only[j][1])
            j += 1
        while gap_old or gap_new:  # OLD's units before NEW's, unless NEW's come in an earlier part (or the
            # preamble) or are sub-paragraphs that go on from the anchor before them
            take_old = gap_old and (not gap_new or _before(gap_old[0].olds[0], gap_new[0].news[0], parts))
            out.append(gap_old.pop(0) if take_old else gap_new.pop(0))
        if block is not None:
            out.append(block)
    return out


# ---- headings, the comments, the whole plan -----------------------------------------------------


def _due(previous: Paragraph | None, unit: Paragraph) -> dict[str, str]:
    """The headings that a side prints before ``unit``: its part ("A"), its section ("Mandate of MINUVAL")."""
    out = {}
    if unit.part and (previous is None or previous.part != unit.part):
        out[PART_STYLE] = unit.part
    new_part = previous is None or previous.part != unit.part
    if unit.kind == OPERATIVE and unit.section and (new_part or previous.section != unit.section):
        out[SECTION_STYLE] = unit.section
    return out


def _heading(style: str, old_text: str | None, new_text: str | None) -> Para:
    if old_text is not None and new_text is not None:
        chars = [_Char(e.op, c, False) for e in word_edits(old_text, new_text) for c in e.text]
        return Para(style, _segments(chars), KEPT)
    op, text = (INSERTED, new_text) if new_text is not None else (DELETED, old_text)
    return Para(style, [Segment(op, text or "")], op)


def _note_lines(row) -> tuple[str, ...]:
    verdict = Verdict(row.wps)
    first = verdict.label + (": " + "; ".join(row.reasons) if row.reasons else "")
    relation = Relation.get(row.relation)
    second = " · ".join(x for x in (row.label_text, relation.label if relation else row.relation,
                                     ", ".join(category_name(c) for c in row.categories)) if x)
    return (first, second)


def keep_changes_apart(paragraphs: list[Para]) -> None:
    """No insertion (or deletion) may run on from the end of a paragraph whose mark is kept into the
    next paragraph: LibreOffice joins such neighbours into one change that takes the kept mark with it,
    and Reject All (or Accept All) then runs the two paragraphs together (benchmarks/redline_libreoffice.py).

    When the next paragraphs are wholly inserted (deleted), the tracked mark is moved up to the end of
    the paragraph before them and the kept mark down to the last of them: an equivalent redline, the
    style each side sees carried with a tracked style change. Otherwise a replacement at the end is
    written insertion first, so that the paragraph ends with the other kind of change."""
    k = 0
    while k < len(paragraphs) - 1:
        para, after = paragraphs[k], paragraphs[k + 1]
        op = para.segments[-1].op if para.segments else KEPT
        if para.mark != KEPT or op == KEPT or not after.segments or after.segments[0].op != op:
            k += 1
            continue
        last = k
        while last + 1 < len(paragraphs) and paragraphs[last + 1].mark == op and \
                all(seg.op == op for seg in paragraphs[last + 1].segments):
            last += 1
        if last > k:
            tail = paragraphs[last]
            # The side that drops the moved-up mark joins the paragraph to the kept mark: both wear the
            # style that side gives the paragraph (Word keeps the kept mark's, LibreOffice the first one's).
            paragraphs[k] = Para(para.style, para.segments, op, para.old_labels, para.new_labels, para.old_style)
            if op == INSERTED:
                old_style = para.old_style or para.style
                paragraphs[last] = Para(tail.style, tail.segments, KEPT, tail.old_labels, tail.new_labels,
                                        old_style if old_style != tail.style else None)
            else:
                paragraphs[last] = Para(para.style, tail.segments, KEPT, tail.old_labels, tail.new_labels,
                                        tail.style if tail.style != para.style else None)
            k = last + 1
            continue
        end = len(para.segments)
        while end > 0 and para.segments[end - 1].op != KEPT:
            end -= 1
        trailing = para.segments[end:]
        para.segments[end:] = [s for s in trailing if s.op == op] + [s for s in trailing if s.op != op]
        k += 1


def plan_diff(comparison: Comparison) -> Plan:
    """The body of the redline: every unit of OLD and NEW woven together, headings tracked like text,
    and a comment on every unit whose WPS language changed."""
    plan = Plan()
    owner: dict[tuple[str, str], list[int]] = {}  # ("old"|"new", label) -> paragraph indexes of its block
    last = {"old": None, "new": None}
    for block in weave(comparison):
        due = {side: _due(last[side], units[0]) if units else {} for side, units in (("old", block.olds), ("new", block.news))}
        for style in HEADING_STYLES:
            a, b = due["old"].get(style), due["new"].get(style)
            if a is None and b is None:
                continue
            plan.paragraphs.append(_heading(style, a, b))
        if block.olds:
            last["old"] = block.olds[-1]
        if block.news:
            last["new"] = block.news[-1]
        first = len(plan.paragraphs)
        plan.paragraphs += block.paras
        span = list(range(first, len(plan.paragraphs)))
        for unit in block.olds:
            owner[("old", unit.label)] = span
        for unit in block.news:
            owner[("new", unit.label)] = span
    keep_changes_apart(plan.paragraphs)
    for row in build_rows(comparison):
        side, units = ("new", row.news) if row.news else ("old", row.olds)
        spans = [k for u in units for k in owner.get((side, u.label), [])]
        if row.is_wps_change and spans:
            plan.notes.append(Note(_note_lines(row), min(spans), max(spans)))
        for pair in row.pairs:
            source, target = owner.get(("old", pair.old)), owner.get(("new", pair.new))
            if source is not None and source == target:
                continue  # in place: one redline
            if source is not None and target is not None:
                how = pair.relation.label
                plan.notes.append(Note((f"now {pretty_label(pair.new)}, at another place ({how})",), source[0], source[-1]))
                plan.notes.append(Note((f"was {pretty_label(pair.old)}, at another place ({how})",), target[0], target[-1]))
    plan.notes.sort(key=lambda note: (note.first, note.last))
    return plan


def ask_paragraph(reference: str, new_label: str | None, edits, text: str, dropped: bool, style: str) -> Para:
    """One ask of a checklist as a redline: its label (the cited one struck out when it is now
    another), then its words as they changed; a dropped ask struck out whole."""
    ref, now = pretty_label(reference), (pretty_label(new_label) if new_label else "")
    if dropped or not now:
        chars = [_Char(DELETED, c, False) for c in ref + "\t" + text]
        return Para(style, _segments(chars), DELETED, (reference,), ())
    chars = [_Char(KEPT, c, False) for c in ref] if ref == now else \
        [_Char(DELETED, c, False) for c in ref] + [_Char(INSERTED, c, False) for c in now]
    chars.append(_Char(KEPT, "\t", False))
    if edits:
        chars += [_Char(e.op, c, False) for e in edits for c in e.text]
    else:
        chars += [_Char(KEPT, c, False) for c in text]
    return Para(style, _segments(chars), KEPT, (reference,), (new_label,))
