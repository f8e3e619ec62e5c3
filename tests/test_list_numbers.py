"""List numbers from HTML ``<ol>`` and Word numbering: formatted in bounded work, refused past the bound.

A 166-byte ``<ol type="A" start="10000000000">`` once took 132 s and 1.9 GB, and the same ``w:start``
in a DOCX 61 s and 2.2 GB (letters and roman numerals grow with the number itself); an ``<ol>`` of
10,000 items took 102 s (each item counted its siblings again). The shapes are synthetic, generated
here: the corpus has no list numbered past a few hundred.
"""

from __future__ import annotations

import pytest

from mandiff.errors import FormatError
from mandiff.grammar import numbering
from mandiff.grammar.numbering import MAX_LIST_NUMBER, ListNumberError, list_marker, parse_list_number, to_letters, to_roman
from mandiff.ingest import html as html_reader
from mandiff.ingest import read_bytes
from render_docs import docx_with_parts
from test_hostile_input import assert_one_error, run_cli, write

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEAD = "<html><body><p>The Security Council,</p>"
BOMB = 10_000_000_000


# ---- the one place where numbers become markers -----------------------------------------------------


def test_markers_in_every_style():
    assert [to_roman(v) for v in (1, 4, 9, 14, 40, 90, 400, 1994)] == ["i", "iv", "ix", "xiv", "xl", "xc", "cd", "mcmxciv"]
    assert to_roman(MAX_LIST_NUMBER) == "m" * 10
    assert [to_letters(v) for v in (1, 26, 27, 28, 53)] == ["a", "z", "aa", "bb", "aaa"]
    assert [list_marker(28, s) for s in ("decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman", "decimalZero", "none")] == [
        "28", "bb", "BB", "xxviii", "XXVIII", "28", ""]
    assert list_marker(3, "decimalZero") == "03"
    assert (to_roman(0), to_letters(0), list_marker(-2, "decimal")) == ("", "", "-2")  # Word prints nothing, a browser "-2"


@pytest.mark.parametrize("style", ["decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman", "decimalZero"])
def test_a_number_past_the_bound_is_refused_in_every_style(style):
    assert list_marker(MAX_LIST_NUMBER, style)
    for value in (MAX_LIST_NUMBER + 1, -MAX_LIST_NUMBER - 1, BOMB, 10 ** 18):
        with pytest.raises(ListNumberError) as info:
            list_marker(value, style)
        assert "past 10,000: not the numbering of a resolution" in info.value.message


def test_numbers_are_read_from_text_without_converting_long_digit_strings():
    assert [parse_list_number(t) for t in ("3", " 007 ", "+12", "-4", "0")] == [3, 7, 12, -4, 0]
    assert [parse_list_number(t, 1) for t in (None, "", "3abc", "1e5", "1_000", "\u0661\u0662", "- 3", "+")] == [1] * 8
    # a million digits: answered from the length alone (int() of it is quadratic, or refused by Python)
    assert parse_list_number("9" * 1_000_000) == 10 ** 18
    assert parse_list_number("-" + "0" * 500_000 + "12") == -12


# ---- HTML --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["1", "a", "A", "i", "I"])
def test_an_html_list_numbered_from_ten_billion_is_refused_in_one_line(tmp_path, kind):
    page = write(tmp_path / f"bomb-{kind}.html", f'{HEAD}<ol type="{kind}" start="{BOMB}"><li>Decides to act;</li></ol></body></html>')
    assert len(page.read_bytes()) < 200
    assert_one_error(run_cli("parse", page, guard=10), page, "list number 10,000,000,000 is past 10,000")


def test_an_item_value_past_the_bound_is_refused_and_one_below_is_read(tmp_path):
    over = write(tmp_path / "value.html", f'{HEAD}<ol type="i"><li>Decides;</li><li value="{"9" * 5000}">Requests;</li></ol></body></html>')
    assert_one_error(run_cli("parse", over, guard=10), over, "list number of more than 18 digits is past 10,000")
    counted = f'{HEAD}<ol start="{MAX_LIST_NUMBER - 1}"><li>Decides one;</li><li>Decides two;</li><li>Decides three;</li></ol></body></html>'
    with pytest.raises(FormatError, match="list number 10,001 is past 10,000"):
        read_bytes(counted.encode(), "counted.html")
    fine = read_bytes(counted.replace("Decides three;", "").replace("<li></li>", "").encode(), "fine.html")
    assert fine.text.split("\n\n")[1:] == ["9999. Decides one;", "10000. Decides two;\n"]


def test_html_list_numbers_follow_start_value_and_type():
    page = (f'{HEAD}<ol><li>Decides;</li><li>Requests:<ol><li>one;</li><li value="5">five;</li><li>six;</li></ol></li>'
            '<li>Urges;</li></ol><ol type="I" start="3"><li>Part</li></ol></body></html>')
    raw = read_bytes(page.encode(), "p.html")
    assert raw.text.split("\n\n") == ["The Security Council,", "1. Decides;", "2. Requests:", "(a) one;", "(e) five;", "(f) six;",
                                      "3. Urges;", "III. Part\n"]


def test_a_long_html_list_is_walked_once(monkeypatch):
    """Each item used to count its preceding siblings: 10,000 items were 50 million steps. Count the
    element-name look-ups: twice the items must cost twice the look-ups, not four times."""
    calls = [0]
    real = html_reader.localname

    def counting(element):
        calls[0] += 1
        return real(element)

    monkeypatch.setattr(html_reader, "localname", counting)

    def lookups(items: int) -> int:
        calls[0] = 0
        page = HEAD + '<ol type="a">' + "<li>Decides to act;</li>" * items + "</ol></body></html>"
        raw = read_bytes(page.encode(), f"{items}.html")
        assert raw.text.count("Decides to act;") == items
        return calls[0]

    small, large = lookups(2_000), lookups(4_000)
    assert large <= 2.05 * small, (small, large)
    assert large <= 10 * 4_000, large  # a few look-ups per item, whatever the length


# ---- DOCX --------------------------------------------------------------------------------------------


def _docx(numbering_xml: str, paragraphs: str) -> bytes:
    document = f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>The Security Council,</w:t></w:r></w:p>{paragraphs}</w:body></w:document>'
    return docx_with_parts({"word/document.xml": document.encode(), "word/numbering.xml": numbering_xml.encode()})


def _level(ilvl, fmt="upperLetter", start="1", text="%1.") -> str:
    return f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'


def _numbering(levels: str, override: str = "") -> str:
    return (f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>'
            f'<w:num w:numId="1"><w:abstractNumId w:val="0"/>{override}</w:num></w:numbering>')


def _numbered(text: str, ilvl="0") -> str:
    return f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'


@pytest.mark.parametrize("where", ["start", "startOverride", "digits"])
def test_a_word_list_numbered_from_ten_billion_is_refused_in_one_line(tmp_path, where):
    start = {"start": str(BOMB), "startOverride": "1", "digits": "7" * 100_000}[where]
    override = f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{BOMB}"/></w:lvlOverride>' if where == "startOverride" else ""
    data = _docx(_numbering(_level(0, start=start), override), _numbered("Decides to act;"))
    path = write(tmp_path / f"{where}.docx", data)
    expected = "list number of more than 18 digits" if where == "digits" else "list number 10,000,000,000 is past 10,000"
    assert_one_error(run_cli("parse", path, guard=10), path, expected)


def test_a_word_level_outside_the_nine_is_ignored_not_counted_up_to(tmp_path):
    """``w:ilvl="1000000000"`` once made the counters loop over every shallower level up to it."""
    huge = "1000000000"
    data = _docx(_numbering(_level(0, "decimal") + _level(huge, "lowerRoman", text="(%1)")),
                 _numbered("Decides to act;") + _numbered("Requests a report;", ilvl=huge))
    path = write(tmp_path / "levels.docx", data)
    result = run_cli("parse", path, "--format", "json", guard=10)
    assert result.code == 0, result.stderr
    import json

    units = [(p["label"], p["text"]) for p in json.loads(result.stdout)["paragraphs"]]
    assert units == [("OP1", "Decides to act;"), ("OP2", "Requests a report;")]  # read as level 0: "2."


def test_the_readers_share_the_one_formatter():
    """HTML and DOCX must not each carry a copy of the letter and roman rules."""
    import mandiff.ingest.docx as docx_reader

    assert docx_reader.list_marker is numbering.list_marker is html_reader.list_marker
    assert not hasattr(docx_reader, "format_number") and not hasattr(docx_reader, "_roman")
