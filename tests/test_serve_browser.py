"""mandiff serve in Chromium, through the DOM, as a person uses it: compare the fictional pair by upload
(one file dropped on the form) and see the scorecard, check a pasted citation list, a bad file comes
back as a message with the form kept, every download link gives the CLI's file. Each page is saved as
a screenshot in tests/_artifacts/ (serve-*.png) to be looked at.

Inputs: the fictional example pair (files, an index of them for Search, OLD as a PDF in the download
cache for its symbol), a
citation list written here and a scanned PDF made by the test (no text layer).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from browser import ARTIFACTS
from conftest import EXAMPLES
from serve_support import environment, running_server

OLD = EXAMPLES / "S-RES-9901-2031-fictional.txt"
NEW = EXAMPLES / "S-RES-9950-2032-fictional.txt"
# a form sent back with its error has status 422, which Chromium notes in the console
EXPECTED = "Failed to load resource: the server responded with a status of 422"
ASKS = "Our asks for the renewal of MINUVAL\n\nWe ask the Council to maintain S/RES/9901 (2031) OPs 4, 6(b), 9 and PP3.\n"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from render_docs import render_pdf, spec_from_path

    tmp = tmp_path_factory.mktemp("serve-browser")
    (tmp / "cache").mkdir()
    (tmp / "cache" / "S_RES_9901_2031_EN.pdf").write_bytes(render_pdf(spec_from_path(OLD)))  # OLD by its symbol
    env = environment(tmp)
    subprocess.run([sys.executable, "-m", "mandiff", "index", str(EXAMPLES), "--db", str(tmp / "index.sqlite")],
                   env=env, check=True, capture_output=True, timeout=120)
    with running_server(tmp, "--db", str(tmp / "index.sqlite"), env=env) as server:
        server.env = env
        yield server
    assert server.spooled() == []


@pytest.fixture
def tab(chromium, served):
    """A fresh browser tab that records console errors, page errors and every request it makes."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.problems, page.requests = [], []
    page.on("console", lambda m: m.type in ("error", "warning") and not m.text.startswith(EXPECTED) and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    yield page
    assert page.problems == [], "the page logged errors (a CSP violation is one)"
    assert all(u.startswith((served.url, "data:", "about:")) for u in page.requests), page.requests
    context.close()


def _shot(page, name: str, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=full_page)


def _drop(page, field: str, path: Path) -> None:
    """Drop a file on a field's drop zone, as a person drags it from a folder."""
    transfer = page.evaluate_handle(
        "([name, text]) => { const t = new DataTransfer(); t.items.add(new File([text], name, {type: 'text/plain'})); return t; }",
        [path.name, path.read_text(encoding="utf-8")])
    page.dispatch_event(f"label.drop:has(#{field})", "drop", {"dataTransfer": transfer})


def _submit_and_watch_progress(page, shot: str | None = None) -> None:
    """Submit as a person does, and see the progress note that appears after a second of waiting. The
    first submission is held in the page (a listener after the app's own cancels it), so that the note
    is seen whatever the speed of the machine; then the form is sent for real."""
    page.evaluate("window.hold = e => e.preventDefault(); document.querySelector('form.job').addEventListener('submit', hold)")
    page.click("button.go")
    page.wait_for_selector(".progress", state="visible", timeout=10_000)
    assert page.is_disabled("button.go")
    if shot:
        _shot(page, shot)
    page.evaluate("document.querySelector('form.job').removeEventListener('submit', hold)")
    with page.expect_navigation():
        page.evaluate("document.querySelector('form.job').requestSubmit()")


def _cli(served, tmp: Path, runs: list[list[str]], stdin: str = "") -> None:
    code = ("import io, json, sys\nfrom mandiff.cli import main\ndata = sys.stdin.buffer.read()\n"
            "for args in json.loads(sys.argv[1]):\n    sys.stdin = io.TextIOWrapper(io.BytesIO(data))\n"
            "    try:\n        main(args)\n    except SystemExit as exc:\n        assert exc.code == 0, args\n")
    subprocess.run([sys.executable, "-c", code, json.dumps(runs)], cwd=EXAMPLES, env=served.env, input=stdin,
                   text=True, check=True, capture_output=True, timeout=300)


def _downloads(page, tmp: Path) -> dict[str, tuple[str, bytes]]:
    """Click every download link: format -> (file name, bytes saved)."""
    out = {}
    for link in page.query_selector_all(".downloads a"):
        with page.expect_download() as info:
            link.click()
        download = info.value
        out[link.get_attribute("data-format")] = (download.suggested_filename, Path(download.path()).read_bytes())
    return out


def test_compare_the_fictional_pair_by_upload_and_download_every_format(tab, served, tmp_path):
    tab.goto(f"{served.url}/compare")
    _shot(tab, "serve-compare.png")
    _drop(tab, "old_file", OLD)
    assert tab.eval_on_selector("#old_file", "i => i.files.length") == 1
    assert tab.text_content("label.drop:has(#old_file) .chosen") == OLD.name
    tab.set_input_files("#new_file", str(NEW))
    _submit_and_watch_progress(tab, "serve-progress.png")
    assert tab.title().startswith("S/RES/9901 (2031) → S/RES/9950 (2032)")
    report = tab.frame_locator("iframe.report-frame")
    report.locator("#scorecard").wait_for()
    tiles = {t.get_attribute("data-key"): t.locator(".n").text_content() for t in report.locator("#scorecard .tile").all()}
    _shot(tab, "serve-result.png")

    got = _downloads(tab, tmp_path)
    _cli(served, tmp_path, [["diff", OLD.name, NEW.name, "-o", str(tmp_path / name)] for name, _data in got.values()])
    assert set(got) >= {"text", "json", "md", "csv", "html"}
    for fmt, (name, data) in got.items():
        assert data == (tmp_path / name).read_bytes(), f"the {fmt} download differs from `mandiff diff -o {name}`"
    wps = json.loads(got["json"][1])["summary"]["wps"]  # the scorecard says what the CLI's JSON says
    assert {k: tiles[f"wps.{k}"] for k in ("old_units", "weakened", "dropped")} == {
        k: str(wps[k]) for k in ("old_units", "weakened", "dropped")}
    assert wps["old_units"] == 12 and wps["dropped"] == 1


def test_check_a_pasted_citation_list(tab, served, tmp_path):
    tab.goto(f"{served.url}/check")
    tab.fill("#checklist_text", ASKS)
    tab.set_input_files("#new_file", str(NEW))
    tab.set_input_files("#old_file", str(OLD))
    _shot(tab, "serve-check.png")
    with tab.expect_navigation():
        tab.click("button.go")
    report = tab.frame_locator("iframe.report-frame")
    rows = report.locator("table.asks tbody tr")
    rows.first.wait_for()
    statuses = [r.get_attribute("class") for r in rows.all()]
    assert ["k-weakened" in c for c in statuses] == [True, False, False, False]
    assert ["k-retained" in c for c in statuses] == [False, False, True, False]
    _shot(tab, "serve-check-result.png")
    got = _downloads(tab, tmp_path)
    _cli(served, tmp_path, [["check", "-", NEW.name, "--old", OLD.name, "-o", str(tmp_path / name)] for name, _ in got.values()],
         stdin=ASKS)
    for fmt, (name, data) in got.items():
        assert data == (tmp_path / name).read_bytes(), fmt


def test_a_bad_file_gives_the_message_with_the_form_kept(tab, served, tmp_path):
    from render_docs import render_scanned_pdf

    scan = tmp_path / "draft-2032-scan.pdf"
    scan.write_bytes(render_scanned_pdf())
    tab.goto(f"{served.url}/check")
    tab.fill("#checklist_text", ASKS)
    tab.fill("#old_symbol", "S/RES/9901 (2031)")
    tab.set_input_files("#new_file", str(scan))
    with tab.expect_navigation():
        tab.click("button.go")
    alert = tab.locator("#error")
    assert alert.is_visible()
    assert alert.text_content().count("draft-2032-scan.pdf") >= 2  # in the message, and named as the file refused
    assert tab.input_value("#checklist_text") == ASKS  # the paste is kept (as the user typed it, one LF a line)
    assert tab.input_value("#old_symbol") == "S/RES/9901 (2031)"
    assert tab.get_attribute("#new_file", "aria-invalid") == "true"
    assert tab.locator(".zone.rejected .rejected-note").is_visible()
    _shot(tab, "serve-error.png")


def test_chain_and_search_pages(tab, served):
    tab.goto(f"{served.url}/chain")
    tab.set_input_files("#files", [str(NEW), str(OLD)])
    assert tab.text_content("label.drop:has(#files) .chosen") == f"{NEW.name}, {OLD.name}"
    _shot(tab, "serve-chain.png")
    with tab.expect_navigation():
        tab.click("button.go")
    assert tab.locator('.warnings .warning[data-code="reordered"]').is_visible()
    report = tab.frame_locator("iframe.report-frame")
    report.locator("#matrix").wait_for()
    report.locator("h1").wait_for(state="visible")
    tab.wait_for_timeout(200)  # the frame's first paint, for the picture only
    _shot(tab, "serve-chain-result.png")

    tab.goto(f"{served.url}/search")
    tab.fill("#phrase", "meaningful participation")
    with tab.expect_navigation():
        tab.click("button.go")
    assert tab.input_value("#phrase") == "meaningful participation"
    assert tab.locator(".hit").count() >= 4
    assert tab.text_content(".first-use strong") == "S/RES/9901 (2031) PP 3"
    _shot(tab, "serve-search.png")
