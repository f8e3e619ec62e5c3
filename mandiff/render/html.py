"""The HTML report of a comparison and the chain page: one self-contained file each, nothing fetched.

Python lays the data out (rows, scorecard, chart coordinates); the jinja2 templates in ``templates/`` turn
it into markup with autoescape on, so document text is always escaped. The output is deterministic: the
same input gives byte-identical HTML (no clock, no random ids; every id comes from a unit's label).
"""

from __future__ import annotations

from dataclasses import dataclass

from .._version import __version__
from ..grammar.dates import human_date
from ..model import Comparison, Summary, WpsScore
from ..vocabulary import Relation, Verdict
from .diffview import DiffView, build_view
from .templating import render
from .view import Tile, official_url, plural


# (key of the JSON summary's "wps", what a reader reads, the verdict whose symbol and colour it takes)
_FATE_OF_OLD = (
    ("retained", "retained word for word", "retained"),
    ("modified", "modified", "modified"),
    ("weakened", "weakened", "weakened"),
    ("strengthened", "strengthened", "strengthened"),
    ("mixed", "mixed (weakened and strengthened)", "mixed"),
    ("removed-from", "kept without their WPS language", "removed-from"),
    ("rewritten", "rewritten (a new paragraph on the subject)", "rewritten"),
    ("dropped", "dropped", "dropped"),
)
_WHAT_IS_NEW = (
    ("new", "new WPS units", "new"),
    ("gained", "units that gained WPS language", "added-to"),
)


def _tiles(wps: WpsScore, spec) -> tuple[Tile, ...]:
    return tuple(Tile("wps." + key, wps.count(key), label, Verdict(cls).symbol, cls) for key, label, cls in spec)


@dataclass(frozen=True)
class Scorecard:
    old_units: Tile
    new_units: Tile
    fate: tuple[Tile, ...]
    placed: tuple[Tile, ...]  # moved to another place in the order, renumbered in place
    new: tuple[Tile, ...]
    sentence: str

    @property
    def empty(self) -> bool:
        """Neither text has WPS language: a row of zeros would only push the text below the fold."""
        return self.old_units.value == 0 and self.new_units.value == 0


def _sentence(view: DiffView, wps: WpsScore) -> str:
    """One plain sentence with the headline numbers, for the first thing a reader reads."""
    total = wps.old_units
    if total == 0 and wps.new_units == 0:
        return f"Neither {view.old.name} nor {view.new.name} has WPS language; the full text below shows every other change."
    if total == 0:
        head = f"{view.old.name} had no WPS language."
    else:
        parts = [f"{wps.count(key)} {words}" for key, words, _cls in _FATE_OF_OLD if wps.count(key)]
        listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + (parts[-1] if parts else "")
        placed = [f"{n} {words}" for n, words in ((wps.moved, "moved to another place"), (wps.renumbered, "renumbered"))
                  if n]
        moved_note = f" ({' and '.join(placed)} of them)" if placed else ""
        head = f"The WPS language of {view.old.name} in {plural(total, 'unit')}: {listed or 'none matched'}{moved_note}."
    extra = [f"{wps.count(k)} {words}" for k, words in (("new", "new"), ("gained", "that gained WPS language")) if wps.count(k)]
    tail = f" {view.new.name} has {plural(wps.new_units, 'unit')} with WPS language" + \
        (f", of which {' and '.join(extra)}." if extra else ".")
    return head + tail


def scorecard(view: DiffView, summary: Summary) -> Scorecard:
    wps = summary.wps
    return Scorecard(
        Tile("wps.old_units", wps.old_units, "units with WPS language"),
        Tile("wps.new_units", wps.new_units, "units with WPS language"),
        _tiles(wps, _FATE_OF_OLD),
        (Tile("wps.moved", wps.moved, "of them moved to another place in the order", Relation.MOVED.symbol, "moved"),
         Tile("wps.renumbered", wps.renumbered, "of them renumbered in place", "#", "renumbered")),
        _tiles(wps, _WHAT_IS_NEW),
        _sentence(view, wps),
    )


def _relations_line(summary: Summary) -> str:
    """'27 units in old, 28 in new: 14 unchanged, 6 modified, ...' for the head of the full text."""
    bits = [f"{n} {r.label}" for r, n in summary.relations if n]
    bits += [f"{n} {words}" for n, words in ((summary.dropped, "dropped"), (summary.added, "added")) if n]
    head = f"{summary.old_units} units in the old text, {summary.new_units} in the new"
    return head + (": " + ", ".join(bits) if bits else "") + "."


def _common_context() -> dict:
    return {"version": __version__}


def render_diff_html(comparison: Comparison) -> str:
    """The report of ``mandiff diff``: scorecard and WPS changes first, then the whole text as a redline."""
    view = build_view(comparison)
    return render(
        "report.html.j2",
        view=view,
        card=scorecard(view, comparison.summary),
        relations_line=_relations_line(comparison.summary),
        **_common_context(),
    )


# ---- chain page -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    name: str  # "S/RES/2480 (2019)"
    short: str  # "2480 (2019)"
    date: str | None
    url: str | None
    wps_units: int
    number_label: str  # "2480", or the name when there is no symbol
    year_label: str  # "2019", or ""


@dataclass(frozen=True)
class Cell:
    label: str | None
    status: str  # "new", "same", "changed", "restored", "absent"
    detail: str  # the lineage step's own status word (modified, moved, ...)
    wps: bool


@dataclass(frozen=True)
class MatrixRow:
    key: str
    first: str  # the label where the lineage begins, with its column
    text: str  # the opening words of the unit where it first appears
    cells: tuple[Cell, ...]
    is_wps: bool
    categories: tuple[str, ...]
    changed: bool


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str
    year: str
    label_x: float
    title: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    baseline: float
    ticks: tuple[tuple[float, int], ...]  # (y, value)
    left: int


def _cell(step) -> Cell:
    if step.label is None:
        status = "absent"
    elif step.status in (Verdict.NEW, Verdict.RESTORED):
        status = str(step.status)
    elif step.status == Verdict.RETAINED and step.relation in (None, Relation.IDENTICAL):
        status = "same"
    else:
        status = "changed"
    detail = step.status.label if step.relation in (None, Relation.IDENTICAL) else f"{step.relation.label}, {step.status.label}"
    return Cell(step.label, status, detail, bool(step.wps))


def _opening(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + " …"


def _chart(columns: tuple[Column, ...]) -> Chart:
    """Bars of WPS units per resolution, coordinates computed here so the page needs no script for them."""
    left, top, bar_area, bottom = 36, 16, 150, 40
    count = max(1, len(columns))
    slot = min(90.0, max(22.0, 640 / count))
    width = int(left + slot * count + 8)
    height = top + bar_area + bottom
    peak = max([c.wps_units for c in columns] + [1])
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 10**9) if peak / s <= 5)
    top_value = ((peak + step - 1) // step) * step
    scale = bar_area / top_value
    baseline = top + bar_area
    bars = []
    for k, col in enumerate(columns):
        h = col.wps_units * scale
        bars.append(Bar(
            x=round(left + k * slot + slot * 0.2, 1),
            y=round(baseline - h, 1),
            width=round(slot * 0.6, 1),
            height=round(h, 1),
            value=col.wps_units,
            label=col.number_label,
            year=col.year_label,
            label_x=round(left + k * slot + slot / 2, 1),
            title=f"{col.name}: {plural(col.wps_units, 'WPS unit')}",
        ))
    ticks = tuple((round(baseline - v * scale, 1), v) for v in range(0, top_value + 1, step))
    return Chart(width, height, tuple(bars), baseline, ticks, left)


def _column(resolution, k: int) -> Column:
    name = resolution.symbol or (resolution.source or f"text {k + 1}").replace("\\", "/").rsplit("/", 1)[-1]
    short = f"{resolution.number} ({resolution.year})" if resolution.number and resolution.year else name
    return Column(name, short, human_date(resolution.date), official_url(resolution.number, resolution.year),
                  sum(1 for p in resolution.paragraphs if p.is_wps),
                  str(resolution.number) if resolution.number else name[:12],
                  str(resolution.year) if resolution.year else "")


def render_chain_html(chain) -> str:
    """The chain page: one row per lineage, one column per resolution, and WPS units over time."""
    resolutions = tuple(chain.resolutions)
    columns = tuple(_column(r, k) for k, r in enumerate(resolutions))
    rows = []
    for n, lineage in enumerate(chain.lineages):
        steps = tuple(lineage.steps)
        first = next(k for k, s in enumerate(steps) if s.label is not None)
        unit = resolutions[first].get(steps[first].label)
        categories: list[str] = []
        for k, step in enumerate(steps):
            found = resolutions[k].get(step.label) if step.label else None
            for c in found.categories if found else ():
                if c not in categories:
                    categories.append(c)
        cells = tuple(_cell(s) for s in steps)
        rows.append(MatrixRow(
            key=f"l{n + 1}",
            first=steps[first].label,
            text=_opening(unit.text) if unit else "",
            cells=cells,
            is_wps=any(s.wps for s in steps),
            categories=tuple(categories),
            changed=any(c.status in ("changed", "absent") for c in cells[first:]) or first > 0,
        ))
    steps_summary = []
    for k, comparison in enumerate(chain.comparisons):
        steps_summary.append((columns[k], columns[k + 1], comparison.summary.wps.to_json()))
    return render(
        "chain.html.j2",
        columns=columns,
        rows=tuple(rows),
        chart=_chart(columns),
        steps=tuple(steps_summary),
        wps_rows=sum(1 for r in rows if r.is_wps),
        **_common_context(),
    )
