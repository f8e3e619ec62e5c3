"""The HTML report, checked the way a reader meets it: opened in headless Chromium, through the DOM.

Every expectation is derived from the real ``compare()`` output of the fictional example pair (never
typed in by hand): the scorecard must show the JSON summary, the filters must show exactly the units the
comparison marks, each unit must appear once, and the page must fetch nothing and log nothing.
Screenshots go to tests/_artifacts/ (git-ignored).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from browser import assert_a_link_lifts_the_filter, open_file
from conftest import EXAMPLES
from mandiff.compare import compare
from mandiff.pipeline import parse_path, parse_text
from mandiff.render.html import render_diff_html
from mandiff.grammar.labels import pretty_label

OLD = EXAMPLES / "S-RES-9901-2031-fictional.txt"
NEW = EXAMPLES / "S-RES-9950-2032-fictional.txt"


@pytest.fixture(scope="module")
def comparison():
    return compare(parse_path(str(OLD)), parse_path(str(NEW)))


@pytest.fixture(scope="module")
def report(comparison, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_diff_html(comparison), encoding="utf-8")
    return path



def _units(page) -> list[dict]:
    """Every unit row: its old and new labels, whether it is visible, its relation and WPS class."""
    return page.page.eval_on_selector_all(
        "#units .unit",
        """els => els.map(e => ({id: e.id, old: e.dataset.old ? e.dataset.old.split(' ') : [],
                                new: e.dataset.new ? e.dataset.new.split(' ') : [],
                                rel: e.dataset.rel, wps: e.dataset.wps || null,
                                visible: e.getClientRects().length > 0}))""",
    )


def _expected_wps(comparison, unit) -> bool:
    """Whether the comparison says this row carries WPS language: one of its pairs has a WPS class, or
    it is a dropped or added unit with WPS language."""
    pairs = [p for p in comparison.pairs if p.old in unit["old"] or p.new in unit["new"]]
    if pairs:
        return any(p.wps is not None for p in pairs)
    dropped = [d.wps for d in comparison.dropped if d.old in unit["old"]]
    added = [a.wps for a in comparison.added if a.new in unit["new"]]
    return any(dropped + added)


def _expected_change(comparison, unit) -> bool:
    pairs = [p for p in comparison.pairs if p.old in unit["old"] or p.new in unit["new"]]
    if not pairs:
        return True  # a dropped or added unit
    return any(p.relation != "identical" for p in pairs)


# ---- first screen ---------------------------------------------------------------------------------

def test_scorecard_numbers_equal_the_json_summary(page, comparison):
    summary = json.loads(json.dumps(comparison.to_json()))["summary"]
    shown = page.page.eval_on_selector_all(
        "#scorecard [data-key]", "els => els.map(e => [e.dataset.key, e.querySelector('.n').textContent])")
    keys = {k for k, _ in shown}
    assert {"wps.old_units", "wps.retained", "wps.modified", "wps.weakened", "wps.strengthened", "wps.moved",
            "wps.dropped", "wps.new"} <= keys
    for key, text in shown:
        section, name = key.split(".", 1)
        assert int(text) == summary[section][name], key
    assert len(keys) == len(shown)  # each number once


def test_header_names_both_resolutions_with_dates_and_official_links(page, comparison):
    for role, res in (("old", comparison.old), ("new", comparison.new)):
        block = page.page.locator(f".doc[data-role={role}]")
        text = block.inner_text()
        assert res.symbol in text
        day = int(res.date.split("-")[2])
        assert f"{day} " in text and str(res.year) in text
        link = block.locator("a.official")
        assert link.get_attribute("href") == f"https://undocs.org/S/RES/{res.number}({res.year})"


def test_table_lists_every_wps_change_and_each_row_leads_to_its_unit(page, comparison):
    links = page.page.eval_on_selector_all(
        "table.changes tbody tr td.lab a", "els => els.map(a => [a.getAttribute('href'), a.textContent])")
    units = {u["id"]: u for u in _units(page)}
    targets = []
    for href, text in links:
        assert href.startswith("#")
        unit = units[href[1:]]  # the link's target is a unit row of the document
        targets.append(unit)
        olds = " + ".join(pretty_label(l) for l in unit["old"]) or "—"
        news = " + ".join(pretty_label(l) for l in unit["new"]) or "—"
        assert text == (olds if olds == news else f"{olds} → {news}")
    covered_pairs = {(o, n) for u in targets for o in u["old"] for n in u["new"]}
    covered_old = {o for u in targets for o in u["old"]}
    covered_new = {n for u in targets for n in u["new"]}
    changes = [p for p in comparison.pairs if p.wps and (p.wps != "retained" or p.relation != "identical")]
    assert changes, "the example pair must change some WPS language"
    for p in changes:
        assert (p.old, p.new) in covered_pairs, (p.old, p.new)
    for d in comparison.dropped:
        assert (d.old in covered_old) == d.wps
    for a in comparison.added:
        assert (a.new in covered_new) == a.wps
    # and nothing else: every row listed is a WPS change of the comparison
    for u in targets:
        assert _expected_wps(comparison, u)
    page.page.click(f"table.changes a[href='{links[0][0]}']")
    assert page.page.evaluate("location.hash") == links[0][0]


def test_first_screen_screenshot_and_what_it_shows(page, comparison):
    page.screenshot("report-first-screen.png")
    page.screenshot("report-full.png", full_page=True)
    first = page.page.evaluate("""() => {
        const inView = s => { const e = document.querySelector(s); const r = e.getBoundingClientRect();
                              return r.top >= 0 && r.bottom <= window.innerHeight; };
        return {h1: inView('h1'), scorecard: inView('#scorecard'), table: inView('table.changes thead')};
    }""")
    assert first == {"h1": True, "scorecard": True, "table": True}


# ---- the full text --------------------------------------------------------------------------------

def test_every_unit_appears_once_and_moved_units_are_not_a_deletion_plus_an_insertion(page, comparison):
    units = _units(page)
    olds = [label for u in units for label in u["old"]]
    news = [label for u in units for label in u["new"]]
    assert sorted(olds) == sorted(comparison.old.labels)
    assert sorted(news) == sorted(comparison.new.labels)
    moved = [p for p in comparison.pairs if p.relation == "moved"]
    assert moved, "the example pair must contain a moved unit"
    for p in moved:
        rows = [u for u in units if p.old in u["old"]]
        assert len(rows) == 1 and rows[0]["new"] == [p.new] and rows[0]["rel"] == "moved"
        assert not [u for u in units if p.new in u["new"] and u is not rows[0]]


def test_wps_only_shows_exactly_the_units_with_wps_language(page, comparison):
    assert all(u["visible"] for u in _units(page))
    page.page.check("#f-wps")
    units = _units(page)
    assert any(u["visible"] for u in units) and not all(u["visible"] for u in units)
    for u in units:
        assert u["visible"] == _expected_wps(comparison, u), u
    page.page.uncheck("#f-wps")
    assert all(u["visible"] for u in _units(page))


def test_changes_only_hides_unchanged_units_and_combines_with_wps_only(page, comparison):
    page.page.check("#f-chg")
    units = _units(page)
    assert any(not u["visible"] for u in units)
    for u in units:
        assert u["visible"] == _expected_change(comparison, u), u
    page.page.check("#f-wps")
    for u in _units(page):
        assert u["visible"] == (_expected_change(comparison, u) and _expected_wps(comparison, u)), u
    # a heading is shown only over units that are shown
    items = page.page.eval_on_selector_all(
        "#units > *", "els => els.map(e => [e.classList.contains('hd') ? Number(e.dataset.level) : 0,"
                      " e.getClientRects().length > 0])")
    for k, (level, shown) in enumerate(items):
        if level:
            scope = []
            for other_level, other_shown in items[k + 1:]:
                if other_level and other_level <= level:
                    break
                if not other_level:
                    scope.append(other_shown)
            assert shown == any(scope), (k, level)


def test_side_by_side_shows_old_and_new_text_in_two_columns(page, comparison):
    page.page.click("button[data-view=sbs]")
    assert page.page.get_attribute("button[data-view=sbs]", "aria-pressed") == "true"
    assert not page.page.locator("#units .unit .txt").first.is_visible()
    columns = page.page.eval_on_selector_all(
        "#units .unit", "els => els.map(e => [e.dataset.old, e.dataset.new, e.querySelector('.po').textContent,"
                        " e.querySelector('.pn').textContent])")
    checked = 0
    for old, new, left, right in columns:
        if old and new and " " not in old and " " not in new:  # a one-to-one pair
            assert left == comparison.old.get(old).text
            assert right == comparison.new.get(new).text
            checked += 1
        elif old and not new:
            assert left == comparison.old.get(old).text and right == ""
        elif new and not old:
            assert right == comparison.new.get(new).text and left == ""
    assert checked >= len(comparison.pairs) // 2
    page.page.locator(".unit.r-modified.w").first.scroll_into_view_if_needed()
    page.screenshot("report-side-by-side.png")
    page.page.click("button[data-view=inline]")
    assert page.page.locator("#units .unit .txt").first.is_visible()


def test_redline_marks_deletions_insertions_and_wps_words(page, comparison):
    pair = next(p for p in comparison.pairs if p.wps == "weakened")
    unit = page.page.locator(f"#units .unit[data-old='{pair.old}']")
    deleted = [e.text for e in pair.edits if e.op == "-"]
    inserted = [e.text for e in pair.edits if e.op == "+"]
    assert unit.locator(".txt del").all_text_contents() == deleted
    assert unit.locator(".txt ins").all_text_contents() == inserted
    styles = unit.evaluate("""u => [getComputedStyle(u.querySelector('del')).textDecorationLine,
                                    getComputedStyle(u.querySelector('ins')).textDecorationLine]""")
    assert styles == ["line-through", "underline"]  # a cue besides colour
    terms = [t.term for t in comparison.new.get(pair.new).tags]
    marked = "".join(unit.locator(".txt mark").all_text_contents())
    for term in terms:
        assert term in marked or all(w in marked for w in term.split())


def test_keyboard_moves_between_changes(page, comparison):
    changed = page.page.eval_on_selector_all("#units .unit.c", "els => els.map(e => e.id)")
    assert len(changed) >= 2
    current = lambda: page.page.eval_on_selector("#units .unit.current", "e => e.id")  # noqa: E731
    page.page.keyboard.press("j")
    assert current() == changed[0]
    page.page.keyboard.press("j")
    assert current() == changed[1]
    page.page.keyboard.press("k")
    assert current() == changed[0]
    assert page.page.inner_text("#pos") == f"Change 1 of {len(changed)}"
    page.page.keyboard.press("n")
    assert current() == changed[1]
    # with "WPS only", the next change is the next WPS change
    page.page.check("#f-wps")
    wps_changed = page.page.eval_on_selector_all("#units .unit.c.w", "els => els.map(e => e.id)")
    page.page.keyboard.press("j")
    assert current() == next(i for i in wps_changed if changed.index(i) > 1)


def test_a_link_to_a_filtered_unit_lifts_the_filters(page, comparison):
    assert_a_link_lifts_the_filter(page, "#f-chg", "#units .unit.u")


def test_page_fetches_nothing_and_logs_nothing(page):
    page.page.check("#f-wps")
    page.page.click("button[data-view=sbs]")
    page.page.keyboard.press("j")
    page.page.keyboard.press("k")
    assert page.console == []
    assert page.errors == []
    assert page.foreign_requests == []


def test_phone_width_reads_in_one_column(chromium, report):
    visit = open_file(chromium, report, width=390, height=844)
    try:
        overflow = visit.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        visit.screenshot("report-phone.png")
        assert visit.console == [] and visit.foreign_requests == []
    finally:
        visit.page.context.close()


def test_print_stylesheet_hides_the_controls(page):
    page.page.emulate_media(media="print")
    assert not page.page.locator("#toolbar").is_visible()
    assert page.page.locator("#units .unit").first.is_visible()


# ---- hostile text ---------------------------------------------------------------------------------

HOSTILE_OLD = """The Security Council,

Recalling its resolution 1325 (2000) & its commitment to <b>women</b>,

1. Decides that <script>alert(1)</script> & the full participation of women shall be ensured;

2. Requests the Secretary-General to report on sexual violence <img src=x onerror=alert(2)>;
"""
HOSTILE_NEW = HOSTILE_OLD.replace("1. Decides that", "1. Encourages that").replace("report on", "report to the Council on")


def test_document_text_is_escaped_and_never_runs(chromium, tmp_path):
    old, new = parse_text(HOSTILE_OLD, "old.txt"), parse_text(HOSTILE_NEW, "new.txt")
    assert "<script>alert(1)</script>" in old.get("OP1").text  # the parser kept it: the report must escape it
    html = render_diff_html(compare(old, new))
    assert "<script>alert(1)</script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    path = tmp_path / "hostile.html"
    path.write_text(html, encoding="utf-8")
    visit = open_file(chromium, path)
    try:
        text = visit.page.inner_text("#units")
        assert "<script>alert(1)</script>" in text
        assert "1325 (2000) & its commitment to <b>women</b>" in text
        assert "<img src=x onerror=alert(2)>" in text
        assert visit.page.evaluate("document.scripts.length") == 1  # ours only
        assert visit.page.evaluate("document.images.length") == 0
        assert visit.console == [] and visit.errors == [] and visit.foreign_requests == []
    finally:
        visit.page.context.close()


# ---- without a browser ----------------------------------------------------------------------------

def test_report_is_byte_identical_for_the_same_input(comparison):
    again = compare(parse_path(str(OLD)), parse_path(str(NEW)))
    assert render_diff_html(comparison) == render_diff_html(again)


def test_report_refers_to_nothing_outside_itself_but_official_documents(comparison):
    html = render_diff_html(comparison)
    assert not re.search(r"\s(src|srcset|action|data)=", html)
    assert "@import" not in html and "url(" not in html
    for href in re.findall(r'href="([^"]*)"', html):
        assert href.startswith("#") or href.startswith("https://undocs.org/S/RES/"), href
    assert "default-src 'none'" in html


def test_without_wps_language_on_either_side_the_page_says_so_and_skips_the_zeros():
    """S/RES/834 -> 851 (1993) carry no gender language: one sentence, no scorecard of zeros, the text."""
    from conftest import corpus_file

    page = render_diff_html(compare(parse_path(str(corpus_file("0834_1993"))), parse_path(str(corpus_file("0851_1993")))))
    assert "Neither S/RES/834 (1993) nor S/RES/851 (1993) has WPS language" in page
    assert 'id="scorecard"' not in page and "Every change to WPS language" not in page
    assert 'id="units"' in page


# ---- copy and paste: the redline selected and copied into Word or an e-mail keeps its words apart -----
# The copied text is what the browser puts on the clipboard as plain text: ``Selection.toString()``, and the
# clipboard itself after Ctrl+C. Every word of it must be a word of a unit's text (old or new) or of the
# page's own words (labels, badges, categories); two words glued together ("uponEncourages") are neither.

_WORD = re.compile(r"\w+(?:['’-]\w+)*")  # a word as the diff cuts them: punctuation next to it is not glued


def _select(page, selector: str) -> str:
    return page.evaluate(
        """sel => { const r = document.createRange(); r.selectNodeContents(document.querySelector(sel));
                    const s = window.getSelection(); s.removeAllRanges(); s.addRange(r); return s.toString(); }""",
        selector)


def _words_of_the_page(page) -> set[str]:
    """Every word of every text node on its own: what the page says, piece by piece."""
    texts = page.evaluate(
        """() => { const out = []; const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                   while (w.nextNode()) out.push(w.currentNode.nodeValue); return out; }""")
    return {word.lower() for text in texts for word in _WORD.findall(text)}


def _unit_words(*resolutions) -> set[str]:
    return {word.lower() for r in resolutions for p in r.paragraphs for word in _WORD.findall(p.text)}


def _glued(copied: str, allowed: set[str]) -> list[str]:
    return [word for word in _WORD.findall(copied) if word.lower() not in allowed]  # (headings are shown in capitals)


def test_the_copied_redline_keeps_words_labels_and_tags_apart(page, comparison):
    allowed = _words_of_the_page(page.page) | _unit_words(comparison.old, comparison.new)
    copied = _select(page.page, "#units")
    assert _glued(copied, allowed) == []
    assert "Requests Encourages the Government of Valdoria" in copied  # OP 4: 'Requests' became 'Encourages'
    assert "Underlining Stresses that lasting peace" in copied  # PP 3 -> OP 2
    assert "30 June 2032 2033;" in copied
    assert "¶ OP 3 Urges the signatory parties" in copied  # the marker of a merge stands apart
    assert "parity participation gender expertise" in " ".join(copied.split())  # categories, one by one
    lines = [line.strip() for line in copied.splitlines() if line.strip()]
    assert "OP 4" in lines  # a label is a line of its own, never glued to the verdict or the text


def test_ctrl_c_puts_the_same_words_on_the_clipboard(page, comparison):
    page.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    selected = _select(page.page, "#units")
    page.page.keyboard.press("Control+C")
    clipboard = page.page.evaluate("navigator.clipboard.readText()")
    assert " ".join(clipboard.split()).lower() == " ".join(selected.split()).lower()  # capitals are CSS
    assert "Requests Encourages" in clipboard


def test_copy_keeps_words_apart_in_any_pair(chromium, tmp_path):
    """A replacement at the start, in the middle and at the end of a unit, a split and a merge (fictional)."""

    old = parse_text("The Security Council,\n\nRecalling its resolutions,\n\n1. Calls upon the parties to act now;\n\n"
                     "2. Requests the Mission to protect civilians and to report;\n\n3. Urges the parties to talk;\n\n"
                     "4. Decides to remain seized of the matter.\n", "old.txt")
    new = parse_text("The Security Council,\n\nRecalling its resolutions,\n\n1. Encourages the parties to act swiftly;\n\n"
                     "2. Requests the Mission to protect civilians;\n\n3. Further requests the Mission to report;\n\n"
                     "4. Urges the parties to talk and decides to remain seized of the matter.\n", "new.txt")
    path = tmp_path / "pair.html"
    path.write_text(render_diff_html(compare(old, new)), encoding="utf-8")
    visit = open_file(chromium, path)
    try:
        copied = _select(visit.page, "#units")
        assert _glued(copied, _words_of_the_page(visit.page) | _unit_words(old, new)) == []
        assert re.search(r"Calls upon Encourages the parties to act now swiftly;", " ".join(copied.split()))
    finally:
        visit.page.context.close()


def test_the_check_page_copies_apart_too(chromium, tmp_path):
    from mandiff.checklist import run_check

    path = tmp_path / "check.html"
    from mandiff.render.checktext import render_check_html

    path.write_text(render_check_html(run_check(None, str(NEW), all_wps=str(OLD))), encoding="utf-8")
    visit = open_file(chromium, path)
    try:
        copied = _select(visit.page, "main")
        old, new = parse_path(str(OLD)), parse_path(str(NEW))
        assert _glued(copied, _words_of_the_page(visit.page) | _unit_words(old, new)) == []
        assert "Requests Encourages" in copied
    finally:
        visit.page.context.close()
