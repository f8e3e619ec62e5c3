"""Checking recommendations against a new text: statuses, new labels, redlines, the advocate's sentence.

The 2480 fixture and the seed note are read in place; edited copies are written to tmp_path at test
time. Other texts here are fictional, in UN style.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mandiff.checklist import (
    CheckResult,
    check,
    checklist_from_wps,
    fill_elisions,
    fragments_in_order,
    parse_checklist,
    read_checklist,
    run_check,
    same_words,
)
from mandiff.errors import CitationError, InputError
from mandiff.pipeline import parse_path, parse_text
from mandiff.render.checktext import describe_edits, summary_sentence
from mandiff.render.outputs import render


def render_check(result, fmt):
    return render("check", result, fmt)


SEED_REFERENCES = [
    "PP1", "PP2", "OP4-2", "OP5", "OP9", "OP28(a)(ii)", "OP28(c)(iii)", "OP28(d)(iv)", "OP28(e)(ii)",
    "OP46", "OP53", "OP55", "OP56", "OP58", "OP59",
]


def _edited_fixture(fixture: Path, tmp_path: Path) -> Path:
    """The fixture with four changes a renewal makes: OP46 dropped, OP5 weakened ("Calls upon" ->
    "Encourages"), OP53 renumbered to 50, OP9 reworded ("and regional" removed)."""
    text = fixture.read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if not line.startswith("46. ")]
    text = "\n".join(lines)
    for old, new in (
        ("5. Calls upon all parties in Mali", "5. Encourages all parties in Mali"),
        ("53. Urges the Malian authorities", "50. Urges the Malian authorities"),
        ("within national and regional strategies", "within national strategies"),
    ):
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "edited-2480.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed_checklist():
    from conftest import SEED_NOTE

    if not SEED_NOTE.exists():
        pytest.skip(f"the seed note is not at {SEED_NOTE}")
    return read_checklist(str(SEED_NOTE))


def _by_ref(result: CheckResult) -> dict:
    return {r.reference: r for r in result.items}


# ---- the acceptance cases ---------------------------------------------------------------------------------


def test_seed_checked_against_the_fixture_is_all_retained(seed_checklist, fixture_2480):
    result = check(seed_checklist, parse_path(str(fixture_2480)))
    assert [(r.reference, r.status, r.new) for r in result.items] == [(ref, "retained", ref) for ref in SEED_REFERENCES]
    assert result.summary["total"] == 15 and result.summary["retained"] == 15
    assert summary_sentence(result) == "15 of 15 retained. 1 ask for new language, with candidates in the new text to read."
    assert result.unread == () and not result.failed("unread")
    assert not result.failed("dropped") and not result.failed("changed")


def test_seed_checked_against_an_edited_copy(seed_checklist, fixture_2480, tmp_path):
    new = parse_path(str(_edited_fixture(fixture_2480, tmp_path)))
    result = check(seed_checklist, new)
    got = {r.reference: (r.status, r.new) for r in result.items}
    assert got["OP46"] == ("dropped", None)
    assert got["OP5"] == ("weakened", "OP5")
    assert got["OP53"] == ("retained", "OP50")
    assert got["OP9"] == ("modified", "OP9")
    untouched = set(SEED_REFERENCES) - {"OP46", "OP5", "OP53", "OP9"}
    assert {ref: got[ref] for ref in untouched} == {ref: ("retained", ref) for ref in untouched}
    op5 = _by_ref(result)["OP5"]
    assert op5.reasons == ("'Calls upon' became 'Encourages'",)
    assert [e.to_json() for e in op5.edits if e.op != "="] == [["-", "Calls upon"], ["+", "Encourages"]]
    assert [e.to_json() for e in _by_ref(result)["OP9"].edits if e.op != "="] == [["-", "and regional "]]
    s = result.summary
    assert (s["total"], s["retained"], s["weakened"], s["modified"], s["dropped"], s["renumbered"]) == (15, 12, 1, 1, 1, 1)
    assert summary_sentence(result) == (
        "12 of 15 retained; OP 46 dropped; OP 5 weakened: 'Calls upon' became 'Encourages'; "
        "OP 9 modified: 'and regional' removed. Renumbered but unchanged: OP 53 is now OP 50. "
        "1 ask for new language, with candidates in the new text to read."
    )
    assert result.failed("dropped") and result.failed("weakened") and result.failed("changed")


def test_json_contract(seed_checklist, fixture_2480, tmp_path):
    new = parse_path(str(_edited_fixture(fixture_2480, tmp_path)))
    data = json.loads(render_check(check(seed_checklist, new), "json"))
    assert set(data) == {"old", "new", "items", "additions", "unread", "summary", "warnings"}
    assert data["unread"] == [] and data["summary"]["unread"] == 0
    assert [(a["line"], a["status"]) for a in data["additions"]] == [(450, "candidates")]
    assert data["additions"][0]["text"].startswith("Since the high-level workshop of OP 4 has already taken place")
    assert data["additions"][0]["candidates"][0]["new"] == "OP4-2"  # the workshop itself, first
    assert all({"line", "as_written"} <= set(i) for i in data["items"])
    assert data["new"]["file"] == "edited-2480.txt" and data["old"] is None
    first = data["items"][0]
    assert {"reference", "text", "status", "new", "edits"} <= set(first)
    dropped = [i for i in data["items"] if i["status"] == "dropped"]
    assert [(i["reference"], i["new"]) for i in dropped] == [("OP46", None)]
    assert dropped[0]["text"].startswith("Requests the Secretary-General to seek to increase the number of women")
    renumbered = [i for i in data["items"] if i["reference"] == "OP53"][0]
    assert (renumbered["status"], renumbered["new"]) == ("retained", "OP50")
    assert all(op in ("=", "-", "+") for i in data["items"] for op, _ in i["edits"])


def test_with_old_the_quoted_labels_are_confirmed(seed_checklist, fixture_2480, tmp_path):
    old = parse_path(str(fixture_2480))
    new = parse_path(str(_edited_fixture(fixture_2480, tmp_path)))
    result = check(seed_checklist, new, old=old)
    assert [r.reference for r in result.items] == SEED_REFERENCES  # OP4-2 confirmed by OLD
    assert all(r.note is None for r in result.items)
    got = {r.reference: (r.status, r.new) for r in result.items}
    assert (got["OP46"], got["OP5"], got["OP53"], got["OP9"]) == (
        ("dropped", None), ("weakened", "OP5"), ("retained", "OP50"), ("modified", "OP9"))


FICTIONAL_OLD = """Resolution 9999 (2031) (fictional, for mandiff's tests)

The Security Council,

Recalling its resolutions 1325 (2000) and 2242 (2015) on women and peace and security,

Expressing concern at the persistent sexual violence against women and girls in the eastern provinces,

Noting the holding of elections in the Republic of Utopia,

1. Decides to extend the mandate of UNMU until 31 December 2032;

2. Requests the mission to support the full, effective and meaningful participation of women in the national dialogue and in the electoral process;

3. Calls upon the parties to release all persons detained in connection with the conflict;

4. Requests the Secretary-General to ensure that the mission has gender advisers in each of its offices;
"""


def test_citations_of_old_are_followed_into_new(tmp_path):
    old = parse_text(FICTIONAL_OLD)
    new_text = (FICTIONAL_OLD
                .replace("Expressing concern at the persistent sexual violence against women and girls in the eastern provinces,\n\n", "")
                .replace("2. Requests the mission to support the full, effective and meaningful",
                         "2. Expresses concern at the persistent sexual violence against women and girls in the eastern provinces;\n\n"
                         "3. Requests the mission to support the full, effective and meaningful")
                .replace("3. Calls upon the parties", "4. Calls upon the parties")
                .replace("4. Requests the Secretary-General", "5. Encourages the Secretary-General"))
    new = parse_text(new_text)
    checklist = parse_checklist("Keep S/RES/9999 (2031) PPs 1, 2; OPs 2, 4.")
    result = check(checklist, new, old=old)
    got = {r.reference: (r.status, r.new) for r in result.items}
    assert got == {
        "PP1": ("retained", "PP1"),
        "PP2": ("strengthened", "OP2"),  # the concern moved into the operative part
        "OP2": ("retained", "OP3"),
        "OP4": ("weakened", "OP5"),
    }
    assert _by_ref(result)["OP4"].reasons[0] == "'Requests' became 'Encourages'"
    assert _by_ref(result)["OP2"].item.text.startswith("Requests the mission to support")


def test_citation_of_a_missing_paragraph_is_a_citation_error():
    old = parse_text(FICTIONAL_OLD)
    with pytest.raises(CitationError) as info:
        check(parse_checklist("maintain S/RES/9999 OPs 2, 4, 64"), old, old=old)
    assert str(info.value) == "the checklist cites OP 64, which S/RES/9999 (2031) does not have"
    assert "\n" not in str(info.value)


def test_citations_without_old_or_of_another_resolution_are_errors():
    old = parse_text(FICTIONAL_OLD)
    with pytest.raises(CitationError, match="no OLD resolution"):
        check(parse_checklist("maintain S/RES/9999 OPs 2, 4"), old)
    with pytest.raises(CitationError, match="cites S/RES/2423 \\(2018\\) but OLD is S/RES/9999 \\(2031\\)"):
        check(parse_checklist("(S/RES/2423 (2018) OPs 2, 4)"), old, old=old)


def test_elided_excerpt_is_retained_when_every_fragment_is_there_in_order():
    new = parse_text(FICTIONAL_OLD)
    quoted = "2. Requests the mission to support the full, effective and meaningful participation of women (\u2026) in the electoral process;\n"
    result = check(parse_checklist(quoted), new)
    (item,) = result.items
    assert (item.reference, item.status, item.new) == ("OP2", "retained", "OP2")
    assert [e.op for e in item.edits] == ["="]  # the cut is filled from NEW, not shown as a change

    changed = FICTIONAL_OLD.replace("meaningful participation of women in the national dialogue and in the electoral",
                                    "meaningful participation of women in the national dialogue and in any electoral")
    (item,) = check(parse_checklist(quoted), parse_text(changed)).items
    assert (item.status, item.new) == ("modified", "OP2")
    assert [e.to_json() for e in item.edits if e.op != "="] == [["-", "the"], ["+", "any"]]

    only_in_cut = FICTIONAL_OLD.replace("in the national dialogue", "in the inclusive national dialogue")
    (item,) = check(parse_checklist(quoted), parse_text(only_in_cut)).items
    assert (item.status, item.new) == ("retained", "OP2")


def test_excerpt_moved_out_of_order_is_retained_and_said_to_have_moved():
    old_text = FICTIONAL_OLD
    body = old_text.split("1. Decides")[0]
    new_text = body + (
        "1. Requests the Secretary-General to ensure that the mission has gender advisers in each of its offices;\n\n"
        "2. Decides to extend the mandate of UNMU until 31 December 2032;\n\n"
        "3. Requests the mission to support the full, effective and meaningful participation of women in the national dialogue and in the electoral process;\n\n"
        "4. Calls upon the parties to release all persons detained in connection with the conflict;\n"
    )
    result = check(parse_checklist("maintain S/RES/9999 OPs 1, 2, 3, 4"), parse_text(new_text), old=parse_text(old_text))
    got = {r.reference: (r.status, r.new) for r in result.items}
    assert got == {"OP1": ("retained", "OP2"), "OP2": ("retained", "OP3"), "OP3": ("retained", "OP4"),
                   "OP4": ("retained", "OP1")}  # the same words: retained; where they went is the relation
    moved = next(r for r in result.items if r.reference == "OP4")
    assert moved.relation == "moved" and moved.reasons == ("moved to another place in the text",)


def test_all_wps_of_old_is_the_checklist(fixture_2480, tmp_path):
    old = parse_path(str(fixture_2480))
    checklist = checklist_from_wps(old)
    assert [i.reference for i in checklist.items] == SEED_REFERENCES
    result = check(checklist, parse_path(str(_edited_fixture(fixture_2480, tmp_path))), old=old)
    assert (result.count("retained"), result.count("weakened"), result.count("modified"), result.count("dropped")) == (12, 1, 1, 1)


def test_run_check_reads_files_and_refuses_ambiguous_requests(seed_note, fixture_2480, tmp_path):
    edited = str(_edited_fixture(fixture_2480, tmp_path))
    result = run_check(str(seed_note), edited)
    assert result.count("dropped") == 1
    result = run_check(None, edited, all_wps=str(fixture_2480))
    assert len(result.items) == 15 and result.count("dropped") == 1
    with pytest.raises(InputError):
        run_check(str(seed_note), edited, all_wps=str(fixture_2480))
    with pytest.raises(InputError):
        run_check(None, edited)
    with pytest.raises(InputError, match="no such file"):
        run_check(str(tmp_path / "missing.txt"), edited)


def test_text_and_markdown_reports(seed_checklist, fixture_2480, tmp_path):
    result = check(seed_checklist, parse_path(str(_edited_fixture(fixture_2480, tmp_path))))
    text = render_check(result, "text")
    lines = text.splitlines()
    assert lines[1].startswith("Made by mandiff ") and lines[2] == ""  # when it was made, then the verdict
    assert lines[3].startswith("12 of 15 retained; OP 46 dropped; OP 5 weakened: 'Calls upon' became")
    assert "  OP 46          dropped" in text
    assert "[-Calls upon-]{+Encourages+} all parties in Mali" in text
    assert "now OP 50" in text
    md = render_check(result, "md")
    assert "| OP 46 | dropped | — |  |" in md
    assert "~~Calls upon~~ **Encourages** all parties in Mali" in md
    html = render_check(result, "html")  # the page itself: tests/test_check_report_html.py
    assert '<del>Calls upon</del><span class="gap"> </span><ins>Encourages</ins>' in html  # a space between, for copy and paste
    assert html.count("<script") == 1  # ours only, inlined and allowed by its CSP hash


def test_report_escapes_document_text():
    hostile = FICTIONAL_OLD.replace("release all persons", "release <script>alert(1)</script> | all persons")
    result = check(parse_checklist("maintain S/RES/9999 OP 3"), parse_text(FICTIONAL_OLD), old=parse_text(hostile))
    html = render_check(result, "html")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\\<script\\>" in render_check(result, "md") and "\\|" in render_check(result, "md")


# ---- helpers -----------------------------------------------------------------------------------------------


def test_same_words_ignores_closing_punctuation_and_quote_style_only():
    assert same_words("Underlining the Agreement’s role,", "Underlining the Agreement's role.")
    assert not same_words("Underlining the role,", "Underlining its role,")


def test_fragments_in_order_and_fill():
    assert fragments_in_order(["to support", "the cantonment"], "notably to support, inter alia, the cantonment")
    assert not fragments_in_order(["the cantonment", "to support"], "notably to support, inter alia, the cantonment")
    assert fill_elisions("notably (\u2026) the cantonment", "notably to support the cantonment") == "notably to support the cantonment"


def test_describe_edits_is_short_or_empty():
    from mandiff.model import Edit

    assert describe_edits((Edit("=", "a "), Edit("-", "Calls upon"), Edit("+", "Encourages"), Edit("=", " b"))) == \
        "'Calls upon' became 'Encourages'"
    assert describe_edits((Edit("-", " ".join(["word"] * 12)),)) == ""


def test_fail_on_rejects_unknown_values():
    with pytest.raises(InputError):
        CheckResult(items=()).failed("sometimes")


FICTIONAL_OLD_WITH_DASHES = FICTIONAL_OLD + """
5. Calls upon the parties to:
\u2013 release all persons detained in connection with the conflict;
\u2013 ensure that survivors of sexual violence receive care and support;
"""


def test_old_gives_quoted_units_their_real_labels():
    """The annex does not number preambular paragraphs and may quote only the second dash item."""
    annex = (
        "ANNEX: Relevant language in resolution 9999 (2031)\n\n"
        "Expressing concern at the persistent sexual violence against women and girls in the eastern provinces,\n\n"
        "Noting the holding of elections in the Republic of Utopia,\n\n"
        "5. Calls upon the parties to:\n"
        "\u2013 ensure that survivors of sexual violence receive care and support;\n"
    )
    old = parse_text(FICTIONAL_OLD_WITH_DASHES)
    checklist = parse_checklist(annex)
    assert [i.reference for i in checklist.items] == ["PP1", "PP2", "OP5-1"]
    result = check(checklist, old, old=old)
    assert [(r.reference, r.item.quoted_as, r.status, r.new) for r in result.items] == [
        ("PP2", "PP1", "retained", "PP2"),
        ("PP3", "PP2", "retained", "PP3"),
        ("OP5-2", "OP5-1", "retained", "OP5-2"),
    ]
    assert json.loads(render_check(result, "json"))["items"][0]["quoted_as"] == "PP1"


def test_summary_sentence_groups_dropped_asks():
    old = parse_text(FICTIONAL_OLD)
    new = parse_text(FICTIONAL_OLD.split("2. Requests")[0])
    result = check(parse_checklist("maintain S/RES/9999 OPs 2, 4"), new, old=old)
    assert summary_sentence(result) == "0 of 2 retained; OP 2 and OP 4 dropped."
    assert result.unread == ()


def test_citation_list_against_the_fictional_renewal(tmp_path):
    """Every kind of outcome on the shipped example: the NGO citation style with elliptic letters."""
    from conftest import EXAMPLES
    from mandiff.checklist import check, read_checklist
    from mandiff.pipeline import parse_path

    asks = tmp_path / "asks.txt"
    asks.write_text("Recommendation: ensure all existing WPS-related provisions are maintained "
                    "(S/RES/9901 (2031) PPs 3, 5; OPs 3, 4, 6(a)(ii), (b)(ii), 7, 10).\n", encoding="utf-8")
    old = parse_path(str(EXAMPLES / "S-RES-9901-2031-fictional.txt"))
    new = parse_path(str(EXAMPLES / "S-RES-9950-2032-fictional.txt"))
    result = check(read_checklist(str(asks)), new, old).to_json()
    got = [(i["reference"], i["status"], i["new"]) for i in result["items"]]
    assert got == [
        ("PP3", "strengthened", "OP2"),  # promoted into the operative part
        ("PP5", "dropped", None),
        ("OP3", "modified", "OP3"),  # merged with OP2: not a strengthening of this ask
        ("OP4", "weakened", "OP4"),  # 'Requests' became 'Encourages'
        ("OP6(a)(ii)", "retained", "OP8(a)(ii)"),  # renumbered only
        ("OP6(b)(ii)", "removed-from", "OP8(b)(ii)"),  # kept without 'the particular needs of women'
        ("OP7", "retained", "OP11"),  # the same words, moved
        ("OP10", "removed-from", "OP10"),  # kept without 'including on the participation of women'
    ]
    merged = next(i for i in result["items"] if i["reference"] == "OP3")
    assert "merged with OP 2" in merged.get("reasons", [])


def test_the_check_page_gives_the_adoption_dates_the_texts_state():
    """Fictional resolutions are in no registry: the dates and meetings come from the texts themselves."""
    from conftest import EXAMPLES
    from mandiff.checklist import check, checklist_from_wps

    old = parse_path(str(EXAMPLES / "S-RES-9901-2031-fictional.txt"))
    new = parse_path(str(EXAMPLES / "S-RES-9950-2032-fictional.txt"))
    import re

    page = " ".join(re.sub(r"<[^>]+>", "", render_check(check(checklist_from_wps(old), new, old), "html")).split())
    assert "S/RES/9901 (2031), adopted 30 June 2031 at the 9870th meeting" in page
    assert "S/RES/9950 (2032), adopted 29 June 2032 at the 9921st meeting" in page
    assert "new_header" not in json.dumps(check(checklist_from_wps(old), new, old).to_json())  # not in the contract
