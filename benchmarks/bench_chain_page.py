"""The chain page of 11 resolutions of ~10,000 words: file size, time to render, to open in Chromium and
to open a cell.

Run by hand (not by CI):  .venv/bin/python benchmarks/bench_chain_page.py [--words 10000] [--texts 11] [--runs 5]

The first text is built at run time from real corpus texts, and each renewal is the text before it with
the controlled edits of bench_report.py (paragraphs dropped, moved, reworded, given WPS language,
inserted). Every step's redline is in the page (hidden until its cell is opened), so the size grows with
the number of texts: this measures what that costs. The page goes to benchmarks/_out/ (git-ignored).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_report import CORPUS, OUT, as_resolution, corpus_paragraphs, edited, in_chromium  # noqa: E402
from mandiff.lineage import chain  # noqa: E402
from mandiff.pipeline import parse_text  # noqa: E402
from mandiff.render.chainview import render_chain_html  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name, default in (("--words", 10_000), ("--texts", 11), ("--runs", 5), ("--seed", 1)):
        parser.add_argument(name, type=int, default=default)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found at {CORPUS}")
    rng = random.Random(args.seed)
    paragraphs, pool = corpus_paragraphs(args.words)
    versions = [paragraphs]
    for _ in range(args.texts - 1):
        versions.append(edited(versions[-1], pool, rng))
    texts = [parse_text(as_resolution(v, 9001 + k, 2040 + k), f"r{k}.txt") for k, v in enumerate(versions)]
    print(f"{len(texts)} texts of {min(len(v) for v in versions)}-{max(len(v) for v in versions)} paragraphs, "
          f"~{args.words:,} words each")

    t0 = time.perf_counter()
    result = chain(texts)
    t1 = time.perf_counter()
    html = render_chain_html(result)
    t2 = time.perf_counter()
    size = len(html.encode("utf-8"))
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"chain-{len(texts)}x{args.words // 1000}k.html"
    path.write_text(html, encoding="utf-8")
    cells = html.count('class="cb"')
    print(f"chain: {1000 * (t1 - t0):.0f} ms; render the page: {1000 * (t2 - t1):.0f} ms")
    print(f"page: {size / 1e6:.2f} MB ({size:,} bytes), {len(result.lineages)} lineages, {cells} cells that open -> {path}")

    loads, opens = in_chromium(path, args.runs, """() => {
        const cells = document.querySelectorAll("button.cb");
        const t = performance.now();
        cells[Math.floor(cells.length / 2)].click();
        document.body.getBoundingClientRect();  // force the layout of the opened row
        return performance.now() - t;
    }""")
    print(f"open in Chromium, load event: median {statistics.median(loads):.0f} ms, max {max(loads):.0f} ms over {args.runs} runs")
    print(f"open a cell (click to laid-out redline, in the page): median {statistics.median(opens):.1f} ms")


if __name__ == "__main__":
    main()
