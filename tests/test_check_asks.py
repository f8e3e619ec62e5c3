"""What the check says of partial quotes, removed sub-paragraphs, asks for new language and lines not
understood, in every output format.

The texts are fictional, in UN style: the example pair shipped in resolutions/examples/ (S/RES/9901 (2031)
and its renewal S/RES/9950 (2032)) and small resolutions written here.
"""

from __future__ import annotations

import json

import pytest

from conftest import EXAMPLES
from mandiff.checklist import CheckResult, check, parse_checklist
from mandiff.pipeline import parse_path, parse_text
from mandiff.render.checktext import summary_sentence
from mandiff.render.outputs import render
from test_check import FICTIONAL_OLD
from test_checklist_prose import LETTER

OLD_EXAMPLE = EXAMPLES / "S-RES-9901-2031-fictional.txt"
NEW_EXAMPLE = EXAMPLES / "S-RES-9950-2032-fictional.txt"


@pytest.fixture(scope="module")
def examples():
    return parse_path(str(OLD_EXAMPLE)), parse_path(str(NEW_EXAMPLE))


@pytest.fixture(scope="module")
def letter_result(examples) -> CheckResult:
    old, new = examples
    return check(parse_checklist(LETTER, "letter.txt"), new, old)


# ---- partial quotes -------------------------------------------------------------------------------------

PARTIAL_QUOTES = {
    "no mark, stops mid-clause": "2. Requests the mission to support the full, effective and meaningful participation of women in the national dialogue\n",
    "bracketed cut": "2. Requests the mission to support the full, effective and meaningful participation of women (\u2026) in the electoral process;\n",
    "three dots": "2. Requests the mission to support the full, effective and meaningful participation of women ... in the electoral process;\n",
    "cut at the start": "2. (\u2026) the full, effective and meaningful participation of women in the national dialogue and in the electoral process;\n",
    "dots at both ends": "2. ... support the full, effective and meaningful participation of women ...\n",
}
GROWN = FICTIONAL_OLD.replace("in the electoral process;", "in the electoral process, and decides to review this support;")


@pytest.mark.parametrize("name", PARTIAL_QUOTES)
@pytest.mark.parametrize("with_old", [False, True])
@pytest.mark.parametrize("new_text", [FICTIONAL_OLD, GROWN], ids=["same", "grown"])
def test_a_partial_quote_found_word_for_word_is_retained_and_says_what_it_matched(name, with_old, new_text):
    old = parse_text(FICTIONAL_OLD) if with_old else None
    new = parse_text(new_text)
    (r,) = check(parse_checklist(PARTIAL_QUOTES[name]), new, old).items
    assert (r.reference, r.status, r.new) == ("OP2", "retained", "OP2"), name
    (reason,) = [x for x in r.reasons if x.startswith("matched")]
    unit = new.get("OP2").text
    assert reason.endswith(f"of the {len(unit.split())} of OP 2")
    for start, end in r.matched:  # the spans are where the quoted words stand in the new text
        assert unit[start:end].split()[0].strip("(…).,") in PARTIAL_QUOTES[name]
    assert [e.op for e in r.edits] == ["="]


def test_a_quote_of_the_first_sentence_says_so():
    two = FICTIONAL_OLD.replace("each of its offices;", "each of its offices. It further requests him to report on their work.")
    quote = "4. Requests the Secretary-General to ensure that the mission has gender advisers in each of its offices.\n"
    (r,) = check(parse_checklist(quote), parse_text(two), parse_text(two)).items
    assert (r.status, r.reasons) == ("retained", ("matched OP 4's first sentence",))
    # without OLD the quote looks whole: a paragraph that gained a sentence is not the quote retained
    # (the sentence it gained asks for a report: a firmer paragraph, and the reason says so)
    (r,) = check(parse_checklist(quote), parse_text(two)).items
    assert (r.status, r.reasons) == ("strengthened", ("added the reporting request 'to report'",))


def test_a_whole_quote_whose_paragraph_gained_words_is_not_retained():
    whole = "2. Requests the mission to support the full, effective and meaningful participation of women in the national dialogue and in the electoral process;\n"
    for old in (None, parse_text(FICTIONAL_OLD)):
        (r,) = check(parse_checklist(whole), parse_text(GROWN), old).items
        assert r.status != "retained" and not r.matched


def test_a_changed_partial_quote_is_compared_with_the_words_it_stands_for():
    quote = PARTIAL_QUOTES["no mark, stops mid-clause"]
    changed = FICTIONAL_OLD.replace("participation of women in the national dialogue", "participation of women in any national dialogue")
    (r,) = check(parse_checklist(quote), parse_text(changed)).items
    assert r.status == "modified"
    assert [e.to_json() for e in r.edits if e.op != "="] == [["-", "the"], ["+", "any"]]
    assert "the quote compared with the words of OP 2 it stands for" in r.reasons


# ---- sub-paragraphs and dash items removed ------------------------------------------------------------

QUOTED_ITEMS = """
5. Calls upon the parties to:
\u2013 release all women and girls held by armed groups;
\u2013 ensure that survivors of sexual violence receive care and support;

6. Requests the mission to:
\u2013 support local elections in the northern provinces;
\u2013 assist the electoral commission with its voter register;
"""
OLD_WITH_ITEMS = FICTIONAL_OLD + QUOTED_ITEMS + """
7. Decides that the mission shall:
(a) protect civilians under threat of physical violence;
(b) provide specific protection for women and children affected by armed conflict;
(c) support the implementation of the Peace Agreement;
"""
NEW_WITH_ITEMS = (OLD_WITH_ITEMS
                  .replace("\u2013 ensure that survivors of sexual violence receive care and support;\n", "")
                  .replace("release all women and girls held by armed groups;",
                           "release immediately and unconditionally all women and girls held by armed groups;")
                  .replace("\u2013 assist the electoral commission with its voter register;\n", "")
                  .replace("support local elections in the northern provinces;",
                           "support local elections in the northern and southern provinces, and decides to review it;")
                  .replace("(b) provide specific protection for women and children affected by armed conflict;\n", "")
                  .replace("(c) support the implementation", "(b) fully support the implementation"))
ANNEX = "ANNEX: Relevant language in resolution 9999 (2031)\n" + QUOTED_ITEMS


@pytest.mark.parametrize("with_old", [False, True])
def test_a_removed_dash_item_is_dropped_on_its_own_never_hidden_in_its_paragraph(with_old):
    old = parse_text(OLD_WITH_ITEMS) if with_old else None
    result = check(parse_checklist(ANNEX), parse_text(NEW_WITH_ITEMS), old)
    got = {r.reference: (r.status, r.new) for r in result.items}
    # OP 5's dash items carry WPS language: each is an ask; the second is gone
    assert got["OP5-2"] == ("dropped", None)
    assert got["OP5-1"][0] == "strengthened"  # its own words gained "immediately and unconditionally"
    # OP 6 has no WPS language: every quoted unit is an ask of its own, the removed one dropped
    assert got["OP6"] == ("retained", "OP6")
    assert got["OP6-2"] == ("dropped", None)
    assert got["OP6-1"][0] != "retained"
    assert "strengthened" not in {got["OP6"][0], got["OP6-2"][0]}


def test_a_cited_paragraph_whose_sub_paragraph_is_gone_names_it_and_is_weakened():
    old, new = parse_text(OLD_WITH_ITEMS), parse_text(NEW_WITH_ITEMS)
    result = check(parse_checklist("Retain S/RES/9999 (2031) OPs 7 and 6."), new, old)
    got = {r.reference: r for r in result.items}
    assert got["OP7"].status in ("weakened", "mixed", "removed-from")
    assert "OP 7(b) dropped" in got["OP7"].reasons
    assert got["OP6"].status == "weakened"  # a dash item gone: never "modified", however the other one changed
    assert "OP 6-2 dropped" in got["OP6"].reasons
    weaker_old = OLD_WITH_ITEMS.replace("6. Requests the mission to:", "6. Encourages the mission to:")
    (r,) = check(parse_checklist("Retain S/RES/9999 (2031) OP 6."), parse_text(NEW_WITH_ITEMS), parse_text(weaker_old)).items
    assert r.status == "mixed"  # 'Encourages' became 'Requests', and a dash item is gone
    assert r.reasons == ("'Encourages' became 'Requests'", "OP 6-2 dropped")


# ---- asks for new language ----------------------------------------------------------------------------


def test_an_ask_for_new_language_lists_the_new_units_that_may_answer_it(letter_result):
    (addition,) = letter_result.additions
    assert (addition.line, addition.status) == (18, "candidates")
    first = addition.candidates[0]
    assert (first.new, first.change) == ("OP8(c)(ii)", "new")  # "To support women human rights defenders ..."
    assert {"women", "human", "rights", "defenders"} <= set(first.shared)
    assert 0 < first.similarity <= 1
    changes = [c.change for c in addition.candidates]
    assert changes == sorted(changes, key=lambda c: c not in ("new", "modified"))  # new or changed first
    data = json.loads(render("check", letter_result, "json"))["additions"]
    assert data[0]["status"] == "candidates" and data[0]["candidates"][0]["new"] == "OP8(c)(ii)"
    assert set(data[0]["candidates"][0]) == {"new", "similarity", "text", "shared", "change"}
    assert "followed" not in json.dumps(data)


def test_an_ask_for_new_language_with_no_candidate(examples):
    old, new = examples
    asks = "Asks for the renewal:\n- Add a provision on climate security and its effects on pastoralist herders.\n"
    result = check(parse_checklist(asks, "asks.txt"), new, old)
    assert result.items == ()
    ((line, status, candidates),) = [(a.line, a.status, a.candidates) for a in result.additions]
    assert (line, status, candidates) == (2, "none found", ())
    assert summary_sentence(result) == "no ask to check. 1 ask for new language, with no candidate in the new text."
    assert "none found in the new text" in render("check", result, "text")


def test_the_seed_notes_ask_for_new_language_finds_the_workshop(seed_note, fixture_2480):
    from mandiff.checklist import read_checklist

    result = check(read_checklist(str(seed_note)), parse_path(str(fixture_2480)))
    (addition,) = result.additions
    assert addition.status == "candidates" and addition.candidates[0].new == "OP4-2"
    assert {"workshop", "recommendations"} <= set(addition.candidates[0].shared)
    assert all(c.change is None for c in addition.candidates)  # no OLD: whether a unit is new is unknown


# ---- lines not understood, in every output ------------------------------------------------------------


def test_the_letter_against_the_renewal(letter_result):
    r = letter_result
    got = [(x.reference, x.status, x.new) for x in r.items]
    assert got == [("OP3", "modified", "OP3"), ("OP4", "weakened", "OP4"), ("PP5", "dropped", None),
                   ("OP6(b)(ii)", "removed-from", "OP8(b)(ii)")]
    assert [tuple(u) for u in r.unread] == [(16, "5. the paragraph on the deployment of Women Protection Advisers.")]
    assert r.failed("unread") and not CheckResult(items=r.items).failed("unread")
    sentence = summary_sentence(r)
    assert sentence.startswith("0 of 4 retained; PP 5 dropped; OP 4 weakened")
    assert "OP 6(b)(ii) (now OP 8(b)(ii)) WPS language removed" in sentence
    assert "; 1 line not understood." in sentence
    assert sentence.endswith("1 ask for new language, with candidates in the new text to read.")
    assert [w.code for w in r.warnings if w.code == "unread"] == ["unread"]


def test_json_carries_unread_additions_and_how_each_ask_was_written(letter_result):
    data = json.loads(render("check", letter_result, "json"))
    assert {"items", "additions", "unread", "summary"} <= set(data)
    assert data["unread"] == [{"line": 16, "text": "5. the paragraph on the deployment of Women Protection Advisers.",
                               "reason": "names a paragraph without a number mandiff can read"}]
    assert (data["summary"]["unread"], data["summary"]["additions"]) == (1, 1)
    by_ref = {i["reference"]: i for i in data["items"]}
    assert by_ref["OP6(b)(ii)"]["as_written"] == "OP 6 b ii"
    assert by_ref["OP6(b)(ii)"]["reading"] == "read 'OP 6 b ii' as OP 6(b)(ii)"
    assert by_ref["OP6(b)(ii)"]["note"] == "read 'OP 6 b ii' as OP 6(b)(ii)"
    assert by_ref["OP3"]["as_written"] == "OP 3" and by_ref["OP3"]["reading"] is None
    assert [i["line"] for i in data["items"]] == [12, 13, 14, 15]


def test_text_and_markdown_show_unread_lines_additions_and_lenient_readings(letter_result):
    text = render("check", letter_result, "text")
    assert "Not understood (lines of the checklist that look like asks)" in text
    assert "  line 16: 5. the paragraph on the deployment of Women Protection Advisers." in text
    assert "Asks for new language" in text and "  line 18: We also ask the Council to add a provision" in text
    assert "candidate OP 8(c)(ii) (new; similarity" in text
    assert "[read 'OP 6 b ii' as OP 6(b)(ii)]" in text and "[read 'para. 4' as OP 4]" in text
    assert "WPS language removed" in text and "removed-from" not in text
    md = render("check", letter_result, "md")
    assert "## Not understood" in md and "| 16 | 5. the paragraph on the deployment" in md
    assert "## Asks for new language" in md and "**OP 8(c)(ii) (new; similarity" in md
    assert "read 'OP 6 b ii' as OP 6(b)(ii)" in md


def test_the_html_page_has_a_section_for_each(letter_result):
    import re

    html = render("check", letter_result, "html")
    table = html.index('id="table"')
    additions = html.index('<section id="additions"')
    unread = html.index('<section id="unread"')
    detail = html.index('<section id="detail"')
    assert table < additions < unread < detail  # after the table of asks
    assert "<h2 id=\"additions-h\">Asks for new language" in html
    assert 'href="#unread"><span class="n">1</span> line of the checklist not understood' in html
    assert re.search(r'<tr data-line="16"><td class="line">16</td><td class="txt">5\. the paragraph on the deployment', html)
    assert '<strong class="lab">OP 8(c)(ii)</strong> <span class="cat">new</span>' in html
    assert "To support women human rights defenders" in html[additions:unread]
    assert "read &#39;OP 6 b ii&#39; as OP 6(b)(ii)" in html


def test_a_resolution_named_in_the_title_is_a_guess_that_old_overrules(examples):
    old, new = examples
    note = "Implementing resolution 1325 (2000) in Valdoria (fictional)\n\nPlease retain:\n- OP 4\n- PP 5\n"
    result = check(parse_checklist(note, "note.txt"), new, old)
    assert [(r.reference, r.item.symbol, r.status) for r in result.items] == [
        ("OP4", "S/RES/9901 (2031)", "weakened"), ("PP5", "S/RES/9901 (2031)", "dropped")]
    (notice,) = [w for w in result.warnings if w.code == "checklist-symbol"]
    assert "names S/RES/1325 (2000) in its title or headings" in notice.message
    assert result.summary["symbol"] == "S/RES/9901 (2031)"
    # a resolution written with the citation is no guess: another one than OLD is refused
    from mandiff.errors import CitationError

    with pytest.raises(CitationError, match="cites S/RES/1325"):
        check(parse_checklist("Please retain:\n- OP 4 of resolution 1325 (2000)\n", "note.txt"), new, old)
