"""``mandiff check`` as a user runs it: outputs, ``--fail-on`` exit status 1, errors exit status 2.

The seed note and the 2480 fixture are read in place; the edited copy is written to tmp_path.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from test_check import _edited_fixture

PROJECT = Path(__file__).resolve().parents[1]
MANDIFF = PROJECT / ".venv" / "bin" / "mandiff"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    command = [str(MANDIFF)] if MANDIFF.exists() else [sys.executable, "-m", "mandiff"]
    return subprocess.run(command + list(args), capture_output=True, text=True, cwd=cwd, timeout=120)


def test_seed_against_fixture_is_all_retained_and_exits_0(seed_note, fixture_2480):
    done = run("check", str(seed_note), str(fixture_2480), "--fail-on", "dropped")
    assert done.returncode == 0, done.stderr
    assert "15 of 15 retained." in done.stdout


def test_fail_on_dropped_exits_1_when_something_was_dropped(seed_note, fixture_2480, tmp_path):
    edited = _edited_fixture(fixture_2480, tmp_path)
    done = run("check", str(seed_note), str(edited), "--format", "json", "--fail-on", "dropped")
    assert done.returncode == 1, done.stderr
    data = json.loads(done.stdout)
    assert [(i["reference"], i["status"], i["new"]) for i in data["items"] if i["status"] != "retained"] == [
        ("OP5", "weakened", "OP5"), ("OP9", "modified", "OP9"), ("OP46", "dropped", None)]
    assert data["summary"]["total"] == 15
    # without --fail-on the same result is a success
    assert run("check", str(seed_note), str(edited)).returncode == 0


def test_all_wps_and_output_file(fixture_2480, tmp_path):
    edited = _edited_fixture(fixture_2480, tmp_path)
    out = tmp_path / "check.md"
    done = run("check", "--all-wps", str(fixture_2480), str(edited), "-o", str(out), "--fail-on", "weakened")
    assert done.returncode == 1, done.stderr
    assert done.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# Recommendations on S/RES/2480 (2019)")


def test_errors_exit_2_with_one_line(seed_note, fixture_2480, tmp_path):
    done = run("check", str(tmp_path / "missing.txt"), str(fixture_2480), "--fail-on", "dropped")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "missing.txt" in done.stderr

    asks = tmp_path / "asks.txt"
    asks.write_text("maintain S/RES/2480 OPs 28(a)(ii), (c)(iii), 64\n", encoding="utf-8")
    done = run("check", str(asks), str(fixture_2480), "--old", str(fixture_2480), "--fail-on", "dropped")
    assert done.returncode == 2
    assert "OP 64" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_fail_on_unread_exits_1_when_a_line_was_not_understood(tmp_path):
    from conftest import EXAMPLES

    asks = tmp_path / "asks.txt"
    asks.write_text("Please retain:\n- OP 3\n- OP 6(b)(ii\n", encoding="utf-8")
    old, new = str(EXAMPLES / "S-RES-9901-2031-fictional.txt"), str(EXAMPLES / "S-RES-9950-2032-fictional.txt")
    done = run("check", str(asks), new, "--old", old, "--format", "json", "--fail-on", "unread")
    assert done.returncode == 1, done.stderr
    data = json.loads(done.stdout)
    assert data["unread"] == [{"line": 3, "text": "- OP 6(b)(ii",
                               "reason": "could not read 'OP 6(b)(ii': a bracket is not closed after '(ii'"}]
    assert [i["reference"] for i in data["items"]] == ["OP3"]  # never OP 6(b), its parent
    assert "mandiff: warning: 1 line of the checklist not understood (line 3)" in done.stderr
    assert run("check", str(asks), new, "--old", old).returncode == 0  # without --fail-on it is a success
    text = run("check", str(asks), new, "--old", old).stdout
    assert "1 line not understood." in text and "  line 3: - OP 6(b)(ii" in text


def test_seed_against_fixture_has_its_fifteen_asks_one_addition_and_nothing_unread(seed_note, fixture_2480):
    done = run("check", str(seed_note), str(fixture_2480), "--format", "json", "--fail-on", "unread", "--fail-on", "changed")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (len(data["items"]), data["summary"]["retained"], data["unread"]) == (15, 15, [])
    assert [(a["line"], a["status"]) for a in data["additions"]] == [(450, "candidates")]
    assert done.stderr == ""


def test_the_issue_case_a_bare_paragraph_in_a_list_is_checked_and_found_dropped(fixture_2480, tmp_path):
    """'Please retain: - OP 56 - paragraph 46 (...)' once gave '1 of 1 retained', exit 0."""
    edited = _edited_fixture(fixture_2480, tmp_path)  # OP 46 dropped
    asks = tmp_path / "asks.txt"
    asks.write_text("Please retain:\n- OP 56\n- paragraph 46 (number of women in MINUSMA)\n", encoding="utf-8")
    done = run("check", str(asks), str(edited), "--old", str(fixture_2480), "--fail-on", "dropped")
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[3] == "1 of 2 retained; OP 46 dropped."
    assert "[read 'paragraph 46' as OP 46]" in done.stdout
