"""mandiff as a command: whole processes, each against the bare import of its dependencies, in one run.

Run by hand (not by CI):  .venv/bin/python benchmarks/bench_cold.py [--runs 7] [--against OTHER/bin/python]

People run mandiff one process per question, so start-up counts. Each command below is run --runs times
as a fresh process (the runs of all commands interleaved, in a new random order each round, after one
untimed warm-up run each that writes Python's bytecode and mandiff's compiled templates, as any second
use would find them); the figures are medians of wall-clock and of CPU time (user + system; the better
figure on a busy machine). Ratios are to the baseline measured in the same run and the same venv: a
process that only imports click, jinja2, lxml.etree and diff_match_patch.

- ``diff`` of two ~3-page resolutions to HTML: the S/RES/2480 (2019) fixture and an edited copy written
  to a temporary folder (goal: 1.5x the baseline); ``tag`` of the fixture (1.3x); ``--help`` (1.0x);
- ``diff --format json`` of a ~10,000-word pair built from the corpus, against redlines' diff of the same
  texts in this process (goal: 0.25x of redlines);
- ``chain`` of 10 renewals of ~10,000 words and ``index`` of the corpus (a new index each run): reported.

It also lists what ``--help``, ``tag`` and ``diff -o x.html`` of text files import among the heavy or
optional packages: a PDF or DOCX reader, SQLite or platformdirs there would cost every user start-up time.
``--against`` runs the same commands with another venv's python (e.g. a checkout of the previous commit)
interleaved with this one's, to compare before and after.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "cr-unsc"
FIXTURE = SHARED / "fixtures" / "S-RES-2480-2019-wps-excerpts.txt"
BASELINE = "import click, jinja2, lxml.etree, diff_match_patch"
HEAVY = ("pypdfium2", "docx", "sqlite3", "platformdirs", "lxml", "jinja2", "diff_match_patch", "click")
GOALS = {"diff -o html (3 pages)": 1.5, "tag (3 pages)": 1.3, "--help": 1.0}
PROBE = """
import sys
from mandiff.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.__stdout__.write("\\n@@" + " ".join(sorted(sys.modules)))
"""


def edited_copy(text: str) -> str:
    """The fixture as a renewal might change it: a paragraph dropped, verbs and words changed, one added."""
    blocks = text.split("\n\n")
    rng = random.Random(7)
    if len(blocks) > 8:
        blocks.pop(len(blocks) // 2)
    out = []
    for block in blocks:
        block = block.replace("Requests", "Encourages", 1).replace("full, equal and meaningful", "full and effective")
        if rng.random() < 0.2:
            block = block.replace(" and ", " and, as appropriate, ", 1)
        out.append(block)
    out.insert(len(out) - 1, "60. Decides to remain actively seized of the matter, including of the safety of women peacekeepers;")
    return "\n\n".join(out)


def renewals(first: str, second: str, count: int) -> list[str]:
    """``count`` successive texts: the pair, then each one the previous with a few operative paragraphs
    moved and reworded (built from the corpus pair)."""
    texts = [first, second]
    rng = random.Random(3)
    while len(texts) < count:
        head, _, body = texts[-1].partition("\n\n1. ")
        paras = ("1. " + body).split("\n\n")
        for _ in range(max(1, len(paras) // 20)):
            paras.insert(rng.randrange(len(paras)), paras.pop(rng.randrange(len(paras))))
        for k in rng.sample(range(len(paras)), max(1, len(paras) // 15)):
            paras[k] = paras[k].replace("Calls upon", "Urges", 1).replace("Decides", "Further decides", 1)
        body = "\n\n".join(f"{i}. {p.split('. ', 1)[-1]}" for i, p in enumerate(paras, 1))
        texts.append(f"{head}\n\n{body}")
    return texts


def child_env(extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode; so do we, after warm-up
    env.update(extra or {})
    return env


class Command:
    def __init__(self, label: str, argv: list[str], env: dict | None = None, before=None):
        self.label, self.argv, self.env, self.before = label, argv, child_env(env), before
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def run(self, timed: bool = True) -> None:
        if self.before:
            self.before()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(self.argv, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            sys.exit(f"{self.label}: exit {done.returncode}: {done.stderr.decode(errors='replace')[-500:]}")
        if timed:
            self.wall.append(wall)
            self.cpu.append(after.ru_utime - usage.ru_utime + after.ru_stime - usage.ru_stime)


def mandiff_argv(python: str) -> list[str]:
    script = Path(python).parent / "mandiff"
    return [str(script)] if script.exists() else [python, "-m", "mandiff"]


def commands(python: str, work: Path, files: dict) -> list[Command]:
    m = mandiff_argv(python)
    db = work / f"index-{abs(hash(python))}.sqlite"

    def fresh_index():
        for p in db.parent.glob(db.name + "*"):
            p.unlink()

    out = work / f"out-{abs(hash(python))}"
    out.mkdir(exist_ok=True)
    return [
        Command("baseline: bare imports", [python, "-c", BASELINE]),
        Command("--help", m + ["--help"]),
        Command("tag (3 pages)", m + ["tag", files["fixture"]]),
        Command("diff -o html (3 pages)", m + ["diff", files["fixture"], files["edited"], "-o", str(out / "r.html")]),
        Command("diff --format json (10,000 words)", m + ["diff", files["old10k"], files["new10k"], "--format", "json"]),
        Command("chain of 10 renewals (10,000 words)", m + ["chain", *files["chain"], "-o", str(out / "c.html")]),
        Command("index of the corpus (a new index)", m + ["index", str(CORPUS)], {"MANDIFF_DB": str(db)}, fresh_index),
    ]


def imported(python: str, argv: list[str], cwd=None, whole: bool = False) -> set[str]:
    """The top-level packages a fresh ``mandiff ARGV``, run in-process by ``python``, has imported, or with
    ``whole`` every module by its full name (tests/test_cold_imports.py uses it too)."""
    done = subprocess.run([python, "-c", PROBE, *argv], capture_output=True, text=True, env=child_env(), cwd=cwd,
                          timeout=300)  # fmt: skip
    if "@@" not in done.stdout:
        raise RuntimeError(f"mandiff {' '.join(argv)} failed: {done.stderr[-2000:]}")
    names = done.stdout.rsplit("@@", 1)[1].split()
    return set(names) if whole else {name.split(".")[0] for name in names}


def imports(python: str, argv: list[str]) -> str:
    modules = imported(python, argv)
    return ", ".join(name for name in HEAVY if name in modules) or "none of them"


def redlines_ms(old: str, new: str, runs: int) -> float | None:
    try:
        from redlines import Redlines
    except ImportError:
        print("(redlines is not installed: .venv/bin/pip install -e '.[bench]')")
        return None
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        Redlines(old, new).output_markdown
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def report(name: str, cmds: list[Command], redlines: float | None) -> None:
    base = cmds[0]
    b_wall, b_cpu = statistics.median(base.wall) * 1000, statistics.median(base.cpu) * 1000
    print(f"\n{name}")
    print(f"  {'command':40} {'wall ms':>9} {'CPU ms':>9} {'x baseline':>11} {'x (CPU)':>8}  goal")
    for c in cmds:
        wall, cpu = statistics.median(c.wall) * 1000, statistics.median(c.cpu) * 1000
        goal = f"<= {GOALS[c.label]}x" if c.label in GOALS else ""
        if c.label.startswith("diff --format json") and redlines:
            goal = f"{wall / redlines:.2f}x redlines' {redlines:,.0f} ms in-process (goal <= 0.25x)"
        print(f"  {c.label:40} {wall:9.0f} {cpu:9.0f} {wall / b_wall:11.2f} {cpu / b_cpu:8.2f}  {goal}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each command (medians are shown)")
    parser.add_argument("--against", metavar="PYTHON", help="another venv's python, run interleaved with this one")
    parser.add_argument("--no-index", action="store_true", help="leave out the index of the corpus (the slowest)")
    args = parser.parse_args()
    if not CORPUS.is_dir() or not FIXTURE.exists():
        sys.exit(f"the real corpus and the 2480 fixture are needed (not found under {SHARED})")

    from bench_compare_tools import large_pair

    work = Path(tempfile.mkdtemp(prefix="mandiff-cold-"))
    try:
        fixture = FIXTURE.read_text(encoding="utf-8")
        old10k, new10k = large_pair(10_000, 1)
        files = {"fixture": str(FIXTURE), "edited": work / "S-RES-2480-edited.txt", "old10k": work / "old10k.txt",
                 "new10k": work / "new10k.txt", "chain": []}  # fmt: skip
        files["edited"].write_text(edited_copy(fixture), encoding="utf-8")
        files["old10k"].write_text(old10k, encoding="utf-8")
        files["new10k"].write_text(new10k, encoding="utf-8")
        for k, text in enumerate(renewals(old10k, new10k, 10)):
            path = work / f"renewal-{k:02d}.txt"
            path.write_text(text, encoding="utf-8")
            files["chain"].append(str(path))
        files = {k: (v if isinstance(v, list) else str(v)) for k, v in files.items()}

        sides = [("this venv: " + sys.executable, commands(sys.executable, work, files))]
        if args.against:
            sides.append(("against: " + args.against, commands(args.against, work, files)))
        if args.no_index:
            sides = [(name, [c for c in cmds if not c.label.startswith("index")]) for name, cmds in sides]
        for _, cmds in sides:
            for c in cmds:
                c.run(timed=False)  # warm-up: bytecode and compiled templates written, files in the page cache
        order = list(range(len(sides[0][1])))
        shuffle = random.Random(12).shuffle
        for _ in range(args.runs):
            shuffle(order)  # a new order each round: no command always runs after the long chain or index
            for i in order:  # interleaved: every command of every side, in turn
                for _, cmds in sides:
                    cmds[i].run()
        redlines = redlines_ms(old10k, new10k, 3)
        print(f"{args.runs} runs of each command, interleaved; {len(old10k.split()):,} + {len(new10k.split()):,} "
              f"words in the 10,000-word pair; Python {sys.version.split()[0]}")
        for name, cmds in sides:
            report(name, cmds, redlines)
        for name, cmds in sides:
            python = cmds[0].argv[0]
            print(f"\nheavy or optional packages imported ({name}; of {', '.join(HEAVY)}):")
            for label, argv in (("--help", ["--help"]), ("tag FILE.txt", ["tag", files["fixture"]]),
                                ("diff A.txt B.txt -o x.html", ["diff", files["fixture"], files["edited"], "-o",
                                                                 str(work / "probe.html")])):  # fmt: skip
                print(f"  {label:28} {imports(python, argv)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
