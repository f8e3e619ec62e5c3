"""The HTML report of a comparison: one self-contained file, nothing fetched (the chain page is chainview's).

Python lays the data out (rows, scorecard); the jinja2 templates in ``templates/`` turn
it into markup with autoescape on, so document text is always escaped. The output is deterministic: the
same input gives byte-identical HTML (no clock, no random ids; every id comes from a unit's label).
"""

from typing import NamedTuple

from ..model import Comparison, Summary, WpsScore
from ..vocabulary import Relation, Verdict
from .diffview import DiffView, build_view
from .templating import render
from .view import Tile, plural


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


class Scorecard(NamedTuple):
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


def render_diff_html(comparison: Comparison) -> str:
    """The report of ``mandiff diff``: scorecard and WPS changes first, then the whole text as a redline."""
    view = build_view(comparison)
    return render(
        "report.html.j2",
        view=view,
        card=scorecard(view, comparison.summary),
        relations_line=_relations_line(comparison.summary),
        warnings=comparison.warnings,
    )
