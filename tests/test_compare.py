"""The differ on the fictional example (every kind of change) and on real renewal pairs of the corpus.

Expected alignments of the real pairs were written by reading both texts side by side.
"""

from __future__ import annotations

import pytest

from conftest import EXAMPLES, corpus_file
from mandiff.compare import compare
from mandiff.lineage import chain
from mandiff.diff import apply_edits
from mandiff.pipeline import parse_path

OLD_EXAMPLE = EXAMPLES / "S-RES-9901-2031-fictional.txt"
NEW_EXAMPLE = EXAMPLES / "S-RES-9950-2032-fictional.txt"


@pytest.fixture(scope="module")
def example():
    return compare(parse_path(str(OLD_EXAMPLE)), parse_path(str(NEW_EXAMPLE)))


def triples(comparison):
    return [(p.old, p.new, p.relation) for p in comparison.pairs]


def test_example_alignment_shows_every_kind_of_change(example):
    assert triples(example) == [
        ("PP1", "PP1", "modified"),
        ("PP2", "PP2", "identical"),
        ("PP3", "OP2", "promoted"),
        ("PP4", "PP3", "identical"),
        ("PP6", "PP5", "identical"),
        ("PP7", "PP6", "identical"),
        ("PP8", "PP7", "identical"),
        ("OP1", "OP1", "modified"),
        ("OP2", "OP3", "merged"),
        ("OP3", "OP3", "merged"),
        ("OP4", "OP4", "modified"),
        ("OP5", "OP5", "split"),
        ("OP5", "OP6", "split"),
        ("OP6", "OP8", "identical"),
        ("OP6(a)", "OP8(a)", "identical"),
        ("OP6(a)(i)", "OP8(a)(i)", "modified"),
        ("OP6(a)(ii)", "OP8(a)(ii)", "identical"),
        ("OP6(b)", "OP8(b)", "identical"),
        ("OP6(b)(i)", "OP8(b)(i)", "identical"),
        ("OP6(b)(ii)", "OP8(b)(ii)", "modified"),
        ("OP6(c)", "OP8(c)", "identical"),
        ("OP6(c)(i)", "OP8(c)(i)", "identical"),
        ("OP7", "OP11", "moved"),
        ("OP8", "OP7", "moved"),
        ("OP9", "OP9", "identical"),
        ("OP10", "OP10", "modified"),
        ("OP11", "OP12", "identical"),
    ]
    assert [(d.old, d.wps) for d in example.dropped] == [("PP5", True)]
    assert [(a.new, a.wps) for a in example.added] == [("PP4", False), ("OP8(c)(ii)", True)]


def test_example_wps_classes(example):
    wps = {(p.old, p.new): p.wps for p in example.pairs if p.wps}
    assert wps[("PP3", "OP2")] == "strengthened"
    assert wps[("OP4", "OP4")] == "weakened"
    assert wps[("PP4", "PP3")] == "retained"
    assert wps[("OP6(a)(ii)", "OP8(a)(ii)")] == "retained"
    assert wps[("OP8", "OP7")] == "retained"  # moved and renumbered, word for word the same
    assert wps[("OP6(b)(ii)", "OP8(b)(ii)")] == "removed-from"
    assert wps[("OP10", "OP10")] == "removed-from"
    weakened = next(p for p in example.pairs if p.old == "OP4")
    assert weakened.reasons == ("'Requests' became 'Encourages'",)
    assert [(e.op, e.text) for e in weakened.edits][:2] == [("-", "Requests"), ("+", "Encourages")]
    # OP 5 split in two, the second part hedged: a softening, not a silent "modified"
    hedged = ("added the hedge 'as appropriate'", "added the hedge 'within existing resources'")
    for new in ("OP5", "OP6"):
        pair = next(p for p in example.pairs if (p.old, p.new) == ("OP5", new))
        assert (pair.relation, pair.wps, pair.reasons) == ("split", "weakened", hedged)


def test_example_summary_counts(example):
    s = example.summary.to_json()
    assert s["relations"] == {"identical": 14, "modified": 6, "moved": 2, "split": 2, "merged": 2, "promoted": 1, "demoted": 0,
                              "rewritten": 0}
    assert (s["dropped"], s["added"]) == (1, 2)
    assert s["wps"]["dropped"] == 1
    assert s["wps"]["new"] == 1
    assert s["wps"]["weakened"] == 2  # OP 4's verb and OP 5's hedges
    assert s["wps"]["strengthened"] == 1
    assert s["wps"]["moved"] == 2
    assert s["wps"]["removed-from"] == 2  # OP 6(b)(ii) and OP 10 kept, without their WPS language
    assert sum(s["wps"][k] for k in ("retained", "modified", "weakened", "strengthened", "mixed", "removed-from",
                                     "rewritten", "dropped")) == s["wps"]["old_units"] == 12


def test_every_unit_accounted_for_once_and_edits_rebuild_both_texts(example):
    old_seen = [p.old for p in example.pairs] + [d.old for d in example.dropped]
    new_seen = [p.new for p in example.pairs] + [a.new for a in example.added]
    assert set(old_seen) == set(example.old.labels)
    assert set(new_seen) == set(example.new.labels)
    assert sorted(set(d.old for d in example.dropped)) == sorted(set(example.old.labels) - {p.old for p in example.pairs})
    for p in example.pairs:
        assert apply_edits(p.edits, "old") == example.old.get(p.old).text
        assert apply_edits(p.edits, "new") == example.new.get(p.new).text


def test_json_contract_shape(example):
    data = example.to_json()
    assert set(data) == {"old", "new", "pairs", "dropped", "added", "summary", "warnings"}
    assert data["warnings"] == []  # OLD is older than NEW, and both were read without surprises
    assert data["old"]["symbol"] == "S/RES/9901 (2031)"
    first = data["pairs"][0]
    assert set(first) >= {"old", "new", "relation", "similarity", "wps", "edits"}
    assert all(e[0] in "=-+" for p in data["pairs"] for e in p["edits"])


def test_unif_il_renewal_852_to_895_all_in_place():
    c = compare(parse_path(str(corpus_file("0852_1993"))), parse_path(str(corpus_file("0895_1994"))))
    assert triples(c) == [
        ("PP1", "PP1", "identical"),
        ("PP2", "PP2", "modified"),  # the Secretary-General's report of another date
        ("PP3", "PP3", "modified"),  # the Government's letter of another date
        ("PP4", "PP4", "identical"),
        ("OP1", "OP1", "modified"),  # the new end date of the mandate
        ("OP2", "OP2", "identical"),
        ("OP3", "OP3", "identical"),
        ("OP4", "OP4", "identical"),
        ("OP5", "OP5", "identical"),
    ]
    assert c.dropped == () and c.added == ()


def test_angola_renewal_834_to_851_as_read():
    c = compare(parse_path(str(corpus_file("0834_1993"))), parse_path(str(corpus_file("0851_1993"))))
    ops = {(p.old, p.new): p.relation for p in c.pairs if p.old.startswith("OP")}
    assert ops == {
        ("OP1", "OP1"): "modified",  # "Welcomes the further report ... and decides to extend" for two months
        ("OP2", "OP3"): "identical",  # good offices and mediation
        ("OP3", "OP4"): "modified",  # demand to accept the election results; ";" became ","
        ("OP4", "OP5"): "modified",  # condemns the National Union, reworded
        ("OP5", "OP10"): "moved",  # the Government's disposition to a settlement, moved down
        ("OP6", "OP7"): "modified",  # "Affirms" -> "Reaffirms that such occupation ..."
        ("OP7", "OP8"): "modified",  # re-initiate the peace talks
        ("OP10", "OP11"): "modified",  # States to refrain from jeopardizing the Accords
        ("OP11", "OP14"): "modified",  # humanitarian plan, cut down to one line
        ("OP12", "OP16"): "modified",  # appeal for humanitarian relief
        ("OP13", "OP19"): "modified",  # humanitarian law; a stray ":" in the scan
        ("OP14", "OP20"): "modified",  # safety of personnel, now including the Mission
        ("OP15", "OP21"): "modified",  # report before 15 September
        ("OP16", "OP2"): "moved",  # readiness to expand the presence, moved to the top
        ("OP17", "OP23"): "identical",
    }
    assert {d.old for d in c.dropped} == {"PP4", "OP8", "OP9"}  # Abidjan talks; blame; support to the SG


def test_diff_of_a_text_with_itself_is_all_identical_for_every_corpus_file(corpus_dir):
    from tests_support import parse_or_none

    checked = 0
    for path in sorted(corpus_dir.glob("*.txt")):
        res = parse_or_none(path)
        if res is None:
            continue
        c = compare(res, res)
        assert [(p.old, p.new, p.relation) for p in c.pairs] == [(l, l, "identical") for l in res.labels], path.name
        assert c.dropped == () and c.added == ()
        checked += 1
    assert checked == 805


def test_chain_follows_units_through_renewals():
    a, b = parse_path(str(OLD_EXAMPLE)), parse_path(str(NEW_EXAMPLE))
    result = chain([a, b, b])
    rows = {tuple(s.label for s in l.steps): [(s.status, s.relation) for s in l.steps] for l in result.lineages}
    assert rows[("OP8", "OP7", "OP7")] == [("new", None), ("retained", "moved"), ("retained", "identical")]
    assert rows[("PP5", None, None)] == [("new", None), ("dropped", None), ("absent", None)]
    assert rows[(None, "OP8(c)(ii)", "OP8(c)(ii)")] == [("absent", None), ("new", None), ("retained", "identical")]
    assert rows[("OP5", "OP5", "OP5")] == [("new", None), ("weakened", "split"), ("retained", "identical")]
    # the second part of the split, hedged
    assert rows[(None, "OP6", "OP6")] == [("absent", None), ("weakened", "split"), ("retained", "identical")]
    assert result.wps_counts() == (12, 11, 11)


def test_language_dropped_in_one_renewal_and_put_back_in_the_next_is_one_lineage():
    """9901 -> 9950 -> 9901 again. PP5 (the national action plan, WPS) is dropped by 9950 and comes back;
    OP3 is merged into 9950's OP3 and split off again. Each is one row, absent in the middle and
    "restored" at the end, not a second row that starts in the third column."""
    a, b = parse_path(str(OLD_EXAMPLE)), parse_path(str(NEW_EXAMPLE))
    result = chain([a, b, a], keep_order=True)
    rows = {tuple(s.label for s in l.steps): [s.status for s in l.steps] for l in result.lineages}
    assert rows[("PP5", None, "PP5")] == ["new", "dropped", "restored"]
    # OP3 was merged into 9950's OP3 (not dropped: the step names the merged unit) and split off again
    assert rows[("OP3", "OP3", "OP3")] == ["new", "modified", "restored"]
    assert [s.absorbed for l in result.lineages for s in l.steps if l.steps[0].label == "OP3"] == [False, True, False]
    assert sorted(labels for labels, statuses in rows.items() if "restored" in statuses) == [("OP3", "OP3", "OP3"), ("PP5", None, "PP5")]
    assert not any(labels[:2] == (None, None) for labels in rows)  # nothing of 9901 starts over in column 3
    assert len(result.lineages) == 30  # 32 rows before the two were joined
    twice = chain([a, b, a, b, a], keep_order=True)
    rows = {tuple(s.label for s in l.steps): [s.status for s in l.steps] for l in twice.lineages}
    assert rows[("PP5", None, "PP5", None, "PP5")] == ["new", "dropped", "restored", "dropped", "restored"]
    plain = chain([a, b])
    assert not any("restored" in [s.status for s in l.steps] for l in plain.lineages)  # never between neighbours


FRENCH_OLD = """Texte fictif : la Mission et la République de Valdorie n'existent pas.

Résolution 9901 (2031)
Adoptée par le Conseil de sécurité à sa 9870e séance, le 30 juin 2031

Le Conseil de sécurité,

Rappelant ses résolutions 1325 (2000) et 2493 (2019) sur les femmes et la paix et la sécurité,

Saluant l'adoption par le Gouvernement de la Valdorie de son deuxième plan d'action national pour la mise en œuvre
de la résolution 1325 (2000),

1. Décide de proroger jusqu'au 30 juin 2032 le mandat de la Mission;

2. Demande au Gouvernement d'assurer la participation pleine, égale et véritable des femmes au processus de paix;

3. Prie la Mission de déployer des conseillers pour la protection des femmes;

4. Décide de rester saisi de la question.
"""

FRENCH_NEW = """Texte fictif : la Mission et la République de Valdorie n'existent pas.

Résolution 9950 (2032)
Adoptée par le Conseil de sécurité à sa 9921e séance, le 29 juin 2032

Le Conseil de sécurité,

Rappelant ses résolutions 1325 (2000) et 2493 (2019) sur les femmes et la paix et la sécurité,

1. Décide de proroger jusqu'au 30 juin 2033 le mandat de la Mission;

2. Souligne l'importance du dialogue politique;

3. Encourage le Gouvernement à assurer la participation des femmes au processus de paix;

4. Prie la Mission de déployer des conseillers pour la protection des femmes;

5. Décide de rester saisi de la question.
"""


def test_a_french_renewal_end_to_end():
    """Read, segment, tag and compare two fictional French renewals: renumbering, a dropped WPS paragraph
    and a weakened verb with a lost qualifier, as an English pair would give them."""
    from mandiff.pipeline import parse_text

    old, new = parse_text(FRENCH_OLD), parse_text(FRENCH_NEW)
    assert (old.language, new.language) == ("fr", "fr")
    assert (old.symbol, new.symbol) == ("S/RES/9901 (2031)", "S/RES/9950 (2032)")
    result = compare(old, new)
    assert [(p.old, p.new, p.relation, p.wps) for p in result.pairs] == [
        ("PP1", "PP1", "identical", "retained"),
        ("OP1", "OP1", "modified", None),
        ("OP2", "OP3", "modified", "weakened"),
        ("OP3", "OP4", "identical", "retained"),
        ("OP4", "OP5", "identical", None),
    ]
    weakened = next(p for p in result.pairs if p.old == "OP2")
    assert weakened.reasons == (  # the shorter term is the same one without its qualifier, which has its own reason
        "'Demande' became 'Encourage'",
        "removed 'pleine, égale et véritable'",
    )
    assert [(d.old, d.wps) for d in result.dropped] == [("PP2", True)]
    assert [a.new for a in result.added] == ["OP2"]


def test_a_text_with_neither_symbol_nor_council_line_is_compared_with_a_warning():
    # fictional: an advocacy note that quotes numbered paragraphs reads as units, but is no resolution
    from mandiff.pipeline import parse_text

    note = parse_text("Our asks for the renewal\n\n1. Retain the call for the participation of women;\n\n"
                      "2. Keep the request for Women Protection Advisers.\n", "note.txt")
    resolution = parse_text("Resolution 9990 (2090)\n\nThe Security Council,\n\n"
                            "1. Decides to extend the mandate of the Mission;\n", "res.txt")
    codes = [(w.code, w.message.split(" (")[0]) for w in compare(note, resolution).warnings]
    assert ("unsure-input", "OLD") in codes and ("unsure-input", "NEW") not in codes
    assert not [w for w in compare(resolution, resolution).warnings if w.code == "unsure-input"]
