"""The Markdown and CSV renderings of a comparison: complete, escaped, deterministic.

Expectations come from the real ``compare()`` output of the fictional example pair, never typed in.
"""

from __future__ import annotations

import csv
import io

import pytest

from conftest import EXAMPLES
from mandiff.compare import compare
from mandiff.pipeline import parse_path, parse_text
from mandiff.render.csvout import COLUMNS, render_diff_csv
from mandiff.render.markdown import escape, render_diff_markdown
from mandiff.grammar.labels import pretty_label

OLD = EXAMPLES / "S-RES-9901-2031-fictional.txt"
NEW = EXAMPLES / "S-RES-9950-2032-fictional.txt"


@pytest.fixture(scope="module")
def comparison():
    return compare(parse_path(str(OLD)), parse_path(str(NEW)))


def _records(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


# ---- CSV ------------------------------------------------------------------------------------------

def test_csv_has_one_row_per_pair_dropped_and_added_unit(comparison):
    text = render_diff_csv(comparison)
    assert text.splitlines()[0] == ",".join(COLUMNS)
    records = _records(text)
    assert len(records) == len(comparison.pairs) + len(comparison.dropped) + len(comparison.added)
    pairs = {(r["old"], r["new"]): r for r in records if r["old"] and r["new"]}
    for p in comparison.pairs:
        row = pairs[(p.old, p.new)]
        assert row["relation"] == p.relation
        assert row["wps"] == (p.wps or "")
        assert float(row["similarity"]) == pytest.approx(p.similarity, abs=5e-4)
        assert row["reasons"] == "; ".join(p.reasons)
        assert row["old_text"] == comparison.old.get(p.old).text
        assert row["new_text"] == comparison.new.get(p.new).text
        cats = set(comparison.old.get(p.old).categories) | set(comparison.new.get(p.new).categories)
        assert set(filter(None, row["categories"].split(";"))) == cats
    dropped = {r["old"]: r for r in records if r["relation"] == "dropped"}
    assert set(dropped) == {d.old for d in comparison.dropped}
    for d in comparison.dropped:
        assert dropped[d.old]["new"] == "" and dropped[d.old]["wps"] == ("dropped" if d.wps else "")
    added = {r["new"]: r for r in records if r["relation"] == "added"}
    assert set(added) == {a.new for a in comparison.added}
    for a in comparison.added:
        assert added[a.new]["old"] == "" and added[a.new]["wps"] == ("new" if a.wps else "")


def test_csv_rows_follow_the_new_text(comparison):
    order = {label: i for i, label in enumerate(comparison.new.labels)}
    positions = [order[r["new"]] for r in _records(render_diff_csv(comparison)) if r["new"]]
    assert positions == sorted(positions)


def test_csv_cells_never_start_a_spreadsheet_formula():
    text = """The Security Council,

Recalling its resolution 1325 (2000),

1. Decides to remain seized of the matter;
"""
    hostile = text.replace("Recalling its", '=HYPERLINK("http://example.invalid","x") Recalling its')
    comparison = compare(parse_text(text, "old.txt"), parse_text(hostile, "new.txt"))
    records = _records(render_diff_csv(comparison))
    new_texts = [r["new_text"] for r in records if r["new_text"]]
    assert any("HYPERLINK" in t for t in new_texts)
    for record in records:
        for value in record.values():
            assert not value.startswith(("=", "+", "-", "@")), value
    assert any(t.startswith("'=HYPERLINK") for t in new_texts)


def test_csv_is_deterministic(comparison):
    again = compare(parse_path(str(OLD)), parse_path(str(NEW)))
    assert render_diff_csv(comparison) == render_diff_csv(again)


# ---- Markdown -------------------------------------------------------------------------------------

def test_markdown_heads_with_both_symbols_and_the_wps_numbers(comparison):
    md = render_diff_markdown(comparison)
    first = md.splitlines()[0]
    assert first == f"# {escape(comparison.old.symbol)} → {escape(comparison.new.symbol)}"
    for res in (comparison.old, comparison.new):
        assert f"(<https://undocs.org/S/RES/{res.number}({res.year})>)" in md
    lines = md.splitlines()
    header = next(i for i, l in enumerate(lines) if l.startswith("| WPS units in"))
    names = [c.strip() for c in lines[header].strip("|").split("|")]
    values = [int(c) for c in lines[header + 2].strip("|").split("|")]
    wps = comparison.summary.to_json()["wps"]
    shown = dict(zip(names, values))
    assert shown[f"WPS units in {escape(comparison.old.symbol)}"] == wps["old_units"]
    assert shown["weakened"] == wps["weakened"] and shown["dropped"] == wps["dropped"]
    assert shown["retained word for word"] == wps["retained"]


def test_markdown_lists_every_wps_change_with_its_labels(comparison):
    md = render_diff_markdown(comparison)
    table = md.split("### Every change to WPS language", 1)[1].split("\n\n", 2)[1]
    rows = [l for l in table.splitlines() if l.startswith("| ") and not l.startswith("| Unit")]
    changes = [p for p in comparison.pairs if p.wps and (p.wps != "retained" or p.relation != "identical")]
    for p in changes:
        assert any(pretty_label(p.old) in r.split("|")[1] and pretty_label(p.new) in r.split("|")[1] for r in rows), p
    for d in comparison.dropped:
        if d.wps:
            assert any(r.split("|")[1].strip() == f"{pretty_label(d.old)} → —" for r in rows)


def test_markdown_redline_strikes_deletions_and_bolds_insertions(comparison):
    md = render_diff_markdown(comparison)
    pair = next(p for p in comparison.pairs if p.wps == "weakened")
    deleted = next(e.text for e in pair.edits if e.op == "-")
    inserted = next(e.text for e in pair.edits if e.op == "+")
    assert f"~~{escape(deleted.strip())}~~" in md
    assert f"**{escape(inserted.strip())}**" in md


def test_markdown_escapes_document_text():
    text = """The Security Council,

Recalling its resolution 1325 (2000) & <b>women</b> *and* [girls](http://example.invalid) | _all_,

1. Decides that <script>alert(1)</script> shall ~~never~~ run;
"""
    other = text.replace("Decides that", "Requests that")
    md = render_diff_markdown(compare(parse_text(text, "a.txt"), parse_text(other, "b.txt")))
    assert "<script>" not in md and "<b>" not in md
    assert r"\<script\>alert(1)\</script\>" in md
    assert r"\[girls\](http://example.invalid)" in md
    assert r"\*and\*" in md and r"\|" in md and r"\_all\_" in md and r"\&" in md
    assert r"\~\~never\~\~" in md


def test_markdown_is_deterministic(comparison):
    again = compare(parse_path(str(OLD)), parse_path(str(NEW)))
    assert render_diff_markdown(comparison) == render_diff_markdown(again)
