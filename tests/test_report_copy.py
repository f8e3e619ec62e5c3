"""Copy and paste: the HTML redline selected in Chromium and copied into Word or an e-mail keeps its words,
labels and tags apart ("Calls upon Encourages", not "Calls uponEncourages").

The copied text is what the browser puts on the clipboard as plain text: ``Selection.toString()`` of
the selection, read here, and the clipboard itself after Ctrl+C. Every word of it must be a word of a
unit's text (old or new) or of the page's own words (labels, badges, categories); two words glued
together are neither.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import EXAMPLES
from mandiff.compare import compare
from mandiff.pipeline import parse_path, parse_text
from mandiff.render.checktext import render_check_html
from mandiff.render.html import render_diff_html

_WORD = re.compile(r"\w+(?:['’-]\w+)*")  # a word as the diff cuts them: punctuation next to it is not glued
OLD = EXAMPLES / "S-RES-9901-2031-fictional.txt"
NEW = EXAMPLES / "S-RES-9950-2032-fictional.txt"


@pytest.fixture(scope="module")
def comparison():
    return compare(parse_path(str(OLD)), parse_path(str(NEW)))


@pytest.fixture(scope="module")
def report(comparison, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("copy") / "report.html"
    path.write_text(render_diff_html(comparison), encoding="utf-8")
    return path


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
    from browser import open_file

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
    from browser import open_file
    from mandiff.checklist import run_check

    path = tmp_path / "check.html"
    path.write_text(render_check_html(run_check(None, str(NEW), all_wps=str(OLD))), encoding="utf-8")
    visit = open_file(chromium, path)
    try:
        copied = _select(visit.page, "main")
        old, new = parse_path(str(OLD)), parse_path(str(NEW))
        assert _glued(copied, _words_of_the_page(visit.page) | _unit_words(old, new)) == []
        assert "Requests Encourages" in copied
    finally:
        visit.page.context.close()
