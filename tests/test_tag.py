"""The WPS tagger: the S/RES/2480 (2019) acceptance fixture, the lexicon's rules, French, user lexicons.

Short texts below are written for these tests in UN style; they are fictional, not quoted resolutions.
"""

from __future__ import annotations

import pytest

from mandiff.errors import FormatError, InputError
from mandiff.lexicon import load_lexicon, shipped_lexicon
from mandiff.model import OPERATIVE, PREAMBULAR, Paragraph, Resolution
from mandiff.pipeline import parse_path
from mandiff.render.wps_text import render_wps_text
from mandiff.tag import tag, tag_text

FIXTURE_LABELS = [
    "PP1", "PP2", "OP4", "OP4-1", "OP4-2", "OP5", "OP9", "OP28", "OP28(a)", "OP28(a)(ii)", "OP28(c)",
    "OP28(c)(iii)", "OP28(d)", "OP28(d)(iv)", "OP28(e)", "OP28(e)(ii)", "OP46", "OP53", "OP55", "OP56",
    "OP58", "OP59",
]  # fmt: skip
FIXTURE_WPS = {
    "PP1", "PP2", "OP4-2", "OP5", "OP9", "OP28(a)(ii)", "OP28(c)(iii)", "OP28(d)(iv)", "OP28(e)(ii)",
    "OP46", "OP53", "OP55", "OP56", "OP58", "OP59",
}  # fmt: skip


def categories(text: str, language: str = "en", lexicon=None) -> set[str]:
    return {t.category for t in tag_text(text, language, lexicon)}


def terms(text: str, language: str = "en", lexicon=None) -> list[tuple[str, str]]:
    return [(t.category, t.term) for t in tag_text(text, language, lexicon)]


def resolution(*units: tuple[str, str, str | None], language: str = "en") -> Resolution:
    """A fictional resolution from (label, text, parent) triples."""
    return Resolution(
        paragraphs=tuple(
            Paragraph(label=label, kind=PREAMBULAR if label.startswith("PP") else OPERATIVE, text=text, parent=parent)
            for label, text, parent in units
        ),
        language=language,
    )


# ------------------------------------------------------------------------------------------------
# Acceptance: S/RES/2480 (2019) as quoted in the seed note's annex


@pytest.fixture
def tagged_2480(fixture_2480):
    return tag(parse_path(str(fixture_2480)))


def test_fixture_units_are_the_ones_the_annex_quotes(tagged_2480):
    assert list(tagged_2480.labels) == FIXTURE_LABELS


def test_fixture_tags_exactly_the_gender_language(tagged_2480):
    wps = {p.label for p in tagged_2480 if p.is_wps}
    assert wps == FIXTURE_WPS
    not_wps = {"OP4", "OP4-1", "OP28", "OP28(a)", "OP28(c)", "OP28(d)", "OP28(e)"}
    for label in not_wps:
        assert tagged_2480.get(label).tags == ()


def test_fixture_categories(tagged_2480):
    cats = {p.label: set(p.categories) for p in tagged_2480}
    assert cats["PP1"] == {"participation"}
    assert cats["PP2"] == {"sexual-violence"}
    assert cats["OP4-2"] == {"participation"}
    assert cats["OP5"] == {"participation", "wps-framework"}
    assert cats["OP9"] == {"sexual-violence", "accountability"}
    assert cats["OP28(a)(ii)"] == {"ddr-ssr"}  # "particular needs of women" in a DDR/SSR task
    assert cats["OP28(c)(iii)"] == {"protection", "gender-expertise", "sexual-violence", "civil-society"}
    assert cats["OP28(d)(iv)"] == {"civil-society", "participation"}
    assert cats["OP28(e)(ii)"] == {"sexual-violence", "protection"}
    assert cats["OP46"] == {"parity"}
    assert cats["OP53"] == {"sexual-violence", "accountability"}
    assert cats["OP55"] == {"wps-framework"}  # recalls "Women, peace and security" by name
    assert cats["OP56"] == {"wps-framework", "gender-expertise", "participation", "ddr-ssr"}
    assert cats["OP58"] == {"sexual-violence", "accountability"}
    assert cats["OP59"] == {"sea", "accountability"}  # no word "women" at all


def test_fixture_evidence_words(tagged_2480):
    def evidence(label):
        return [(t.category, t.term) for t in tagged_2480.get(label).tags]

    assert evidence("OP55") == [("wps-framework", "Women, peace and security")]
    assert ("sea", "zero-tolerance policy on sexual exploitation and abuse") in evidence("OP59")
    assert ("gender-expertise", "Women Protection Advisors") in evidence("OP28(c)(iii)")
    assert ("civil-society", "women\u2019s organizations") in evidence("OP28(c)(iii)")
    assert ("gender-expertise", "gender considerations as a cross-cutting issue") in evidence("OP56")
    assert ("participation", "full, effective and meaningful participation of women") in evidence("PP1")
    assert ("parity", "number of women in") in evidence("OP46")
    for unit in tagged_2480:
        for t in unit.tags:
            assert unit.text[t.start : t.end] == t.term


def test_fixture_json_contract(tagged_2480):
    data = tagged_2480.to_json()
    op59 = next(p for p in data["paragraphs"] if p["label"] == "OP59")
    assert {"category", "term", "start", "end"} <= set(op59["tags"][0])
    op28 = next(p for p in data["paragraphs"] if p["label"] == "OP28")
    assert op28["tags"] == []


def test_fixture_text_rendering(tagged_2480):
    text = render_wps_text(tagged_2480)
    assert text.startswith("S/RES/2480 (2019): 15 of 22 units carry WPS language\n")
    assert "\nOP59  [sea, accountability]\n" in text
    assert "\u00bbWomen, peace and security\u00ab" in text
    assert "\nOP28  " not in text and "\nOP4-1  " not in text
    coloured = render_wps_text(tagged_2480, color=True)
    assert "\x1b[1;33mWomen, peace and security\x1b[0m" in coloured
    assert "\u00bb" not in coloured


def test_text_rendering_of_untagged_and_hostile_units():
    plain = resolution(("OP1", "Decides to remain seized of the matter;", None))
    assert render_wps_text(plain) == "The resolution: no WPS language found in 1 unit.\n"
    hostile = resolution(("OP1", "Condemns rape \x1b[2J\x1b]0;owned\x07 everywhere;", None))
    out = render_wps_text(tag(hostile), color=True)
    assert "\x1b[2J" not in out and "\x07" not in out and "\ufffd[2J" in out
    assert "\x1b[1;33mrape\x1b[0m" in out


# ------------------------------------------------------------------------------------------------
# What is not WPS language


@pytest.mark.parametrize(
    "text",
    [
        "Calls upon all parties to protect children in armed conflict and to release all children from their ranks;",
        "Condemns all violations and abuses of human rights and of international humanitarian law;",
        "Reiterates that the Government bears primary responsibility to protect civilians;",
        "Requests the Mission to deploy Child Protection Advisers and Protection Advisers;",
        "Welcomes the role of the gendarmerie in securing the elections;",
        "Recognizing the equal rights of all without distinction as to race, sex, language or religion,",
        "Stresses that all refugees must be assisted regardless of their age, gender or origin;",
        "Condemns the shelling of the village, which seriously wounded one woman and two men;",
        "Recalls its resolution 1379 (2001) on children and armed conflict;",
        "Stresses that those responsible must be brought to justice and that impunity must end;",
        "Supports security sector reform and the disarmament, demobilization and reintegration of ex-combatants;",
        "Condemns the illegal exploitation of natural resources and arms trafficking;",
        "Stresses the full involvement of the parties and of civil society in the political process;",
    ],
)
def test_not_wps(text):
    assert tag_text(text) == ()


def test_sea_is_not_sexual_violence():
    assert terms("Requests the Mission to prevent sexual exploitation and abuse by its personnel;") == [
        ("sea", "sexual exploitation and abuse")
    ]


# ------------------------------------------------------------------------------------------------
# What is, and in which category


@pytest.mark.parametrize(
    "number", ["1325 (2000)", "1820 (2008)", "1888 (2009)", "1889 (2009)", "1960 (2010)", "2106 (2013)",
               "2122 (2013)", "2242 (2015)", "2467 (2019)", "2493 (2019)"],
)  # fmt: skip
def test_wps_resolutions_are_framework(number):
    expected = f"resolution {number}" if number.startswith("1325") else number
    assert terms(f"Recalling its resolution {number},") == [("wps-framework", expected)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Requests the Mission to deploy Women Protection Advisers;", "gender-expertise"),
        ("Requests the Mission to deploy Women Protection Advisors;", "gender-expertise"),
        ("Requests the Mission to take into account gender considerations as a cross-cutting issue;",
         "gender-expertise"),
        ("Calls for sex-disaggregated data in all reporting;", "gender-expertise"),
        ("Recalls its resolutions on women and peace and security,", "wps-framework"),
        ("Urges the parties to end conflict-related sexual violence;", "sexual-violence"),
        ("Condemns rape and other forms of SGBV;", "sexual-violence"),
        ("Encourages the Government to consult women's organizations;", "civil-society"),
        ("Encourages the Government to consult women organisations;", "civil-society"),
        ("Requests the Secretary-General to increase the number of women in the Mission;", "parity"),
        ("Urges the parties to ensure the full and equal participation of women in the peace talks;",
         "participation"),
        ("Welcomes the national action plan on women, peace and security;", "wps-framework"),
        ("Calls for the integration of women ex-combatants;", "ddr-ssr"),
    ],
)  # fmt: skip
def test_category(text, expected):
    assert expected in categories(text)


def test_variants_plural_possessive_hyphen_case_line_breaks():
    assert terms("a woman's right") == [("protection", "woman's")]
    assert terms("the women\u2019s groups") == [("civil-society", "women\u2019s groups")]
    assert terms("gender based violence") == [("sexual-violence", "gender based violence")]
    assert terms("GENDER-BASED VIOLENCE") == [("sexual-violence", "GENDER-BASED VIOLENCE")]
    assert terms("sexual\n  violence") == [("sexual-violence", "sexual\n  violence")]
    assert terms("the zero tolerance policy on sexual exploitation and abuse") == [
        ("sea", "zero tolerance policy on sexual exploitation and abuse")
    ]


def test_acronyms_keep_their_case():
    assert categories("Condemns SGBV;") == {"sexual-violence"}
    assert tag_text("Condemns sgbv;") == ()
    assert "accountability" in categories("Condemns rape and welcomes cooperation with the ICC;")
    assert "accountability" not in categories("Condemns rape and welcomes cooperation with the icc;")


def test_particular_needs_of_women_by_context():
    assert categories("Requests the Mission to address the particular needs of women;") == {"protection"}
    assert categories(
        "Supports disarmament, demobilization and reintegration, taking into account the particular needs of women;"
    ) == {"ddr-ssr"}


def test_qualifiers_count_only_beside_a_term():
    text = "Calls for perpetrators of rape to be brought to justice;"
    assert categories(text) == {"sexual-violence", "accountability"}
    assert ("accountability", "brought to justice") in terms("Calls for perpetrators of rape to be brought to justice;")


def test_fallback_women_takes_its_category_from_context():
    assert terms("Expresses concern at the situation of women in the camps;") == [("protection", "women")]
    assert terms("Ensures that elders, youth and women are represented at the conference;") == [
        ("participation", "women")
    ]
    # a specific term in the unit makes the bare mention redundant
    assert terms("Condemns sexual violence and its effects on women;") == [("sexual-violence", "sexual violence")]


def test_gap_never_crosses_a_clause():
    for t in tag_text("Welcomes the participation of the parties; notes the report on women's rights; and of women,"):
        assert ";" not in t.term


def test_gap_is_bounded_on_hostile_text():
    # thousands of words or separators between "participation" and "of women": no gap bridges them,
    # and matching still ends at once (the regexes cannot backtrack catastrophically)
    words = "participation " + "of the " * 5_000 + "women"
    assert terms(words) == [("participation", "women")]  # the bare fallback, categorised by its cue
    separators = "participation" + ", ," * 20_000 + " of women"
    assert terms(separators) == [("participation", "women")]


def test_parent_that_only_introduces_wps_children_is_not_tagged():
    r = tag(
        resolution(
            ("OP3", "Decides that the mandate of the Mission shall include the following tasks:", None),
            ("OP3(a)", "To provide specific protection for women and girls affected by armed conflict;", "OP3"),
            ("OP3(b)", "To support the organization of elections;", "OP3"),
        )
    )
    assert r.get("OP3").tags == ()
    assert r.get("OP3(a)").categories == ("protection",)
    assert r.get("OP3(b)").tags == ()
    assert r.tagged


def test_tag_keeps_everything_but_tags():
    r = resolution(("PP1", "Recalling its resolution 1325 (2000),", None), ("OP1", "Decides to remain seized;", None))
    tagged = tag(r)
    assert [p.text for p in tagged] == [p.text for p in r]
    assert tagged.get("OP1").tags == ()


# ------------------------------------------------------------------------------------------------
# French


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Condamne les violences sexuelles et fondées sur le genre,", {"sexual-violence"}),
        ("Prie la Mission de déployer des conseillers pour la protection des femmes;", {"gender-expertise"}),
        ("Prie la Mission de prévenir l’exploitation et les atteintes sexuelles;", {"sea"}),
        ("Demande la participation pleine, égale et véritable des femmes au processus de paix;", {"participation"}),
        ("Rappelant sa résolution 1325 (2000),", {"wps-framework"}),
        ("Rappelant ses résolutions sur les femmes et la paix et la sécurité,", {"wps-framework"}),
        ("Encourage la consultation des organisations de femmes;", {"civil-society"}),
        ("Souligne que ce genre de mesures viole le cessez-le-feu;", set()),
        ("Demande à toutes les parties de protéger les civils et les enfants;", set()),
    ],
)  # fmt: skip
def test_french(text, expected):
    assert categories(text, "fr") == expected


def test_resolution_language_picks_the_lexicon():
    text = "Condamne les violences sexuelles liées aux conflits;"
    assert tag(resolution(("OP1", text, None), language="fr")).get("OP1").categories == ("sexual-violence",)
    assert tag(resolution(("OP1", text, None), language="en")).get("OP1").tags == ()


# ------------------------------------------------------------------------------------------------
# User lexicons

USER_RULES = """
language = "en"

[[rules]]
category = "civil-society"
terms = ["Fictional River Peace Circle"]
"""


def test_user_lexicon_extends(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(USER_RULES, encoding="utf-8")
    lexicon = load_lexicon(str(path))
    text = "Welcomes the work of the Fictional River Peace Circle;"
    assert tag_text(text) == ()
    assert terms(text, lexicon=lexicon) == [("civil-society", "Fictional River Peace Circle")]
    assert categories("Condemns sexual violence;", lexicon=lexicon) == {"sexual-violence"}
    # language = "en": the French lexicon is untouched
    assert tag_text("le Fictional River Peace Circle", "fr", lexicon) == ()


def test_user_lexicon_replaces(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(USER_RULES, encoding="utf-8")
    lexicon = load_lexicon(str(path), replace=True)
    assert categories("Welcomes the Fictional River Peace Circles;", lexicon=lexicon) == {"civil-society"}
    assert tag_text("Condemns sexual violence;", lexicon=lexicon) == ()
    r = tag(resolution(("OP1", "Welcomes the Fictional River Peace Circle;", None)), lexicon)
    assert r.get("OP1").categories == ("civil-society",)


def test_user_lexicon_without_language_extends_every_language(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(USER_RULES.replace('language = "en"', ""), encoding="utf-8")
    lexicon = load_lexicon(str(path))
    assert categories("Salue le Fictional River Peace Circle;", "fr", lexicon) == {"civil-society"}
    assert categories("Condamne les viols;", "fr", lexicon) == {"sexual-violence"}


def test_shipped_lexicon_is_compiled_once():
    assert shipped_lexicon() is shipped_lexicon()
    assert load_lexicon() is shipped_lexicon()
    assert shipped_lexicon().for_language("en") is shipped_lexicon().for_language("en")


@pytest.mark.parametrize(
    "content, message",
    [
        ("language = \"en\"\n[[rules]\n", "not valid TOML"),
        ("[[rules]]\ncategory = \"feelings\"\nterms = [\"x\"]\n", "category 'feelings' is not one of"),
        ("[[rules]]\ncategory = \"sea\"\nterms = \"misconduct\"\n", "rules[0].terms must be a list of strings"),
        ("[[rules]]\ncategory = \"sea\"\nterms = [\"x\"]\ncolour = 1\n", "unknown key 'colour'"),
        ("[[rules]]\ncategory = \"sea\"\nterms = [\".. of women\"]\n", "'..' must stand between two words"),
        ("[[rules]]\ncategory = \"sea\"\nterms = [\"(abuse)\"]\n", "must start with a letter or a digit"),
        ("[[rules]]\ncategory = \"sea\"\nterms = [\"a .. b .. c .. d\"]\n", "at most 2 '..' in one term"),
        ("[[rules]]\ncategory = \"sea\"\nterms = [\"\"]\n", "empty string"),
        ("gap = 99\n[[rules]]\ncategory = \"sea\"\nterms = [\"x\"]\n", "gap must be a whole number"),
        ("[[rules]]\ncategory = \"sea\"\nqualifiers = [\"x\"]\n", "no [[rules]] with terms"),
        ("[[rules]]\ncategory = \"sea\"\nterms = [\"x\"]\n[rules.instead]\nmood = [\"y\"]\n",
         "category 'mood' is not one of"),
    ],
)  # fmt: skip
def test_bad_lexicon_file(tmp_path, content, message):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError) as info:
        load_lexicon(str(path))
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert str(info.value).startswith(str(path))


def test_lexicon_file_that_is_not_text(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(FormatError, match="not UTF-8"):
        load_lexicon(str(path))


def test_missing_lexicon_file(tmp_path):
    with pytest.raises(InputError, match="no such lexicon file"):
        load_lexicon(str(tmp_path / "nope.toml"))
    with pytest.raises(InputError, match="directory"):
        load_lexicon(str(tmp_path))
    with pytest.raises(InputError, match="needs a lexicon file"):
        load_lexicon(None, replace=True)
