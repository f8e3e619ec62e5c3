"""A chain of renewals laid out for reading: a column per resolution, a row per lineage, a cell per step.

Every step is said with the vocabulary's verdict (its id is the cell's class, its symbol the cell's
glyph); where the unit went (moved, split, merged, renumbered) is a second, smaller mark. A step opens
on the diff report's own row for its pair, so the chain page and ``mandiff diff`` show the same redline
and the same reasons. Each lineage is also told as one sentence, its story, which the HTML page, the text
and the Markdown outputs share; so do the headline numbers (WPS language gained, lost, weakened,
restored, and in which renewal).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..grammar.dates import human_date
from ..grammar.labels import pretty_label
from ..model import Edit, Resolution
from ..vocabulary import Relation, Verdict
from .diffview import ADDED, DROPPED, Row, build_rows, pieces_for
from .view import official_url, plural

RENUMBERED = ("#", "renumbered", "the same place in the order under a new number")
# Where a unit went, worth a second mark beside what its words did.
# (Not rewritten: a rewritten unit's verdict already says so.)
PLACED = (Relation.MOVED, Relation.SPLIT, Relation.MERGED, Relation.PROMOTED, Relation.DEMOTED)


@dataclass(frozen=True)
class Column:
    """One resolution of the chain as its column head and the stories name it."""

    name: str  # "S/RES/2480 (2019)", or the file name
    short: str  # "2480 (2019)"
    when: str  # "2019" when every text of the chain is of another year, else the short name
    date: str | None
    url: str | None
    wps_units: int


@dataclass(frozen=True)
class StepDetail:
    """What opens under a cell: the labels on both sides, the redline between them and the reasons."""

    key: str  # the HTML id of the panel
    before: str  # "OP 11 in 9950 (2032)"; "" when the unit is new there
    after: str  # "OP 12 in 10002 (2033)"; "" when it was dropped there
    runs: tuple  # the redline, as diffview.Row.runs gives it
    reasons: tuple[str, ...]
    note: str  # a sentence for what the redline cannot say ("back after being absent from ...")
    single: bool = True  # one unit on the new side: its text is this step's text
    same_as: str = ""  # the panel that already holds these very words (runs left empty: the page copies them)


@dataclass(frozen=True)
class Cell:
    status: Verdict
    label: str | None  # as people write it ("OP 28(c)(iii)"); a dropped cell shows what was dropped
    wps: bool
    mark: str  # the second mark: a relation's symbol, "#" for renumbered, or ""
    mark_word: str  # "moved", "renumbered", "merged into OP 3"
    mark_cls: str  # the relation's id, or "renumbered"
    title: str  # the whole step in words, for the tooltip and screen readers
    detail: StepDetail | None  # None for an absence: there is nothing to open

    @property
    def symbol(self) -> str:
        return self.status.symbol

    @property
    def words(self) -> str:
        """The verdict as the cell's panel says it: "WPS weakened", "retained", "new"."""
        if self.wps and self.status not in (Verdict.NEW, Verdict.ABSENT):
            return self.status.wps_phrase
        return self.status.label


@dataclass(frozen=True)
class LineageRow:
    key: str  # HTML id, "l1", "l2", ... in the order of the chain's lineages
    first: str  # where the lineage begins: "OP 3"
    first_column: str  # ... and in which resolution: "9901 (2031)"
    text: str  # the opening words of the unit where it first appears
    cells: tuple[Cell, ...]
    is_wps: bool
    categories: tuple[str, ...]
    changed: bool  # anything but the same words all along (renumbering alone is no change)
    story: str  # the lineage in one sentence


@dataclass(frozen=True)
class Event:
    """A kind of thing that happened to WPS language in a renewal, counted across the chain."""

    key: str
    label: str  # what a tile says
    phrase: str  # what the sentence says after "3 units"
    cls: str  # the verdict whose colour and symbol it takes
    statuses: tuple[Verdict, ...]
    meaning: str = ""  # what it counts, when the label does not say it all


EVENTS = (
    Event("gained", "gained WPS language", "gained WPS language", "new", (Verdict.NEW, Verdict.ADDED_TO),
          "new units with WPS language, and units that gained some"),
    Event("lost", "lost WPS language", "lost it", "dropped", (Verdict.DROPPED, Verdict.REMOVED_FROM),
          "units with WPS language dropped, and units kept without their WPS language"),
    Event("weakened", "weakened", "were weakened", "weakened", (Verdict.WEAKENED,)),
    Event("strengthened", "strengthened", "strengthened", "strengthened", (Verdict.STRENGTHENED,)),
    Event("mixed", "mixed", "both weakened and strengthened", "mixed", (Verdict.MIXED,)),
    Event("restored", "restored", "restored after an absence", "restored", (Verdict.RESTORED,)),
    Event("modified", "otherwise modified", "otherwise modified", "modified", (Verdict.MODIFIED,)),
    Event("rewritten", "rewritten", "rewritten", "rewritten", (Verdict.REWRITTEN,)),
)


_ALWAYS_TILED = ("gained", "lost", "weakened", "strengthened", "restored")


@dataclass(frozen=True)
class Count:
    """One event across the chain: how many, and in which renewals (column index, number)."""

    event: Event
    total: int
    where: tuple[tuple[int, int], ...]

    @property
    def symbol(self) -> str:
        return Verdict(self.event.cls).symbol


@dataclass(frozen=True)
class LegendItem:
    cls: str
    symbol: str
    label: str
    meaning: str


@dataclass(frozen=True)
class ChainView:
    columns: tuple[Column, ...]
    rows: tuple[LineageRow, ...]
    counts: tuple[Count, ...]
    per_renewal: tuple[tuple[Column, tuple[int, ...]], ...]  # each renewal's column and its counts, as ``counts``
    sentence: str
    has_wps: bool
    legend: tuple[LegendItem, ...]
    marks: tuple[LegendItem, ...]

    @property
    def wps_rows(self) -> int:
        return sum(1 for r in self.rows if r.is_wps)

    @property
    def tiles(self) -> tuple[Count, ...]:
        """The counts the first screen shows: what a monitor asks first, and the rarer ones when they happened."""
        return tuple(c for c in self.counts if c.event.key in _ALWAYS_TILED or (c.total and c.event.key != "modified"))

    def where(self, count: Count) -> tuple[str, ...]:
        """("2032: 1", "2033: 4"): in which renewals it happened, and how many times in each."""
        return tuple(f"{self.columns[k].when}: {n}" for k, n in count.where)


# ---- columns --------------------------------------------------------------------------------------

def _columns(resolutions: tuple[Resolution, ...]) -> tuple[Column, ...]:
    years = [r.year for r in resolutions]
    by_year = all(years) and len(set(years)) == len(years)  # one way of naming them all, the shortest that works
    out = []
    for k, r in enumerate(resolutions):
        name = r.symbol or r.file_name or f"text {k + 1}"
        short = f"{r.number} ({r.year})" if r.number and r.year else name
        when = str(r.year) if by_year else short
        out.append(Column(name, short, when, human_date(r.date), official_url(r.number, r.year),
                          sum(1 for p in r.paragraphs if p.is_wps)))
    return tuple(out)


def _at(label: str | None, column: Column) -> str:
    """"OP 3 (2031)", or "OP 3 of 192 (1964)" when the year does not name the resolution."""
    label = pretty_label(label) if label else "—"
    return f"{label} ({column.when})" if column.when != column.short else f"{label} of {column.short}"


def _in(label: str, column: Column) -> str:
    return f"{pretty_label(label)} in {column.short}"


# ---- what each step continues -----------------------------------------------------------------------

@dataclass(frozen=True)
class _Renewal:
    """One comparison of the chain with its diff-report rows, found by the labels they show."""

    by_new: dict
    by_old: dict
    pair_of: dict  # new label -> the old label of its first pair

    @classmethod
    def of(cls, comparison) -> "_Renewal":
        by_new, by_old, pair_of = {}, {}, {}
        for row in build_rows(comparison):
            for unit in row.news:
                by_new.setdefault(unit.label, row)
            for unit in row.olds:
                by_old.setdefault(unit.label, row)
        for pair in comparison.pairs:
            pair_of.setdefault(pair.new, pair.old)
        return cls(by_new, by_old, pair_of)


def _merged_into(renewal: _Renewal, old_label: str) -> str | None:
    """The new label a unit was merged into, when the chain ends its lineage there: the aligner paired it
    (a merge), but its merged unit continues another lineage."""
    row = renewal.by_old.get(old_label)
    if row is None or row.relation == DROPPED or len(row.olds) < 2 or not row.news:
        return None
    return row.news[0].label


def _partners(renewal: _Renewal, old_label: str, step, pair: tuple[Column, Column]) -> str:
    """", with OP 3 (2031)" for a merge, ", also into OP 6 (2032)" for a split: the group's other units."""
    row = renewal.by_new.get(step.label)
    if row is None:
        return ""
    if step.relation == Relation.MERGED:
        others = [_at(u.label, pair[0]) for u in row.olds if u.label != old_label]
        return ", with " + " and ".join(others) if others else ""
    others = [_at(u.label, pair[1]) for u in row.news if u.label != step.label]
    return ", also into " + " and ".join(others) if others else ""


def _previous(steps, k: int) -> int | None:
    return next((j for j in range(k - 1, -1, -1) if steps[j].label is not None), None)


# ---- stories ----------------------------------------------------------------------------------------

def _how(step) -> str:
    """"weakened, renumbered", "retained, moved": the verdict and, after it, where the unit went."""
    words = [step.status.label]
    if step.relation in PLACED:
        words.append(step.relation.label)
    elif step.renumbered:
        words.append(RENUMBERED[1])
    return ", ".join(words)


def story(steps, columns: tuple[Column, ...], arrow: str = "->", origins=None, merges=None, partners=None) -> str:
    """A lineage in one sentence: "PP 3 (2031) -> OP 2 (2032), strengthened (moved from the preamble
    into the operative part); weakened in 2033 ('Requests' became 'Encourages'); dropped in 2034;
    restored in 2036 as OP 40". A change in place is said with its year ("modified in 2032, 2033 and
    2034"); a new label or place with an arrow; steps that keep the words in place are left out.
    ``origins`` maps a column to the label a lineage starting there split from; ``merges`` a column to
    the label a unit was merged into where its lineage ends; ``partners`` a column to the other units of
    a split or merge there (", with OP 3 (2031)")."""
    origins, merges, partners = origins or {}, merges or {}, partners or {}
    first = next(k for k, s in enumerate(steps) if s.label is not None)
    start = steps[first]
    text = _at(start.label, columns[first])
    if first and start.status != Verdict.NEW:
        origin = origins.get(first)
        text += f", {_how(start)}" + (f" from {_at(origin, columns[first - 1])}" if origin else "")
        text += _why(start)
    elif first:
        text += ", new"
    run: list[int] = []  # the columns of changes in place with one verdict and no reasons, said together
    changed = first > 0

    def said() -> str:
        if not run:
            return ""
        out = f"; {steps[run[0]].status.label} in {_listed([columns[k].when for k in run])}"
        run.clear()
        return out

    for k in range(first + 1, len(steps)):
        step, before = steps[k], steps[k - 1]
        if step.status == Verdict.ABSENT:
            continue
        changed = changed or not (step.status == Verdict.RETAINED and step.relation in (None, Relation.IDENTICAL))
        in_place = step.label is not None and step.label == before.label and not step.renumbered \
            and step.relation in (None, Relation.IDENTICAL, Relation.MODIFIED)
        if in_place and step.status == Verdict.RETAINED:
            continue
        if in_place and not step.reasons and run and steps[run[0]].status == step.status:
            run.append(k)
            continue
        text += said()
        if step.status == Verdict.DROPPED:
            into = merges.get(k)
            text += f"; merged into {_at(into, columns[k])}" if into else f"; dropped in {columns[k].when}"
        elif step.status == Verdict.RESTORED:
            text += f"; restored in {columns[k].when} as {pretty_label(step.label)}"
        elif in_place and not step.reasons:
            run.append(k)
        elif in_place:
            text += f"; {step.status.label} in {columns[k].when}{partners.get(k, '')}{_why(step)}"
        else:
            text += f" {arrow} {_at(step.label, columns[k])}, {_how(step)}{partners.get(k, '')}{_why(step)}"
    text += said()
    if not changed and first < len(steps) - 1:
        text += f", the same words through {columns[-1].when}"
    return text


def _listed(words: list[str]) -> str:
    """"2032, 2033 and 2034"."""
    return ", ".join(words[:-1]) + (" and " if len(words) > 1 else "") + words[-1]


def _why(step) -> str:
    return f" ({'; '.join(step.reasons)})" if step.reasons else ""


# ---- cells ------------------------------------------------------------------------------------------

def _mark(step, merged_into: str | None) -> tuple[str, str, str]:
    """The second mark of a cell (symbol, words, class): where the unit went, beside its verdict."""
    if merged_into:
        return Relation.MERGED.symbol, f"merged into {pretty_label(merged_into)}", Relation.MERGED.id
    if step.relation in PLACED:
        return step.relation.symbol, step.relation.label, step.relation.id
    if step.renumbered:
        return RENUMBERED[0], RENUMBERED[1], "renumbered"
    return "", "", ""


def _plain_runs(unit) -> tuple:
    """A unit's own text with its WPS words marked, as a redline without edits."""
    pieces = pieces_for((unit,), (unit,), (Edit("=", unit.text),))
    return Row("", (unit,), (unit,), "identical", None, None, pieces).runs


def _detail(key: str, k: int, steps, resolutions, columns, renewal: _Renewal | None) -> StepDetail | None:
    step = steps[k]
    if step.status == Verdict.ABSENT:
        return None
    if k == 0:
        unit = resolutions[0].get(step.label)
        return StepDetail(key, "", _in(step.label, columns[0]), _plain_runs(unit), (),
                          f"As it stands in {columns[0].name}, the first text of the chain.")
    if step.status == Verdict.DROPPED:
        before = steps[k - 1].label
        row = renewal.by_old.get(before)
        into = _merged_into(renewal, before)
        note = (f"Not a unit of its own in {columns[k].name}: merged into {pretty_label(into)}, which continues another row."
                if into else f"Nothing in {columns[k].name} takes its place.")
        after = " + ".join(_in(u.label, columns[k]) for u in row.news) if into else ""
        return StepDetail(key, _in(before, columns[k - 1]), after, row.runs, row.reasons, note, single=False)
    if step.status == Verdict.RESTORED:
        back = _previous(steps, k)
        old_unit = resolutions[back].get(steps[back].label)
        new_unit = resolutions[k].get(step.label)
        pieces = pieces_for((old_unit,), (new_unit,))
        runs = Row("", (old_unit,), (new_unit,), "restored", None, None, pieces).runs
        gone = ", ".join(columns[j].name for j in range(back + 1, k))
        return StepDetail(key, _in(steps[back].label, columns[back]), _in(step.label, columns[k]), runs, (),
                          f"Back after being absent from {gone}; compared with its last appearance.")
    row = renewal.by_new.get(step.label)
    if row is None:  # not a row of the diff report: say what there is
        return StepDetail(key, "", _in(step.label, columns[k]), _plain_runs(resolutions[k].get(step.label)),
                          step.reasons, "")
    before = " + ".join(_in(u.label, columns[k - 1]) for u in row.olds)
    after = " + ".join(_in(u.label, columns[k]) for u in row.news)
    note = f"New in {columns[k].name}." if row.relation == ADDED else ""
    return StepDetail(key, before, after, row.runs, step.reasons or row.reasons, note, single=len(row.news) == 1)


def _shared(detail: StepDetail | None, previous: StepDetail | None) -> StepDetail | None:
    """A step that keeps the very words of the step before points to that step's panel instead of
    repeating them: most cells of a long chain keep their words, and the page would carry each text
    once per renewal. The page copies the words in when the cell is opened."""
    if detail is None or previous is None or not (detail.single and previous.single):
        return detail
    if any(op != "=" for op, _pieces in detail.runs):
        return detail
    return replace(detail, runs=(), same_as=previous.same_as or previous.key)


def _title(cell: Cell, step, label: str | None, column: Column) -> str:
    """"OP 12 in 10002 (2033): WPS weakened, renumbered (WPS language)": the whole step in words."""
    words, mark_word = cell.words, cell.mark_word
    if mark_word:
        words += f", {mark_word}"
    where = f"{pretty_label(label)} in {column.short}" if step.label else (
        f"{pretty_label(label)} of the text before, in {column.short}" if label else column.short)
    return f"{where}: {words}" + (" (WPS language)" if step.wps and not words.startswith("WPS") else "")


# ---- headline numbers -------------------------------------------------------------------------------

def _counts(lineages, size: int, merged) -> tuple[tuple[Count, ...], tuple[tuple[int, ...], ...]]:
    """What happened to WPS language in each renewal. A step counts when the unit has WPS language on
    either side of it; a unit merged into another (``merged``: (lineage, column)) lost nothing."""
    per = [[0] * len(EVENTS) for _ in range(size)]
    for n, lineage in enumerate(lineages):
        steps = lineage.steps
        for k in range(1, size):
            step, before = steps[k], steps[k - 1]
            if not (step.wps or before.wps) or (n, k) in merged:
                continue
            for e, event in enumerate(EVENTS):
                if step.status in event.statuses:
                    per[k][e] += 1
    counts = tuple(Count(event, sum(per[k][e] for k in range(size)),
                         tuple((k, per[k][e]) for k in range(1, size) if per[k][e]))
                   for e, event in enumerate(EVENTS))
    return counts, tuple(tuple(row) for row in per)


def _sentence(columns: tuple[Column, ...], rows, counts: tuple[Count, ...], has_wps: bool) -> str:
    first, last = columns[0], columns[-1]
    if not has_wps:
        changed = sum(1 for r in rows if r.changed)
        return (f"None of the {len(columns)} resolutions, from {first.name} to {last.name}, has WPS language; "
                f"the table follows every unit of their text: {plural(len(rows), 'lineage')}, "
                f"{changed} of them with a change along the way.")
    head = (f"{first.name} had {plural(first.wps_units, 'unit')} with WPS language; "
            f"{last.name} has {last.wps_units}.")
    bits = []
    for count in counts:
        if count.total:
            when = ", ".join(columns[k].when for k, _n in count.where)
            bits.append(f"{count.total} {count.event.phrase} ({when})")
    if not bits:
        return head + f" No WPS language changed in {_renewals(columns)}."
    number, rest = bits[0].split(" ", 1)
    bits[0] = f"{plural(int(number), 'unit')} {rest}"
    listed = _listed(bits)
    return head + f" {'In' if len(columns) == 2 else 'Across'} {_renewals(columns)}, {listed}."


def _renewals(columns) -> str:
    return "the renewal" if len(columns) == 2 else f"the {len(columns) - 1} renewals"


def _legend() -> tuple[tuple[LegendItem, ...], tuple[LegendItem, ...]]:
    verdicts = tuple(LegendItem(v.id, v.symbol, v.label, v.meaning) for v in Verdict)
    marks = tuple(LegendItem(r.id, r.symbol, r.label, r.meaning) for r in PLACED)
    marks += (LegendItem("renumbered", *RENUMBERED),)
    return verdicts, marks


# ---- the whole view ---------------------------------------------------------------------------------

def _opening(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + " …"


def build_chain_view(chain, details: bool = True, arrow: str = "→") -> ChainView:
    """The chain as rows of cells, with each lineage's story; ``details`` adds each step's redline (the
    HTML page opens them; the text outputs need only the stories, told with ``arrow``)."""
    resolutions = tuple(chain.resolutions)
    columns = _columns(resolutions)
    renewals = (None,) + tuple(_Renewal.of(c) for c in chain.comparisons)
    rows = []
    merged: set[tuple[int, int]] = set()
    for n, lineage in enumerate(chain.lineages):
        key = f"l{n + 1}"
        steps = tuple(lineage.steps)
        first = lineage.first
        origins, merges, partners, cells, categories = {}, {}, {}, [], []
        previous = None  # the panel of the step before
        if first and steps[first].status != Verdict.NEW:
            origins[first] = renewals[first].pair_of.get(steps[first].label)
        for k, step in enumerate(steps):
            unit = resolutions[k].get(step.label) if step.label else None
            for c in unit.categories if unit else ():
                if c not in categories:
                    categories.append(c)
            into = _merged_into(renewals[k], steps[k - 1].label) if step.status == Verdict.DROPPED else None
            if into:
                merges[k] = into
                merged.add((n, k))
            if k > first and step.relation in (Relation.SPLIT, Relation.MERGED):
                partners[k] = _partners(renewals[k], steps[k - 1].label, step, columns[k - 1:k + 1])
            label = step.label or (steps[k - 1].label if step.status == Verdict.DROPPED else None)
            mark, mark_word, mark_cls = _mark(step, into)
            detail = _detail(f"{key}-{k + 1}", k, steps, resolutions, columns, renewals[k]) if details else None
            detail, previous = _shared(detail, previous if k > first else None), detail
            cell = Cell(step.status, pretty_label(label) if label else None, step.wps, mark, mark_word, mark_cls, "", detail)
            cells.append(replace(cell, title=_title(cell, step, label, columns[k])))
        unit = resolutions[first].get(steps[first].label)
        changed = first > 0 or any(
            s.status not in (Verdict.RETAINED, Verdict.ABSENT) or s.relation not in (None, Relation.IDENTICAL)
            for s in steps[first + 1:])
        rows.append(LineageRow(
            key=key,
            first=pretty_label(steps[first].label),
            first_column=columns[first].short,
            text=_opening(unit.text) if unit else "",
            cells=tuple(cells),
            is_wps=lineage.is_wps,
            categories=tuple(categories),
            changed=changed,
            story=story(steps, columns, arrow, origins, merges, partners),
        ))
    counts, per = _counts(chain.lineages, len(columns), merged)
    has_wps = any(c.wps_units for c in columns) or any(r.is_wps for r in rows)
    verdicts, marks = _legend()
    return ChainView(
        columns=columns,
        rows=tuple(rows),
        counts=counts,
        per_renewal=tuple((columns[k], per[k]) for k in range(1, len(columns))),
        sentence=_sentence(columns, rows, counts, has_wps),
        has_wps=has_wps,
        legend=verdicts,
        marks=marks,
    )



def render_chain_html(chain) -> str:
    """The chain page: the headline numbers, then one row per lineage whose cells open their redlines."""
    from .templating import render

    return render("chain.html.j2", view=build_chain_view(chain), warnings=chain.warnings)
