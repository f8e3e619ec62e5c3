"""Document symbols and the drafting conventions of grammar/: numbering, labels, dates, clause openers."""

from __future__ import annotations

import pytest

from mandiff.errors import CitationError
from mandiff.grammar import clauses
from mandiff.grammar.dates import human_date, iso_date, ordinal, parse_date
from mandiff.grammar.labels import Label, label_anchor, parse_label, pretty, pretty_label
from mandiff.grammar.numbering import (
    LETTER,
    ROMAN,
    from_letters,
    from_roman,
    likely_style,
    path_step,
    readings,
    to_letters,
    to_roman,
)
from mandiff.symbols import format_symbol, looks_like_symbol, parse_symbol


@pytest.mark.parametrize("text", ["2480", "S/RES/2480(2019)", "S/RES/2480 (2019)", "s/res/2480", " S / RES / 2480 ( 2019 ) "])
def test_symbols_in_the_forms_people_type(text):
    symbol = parse_symbol(text)
    assert symbol.number == 2480 and looks_like_symbol(text)
    assert str(symbol).startswith("S/RES/2480")


def test_symbol_forms_and_refusals():
    assert str(parse_symbol("S/RES/2480(2019)")) == "S/RES/2480 (2019)"
    assert parse_symbol("S/RES/2480(2019)").compact == "S/RES/2480(2019)"
    assert format_symbol(2480, None) == "S/RES/2480" and format_symbol(None, 2019) is None
    for bad in ("", "S/RES/", "A/RES/2480", "2480 (19)", "resolution 2480"):
        assert not looks_like_symbol(bad)
        with pytest.raises(CitationError):
            parse_symbol(bad)


def test_roman_numerals_both_ways():
    assert [to_roman(n) for n in (1, 4, 9, 14, 40, 90, 400, 1994)] == ["i", "iv", "ix", "xiv", "xl", "xc", "cd", "mcmxciv"]
    assert all(from_roman(to_roman(n)) == n for n in range(1, 400))
    for not_roman in ("", "iiii", "vx", "abc", "d", "m"):
        assert from_roman(not_roman) is None


def test_letters_both_ways():
    assert [to_letters(n) for n in (1, 26, 27, 28, 52, 53)] == ["a", "z", "aa", "bb", "zz", "aaa"]
    assert [from_letters(t) for t in ("a", "z", "aa", "bb", "zz")] == [1, 26, 27, 28, 52]
    assert from_letters("ab") is None and from_letters("A") is None and to_letters(0) == ""


def test_what_a_marker_can_mean():
    assert readings("i") == [(ROMAN, 1), (LETTER, 9)]
    assert readings("ii") == [(ROMAN, 2), (LETTER, 35)]
    assert readings("c") == [(ROMAN, 100), (LETTER, 3)]
    assert readings("C") == [("upper", 3)]
    assert readings("abc") == []
    assert path_step(ROMAN, 3) == "iii" and path_step(LETTER, 28) == "bb" and path_step("dash", 2) == "-2"


def test_letter_or_roman_in_a_quoted_list():
    # bare citations: a lone "i" is roman, "v" and "x" letters, longer numerals roman, doubled letters letters
    assert [likely_style(t) for t in ("i", "v", "x", "iv", "xii", "bb", "c", "-2")] == [ROMAN, LETTER, LETTER, ROMAN, ROMAN, LETTER, LETTER, "dash"]
    # after "(h)": a heading such as "(h) Electoral support" has its points under it; "(h) ...;" is a sibling
    assert likely_style("i", [LETTER], "h", letter_before_closed=False) == ROMAN
    assert likely_style("i", [LETTER], "h", letter_before_closed=True) == LETTER
    assert likely_style("v", [LETTER, ROMAN]) == ROMAN


@pytest.mark.parametrize("text,label", [
    ("OP28(c)(iii)", "OP28(c)(iii)"), ("OP 28 (c) (iii)", "OP28(c)(iii)"), ("op28(c)", "OP28(c)"),
    ("PP3", "PP3"), ("OP4-2", "OP4-2"), ("A:OP3", "A:OP3"), ("ii:pp 2", "II:PP2"), ("OPs. 5", "OP5"),
])
def test_labels_parsed_and_printed(text, label):
    assert str(parse_label(text)) == label


def test_label_anchor_parent_and_prose():
    label = parse_label("A:OP28(c)(iii)")
    assert label.anchor == "part_A__para_28__point_c__point_iii"
    assert str(label.parent()) == "A:OP28(c)" and Label("PP", 3).parent() is None
    assert parse_label("OP4-2").anchor == "para_4__indent_2" and label_anchor("weird label") == "u_weird_label"
    assert pretty_label("OP28(c)(iii)") == "OP 28(c)(iii)" and pretty(None) == "—"
    for bad in ("28", "OP", "XP3", "OP3(C)"):
        with pytest.raises(CitationError):
            parse_label(bad)


def test_dates_in_english_and_french():
    assert parse_date("Adopted by the Security Council at its 8575th meeting, on 28 June 2019") == "2019-06-28"
    assert parse_date("Adoptée par le Conseil de sécurité à sa 8575e séance, le 1er août 2019") == "2019-08-01"
    assert parse_date("on 31 Smarch 2019, or 40 June 2019, or 3 May 1900") is None
    assert iso_date(3, "DÉCEMBRE", 2020) == "2020-12-03" and iso_date(3, "Brumaire", 2020) is None
    assert human_date("2031-06-30") == "30 June 2031" and human_date("sometime") == "sometime" and human_date(None) is None
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 9921, 9870)] == ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "9921st", "9870th"]


def test_how_clauses_open():
    assert clauses.looks_preambular("Deeply concerned by the attacks,") and clauses.looks_preambular("Whereas the parties,")
    assert clauses.looks_operative("Strongly condemns the attacks;") and not clauses.looks_operative("Recalling its resolutions,")
    assert clauses.looks_operative("The Security Council decides to act")  # an older resolution's opening
    assert not clauses.looks_operative("The Security Council, recalling its decisions")
    assert clauses.opens_clause("Recommends that the General Assembly") and not clauses.opens_clause("recommends")
    # a note's prose is stricter than a resolution's body: "In 2019, ..." opens no clause there
    assert clauses.opener_kind("Strongly condemning all violations") == "preambular"
    assert clauses.opener_kind("Calls upon all parties") == "operative"
    assert clauses.opener_kind("In 2019, the workshop took place") is None
    assert clauses.starts_preambular_clause("Gardant à l'esprit les principes") and not clauses.starts_preambular_clause("Beijing Declaration")
    assert clauses.is_connective("Therefore,") and not clauses.is_connective("Therefore the Council")
