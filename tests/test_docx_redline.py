"""The Word redline (-o redline.docx): a valid package whose Accept All gives NEW and Reject All OLD.

Accept All and Reject All are applied by the tests (tests/wordml.py), unit by unit; LibreOffice does the
same by hand in benchmarks/redline_libreoffice.py.
"""

from __future__ import annotations

import posixpath
import subprocess
import sys
from collections import Counter

import pytest

from conftest import CORPUS, EXAMPLES
from mandiff.compare import compare
from mandiff.model import OPERATIVE
from mandiff.pipeline import parse_path, parse_text
from mandiff.render.diffview import build_view
from mandiff.render.docx_redline import render_check_docx, render_diff_docx
from mandiff.render.redline_plan import HEADING_STYLES, PART_STYLE, SECTION_STYLE, UNIT_STYLES, unit_style
from mandiff.vocabulary import Verdict
from tests_support import parse_or_none
from wordml import CT, PKG_REL, R, W, body_paragraphs, paragraph_text, parts, project, xml

OLD = EXAMPLES / "S-RES-9901-2031-fictional.txt"
NEW = EXAMPLES / "S-RES-9950-2032-fictional.txt"
EPOCH = "1796000000"  # 2026-11-30T00:53:20Z


@pytest.fixture(scope="module")
def comparison():
    return compare(parse_path(str(OLD)), parse_path(str(NEW)))


@pytest.fixture(scope="module")
def redline(comparison):
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    try:
        yield render_diff_docx(comparison)
    finally:
        mp.undo()


def expected(resolution) -> list[tuple[str, str]]:
    """The body a Word user should see: part and section headings where they begin, then every unit
    as one paragraph, its number typed before a tab (preambular paragraphs have none)."""
    out, previous = [], None
    for unit in resolution.paragraphs:
        new_part = previous is None or previous.part != unit.part
        if unit.part and new_part:
            out.append((PART_STYLE, unit.part))
        if unit.kind == OPERATIVE and unit.section and (new_part or previous.section != unit.section):
            out.append((SECTION_STYLE, unit.section))
        out.append((unit_style(unit), (unit.number + "\t" if unit.number else "") + unit.text))
        previous = unit
    return out


def body(data: bytes, side: str) -> list[tuple[str, str]]:
    return [(style, text) for style, text in project(data, side) if style in UNIT_STYLES + HEADING_STYLES]


# ---- Accept All / Reject All -------------------------------------------------------------------


def test_accept_all_gives_new_and_reject_all_gives_old(comparison, redline):
    assert body(redline, "new") == expected(comparison.new)
    assert body(redline, "old") == expected(comparison.old)


def test_the_fictional_pair_uses_every_kind_of_revision(redline):
    """Moves are a deletion where the unit was and an insertion where it is, with a comment at each end
    (LibreOffice 7.4 mishandles Word's paragraph moves: see mandiff/render/redline_plan.py)."""
    document = parts(redline)["word/document.xml"].decode("utf-8")
    for element in ("<w:ins ", "<w:del ", "<w:delText", "<w:i/>", "<w:tab/>"):
        assert element in document, element
    marks = Counter(el.tag for p in body_paragraphs(redline) for el in p.findall(f"{W}pPr/{W}rPr/*"))
    # dropped PP 5, the merge of OP 2 into OP 3 and the sources of the three moves (PP 3 -> OP 2, OP 7 -> OP 11,
    # OP 8 -> OP 7) delete a mark; added PP 4, OP 8(c)(ii), the split of OP 5 and the moves' destinations insert one
    assert marks[W + "del"] == 5 and marks[W + "ins"] == 6


def test_a_renumbering_is_a_tracked_change_of_the_typed_number(redline):
    texts = [paragraph_text(p) for p in body_paragraphs(redline)]
    merged = next(t for t in texts if t.startswith("6.8.\tDecides that the mandate"))
    assert merged  # "6." deleted, "8." inserted: both are in the raw paragraph, in that order
    assert any(t.startswith("Recalling its previous") for t in texts)  # no "PP 1" in the body


def test_real_renewals_round_trip(corpus_dir):
    """Consecutive resolutions of the real corpus (renewals on the same country, and unrelated texts):
    whatever the aligner says, Accept All gives NEW and Reject All OLD."""
    names = ["0186_1964", "0187_1964", "0192_1964", "0193_1964", "0598_1987", "0660_1990", "0661_1990",
             "0678_1990", "0686_1991", "0687_1991", "0713_1991", "0724_1991", "0820_1993", "0827_1993"]
    resolutions = [parse_or_none(corpus_dir / f"S_RES_{n}_EN_GOLD.txt") for n in names
                   if (corpus_dir / f"S_RES_{n}_EN_GOLD.txt").exists()]
    resolutions = [r for r in resolutions if r is not None]
    assert len(resolutions) >= 8
    for old, new in zip(resolutions, resolutions[1:]):
        data = render_diff_docx(compare(old, new))
        assert body(data, "new") == expected(new), (old.symbol, new.symbol)
        assert body(data, "old") == expected(old), (old.symbol, new.symbol)


def test_parts_sections_and_splits_round_trip():
    """Shapes the corpus pairs above rarely have: parts A/B, a section renamed, a unit split into two
    and two merged into one, a sub-paragraph promoted in place (fictional text made here)."""
    old = parse_text(
        "The Security Council,\n\nA\n\nRecalling its resolutions,\n\n1. Decides to act;\n\n"
        "Protection of civilians\n\n2. Requests the Mission to protect civilians and to report on it;\n\n"
        "3. Urges the parties to cease fire;\n\n4. Calls upon all parties to comply;\n\n(a) with the law;\n\n"
        "B\n\nNoting the report,\n\n1. Decides to remain seized of the matter.\n")
    new = parse_text(
        "The Security Council,\n\nA\n\nRecalling its resolutions,\n\nNoting with concern the situation,\n\n"
        "1. Decides to act;\n\nProtection of civilians and of women\n\n2. Requests the Mission to protect civilians;\n\n"
        "3. Further requests the Mission to report on it;\n\n4. Urges the parties to cease fire and calls upon all parties to comply;\n\n"
        "(a) with international law;\n\nB\n\nNoting the report,\n\n1. Decides to remain seized of the matter.\n")
    data = render_diff_docx(compare(old, new))
    assert body(data, "new") == expected(new)
    assert body(data, "old") == expected(old)


# ---- a valid package ---------------------------------------------------------------------------


def test_the_package_has_the_parts_and_relationships_word_needs(redline):
    files = parts(redline)
    for name in ("[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
                 "word/styles.xml", "word/settings.xml", "word/comments.xml", "docProps/core.xml"):
        assert name in files, name
    types = xml(redline, "[Content_Types].xml")
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(CT + "Override")}
    assert overrides["/word/document.xml"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    assert overrides["/word/comments.xml"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
    for part in overrides:
        assert part.lstrip("/") in files, part
    root_rels = {r.get("Type").rsplit("/", 1)[-1]: r.get("Target") for r in xml(redline, "_rels/.rels").iter(PKG_REL + "Relationship")}
    assert root_rels["officeDocument"] == "word/document.xml"
    rels = {r.get("Id"): r for r in xml(redline, "word/_rels/document.xml.rels").iter(PKG_REL + "Relationship")}
    by_type = {r.get("Type").rsplit("/", 1)[-1]: r.get("Target") for r in rels.values()}
    assert by_type["comments"] == "comments.xml" and by_type["styles"] == "styles.xml"
    for rel in rels.values():
        if rel.get("TargetMode") != "External":
            assert posixpath.normpath("word/" + rel.get("Target")) in files, rel.get("Target")
    used = {v for el in xml(redline, "word/document.xml").iter() for k, v in el.attrib.items() if k.startswith(R)}
    assert used <= set(rels), used - set(rels)


def test_revision_and_comment_ids_are_unique_and_ranges_paired(redline):
    document = xml(redline, "word/document.xml")
    revisions = [el.get(W + "id") for el in document.iter(W + "ins", W + "del", W + "pPrChange")]
    assert len(revisions) > 20 and len(set(revisions)) == len(revisions)
    order = {el: k for k, el in enumerate(document.iter())}
    starts = {el.get(W + "id"): el for el in document.iter(W + "commentRangeStart")}
    ends = {el.get(W + "id"): el for el in document.iter(W + "commentRangeEnd")}
    assert len(starts) == len(list(document.iter(W + "commentRangeStart"))) and set(starts) == set(ends)
    assert all(order[starts[k]] < order[ends[k]] for k in starts)
    comments = [c.get(W + "id") for c in xml(redline, "word/comments.xml").iter(W + "comment")]
    references = [el.get(W + "id") for el in document.iter(W + "commentReference")]
    assert len(set(comments)) == len(comments) == 16
    assert sorted(comments) == sorted(starts) == sorted(references)
    assert all(order[ends[k]] < order[r] for k, r in zip(references, document.iter(W + "commentReference")))
    assert not set(comments) & set(revisions)
    for el in document.iter(W + "ins", W + "del", W + "pPrChange"):
        assert el.get(W + "author") == "mandiff" and el.get(W + "date") == "2026-11-30T00:53:20Z"
    for comment in xml(redline, "word/comments.xml").iter(W + "comment"):
        assert comment.get(W + "author") == "mandiff" and comment.get(W + "date") == "2026-11-30T00:53:20Z"


def test_every_changed_wps_unit_has_a_comment_over_its_text(comparison, redline):
    changes = build_view(comparison).wps_changes
    assert len(changes) == 10
    comments = {c.get(W + "id"): paragraph_text(c) for c in xml(redline, "word/comments.xml").iter(W + "comment")}
    moves = [t for t in comments.values() if t.startswith(("now ", "was "))]
    assert len(comments) == len(changes) + len(moves)
    assert sorted(moves) == sorted(["now OP 2, at another place (moved to operative)", "was PP 3, at another place (moved to operative)",
                                    "now OP 11, at another place (moved)", "was OP 7, at another place (moved)",
                                    "now OP 7, at another place (moved)", "was OP 8, at another place (moved)"])
    paragraphs = body_paragraphs(redline)
    spans = {}
    for k, p in enumerate(paragraphs):
        for el in p.iter(W + "commentRangeStart"):
            spans.setdefault(el.get(W + "id"), [k, k])[0] = k
        for el in p.iter(W + "commentRangeEnd"):
            spans.setdefault(el.get(W + "id"), [k, k])[1] = k
    found = 0
    for row in changes:
        side, units, drop = ("new", row.news, ("del",)) if row.news else ("old", row.olds, ("ins",))
        label = Verdict(row.wps).label
        for cid, (first, last) in spans.items():
            anchored = "".join(paragraph_text(p, drop) for p in paragraphs[first:last + 1])
            if comments[cid].startswith(label) and all(u.text in anchored for u in units):
                found += 1
                break
        else:
            pytest.fail(f"no comment over {row.label_text} ({label})")
    assert found == len(changes)
    weakened = next(t for t in comments.values() if t.startswith("weakened"))
    assert weakened.startswith("weakened: 'Requests' became 'Encourages'")


def test_the_first_page_has_the_summary_and_the_wps_table(comparison, redline):
    document = xml(redline, "word/document.xml")
    text = " ".join(paragraph_text(p) for p in document.iter(W + "p"))
    assert "The WPS language of S/RES/9901 (2031) in 12 units" in text
    rows = list(document.iter(W + "tr"))
    assert len(rows) == 1 + 10
    assert [paragraph_text(c) for c in rows[0].iter(W + "tc")] == ["Unit (old → new)", "What happened", "Category", "Why"]
    page_break = next(k for k, p in enumerate(body_paragraphs(redline)) if p.find(f".//{W}br[@{W}type='page']") is not None)
    first_unit = next(k for k, p in enumerate(body_paragraphs(redline)) if "Recalling its previous" in paragraph_text(p))
    assert page_break < first_unit


def test_byte_stable_with_source_date_epoch(comparison, redline, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert render_diff_docx(comparison) == redline
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) + 86400))
    assert render_diff_docx(comparison) != redline


# ---- the check redline -------------------------------------------------------------------------


def test_check_redline_accepts_to_new_words_and_rejects_to_the_asks(monkeypatch):
    from mandiff.checklist import run_check
    from mandiff.diff import apply_edits

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = run_check(None, str(NEW), all_wps=str(OLD))
    data = render_check_docx(result)
    from mandiff.grammar.labels import pretty_label

    accepted = [t for s, t in project(data, "new") if s == "Ask"]
    rejected = [t for s, t in project(data, "old") if s == "Ask"]
    kept = [r for r in result.items if r.status != Verdict.DROPPED]
    assert accepted == [f"{pretty_label(r.new)}\t{apply_edits(r.edits, 'new') if r.edits else r.item.text}" for r in kept]
    assert rejected == [f"{pretty_label(r.reference)}\t" + (apply_edits(r.edits, "old") if r.edits and r.status != Verdict.DROPPED
                                                             else r.item.text) for r in result.items]
    comments = [paragraph_text(c) for c in xml(data, "word/comments.xml").iter(W + "comment")]
    assert [c.split(":")[0] for c in comments] == [Verdict(r.status).label for r in result.items]
    assert any(r.status == Verdict.DROPPED for r in result.items) and any(r.renumbered for r in kept)


# ---- the command -------------------------------------------------------------------------------


def _run(*args, **env):
    import os

    return subprocess.run([sys.executable, "-m", "mandiff", *args], capture_output=True, text=True,
                          env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **env})


def test_cli_writes_the_redline_and_refuses_the_terminal(tmp_path, redline):
    out = tmp_path / "redline.docx"
    done = _run("diff", str(OLD), str(NEW), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == redline
    refused = _run("diff", str(OLD), str(NEW), "--format", "docx")
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.strip().splitlines() == [
        "mandiff: error: a Word redline is a file, not text for the terminal: give -o FILE.docx"]
    assert _run("parse", str(NEW), "-o", str(tmp_path / "x.docx")).returncode == 2
    check = _run("check", "--all-wps", str(OLD), str(NEW), "-o", str(tmp_path / "check.docx"))
    assert check.returncode == 0 and (tmp_path / "check.docx").read_bytes()[:2] == b"PK"


def test_python_docx_is_imported_only_for_a_word_file(tmp_path):
    probe = ("import sys\nfrom mandiff.cli import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
             "print('docx' in sys.modules, file=sys.stderr)")
    for args, loaded in ((["--help"], "False"), (["diff", str(OLD), str(NEW), "-o", str(tmp_path / "r.html")], "False"),
                         (["diff", str(OLD), str(NEW), "-o", str(tmp_path / "r.docx")], "True")):
        done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True)
        assert done.stderr.strip().splitlines()[-1] == loaded, (args, done.stderr)
