"""The DOCX reader: Word's automatic numbering written back as text, and a guarded zip."""

from __future__ import annotations

import io
import re
import struct
import zipfile

import pytest

from conftest import corpus_file
from mandiff.errors import FormatError
from mandiff.ingest import read_bytes
from mandiff.limits import Limits
from mandiff.pipeline import parse_path
from render_docs import docx_with_parts, render_docx, resolution_units, spec_from_resolution

ROUND_TRIP = ["1445_2002", "0798_1992", "0820_1993", "0161_1961"]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/></Types>'
)


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_docx_gives_the_same_units_as_the_text(name, tmp_path):
    reference = parse_path(str(corpus_file(name)))
    path = tmp_path / f"S_RES_{name}.docx"
    path.write_bytes(render_docx(spec_from_resolution(reference)))
    from_docx = parse_path(str(path))
    assert resolution_units(from_docx) == resolution_units(reference)
    assert from_docx.footnotes == reference.footnotes


def test_the_rendered_numbers_are_automatic_not_typed():
    """Guard: the round trip above must not pass because the numbers were in the runs."""
    reference = parse_path(str(corpus_file("0161_1961")))
    data = render_docx(spec_from_resolution(reference))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
        numbering = archive.read("word/numbering.xml").decode("utf-8")
        header = archive.read("word/header1.xml").decode("utf-8")
    assert "<w:t>Urges</w:t>" in document  # the verb typed (in italics), its number not
    assert ">1." not in document and ">2. " not in document
    assert document.count("<w:numPr>") == 8  # A:OP1-5 and B:OP1-3
    assert "startOverride" in numbering  # part B restarts at 1
    assert "S/RES/161 (1961)" in header
    raw = read_bytes(data, "x.docx")
    paragraphs = raw.text.strip().split("\n\n")
    numbers = [p.split()[0] for p in paragraphs if re.match(r"^\d+\. ", p)]
    assert numbers == ["1.", "2.", "3.", "4.", "5.", "1.", "2.", "3."]
    assert "2/5" not in raw.text  # the footer is not read
    assert raw.hints["footnotes"] == list(reference.footnotes)


def test_sub_paragraph_letters_come_from_numbering_levels():
    reference = parse_path(str(corpus_file("0820_1993")))
    raw = read_bytes(render_docx(spec_from_resolution(reference)), "x.docx")
    paragraphs = raw.text.strip().split("\n\n")
    start = paragraphs.index(next(p for p in paragraphs if p.startswith("22. ")))
    assert [p.split()[0] for p in paragraphs[start: start + 5]] == ["22.", "(a)", "(b)", "(c)", "23."]


# ---- numbering semantics on a hand-made document -----------------------------------------------


def _numbering_xml() -> bytes:
    def level(ilvl, fmt, text, start=1, restart=None):
        extra = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
        return (
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{text}"/></w:lvl>'
        )

    return (
        f'<w:numbering xmlns:w="{W}">'
        '<w:abstractNum w:abstractNumId="0">'
        + level(0, "decimal", "%1.")
        + level(1, "lowerLetter", "(%2)")
        + level(2, "lowerRoman", "(%3)")
        + "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="1">'
        + level(0, "bullet", "\uf0b7")
        + "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="2">'
        + level(0, "upperRoman", "%1.", start=3)
        + level(1, "upperLetter", "%1.%2", restart=0)
        + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="0"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="28"/></w:lvlOverride></w:num>'
        '<w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="5"><w:abstractNumId w:val="2"/></w:num>'
        "</w:numbering>"
    ).encode("utf-8")


def _styles_xml() -> bytes:
    return (
        f'<w:styles xmlns:w="{W}">'
        '<w:style w:type="paragraph" w:styleId="OpBase"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="OpPara"><w:basedOn w:val="OpBase"/>'
        '<w:pPr><w:numPr><w:ilvl w:val="0"/></w:numPr></w:pPr></w:style>'
        "</w:styles>"
    ).encode("utf-8")


def _p(text: str, num: int | None = None, ilvl: int = 0, style: str | None = None, runs: str | None = None) -> str:
    ppr = ""
    if style or num is not None:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if num is not None:
            ppr += f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>'
        ppr += "</w:pPr>"
    body = runs if runs is not None else f"<w:r><w:t>{text}</w:t></w:r>"
    return f"<w:p>{ppr}{body}</w:p>"


def _document(paragraphs: list[str]) -> bytes:
    return (f'<w:document xmlns:w="{W}"><w:body>' + "".join(paragraphs) + "</w:body></w:document>").encode("utf-8")


def _docx(paragraphs: list[str], **extra: bytes) -> bytes:
    parts = {"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": _document(paragraphs)}
    parts.update({f"word/{name}.xml": data for name, data in extra.items()})
    return docx_with_parts(parts)


def test_word_numbering_is_replayed():
    data = _docx(
        [
            _p("The Security Council,"),
            _p("Decides one", 1, 0),
            _p("First letter", 1, 1),
            _p("Second letter", 1, 1),
            _p("First roman", 1, 2),
            _p("Second roman", 1, 2),
            _p("Decides two, continuing the list of the same definition", 2, 0),
            _p("Letters restart under a new number", 2, 1),
            _p("Decides twenty-eight", 3, 0),
            _p("Its first letter", 3, 1),
            _p("A dash item", 4, 0),
            _p("Decides twenty-nine by style", style="OpPara"),
            _p("Not numbered: numId 0", 0, 0),
            _p("Part three", 5, 0),
            _p("Lettered under it", 5, 1),
            _p("Part four", 5, 0),
            _p("Not restarted (lvlRestart 0)", 5, 1),
        ],
        numbering=_numbering_xml(),
        styles=_styles_xml(),
    )
    assert read_bytes(data, "n.docx").text.strip().split("\n\n") == [
        "The Security Council,",
        "1. Decides one",
        "(a) First letter",
        "(b) Second letter",
        "(i) First roman",
        "(ii) Second roman",
        "2. Decides two, continuing the list of the same definition",
        "(a) Letters restart under a new number",
        "28. Decides twenty-eight",
        "(a) Its first letter",
        "\u2013 A dash item",
        "29. Decides twenty-nine by style",
        "Not numbered: numId 0",
        "III. Part three",
        "III.A Lettered under it",
        "IV. Part four",
        "IV.B Not restarted (lvlRestart 0)",
    ]


def test_a_level_skipped_over_counts_as_used_once_as_in_word():
    """Found by benchmarks/roundtrip_libreoffice.py on S/RES/202 (1965): preambular "(a) (b) (c)" items
    on level 2 of the list that later numbers the operative paragraphs. Word (and LibreOffice) count the
    unused level 1 as used once, so the first operative paragraph prints as "2." - so must we."""
    data = _docx(
        [
            _p("The Security Council,"),
            _p("Endorsing the requests to obtain:"),
            _p("The release of all political prisoners,", 1, 1),
            _p("The repeal of all repressive legislation,", 1, 1),
            _p("Notes the statement;", 1, 0),
            _p("Its first letter", 1, 1),
            _p("Requests the Government;", 1, 0),
        ],
        numbering=_numbering_xml(),
        styles=_styles_xml(),
    )
    assert read_bytes(data, "skip.docx").text.strip().split("\n\n")[2:] == [
        "(a) The release of all political prisoners,",
        "(b) The repeal of all repressive legislation,",
        "2. Notes the statement;",
        "(a) Its first letter",
        "3. Requests the Government;",
    ]


def test_runs_tracked_changes_tabs_and_footnote_marks():
    runs = (
        "<w:r><w:rPr><w:i/></w:rPr><w:t>Requests</w:t></w:r>"
        '<w:r><w:t xml:space="preserve"> the Secre</w:t></w:r><w:r><w:t>tary</w:t></w:r>'
        "<w:r><w:noBreakHyphen/><w:t>General</w:t></w:r>"
        '<w:ins w:id="1" w:author="A"><w:r><w:t xml:space="preserve"> urgently</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="A"><w:r><w:delText> never</w:delText></w:r></w:del>'
        '<w:r><w:tab/><w:t>to report;</w:t></w:r>'
        '<w:r><w:footnoteReference w:id="1"/></w:r>'
    )
    footnotes = (
        f'<w:footnotes xmlns:w="{W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> S/2019/454.</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    ).encode("utf-8")
    raw = read_bytes(_docx([_p("", runs=runs)], footnotes=footnotes), "r.docx")
    assert raw.text.strip() == "Requests the Secretary-General urgently to report;"
    assert raw.hints["footnotes"] == ["S/2019/454."]


# ---- broken and hostile files --------------------------------------------------------------------


def test_a_truncated_docx_is_refused():
    data = _docx([_p("The Security Council,")], numbering=_numbering_xml())
    with pytest.raises(FormatError) as info:
        read_bytes(data[: len(data) // 2], "cut.docx")
    assert info.value.message == "truncated or damaged DOCX"


def test_a_zip_without_document_xml_is_not_a_word_document():
    data = docx_with_parts({"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": b"<workbook/>"})
    with pytest.raises(FormatError) as info:
        read_bytes(data, "sheet.docx")
    assert info.value.message == "not a Word document: word/document.xml is missing"


def test_a_zip_bomb_is_refused_by_its_compression_ratio():
    huge = _document([_p("x")]).replace(b"<w:body>", b"<w:body>" + b" " * (3 * 1024 * 1024))
    data = docx_with_parts({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": huge})
    assert len(data) < 10_000  # ratio over 300:1, the default limit being 200:1
    with pytest.raises(FormatError) as info:
        read_bytes(data, "bomb.docx")
    assert "refused as a possible zip bomb" in info.value.message
    assert info.value.message.startswith("DOCX part word/document.xml unpacks to 3,145,")


def test_the_total_unpacked_size_is_bounded():
    import random

    rng = random.Random(5)
    words = " ".join(rng.choice(["Decides", "Requests", "women", "peace", "security", "mandate"]) for _ in range(40_000))
    data = _docx([_p(words)])
    with pytest.raises(FormatError) as info:
        read_bytes(data, "big.docx", Limits(max_unzipped_bytes=100_000))
    assert "refused as a possible zip bomb" in info.value.message
    assert read_bytes(data, "big.docx").format == "docx"


def test_a_part_that_lies_about_its_size_is_refused():
    data = bytearray(_docx([_p("Decides " * 20_000)]))
    # shrink the declared uncompressed size in the central directory and the local header
    central = data.rfind(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46: central + 46 + name_length] == b"word/document.xml":
            struct.pack_into("<I", data, central + 24, 1000)
            local = struct.unpack_from("<I", data, central + 42)[0]
            struct.pack_into("<I", data, local + 22, 1000)
        central = data.rfind(b"PK\x01\x02", 0, central)
    with pytest.raises(FormatError) as info:
        read_bytes(bytes(data), "liar.docx")
    # never more than the declared size is unpacked; the checksum then shows the part is damaged
    assert info.value.message == "truncated or damaged DOCX"


def test_entity_declarations_in_a_docx_part_are_refused():
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        + _document([_p("&xxe;")])
    )
    data = docx_with_parts({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": xxe})
    with pytest.raises(FormatError) as info:
        read_bytes(data, "xxe.docx")
    assert info.value.message == "XML with entity declarations refused"


def test_the_2480_excerpts_with_gaps_in_their_numbering(fixture_2480, tmp_path):
    """OP4, OP5, OP9, OP28(a)(ii), (c)(iii)...: Word can only print these with startOverride."""
    reference = parse_path(str(fixture_2480))
    data = render_docx(spec_from_resolution(reference))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        numbering = archive.read("word/numbering.xml").decode("utf-8")
    assert numbering.count("<w:startOverride") >= 10
    path = tmp_path / "2480.docx"
    path.write_bytes(data)
    from_docx = parse_path(str(path))
    assert from_docx.labels == reference.labels
    assert resolution_units(from_docx) == resolution_units(reference)
