"""Citations in every spelling monitors use, generated rather than listed: every combination of a prefix
(English and French), its case, a full stop after it, the space before the number, and the way the
sub-paragraph is typed is read as the same label, with the lenient reading said. A label that cannot be
read is a line not understood, never its parent unit.

All texts are generated here; none is taken from a real document.
"""

from __future__ import annotations

import itertools

import pytest

from mandiff.checklist_citations import find_citations, read_citations
from mandiff.checklist_parse import CITATION, parse_checklist

# (prefix as written, the kind it names, whether it is the generic "paragraph" taken to be operative)
PREFIXES = [
    ("OP", "OP", False), ("OPs", "OP", False), ("O.P.", "OP", False), ("operative paragraph", "OP", False),
    ("operative paragraphs", "OP", False), ("operative para", "OP", False), ("op para", "OP", False),
    ("PP", "PP", False), ("PPs", "PP", False), ("P.P.", "PP", False), ("preambular paragraph", "PP", False),
    ("preambular para", "PP", False), ("preamble paragraph", "PP", False),
    ("paragraph", "OP", True), ("paragraphs", "OP", True), ("para", "OP", True), ("paras", "OP", True),
    ("§", "OP", True), ("§§", "OP", True), ("¶", "OP", True), ("sub-paragraph", "OP", True),
    ("paragraphe", "OP", True), ("paragraphes", "OP", True), ("par.", "OP", True),
]
CASES = {"as typed": lambda s: s, "lower": str.lower, "upper": str.upper, "title": str.title}
# a full stop after an abbreviation ("OP.", "para.", "op para."); words and signs take none
DOTS = ("", ".")
SPACES = ("", " ", "  ", "\u00a0")
# how "(c)(iii)" is typed after the number, and whether that reading is lenient
SUBS = [
    ("", (), False), ("(c)(iii)", ("c", "iii"), False), (" (c) (iii)", ("c", "iii"), False),
    (" c iii", ("c", "iii"), True), (".c.iii", ("c", "iii"), True), ("(C)(III)", ("c", "iii"), True),
    (" C III", ("c", "iii"), True), ("c(iii)", ("c", "iii"), True), (" c) iii)", ("c", "iii"), True),
    ("(c)", ("c",), False), (" (ii)", ("ii",), False),
]
# the cases a combination may take: a prefix with a full stop and a space is written "OP. 28", not "OP.28"
# too; "pp." in lower case is the abbreviation of pages and is left out on purpose (see test below)
ABBREVIATIONS = {"OP", "OPs", "PP", "PPs", "para", "paras", "operative para", "op para", "preambular para"}


def _label(kind: str, path: tuple[str, ...]) -> str:
    return f"{kind}28" + "".join(f"({p})" for p in path)


def _combinations():
    seen = set()
    for (prefix, kind, generic), case, dot, space, (sub, path, loose) in itertools.product(
            PREFIXES, CASES, DOTS, SPACES, SUBS):
        if dot and prefix not in ABBREVIATIONS:
            continue
        written = CASES[case](prefix) + dot
        typed = f"{written}{space}28{sub}"
        if written == "pp." or typed in seen:  # the same spelling under another case
            continue
        seen.add(typed)
        yield typed, _label(kind, path), generic, loose


COMBINATIONS = list(_combinations())


def test_the_generated_spellings_are_many():
    assert len(COMBINATIONS) > 3000
    assert len({c for c, *_ in COMBINATIONS}) == len(COMBINATIONS)


def test_every_generated_spelling_reads_as_its_label():
    wrong = []
    for typed, label, generic, loose in COMBINATIONS:
        cites = read_citations(f"{typed}\n")
        got = [(str(c.label), c.problem) for c in cites]
        if got != [(label, None)]:
            wrong.append((typed, got))
            continue
        (c,) = cites
        lenient = loose or generic
        if bool(c.reading) != lenient or (c.reading and f"as {label.replace('OP', 'OP ').replace('PP', 'PP ')}" not in c.reading):
            wrong.append((typed, c.reading))
    assert wrong == []


@pytest.mark.parametrize("k", range(0, len(COMBINATIONS), 23))
def test_a_generated_spelling_in_a_list_of_asks_is_an_item_with_what_was_written(k):
    typed, label, generic, loose = COMBINATIONS[k]
    checklist = parse_checklist(f"Please retain:\n- {typed}\n- OP 3\n", "asks.txt")
    assert [(i.reference, i.form, i.line) for i in checklist.items] == [(label, CITATION, 2), ("OP3", CITATION, 3)]
    item = checklist.items[0]
    assert " ".join(item.as_written.split()) == " ".join(typed.split())
    if loose or generic:
        assert item.reading == f"read '{' '.join(typed.split())}' as {label[:2]} {label[2:]}"
    else:
        assert item.reading is None
    assert checklist.unread == ()


def test_lower_case_pp_with_a_full_stop_is_pages_not_a_paragraph():
    assert read_citations("see pp. 5-8 of the study") == []
    assert [str(c.label) for c in read_citations("pp 5 and Pp. 6 and P.P. 7")] == ["PP5", "PP6", "PP7"]


# ---- lists, ranges, several asks on a line -----------------------------------------------------------

SEPARATORS = (", ", " and ", ", and ", " & ", " et ", " as well as ", " ainsi que ", "; ", " or ")
RANGES = ("-", "\u2013", " - ", " to ", " through ", " \u00e0 ", " au ")
PLURALS = ("OPs", "ops", "OP", "paragraphs", "paras.", "paragraphes", "§§", "operative paragraphs")


@pytest.mark.parametrize("prefix, sep", list(itertools.product(PLURALS, SEPARATORS)))
def test_lists_of_labels(prefix, sep):
    assert [str(c.label) for c in read_citations(f"Retain {prefix} 55{sep}56.")] == ["OP55", "OP56"]
    got = [str(c.label) for c in read_citations(f"Retain {prefix} 28(a)(ii){sep}(c)(iii){sep}56")]
    assert got == ["OP28(a)(ii)", "OP28(c)(iii)", "OP56"]


@pytest.mark.parametrize("prefix, rng", list(itertools.product(PLURALS, RANGES)))
def test_ranges_of_paragraphs(prefix, rng):
    cites = read_citations(f"{prefix} 53{rng}59")
    assert [str(c.label) for c in cites] == [f"OP{n}" for n in range(53, 60)]
    assert {c.reading for c in cites} == {f"read '{prefix} 53{rng}59' as OP 53 to OP 59".replace("  ", " ")} or \
        all(c.reading.endswith("as OP 53 to OP 59") for c in cites)


def test_a_dash_item_is_not_a_range_and_sub_paragraph_ranges_expand():
    assert [str(c.label) for c in read_citations("OP 4-2")] == ["OP4-2"]
    assert [str(c.label) for c in read_citations("OP 28(a) to (c)")] == ["OP28(a)", "OP28(b)", "OP28(c)"]
    assert [str(c.label) for c in read_citations("OP 12(ii) - (iv)")] == ["OP12(ii)", "OP12(iii)", "OP12(iv)"]


def test_loose_elliptic_list():
    assert [(str(c.label), c.reading) for c in read_citations("OPs 28 a ii, c iii and 56")] == [
        ("OP28(a)(ii)", "read 'OPs 28 a ii' as OP 28(a)(ii)"), ("OP28(c)(iii)", "read 'c iii' as OP 28(c)(iii)"),
        ("OP56", None)]


def test_several_asks_on_one_line_with_their_resolutions():
    text = "Retain OP 5 and PP 3 of resolution 9999 (2031); keep paragraph 46 and §§ 7-8 and OP 2 of S/RES/9901."
    got = [(str(c.label), c.symbol) for c in read_citations(text)]
    # the resolution named after a chain of lists is theirs; the next clause of the sentence keeps it
    nine = "S/RES/9999 (2031)"
    assert got == [("OP5", nine), ("PP3", nine), ("OP46", nine), ("OP7", nine), ("OP8", nine), ("OP2", "S/RES/9901")]
    checklist = parse_checklist(text + "\n", "asks.txt")
    assert [i.reference for i in checklist.items] == ["OP5", "PP3", "OP46", "OP7", "OP8", "OP2"]


@pytest.mark.parametrize("text, labels", [
    ("subparagraph (c)(iii) of paragraph 28", ["OP28(c)(iii)"]),
    ("sub-paragraphs (a) and (c) of operative paragraph 12", ["OP12(a)", "OP12(c)"]),
    ("l'alinéa c) du paragraphe 28", ["OP28(c)"]),
    ("the third preambular paragraph", ["PP3"]),
    ("the 5th operative paragraph", ["OP5"]),
    ("le troisième alinéa du préambule", ["PP3"]),
    ("alinéas 3 et 4 du préambule", ["PP3", "PP4"]),
    ("paragraphe 5 du dispositif", ["OP5"]),
    ("paragraphes 5 et 6", ["OP5", "OP6"]),
    ("paragraphes 53 à 59", [f"OP{n}" for n in range(53, 60)]),
])
def test_citations_written_in_words_english_and_french(text, labels):
    assert [str(c.label) for c in read_citations(text)] == labels


def test_parts_of_a_resolution_in_parts():
    got = [(str(c.label), c.written) for c in read_citations("part A, OPs 3 and 4; OP 2 of part II; B:OP1; partie C, paragraphe 5")]
    assert got == [("A:OP3", "part A, OPs 3"), ("A:OP4", "4"), ("II:OP2", "OP 2"), ("B:OP1", "B:OP1"),
                   ("C:OP5", "partie C, paragraphe 5")]


def test_the_resolution_named_before_after_or_in_brackets():
    assert {c.symbol for c in read_citations("(S/RES/2423 (2018) OPs 38(a)(ii), (c)(iv), 64)")} == {"S/RES/2423 (2018)"}
    assert all(c.bracketed for c in read_citations("(S/RES/2605 (2021), PPs 5, 8; OPs 2, 4)"))
    assert {c.symbol for c in read_citations("paragraphe 5 de la résolution 2480 (2019)")} == {"S/RES/2480 (2019)"}
    # another document's paragraph is no unit of a resolution
    for other in ("paragraph 5 of the report", "para. 12 of the Secretary-General's letter", "§ 3 above",
                  "paragraphe 4 du rapport", "paragraph 7 of S/2020/123"):
        assert read_citations(other) == [], other


def test_find_citations_keeps_prose_mentions_out():
    assert find_citations("see paragraph 5 of the report; pp. 5-8 of the study") == []
    assert [str(c.label) for c in find_citations("paragraph 9 of resolution 2480 (2019)")] == ["OP9"]
    assert [str(c.label) for c in find_citations("Retain OP 5.")] == ["OP5"]


# ---- labels that cannot be read --------------------------------------------------------------------

BAD = ("(c)(iii", " (c)(iii", "(C)(III", "(c)(zz9)", "(c)(iiii)", ".c.zz9", "(c)(ab)", "(c(iii)", "zz9")
BAD_PREFIXES = ("OP ", "op", "paragraph ", "para. ", "§ ", "paragraphe ", "subparagraph ")


@pytest.mark.parametrize("prefix, bad", list(itertools.product(BAD_PREFIXES, BAD)))
def test_an_unreadable_label_is_not_understood_never_its_parent(prefix, bad):
    if prefix == "subparagraph ":
        typed = f"subparagraph {bad.strip()} of paragraph 28"
    else:
        typed = f"{prefix}28{bad}"
    checklist = parse_checklist(f"Please retain:\n- {typed}\n- OP 3\n", "asks.txt")
    assert [i.reference for i in checklist.items] == ["OP3"], typed
    (unread,) = checklist.unread
    assert unread.line == 2 and unread.text == f"- {typed}"
    assert unread.reason.startswith("could not read"), unread.reason
    line, text = unread  # a pair (line, text)
    assert (line, text) == (2, f"- {typed}")


def test_an_unreadable_label_in_a_body_sentence_that_asks_to_keep_it_is_not_understood():
    checklist = parse_checklist("Maintain S/RES/2480 OPs 28(a)(ii), (c)(iii and 56.\n", "asks.txt")
    assert [i.reference for i in checklist.items] == ["OP28(a)(ii)"]
    assert [u.line for u in checklist.unread] == [1]
    assert "a bracket is not closed after '(iii'" in checklist.unread[0].reason


# ---- forms mandiff does not read: in an ask list they are listed as not understood, never lost --------

@pytest.mark.parametrize("typed", ["alinéa 3", "PO 5", "paragraph IV", "the paragraph on parity", "OP 5 bis"])
def test_forms_not_read_are_not_understood_in_a_list_of_asks(typed):
    checklist = parse_checklist(f"We ask that the following language be retained:\n- {typed}\n- OP 3\n", "asks.txt")
    assert [u.line for u in checklist.unread] == [2], typed
    assert "OP3" in [i.reference for i in checklist.items]
