"""In-process time of each stage on the ~10,000-word pair of bench_compare_tools.py: the fastest of --runs.

Run by hand (not by CI):  .venv/bin/python benchmarks/bench_stages.py [--runs 12]

To compare two versions (issue 12: "no stage more than 10 % slower"), run this file with each version's
python in turn, several times, from a folder outside both checkouts (so that the current folder does not
decide which mandiff is imported), and compare the fastest figures: on this shared 2-core machine a
median moves by up to 1.7x from run to run, the fastest run much less. Prints one JSON line of
milliseconds: parse (both texts), tag (both), align, compare (align + word edits + assessment), the JSON
and the HTML renderings.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def fastest(fn, runs: int):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return round(min(times) * 1000, 1), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=12)
    args = parser.parse_args()
    import bench_compare_tools as tools

    from mandiff.align import align
    from mandiff.compare import compare
    from mandiff.pipeline import parse_text
    from mandiff.tag import tag

    pair = tools.large_pair(10_000, 7)
    if pair is None:
        sys.exit("the real corpus is not beside the project (../shared/corpus/cr-unsc)")
    old_text, new_text = pair
    figures = {}
    figures["parse"], (old, new) = fastest(lambda: (parse_text(old_text, "old"), parse_text(new_text, "new")), args.runs)
    figures["tag"], (old_t, new_t) = fastest(lambda: (tag(old), tag(new)), args.runs)
    figures["align"], _ = fastest(lambda: align(old_t, new_t), args.runs)
    figures["compare"], comparison = fastest(lambda: compare(old_t, new_t), args.runs)
    figures["json"], _ = fastest(lambda: json.dumps(comparison.to_json()), args.runs)
    if tools.render_diff_html is not None:
        figures["html"], _ = fastest(lambda: tools.render_diff_html(comparison), args.runs)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
