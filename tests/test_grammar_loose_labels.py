"""Labels as people type them (grammar.typed_labels.read_label_at): every loose form of one label reads as that
label, and a label that cannot be read says why instead of becoming its parent."""

from __future__ import annotations

import itertools

import pytest

from mandiff.grammar.labels import Label
from mandiff.grammar.typed_labels import read_label_at, read_subs_at
from mandiff.grammar.numbering import is_marker

# how people write the markers "(c)" and "(iii)" after "28"
_SUB_FORMS = {
    "brackets": "{n}({a})({b})",
    "spaced brackets": "{n} ({a}) ({b})",
    "space then brackets": "{n} ({a})({b})",
    "inner spaces": "{n}( {a} )( {b} )",
    "bare": "{n} {a} {b}",
    "dots": "{n}.{a}.{b}",
    "glued": "{n}{a}({b})",
    "closing only": "{n} {a}) {b})",
}
_CASES = {"lower": str.lower, "upper": str.upper}
_LOOSE = {"bare", "dots", "glued", "closing only", "inner spaces"}


@pytest.mark.parametrize("form, case", list(itertools.product(_SUB_FORMS, _CASES)))
def test_every_typed_form_of_a_sub_paragraph_reads_as_that_label(form, case):
    for n, a, b in (("28", "c", "iii"), ("4", "a", "ii"), ("12", "bb", "ix")):
        typed = _SUB_FORMS[form].format(n=n, a=_CASES[case](a), b=_CASES[case](b))
        for after in ("", ", 56", " of resolution 2480", ";", " and 9"):
            reading = read_label_at(typed + after, 0)
            assert reading.problem is None, typed + after
            assert reading.label == Label("OP", int(n), (a, b)), typed + after
            assert reading.end == len(typed), typed + after
            assert reading.loose == (form in _LOOSE or case == "upper"), (typed, reading)


@pytest.mark.parametrize("typed, problem", [
    ("28(c)(iii", "a bracket is not closed after '(iii'"),
    ("28 (c)(iii", "a bracket is not closed after '(iii'"),
    ("28(c)(zz9)", "'(zz9)' is not a sub-paragraph marker"),
    ("28(c)(iiii)", "'(iiii)' is not a sub-paragraph marker"),
    ("28(c)(ab)", "'(ab)' is not a sub-paragraph marker"),
    ("28.c.zz9", "'.zz9' is not a sub-paragraph marker"),
    ("5th", "'th' is not a sub-paragraph marker"),
    ("28(c)(1)", "'(1)' is not a sub-paragraph marker"),
    ("5 bis", "'bis' numbers a paragraph a draft inserted, not one of an adopted text"),
    ("5é", "'é' is not a sub-paragraph marker"),
    ("5paragraph", "'paragraph' is not a sub-paragraph marker"),
])
def test_a_label_that_cannot_be_read_says_why_and_is_never_its_parent(typed, problem):
    reading = read_label_at(typed, 0)
    assert reading.label is None and reading.problem == problem


@pytest.mark.parametrize("text, label, end", [
    ("46 (number of women in MINUSMA)", "OP46", 2),  # a remark in brackets after the label
    ("46(number of women)", "OP46", 2),
    ("46 (2019)", "OP46", 2),
    ("5 a new paragraph", "OP5", 1),  # "a" is an article here, not a marker
    ("5. Calls upon", "OP5", 1),  # the full stop ends a sentence
    ("5 i.e. the parity paragraph", "OP5", 1),
    ("5 and 6", "OP5", 1),
    ("5 (a new paragraph)", "OP5", 1),
])
def test_what_follows_a_label_is_not_read_into_it(text, label, end):
    reading = read_label_at(text, 0)
    assert (str(reading.label), reading.end, reading.problem) == (label, end, None)


def test_a_capital_third_level_is_labelled_in_lower_case_as_the_segmenter_labels_it():
    reading = read_label_at("12(b)(ii)(A)", 0)
    assert str(reading.label) == "OP12(b)(ii)(a)" and reading.loose


def test_no_number_no_reading_and_kind_is_kept():
    assert read_label_at("OP", 0) is None
    assert str(read_label_at("3 (a)", 0, "PP").label) == "PP3(a)"


def test_elliptic_markers_continue_a_list():
    assert read_subs_at("(c)(iii), 56", 0, first=False)[:3] == (("c", "iii"), 8, False)
    assert read_subs_at(" c iii and", 0, first=False)[:3] == (("c", "iii"), 6, True)
    assert read_subs_at(" key paragraph", 0, first=False)[0] == ()


def test_is_marker_accepts_what_the_council_prints_and_nothing_else():
    assert all(is_marker(t) for t in ("a", "z", "bb", "zz", "i", "iv", "xii", "C", "III"))
    assert not any(is_marker(t) for t in ("", "ab", "zz9", "iiii", "abc", "1", "é", "ß"))
