"""The comparison as CSV: one row per pair, dropped unit and added unit, for a spreadsheet.

Columns: old, new, relation, wps, similarity, categories, reasons, old_text, new_text. ``relation`` is
the pair's relation, or "dropped" / "added"; ``wps`` is the WPS class, "dropped" or "new" for a dropped or
added unit with WPS language, empty when the unit has none. Rows follow the order of the new text, as in
the report. A cell that a spreadsheet would run as a formula (starting with = + - @) is prefixed with an
apostrophe: resolution text is never to be executed.
"""

from __future__ import annotations

import csv
import io

from ..model import Comparison
from .diffview import build_view

COLUMNS = ("old", "new", "relation", "wps", "similarity", "categories", "reasons", "old_text", "new_text")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _categories(*units) -> str:
    seen: list[str] = []
    for unit in units:
        for c in unit.categories if unit is not None else ():
            if c not in seen:
                seen.append(c)
    return ";".join(seen)


def csv_rows(comparison: Comparison) -> list[tuple[str, ...]]:
    """The table as tuples of strings, header first."""
    old, new = comparison.old, comparison.new
    out: list[tuple[str, ...]] = [COLUMNS]
    for row in build_view(comparison).rows:
        if row.pairs:
            for pair in row.pairs:
                o, n = old.get(pair.old), new.get(pair.new)
                out.append((pair.old, pair.new, pair.relation, pair.wps or "", f"{pair.similarity:.3f}",
                            _categories(o, n), "; ".join(pair.reasons), o.text if o else "", n.text if n else ""))
        elif row.new is None:
            o = row.old
            out.append((o.label, "", "dropped", row.wps or "", "", _categories(o), "", o.text, ""))
        else:
            n = row.new
            out.append(("", n.label, "added", row.wps or "", "", _categories(n), "", "", n.text))
    return out


def render_diff_csv(comparison: Comparison) -> str:
    """RFC 4180 CSV (CRLF line ends, quotes where needed), UTF-8 text without a byte-order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in csv_rows(comparison):
        writer.writerow([_safe(cell) for cell in row])
    return buffer.getvalue()
