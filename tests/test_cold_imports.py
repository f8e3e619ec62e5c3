"""A command imports only what it needs: a heavy or optional dependency costs start-up time in every
process, so each command is run in a fresh interpreter and the modules it imported are checked.

``benchmarks/bench_cold.py`` times the commands; this test only guards what they import (no timing).
"""

from __future__ import annotations

import sys

import pytest

from conftest import EXAMPLES, PROJECT

OLD = str(EXAMPLES / "S-RES-9901-2031-fictional.txt")
NEW = str(EXAMPLES / "S-RES-9950-2032-fictional.txt")
# Needed only by some inputs or commands: PDF and DOCX readers, the search index, its default folder.
OPTIONAL = {"pypdfium2", "docx", "sqlite3", "_sqlite3", "platformdirs"}


def imported(*argv: str, cwd, whole: bool = False) -> set[str]:
    """The top-level packages a fresh ``mandiff ARGV`` (run in-process) has imported, or with ``whole``
    every module by its full name."""
    sys.path.insert(0, str(PROJECT / "benchmarks"))
    try:
        from bench_cold import imported as probe
    finally:
        sys.path.pop(0)
    return probe(sys.executable, list(argv), cwd=cwd, whole=whole)


def test_help_imports_click_and_nothing_heavy(tmp_path):
    modules = imported("--help", cwd=tmp_path)
    assert "click" in modules
    assert not modules & (OPTIONAL | {"jinja2", "lxml", "diff_match_patch", "tomllib", "json"})


def test_tag_of_a_text_file_imports_no_renderer(tmp_path):
    modules = imported("tag", OLD, cwd=tmp_path)
    assert "mandiff" in modules
    assert not modules & (OPTIONAL | {"jinja2", "lxml", "diff_match_patch"})


@pytest.mark.parametrize("output", ["report.html", "report.json", "report.md"])
def test_diff_of_text_files_imports_no_optional_dependency(tmp_path, output):
    modules = imported("diff", OLD, NEW, "-o", str(tmp_path / output), cwd=tmp_path)
    assert (tmp_path / output).stat().st_size > 0
    assert "diff_match_patch" in modules
    assert not modules & (OPTIONAL | {"lxml"})
    if output.endswith(".json"):
        assert "jinja2" not in modules


# Parts of mandiff that only some commands use: building their records and compiling their patterns at
# every start-up cost a few milliseconds each (issue 12).
NOT_FOR_DIFF = {"mandiff.lineage", "mandiff.grammar.typed_labels", "mandiff.checklist", "mandiff.checklist_parse",
                "mandiff.rewrite", "mandiff.index", "mandiff.fetch", "mandiff.serve", "mandiff.render.chainview",
                "mandiff.render.docx_redline", "mandiff.draft_changes"}
NOT_FOR_TAG = NOT_FOR_DIFF | {"mandiff.compare", "mandiff.model_comparison", "mandiff.align", "mandiff.softening",
                              "mandiff.assess", "mandiff.diff", "mandiff.render.html", "mandiff.render.diffview"}


def test_diff_to_html_imports_no_module_of_other_commands(tmp_path):
    modules = imported("diff", OLD, NEW, "-o", str(tmp_path / "report.html"), cwd=tmp_path, whole=True)
    assert {"mandiff.compare", "mandiff.render.html"} <= modules  # the probe sees the modules diff does use
    assert not modules & NOT_FOR_DIFF


def test_tag_imports_no_module_of_comparison(tmp_path):
    modules = imported("tag", OLD, cwd=tmp_path, whole=True)
    assert "mandiff.tag" in modules
    assert not modules & NOT_FOR_TAG


# A fresh interpreter runs ``mandiff ARGV`` in-process and says which commands the group built: a command's
# options and arguments are built only when it is the one run (``cli.py``'s ``_LazyCommands``).
BUILT_PROBE = """
import json, sys
from mandiff.cli import cli, main
before = cli.commands.built()
try:
    main(sys.argv[2:])
except SystemExit as exit:
    code = exit.code
with open(sys.argv[1], "w") as out:
    json.dump({"before": before, "built": cli.commands.built(), "code": code}, out)
"""
ALL_COMMANDS = ["chain", "check", "diff", "fetch", "index", "parse", "revisions", "search", "serve", "tag"]


@pytest.mark.parametrize("argv, built, code", [
    (["diff", OLD, NEW, "-o", "report.html"], ["diff"], 0),
    (["tag", OLD], ["tag"], 0),
    (["diff", "--help"], ["diff"], 0),
    (["diff", OLD, "--nope"], ["diff"], 2),
    (["dif", OLD, NEW], [], 2),  # "No such command 'dif'. Did you mean 'diff'?": the names, not the commands
    (["--version"], [], 0),
    (["--help"], ALL_COMMANDS, 0),  # the group's help shows every command's first line
])
def test_a_run_builds_only_the_command_it_runs(tmp_path, argv, built, code):
    import json
    import subprocess

    result = subprocess.run([sys.executable, "-c", BUILT_PROBE, str(tmp_path / "built.json"), *argv], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    got = json.loads((tmp_path / "built.json").read_text())
    assert got == {"before": [], "built": built, "code": code}, result.stderr


def test_the_group_names_every_command_without_building_one():
    """Run in a fresh interpreter: the listing, membership and the commands' names, built one by one."""
    import subprocess

    code = ("from mandiff.cli import cli\n"
            "names = sorted(cli.commands); assert 'diff' in cli.commands and 'dif' not in cli.commands\n"
            "assert cli.list_commands(None) == names and cli.commands.built() == [], cli.commands.built()\n"
            "assert cli.commands.get('dif') is None and cli.commands.built() == []\n"
            "assert cli.commands['fetch'].name == 'fetch' and cli.commands.built() == ['fetch']\n"
            "assert all(command.name == name for name, command in cli.commands.items())\n"
            "print(' '.join(names))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ALL_COMMANDS
