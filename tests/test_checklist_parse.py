"""Reading recommendation lists: citation lists in the NGO styles, and annexes of quoted excerpts
(the seed note's annex, read in place) with the noise of the PDF they were extracted from.

Texts written here are fictional, in UN style; the seed note and the 2480 fixture are read where they
live and never copied into the project.
"""

from __future__ import annotations

import pytest

from mandiff.checklist_parse import (
    CITATION,
    EXCERPT,
    clean_lines,
    find_citations,
    fragments_of,
    join_wrapped,
    parse_checklist,
    read_checklist,
)
from mandiff.errors import InputError
from mandiff.pipeline import parse_path

SEED_REFERENCES = [
    "PP1", "PP2", "OP4-2", "OP5", "OP9", "OP28(a)(ii)", "OP28(c)(iii)", "OP28(d)(iv)", "OP28(e)(ii)",
    "OP46", "OP53", "OP55", "OP56", "OP58", "OP59",
]


def _labels(text: str) -> list[tuple[str, str | None]]:
    return [(str(c.label), c.symbol) for c in find_citations(text)]


# ---- the seed note as a checklist ----------------------------------------------------------------------


def test_seed_note_yields_the_fifteen_quoted_asks(seed_note, fixture_2480):
    checklist = read_checklist(str(seed_note))
    assert [i.reference for i in checklist.items] == SEED_REFERENCES
    assert all(i.form == EXCERPT for i in checklist.items)
    assert {i.symbol for i in checklist.items} == {"S/RES/2480 (2019)"}
    assert checklist.symbol == "S/RES/2480 (2019)"


def test_seed_excerpt_texts_are_the_fixture_texts_without_noise(seed_note, fixture_2480):
    checklist = read_checklist(str(seed_note))
    fixture = parse_path(str(fixture_2480))
    for item in checklist.items:
        expected = fixture.get(item.reference).text
        if item.reference == "PP2":
            # the annex closes the quote with a full stop where the resolution has a comma
            assert item.text == expected[:-1] + "."
        else:
            assert item.text == expected, item.reference
        assert "http" not in item.text and "Her full speech" not in item.text
        assert "  " not in item.text and item.text == item.text.strip()


def test_seed_annex_is_laid_out_like_the_fixture(seed_note, fixture_2480):
    """Every quoted unit, context included (OP4 and its first dash, OP28 and its headings)."""
    excerpts = read_checklist(str(seed_note)).excerpts
    fixture = parse_path(str(fixture_2480))
    assert excerpts.labels == fixture.labels
    for unit in excerpts:
        assert unit.parent == fixture.get(unit.label).parent
        assert unit.kind == fixture.get(unit.label).kind
    assert excerpts.get("OP28(c)").text == "Protection of civilians"
    assert excerpts.get("OP4-1").text.startswith("ensure the completion of the constitutional reform")


def test_seed_elided_excerpt_has_two_fragments(seed_note):
    item = {i.reference: i for i in read_checklist(str(seed_note)).items}["OP28(a)(ii)"]
    assert item.elided
    assert len(item.fragments) == 2
    assert item.fragments[0].endswith("especially its Part III and Annex 2, notably")
    assert item.fragments[1].startswith("to support the cantonment, disarmament")
    assert {i.reference for i in read_checklist(str(seed_note)).items if i.elided} == {"OP28(a)(ii)"}


def test_mention_of_op_4_in_the_notes_prose_is_not_an_ask(seed_note):
    """'the high-level workshop of OP 4 has already taken place' names no resolution: a mention."""
    items = read_checklist(str(seed_note)).items
    assert "OP4" not in [i.reference for i in items]
    assert not [i for i in items if i.form == CITATION]


# ---- citation lists -------------------------------------------------------------------------------------


def test_citation_style_maintained_with_elliptic_subparagraphs():
    text = "ensure all existing WPS-related provisions are maintained (S/RES/2423 (2018) OPs 38(a)(ii), (c)(iv), (d)(iii), (e)(ii), 64)."
    assert _labels(text) == [
        ("OP38(a)(ii)", "S/RES/2423 (2018)"),
        ("OP38(c)(iv)", "S/RES/2423 (2018)"),
        ("OP38(d)(iii)", "S/RES/2423 (2018)"),
        ("OP38(e)(ii)", "S/RES/2423 (2018)"),
        ("OP64", "S/RES/2423 (2018)"),
    ]


def test_citation_style_renew_with_preambular_and_operative_lists():
    text = "Renew the mandate with all related provisions (S/RES/2605 (2021), PPs 5, 8, 17, 18; OPs 2, 4, 7, 34(a)(iv), 47)."
    assert _labels(text) == [
        ("PP5", "S/RES/2605 (2021)"), ("PP8", "S/RES/2605 (2021)"), ("PP17", "S/RES/2605 (2021)"),
        ("PP18", "S/RES/2605 (2021)"), ("OP2", "S/RES/2605 (2021)"), ("OP4", "S/RES/2605 (2021)"),
        ("OP7", "S/RES/2605 (2021)"), ("OP34(a)(iv)", "S/RES/2605 (2021)"), ("OP47", "S/RES/2605 (2021)"),
    ]


def test_citation_style_maintain_without_year():
    text = "maintain S/RES/2480 OPs 28(a)(ii), (c)(iii), (d)(iv), (e)(ii), 56"
    assert _labels(text) == [
        ("OP28(a)(ii)", "S/RES/2480"), ("OP28(c)(iii)", "S/RES/2480"), ("OP28(d)(iv)", "S/RES/2480"),
        ("OP28(e)(ii)", "S/RES/2480"), ("OP56", "S/RES/2480"),
    ]


def test_elliptic_roman_continues_the_same_letter():
    assert [l for l, _ in _labels("OPs 38(a)(ii), (iii), 12 (b), (d) and 40")] == [
        "OP38(a)(ii)", "OP38(a)(iii)", "OP12(b)", "OP12(d)", "OP40"]


def test_singular_and_spelled_out_forms():
    assert _labels("Retain OP 5.") == [("OP5", None)]
    assert _labels("keep PP 3 and OP4-2 of it") == [("PP3", None), ("OP4-2", None)]
    assert _labels("paragraph 9 of resolution 2480 (2019) must stay") == [("OP9", "S/RES/2480 (2019)")]
    assert _labels("S/RES/2100 (2013), paras 5 to 7") == [
        ("OP5", "S/RES/2100 (2013)"), ("OP6", "S/RES/2100 (2013)"), ("OP7", "S/RES/2100 (2013)")]
    assert _labels("preambular paragraphs 2 and 4 of resolution 2100") == [
        ("PP2", "S/RES/2100"), ("PP4", "S/RES/2100")]


def test_paragraph_in_prose_without_a_resolution_is_not_a_citation():
    assert _labels("see paragraph 5 of the report; pp. 5-8 of the study") == []


def test_citation_list_file(tmp_path):
    path = tmp_path / "asks.txt"
    path.write_text("Fictional asks for the renewal:\n- maintain S/RES/2480 OPs 28(a)(ii), (c)(iii), 56\n- keep OP 46\n")
    checklist = read_checklist(str(path))
    assert [(i.reference, i.form) for i in checklist.items] == [
        ("OP28(a)(ii)", CITATION), ("OP28(c)(iii)", CITATION), ("OP56", CITATION), ("OP46", CITATION)]
    assert all(i.text == "" and i.whole for i in checklist.items)


def test_nothing_to_check_is_an_input_error():
    with pytest.raises(InputError, match="no recommendations found"):
        parse_checklist("A note about the weather in Bamako.\n", "weather.txt")


# ---- excerpts: structure and noise ------------------------------------------------------------------------

FICTIONAL_NOTE = """Fictional note on the Republic of Utopia (written for mandiff's tests)

Recommendations
\u2022 Keep all the gender language of resolution 9999 (see annex below).1
 \n2 Not a footnote: this line follows no call.

ANNEX: Relevant language in Security Council Resolution 9999 (2031), renewing UNMU\u2019s
 
mandate for a year.
 
Recognizing the role of women in the prevention and resolution of conflicts and in
 
peacebuilding,
 
Expressing concern at the persistent sexual violence against women and girls in the
 
eastern provinces.
 
3. Requests the mission to support the full, effective and meaningful participation of women in the
   
1 Her remarks can be read here: https://example.org/fictional-
briefing-utopia/.
https://nam01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.org&data=02%7C01
 national dialogue (\u2026) and in the electoral process;
 
12.     Decides that the mandate of UNMU shall include the following tasks:
 
(a)     Protection of civilians
(i)     To provide specific protection for women and children affected by armed conflict,
including through Women Protection Advisers;
(h)     Electoral support
(i)     To assist the electoral commission in its outreach to women voters;
 
20. Calls upon the parties to:
      \u2013 release all women and girls held by armed groups;
      \u2013 ensure that survivors of sexual violence receive care;
 
https://example.org/trailing-link
"""


def test_fictional_annex_survives_footnotes_links_and_page_breaks():
    checklist = parse_checklist(FICTIONAL_NOTE, "utopia.txt")
    ex = checklist.excerpts
    assert ex.labels == ("PP1", "PP2", "OP3", "OP12", "OP12(a)", "OP12(a)(i)", "OP12(h)", "OP12(h)(i)",
                         "OP20", "OP20-1", "OP20-2")
    assert ex.symbol == "S/RES/9999 (2031)"
    assert ex.get("PP1").text == ("Recognizing the role of women in the prevention and resolution of conflicts "
                                  "and in peacebuilding,")
    assert ex.get("PP2").text.endswith("in the eastern provinces.")
    assert ex.get("OP3").text == ("Requests the mission to support the full, effective and meaningful participation "
                                  "of women in the national dialogue (\u2026) and in the electoral process;")
    assert ex.get("OP12(a)(i)").text == ("To provide specific protection for women and children affected by armed "
                                         "conflict, including through Women Protection Advisers;")
    assert ex.get("OP20-2").text == "ensure that survivors of sexual violence receive care;"
    assert fragments_of(ex.get("OP3").text) == (
        "Requests the mission to support the full, effective and meaningful participation of women in the national dialogue",
        "and in the electoral process;",
    )
    refs = [i.reference for i in checklist.items]
    # OP12's introduction and headings are context; OP20's dashes both carry WPS language
    assert refs == ["PP1", "PP2", "OP3", "OP12(a)(i)", "OP12(h)(i)", "OP20-1", "OP20-2"]


def test_clean_lines_drops_footnote_and_links_and_its_call():
    lines = clean_lines(FICTIONAL_NOTE)
    text = "\n".join(lines)
    assert "Her remarks" not in text and "briefing-utopia" not in text and "http" not in text
    assert "(see annex below)." in text  # the call "1" glued to the full stop is gone
    assert "2 Not a footnote" in text  # no call "2" before it: kept as text
    assert all(line == "" or line.strip() for line in lines)


def test_line_end_hyphens_are_kept_unless_the_document_writes_the_word_whole():
    assert join_wrapped(["requests the Secretary-", "General to report"]) == "requests the Secretary-General to report"
    assert join_wrapped(["the zero-", "tolerance policy"]) == "the zero-tolerance policy"
    assert join_wrapped(["demobi-", "lization"], frozenset({"demobilization"})) == "demobilization"


def test_resolution_shaped_excerpt_file_is_read_after_the_council_line(fixture_2480):
    checklist = read_checklist(str(fixture_2480))
    assert [i.reference for i in checklist.items] == SEED_REFERENCES
    assert checklist.symbol == "S/RES/2480 (2019)"


def test_note_with_annex_and_a_named_citation_list_asks_both():
    note = FICTIONAL_NOTE.replace(
        "\u2022 Keep all the gender language",
        "\u2022 Maintain S/RES/9999 (2031) OPs 12(a)(i), 14 in particular.\n\u2022 Keep all the gender language")
    checklist = parse_checklist(note, "utopia.txt")
    assert [(i.reference, i.form) for i in checklist.items] == [
        ("PP1", EXCERPT), ("PP2", EXCERPT), ("OP3", EXCERPT), ("OP12(a)(i)", EXCERPT), ("OP12(h)(i)", EXCERPT),
        ("OP20-1", EXCERPT), ("OP20-2", EXCERPT), ("OP14", CITATION)]
