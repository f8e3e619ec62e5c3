"""A comparison laid out for reading: one row per unit correspondence, in the order of the new text.

The HTML, Markdown and CSV renderers share this layout so that they agree on what a row is, where a
dropped unit goes, what counts as a change and which rows are WPS changes. A moved or renumbered unit
is one row (its old and new labels side by side), never a deletion plus an insertion. A dropped unit is
placed after the row of the nearest earlier old unit that survived in place, so it is read where it was.
"""

from typing import NamedTuple

from ..diff import word_edits
from ..model import Comparison, Edit, Pair, Paragraph, Tag
from ..vocabulary import Relation, Verdict, combine
from ..grammar.labels import label_anchor, pretty_label
from .view import ResolutionFacts, resolution_facts

DROPPED = "dropped"
ADDED = "added"
# The WPS class shown for a dropped or added unit that carries WPS language.
WPS_DROPPED = Verdict.DROPPED
WPS_NEW = Verdict.NEW



class Piece(NamedTuple):
    """A run of a unit's text: same in both ("="), only in old ("-") or only in new ("+"), and the WPS
    categories whose trigger words it is part of (empty when none)."""

    op: str
    text: str
    categories: tuple[str, ...] = ()
    read_as: str | None = None  # the repaired words of a damaged term the run is part of ("sexual violence")


class Row(NamedTuple):
    """One correspondence shown once: a pair, a split or merge group (all its units together), a dropped
    unit (no new side) or an added one (no old side)."""

    key: str  # unique, stable: the HTML id of the row
    olds: tuple[Paragraph, ...]
    news: tuple[Paragraph, ...]
    relation: str  # identical, modified, moved, split, merged, promoted, demoted, dropped, added
    wps: str | None  # a WPS class, "dropped", "new", or None when neither side carries WPS language
    similarity: float | None
    pieces: tuple[Piece, ...]
    reasons: tuple[str, ...] = ()
    pairs: tuple[Pair, ...] = ()  # the comparison's pairs this row shows (one, or a whole split/merge)
    targets: tuple[str, ...] = ()  # further HTML ids on this row: the other labels it shows

    @property
    def old(self) -> Paragraph | None:
        return self.olds[0] if self.olds else None

    @property
    def new(self) -> Paragraph | None:
        return self.news[0] if self.news else None

    @property
    def runs(self) -> tuple[tuple[str, tuple[Piece, ...]], ...]:
        """Consecutive pieces of one op together: one <del> or <ins> per run, not one per WPS mark."""
        out: list[tuple[str, list[Piece]]] = []
        for piece in self.pieces:
            if out and out[-1][0] == piece.op and piece.op in ("=", "-", "+"):
                out[-1][1].append(piece)
            else:
                out.append((piece.op, [piece]))
        return tuple((op, tuple(pieces)) for op, pieces in out)

    @property
    def is_wps(self) -> bool:
        return self.wps is not None

    @property
    def changed(self) -> bool:
        """Anything but identical text: renumbering alone is not a change."""
        return self.relation != "identical"

    @property
    def reworded(self) -> bool:
        """Words changed inside a pair whose relation says something else (moved, split, promoted...)."""
        return self.relation not in ("modified", "dropped", "added", "rewritten") and \
            any(p.op in ("-", "+") for p in self.pieces)

    @property
    def is_wps_change(self) -> bool:
        return self.is_wps and (self.changed or self.wps != "retained")

    @property
    def unit(self) -> Paragraph:
        """The unit that places the row in the document: the new one, or the old one when dropped."""
        return self.new or self.old  # type: ignore[return-value]

    @property
    def categories(self) -> tuple[str, ...]:
        seen: list[str] = []
        for unit in self.olds + self.news:
            for category in unit.categories:
                if category not in seen:
                    seen.append(category)
        return tuple(seen)

    @property
    def old_text_label(self) -> str:
        return " + ".join(pretty_label(p.label) for p in self.olds) or "—"

    @property
    def new_text_label(self) -> str:
        return " + ".join(pretty_label(p.label) for p in self.news) or "—"

    @property
    def label_text(self) -> str:
        """'OP 38(c)(iv) → OP 28(c)(iii)', 'OP 6(a)' when unchanged, '— → OP 7' when added."""
        old, new = self.old_text_label, self.new_text_label
        return old if old == new else f"{old} → {new}"


class Heading(NamedTuple):
    """A break in the document between rows: preamble/operative part, a part of the resolution, a section."""

    level: int  # 1: part, 2: preambular/operative, 3: section heading of the text
    text: str


class DiffView(NamedTuple):
    old: ResolutionFacts
    new: ResolutionFacts
    items: tuple[Row | Heading, ...]

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(i for i in self.items if isinstance(i, Row))

    @property
    def wps_changes(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.is_wps_change)

    @property
    def wps_retained(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.is_wps and not r.is_wps_change)


# ---- header ---------------------------------------------------------------------------------------

# ---- text pieces ----------------------------------------------------------------------------------

def _split(text: str, offset: int, tags, op: str) -> list[Piece]:
    """Cut ``text`` (found at ``offset`` in its unit) where WPS tags begin and end."""
    spans = [(max(t.start, offset) - offset, min(t.end, offset + len(text)) - offset, t.category, t.read_as)
             for t in tags if t.start < offset + len(text) and offset < t.end]
    if not spans:
        return [Piece(op, text)] if text else []
    cuts = sorted({0, len(text)} | {a for a, _, _, _ in spans} | {b for _, b, _, _ in spans})
    out: list[Piece] = []
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        cats: list[str] = []
        read_as = None
        for s, e, c, r in spans:
            if s <= a and b <= e:
                read_as = read_as or r
                if c not in cats:
                    cats.append(c)
        last = out[-1] if out else None
        if last is not None and last.categories == tuple(cats) and last.read_as == read_as:
            out[-1] = Piece(op, last.text + text[a:b], last.categories, read_as)
        else:
            out.append(Piece(op, text[a:b], tuple(cats), read_as))
    return out


def _tags(unit: Paragraph | None) -> tuple[Tag, ...]:
    return tuple(unit.tags or ()) if unit is not None else ()


class _JoinedText(NamedTuple):
    """One side of a row as one text: a unit, or the units of a split or merge joined by a space."""

    text: str
    tags: tuple[Tag, ...]
    breaks: tuple[tuple[int, str], ...]  # (offset where a further unit begins, its label)


def _join(units: tuple[Paragraph, ...]) -> _JoinedText:
    text, tags, breaks = "", [], []
    for k, unit in enumerate(units):
        if k:
            text += " "
            breaks.append((len(text), unit.label))
        tags += [t.shifted(len(text)) for t in _tags(unit)]
        text += unit.text
    return _JoinedText(text, tuple(tags), tuple(breaks))


def _walk(text: str, offset: int, tags, op: str, breaks, mark: str) -> list[Piece]:
    """``_split`` with a marker piece (op ``mark``, text the label) wherever a further unit begins."""
    inside = [(pos - offset, label) for pos, label in breaks if offset <= pos < offset + len(text)]
    if not inside:
        return _split(text, offset, tags, op)
    out: list[Piece] = []
    start = 0
    for rel, label in inside:
        out += _split(text[start:rel], offset + start, tags, op)
        out.append(Piece(mark, label))
        start = rel
    return out + _split(text[start:], offset + start, tags, op)


def pieces_for(olds: tuple[Paragraph, ...], news: tuple[Paragraph, ...], edits=None) -> tuple[Piece, ...]:
    """The redline of a row with WPS trigger words marked, from the word edits and each side's tags.

    Tags are offsets into each unit's own text; the edits are walked on both texts at once. When the edits
    do not spell out the two texts exactly, the redline is kept and the marks are left out rather than
    put in the wrong place. Where a further unit of a split or merge begins, a marker piece ("new-unit"
    or "old-unit") carries its label.
    """
    if not olds or not news:
        side, op = (_join(news), "+") if not olds else (_join(olds), "-")
        return tuple(_split(side.text, 0, side.tags, op))
    old, new = _join(olds), _join(news)
    if edits is None:
        edits = word_edits(old.text, new.text)
    exact = "".join(e.text for e in edits if e.op in "=-") == old.text and \
        "".join(e.text for e in edits if e.op in "=+") == new.text
    old_tags, new_tags = (old.tags, new.tags) if exact else ((), ())
    old_breaks, new_breaks = (old.breaks, new.breaks) if exact else ((), ())
    out: list[Piece] = []
    o = n = 0
    for e in edits:
        if e.op == "=":
            shifted = tuple(t.shifted(n - o) for t in old_tags)
            both = tuple(sorted(new_breaks + tuple((p - o + n, "~" + label) for p, label in old_breaks)))
            for piece in _walk(e.text, n, new_tags + shifted, "=", both, "new-unit"):
                if piece.op == "new-unit" and piece.text.startswith("~"):
                    piece = Piece("old-unit", piece.text[1:])
                out.append(piece)
            o += len(e.text)
            n += len(e.text)
        elif e.op == "-":
            out += _walk(e.text, o, old_tags, "-", old_breaks, "old-unit")
            o += len(e.text)
        else:
            out += _walk(e.text, n, new_tags, "+", new_breaks, "new-unit")
            n += len(e.text)
    shown = {p.text for p in out if p.op in ("new-unit", "old-unit")}
    out += [Piece("new-unit", label) for _, label in new_breaks if label not in shown]  # empty last units
    out += [Piece("old-unit", label) for _, label in old_breaks if label not in shown]
    return tuple(out)


# ---- rows in reading order ------------------------------------------------------------------------

def _anchor(unit: Paragraph) -> str:
    return unit.anchor or label_anchor(unit.label)


def _groups(pairs) -> list[list[Pair]]:
    """Pairs joined when they share an old or a new unit: a split or a merge is one group."""
    groups: list[list[Pair]] = []
    where: dict[tuple[str, str], int] = {}
    for pair in pairs:
        hits = sorted({where[k] for k in (("o", pair.old), ("n", pair.new)) if k in where})
        if not hits:
            groups.append([pair])
            index = len(groups) - 1
        else:
            index = hits[0]
            groups[index].append(pair)
            for other in reversed(hits[1:]):
                groups[index] += groups[other]
                groups[other] = []
        for member in groups[index]:
            where[("o", member.old)] = index
            where[("n", member.new)] = index
    return [g for g in groups if g]


def _group_wps(pairs) -> str | None:
    """The verdict of a group as the summary counts it (``vocabulary.combine``)."""
    return combine(p.wps for p in pairs)


def _unique(items) -> tuple:
    out: list = []
    for item in items:
        if item not in out:
            out.append(item)
    return tuple(out)


def build_rows(comparison: Comparison) -> list[Row]:
    """Every pair, split, merge, dropped and added unit as one row, in the order a reader of the new text
    meets them; a dropped unit goes after the nearest earlier old unit that kept its place."""
    old, new = comparison.old, comparison.new
    old_pos = {p.label: i for i, p in enumerate(old.paragraphs)}
    new_pos = {p.label: i for i, p in enumerate(new.paragraphs)}
    placed: list[tuple[tuple, Row]] = []

    known = [p for p in comparison.pairs if p.old in old_pos and p.new in new_pos]
    for group in _groups(known):
        olds = tuple(old.paragraphs[i] for i in sorted({old_pos[p.old] for p in group}))
        news = tuple(new.paragraphs[j] for j in sorted({new_pos[p.new] for p in group}))
        if len(group) == 1:
            pair = group[0]
            relation, similarity, edits = pair.relation, pair.similarity, pair.edits
            if relation == Relation.REWRITTEN:  # two paragraphs, not one edited: each read whole
                edits = (Edit("-", olds[0].text), Edit("+", news[0].text))
        else:
            relation = "split" if len(olds) == 1 else "merged"
            similarity, edits = min(p.similarity for p in group), None
        row = Row(
            key="",
            olds=olds,
            news=news,
            relation=relation,
            wps=_group_wps(group),
            similarity=similarity,
            pieces=pieces_for(olds, news, edits),
            reasons=_unique(r for p in group for r in p.reasons),
            pairs=tuple(group),
        )
        placed.append(((new_pos[news[0].label], 0, old_pos[olds[0].label]), row))

    for added in comparison.added:
        n = new.get(added.new)
        if n is not None:
            row = Row("", (), (n,), ADDED, WPS_NEW if added.wps else None, None, pieces_for((), (n,)))
            placed.append(((new_pos[n.label], 0, -1), row))

    in_place = {p.old: p for p in known if p.relation != "moved"}
    for dropped in comparison.dropped:
        o = old.get(dropped.old)
        if o is None:
            continue
        after = -1
        for earlier in reversed(old.paragraphs[: old_pos[o.label]]):
            if earlier.label in in_place:
                after = new_pos[in_place[earlier.label].new]
                break
        row = Row("", (o,), (), DROPPED, WPS_DROPPED if dropped.wps else None, None, pieces_for((o,), ()))
        placed.append(((after, 1, old_pos[o.label]), row))

    placed.sort(key=lambda item: item[0])
    used: set[str] = set()

    def unique(key: str) -> str:
        candidate, n = key, 2
        while candidate in used:
            candidate = f"{key}-{n}"
            n += 1
        used.add(candidate)
        return candidate

    rows: list[Row] = []
    for _, row in placed:
        ids = [("n-" + _anchor(u)) for u in row.news] + [("o-" + _anchor(u)) for u in row.olds]
        fresh = [i for i in ids if i not in used]
        key = unique(fresh[0] if fresh else ids[0])
        targets = tuple(unique(i) for i in fresh[1:])
        rows.append(row._replace(key=key, targets=targets))
    return rows


def _headings(previous: Row | None, row: Row) -> list[Heading]:
    unit, before = row.unit, (previous.unit if previous else None)
    out: list[Heading] = []
    if unit.part and (before is None or before.part != unit.part):
        out.append(Heading(1, f"Part {unit.part}"))
    if before is None or before.kind != unit.kind or before.part != unit.part:
        out.append(Heading(2, "Preambular paragraphs" if unit.kind == "preambular" else "Operative paragraphs"))
    if unit.section and (before is None or before.section != unit.section) and unit.kind != "preambular":
        out.append(Heading(3, unit.section))
    return out


def build_view(comparison: Comparison) -> DiffView:
    rows = build_rows(comparison)
    items: list[Row | Heading] = []
    previous = None
    for row in rows:
        items += _headings(previous, row)
        items.append(row)
        previous = row
    return DiffView(resolution_facts(comparison.old, "old"), resolution_facts(comparison.new, "new"), tuple(items))
