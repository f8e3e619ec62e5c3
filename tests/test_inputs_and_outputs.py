"""Issue "Verdicts", section 4: the direction of a comparison, inputs that are not resolutions, and what
the outputs name and say (warnings, the texts compared, when the report was made, the format from -o)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import EXAMPLES, PROJECT
from mandiff.compare import compare
from mandiff.lineage import chain
from mandiff.errors import InputError, StructureError
from mandiff.pipeline import parse_path, parse_text
from mandiff.render.outputs import choose_format

OLD = str(EXAMPLES / "S-RES-9901-2031-fictional.txt")
NEW = str(EXAMPLES / "S-RES-9950-2032-fictional.txt")


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "mandiff", *args], capture_output=True, text=True, cwd=PROJECT,
                          env=env)


def test_a_reversed_pair_is_compared_as_asked_but_with_a_warning_everywhere(tmp_path):
    comparison = compare(parse_path(NEW), parse_path(OLD))
    assert [w.code for w in comparison.warnings] == ["order"]
    assert "is newer than NEW" in comparison.warnings[0].message
    assert compare(parse_path(OLD), parse_path(NEW)).warnings == ()
    result = run("diff", NEW, OLD, "--format", "json")
    assert result.returncode == 0
    assert result.stderr.startswith("mandiff: warning: OLD (S/RES/9950 (2032), adopted 29 June 2032) is newer")
    assert json.loads(result.stdout)["warnings"][0]["code"] == "order"
    for fmt in ("text", "md", "html"):
        out = run("diff", NEW, OLD, "--format", fmt).stdout
        assert "is newer than NEW" in out, fmt


def test_without_dates_the_resolution_numbers_tell_the_order():
    head = "RESOLUTION {n} (19{y})\n\nThe Security Council,\n\n1. Decides to act on the fictional question;\n"
    older, newer = parse_text(head.format(n=101, y=55)), parse_text(head.format(n=202, y=66))
    assert older.date is None and newer.date is None
    assert [w.code for w in compare(newer, older).warnings] == ["order"]
    unnumbered = parse_text("The Security Council,\n\n1. Decides to act on the fictional question;\n")
    assert compare(unnumbered, older).warnings == ()  # nothing to tell the order by: no false alarm


def test_a_chain_is_put_in_the_order_of_adoption_unless_told_to_keep_it():
    old, new = parse_path(OLD), parse_path(NEW)
    result = chain([new, old])
    assert [r.symbol for r in result.resolutions] == ["S/RES/9901 (2031)", "S/RES/9950 (2032)"]
    assert [w.code for w in result.warnings] == ["reordered"]
    kept = chain([new, old], keep_order=True)
    assert [r.symbol for r in kept.resolutions] == ["S/RES/9950 (2032)", "S/RES/9901 (2031)"]
    assert {w.code for w in kept.warnings} == {"order"}
    unknown = parse_text("The Security Council,\n\n1. Decides to act on the fictional question;\n", name="draft.txt")
    undated = chain([new, unknown])
    assert [r.name for r in undated.resolutions] == ["S/RES/9950 (2032)", "draft.txt"]
    assert "cannot tell the order of adoption (no date or number for draft.txt)" in undated.warnings[0].message


LETTERS = [
    "Dear colleagues,\n\nThe weather in Geneva is lovely this week.\n\nBest wishes,\nAnna\n",
    "Note to file\n\nWe met the delegation on Tuesday. They asked for the draft.\n\nNext steps: circulate it.\n",
    "Chers collègues,\n\nLa réunion est reportée à jeudi.\n\nCordialement,\n",
]


@pytest.mark.parametrize("text", LETTERS)
def test_a_text_that_is_not_a_resolution_is_refused_in_one_line(text):
    with pytest.raises(StructureError, match="not a resolution"):
        parse_text(text)


def test_the_least_a_resolution_needs_is_enough():
    # each alone keeps a text a resolution: a symbol, the Council line, a numbered paragraph, a Council verb
    for text in ("Resolution 9001 (2030)\n\nRequests the parties to talk;\n",
                 "The Security Council,\n\nRequests the parties to talk;\n",
                 "1. Requests the parties to talk;\n",
                 "Requests the parties to talk;\n",
                 "1. Prie les parties de dialoguer ;\n"):
        assert parse_text(text).paragraphs, text


def test_a_checklist_given_as_new_is_refused_with_the_likely_mistake(tmp_path, seed_note, fixture_2480):
    result = run("check", str(fixture_2480), str(seed_note))
    assert result.returncode == 2
    assert result.stderr.strip().endswith("did you swap CHECKLIST and NEW?")
    asks = tmp_path / "asks.txt"
    asks.write_text("Please retain S/RES/9901 (2031) OPs 4 and 10.\n", encoding="utf-8")
    result = run("check", OLD, str(asks))
    assert result.returncode == 2 and "did you swap CHECKLIST and NEW?" in result.stderr


def test_the_output_file_name_chooses_the_format_and_a_wrong_one_is_refused_before_any_work():
    assert choose_format("diff", None, "r.HTML") == "html" and choose_format("diff", None, "r") == "text"
    assert choose_format("diff", "json", "r.html") == "json"  # --format wins
    assert choose_format("check", None, "c.markdown") == "md" and choose_format("chain", None, None) == "text"
    with pytest.raises(InputError, match=r"cannot write \.csv files: it writes .*\.json"):
        choose_format("chain", None, "c.csv")
    result = run("diff", OLD, "no-such-file.txt", "-o", "report.pdf")
    assert result.returncode == 2
    assert "cannot write .pdf files" in result.stderr and "print the HTML report from your browser" in result.stderr
    assert "no-such-file" not in result.stderr  # refused before the inputs were even read


def test_an_old_word_file_is_named_as_such(tmp_path):
    doc = tmp_path / "draft.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    result = run("parse", str(doc))
    assert result.returncode == 2 and "a Word 97-2003 file (.doc)" in result.stderr and "save it as .docx or PDF" in result.stderr


def test_reports_name_what_they_compared_and_when_they_were_made(tmp_path):
    plain = tmp_path / "draft-2033.txt"
    plain.write_text("The Security Council,\n\n1. Decides to extend the mandate of the fictional Mission;\n",
                     encoding="utf-8")
    env = {"SOURCE_DATE_EPOCH": "1798761600", "PATH": "/usr/bin:/bin"}
    data = json.loads(run("diff", OLD, str(plain), "--format", "json", env=env).stdout)
    assert data["new"]["file"] == "draft-2033.txt" and data["old"]["date"] == "2031-06-30"
    text = run("diff", OLD, str(plain), env=env).stdout
    assert text.splitlines()[:2] == ["S/RES/9901 (2031), adopted 30 June 2031  ->  draft-2033.txt",
                                     "Made by mandiff 0.1.0 on 1 January 2027, 00:00 UTC."]
    html = run("diff", OLD, str(plain), "--format", "html", env=env).stdout
    assert "draft-2033.txt" in html and "made 1 January 2027, 00:00 UTC" in html
    check = json.loads(run("check", "--all-wps", OLD, str(plain), "--format", "json", env=env).stdout)
    assert check["new"]["file"] == "draft-2033.txt" and check["summary"]["new"] == "draft-2033.txt"
    assert "2027" not in json.dumps(check)
