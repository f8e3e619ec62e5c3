"""Determinism: the same inputs give byte-identical output, in separate processes with different hash seeds.

Monitors diff two reports to see what changed between drafts; a report that differs from run to run
(set order, dict order, a timestamp, a random id) would show changes that are not there. Each of two
processes, started with its own PYTHONHASHSEED, runs every command once (in-process, to keep CI
cheap) and writes its outputs to files; the files must be equal byte for byte.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys

import pytest

from conftest import CORPUS, EXAMPLES, PROJECT

OLD = EXAMPLES / "S-RES-9901-2031-fictional.txt"
NEW = EXAMPLES / "S-RES-9950-2032-fictional.txt"

# Runs each command of argv[2:] (JSON lists of arguments, "{out}" standing for the output folder).
DRIVER = r"""
import json, sys
from mandiff.cli import main
out = sys.argv[1]
for spec in sys.argv[2:]:
    args = [a.replace("{out}", out) for a in json.loads(spec)]
    try:
        main(args)
    except SystemExit as stop:
        if stop.code not in (0, None):
            sys.exit(f"mandiff {' '.join(args)} exited with {stop.code}")
"""


def _commands(old, new) -> list[list[str]]:
    old, new = str(old), str(new)
    commands = [
        ["parse", old, "--format", "json", "-o", "{out}/parse.json"],
        ["parse", new, "-o", "{out}/parse.txt", "--format", "text"],
        ["tag", new, "--format", "json", "-o", "{out}/tag.json"],
        ["diff", old, new, "--format", "json", "-o", "{out}/diff.json"],
        ["diff", old, new, "-o", "{out}/diff.md"],
        ["diff", old, new, "-o", "{out}/diff.csv"],
        ["diff", old, new, "--format", "text", "-o", "{out}/diff.txt"],
        ["chain", old, new, old, "--keep-order", "--format", "json", "-o", "{out}/chain.json"],  # old again: "restored" lineages
        ["check", "--all-wps", old, new, "--format", "json", "-o", "{out}/check.json"],
        ["check", "--all-wps", old, new, "-o", "{out}/check.html"],
        ["diff", old, new, "-o", "{out}/diff.html"],
        ["chain", old, new, old, "--keep-order", "-o", "{out}/chain.html"],
    ]
    return commands


SOURCE_DATE_EPOCH = "1798761600"  # 1 January 2027, 00:00 UTC
MADE = "1 January 2027, 00:00 UTC"


def _run(tmp_path, name: str, seed: str, commands) -> dict[str, bytes]:
    out = tmp_path / name
    out.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "MANDIFF_DEBUG"}
    env["PYTHONHASHSEED"] = seed
    env["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH  # reports say when they were made: this fixes "when"
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(out), *map(json.dumps, commands)],
        capture_output=True, cwd=PROJECT, env=env, timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _assert_same(first: dict[str, bytes], second: dict[str, bytes], expected: int) -> None:
    assert sorted(first) == sorted(second) and len(first) == expected, (sorted(first), sorted(second))
    for name in first:
        if first[name] != second[name]:
            a, b = first[name].decode(), second[name].decode()
            k = next(i for i, (x, y) in enumerate(zip(a, b)) if x != y) if any(x != y for x, y in zip(a, b)) else min(len(a), len(b))
            pytest.fail(f"{name} differs between runs at character {k}: {a[max(0, k - 80):k + 80]!r} vs {b[max(0, k - 80):k + 80]!r}")


def _assert_no_clock(outputs: dict[str, bytes]) -> None:
    today = datetime.date.today()
    for name, data in outputs.items():
        text = data.decode()
        for stamp in (today.isoformat(), today.strftime("%d %B %Y").lstrip("0"), today.strftime("%B %d, %Y")):
            assert stamp not in text, f"{name} contains today's date ({stamp}): with SOURCE_DATE_EPOCH set, a report says that date"
        if name.endswith(".json"):
            assert MADE not in text and "2027" not in text, f"{name}: JSON never says when it was made"
        elif name.endswith((".html", ".md")) or (name.endswith(".txt") and name.startswith(("diff", "check", "chain"))):
            assert MADE in text, f"{name} must say when it was made (from SOURCE_DATE_EPOCH)"


def test_the_example_pair_gives_byte_identical_output_under_different_hash_seeds(tmp_path):
    commands = _commands(OLD, NEW)
    first = _run(tmp_path, "a", "1", commands)
    second = _run(tmp_path, "b", "4242", commands)
    _assert_same(first, second, len(commands))
    _assert_no_clock(first)
    assert json.loads(first["diff.json"])["pairs"], "the comparison must not be empty"


def test_a_real_renewal_chain_gives_byte_identical_output_under_different_hash_seeds(tmp_path):
    names = ["S_RES_0834_1993_EN_GOLD.txt", "S_RES_0851_1993_EN_GOLD.txt", "S_RES_0852_1993_EN_GOLD.txt", "S_RES_0895_1994_EN_GOLD.txt"]
    paths = [CORPUS / n for n in names]
    if not all(p.exists() for p in paths):
        pytest.skip(f"real corpus not found at {CORPUS} (it lives in ../shared beside the project)")
    a834, a851, a852, a895 = map(str, paths)
    commands = [
        ["tag", a852, "--format", "json", "-o", "{out}/tag.json"],
        ["diff", a852, a895, "--format", "json", "-o", "{out}/diff-852-895.json"],
        ["diff", a834, a851, "--format", "json", "-o", "{out}/diff-834-851.json"],
        ["chain", a834, a851, a852, a895, "--format", "json", "-o", "{out}/chain.json"],
    ]
    if any(c[-1].endswith(".html") for c in _commands(OLD, NEW)):
        commands.append(["diff", a852, a895, "-o", "{out}/diff.html"])
    first = _run(tmp_path, "a", "0", commands)
    second = _run(tmp_path, "b", "31337", commands)
    _assert_same(first, second, len(commands))
