"""The PDF reader on the Official Document System layout, rendered at test time from real corpus texts."""

from __future__ import annotations

import re

import pytest

from conftest import corpus_file
from mandiff.errors import FormatError, LimitError
from mandiff.ingest import read_bytes, read_path
from mandiff.ingest.pdf import DAMAGED, ENCRYPTED, NO_TEXT, is_furniture_text
from mandiff.limits import Limits
from mandiff.pipeline import parse_bytes, parse_path
from render_docs import (
    render_encrypted_pdf,
    render_pdf,
    render_pages_pdf,
    render_plain_pdf,
    render_scanned_pdf,
    resolution_units,
    spec_from_resolution,
)

ROUND_TRIP = ["1445_2002", "0798_1992", "0820_1993", "0161_1961"]


@pytest.fixture(scope="module")
def rendered() -> dict:
    """Each corpus text rendered once: (reference resolution, PDF bytes, pages, hyphenated words)."""
    out = {}
    for name in ROUND_TRIP:
        path = corpus_file(name)
        reference = parse_path(str(path))
        data = render_pdf(spec_from_resolution(reference))
        out[name] = (reference, data, render_pdf.last_page_count, render_pdf.last_hyphen_count)
    return out


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_pdf_gives_the_same_units_as_the_text(rendered, name, tmp_path):
    reference, data, _pages, _hyphens = rendered[name]
    path = tmp_path / f"S_RES_{name}.pdf"
    path.write_bytes(data)
    from_pdf = parse_path(str(path))
    assert resolution_units(from_pdf) == resolution_units(reference)
    assert from_pdf.symbol == reference.symbol


def test_the_rendering_really_has_furniture_hyphens_and_several_pages(rendered):
    """Guard against a round trip that passes because the PDF is too easy."""
    _reference, data, pages, hyphens = rendered["1445_2002"]
    assert pages >= 4
    assert hyphens >= 5
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    raw_text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    pdf.close()
    assert re.search(r"\d{2}-\d{5} \(E\)\s+\d{6}", raw_text)  # job number with date code
    assert re.search(r"\*\d{7}\*", raw_text)  # barcode text
    assert re.search(rf"\b2/{pages}\b", raw_text)  # page number
    assert raw_text.count("S/RES/1445 (2002)") == pages  # title block + one running header a page


def test_furniture_is_removed_and_the_title_block_kept(rendered):
    _reference, data, pages, _ = rendered["1445_2002"]
    raw = read_bytes(data, "S_RES_1445.pdf")
    lines = raw.text.split("\n")
    assert lines[0] == "United Nations S/RES/1445 (2002)"
    assert "Resolution 1445 (2002)" in lines
    assert "The Security Council," in lines
    assert raw.text.count("S/RES/1445 (2002)") == 1  # running headers gone
    assert not re.search(r"\d{2}-\d{5}", raw.text)  # job numbers gone
    assert "*" not in raw.text  # barcode gone
    assert not re.search(r"\b\d/\d\b", raw.text)  # page numbers gone
    assert "Please recycle" not in raw.text
    assert raw.hints["symbol"] == "S/RES/1445 (2002)"
    assert raw.hints["date"] == "2002-12-04"
    assert raw.hints["language"] == "en"


def test_paragraphs_are_numbered_in_the_text_and_separated_by_blank_lines(rendered):
    _reference, data, _pages, _ = rendered["1445_2002"]
    paragraphs = read_bytes(data, "x.pdf").text.strip().split("\n\n")
    numbered = [p.split()[0] for p in paragraphs if re.match(r"^\d+\.", p)]
    assert numbered == [f"{n}." for n in range(1, 26)]
    dashes = [p for p in paragraphs if p.startswith("\u2013 ")]
    assert len(dashes) == 6
    assert all("\n" not in p for p in paragraphs)  # hard wraps joined inside each paragraph
    # OP4 and OP8 had their number alone on a line in the PDF; it is joined to the text
    assert any(p.startswith("4. Stresses the importance of the voluntary nature") for p in paragraphs)
    assert any(p.startswith("8. Welcomes the statement of 24 September 2002") for p in paragraphs)


def test_footnotes_leave_the_text_and_go_to_hints(rendered):
    reference, data, _pages, _ = rendered["0798_1992"]
    raw = read_bytes(data, "S_RES_0798.pdf")
    assert raw.hints["footnotes"] == ["1/ S/24960."]
    assert "S/24960" not in raw.text
    assert parse_bytes(data, "x.pdf").footnotes == reference.footnotes == ("1/ S/24960.",)
    raw_161 = read_bytes(rendered["0161_1961"][1], "S_RES_0161.pdf")
    assert raw_161.hints["footnotes"] == [
        "3 Official Records of the Security Council, Sixteenth Year, Supplement for January, February and March "
        "1961, document S/4691."
    ]
    assert "Official Records" not in raw_161.text


def test_a_paragraph_number_alone_on_its_line_is_joined_to_its_text():
    data = render_plain_pdf(
        [
            (90, 700, "The Security Council,"),
            (90, 670, "28."),
            (126, 656, "Decides that the mandate shall include the following"),
            (126, 642, "priority tasks;"),
            (90, 612, "(c)"),
            (126, 598, "Protection of civilians"),
        ]
    )
    text = read_bytes(data, "lone.pdf").text
    assert text.split("\n\n") == [
        "The Security Council,",
        "28. Decides that the mandate shall include the following priority tasks;",
        "(c) Protection of civilians\n",
    ]


def test_a_one_line_preambular_paragraph_at_the_foot_of_a_page_is_not_joined_to_the_next_one():
    """Found on S/RES/775 (1992) rendered as PDF: a paragraph whose only line fills the width ends a page,
    and the next page opens with the same first-line indent; nothing but that indent says "new paragraph"."""
    width_filler = "Welcoming in particular the initiatives to provide relief through airlift operations,"
    data = render_pages_pdf(
        [
            [
                (72, 700, "The Security Council,"),
                (72, 670, "Recalling its resolution 733 (1992) on the situation in Somalia and"),
                (72, 656, "its earlier resolutions on the same question,"),
                (108, 100, width_filler),
            ],
            [
                (108, 700, "Convinced that no durable progress will be achieved in the absence of"),
                (72, 686, "an overall political solution in Somalia,"),
                (108, 656, "1. Decides to remain seized of the matter."),
            ],
        ]
    )
    paragraphs = read_bytes(data, "foot.pdf").text.strip().split("\n\n")
    assert paragraphs[2:4] == [
        width_filler,
        "Convinced that no durable progress will be achieved in the absence of an overall political solution in Somalia,",
    ]


def test_paragraphs_apart_only_by_spacing_when_few_of_them_wrap():
    """The shape of LibreOffice's PDF of S/RES/116 (1956) (benchmarks/roundtrip_libreoffice.py): no first-line
    indents, one-line paragraphs 24.7 pt apart and a single wrapped line 14.7 pt below its first (there, with
    the title block, a median of the gaps took 24.7 for the line pitch and made the page one paragraph)."""
    clauses = [
        "The Security Council,",
        "Recalling its earlier resolutions on the question,",
        "Noting the report of the fictional Commission,",
        "Welcoming the progress made in the fictional Republic,",
        "Having examined the application of the fictional Republic,",
    ]
    lines = [(90, 700 - 24.7 * k, text) for k, text in enumerate(clauses)]
    lines += [(90, 700 - 24.7 * 5, "Recommends to the General Assembly that the fictional Republic be admitted to"),
              (90, 700 - 24.7 * 5 - 14.7, "membership in the United Nations.")]
    assert read_bytes(render_pages_pdf([lines]), "spaced.pdf").text.strip().split("\n\n") == clauses + [
        "Recommends to the General Assembly that the fictional Republic be admitted to membership in the United Nations.",
    ]


def test_full_lines_that_never_wrap_still_split_at_paragraph_spacing():
    """Every gap is a paragraph gap and every line fills the measure: only the font size (single spacing
    is at most 1.3 times it) shows that 24.7 pt is more than a line."""
    clauses = [
        "Recalling its resolutions on the situation in the fictional Republic and the region,",
        "Noting with concern the reports of the Secretary-General on the fictional Republic,",
        "Welcoming the agreement signed by the parties in the capital of the fictional Republic,",
    ]
    lines = [(90, 700, "The Security Council,")] + [(90, 675.3 - 24.7 * k, text) for k, text in enumerate(clauses)]
    lines.append((90, 675.3 - 24.7 * 3, "1. Decides to remain seized of the matter."))
    paragraphs = read_bytes(render_pages_pdf([lines]), "full.pdf").text.strip().split("\n\n")
    assert paragraphs == ["The Security Council,"] + clauses + ["1. Decides to remain seized of the matter."]


def test_a_preambular_clause_at_the_top_of_a_page_starts_a_paragraph_without_indent_or_gap():
    """S/RES/182 (1963) from LibreOffice: "..., 12" fills the last line of a page, and "Noting with deep
    satisfaction" opens the next one at the same margin; only the words say it is a new clause."""
    data = render_pages_pdf(
        [
            [
                (90, 700, "The Security Council,"),
                (90, 675, "Taking note of the reports of the Special Committee on the Policies of apartheid of the"),
                (90, 660, "Government of the fictional Republic, whose conclusions it shares in every point, 12"),
            ],
            [
                (90, 700, "Noting with deep satisfaction the overwhelming support for the resolution adopted"),
                (90, 685, "by the General Assembly on 11 October 2031,"),
                (90, 660, "1. Decides to remain seized of the matter."),
            ],
        ]
    )
    paragraphs = read_bytes(data, "clause.pdf").text.strip().split("\n\n")
    assert paragraphs[1].endswith("in every point, 12")
    assert paragraphs[2] == "Noting with deep satisfaction the overwhelming support for the resolution adopted by the General Assembly on 11 October 2031,"


def test_a_heading_at_the_foot_of_a_page_is_not_joined_to_the_sub_paragraph_that_opens_the_next():
    """Found on the S/RES/2480 (2019) fixture laid out by LibreOffice: "(d) Good offices and reconciliation"
    ends a page without punctuation, "(iv) To encourage ..." opens the next one."""
    data = render_pages_pdf(
        [
            [
                (72, 700, "The Security Council,"),
                (72, 670, "28. Decides that the mandate of the fictional Mission shall comprise:"),
                (108, 100, "(d) Good offices and reconciliation"),
            ],
            [
                (126, 700, "(iv) To encourage and support the full implementation of the Agreement by all"),
                (144, 686, "parties, including by promoting the meaningful participation of women;"),
            ],
        ]
    )
    paragraphs = read_bytes(data, "heading.pdf").text.strip().split("\n\n")
    assert paragraphs[2:] == [
        "(d) Good offices and reconciliation",
        "(iv) To encourage and support the full implementation of the Agreement by all parties, including by "
        "promoting the meaningful participation of women;",
    ]


def test_a_paragraph_that_runs_on_over_a_page_break_is_still_one_paragraph():
    data = render_pages_pdf(
        [
            [(72, 700, "The Security Council,"), (108, 100, "Noting that the Government of the fictional Republic has agreed that,")],
            [(72, 700, "in view of the conditions in the island, the Force should stay,"), (108, 670, "1. Decides to remain seized.")],
        ]
    )
    paragraphs = read_bytes(data, "runon.pdf").text.strip().split("\n\n")
    assert paragraphs[1] == "Noting that the Government of the fictional Republic has agreed that, in view of the conditions in the island, the Force should stay,"


@pytest.mark.parametrize(
    "line, furniture",
    [
        ("S/RES/1445 (2002)", True),
        ("02-72318 (E)    041202", True),
        ("*0272318*", True),
        ("2/5 02-72318", True),
        ("02-72318 5/5", True),
        ("Please recycle", True),
        ("25. Decides to remain actively seized of the matter.", False),
        ("resolution 1325 (2000),", False),
        ("(a)", False),
    ],
)
def test_furniture_by_content(line, furniture):
    assert is_furniture_text(line) is furniture


def test_a_scan_without_text_layer_is_refused():
    with pytest.raises(FormatError) as info:
        read_bytes(render_scanned_pdf(), "scan.pdf")
    assert info.value.message == NO_TEXT == "no text layer: the PDF is a scan; OCR it first"
    assert info.value.source == "scan.pdf"


def test_an_encrypted_pdf_is_refused():
    with pytest.raises(FormatError) as info:
        read_bytes(render_encrypted_pdf(), "locked.pdf")
    assert info.value.message == ENCRYPTED == "encrypted PDF: remove the password first"


def test_a_pdf_with_only_an_owner_password_opens_without_one():
    from reportlab.lib import pdfencrypt

    data = render_encrypted_pdf("The Security Council, 1. Decides", pdfencrypt.StandardEncryption("", ownerPassword="owner", canCopy=0))
    assert read_bytes(data, "restricted.pdf").text.strip() == "The Security Council, 1. Decides"


@pytest.mark.parametrize("cut", ["half", "tail", "head"])
def test_a_truncated_or_damaged_pdf_is_refused(rendered, cut):
    data = rendered["0798_1992"][1]
    damaged = {"half": data[: len(data) // 2], "tail": data[:-40], "head": b"%PDF-1.4\n" + b"\x00garbage" * 200 + b"\n%%EOF\n"}[cut]
    with pytest.raises(FormatError) as info:
        read_bytes(damaged, "cut.pdf")
    assert info.value.message == DAMAGED == "truncated or damaged PDF"


def test_too_many_pages_names_the_option(tmp_path):
    data = render_plain_pdf([(90, 700, "1. Decides to remain seized of the matter.")], pages=5)
    with pytest.raises(LimitError) as info:
        read_bytes(data, "long.pdf", Limits(max_pages=4))
    assert info.value.message == "PDF has 5 pages, over the limit of 4 (raise it with --max-pages)"
    assert read_bytes(data, "long.pdf", Limits(max_pages=5)).format == "pdf"


def test_a_pdf_is_read_by_content_whatever_its_name(rendered, tmp_path):
    path = tmp_path / "resolution.txt"
    path.write_bytes(rendered["0798_1992"][1])
    raw = read_path(str(path))
    assert raw.format == "pdf"
    assert raw.text.startswith("United Nations S/RES/798 (1992)")


def test_raised_footnote_marks_leave_the_text_and_the_note_keeps_its_number():
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(612, 792))
    c.setFont("Times-Roman", 11)
    c.drawString(90, 600, "The Security Council,")
    c.drawString(126, 570, "Recalling its resolution 1325 (2000)")
    width = c.stringWidth("Recalling its resolution 1325 (2000)", "Times-Roman", 11)
    c.setFont("Times-Roman", 7)
    c.drawString(126 + width, 574, "1")
    c.setFont("Times-Roman", 11)
    c.drawString(126 + width + 4, 570, " on women and peace and security,")
    c.drawString(90, 540, "1. Decides to remain seized of the matter.")
    c.line(90, 140, 234, 140)
    c.setFont("Times-Roman", 7)
    c.drawString(90, 128, "1")
    c.setFont("Times-Roman", 9)
    c.drawString(96, 124, "S/RES/1325 (2000).")
    c.showPage()
    c.save()
    raw = read_bytes(buffer.getvalue(), "marks.pdf")
    assert raw.text.split("\n\n") == [
        "The Security Council,",
        "Recalling its resolution 1325 (2000) on women and peace and security,",
        "1. Decides to remain seized of the matter.\n",
    ]
    assert raw.hints["footnotes"] == ["1 S/RES/1325 (2000)."]


def test_the_2480_excerpts_round_trip(fixture_2480, tmp_path):
    reference = parse_path(str(fixture_2480))
    path = tmp_path / "2480.pdf"
    path.write_bytes(render_pdf(spec_from_resolution(reference)))
    assert resolution_units(parse_path(str(path))) == resolution_units(reference)


def test_a_footnote_mark_on_a_line_of_its_own_is_dropped_not_read_as_a_word():
    """LibreOffice's justified PDF of S/RES/100 (1953): PDFium ends a line before the raised, smaller "1"
    of a footnote reference, so the mark comes as a line of its own beside the text it marks."""
    from mandiff.ingest.pdf import _Line, _merge_same_baseline

    text = _Line("dated 23 October 1953,", left=90.8, bottom=517.1, right=300.0, top=525.4, size=11.0)
    mark = _Line("1", left=301.0, bottom=521.5, right=303.4, top=526.2, size=6.4)
    same_size = _Line("15", left=301.0, bottom=517.1, right=312.0, top=525.4, size=11.0)
    assert [l.text for l in _merge_same_baseline([text, mark])] == ["dated 23 October 1953,"]
    assert [l.text for l in _merge_same_baseline([text, same_size])] == ["dated 23 October 1953, 15"]
