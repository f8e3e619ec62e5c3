"""The HTML report of two ~10,000-word resolutions: file size and time to open in Chromium.

Run by hand (not by CI):  .venv/bin/python benchmarks/bench_report.py [--words 10000] [--runs 5]

OLD is built at run time from real corpus texts (operative paragraphs of successive resolutions, one
after the other, until it has the words asked for). NEW is OLD with controlled edits: paragraphs dropped,
moved, reworded ("Requests" -> "Encourages"), given WPS language or inserted from other resolutions,
so that the report has every kind of row. Nothing derived from the corpus is written into the project:
the report goes to benchmarks/_out/ (git-ignored).

Targets (issue 5): the page reaches its load event in under 1 s; the file weighs under 2 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
CORPUS = ROOT.parent / "shared" / "corpus" / "cr-unsc"
OUT = ROOT / "benchmarks" / "_out"

from mandiff.compare import compare  # noqa: E402
from mandiff.errors import MandiffError  # noqa: E402
from mandiff.pipeline import parse_path, parse_text  # noqa: E402
from mandiff.render.html import render_diff_html  # noqa: E402

WPS_ADDITIONS = (
    ", including through the full, effective and meaningful participation of women",
    ", taking into account the particular needs of women and girls",
    ", and to protect women and girls from sexual and gender-based violence",
)
VERBS = (("Requests", "Encourages"), ("Decides", "Agrees"), ("Calls upon", "Invites"), ("Urges", "Encourages"))


def corpus_paragraphs(words: int) -> tuple[list[str], list[str]]:
    """Operative paragraphs (sub-units folded in) from corpus files in order: enough for OLD, and a pool."""
    taken: list[str] = []
    pool: list[str] = []
    count = 0
    for path in sorted(CORPUS.glob("*.txt")):
        try:
            res = parse_path(str(path))
        except MandiffError:
            continue
        ops = [res.full_text(p.label) for p in res.paragraphs if p.kind == "operative" and p.parent is None]
        ops = [" ".join(t.split()) for t in ops if len(t.split()) >= 6]
        if count < words:
            taken += ops
            count += sum(len(t.split()) for t in ops)
        else:
            pool += ops
            if len(pool) > 200:
                break
    return taken, pool


def as_resolution(paragraphs: list[str], number: int, year: int) -> str:
    body = "\n\n".join(f"{i}. {t}" for i, t in enumerate(paragraphs, 1))
    return (f"United Nations S/RES/{number} ({year})\n\nResolution {number} ({year})\n\n"
            f"The Security Council,\n\nRecalling its previous resolutions,\n\n{body}\n")


def edited(paragraphs: list[str], pool: list[str], rng: random.Random) -> list[str]:
    out = list(paragraphs)
    for _ in range(len(out) // 25):  # drop
        out.pop(rng.randrange(len(out)))
    for _ in range(len(out) // 25):  # move
        out.insert(rng.randrange(len(out)), out.pop(rng.randrange(len(out))))
    for k in rng.sample(range(len(out)), len(out) // 10):  # reword the verb or add WPS language
        text = out[k]
        for old, new in VERBS:
            if text.startswith(old):
                out[k] = new + text[len(old):]
                break
        else:
            cut = text.rstrip(";.,")
            out[k] = cut + rng.choice(WPS_ADDITIONS) + text[len(cut):]
    for text in pool[: len(out) // 25]:  # insert
        out.insert(rng.randrange(len(out)), text)
    return out


def in_chromium(path: Path, runs: int, action: str) -> tuple[list[float], list[float]]:
    """Open ``path`` in Chromium ``runs`` times: the time to its load event, and what the script
    ``action`` returns (a time it measured in the page), each run. The page must fetch and log nothing."""
    from browser import browser, open_file

    loads, actions = [], []
    with browser() as chromium:
        for _ in range(runs):
            visit = open_file(chromium, path)
            entry = json.loads(visit.page.evaluate(
                "JSON.stringify(performance.getEntriesByType('navigation')[0].toJSON())"))
            loads.append(entry["loadEventEnd"] - entry["startTime"])
            actions.append(visit.page.evaluate(action))
            assert not visit.console and not visit.errors and visit.foreign_requests == [], (visit.console, visit.errors)
            visit.page.context.close()
    return loads, actions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found at {CORPUS}")

    paragraphs, pool = corpus_paragraphs(args.words)
    old_text = as_resolution(paragraphs, 9001, 2040)
    new_text = as_resolution(edited(paragraphs, pool, random.Random(args.seed)), 9002, 2041)
    old, new = parse_text(old_text, "old.txt"), parse_text(new_text, "new.txt")
    print(f"OLD: {len(old_text.split()):,} words, {len(old)} units; NEW: {len(new_text.split()):,} words, {len(new)} units")

    t0 = time.perf_counter()
    comparison = compare(old, new)
    t1 = time.perf_counter()
    html = render_diff_html(comparison)
    t2 = time.perf_counter()
    renders = []
    for _ in range(3):
        t = time.perf_counter()
        render_diff_html(comparison)
        renders.append(time.perf_counter() - t)
    size = len(html.encode("utf-8"))
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "report-10k.html"
    path.write_text(html, encoding="utf-8")
    print(f"compare: {1000 * (t1 - t0):.0f} ms; first render: {1000 * (t2 - t1):.0f} ms; "
          f"render (warm, median of 3): {1000 * statistics.median(renders):.0f} ms")
    rows = html.count('<div class="unit ')
    print(f"report: {size / 1e6:.2f} MB ({size:,} bytes), {rows} unit rows -> {path}")

    loads, sbs = in_chromium(path, args.runs, """() => {
        const t = performance.now();
        document.querySelector("button[data-view=sbs]").click();
        document.body.getBoundingClientRect();  // force the layout of the new view
        return performance.now() - t;
    }""")
    print(f"open in Chromium, load event: median {statistics.median(loads):.0f} ms, max {max(loads):.0f} ms "
          f"over {args.runs} runs (target < 1000 ms)")
    print(f"switch to side by side (build and lay out, in the page): median {statistics.median(sbs):.0f} ms")
    print(f"size target < 2 MB: {'met' if size < 2_000_000 else 'NOT met'}; "
          f"load target < 1 s: {'met' if max(loads) < 1000 else 'NOT met'}")


if __name__ == "__main__":
    main()
