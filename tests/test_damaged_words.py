"""Damaged words (issue 17 item 7): a word split by a stray space or run into its neighbour by a PDF's text
layer or an OCR is still tagged when the repair is unambiguous, and the evidence is shown as written with
the words it was read as. Ordinary words are never rewritten.

The sentences are fictional, in UN style; the damaged fixture units are the S/RES/2480 (2019) passages of
../shared/fixtures with one word damaged at a time (the corpus has no such damage inside WPS language).
"""

from __future__ import annotations

import json

import pytest

from conftest import CORPUS, FIXTURE_2480
from mandiff.cli import main
from mandiff.lexicon import shipped_lexicon
from mandiff.pipeline import parse_path, parse_text
from mandiff.tag import tag, tag_text


@pytest.mark.parametrize(
    "text, language, written, read_as, category",
    [
        ("Condemns all acts of sexual vio lence against civilians;", "en", "sexual vio lence", "sexual violence",
         "sexual-violence"),
        ("Calls for an end to gen der-based violence in the camps;", "en", "gen der-based violence",
         "gender-based violence", "sexual-violence"),
        ("Requests the Mission to deploy Women Protection Advi sers;", "en", "Women Protection Advi sers",
         "Women Protection Advisers", "gender-expertise"),
        ("Requests the Mission to deploy WomenProtection Advisers;", "en", "WomenProtection Advisers",
         "Women Protection Advisers", "gender-expertise"),
        ("Condamne les violences sexu elles commises contre des civils;", "fr", "violences sexu elles",
         "violences sexuelles", "sexual-violence"),
        ("Condamne les violencessexuelles commises contre des civils;", "fr", "violencessexuelles",
         "violences sexuelles", "sexual-violence"),
    ],
)
def test_a_damaged_term_is_tagged_as_written_and_read_as_repaired(text, language, written, read_as, category):
    without = {t.category for t in tag_text(text, language=language, repair_words=False)}
    assert category not in without  # the damage hides the term from the plain tagger
    tags = [t for t in tag_text(text, language=language) if t.category == category]
    assert [(t.term, t.read_as) for t in tags] == [(written, read_as)]
    assert text[tags[0].start : tags[0].end] == written


@pytest.mark.parametrize(
    "text",
    [
        "Takes note of the informed views of the parties and of another report;",  # in+formed, an+other
        "Welcomes the peace keeping operations of the Organization;",  # two words, no WPS term made
        "Decides to extend the mandate of the Mission until 31 December 2090;",
        "Calls upon the police men and the armed forces to withdraw;",  # "policemen" is no WPS term
    ],
)
def test_ordinary_text_is_not_read_as_repaired(text):
    assert tag_text(text) == tag_text(text, repair_words=False)
    assert all(t.read_as is None for t in tag_text(text))


def test_a_clean_unit_keeps_its_tags_when_another_unit_is_damaged():
    text = ("Resolution 9990 (2090)\n\nThe Security Council,\n\n"
            "1. Condemns all acts of sexual vio lence in Valdoria;\n\n"
            "2. Stresses the full and equal participation of women in the elections;\n")
    resolution = tag(parse_text(text))
    units = {p.label: p for p in resolution.paragraphs}
    assert [(t.term, t.read_as) for t in units["OP1"].tags] == [("sexual vio lence", "sexual violence")]
    assert all(t.read_as is None for t in units["OP2"].tags)
    assert units["OP2"].tags == tag_text(units["OP2"].text, repair_words=False)


def test_a_unit_tagged_as_written_is_not_read_again():
    # the repair is for units whose only gender wording is damaged; a tagged unit keeps its own evidence
    text = "Condemns sexual vio lence and calls for the participation of women in the elections;"
    assert tag_text(text) == tag_text(text, repair_words=False)
    assert tag_text(text) != ()


def _split_middle(word_start: int, word_end: int, text: str) -> str:
    middle = (word_start + word_end) // 2
    return text[:middle] + " " + text[middle:]


def test_a_fixture_unit_whose_only_evidence_is_split_keeps_its_categories():
    if not FIXTURE_2480.exists():
        pytest.skip(f"fixture not found at {FIXTURE_2480} (it lives in ../shared beside the project)")
    import re

    resolution = tag(parse_path(str(FIXTURE_2480)))
    compiled = shipped_lexicon().for_language("en")
    lost, lost_without_repair, cases = [], 0, 0
    for unit in resolution.paragraphs:
        if len({(t.start, t.end) for t in unit.tags or ()}) != 1:
            continue  # no WPS language, or several pieces of evidence (one damaged leaves the others)
        t = unit.tags[0]
        for m in re.finditer(r"[^\W\d_]{6,}", t.term):
            cases += 1
            damaged = _split_middle(t.start + m.start(), t.start + m.end(), unit.text)
            lost_without_repair += {g.category for g in tag_text(damaged, lexicon=compiled, repair_words=False)} \
                != set(unit.categories)
            if {g.category for g in tag_text(damaged, lexicon=compiled)} != set(unit.categories):
                lost.append((unit.label, m.group()))
    # 7 words split, one at a time; without the repair 3 of the units lose their categories, with it none
    assert (cases, lost_without_repair, lost) == (7, 3, [])


def test_the_corpus_has_no_unit_read_as_repaired():
    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {CORPUS} (it lives in ../shared beside the project)")
    repaired = []
    for path in sorted(CORPUS.glob("*.txt"))[::4]:  # every fourth file: the golden tag test reads them all
        try:
            resolution = tag(parse_path(str(path)))
        except Exception:  # refused files are the corpus tests' business
            continue
        repaired += [(path.name, p.label) for p in resolution.paragraphs for t in p.tags or () if t.read_as]
    assert repaired == []


def test_the_cli_shows_the_evidence_as_written_and_how_it_was_read(tmp_path, capsys):
    source = tmp_path / "damaged.txt"
    source.write_text("Resolution 9990 (2090)\n\nThe Security Council,\n\n"
                      "1. Condemns all acts of sexual vio lence in Valdoria;\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_code:
        main(["tag", str(source)])
    assert exit_code.value.code == 0
    out = capsys.readouterr().out
    assert "Condemns all acts of \u00bbsexual vio lence\u00ab in Valdoria;" in out
    assert "read \u00bbsexual vio lence\u00ab as \u00bbsexual violence\u00ab" in out
    with pytest.raises(SystemExit):
        main(["tag", str(source), "--format", "json"])
    tags = json.loads(capsys.readouterr().out)["paragraphs"][0]["tags"]
    assert tags == [{"category": "sexual-violence", "term": "sexual vio lence", "start": 21, "end": 37,
                     "read_as": "sexual violence"}]


def test_a_term_damaged_in_the_new_text_is_not_reported_lost():
    # the unit is tagged as written by its other terms, so its damaged "sexual vio lence" is not re-read; the
    # assessment still finds the words there and says nothing was lost
    from mandiff.assess import assess_texts

    old = "Urges all parties to prevent sexual violence and to end gender-based violence against women;"
    new = "Urges all parties to prevent sexual vio lence and to end gender-based violence against women;"
    verdict, reasons = assess_texts(old, new, "operative", "operative", tag_text(old), tag_text(new))
    assert {t.term for t in tag_text(old)} - {t.term for t in tag_text(new)} == {"sexual violence"}
    assert (verdict.id, reasons) == ("modified", ())
    gone = "Urges all parties to prevent violence and to end gender-based violence against women;"
    assert assess_texts(old, gone, "operative", "operative", tag_text(old), tag_text(gone))[1] == (
        "WPS wording changed: 'sexual violence' -> nothing",)


def test_the_html_report_says_how_a_damaged_term_was_read(tmp_path):
    from mandiff.compare import compare
    from mandiff.render.outputs import render

    old = parse_text("Resolution 9990 (2090)\n\nThe Security Council,\n\n1. Condemns all acts of sexual violence;\n", "old")
    new = parse_text("Resolution 9991 (2091)\n\nThe Security Council,\n\n1. Condemns all acts of sexual vio lence;\n", "new")
    page = render("diff", compare(tag(old), tag(new)), "html")
    assert "read as \u2018sexual violence\u2019 (a word split or run together in the text)" in page
    assert ">vio lence</mark>" in page  # the words as written, marked as WPS evidence


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_gate_answers_the_repairers_first_question_as_the_prefilter_does(language):
    """The repairer asks whether the pre-filter finds a gender word written in letters; the gate, on the
    text with its digits taken out, answers instead (no pre-filter compiled). Texts generated from the
    lexicon's own required words, beside, inside and around digits, and the corpus's units: same answers."""
    from mandiff.damaged_words import Repairer

    compiled = shipped_lexicon().for_language(language)
    fast = compiled.repairer()
    assert fast._holds_a_word is not None
    slow = Repairer(frozenset(), frozenset(), compiled.prefilter())
    texts = ["1325", "2467 (2019) and 1960", "", "no such word here"]
    for word in compiled.required:
        texts += [f"recalls {word} 1325", f"x{word}y", f"{word[:1]}7{word[1:]}", f"1820{word}", word.upper().casefold()]
    if CORPUS.is_dir():
        for path in sorted(CORPUS.glob(f"*_{language.upper()}_*.txt"))[::8]:
            texts += path.read_text(encoding="utf-8").casefold().split("\n\n")
    answers = [fast._finds_a_word(t) for t in texts]
    assert answers == [slow._finds_a_word(t) for t in texts]
    assert 0 < sum(answers) < len(answers)
