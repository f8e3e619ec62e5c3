"""The aligner on its own: which unit of OLD became which of NEW, through renumbering, moves, splits,
merges and edits, on fictional texts built for each shape and on real renewals of the corpus."""

from __future__ import annotations

from conftest import corpus_file
from mandiff.align import align, dice, fold, words
from mandiff.errors import MandiffError
from mandiff.pipeline import parse_path, parse_text

HEAD = "RESOLUTION 9990 (2030)\n\nThe Security Council,\n\n"
CLAUSES = [
    "Decides to extend the mandate of the fictional Mission until the end of the next year;",
    "Requests the Secretary-General to ensure the full and effective participation of women in the talks;",
    "Calls upon the parties to release all persons detained in connection with the conflict at once;",
    "Urges Member States to contribute generously to the trust fund established for the Mission;",
    "Welcomes the efforts of the regional organization to mediate between the parties to the dispute;",
    "Decides to remain actively seized of the matter.",
]


def _text(clauses) -> str:
    return HEAD + "\n\n".join(f"{k}. {c}" for k, c in enumerate(clauses, start=1)) + "\n"


def _links(old, new):
    a = align(old, new)
    o, n = old.paragraphs, new.paragraphs
    return {(o[l.old].label, n[l.new].label, l.kind) for l in a.links}, a


def test_renumbered_units_are_matched_in_order():
    old = parse_text(_text(CLAUSES))
    new = parse_text(_text(["Notes the report of the Secretary-General on the situation in the country;"] + CLAUSES))
    links, a = _links(old, new)
    assert {(o, n) for o, n, _ in links} == {(f"OP{k}", f"OP{k + 1}") for k in range(1, 7)}
    assert len(a.in_order) == 6 and a.dropped == () and [new.paragraphs[j].label for j in a.added] == ["OP1"]


def test_a_unit_moved_out_of_order_is_off_the_order_chain():
    moved = CLAUSES[1:5] + [CLAUSES[0], CLAUSES[5]]
    old, new = parse_text(_text(CLAUSES)), parse_text(_text(moved))
    links, a = _links(old, new)
    assert ("OP1", "OP5", "match") in links
    off_chain = {(old.paragraphs[i].label, new.paragraphs[j].label) for i, j in
                 {(l.old, l.new) for l in a.links} - a.in_order}
    assert off_chain == {("OP1", "OP5")}


BOTH = ("Requests the Secretary-General to ensure the full and effective participation of women in the talks "
        "and to report to the Council every three months on the progress made by the parties;")
HALVES = ["Requests the Secretary-General to ensure the full and effective participation of women in the talks;",
          "Further requests the Secretary-General to report to the Council every three months on the progress made by the parties;"]


def test_split_and_merge_are_found():
    old, new = parse_text(_text(CLAUSES[:1] + [BOTH] + CLAUSES[2:])), parse_text(_text(CLAUSES[:1] + HALVES + CLAUSES[2:]))
    links, _ = _links(old, new)
    assert {(o, n) for o, n, _ in links if o == "OP2"} == {("OP2", "OP2"), ("OP2", "OP3")}
    old, new = new, old  # the other way round, the two halves are merged into one
    links, _ = _links(old, new)
    assert {(o, n) for o, n, _ in links if n == "OP2"} == {("OP2", "OP2"), ("OP3", "OP2")}


def test_a_rewritten_unit_below_the_threshold_is_dropped_and_added():
    changed = CLAUSES[:2] + ["Invites the organizers of the games to hold them in peace and friendship;"] + CLAUSES[3:]
    old, new = parse_text(_text(CLAUSES)), parse_text(_text(changed))
    links, a = _links(old, new)
    assert [old.paragraphs[i].label for i in a.dropped] == ["OP3"]
    assert [new.paragraphs[j].label for j in a.added] == ["OP3"]


def test_word_measures():
    assert words("Secretary-General's report, 2019") == ["secretary", "general", "s", "report", "2019"]
    assert fold("  a\n b\t c ") == "a b c"
    from collections import Counter

    assert dice(Counter("aab"), Counter("abb"), 3, 3) == 2 * 2 / 6


def test_every_unit_of_a_corpus_text_aligns_with_itself(corpus_dir):
    for path in sorted(corpus_dir.glob("*.txt"))[::40]:
        try:
            res = parse_path(str(path))
        except MandiffError:  # the few files refused as not resolutions
            continue
        a = align(res, res)
        assert [(l.old, l.new) for l in a.links] == [(k, k) for k in range(len(res.paragraphs))], path.name
        assert a.dropped == () and a.added == ()


def test_a_real_renewal_keeps_its_paragraphs():
    old, new = parse_path(str(corpus_file("0834_1993"))), parse_path(str(corpus_file("0851_1993")))
    a = align(old, new)
    matched = {old.paragraphs[l.old].label for l in a.links}
    # every old unit is accounted for exactly once: matched, split/merged, or dropped
    assert matched | {old.paragraphs[i].label for i in a.dropped} == set(old.labels)
    assert not matched & {old.paragraphs[i].label for i in a.dropped}
