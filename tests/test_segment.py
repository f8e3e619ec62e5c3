"""Segmentation: labels as monitors cite them, on the 2480 fixture and on real corpus layouts."""

from __future__ import annotations

import pytest

from conftest import corpus_file
from mandiff.errors import StructureError
from mandiff.pipeline import parse_path, parse_text

FIXTURE_LABELS = [
    "PP1", "PP2", "OP4", "OP4-1", "OP4-2", "OP5", "OP9", "OP28", "OP28(a)", "OP28(a)(ii)", "OP28(c)",
    "OP28(c)(iii)", "OP28(d)", "OP28(d)(iv)", "OP28(e)", "OP28(e)(ii)", "OP46", "OP53", "OP55", "OP56",
    "OP58", "OP59",
]


def test_2480_fixture_gives_exactly_the_cited_labels(fixture_2480):
    res = parse_path(str(fixture_2480))
    assert list(res.labels) == FIXTURE_LABELS
    assert res.symbol == "S/RES/2480 (2019)"
    # the two explanatory lines above "The Security Council," are not a paragraph
    assert not any("passages quoted" in p.text or "Paragraph numbers are" in p.text for p in res.paragraphs)
    assert res.get("OP28(c)(iii)").parent == "OP28(c)"
    assert res.get("OP28(c)").parent == "OP28"
    assert res.get("OP4-2").parent == "OP4"
    assert res.get("OP4-2").text.startswith("hold a high-level workshop")
    assert res.get("OP28(a)").text == "Support to the implementation of the Agreement on Peace and Reconciliation in Mali"
    assert res.get("OP28(c)(iii)").anchor == "para_28__point_c__point_iii"
    assert res.get("PP2").anchor == "pp_2"
    assert res.full_text("OP4").count("–") == 0  # dash markers are numbering, not text
    assert res.full_text("OP28").startswith("Decides that MINUSMA’s mandate")


def test_parents_come_before_children(fixture_2480):
    res = parse_path(str(fixture_2480))
    seen = set()
    for p in res.paragraphs:
        assert p.parent is None or p.parent in seen
        seen.add(p.label)


def test_modern_layout_header_dashes_and_furniture():
    res = parse_path(str(corpus_file("1445_2002")))
    assert (res.symbol, res.number, res.year, res.date, res.meeting) == ("S/RES/1445 (2002)", 1445, 2002, "2002-12-04", 4653)
    pps = [p.label for p in res.paragraphs if p.kind == "preambular"]
    assert pps == [f"PP{i}" for i in range(1, 9)]
    assert [p.label for p in res.children("OP13")] == [f"OP13-{i}" for i in range(1, 7)]
    # the job number "02-72318 (E)" and the running header between pages are not text
    assert not any("02-72318" in p.text or "S/RES/1445 (2002)" in p.text for p in res.paragraphs)
    # OP2 runs across a page break and stays one paragraph
    assert "as well as progress in the implementation" in res.get("OP2").text


def test_1992_layout_without_council_line_and_with_footnote():
    res = parse_path(str(corpus_file("0798_1992")))
    assert res.labels == ("PP1", "PP2", "PP3", "PP4", "OP1", "OP2", "OP3", "OP4", "OP5", "OP6")
    assert (res.date, res.meeting) == ("1992-12-18", 3150)
    assert res.footnotes == ("1/ S/24960.",)


def test_parts_with_their_own_preambles():
    res = parse_path(str(corpus_file("0161_1961")))
    assert res.labels[:5] == ("A:PP1", "A:PP2", "A:PP3", "A:PP4", "A:OP1")
    assert "B:PP1" in res.labels and "B:OP1" in res.labels
    assert res.get("B:OP1").text.startswith("Urges the convening of the Parliament")


def test_parts_inside_the_operative_part_and_ocr_letter():
    res = parse_path(str(corpus_file("0082_1950")))
    assert res.labels == ("PP1", "PP2", "PP3", "OP1", "I:OP1", "I:OP2", "II:OP1", "II:OP1(a)", "II:OP1(b)",
                          "II:OP1(c)", "III:OP1")
    # "(5)" between "(a)" and "(c)" is OCR for "(b)": the digit looks like the letter the sequence needs
    assert res.get("II:OP1(b)").text.startswith("To observe the withdrawal")
    assert "To observe the withdrawal" not in res.get("II:OP1(a)").text


def test_parts_whose_numbering_continues():
    res = parse_path(str(corpus_file("0820_1993")))
    ops = [p.label for p in res.paragraphs if p.kind == "operative" and p.parent is None]
    # "A" and "B" head sections over one numbering: people cite "paragraph 10", not "B: paragraph 10"
    assert ops[:10] == [f"OP{i}" for i in range(1, 11)]
    assert [res.get(f"OP{i}").section for i in (1, 9, 10)] == ["A", "A", "B"]
    assert res.get("PP11").text.startswith("Determined to strengthen")  # section B's own preamble
    assert (res.get("PP10").section, res.get("PP11").section) == (None, "B")  # under its heading, as printed


def test_the_paragraph_after_a_heading_is_never_the_end_of_the_one_before():
    # S/RES/21 (1947) is a trusteeship agreement in articles: "Article 7" heads one unnumbered paragraph
    res = parse_path(str(corpus_file("0021_1947")))
    opening = {p.section: p for p in reversed(res.paragraphs) if p.kind == "operative"}
    assert opening["Article 6"].text.startswith("In discharging its obligations under Article 76 b")
    assert opening["Article 7"].text.startswith("In discharging its obligations under Article 76 c")
    assert "Article 76 b" not in res.get("OP3").text


def test_single_unnumbered_operative_paragraph_is_op1():
    res = parse_path(str(corpus_file("0086_1950")))
    assert res.labels == ("OP1",)
    assert res.get("OP1").text.startswith("Finds that the Republic of Indonesia")


def test_lettered_operative_list_without_numbers():
    res = parse_path(str(corpus_file("0034_1947")))
    assert res.labels == ("OP1", "OP2")
    assert res.get("OP2").number == "(b)"


def test_old_opening_clause_and_hereby_resolves():
    res = parse_path(str(corpus_file("0004_1946")))
    assert [p.kind for p in res.paragraphs] == ["preambular", "preambular", "operative", "operative"]
    assert res.get("PP1").text.endswith("Therefore the Security Council,")
    assert res.get("OP1").text.startswith("Hereby resolves")


def test_ocr_slips_in_paragraph_numbers():
    assert parse_path(str(corpus_file("0273_1969"))).get("OP1").text.startswith("Strongly condemns")  # "L."
    assert parse_path(str(corpus_file("0686_1991"))).get("OP2").text.startswith("Demands that Iraq")  # "Z."
    assert parse_path(str(corpus_file("0593_1986"))).get("OP2").text.startswith("Requests the Secretary")  # "2 "
    res = parse_path(str(corpus_file("0591_1986")))  # "8." printed where 5 belongs
    assert res.get("OP5").text.startswith("Requests all States to implement strictly")
    assert res.get("OP8").text.startswith("Further calls upon States")


def test_preamble_then_decision_without_blank_line():
    res = parse_path(str(corpus_file("0589_1986")))
    assert res.labels == ("PP1", "OP1")
    assert res.get("OP1").text.startswith("Recommends to the General Assembly")


def test_annexes_are_kept_apart():
    res = parse_path(str(corpus_file("1454_2002")))
    assert res.labels[-1] == "OP5"
    assert len(res.annexes) == 2
    assert not any("Goods Review List" in p.text and "ANNEX" in p.text for p in res.paragraphs)


def test_hyphenation_and_hard_wraps():
    res = parse_path(str(corpus_file("0814_1993")))
    texts = " ".join(p.text for p in res.paragraphs)
    assert "non-governmental organizations" in texts  # a real hyphen at a line end is kept
    assert "\n" not in texts


def test_line_end_hyphens_real_or_not_by_the_words_of_the_document():
    """A word processor breaks lines after real hyphens too (LibreOffice did, on 14 corpus texts in
    benchmarks/roundtrip_libreoffice.py). The document's own words, then the shape of the compound, decide."""
    text = """The Security Council,

Welcoming the troop contributors and the contributing countries, and the arms embargo on production,

Noting the international efforts undertaken under the agreement,

1. Requests the Secretary-General, after consulting the troop-
contributing countries, to report on the imple-
mentation of this resolution and on the UNPROFOR-
controlled areas, and to promote people-
to-people contacts and, further-
more, the arms-
production limits, the people-to-
people talks and the Chairman-in-
Office, at the forty-
seventh session of the inter-
national conference, to under-
take that work, to hold a Cyprus-
wide census and to end sexual and gender-
based violence;
"""
    (op,) = [p.text for p in parse_text(text).paragraphs if p.label == "OP1"]
    assert op == (
        "Requests the Secretary-General, after consulting the troop-contributing countries, to report on the "
        "implementation of this resolution and on the UNPROFOR-controlled areas, and to promote people-to-people "
        "contacts and, furthermore, the arms-production limits, the people-to-people talks and the Chairman-in-Office, "
        "at the forty-seventh session of the international conference, to undertake that work, to hold a "
        "Cyprus-wide census and to end sexual and gender-based violence;"
    )


def test_french_resolution():
    text = """Résolution 9901 (2031)
Adoptée par le Conseil de sécurité à sa 9999e séance, le 30 juin 2031

Le Conseil de sécurité,

Rappelant ses résolutions antérieures,

Soulignant le rôle important des femmes,

1. Décide de proroger le mandat de la Mission;

2. Prie le Secrétaire général :

a) De faire rapport;

b) De veiller à la participation des femmes;
"""
    res = parse_text(text)
    assert res.language == "fr"
    assert res.labels == ("PP1", "PP2", "OP1", "OP2", "OP2(a)", "OP2(b)")
    assert (res.symbol, res.date, res.meeting) == ("S/RES/9901 (2031)", "2031-06-30", 9999)


def test_roman_after_h_is_a_letter():
    items = "\n\n".join(f"({c}) Item {c};" for c in "abcdefghij")
    res = parse_text(f"The Security Council,\n\n1. Decides:\n\n{items}\n")
    assert [p.label for p in res.children("OP1")] == [f"OP1({c})" for c in "abcdefghij"]


def test_roman_under_letter():
    res = parse_text("The Security Council,\n\n1. Decides:\n\n(a) First;\n\n(i) one;\n\n(ii) two;\n\n(b) Second;\n")
    assert res.labels == ("OP1", "OP1(a)", "OP1(a)(i)", "OP1(a)(ii)", "OP1(b)")


def test_units_without_blank_lines_between_them():
    res = parse_text("The Security Council,\nRecalling its resolutions,\n1. Decides this;\n2. Requests that:\n(a) one;\n(b) two;\n")
    assert res.labels == ("PP1", "OP1", "OP2", "OP2(a)", "OP2(b)")


def test_headings_become_sections():
    text = "The Security Council,\n\nRecalling,\n\nMandate of the Mission\n\n1. Decides;\n\nProtection of civilians\n\n2. Requests;\n"
    res = parse_text(text)
    assert res.labels == ("PP1", "OP1", "OP2")
    assert (res.get("OP1").section, res.get("OP2").section) == ("Mandate of the Mission", "Protection of civilians")


def test_no_operative_paragraphs_is_an_error():
    with pytest.raises(StructureError, match="no operative paragraphs found"):
        parse_text("The Security Council,\n\nRecalling its resolutions,\n\nNoting the report,\n")


def test_numbers_that_go_back_and_parts_named_twice_never_give_two_units_one_label():
    """Found by tests/test_properties.py: a paragraph pasted twice gave "OP2, OP1, OP2", and then every
    lookup by label (diff pairs, checklists, anchors) saw one unit where there were two."""
    from mandiff.pipeline import parse_text

    pasted = parse_text("The Security Council,\n\n2. Decides x;\n\n1. Decides y;\n\n2. Decides z;\n")
    assert pasted.labels == ("OP2", "OP1", "OP3")
    twice = parse_text("A\n\nThe Security Council,\n\nRecalling x,\n\nDecides y;\n\nA\n\nThe Security Council,\n\nRecalling z,\n\nDecides w;\n")
    assert twice.labels == ("A:PP1", "A:OP1", "A:PP2", "A:OP2")
