"""Reading a note's running text: which lines are asks, which ask for new language, which look like asks
but could not be read (with their line in the checklist's extracted text), and which are prose.

The seed note is read in place. The letters, the Word list and the PDF are fictional, written here in UN
style (the Word and PDF files are built at test time with python-docx and reportlab).
"""

from __future__ import annotations

import pytest

from mandiff.checklist_parse import CITATION, EXCERPT, parse_checklist, read_checklist
from mandiff.ingest import read_path

SEED_REFERENCES = [
    "PP1", "PP2", "OP4-2", "OP5", "OP9", "OP28(a)(ii)", "OP28(c)(iii)", "OP28(d)(iv)", "OP28(e)(ii)",
    "OP46", "OP53", "OP55", "OP56", "OP58", "OP59",
]

LETTER = """Permanent Mission of the Republic of Utopia to the United Nations
(fictional, written for mandiff's tests)

New York, 2 June 2032

Dear colleagues,

Ahead of the renewal of the mandate of MINUVAL, we write about resolution 9901 (2031). Its paragraph 7 made gender a cross-cutting issue of the mission, and we thank the penholder for it.

We ask that the following language be retained:

1. OP 3 on the participation of women in the mechanisms of the Peace Agreement;
2. para. 4 (the draft law on gender-based violence);
3. PP 5, welcoming the second national action plan;
4. OP 6 b ii, on the particular needs of women in disarmament;
5. the paragraph on the deployment of Women Protection Advisers.

We also ask the Council to add a provision on the protection of women human rights defenders.

The co-chairs could consider a technical-level event with women's organizations of Valdoria.

Thank you for your attention.

Yours sincerely,

The Permanent Representative
"""


def test_the_seed_note_gives_its_fifteen_asks_one_ask_for_new_language_and_nothing_unread(seed_note):
    checklist = read_checklist(str(seed_note))
    assert [i.reference for i in checklist.items] == SEED_REFERENCES
    assert all(i.form == EXCERPT and i.line for i in checklist.items)
    (addition,) = checklist.additions
    lines = read_path(str(seed_note)).text.split("\n")
    assert addition.line == 450 and lines[addition.line - 1].rstrip().endswith("should be retained. Since")
    assert addition.text.startswith("Since the high-level workshop of OP 4 has already taken place")
    assert addition.text.endswith("in the periodic reporting to the Council.")
    assert checklist.unread == ()
    # each quoted unit knows the line of the note where its quote starts
    assert [lines[i.line - 1].strip()[:12] for i in checklist.items][2:4] == ["– hold a hig", "5. Calls upo"]


def test_a_letter_with_prose_four_asks_one_unlabelled_ask_and_an_ask_for_new_language():
    checklist = parse_checklist(LETTER, "letter.txt")
    got = [(i.reference, i.line, i.as_written, i.reading, i.symbol) for i in checklist.items]
    assert got == [
        ("OP3", 12, "OP 3", None, "S/RES/9901 (2031)"),
        ("OP4", 13, "para. 4", "read 'para. 4' as OP 4", "S/RES/9901 (2031)"),
        ("PP5", 14, "PP 5", None, "S/RES/9901 (2031)"),
        ("OP6(b)(ii)", 15, "OP 6 b ii", "read 'OP 6 b ii' as OP 6(b)(ii)", "S/RES/9901 (2031)"),
    ]
    assert all(not i.symbol_named for i in checklist.items)  # the letter's first lines name the resolution
    assert [tuple(u) for u in checklist.unread] == [(16, "5. the paragraph on the deployment of Women Protection Advisers.")]
    assert checklist.unread[0].reason == "names a paragraph without a number mandiff can read"
    assert [(a.line, a.text) for a in checklist.additions] == [
        (18, "We also ask the Council to add a provision on the protection of women human rights defenders.")]
    # prose is neither: the title, the greeting, "Its paragraph 7" in passing, the introduction, the
    # co-chairs' event, the thanks


PROSE_IN_THE_BODY = (
    "Its paragraph 7 made gender a cross-cutting issue of the mission.",
    "In 2031 the Council adopted OP 5, which women's groups welcomed.",
    "The Council renewed the mandate; paragraph 12 of the report describes the elections.",
    "As requested by paragraph 4 of resolution 9901 (2031), a workshop was held in January.",
)
ADVICE_TO_PEOPLE = (
    "The co-chairs could consider a technical-level event with representatives of women's organizations.",
    "Council Members should dial up their advocacy with the authorities on the draft law.",
    "The co-chairs should ask the Panel of Experts why cases of sexual violence are hard to verify.",
    "Dear colleagues,",
    "Thank you.",
)


@pytest.mark.parametrize("template, line", [
    *(("Update on Valdoria (fictional)\n\n{}\n\nRecommendations\n\n- Retain OP 3.\n", p) for p in PROSE_IN_THE_BODY),
    *(("Recommendations\n\n- Retain OP 3.\n- {0}\n\n{0}\n", a) for a in ADVICE_TO_PEOPLE),
])
def test_mentions_in_passing_and_advice_to_people_are_neither_asks_nor_not_understood(template, line):
    """A paragraph named in passing in the body of a note, and recommendations addressed to people
    rather than to the resolution's text (even in the list of recommendations), are prose."""
    checklist = parse_checklist(template.format(line), "note.txt")
    assert [i.reference for i in checklist.items] == ["OP3"]
    assert checklist.additions == () and checklist.unread == ()


def test_under_recommendations_a_line_that_names_a_paragraph_is_an_ask():
    text = "Recommendations\n\n- Its paragraph 7 made gender a cross-cutting issue: keep it.\n- The paragraph on parity.\n"
    checklist = parse_checklist(text, "note.txt")
    assert [(i.reference, i.line) for i in checklist.items] == [("OP7", 3)]
    assert [u.line for u in checklist.unread] == [4]


def test_the_issue_case_please_retain_a_bare_paragraph_is_an_ask():
    checklist = parse_checklist("Please retain:\n- OP 56\n- paragraph 46 (number of women in MINUSMA)\n", "asks.txt")
    assert [(i.reference, i.as_written, i.reading) for i in checklist.items] == [
        ("OP56", "OP 56", None), ("OP46", "paragraph 46", "read 'paragraph 46' as OP 46")]
    assert checklist.unread == ()


def test_a_list_of_asks_needs_no_heading():
    checklist = parse_checklist("- OP 56\n- paragraph 46 (number of women)\n- the paragraph on parity\n", "asks.txt")
    assert [i.reference for i in checklist.items] == ["OP56", "OP46"]
    assert [u.line for u in checklist.unread] == [3]


def test_french_letter():
    lettre = (
        "Mission permanente de la République d'Utopie (fictif, écrit pour les tests de mandiff)\n\n"
        "Recommandations pour le renouvellement du mandat de la MINUVAL (résolution 9901 (2031))\n\n"
        "Nous demandons que soient conservés :\n"
        "- les paragraphes 3 et 4 ;\n"
        "- l'alinéa 5 du préambule ;\n"
        "- le paragraphe 6 b) ii) ;\n"
        "- le paragraphe sur les conseillères pour la protection des femmes.\n\n"
        "Le Conseil devrait ajouter une disposition sur les défenseuses des droits humains.\n\n"
        "Nous vous prions d'agréer l'assurance de notre haute considération.\n"
    )
    checklist = parse_checklist(lettre, "lettre.txt")
    assert [(i.reference, i.line) for i in checklist.items] == [("OP3", 6), ("OP4", 6), ("PP5", 7), ("OP6(b)(ii)", 8)]
    assert checklist.items[3].reading == "read 'paragraphe 6 b) ii)' as OP 6(b)(ii)"
    assert [u.line for u in checklist.unread] == [9]
    assert [a.line for a in checklist.additions] == [11]


def test_word_bullet_list_keeps_paragraph_46(tmp_path):
    """Word writes the bullets and numbers itself (numbering.xml): the reader replays them as "–" and "1."."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Asks for the renewal of MINUVAL (fictional)", level=1)
    document.add_paragraph("We ask that the following language of resolution 9901 (2031) be retained:")
    for text in ("OP 56", "paragraph 46 (number of women in the mission)", "OP 6 b ii", "the paragraph on parity"):
        document.add_paragraph(text, style="List Bullet")
    document.add_paragraph("Further asks:")
    for text in ("PP 2", "OP 3(a", "Add a provision on the protection of women journalists to the renewal."):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("Thank you.")
    path = tmp_path / "asks.docx"
    document.save(str(path))
    lines = read_path(str(path)).text.split("\n")
    checklist = read_checklist(str(path))
    assert [(i.reference, lines[i.line - 1]) for i in checklist.items] == [
        ("OP56", "\u2013 OP 56"), ("OP46", "\u2013 paragraph 46 (number of women in the mission)"),
        ("OP6(b)(ii)", "\u2013 OP 6 b ii"), ("PP2", "1. PP 2")]
    assert [(u.line, u.text) for u in checklist.unread] == [
        (lines.index("\u2013 the paragraph on parity") + 1, "\u2013 the paragraph on parity"),
        (lines.index("2. OP 3(a") + 1, "2. OP 3(a")]
    assert [a.text for a in checklist.additions] == ["Add a provision on the protection of women journalists to the renewal."]


def test_pdf_checklist_reports_the_lines_of_its_extracted_text(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    path = tmp_path / "note.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([
        Paragraph("Note on the renewal of MINUVAL (fictional, written for mandiff's tests)", styles["Title"]),
        Paragraph("The Council last discussed Valdoria in March 2032, when its paragraph 7 was praised by several "
                  "members. This note sets out the asks of women's organizations for the renewal of the mandate "
                  "given by resolution 9901 (2031).", styles["BodyText"]),
        Spacer(1, 12),
        Paragraph("Recommendations", styles["Heading2"]),
        Paragraph("\u2022 Retain OP 3 on the participation of women in the Peace Agreement.", styles["BodyText"]),
        Paragraph("\u2022 Keep para. 4 (the draft law on gender-based violence).", styles["BodyText"]),
        Paragraph("\u2022 Maintain OP 6(b)(ii.", styles["BodyText"]),
        Paragraph("\u2022 Retain the language on women human rights defenders.", styles["BodyText"]),
        Paragraph("\u2022 The co-chairs could consider a technical-level event with women's organizations.",
                  styles["BodyText"]),
    ])
    lines = read_path(str(path)).text.split("\n")
    checklist = read_checklist(str(path))
    assert [i.reference for i in checklist.items] == ["OP3", "OP4"]
    assert [lines[i.line - 1] for i in checklist.items] == [
        "\u2022 Retain OP 3 on the participation of women in the Peace Agreement.",
        "\u2022 Keep para. 4 (the draft law on gender-based violence)."]
    assert [(lines[u.line - 1], u.text) for u in checklist.unread] == [
        ("\u2022 Maintain OP 6(b)(ii.", "\u2022 Maintain OP 6(b)(ii."),
        ("\u2022 Retain the language on women human rights defenders.",
         "\u2022 Retain the language on women human rights defenders.")]
    assert "a bracket is not closed" in checklist.unread[0].reason


def test_lines_count_as_the_extracted_text_counts_them():
    """Footnotes and link lines are dropped before reading, but every line keeps its number."""
    text = ("Asks (fictional)\r\n\r\nhttps://example.org/a-link\r\nPlease retain:\r\n- OP 5\r\n\f- OP 28(c)(iii\r\n")
    checklist = parse_checklist(text, "asks.txt")
    assert [(i.reference, i.line) for i in checklist.items] == [("OP5", 5)]
    assert [u.line for u in checklist.unread] == [6]


def test_an_annex_line_whose_marker_cannot_be_read_is_not_understood():
    annex = ("ANNEX: Relevant language in resolution 9999 (2031)\n\n"
             "12. Decides that the mandate of UNMU shall include the following tasks:\n"
             "(a) Protection of civilians\n"
             "(zz9) To provide specific protection for women and children affected by armed conflict;\n")
    checklist = parse_checklist(annex, "annex.txt")
    assert "To provide" not in " ".join(i.text for i in checklist.items)
    assert [(u.line, u.reason) for u in checklist.unread] == [(5, "'(zz9)' is not a sub-paragraph marker")]


def test_a_checklist_of_nothing_but_asks_for_new_language_is_read():
    checklist = parse_checklist("Asks for the renewal:\n- Add a provision on women journalists.\n", "asks.txt")
    assert checklist.items == () and [a.line for a in checklist.additions] == [2]


def test_citation_items_carry_their_form():
    checklist = parse_checklist("Retain S/RES/9901 (2031) OPs 3 and 4.\n", "asks.txt")
    assert {(i.form, i.symbol, i.symbol_named) for i in checklist.items} == {(CITATION, "S/RES/9901 (2031)", True)}


# ---- any text: one answer or one error, and line numbers that exist ---------------------------------------

_PIECES = ["OP", "OPs", "PP", "para.", "paragraph", "§", "paragraphe", "alinéa", " ", "  ", "\n", "\n\n", "5", "28",
           "(c)", "(iii", "c", "iii", ".", ",", ";", ":", " and ", " to ", "-", "\u2013 ", "1. ", "(a) ", "\u2022 ",
           "Please retain:", "Recommendations", "ANNEX: Relevant language in resolution 9999 (2031)",
           "Decides", "Calls upon the parties to", "(\u2026)", "...", "“women”", "add a provision on", "S/RES/9999 (2031)",
           "of resolution 9999", "women", "bis", "zz9", "\f", "\r\n"]


def test_any_text_gives_a_checklist_or_one_input_error_with_lines_that_exist():
    from hypothesis import HealthCheck, given, settings, strategies as st

    from mandiff.errors import InputError
    from mandiff.grammar.labels import parse_label

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.sampled_from(_PIECES), max_size=60))
    def run(pieces):
        text = "".join(pieces)
        try:
            checklist = parse_checklist(text, "fuzz.txt")
        except InputError:
            return
        count = len(text.replace("\r\n", "\n").split("\n"))
        for item in checklist.items:
            parse_label(item.reference)
            assert item.line is None or 1 <= item.line <= count
        for u in checklist.unread + tuple(checklist.additions):
            assert 1 <= u.line <= count and u.text.strip()

    run()
