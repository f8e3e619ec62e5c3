"""Rewritten paragraphs (issue 11, section 5): a dropped unit linked to the new unit that takes its place.

The fictional pairs are written here (English and French, UN style): one paragraph rewritten around the
same task (must link, with the shared subject words shown), one dropped while an unrelated one is added
(must not link). The corpus tests pin links and non-links of the hand-made ground truth
(tests/data/rewritten_ground_truth.tsv; benchmarks/bench_rewritten.py grades the whole of it).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import PROJECT, corpus_file
from mandiff.checklist import check
from mandiff.checklist_parse import parse_checklist
from mandiff.compare import compare
from mandiff.lineage import chain
from mandiff.pipeline import parse_path, parse_text
from mandiff.render.outputs import render
from mandiff.rewrite import renewal_sort, subject_words
from mandiff.vocabulary import REWRITTEN_BY_DEFAULT, Relation, Verdict

_HEAD = """Fictional text: the Mission and the Republic of Veloria do not exist.

Resolution {number} ({year})
Adopted by the Security Council at its {meeting}th meeting, on 30 June {year}

The Security Council,

Recalling its previous resolutions on the situation in the Republic of Veloria,

Taking note of the report of the Secretary-General of 2 June {year},

"""
OLD = _HEAD.format(number=9901, year=2031, meeting=9100) + """1. Decides to extend the mandate of the Mission until 30 June 2032;

2. Urges both parties to complete without delay the cantonment of armed groups in the northern provinces, to hand over all heavy weapons to the joint commission and to release child soldiers;

3. Calls upon Member States to contribute to the trust fund for demining in the coastal districts;

4. Requests the Secretary-General to report on the implementation of this resolution every ninety days;

5. Decides to remain seized of the matter.
"""
NEW = _HEAD.format(number=9950, year=2032, meeting=9200) + """1. Decides to extend the mandate of the Mission until 30 June 2033;

2. Welcomes the progress made since January in the cantonment of armed groups in the northern provinces and looks forward to its completion before the elections of March 2033;

3. Expresses its concern at the rising price of food staples in the capital and invites humanitarian agencies to scale up nutrition programmes;

4. Requests the Secretary-General to report on the implementation of this resolution every ninety days;

5. Decides to remain seized of the matter.
"""

_TETE = """Texte fictif : la Mission et la République de Valdorie n'existent pas.

Résolution {number} ({year})
Adoptée par le Conseil de sécurité à sa {meeting}e séance, le 30 juin {year}

Le Conseil de sécurité,

Rappelant ses résolutions antérieures sur la situation dans la République de Valdorie,

Prenant note du rapport du Secrétaire général en date du 2 juin {year},

"""
FRENCH_OLD = _TETE.format(number=9901, year=2031, meeting=9100) + """1. Décide de proroger jusqu'au 30 juin 2032 le mandat de la Mission;

2. Exhorte les deux parties à achever sans délai le cantonnement des groupes armés dans les provinces du nord, à remettre toutes les armes lourdes à la commission mixte et à libérer les enfants soldats;

3. Demande aux États Membres de contribuer au fonds d'affectation spéciale pour le déminage des districts côtiers;

4. Décide de rester saisi de la question.
"""
FRENCH_NEW = _TETE.format(number=9950, year=2032, meeting=9200) + """1. Décide de proroger jusqu'au 30 juin 2033 le mandat de la Mission;

2. Se félicite des progrès accomplis depuis janvier dans le cantonnement des groupes armés dans les provinces du nord et attend avec intérêt son achèvement avant les élections de mars 2033;

3. Se déclare préoccupé par la hausse du prix des denrées alimentaires dans la capitale et invite les organismes humanitaires à renforcer les programmes de nutrition;

4. Décide de rester saisi de la question.
"""


def _rewritten(comparison):
    return [(p.old, p.new, p.shared) for p in comparison.pairs if p.relation == Relation.REWRITTEN]


@pytest.mark.parametrize("old_text, new_text, shared", [
    (OLD, NEW, ("cantonment", "armed groups", "northern provinces")),
    (FRENCH_OLD, FRENCH_NEW, ("cantonnement", "groupes armés", "provinces", "nord")),
], ids=["english", "french"])
def test_a_call_rewritten_around_the_same_task_is_linked_and_an_unrelated_one_is_not(old_text, new_text, shared):
    old, new = parse_text(old_text), parse_text(new_text)
    plain = compare(old, new)
    assert [d.old for d in plain.dropped] == ["OP2", "OP3"] and [a.new for a in plain.added] == ["OP2", "OP3"]
    linked = compare(old, new, rewritten=True)
    assert _rewritten(linked) == [("OP2", "OP2", shared)]
    # the appeal for a demining fund was dropped; the concern about food prices is new: no link
    assert [d.old for d in linked.dropped] == ["OP3"] and [a.new for a in linked.added] == ["OP3"]
    pair = linked.pairs_for_old("OP2")[0]
    assert 0 < pair.similarity < 0.5
    assert pair.reasons[0] == "shares " + ", ".join(f"'{w}'" for w in shared) + "; lower confidence: read both"
    assert pair.renumbered is False
    assert linked.summary.relation_count("rewritten") == 1 and linked.summary.dropped == 1


def test_rewritten_links_are_off_unless_asked():
    assert REWRITTEN_BY_DEFAULT is False  # precision not shown to be 0.9 out of sample: see bench_rewritten.py
    assert _rewritten(compare(parse_text(OLD), parse_text(NEW))) == []


def _wps_pair():
    """The same pair with gender language in the rewritten paragraph (women and girls held by armed
    groups, then women's participation in the joint commission)."""
    old = OLD.replace("and to release child soldiers;", "and to release the women and girls held by them;")
    new = NEW.replace("before the elections of March 2033;",
                      "before the elections of March 2033, with the full participation of women in the joint commission;")
    return parse_text(old), parse_text(new)


def test_a_rewritten_wps_unit_is_counted_as_rewritten_never_as_dropped():
    old, new = _wps_pair()
    c = compare(old, new, rewritten=True)
    pair = c.pairs_for_old("OP2")[0]
    assert pair.relation == Relation.REWRITTEN and pair.wps == Verdict.MIXED  # protection lost, participation gained
    assert "'Urges' became 'Welcomes'" in pair.reasons
    wps = c.summary.wps.to_json()
    assert (wps["rewritten"], wps["dropped"], wps["old_units"]) == (1, 0, 1)
    assert c.failed(["dropped"]) is False and c.failed(["changed"]) is True
    plain = compare(old, new)
    assert plain.summary.wps.count("dropped") == 1 and plain.failed(["dropped"]) is True


def test_the_json_carries_the_relation_the_similarity_and_the_shared_words():
    c = compare(parse_text(OLD), parse_text(NEW), rewritten=True)
    data = json.loads(render("diff", c, "json"))
    pair = next(p for p in data["pairs"] if p["relation"] == "rewritten")
    assert (pair["old"], pair["new"], pair["shared"]) == ("OP2", "OP2", ["cantonment", "armed groups", "northern provinces"])
    assert pair["similarity"] == round(c.pairs_for_old("OP2")[0].similarity, 3)
    assert all(p["shared"] == [] for p in data["pairs"] if p["relation"] != "rewritten")
    assert data["summary"]["relations"]["rewritten"] == 1


def test_the_reports_say_rewritten_and_show_both_texts():
    c = compare(parse_text(OLD), parse_text(NEW), rewritten=True)
    old_text, new_text = c.old.get("OP2").text, c.new.get("OP2").text
    text = render("diff", c, "text")
    assert f"OP 2 -> OP 2: rewritten (shares 'cantonment', 'armed groups', 'northern provinces'; lower confidence: read both)" in text
    flat = " ".join(text.split())
    assert f"[-{old_text}-] {{+{new_text}+}}" in flat  # both paragraphs whole, not a redline of the two
    markdown = render("diff", c, "md")
    assert f"{Relation.REWRITTEN.symbol} {Relation.REWRITTEN.label}" in markdown
    html = render("diff", c, "html")
    assert 'data-rel="rewritten"' in html and "r-rewritten" in html
    assert "cantonment of armed groups in the northern provinces, to hand over" in html
    csv_rows = render("diff", c, "csv").splitlines()
    assert any(row.startswith("OP2,OP2,rewritten,") for row in csv_rows)


def test_an_ask_whose_paragraph_was_rewritten_is_reported_rewritten_with_the_new_text():
    old, new = _wps_pair()
    asks = parse_checklist("Please retain:\n- OP 2 (armed groups)\n- OP 3 (demining)\n")
    result = check(asks, new, old, rewritten=True)
    by_ref = {r.reference: r for r in result.items}
    assert (by_ref["OP2"].status, by_ref["OP2"].new) == (Verdict.REWRITTEN, "OP2")
    assert by_ref["OP2"].reasons[0].startswith("shares 'cantonment', 'armed groups'")
    assert (by_ref["OP3"].status, by_ref["OP3"].new) == (Verdict.DROPPED, None)
    assert result.summary["rewritten"] == 1 and result.summary["dropped"] == 1
    text = render("check", result, "text")
    assert "OP 2 rewritten as OP 2 (lower confidence: read both)" in text
    assert "{+Welcomes the progress made since January" in text
    assert "Welcomes the progress made since January" in render("check", result, "html")
    assert "**Welcomes the progress made since January" in render("check", result, "md")
    only_rewritten = check(parse_checklist("Please retain:\n- OP 2\n"), new, old, rewritten=True)
    assert not only_rewritten.failed("dropped") and only_rewritten.failed("changed")
    assert check(parse_checklist("Please retain:\n- OP 2\n"), new, old).items[0].status == Verdict.DROPPED


def test_the_chain_says_rewritten_in_json_and_text():
    old, new = _wps_pair()
    result = chain([old, new], rewritten=True)
    row = next(l for l in result.lineages if l.steps[0].label == "OP2")
    assert [str(s.status) for s in row.steps] == ["new", "rewritten"]
    assert row.to_json()["steps"][1]["relation"] == "rewritten"
    text = " ".join(render("chain", result, "text").split())
    assert "OP 2 (2031) -> OP 2 (2032), rewritten (shares 'cantonment', 'armed groups'" in text
    assert "9950 (2032): 1 WPS unit; 1 rewritten" in text
    plain = chain([old, new])
    assert [str(s.status) for s in next(l for l in plain.lineages if l.steps[0].label == "OP2").steps] == ["new", "dropped"]


def test_the_command_line_options(tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")

    def diff(*flags):
        out = subprocess.run([sys.executable, "-m", "mandiff", "diff", str(old), str(new), "--format", "json", *flags],
                             capture_output=True, cwd=PROJECT, check=True)
        return [(p["old"], p["new"]) for p in json.loads(out.stdout)["pairs"] if p["relation"] == "rewritten"]

    assert diff("--rewritten") == [("OP2", "OP2")]
    assert diff("--no-rewritten") == [] and diff() == []


def test_subject_words_leave_out_the_councils_own_words_numbers_and_dates():
    words = [t.word for t in subject_words(
        "Requests the Secretary-General to report to the Security Council by 31 March 2032, pursuant to "
        "paragraph 4 of resolution 2480 (2019), on the cantonment of armed groups")]
    assert words == ["report", "pursuant", "cantonment", "armed", "groups"]  # a report can be the subject
    french = [t.word for t in subject_words(
        "Prie le Secrétaire général de lui présenter d'ici au 31 mars 2032 un rapport sur le cantonnement des groupes armés")]
    assert "cantonnement" in french and "groupes" in french and "secrétaire" not in french and "mars" not in french


@pytest.mark.parametrize("text, sort", [
    ("Taking note of the report of the Secretary-General of 2 June 2031,", "note a report or letter of the Secretary-General"),
    ("Having considered the letter dated 5 May 2031 from the Secretary-General,", "note a report or letter of the Secretary-General"),
    ("Requests the Secretary-General to keep the Council informed and to report by 31 May 2032;", "request a report"),
    ("Requests the Secretary-General to submit recommendations on the period of extension of the mandate;", "request a report"),
    ("Also decides that the mandate of the Mission, enlarged by the present resolution, will be extended to 31 October;", "extend the mandate"),
    ("Prie le Secrétaire général de lui présenter un rapport d'ici au 31 mai 2032;", "request a report"),
    ("Décide de proroger jusqu'au 30 juin 2032 le mandat de la Mission;", "extend the mandate"),
    ("Urges the parties to complete the cantonment of armed groups;", None),
])
def test_the_paragraphs_every_renewal_has(text, sort):
    assert renewal_sort(text) == sort


# ---- the corpus: links and non-links of the hand-made ground truth -----------------------------------

def _corpus_pair(old: str, new: str):
    return compare(parse_path(str(corpus_file(old))), parse_path(str(corpus_file(new))), rewritten=True)


@pytest.mark.parametrize("old, new, link, shared", [
    # Cyprus: the Council's reading of the SG's report rewritten from 'improved' to 'quiet but uneasy'
    ("0198_1964", "0201_1965", ("PP3", "PP3"), ("situation",)),
    # Cyprus: the report noted, restated for the new report and its date (short-form renewal)
    ("0422_1977", "0430_1978", ("PP1", "PP1"), ()),
    # Angola: a demand on one party about relief delivery became a reaffirmed need, the same subject
    ("0864_1993", "0890_1993", ("OP14", "OP10"), ("unimpeded delivery", "humanitarian assistance")),
])
def test_corpus_links_a_reader_draws(old, new, link, shared):
    c = _corpus_pair(old, new)
    pair = next(p for p in c.pairs if (p.old, p.new) == link)
    assert pair.relation == Relation.REWRITTEN
    assert all(word in pair.shared for word in shared)


@pytest.mark.parametrize("old, new, still_dropped", [
    # Cyprus: a tribute to the late mediator and the new mediator's appointment have no successor
    ("0194_1964", "0198_1964", {"PP5", "PP6", "OP4"}),
    # Angola: the sanctions committee's tasks are not restated once it exists
    ("0864_1993", "0890_1993", {"OP22", "OP22(a)", "OP22(b)", "OP23", "OP25", "PP13", "PP14"}),
    # Georgia: the mandate tasks of the first mission are not restated after the cease-fire collapsed
    ("0858_1993", "0876_1993", {"OP2(a)", "OP2(b)", "OP2(c)", "OP3", "OP5", "OP6", "OP8"}),
])
def test_corpus_units_a_reader_calls_dropped_stay_dropped(old, new, still_dropped):
    c = _corpus_pair(old, new)
    assert still_dropped <= {d.old for d in c.dropped}


def test_the_word_redline_deletes_the_old_paragraph_inserts_the_new_and_says_why():
    from test_docx_redline import body, expected
    from wordml import W, xml
    from mandiff.render.docx_redline import render_diff_docx

    c = compare(parse_text(OLD), parse_text(NEW), rewritten=True)
    data = render_diff_docx(c)
    assert body(data, "new") == expected(c.new) and body(data, "old") == expected(c.old)
    notes = ["".join(t.text or "" for t in comment.iter(W + "t"))
             for comment in xml(data, "word/comments.xml").iter(W + "comment")]
    assert any(n.startswith("rewritten as OP 2: shares 'cantonment'") for n in notes)
    assert any(n.startswith("rewritten from OP 2: shares 'cantonment'") for n in notes)


def test_the_work_is_bounded_on_long_texts_of_alike_paragraphs():
    """Hostile or merely long input: every paragraph requests a report and shares words with every other;
    each dropped unit is scored against a bounded number of added ones, not all of them."""
    from mandiff.align import MAX_CANDIDATES, align
    from mandiff.rewrite import _candidates, _Units

    def text(tag: str) -> str:
        body = "\n\n".join(f"{k}. Requests the Secretary-General to report on the {tag}{k} district and its wells, "
                           f"roads and clinics;" for k in range(1, 301))
        return f"Resolution 9901 (2031)\n\nThe Security Council,\n\n{body}\n"

    old, new = parse_text(text("north")), parse_text(text("south"))
    alignment = align(old, new)
    units = _Units(old.paragraphs, new.paragraphs)
    options = _candidates(units, alignment.dropped, alignment.added)
    assert alignment.dropped and max(len(o) for o in options.values()) <= 2 * MAX_CANDIDATES
