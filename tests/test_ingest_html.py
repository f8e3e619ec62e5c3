"""The HTML reader: resolution pages, flattened preambles and press releases that quote a resolution."""

from __future__ import annotations

import pytest

from conftest import corpus_file
from mandiff.errors import FormatError
from mandiff.ingest import read_bytes, read_path
from mandiff.ingest.html import split_flattened_preamble
from mandiff.pipeline import parse_bytes, parse_path
from render_docs import render_html, render_press_release, resolution_units, spec_from_resolution

ROUND_TRIP = ["1445_2002", "0798_1992", "0820_1993", "0161_1961"]


def _reference(name):
    return parse_path(str(corpus_file(name)))


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_a_resolution_page_gives_the_same_units_as_the_text(name, tmp_path):
    reference = _reference(name)
    path = tmp_path / f"S_RES_{name}.html"
    path.write_bytes(render_html(spec_from_resolution(reference)))
    assert resolution_units(parse_path(str(path))) == resolution_units(reference)


@pytest.mark.parametrize("name", ["1445_2002", "0820_1993", "0798_1992"])
def test_a_preamble_flattened_into_one_paragraph_is_split_again(name, tmp_path):
    reference = _reference(name)
    data = render_html(spec_from_resolution(reference), flatten_preamble=True)
    assert b"<p>The Security Council, " in data  # the guard: the preamble really is one <p>
    path = tmp_path / f"S_RES_{name}.html"
    path.write_bytes(data)
    assert resolution_units(parse_path(str(path))) == resolution_units(reference)


@pytest.mark.parametrize("name, ascii_quotes", [(n, False) for n in ROUND_TRIP] + [("1445_2002", True)])
def test_a_press_release_gives_the_quoted_resolution(name, ascii_quotes, tmp_path):
    reference = _reference(name)
    path = tmp_path / f"press_{name}.html"
    path.write_bytes(render_press_release(spec_from_resolution(reference), ascii_quotes=ascii_quotes))
    raw = read_path(str(path))
    assert raw.hints["symbol"] == reference.symbol
    assert raw.text.startswith("The Security Council,\n\n")
    for prose in ("adopted resolution", "reads as follows", "Speaking before the vote", "Statements",
                  "The representative of", "The meeting began"):
        assert prose not in raw.text
    assert "\u201c" not in raw.text.split("\n\n")[1][:1]
    assert resolution_units(parse_path(str(path))) == resolution_units(reference)


def test_scripts_styles_and_site_chrome_are_not_read():
    reference = _reference("0798_1992")
    raw = read_bytes(render_html(spec_from_resolution(reference)), "page.html")
    for chrome in ("tracking", "track you", "99. Decides", "margin", "Welcome to the United Nations",
                   "Meetings Coverage", "Copyright"):
        assert chrome not in raw.text
    assert raw.hints["footnotes"] == ["1/ S/24960."]
    assert raw.hints["language"] == "en"


def test_split_flattened_preamble():
    paragraph = (
        "The Security Council, Recalling its resolutions 1325 (2000) and 2242 (2015), Reaffirming its "
        "commitment to the Fourth World Conference on Women, Beijing Declaration and Platform for Action, "
        "Noting with concern the continued violence, 12 Deeply concerned by the situation, Re-emphasizing the "
        "role of women, Appalled by reports of sexual violence,"
    )
    assert split_flattened_preamble(paragraph) == [
        "The Security Council,",
        "Recalling its resolutions 1325 (2000) and 2242 (2015),",
        "Reaffirming its commitment to the Fourth World Conference on Women, Beijing Declaration and Platform for Action,",
        "Noting with concern the continued violence, 12",
        "Deeply concerned by the situation,",
        "Re-emphasizing the role of women,",
        "Appalled by reports of sexual violence,",
    ]


def test_lists_breaks_and_numbers_written_by_the_browser():
    page = (
        "<html><body><p>The Security Council,</p><p>Recalling<br>its resolutions,</p>"
        "<ol start='3'><li>Decides that the mandate shall include:"
        "<ol type='a'><li>Protection of civilians</li><li value='4'>Human rights</li></ol></li>"
        "<li>28. Requests, typed by hand and numbered by the browser too</li></ol>"
        "<ul><li>hold a workshop;</li></ul>"
        "<ol style='list-style-type: none'><li>Plain item</li></ol></body></html>"
    )
    assert read_bytes(page.encode(), "l.html").text.strip().split("\n\n") == [
        "The Security Council,",
        "Recalling its resolutions,",
        "3. Decides that the mandate shall include:",
        "(a) Protection of civilians",
        "(d) Human rights",
        "28. Requests, typed by hand and numbered by the browser too",
        "\u2013 hold a workshop;",
        "Plain item",
    ]


def test_a_press_release_ends_at_the_first_unquoted_paragraph_after_the_resolution():
    page = (
        "<html><body><article><p>The Council adopted resolution 9901 (2031) unanimously.</p>"
        "<p>The full text of resolution 9901 (2031) reads as follows:</p>"
        "<p>\u201cThe Security Council,</p><p>\u201cRecalling its resolution 1325 (2000),</p>"
        "<p>\u201c1. Decides to extend the mandate of the fictional mission;</p>"
        "<p>Mandate</p>"
        "<p>\u201c2. Requests the \u201cmission\u201d to report;\u201d</p>"
        "<p>\u201c3. Decides to remain seized of the matter.\u201d</p>"
        "<p>Statements</p><p>The representative of a fictional State welcomed the text.</p></article></body></html>"
    )
    raw = read_bytes(page.encode(), "press.html")
    assert raw.text.strip().split("\n\n") == [
        "The Security Council,",
        "Recalling its resolution 1325 (2000),",
        "1. Decides to extend the mandate of the fictional mission;",
        "Mandate",
        "2. Requests the \u201cmission\u201d to report;",
        "3. Decides to remain seized of the matter.",
    ]
    assert raw.hints["symbol"] == "S/RES/9901 (2031)"


def test_a_press_release_keeps_an_unquoted_operative_chapeau_and_stops_at_a_quoted_speaker():
    # fictional: "Resolves:" opens numbered clauses that do not start with a verb (the style of the 1940s);
    # after the resolution, a speaker introduced with a colon is the press release's own prose
    page = (
        "<html><body><article><p>The full text of resolution 9902 (2031) reads as follows:</p>"
        "<p>\u201cThe Security Council,</p><p>\u201cTaking into account the report of the fictional mission,</p>"
        "<p><strong>Resolves:</strong></p>"
        "<p>\u201c1. That the mission shall report every three months;</p>"
        "<p>\u201c2. That the Council shall remain seized of the matter.\u201d</p>"
        "<p>The representative of a fictional State said:</p>"
        "<p>\u201cWe welcome the text.\u201d</p></article></body></html>"
    )
    raw = read_bytes(page.encode(), "press.html")
    assert raw.text.strip().split("\n\n")[2:] == [
        "Resolves:",
        "1. That the mission shall report every three months;",
        "2. That the Council shall remain seized of the matter.",
    ]
    res = parse_bytes(page.encode(), "press.html")
    assert [(p.label, p.section) for p in res.paragraphs] == [("PP1", None), ("OP1", "Resolves:"), ("OP2", "Resolves:")]


def test_the_page_charset_is_honoured():
    page = "<html><head><meta charset='windows-1252'></head><body><p>Forces D\u00e9mocratiques \u2013 \u201cFDLR\u201d</p></body></html>"
    assert read_bytes(page.encode("cp1252"), "w.html").text.strip() == "Forces D\u00e9mocratiques \u2013 \u201cFDLR\u201d"


def test_a_pdf_named_file_that_is_html_is_read_as_html(tmp_path):
    path = tmp_path / "resolution.pdf"
    path.write_bytes(b"<!DOCTYPE html><html><body><p>The Security Council,</p><p>1. Decides.</p></body></html>")
    raw = read_path(str(path))
    assert raw.format == "html"
    assert raw.text == "The Security Council,\n\n1. Decides.\n"


def test_entity_declarations_in_html_are_refused():
    page = b'<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><body><p>&x;</p></body></html>'
    with pytest.raises(FormatError) as info:
        read_bytes(page, "xxe.html")
    assert info.value.message == "XML with entity declarations refused"


def test_a_page_without_text_is_refused():
    with pytest.raises(FormatError) as info:
        read_bytes(b"<html><body><script>var a = 1;</script></body></html>", "empty.html")
    assert info.value.message == "the HTML page has no text"


def test_footnote_marks_and_notes_leave_the_paragraphs():
    page = (
        "<html><body><p>The Security Council,</p>"
        "<p>Recalling its resolution 1325 (2000)<sup><a href='#fn1'>1</a></sup> on women, the 21<sup>st</sup> century,</p>"
        "<p>1. Decides to remain seized of the matter.</p>"
        "<section class='footnotes'><p>1 S/RES/1325 (2000).</p></section></body></html>"
    )
    raw = read_bytes(page.encode(), "notes.html")
    assert raw.text.strip().split("\n\n") == [
        "The Security Council,",
        "Recalling its resolution 1325 (2000) on women, the 21st century,",
        "1. Decides to remain seized of the matter.",
    ]
    assert raw.hints["footnotes"] == ["1 S/RES/1325 (2000)."]


def test_a_press_release_without_the_marker_starts_at_the_quoted_council():
    page = (
        "<html><body><p>Acting under Chapter VII, the Council adopted a text today.</p>"
        "<p>\"The Security Council,</p><p>\"Recalling its resolution 1325 (2000),</p>"
        "<p>\"1. Decides to remain seized of the matter.\"</p>"
        "<p>The meeting began at 10 a.m. and ended at 10:15 a.m.</p></body></html>"
    )
    assert read_bytes(page.encode(), "press.html").text.strip().split("\n\n") == [
        "The Security Council,",
        "Recalling its resolution 1325 (2000),",
        "1. Decides to remain seized of the matter.",
    ]
