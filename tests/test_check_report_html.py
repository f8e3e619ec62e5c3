"""The check page (``mandiff check --format html``), checked the way a colleague meets it: in headless
Chromium, through the DOM.

The inputs are real: the seed note is the checklist, the S/RES/2480 fixture is OLD, and NEW is either the
fixture itself (every ask retained) or the edited copy of tests/test_check.py (OP 46 dropped, OP 5
weakened, OP 53 renumbered to OP 50, OP 9 reworded). Every expectation is derived from ``check()`` and
its JSON, never typed in by hand. Screenshots go to tests/_artifacts/ (git-ignored).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from browser import assert_a_link_lifts_the_filter, open_file
from conftest import FIXTURE_2480, SEED_NOTE
from mandiff.checklist import check, read_checklist
from mandiff.cli import main
from mandiff.pipeline import parse_path, parse_text
from mandiff.registry import find
from mandiff.render.checktext import explain
from mandiff.render.outputs import render
from mandiff.grammar.dates import human_date
from mandiff.grammar.labels import pretty_label
from mandiff.vocabulary import Verdict
from test_check import _edited_fixture


def render_check(result, fmt):
    return render("check", result, fmt)


def _require_inputs() -> None:
    for path, what in ((SEED_NOTE, "the seed note"), (FIXTURE_2480, "the S/RES/2480 fixture")):
        if not path.exists():
            pytest.skip(f"{what} is not at {path} (it lives in ../shared beside the project)")


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> Path:
    _require_inputs()
    return _edited_fixture(FIXTURE_2480, tmp_path_factory.mktemp("edited"))


@pytest.fixture(scope="module")
def result(edited):
    """The seed note against the edited copy, with the fixture as OLD (so the header names both)."""
    return check(read_checklist(str(SEED_NOTE)), parse_path(str(edited)), old=parse_path(str(FIXTURE_2480)))


@pytest.fixture(scope="module")
def all_retained():
    """The seed note against the fixture itself, without OLD."""
    _require_inputs()
    return check(read_checklist(str(SEED_NOTE)), parse_path(str(FIXTURE_2480)))


def _write(tmp_path_factory, name: str, check_result) -> Path:
    path = tmp_path_factory.mktemp("check") / name
    path.write_text(render_check(check_result, "html"), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def report(result, tmp_path_factory) -> Path:
    return _write(tmp_path_factory, "check.html", result)


@pytest.fixture(scope="module")
def report_all_retained(all_retained, tmp_path_factory) -> Path:
    return _write(tmp_path_factory, "check-all-retained.html", all_retained)



def _rows(page) -> list[dict]:
    return page.page.eval_on_selector_all(
        "table.asks tbody tr",
        """rs => rs.map(r => ({href: r.querySelector('td.lab a').getAttribute('href'),
                              ref: r.querySelector('td.lab a').textContent,
                              status: r.dataset.status, badge: r.querySelector('td.stat').textContent,
                              now: r.querySelector('td.now').textContent, why: r.querySelector('td.why').textContent,
                              visible: r.getClientRects().length > 0}))""",
    )


def _sections(page) -> list[dict]:
    return page.page.eval_on_selector_all(
        "#asks .ask",
        """els => els.map(e => ({id: e.id, status: e.dataset.status, label: e.querySelector('.lab').textContent,
                                text: e.querySelector('.txt').textContent,
                                dels: Array.from(e.querySelectorAll('.txt del')).map(d => d.textContent),
                                inss: Array.from(e.querySelectorAll('.txt ins')).map(d => d.textContent),
                                visible: e.getClientRects().length > 0}))""",
    )


def _merged(edits, op: str) -> list[str]:
    """The texts of ``op`` as the page shows them: consecutive edits of one op are one run."""
    runs: list[list] = []
    for e in edits:
        if not e.text:
            continue
        if runs and runs[-1][0] == e.op:
            runs[-1][1] += e.text
        else:
            runs.append([e.op, e.text])
    return [text for o, text in runs if o == op]


# ---- first screen ---------------------------------------------------------------------------------

@pytest.mark.parametrize("which", ["report", "report_all_retained"])
def test_tiles_equal_the_json_summary(chromium, request, which):
    check_result = request.getfixturevalue("result" if which == "report" else "all_retained")
    summary = json.loads(render_check(check_result, "json"))["summary"]
    visit = open_file(chromium, request.getfixturevalue(which))
    try:
        shown = visit.page.eval_on_selector_all(
            "#scorecard [data-key]", "els => els.map(e => [e.dataset.key, e.querySelector('.n').textContent])")
        keys = [k for k, _ in shown]
        assert keys[:9] == ["total", "retained", "modified", "weakened", "strengthened", "mixed", "removed-from",
                            "rewritten", "dropped"]
        assert keys[9:] == (["renumbered"] if summary["renumbered"] else [])
        for key, text in shown:
            assert int(text) == summary[key], key
        # each status tile carries a symbol besides its colour
        symbols = visit.page.eval_on_selector_all("#scorecard .tile .sym", "els => els.map(e => e.textContent)")
        assert len(symbols) == 8 and all(symbols) and len(set(symbols)) == 8
        sentence = visit.page.inner_text(".lede")
        assert sentence.startswith(f"{summary['retained']} of {summary['total']} retained")
    finally:
        visit.page.context.close()


def test_header_names_the_checklist_and_both_resolutions_with_links_and_dates(page, result, report_all_retained, chromium):
    assert page.page.inner_text("h1") == "Recommendations checked"
    assert SEED_NOTE.name in page.page.inner_text(".doc[data-role=checklist]")
    entry = find(result.summary["new"])
    assert entry is not None and entry.verified
    for role in ("old", "new"):
        block = page.page.locator(f".doc[data-role={role}]")
        text = block.inner_text()
        assert result.summary[role] in text
        assert human_date(entry.date) in text
        assert block.locator("a.official").get_attribute("href") == f"https://undocs.org/S/RES/{entry.number}({entry.year})"
    visit = open_file(chromium, report_all_retained)
    try:
        assert visit.page.locator(".doc[data-role=old]").count() == 0  # no OLD given: none named
        assert visit.page.locator(".doc[data-role=new] a.official").count() == 1
    finally:
        visit.page.context.close()


def test_first_screen_screenshot_and_what_it_shows(page):
    page.screenshot("check-first-screen.png")
    page.screenshot("check-full.png", full_page=True)
    first = page.page.evaluate("""() => {
        const inView = s => { const e = document.querySelector(s); const r = e.getBoundingClientRect();
                              return r.top >= 0 && r.bottom <= window.innerHeight; };
        return {h1: inView('h1'), scorecard: inView('#scorecard'), filter: inView('#f-problems'),
                table: inView('table.asks thead')};
    }""")
    assert first == {"h1": True, "scorecard": True, "filter": True, "table": True}


# ---- the table and the sections ---------------------------------------------------------------

def test_one_row_per_ask_with_its_status_and_new_label(page, result):
    items = json.loads(render_check(result, "json"))["items"]
    rows = _rows(page)
    assert len(rows) == len(items) == 15
    for row, item, r in zip(rows, items, result.items):
        assert row["ref"] == pretty_label(item["reference"])
        assert row["status"] == item["status"] and row["badge"].split(maxsplit=1)[1] == Verdict(item["status"]).label
        assert row["now"] == (pretty_label(item["new"]) if item["new"] else "—")
        assert row["why"] == explain(r)
    got = {row["ref"]: (row["status"], row["now"]) for row in rows}
    assert got["OP 46"] == ("dropped", "—")
    assert got["OP 5"] == ("weakened", "OP 5")
    assert got["OP 53"] == ("retained", "OP 50")
    assert got["OP 9"] == ("modified", "OP 9")


def test_every_ask_has_its_section_with_its_text_or_redline(page, result):
    sections = _sections(page)
    assert len(sections) == len(result.items)
    assert len({s["id"] for s in sections}) == len(sections)
    for s, r in zip(sections, result.items):
        assert s["status"] == r.status
        assert s["label"].startswith(pretty_label(r.reference))
        if r.status == "retained":
            assert s["text"] == r.item.text and s["dels"] == [] and s["inss"] == []
        elif r.status == "dropped":
            assert s["dels"] == [r.item.text] and s["inss"] == []
        else:
            assert s["dels"] == _merged(r.edits, "-") and s["inss"] == _merged(r.edits, "+")
            assert s["dels"] or s["inss"]
    op5 = page.page.locator("#asks .ask[data-status=weakened]")
    styles = op5.evaluate("""u => [getComputedStyle(u.querySelector('del')).textDecorationLine,
                                   getComputedStyle(u.querySelector('ins')).textDecorationLine]""")
    assert styles == ["line-through", "underline"]  # a cue besides colour
    dropped = page.page.locator("#asks .ask[data-status=dropped] del")
    assert dropped.evaluate("d => getComputedStyle(d).textDecorationLine") == "line-through"


def test_each_row_link_lands_on_its_section(page):
    rows = _rows(page)
    for row in rows:
        page.page.click(f"table.asks a[href='{row['href']}']")
        assert page.page.evaluate("location.hash") == row["href"]
        landed = page.page.evaluate(f"""() => {{
            const e = document.getElementById({json.dumps(row['href'][1:])});
            const r = e.getBoundingClientRect();
            return {{ask: e.classList.contains('ask'), status: e.dataset.status,
                    label: e.querySelector('.lab').textContent, inView: r.top >= 0 && r.top < window.innerHeight}};
        }}""")
        assert landed["ask"] and landed["inView"], row
        assert landed["status"] == row["status"] and landed["label"].startswith(row["ref"])
    # the whole row leads there too, not only the link
    last = rows[-1]
    page.page.evaluate("location.hash = ''")
    page.page.click(f"table.asks tr[data-target='{last['href'][1:]}'] td.why")
    assert page.page.evaluate("location.hash") == last["href"]


# ---- the filter -------------------------------------------------------------------------------

def test_problems_only_hides_exactly_the_retained_asks(page, result):
    assert page.page.is_visible("#check-toolbar")
    assert all(r["visible"] for r in _rows(page)) and all(s["visible"] for s in _sections(page))
    page.page.check("#f-problems")
    for row, r in zip(_rows(page), result.items):
        assert row["visible"] == (r.status != "retained"), row
    for section, r in zip(_sections(page), result.items):
        assert section["visible"] == (r.status != "retained"), section
    assert not page.page.is_visible("#empty")
    page.page.uncheck("#f-problems")
    assert all(r["visible"] for r in _rows(page)) and all(s["visible"] for s in _sections(page))


def test_problems_only_on_an_all_retained_check_says_so(chromium, report_all_retained):
    visit = open_file(chromium, report_all_retained)
    try:
        assert not visit.page.is_visible("#empty")
        visit.page.check("#f-problems")
        assert not any(r["visible"] for r in _rows(visit)) and not any(s["visible"] for s in _sections(visit))
        assert visit.page.is_visible("#empty")
        assert visit.console == [] and visit.errors == [] and visit.foreign_requests == []
    finally:
        visit.page.context.close()


def test_a_link_to_a_hidden_ask_lifts_the_filter(page, result):
    assert_a_link_lifts_the_filter(page, "#f-problems", "#asks .ask[data-status=retained]")


def test_page_fetches_nothing_and_logs_nothing(page):
    page.page.check("#f-problems")
    page.page.click("table.asks tbody tr[data-status=weakened] a")
    page.page.uncheck("#f-problems")
    page.page.click("table.asks tbody tr[data-status=retained] td.why")
    assert page.console == []
    assert page.errors == []
    assert page.foreign_requests == []


def test_phone_width_reads_in_one_column(chromium, report):
    visit = open_file(chromium, report, width=390, height=844)
    try:
        assert visit.page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        visit.screenshot("check-phone.png")
        assert visit.console == [] and visit.foreign_requests == []
    finally:
        visit.page.context.close()


def test_print_stylesheet_hides_the_filter_and_keeps_every_ask(page):
    page.page.emulate_media(media="print")
    assert not page.page.is_visible("#check-toolbar")
    assert all(s["visible"] for s in _sections(page))


# ---- hostile text -----------------------------------------------------------------------------

HOSTILE_ANNEX = """ANNEX: Relevant language in resolution 9999 (2031)

Recalling its resolution 1325 (2000) & its commitment to <b>women</b>,

1. Decides that <script>alert(1)</script> & the full participation of women shall be ensured;

2. Requests the Secretary-General to report on sexual violence & abuse;
"""
HOSTILE_NEW = """Resolution 9999 (2031) (fictional, for mandiff's tests)

The Security Council,

Recalling its resolution 1325 (2000) & its commitment to <b>women</b>,

1. Encourages that <script>alert(1)</script> & the full participation of women shall be ensured;

2. Requests the Secretary-General to report on sexual violence & <img src=x onerror=alert(2)>;
"""


def test_document_text_is_escaped_and_never_runs(chromium, tmp_path):
    checklist = tmp_path / "asks <script>& co.txt"
    checklist.write_text(HOSTILE_ANNEX, encoding="utf-8")
    result = check(read_checklist(str(checklist)), parse_text(HOSTILE_NEW, "new.txt"))
    assert [r.status for r in result.items] == ["retained", "weakened", "modified"]
    html = render_check(result, "html")
    assert "<script>alert" not in html and "<img" not in html and "<b>women" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; the full" in html
    path = tmp_path / "hostile.html"
    path.write_text(html, encoding="utf-8")
    visit = open_file(chromium, path)
    try:
        assert "asks <script>& co.txt" in visit.page.inner_text(".doc[data-role=checklist]")
        text = visit.page.inner_text("#asks")
        assert "that <script>alert(1)</script> & the full participation" in text
        assert "1325 (2000) & its commitment to <b>women</b>" in text
        assert "<img src=x onerror=alert(2)>" in text
        assert "<img src=x onerror=alert(2)>" in visit.page.inner_text("table.asks")  # in the "why"
        assert visit.page.evaluate("document.scripts.length") == 1  # ours only
        assert visit.page.evaluate("document.images.length") == 0
        assert visit.console == [] and visit.errors == [] and visit.foreign_requests == []
    finally:
        visit.page.context.close()


# ---- without a browser ------------------------------------------------------------------------

def test_page_is_byte_identical_for_the_same_input(result, edited):
    again = check(read_checklist(str(SEED_NOTE)), parse_path(str(edited)), old=parse_path(str(FIXTURE_2480)))
    assert render_check(result, "html") == render_check(again, "html")


def test_page_refers_to_nothing_outside_itself_but_official_documents(result):
    html = render_check(result, "html")
    assert not re.search(r"\s(src|srcset|action|data)=", html)
    assert "@import" not in html and "url(" not in html and "@font-face" not in html
    for href in re.findall(r'href="([^"]*)"', html):
        assert href.startswith("#") or href.startswith("https://undocs.org/S/RES/"), href
    assert "default-src 'none'" in html
    assert html.count("<style>") == 1 and html.count("<script>") == 1


def test_cli_writes_the_page(edited, tmp_path):
    out = tmp_path / "check.html"
    with pytest.raises(SystemExit) as stop:
        main(["check", str(SEED_NOTE), str(edited), "--old", str(FIXTURE_2480), "--format", "html", "-o", str(out)])
    assert stop.value.code == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<h1>Recommendations checked</h1>" in page
    assert page.count('class="unit ask ') == 15
