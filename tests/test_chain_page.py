"""The chain page, read the way a monitor meets it: opened in headless Chromium, through the DOM.

Inputs: the fictional chain of four renewals shipped in resolutions/examples/ (S/RES/9901 (2031) ->
9950 (2032) -> 10002 (2033) -> 10053 (2034); written to exercise every verdict, a split, a merge, a drop
followed by an absence and a restoration, and a renumbered unit that is also weakened), and real chains
from the corpus read in place (Cyprus renewals, which carry no gender language; the 1992-93 Bosnia
resolutions, which carry some). Expectations come from ``chain()`` itself (statuses, labels, edits),
never typed in from the page. Screenshots go to tests/_artifacts/ (git-ignored).
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from pathlib import Path

import pytest

from browser import ARTIFACTS, open_file
from conftest import EXAMPLES, corpus_file
from mandiff.lineage import chain
from mandiff.grammar.labels import pretty_label
from mandiff.pipeline import parse_path
from mandiff.render.chainview import PLACED, RENUMBERED, build_chain_view, render_chain_html
from mandiff.vocabulary import Relation, Verdict

FICTIONAL = [EXAMPLES / "S-RES-9901-2031-fictional.txt", EXAMPLES / "S-RES-9950-2032-fictional.txt",
             EXAMPLES / "chain" / "S-RES-10002-2033-fictional.txt", EXAMPLES / "chain" / "S-RES-10053-2034-fictional.txt"]
CYPRUS = ["0186_1964", "0192_1964", "0194_1964", "0198_1964", "0201_1965", "0206_1965"]
CYPRUS_11 = CYPRUS + ["0219_1965", "0220_1966", "0222_1966", "0231_1966", "0238_1967"]
BOSNIA = ["0798_1992", "0808_1993", "0819_1993", "0820_1993"]
ANGOLA = ["0785_1992", "0793_1992", "0804_1993", "0811_1993", "0823_1993", "0834_1993", "0851_1993", "0864_1993",
          "0890_1993"]  # UNAVEM II


def _chain(paths, **options):
    return chain([parse_path(str(p)) for p in paths], **options)


@functools.lru_cache(maxsize=None)
def _read_chain(names: tuple[str, ...]):
    return _chain([corpus_file(n) for n in names])


def _corpus_chain(names):
    """A corpus chain, read once for the whole module (several tests look at the same one)."""
    return _read_chain(tuple(names))


def _write(tmp: Path, name: str, result) -> Path:
    path = tmp / name
    path.write_text(render_chain_html(result), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def fictional():
    return _chain(FICTIONAL)


@pytest.fixture(scope="module")
def report(fictional, tmp_path_factory) -> Path:
    return _write(tmp_path_factory.mktemp("chain"), "chain.html", fictional)


def _row_of(result, labels):
    """The lineage whose labels, column by column, are ``labels`` (None where absent)."""
    found = [n for n, l in enumerate(result.lineages) if tuple(s.label for s in l.steps) == tuple(labels)]
    assert len(found) == 1, labels
    return found[0]


def _cells(page) -> list[list[dict]]:
    return page.eval_on_selector_all("#matrix tbody.lin", """bodies => bodies.map(b =>
        Array.from(b.querySelectorAll('tr.steps-row td')).map(td => ({
            cls: td.className, status: td.dataset.status, mark: td.dataset.mark || '',
            sym: (td.querySelector('.sym') || {}).textContent, lbl: (td.querySelector('.lbl') || {}).textContent || null,
            mk: (td.querySelector('.mk') || {}).textContent || '', button: !!td.querySelector('button')})))""")


# ---- the fictional chain covers what the page must show ---------------------------------------------

def test_the_fictional_chain_exercises_every_verdict_a_split_a_merge_and_a_drop_then_restore(fictional):
    statuses = {s.status for l in fictional.lineages for s in l.steps}
    # ``rewritten`` is the aligner's lower-confidence pairing, not made by main's aligner yet: its cell is
    # checked on a hand-made step below (test_a_rewritten_step_has_its_own_class_and_glyph).
    assert statuses == set(Verdict) - {Verdict.REWRITTEN}
    assert [r.symbol for r in fictional.resolutions] == [
        "S/RES/9901 (2031)", "S/RES/9950 (2032)", "S/RES/10002 (2033)", "S/RES/10053 (2034)"]
    pp5 = fictional.lineages[_row_of(fictional, ("PP5", None, None, "PP5"))]
    assert [s.status for s in pp5.steps] == ["new", "dropped", "absent", "restored"]
    relations = {s.relation for l in fictional.lineages for s in l.steps}
    assert {Relation.SPLIT, Relation.MERGED, Relation.MOVED, Relation.PROMOTED} <= relations
    op7 = fictional.lineages[_row_of(fictional, ("OP7", "OP11", "OP12", "OP12"))].steps[2]
    assert (op7.status, op7.renumbered) == ("weakened", True)


# ---- cells: class, glyph, label and second mark per status ------------------------------------------

def test_every_cell_has_the_class_glyph_and_label_of_its_step(page, fictional):
    rows = _cells(page.page)
    assert len(rows) == len(fictional.lineages)
    for cells, lineage in zip(rows, fictional.lineages):
        assert len(cells) == len(fictional.resolutions)
        for k, (cell, step) in enumerate(zip(cells, lineage.steps)):
            classes = cell["cls"].split()
            assert f"st-{step.status.id}" in classes and cell["status"] == step.status.id
            assert cell["sym"] == Verdict(step.status).symbol
            assert ("wc" in classes) == step.wps
            ends = step.status == "dropped" or step.absorbed
            shown = (lineage.steps[k - 1].label if step.absorbed else step.label) or (lineage.steps[k - 1].label if ends else None)
            assert cell["lbl"] == (pretty_label(shown) if shown else None)
            assert cell["button"] == (step.status != "absent")  # an absence has nothing to open
            if step.absorbed:
                assert cell["mk"] == step.relation.symbol and cell["mark"].startswith("merged into ")
            elif step.relation in PLACED:
                assert cell["mk"] == step.relation.symbol and cell["mark"] == step.relation.label
            elif step.renumbered:
                assert cell["mk"] == RENUMBERED[0] and cell["mark"] == "renumbered"
    # the renumbered and weakened step: the verdict's class and glyph, the renumbering as the second mark
    op7 = rows[_row_of(fictional, ("OP7", "OP11", "OP12", "OP12"))][2]
    assert (op7["status"], op7["sym"], op7["lbl"], op7["mk"]) == ("weakened", "▼", "OP 12", "#")
    # a unit merged into another is not dropped: the verdict on its words, and the merge as its second mark
    op3 = rows[_row_of(fictional, ("OP3", "OP3", None, None))][1]
    assert (op3["status"], op3["lbl"], op3["mk"], op3["mark"]) == ("modified", "OP 3", "⋈", "merged into OP 3")


def test_the_legend_is_the_vocabulary(page):
    items = page.page.eval_on_selector_all("#legend li", "ls => ls.map(l => l.textContent.trim().replace(/\\s+/g, ' '))")
    verdicts = [f"{v.symbol} {v.label}" for v in Verdict]
    marks = [f"{r.symbol} {r.label}" for r in PLACED] + [f"{RENUMBERED[0]} {RENUMBERED[1]}"]
    assert items[:len(verdicts) + len(marks)] == verdicts + marks
    assert items[-1] == "OP 1 carries WPS language there"


def test_a_rewritten_step_has_its_own_class_and_glyph(fictional):
    """The aligner of main does not pair rewritten units yet; a hand-made step shows how the page says it."""
    n = _row_of(fictional, ("OP10", "OP10", "OP11", None))
    steps = list(fictional.lineages[n].steps)
    steps[2] = replace(steps[2], status=Verdict.REWRITTEN, relation=Relation.REWRITTEN, renumbered=False)
    lineages = list(fictional.lineages)
    lineages[n] = replace(lineages[n], steps=tuple(steps))
    html = render_chain_html(replace(fictional, lineages=tuple(lineages)))
    row = re.search(r'<tbody id="l%d".*?</tr>' % (n + 1), html, re.S).group(0)
    cell = re.findall(r'<td class="cell ([^"]*)"[^>]*>(.*?)</td>', row, re.S)[2]
    assert cell[0].split()[0] == "st-rewritten" and '<span class="sym" aria-hidden="true">≈</span>' in cell[1]
    assert '<span class="mk"' not in cell[1]  # "rewritten" is said once, by the verdict


# ---- opening a cell and a lineage --------------------------------------------------------------------

_PANEL = """b => { const p = document.getElementById(b.getAttribute('aria-controls'));
    return {shown: p.getClientRects().length > 0, expanded: b.getAttribute('aria-expanded'),
            head: p.querySelector('.step-head').textContent.replace(/\\s+/g, ' ').trim(),
            del: Array.from(p.querySelectorAll('del')).map(e => e.textContent),
            ins: Array.from(p.querySelectorAll('ins')).map(e => e.textContent),
            why: (p.querySelector('.why') || {}).textContent || '', id: p.id}; }"""


def _panel(page, selector: str) -> dict:
    """What the panel of the cell ``selector`` shows: whether it is open, its head line, its redline."""
    return page.eval_on_selector(selector, _PANEL)


def test_a_click_opens_that_steps_redline_and_reasons_in_place(page, fictional):
    n = _row_of(fictional, ("OP4", "OP4", "OP4", "OP4"))
    pair = next(p for p in fictional.comparisons[0].pairs if (p.old, p.new) == ("OP4", "OP4"))
    page.page.evaluate("window.__same_page = true")
    button = f"#l{n + 1} td:nth-of-type(2) button"
    assert _panel(page.page, button)["shown"] is False
    page.page.click(button)
    opened = _panel(page.page, button)
    assert opened["shown"] and opened["expanded"] == "true"
    assert opened["head"] == "▼ WPS weakened OP 4 in 9901 (2031) → OP 4 in 9950 (2032)"
    assert opened["del"] == [e.text for e in pair.edits if e.op == "-"] == ["Requests"]
    assert opened["ins"] == [e.text for e in pair.edits if e.op == "+"] == ["Encourages"]
    assert opened["why"] == "Why: " + "; ".join(pair.reasons) == "Why: 'Requests' became 'Encourages'"
    page.page.evaluate(f"document.getElementById('l{n + 1}').scrollIntoView({{block: 'center'}})")
    page.screenshot("chain-open-cell.png")
    # the next renewal's cell in the same row takes its place: one redline open per row
    page.page.click(f"#l{n + 1} td:nth-of-type(3) button")
    assert _panel(page.page, button)["shown"] is False
    assert _panel(page.page, f"#l{n + 1} td:nth-of-type(3) button")["why"] == "Why: 'Encourages' became 'Requests'"
    page.page.click(f"#l{n + 1} td:nth-of-type(3) button")  # a second click closes it, and the row under it
    assert page.page.eval_on_selector(f"#l{n + 1} tr.more", "r => r.hidden") is True
    assert page.page.evaluate("window.__same_page") is True  # no page load
    assert page.errors == [] and page.console == []


def test_every_cells_panel_shows_the_edits_of_its_pair(page, fictional):
    """All cells at once, through the DOM: a continuing step shows its pair's deletions and insertions
    (a split or merge shows its whole group, as the diff report does), with labels on both sides."""
    panels = page.page.eval_on_selector_all("#matrix tbody.lin", f"""bodies => bodies.map(b =>
        Array.from(b.querySelectorAll('tr.steps-row td')).map(td => td.querySelector('button') && ({_PANEL})(td.querySelector('button'))))""")
    for n, lineage in enumerate(fictional.lineages):
        for k, step in enumerate(lineage.steps):
            panel = panels[n][k]
            if step.status == "absent":
                assert panel is None
                continue
            column = fictional.resolutions[k]
            short = f"{column.number} ({column.year})"
            if step.status == "dropped":
                before = lineage.steps[k - 1].label
                assert panel["head"].startswith(f"{step.status.symbol} ") and f"{pretty_label(before)} in " in panel["head"]
                continue
            assert f"{pretty_label(step.label)} in {short}" in panel["head"], (n, k)
            pairs = [p for p in fictional.comparisons[k - 1].pairs if p.new == step.label] if k else []
            if len(pairs) == 1 and step.relation not in (Relation.SPLIT, Relation.MERGED) and step.status != "restored":
                assert panel["del"] == [e.text for e in pairs[0].edits if e.op == "-"], (n, k)
                assert panel["ins"] == [e.text for e in pairs[0].edits if e.op == "+"], (n, k)
            if step.reasons:
                assert panel["why"] == "Why: " + "; ".join(step.reasons)


def test_a_step_that_kept_its_words_shows_them_when_opened(page, fictional):
    """Such a panel is sent without its words (they are the step before's); opened, it shows them, with
    the WPS words marked and nothing struck out or inserted."""
    html = page.page.content()
    borrowed = re.findall(r'<p class="txt" data-same-as="([^"]+)"></p>', html)
    assert len(borrowed) >= 40
    split = _row_of(fictional, ("OP6(a)(ii)", "OP8(a)(ii)", "OP9(a)(ii)", "OP9(a)(ii)"))
    op4 = _row_of(fictional, ("OP4", "OP4", "OP4", "OP4"))
    # after the first text's panel; after a redline (its new side only); after a split (not borrowed:
    # that panel holds two units)
    for n, k, borrowed_from in ((split, 1, f"l{split + 1}-1"), (op4, 3, f"l{op4 + 1}-3"), (split, 3, None)):
        button = f"#l{n + 1} td:nth-of-type({k + 1}) button"
        page.page.click(button)
        text = page.page.eval_on_selector(button, """b => { const t = document.getElementById(b.getAttribute('aria-controls')).querySelector('.txt');
            return [t.dataset.sameAs || null, t.textContent, t.querySelectorAll('del, ins').length, t.querySelectorAll('mark.w').length]; }""")
        unit = fictional.resolutions[k].get(fictional.lineages[n].steps[k].label)
        assert text == [borrowed_from, unit.text, 0, text[3]] and text[3] >= 1, (n, k, text)


def test_enter_opens_a_cell_and_escape_closes_it(page, fictional):
    n = _row_of(fictional, ("PP5", None, None, "PP5"))
    button = f"#l{n + 1} td:nth-of-type(4) button"
    page.page.focus(button)
    page.page.keyboard.press("Enter")
    opened = _panel(page.page, button)
    assert opened["shown"] and opened["head"] == "↺ WPS restored PP 5 in 9901 (2031) → PP 5 in 10053 (2034)"
    assert opened["del"] == ["second"] and opened["ins"] == ["third"]  # compared with its last appearance
    page.page.keyboard.press("Escape")
    assert _panel(page.page, button)["shown"] is False
    assert page.page.evaluate("document.activeElement.getAttribute('aria-controls')") == opened["id"]


def test_a_lineage_opens_its_story(page, fictional):
    n = _row_of(fictional, ("PP5", None, None, "PP5"))
    page.page.click(f"#l{n + 1} th button")
    story = page.page.eval_on_selector(f"#l{n + 1}-story", "p => [p.getClientRects().length > 0, p.textContent]")
    assert story == [True, "PP 5: PP 5 (2031); dropped in 2032; restored in 2034 as PP 5"]
    page.page.click("#c-stories")  # every story at once, for reading or printing
    shown = page.page.eval_on_selector_all(".story", "ps => ps.filter(p => p.getClientRects().length > 0).length")
    assert shown == len(fictional.lineages)


def test_filters_show_exactly_the_wps_and_the_changed_lineages(page, fictional):
    view = build_chain_view(fictional, details=False)

    def shown():
        return page.page.eval_on_selector_all("#matrix tbody.lin", "bs => bs.map(b => b.getClientRects().length > 0)")

    assert shown() == [True] * len(view.rows)
    page.page.check("#c-wps")
    assert shown() == [l.is_wps for l in fictional.lineages]
    assert page.page.text_content("#c-count") == f"{sum(l.is_wps for l in fictional.lineages)} lineages"
    page.page.check("#c-chg")
    assert shown() == [r.is_wps and r.changed for r in view.rows]
    page.page.uncheck("#c-wps")
    assert shown() == [r.changed for r in view.rows]
    unchanged = [r.story for r in view.rows if not r.changed]
    assert unchanged and all("the same words through 2034" in s for s in unchanged)


def test_the_first_screen_says_what_happened_and_where(page, fictional):
    view = build_chain_view(fictional, details=False)
    assert page.page.text_content("#sentence") == view.sentence
    assert view.sentence.startswith("S/RES/9901 (2031) had 12 units with WPS language; S/RES/10053 (2034) has 15. "
                                    "Across the 3 renewals, 3 units gained WPS language (2032, 2033), 3 lost it (2032), ")
    tiles = dict(page.page.eval_on_selector_all("#tiles .tile", "ts => ts.map(t => [t.dataset.key, t.querySelector('.n').textContent])"))
    assert tiles == {"first": "12", "gained": "3", "lost": "3", "weakened": "4", "strengthened": "3", "mixed": "1",
                     "restored": "1", "last": "15"}
    # the table of renewals adds up to the tiles
    table = page.page.eval_on_selector_all("#renewals td[data-key]", "ts => ts.map(t => [t.dataset.key, Number(t.textContent)])")
    for key, value in tiles.items():
        if key not in ("first", "last"):
            assert sum(v for k, v in table if k == key) == int(value)
    # the matrix starts on the first screen
    assert page.page.eval_on_selector("#matrix", "t => t.getBoundingClientRect().top") < 900
    page.screenshot("chain-first-screen.png")


def test_page_fetches_nothing_and_logs_nothing(page):
    assert page.foreign_requests == [] and page.console == [] and page.errors == []


# ---- layout: the page never scrolls sideways; print shows every column -------------------------------

@pytest.mark.parametrize("width", [390, 1280])
def test_no_horizontal_page_overflow(chromium, report, tmp_path, width):
    cyprus = _write(tmp_path, "cyprus.html", _corpus_chain(CYPRUS_11))
    for path in (report, cyprus):
        visit = open_file(chromium, path, width=width, height=844 if width == 390 else 900)
        try:
            page = visit.page
            page.click("#l2 td:nth-of-type(2) button")  # an opened redline must not widen the page either
            page.click("#l2 th button")
            assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth"), (path.name, width)
            wrap = page.eval_on_selector("#matrix-wrap", "w => [w.scrollWidth, w.clientWidth]")
            if path == cyprus:
                assert wrap[0] > wrap[1]  # eleven columns scroll inside the table
                page.eval_on_selector("#matrix-wrap", "w => { w.scrollLeft = w.scrollWidth; }")
                left = page.eval_on_selector("#l2 th", "th => th.getBoundingClientRect().left")
                assert left == page.eval_on_selector("#matrix-wrap", "w => w.getBoundingClientRect().left + w.clientLeft")
            if width == 390 and path == report:
                page.evaluate("document.getElementById('l2').scrollIntoView({block: 'start'})")
                visit.screenshot("chain-390.png")
            assert visit.errors == []
        finally:
            visit.page.context.close()


def _pdf_text(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    ARTIFACTS.mkdir(exist_ok=True)
    for i in range(min(len(pdf), 3)):
        pdf[i].render(scale=1.5).to_pil().save(str(ARTIFACTS / f"chain-print-{i + 1}.png"))
    return pages


def test_print_shows_every_column_in_landscape_and_the_opened_story(chromium, tmp_path):
    result = _corpus_chain(CYPRUS_11)
    visit = open_file(chromium, _write(tmp_path, "cyprus11.html", result))
    try:
        page = visit.page
        n = next(n for n, l in enumerate(result.lineages) if sum(s.status == "restored" for s in l.steps) >= 2)
        page.click(f"#l{n + 1} th button")
        page.click(f"#l{n + 1} td:nth-of-type(2) button")
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 980, "height": 700})  # US Letter, landscape, less the 10 mm margins
        heads = page.eval_on_selector_all("#matrix thead th.res-col", "hs => hs.map(h => h.getBoundingClientRect().right)")
        assert len(heads) == 11 and max(heads) <= page.evaluate("document.documentElement.clientWidth")
        pdf = tmp_path / "cyprus11.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    finally:
        visit.page.context.close()
    pages = _pdf_text(pdf)
    import pypdfium2 as pdfium

    width, height = pdfium.PdfDocument(str(pdf))[0].get_size()
    assert width > height  # landscape
    flat = re.sub(r"\s+", "", "".join(pages))
    for r in result.resolutions:
        assert f"{r.number}({r.year})" in flat  # every column head
        assert re.sub(r"\s+", "", f"{r.symbol} <https://undocs.org/S/RES/{r.number}({r.year})>") in flat  # the list, closed on screen
    last = {pretty_label(l.steps[-1].label) for l in result.lineages if l.steps[-1].label}
    assert all(re.sub(r"\s+", "", label) in flat for label in last)  # and the last column's cells
    story = build_chain_view(result, details=False).rows[n].story
    assert re.sub(r"\s+", "", story) in flat  # the opened story
    others = [r.story for k, r in enumerate(build_chain_view(result, details=False).rows) if k != n]
    assert not any(re.sub(r"\s+", "", s) in flat for s in others if len(s) > 60)  # closed ones stay closed


# ---- real chains from the corpus --------------------------------------------------------------------

def test_a_chain_without_wps_language_says_so_and_shows_the_text_lineage(chromium, tmp_path):
    result = _corpus_chain(CYPRUS)
    visit = open_file(chromium, _write(tmp_path, "cyprus.html", result))
    try:
        page = visit.page
        sentence = page.text_content("#sentence")
        assert sentence.startswith("None of the 6 resolutions, from S/RES/186 (1964) to S/RES/206 (1965), has WPS language; ")
        assert page.query_selector("#tiles") is None and page.query_selector("#renewals") is None
        assert page.query_selector("#c-wps") is None and page.query_selector("svg") is None
        statuses = page.eval_on_selector_all("#matrix tbody.lin", "bs => bs.map(b => Array.from(b.querySelectorAll('td.cell')).map(c => c.dataset.status))")
        assert statuses == [[s.status.id for s in l.steps] for l in result.lineages]
        assert visit.errors == [] and visit.console == []
    finally:
        visit.page.context.close()


def test_a_corpus_chain_with_wps_language_counts_what_its_lineages_say():
    """S/RES/798 (1992) -> 808 -> 819 -> 820 (1993), Bosnia and Herzegovina: the gender language is
    followed step by step, and every count of the first screen is a count of lineage steps."""
    result = _corpus_chain(BOSNIA)
    view = build_chain_view(result, details=False)
    assert [c.wps_units for c in view.columns] == list(result.wps_counts()) == [2, 1, 1, 1]
    by_key = {c.event.key: c for c in view.counts}
    for count in view.counts:
        expected = [0] * len(result.resolutions)
        for lineage in result.lineages:
            for k in range(1, len(lineage.steps)):
                step, before = lineage.steps[k], lineage.steps[k - 1]
                if (step.wps or before.wps) and step.status in count.event.statuses:
                    expected[k] += 1
        assert count.total == sum(expected) and dict(count.where) == {k: n for k, n in enumerate(expected) if n}
    assert by_key["gained"].total >= 1 and by_key["lost"].total >= 1
    wps_stories = [r.story for r in view.rows if r.is_wps]
    assert "PP 2 of 798 (1992); dropped in 808 (1993)" in wps_stories


@pytest.mark.parametrize("names", [CYPRUS_11, ANGOLA, BOSNIA], ids=["cyprus", "angola", "bosnia"])
def test_every_story_tells_each_drop_return_and_change_of_its_lineage(names):
    """Real chains: a story names every renewal where its unit was dropped (or merged away), came back,
    or changed in place, and nothing else happens in it."""
    result = _corpus_chain(names)
    view = build_chain_view(result, details=False, arrow="->")
    told = 0
    for row, lineage in zip(view.rows, result.lineages):
        steps = lineage.steps
        ends = [k for k, s in enumerate(steps) if s.status == "dropped" or s.absorbed]
        assert row.story.count("; dropped in ") + row.story.count("; merged into ") == len(ends), row.story
        for k in ends:
            assert f"; dropped in {view.columns[k].when}" in row.story or "; merged into " in row.story
        for k, step in enumerate(steps):
            if step.status == "restored":
                assert f"; restored in {view.columns[k].when} as {pretty_label(step.label)}" in row.story
            elif k > lineage.first and step.label and step.status != "retained" and not step.absorbed:
                assert step.status.label in row.story and view.columns[k].when in row.story, (row.story, k)
                told += 1
    assert told > 0


# ---- text, Markdown and JSON tell the same stories -------------------------------------------------

@pytest.fixture
def run(capsys):
    """``mandiff ARGS`` in this process, through ``main`` (exit status, stdout, stderr)."""
    from mandiff.cli import main

    def run_mandiff(*args):
        capsys.readouterr()
        with pytest.raises(SystemExit) as stop:
            main([str(a) for a in args])
        out = capsys.readouterr()
        return stop.value.code, out.out, out.err

    return run_mandiff


FICTIONAL_STORIES = [
    "PP 3 (2031) -> OP 2 (2032), strengthened, moved to operative (moved from the preamble into the operative part)",
    "PP 5 (2031); dropped in 2032; restored in 2034 as PP 5",
    "OP 3 (2031); merged into OP 3 (2032)",
    "OP 4 (2031); weakened in 2032 ('Requests' became 'Encourages'); strengthened in 2033 ('Encourages' became 'Requests')",
    # the split's second half gained two hedges: the split is weakened, and the 2033 text drops them again
    "OP 5 (2031) -> OP 5 (2032), weakened, split, also into OP 6 (2032) (added the hedge 'as appropriate'; "
    "added the hedge 'within existing resources')",
    "OP 6 (2032), weakened, split from OP 5 (2031) (added the hedge 'as appropriate'; added the hedge 'within "
    "existing resources'); strengthened in 2033 (removed the hedge 'as appropriate'; removed the hedge 'within "
    "existing resources')",
    "OP 7 (2031) -> OP 11 (2032), retained, moved -> OP 12 (2033), weakened, renumbered ('Requests' became "
    "'Encourages'; removed 'fully')",
]


def test_the_text_output_tells_every_wps_lineage_its_story(fictional):
    from mandiff.render.chaintext import render_chain_text

    text = render_chain_text(fictional, width=10_000)
    for story in FICTIONAL_STORIES:
        assert f"  - {story}\n" in text
    wps_part = text.split("WPS language, lineage by lineage (18):\n", 1)[1].split("\n\n", 1)[0]
    assert len(wps_part.splitlines()) == sum(l.is_wps for l in fictional.lineages) == 18
    assert "Renewal by renewal (WPS language):\n  9950 (2032): 11 WPS units; 1 gained, 3 lost, 3 weakened, 1 strengthened, 1 modified\n" in text
    assert text.rstrip().endswith("11 other units kept the same words all along (their numbers may have changed).")


def test_the_markdown_output_tells_the_same_stories_escaped(run, tmp_path):
    code, md, err = run("chain", *FICTIONAL, "--format", "md")
    assert code == 0, err
    assert md.startswith("# S/RES/9901 (2031) … S/RES/10053 (2034): a chain of 4 resolutions\n")
    assert "| Renewal | WPS units | + gained | ✕ lost | ▼ weakened | ▲ strengthened | ± mixed | ↺ restored | \\~ modified | ≈ rewritten |" in md
    assert "- **OP 4** (9901 (2031)): OP 4 (2031); weakened in 2032 ('Requests' became 'Encourages'); strengthened in 2033 ('Encourages' became 'Requests')\n" in md
    assert "- **PP 5** (9901 (2031)): PP 5 (2031); dropped in 2032; restored in 2034 as PP 5\n" in md
    assert run("chain", *FICTIONAL, "-o", tmp_path / "chain.md")[0] == 0
    assert (tmp_path / "chain.md").read_text(encoding="utf-8") == md  # the extension chooses Markdown


def test_json_gives_every_step_with_its_status_and_reasons(run):
    import json

    data = json.loads(run("chain", *FICTIONAL, "--format", "json")[1])
    assert all(len(l["steps"]) == 4 for l in data["lineages"])
    op4 = next(l for l in data["lineages"] if [s["label"] for s in l["steps"]] == ["OP4"] * 4)
    assert [(s["status"], s["reasons"]) for s in op4["steps"]] == [
        ("new", []), ("weakened", ["'Requests' became 'Encourages'"]), ("strengthened", ["'Encourages' became 'Requests'"]),
        ("retained", [])]
    ids = {v.id for v in Verdict}
    assert all(s["status"] in ids for l in data["lineages"] for s in l["steps"])


# ---- inputs: --keep-going ----------------------------------------------------------------------------

def test_keep_going_skips_an_unreadable_file_with_a_warning(run, tmp_path):
    import json

    missing, empty = tmp_path / "missing.txt", tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, out, err = run("chain", FICTIONAL[0], missing, FICTIONAL[1], "--format", "json")
    assert code == 2 and out == ""
    assert err.startswith(f"mandiff: error: {missing}: ") and len(err.splitlines()) == 1
    code, out, err = run("chain", FICTIONAL[0], missing, empty, FICTIONAL[1], "--format", "json", "--keep-going")
    assert code == 0, err
    warnings = json.loads(out)["warnings"]
    assert [w["code"] for w in warnings] == ["skipped", "skipped"]
    assert warnings[0]["message"].startswith(f"{missing}: ") and warnings[0]["message"].endswith("; skipped")
    assert warnings[1]["message"].startswith(f"{empty}: ")
    assert err.splitlines() == [f"mandiff: warning: {w['message']}" for w in warnings]
    assert len(json.loads(out)["resolutions"]) == 2
    page = run("chain", FICTIONAL[0], missing, FICTIONAL[1], "--keep-going", "--format", "html")[1]
    assert f'<p class="warning" data-code="skipped"><strong>Warning:</strong> {missing}: ' in page
    code, out, err = run("chain", FICTIONAL[0], missing, empty, "--keep-going")
    assert code == 2 and out == ""
    assert err.splitlines()[-1] == "mandiff: error: only 1 of the 3 files could be read; a chain needs at least two"


# ---- document text is never markup -------------------------------------------------------------------

def test_document_text_is_escaped_in_the_panels(chromium, tmp_path):
    hostile = tmp_path / "S-RES-9950-hostile.txt"
    text = FICTIONAL[1].read_text(encoding="utf-8")
    hostile.write_text(text.replace("to deploy gender advisers", 'to deploy <img src=x onerror="alert(1)"> gender advisers'),
                       encoding="utf-8")
    visit = open_file(chromium, _write(tmp_path, "hostile.html", _chain([FICTIONAL[0], hostile])))
    try:
        assert visit.page.query_selector("img") is None
        panels = visit.page.eval_on_selector_all(".step .txt", "ps => ps.map(p => p.textContent).join(' ')")
        assert '<img src=x onerror="alert(1)">' in panels
        assert visit.console == [] and visit.errors == [] and visit.foreign_requests == []
    finally:
        visit.page.context.close()
