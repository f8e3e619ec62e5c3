"""Reader fidelity (issue 17, PDF): what a page break, a line-end hyphen or a footnote must not change.

Synthetic PDFs, generated here with reportlab's built-in Times (the corpus is plain text, and these shapes
need exact control of where a line or a page ends): lines placed as the Official Document System sets
them (Times 10 pt, 12 pt leading, numbers in the first-line indent, hanging sub-paragraphs), in English
and in French. The texts are fictional. The last tests render whole fictional resolutions in
``UN_LAYOUT`` over page sizes, text widths and paragraph spacing, so that page breaks fall everywhere.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from mandiff.errors import LimitError
from mandiff.ingest import read_bytes
from mandiff.limits import Limits
from mandiff.pipeline import parse_bytes, parse_text
from render_docs import A4, LETTER, UN_LAYOUT, Block, DocSpec, render_pages_pdf, render_pdf, resolution_units

LEFT, INDENT, LEADING = 90.0, 126.0, 12.0
BODY = ("Times-Roman", 10)
BOLD = ("Times-Bold", 10)
OPENING = {"en": "The Security Council,", "fr": "Le Conseil de sécurité,"}


def lines_at(y: float, texts: list[tuple[float, str]], style=BODY) -> list[tuple]:
    """Lines one leading apart from ``y`` down: (x, text) -> (x, y, text, font, size)."""
    return [(x, y - LEADING * k, text, *style) for k, (x, text) in enumerate(texts)]


def paragraphs(pages: list[list[tuple]], page=LETTER) -> list[str]:
    return read_bytes(render_pages_pdf(pages, page=page), "x.pdf").text.strip().split("\n\n")


def operative_paragraph(language: str, lines: tuple[str, ...]) -> str:
    """One page: the opening line, then one paragraph, its number in the first-line indent and its wrapped
    lines at the margin; the paragraph as the reader joins it."""
    page = [(LEFT, 700, OPENING[language], *BODY)] + lines_at(676, [(INDENT, lines[0])] + [(LEFT, t) for t in lines[1:]])
    return paragraphs([page])[1]


# ---- 1. a compound broken at its own hyphen ------------------------------------------------------------

COMPOUND_PAGES = {
    # the document writes the compound whole elsewhere: its own words decide
    "en": (
        "Condemns torture and other cruel, inhuman or degrading ill-",
        "treatment in places of detention, and demands that the parties end all ill-treatment;",
        "ill-treatment",
    ),
    "fr": (
        "Souligne que le relèvement rapide et la consolidation de la paix après-",
        "conflit exigent la participation des femmes à la reconstruction après-conflit;",
        "après-conflit",
    ),
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_compound_the_document_writes_whole_keeps_its_line_end_hyphen(language):
    first, second, compound = COMPOUND_PAGES[language]
    joined = operative_paragraph(language, ("1. " + first, second))
    assert joined == f"1. {first}{second}"
    assert joined.count(compound) == 2


@pytest.mark.parametrize(
    "language, head, tail, whole",
    [
        ("en", "degrading ill-", "treatment of detainees;", "degrading ill-treatment of detainees;"),
        ("en", "the far-", "reaching consequences of the crisis;", "the far-reaching consequences of the crisis;"),
        ("fr", "de la paix après-", "conflit dans la région;", "de la paix après-conflit dans la région;"),
        ("fr", "les pays de la sous-", "région et les partenaires;", "les pays de la sous-région et les partenaires;"),
        ("en", "the no-", "objection procedure;", "the no-objection procedure;"),
        ("en", "efforts to de-", "escalate the crisis;", "efforts to de-escalate the crisis;"),
        ("en", "a fact-", "finding mission;", "a fact-finding mission;"),
    ],
)
def test_compound_heads_that_keep_their_hyphen(language, head, tail, whole):
    """Nothing else in the document decides: the head is one that forms compounds ("ill-", "après-"),
    never the first syllable of a plain word; or "no-", "de-" before a vowel, where no word breaks."""
    assert operative_paragraph(language, ("1. Decides to act on " + head, tail)) == "1. Decides to act on " + whole


@pytest.mark.parametrize(
    "language, lines, whole",
    [
        ("en", ("1. Welcomes the work of women-", "led grass-", "roots organizations;"),
         "1. Welcomes the work of women-led grass-roots organizations;"),
        ("fr", ("1. Demande de promouvoir l'égalité femmes-", "hommes dans toutes les activités;"),
         "1. Demande de promouvoir l'égalité femmes-hommes dans toutes les activités;"),
    ],
)
def test_a_compound_of_the_wps_lexicons_keeps_its_hyphen(language, lines, whole):
    assert operative_paragraph(language, lines) == whole


@pytest.mark.parametrize(
    "language, lines, whole",
    [
        ("en", ("1. Establishes a no-", "fly zone and decides that the zone shall apply to every fly route;"),
         "1. Establishes a no-fly zone and decides that the zone shall apply to every fly route;"),
        ("fr", ("1. Salue l'accord de paix et, dans le cadre de la Mission, l'accord-", "cadre signé par les parties;"),
         "1. Salue l'accord de paix et, dans le cadre de la Mission, l'accord-cadre signé par les parties;"),
    ],
)
def test_a_compound_whose_halves_are_both_words_of_the_document_keeps_its_hyphen(language, lines, whole):
    """"fly", "accord" and "cadre" are words of the same text, "nofly" and "accordcadre" are not."""
    assert operative_paragraph(language, lines) == whole


def test_a_name_and_a_participle_keep_their_hyphen():
    """"Nations-" / "controlled", "Council-" / "mandated": a capitalized word of the text, then a participle."""
    lines = ("1. Asks the United Nations and the Council to extend the patrols of the United Nations-",
             "controlled buffer zone to the Council-", "mandated area;")
    assert operative_paragraph("en", lines) == (
        "1. Asks the United Nations and the Council to extend the patrols of the United Nations-controlled buffer "
        "zone to the Council-mandated area;"
    )


@pytest.mark.parametrize(
    "language, lines, whole",
    [
        ("en", ("1. Requests its full imple-", "mentation in accord-", "ance with the negot-", "iations;"),
         "1. Requests its full implementation in accordance with the negotiations;"),
        ("fr", ("1. Décide que les tâches priorit-", "aires de la Mission seront les suivantes:"),
         "1. Décide que les tâches prioritaires de la Mission seront les suivantes:"),
    ],
)
def test_a_plain_word_broken_by_hyphenation_is_joined(language, lines, whole):
    """"-ance", "-aires": a bare suffix on the next line; "negot-" / "iations": nothing decides, and a
    break that nothing decides is joined (the default measured on the round trips, see the README)."""
    assert operative_paragraph(language, lines) == whole


# ---- 2. a suspended hyphen at a line end ---------------------------------------------------------------


@pytest.mark.parametrize(
    "language, lines, whole",
    [
        ("en", ("1. Urges the troop-", "and police-contributing countries to act;"),
         "1. Urges the troop- and police-contributing countries to act;"),
        ("en", ("1. Calls for pre-", "or post-deployment training;"), "1. Calls for pre- or post-deployment training;"),
        ("fr", ("1. Demande que les périodes pré-", "et post-électorales soient pacifiques;"),
         "1. Demande que les périodes pré- et post-électorales soient pacifiques;"),
    ],
)
def test_a_suspended_hyphen_at_a_line_end_keeps_its_space(language, lines, whole):
    assert operative_paragraph(language, lines) == whole


# ---- 3. a heading at the top of a page -----------------------------------------------------------------

HEADINGS = {
    "en": (
        "4. Decides that the fictional Mission shall continue to support the authorities in all parts of the",
        "territory of the fictional Republic, in full compliance with its obligations under the Agreement;",
        "C. General provisions",
        "5. Requests the Secretary-General to report to the Council every three months;",
    ),
    "fr": (
        "4. Décide que la Mission fictive continuera d'appuyer les autorités dans toutes les parties du",
        "territoire de la République fictive, dans le plein respect des obligations découlant de l'Accord;",
        "C. Dispositions générales",
        "5. Prie le Secrétaire général de lui faire rapport tous les trois mois;",
    ),
}


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("page_size", [LETTER, A4], ids=["letter", "a4"])
def test_a_heading_at_the_top_of_a_page_is_not_glued_to_the_paragraph_before(language, page_size):
    first, last, heading, after = HEADINGS[language]
    height = page_size[1]
    pages = [
        [(LEFT, height - 150, OPENING[language], *BODY)] + lines_at(120, [(INDENT, first), (LEFT, last)]),
        [(LEFT, height - 110, heading, *BOLD)] + lines_at(height - 128, [(INDENT, after)]),
    ]
    got = paragraphs(pages, page=page_size)
    assert got[1:] == [f"{first} {last}", heading, after]
    resolution = parse_bytes(render_pages_pdf(pages, page=page_size), "x.pdf")
    assert [(p.label, p.section) for p in resolution.paragraphs] == [("OP4", None), ("OP5", heading)]


# ---- 4. an unpunctuated sub-heading at the foot of a page ------------------------------------------------

SUB_HEADINGS = {
    "en": (
        "28. Decides that the mandate of the fictional Mission shall comprise the following tasks:",
        "(a) Support to the implementation of the Agreement on Peace and Reconciliation in the Republic",
        "(i) To provide good offices to the parties,", "including by promoting the participation of women;",
    ),
    "fr": (
        "28. Décide que le mandat de la Mission fictive comportera les tâches prioritaires suivantes:",
        "(a) Appui à la mise en œuvre de l'Accord pour la paix et la réconciliation dans la République",
        "(i) Offrir ses bons offices aux parties,", "notamment en promouvant la participation des femmes;",
    ),
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_sub_heading_that_fills_the_last_line_of_a_page_keeps_the_sub_paragraph_after_it(language):
    """"(a) Support ... Reconciliation" has no punctuation and reaches the margin; "(i) To provide" opens
    the next page. Both are units: nothing may swallow the second."""
    operative, heading, item, item_end = SUB_HEADINGS[language]
    marker, heading_text = heading.split(" ", 1)
    item_marker, item_text = item.split(" ", 1)
    pages = [
        [(LEFT, 700, OPENING[language], *BODY), (INDENT, 676, operative, *BODY),
         (INDENT, 100, marker, *BODY), (INDENT + 36, 100, heading_text, *BODY)],
        [(INDENT + 36, 700, item_marker, *BODY), (INDENT + 72, 700, item_text, *BODY), (INDENT + 72, 688, item_end, *BODY)],
    ]
    assert paragraphs(pages)[1:] == [operative, heading, f"{item} {item_end}"]
    labels = [p.label for p in parse_bytes(render_pages_pdf(pages), "x.pdf").paragraphs]
    assert labels == ["OP28", "OP28(a)", "OP28(a)(i)"]


# ---- 5. footnotes ----------------------------------------------------------------------------------------


def _page_with_notes(notes: list[tuple[float, float, str]]) -> bytes:
    """A page whose footnote block sits low, in the band where the job number and barcode are."""
    body = [
        (LEFT, 600, OPENING["en"], *BODY),
        (INDENT, 576, "Taking note of the report of the Secretary-General and of his letter,", *BODY),
        (INDENT, 552, "1. Decides to remain seized of the matter.", *BODY),
        ("rule", LEFT, 96, 144),
    ]
    furniture = [(LEFT, 48, "19-11061 (E)    280619", "Helvetica", 8), (LEFT, 30, "*1911061*", "Helvetica", 9),
                 (490, 48, "2/5", "Helvetica", 8)]
    return render_pages_pdf([body + [(x, y, text, "Times-Roman", 9) for x, y, text in notes] + furniture])


def test_a_footnote_that_is_only_a_number_and_a_symbol_is_kept():
    raw = read_bytes(_page_with_notes([(LEFT, 86, "1 S/2019/454."), (LEFT, 75, "2 S/2019/455.")]), "notes.pdf")
    assert raw.hints["footnotes"] == ["1 S/2019/454.", "2 S/2019/455."]
    assert "19-11061" not in raw.text and "1911061" not in raw.text and "2/5" not in raw.text


def test_a_footnote_whose_last_line_is_a_symbol_is_kept_whole():
    raw = read_bytes(_page_with_notes([
        (LEFT, 86, "1 Letter dated 1 June 2031 from the Secretary-General to the President of the Council,"),
        (LEFT + 18, 75, "S/2031/455."),
        (LEFT, 64, "2 S/2031/456."),
    ]), "notes.pdf")
    assert raw.hints["footnotes"] == [
        "1 Letter dated 1 June 2031 from the Secretary-General to the President of the Council, S/2031/455.",
        "2 S/2031/456.",
    ]
    assert "19-11061" not in " ".join(raw.hints["footnotes"])


# ---- 6. tight layouts: the first-line indent tells paragraphs apart ---------------------------------------

TIGHT = {
    "en": [
        (INDENT, "Recalling its previous resolutions and the statements of its President on the situation in"),
        (LEFT, "the fictional Republic, in particular resolutions 9901 (2031) and 9902 (2031) on the Mission,"),
        (INDENT, "Reaffirming its strong commitment to the sovereignty, independence and unity of the Republic,"),
    ],
    "fr": [
        (INDENT, "Rappelant ses résolutions antérieures et les déclarations de sa présidence sur la situation"),
        (LEFT, "dans la République fictive, en particulier les résolutions 9901 (2031) et 9902 (2031) et 9903,"),
        (INDENT, "Réaffirmant son ferme attachement à la souveraineté, à l'indépendance et à l'unité du pays,"),
    ],
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_without_space_between_paragraphs_a_first_line_indent_opens_a_paragraph(language):
    lines = TIGHT[language]
    page = [(LEFT, 700, OPENING[language], *BODY)] + lines_at(688, lines)
    assert paragraphs([page])[1:] == [f"{lines[0][1]} {lines[1][1]}", lines[2][1]]


def test_without_space_between_paragraphs_marks_after_the_comma_still_end_the_line():
    """"Congo, 21 22": two footnote marks after the comma of a full one-line paragraph."""
    page = [(LEFT, 700, OPENING["en"], *BODY)] + lines_at(688, [
        (INDENT, "Having examined the application of the fictional Republic for admission to the Organization, 21 22"),
        (INDENT, "Recommends to the General Assembly that the fictional Republic be admitted to membership;"),
    ])
    assert len(paragraphs([page])) == 3


def test_without_space_between_paragraphs_a_dash_item_after_an_unfinished_one_is_a_new_item():
    """A hanging dash list: "– ..., and" wraps under its text, then "– Reiterates" backs out to the dash."""
    first, wrapped, second = ("Calls for the surrender to the fictional Tribunal of all persons indicted by",
                              "the Tribunal and by the fictional Court of the Region, and of all of their",
                              "Reiterates its demand that the city be demilitarized;")
    page = [(LEFT, 700, OPENING["en"], *BODY), (INDENT, 676, "1. Decides:", *BODY)]
    page += [(INDENT + 36, 664, "\u2013", *BODY), (INDENT + 72, 664, first, *BODY), (INDENT + 72, 652, wrapped, *BODY),
             (INDENT + 36, 640, "\u2013", *BODY), (INDENT + 72, 640, second, *BODY)]
    assert paragraphs([page])[2:] == [f"\u2013 {first} {wrapped}", f"\u2013 {second}"]


# ---- all of it at once: fictional resolutions in the ODS layout, page breaks falling everywhere ----------

FICTIONAL = {
    "en": (
        "Resolution 9901 (2031)", "Adopted by the Security Council at its 9999th meeting, on 30 June 2031",
        "The Security Council,",
        [
            "Recalling its previous resolutions on the fictional Republic, in particular resolution 9900 (2030), and "
            "the statements of its President on the situation in the region and on the ill-treatment of detainees,",
            "Reaffirming its strong commitment to the sovereignty, independence, unity and territorial integrity "
            "of the fictional Republic, and stressing that the far-reaching consequences of the crisis require a "
            "sustained and coordinated response by the troop- and police-contributing countries,",
            "Welcoming the signing of the Agreement on Peace and Reconciliation and the work of women-led and "
            "grass-roots organizations in its implementation, and noting the no-objection procedure of the "
            "Committee established pursuant to resolution 9900 (2030),",
        ],
        [
            ("A. Mandate of the Mission", [
                ("1.", "Decides to extend the mandate of the fictional Mission until 30 June 2032, and decides "
                       "that the Mission shall comprise the following priority tasks:", [
                    ("(a)", "Support to the implementation of the Agreement on Peace and Reconciliation", [
                        ("(i)", "To provide good offices to the parties, including through the Council-mandated "
                                "panel, and to promote the full, equal and meaningful participation of women;"),
                        ("(ii)", "To support the cantonment, disarmament, demobilization and reintegration of "
                                 "ex-combatants, taking into account the specific needs of women and children;"),
                    ]),
                    ("(b)", "Protection of civilians", [
                        ("(i)", "To ensure the protection of civilians under threat of physical violence, "
                                "including from conflict-related sexual violence, in the areas of deployment;"),
                    ]),
                ]),
                ("2.", "Requests the Secretary-General to ensure that the Mission takes fully into account "
                       "gender considerations as a cross-cutting issue throughout its mandate;", []),
            ]),
            ("B. General provisions", [
                ("3.", "Urges all parties to cooperate fully with the Mission in the post-conflict period and in "
                       "the pre- and post-electoral periods, and to refrain from any act of ill-treatment;", []),
                ("4.", "Decides to remain actively seized of the matter.", []),
            ]),
        ],
    ),
    "fr": (
        "Résolution 9901 (2031)", "Adoptée par le Conseil de sécurité à sa 9999e séance, le 30 juin 2031",
        "Le Conseil de sécurité,",
        [
            "Rappelant ses résolutions antérieures sur la République fictive, en particulier la résolution 9900 "
            "(2030), et les déclarations de sa présidence sur la situation dans la sous-région et sur la "
            "consolidation de la paix après-conflit,",
            "Réaffirmant son ferme attachement à la souveraineté, à l'indépendance, à l'unité et à l'intégrité "
            "territoriale de la République fictive, et soulignant le rôle des pays fournisseurs de contingents "
            "et de personnel de police dans les périodes pré- et post-électorales,",
            "Saluant la signature de l'accord-cadre pour la paix et la réconciliation et le travail des "
            "organisations de femmes pour l'égalité femmes-hommes dans sa mise en œuvre,",
        ],
        [
            ("A. Mandat de la Mission", [
                ("1.", "Décide de proroger le mandat de la Mission fictive jusqu'au 30 juin 2032 et décide que la "
                       "Mission aura pour tâches prioritaires les suivantes:", [
                    ("(a)", "Appui à la mise en œuvre de l'Accord pour la paix et la réconciliation", [
                        ("(i)", "Offrir ses bons offices aux parties, notamment par l'intermédiaire du groupe "
                                "d'experts, et promouvoir la participation pleine, égale et véritable des femmes;"),
                        ("(ii)", "Appuyer le cantonnement, le désarmement, la démobilisation et la réintégration "
                                 "des ex-combattants, compte tenu des besoins particuliers des femmes;"),
                    ]),
                    ("(b)", "Protection des civils", [
                        ("(i)", "Assurer la protection des civils menacés de violences physiques, y compris de "
                                "violences sexuelles liées aux conflits, dans ses zones de déploiement;"),
                    ]),
                ]),
                ("2.", "Prie le Secrétaire général de veiller à ce que la Mission tienne pleinement compte de la "
                       "problématique femmes-hommes, considérée comme une question transversale;", []),
            ]),
            ("B. Dispositions générales", [
                ("3.", "Exhorte toutes les parties à coopérer pleinement avec la Mission pendant la période "
                       "après-conflit et à s'abstenir de tout mauvais traitement;", []),
                ("4.", "Décide de rester activement saisi de la question.", []),
            ]),
        ],
    ),
}


def _fictional(language: str) -> tuple[str, DocSpec]:
    """The fictional resolution as plain text (the reference) and as the renderer's blocks."""
    title, adopted, opening, preamble, sections = FICTIONAL[language]
    texts = [title, adopted, opening] + preamble
    blocks = [Block("title", title), Block("title", adopted), Block("opening", opening)]
    blocks += [Block("preambular", p) for p in preamble]
    for heading, operative in sections:
        texts.append(heading)
        blocks.append(Block("heading", heading))
        for number, text, items in operative:
            texts.append(f"{number} {text}")
            blocks.append(Block("operative", text, number, 0, "decimal", int(number[:-1])))
            for letter, heading_text, subitems in items:
                texts.append(f"{letter} {heading_text}")
                blocks.append(Block("operative", heading_text, letter, 1, "letter", ord(letter[1]) - 96))
                for roman, item in subitems:
                    texts.append(f"{roman} {item}")
                    blocks.append(Block("operative", item, roman, 2, "roman", len(roman) - 2))
    symbol = "S/RES/9901 (2031)"
    date = "30 June 2031" if language == "en" else "30 juin 2031"
    return "\n\n".join([symbol] + texts) + "\n", DocSpec(symbol, 9901, 2031, date, tuple(blocks))


LAYOUTS = [
    dataclasses.replace(UN_LAYOUT, page=page, text_width=width, para_space=space)
    for page in (LETTER, A4) for width in (300, 360, 432, 468) for space in (6, 0)
]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_fictional_resolutions_in_the_ods_layout_read_back_whole_wherever_the_pages_break(language):
    text, spec = _fictional(language)
    reference = parse_text(text)
    assert len(reference.paragraphs) == 3 + 9
    breaks = pages = 0
    for layout in LAYOUTS:
        layout = dataclasses.replace(layout, language="E" if language == "en" else "F")
        for hyphenate in (False, True):  # Word's way (breaks at spaces and hyphens only), a typesetter's
            data = render_pdf(spec, hyphenate=hyphenate, layout=layout)
            breaks += render_pdf.last_compound_breaks
            pages += render_pdf.last_page_count
            assert resolution_units(parse_bytes(data, "x.pdf")) == resolution_units(reference), (layout, hyphenate)
    assert breaks >= 20 and pages > 2 * len(LAYOUTS)  # compounds did break at line ends, pages did break


# ---- issue 18: a page with more text than any real page ----------------------------------------------------


def _tiny_lines(count: int, text: str = "ab") -> bytes:
    return render_pages_pdf([[(10 + (k % 50) * 11, 10 + (k // 50) % 770, text, "Times-Roman", 1) for k in range(count)]])


def test_a_page_with_more_text_objects_than_the_bound_is_refused_naming_the_option():
    data = _tiny_lines(301)
    with pytest.raises(LimitError) as info:
        read_bytes(data, "tiny.pdf", Limits(max_page_text=300))
    assert info.value.message == "PDF page 1 has more than 300 text objects (raise the limit with --max-page-text)"
    with pytest.raises(LimitError):  # at the bound, the objects pass; their characters (and spaces) do not
        read_bytes(data, "tiny.pdf", Limits(max_page_text=301))


def test_a_page_with_more_characters_than_the_bound_is_refused_naming_the_option():
    data = render_pages_pdf([[(LEFT, 700, "x" * 400, "Times-Roman", 1)]])  # one text object, 400 characters
    with pytest.raises(LimitError) as info:
        read_bytes(data, "long.pdf", Limits(max_page_text=399))
    assert info.value.message == "PDF page 1 has more than 399 characters (raise the limit with --max-page-text)"
    assert read_bytes(data, "long.pdf", Limits(max_page_text=400)).text.strip() == "x" * 400


def test_the_page_text_bound_is_an_option_of_the_command_line(tmp_path):
    path = tmp_path / "tiny.pdf"
    path.write_bytes(_tiny_lines(301))
    result = subprocess.run([sys.executable, "-m", "mandiff", "parse", "--max-page-text", "300", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr == (f"mandiff: error: {path}: PDF page 1 has more than 300 text objects "
                             "(raise the limit with --max-page-text)\n")
    assert Limits().max_page_text == 50_000
