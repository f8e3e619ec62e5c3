"""In-process time of each stage after segmentation, on the SAME units for two versions of mandiff.

Run by hand (not by CI). ``bench_stages.py`` parses the ~10,000-word pair with the version it runs, so
two versions whose segmenters differ (a fix that finds more units) compare different work: the old
code's 196 + 196 units against today's 205 + 204 gave "compare" 17% more to do. Here one version writes
its units once, and every version builds the same Resolutions from them, tags them and times tag,
align, compare (align + word edits + assessment), the JSON and the HTML rendering, fastest of --runs::

    cd /tmp                                    # so that the current folder does not pick the mandiff
    NEW/.venv/bin/python NEW/benchmarks/bench_same_units.py --dump units.json
    NEW/.venv/bin/python NEW/benchmarks/bench_same_units.py --units units.json
    OLD/bin/python NEW/benchmarks/bench_same_units.py --units units.json   # the same script, old mandiff

Run the last two alternately a few times (the machine is noisy; compare the fastest figures). The script
imports mandiff before anything of this folder, so the python's own mandiff is the one timed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import mandiff  # noqa: F401  (first: bench_compare_tools puts this checkout on sys.path)
from mandiff.align import align
from mandiff.compare import compare
from mandiff.model import Paragraph, Resolution
from mandiff.tag import tag

FIELDS = ("label", "kind", "text", "parent", "section", "part", "number", "depth", "anchor")
HEADER = ("symbol", "number", "year", "date", "language")


def fastest(fn, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return round(best * 1000, 1)


def dump(path: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bench_compare_tools as tools
    from mandiff.pipeline import parse_text

    pair = tools.large_pair(10_000, 7)
    if pair is None:
        sys.exit("the real corpus is not beside the project (../shared/corpus/cr-unsc)")
    sides = []
    for text, name in zip(pair, ("old", "new")):
        resolution = parse_text(text, name)
        sides.append({"paragraphs": [{f: getattr(p, f) for f in FIELDS} for p in resolution.paragraphs],
                      **{h: getattr(resolution, h) for h in HEADER}})
    Path(path).write_text(json.dumps(sides), encoding="utf-8")
    print(f"wrote {sum(len(s['paragraphs']) for s in sides)} units to {path}")


def untagged(side: dict) -> Resolution:
    return Resolution(paragraphs=tuple(Paragraph(**p) for p in side["paragraphs"]), **{h: side[h] for h in HEADER})


def measure(path: str, runs: int) -> None:
    sides = json.loads(Path(path).read_text(encoding="utf-8"))
    old, new = untagged(sides[0]), untagged(sides[1])
    figures = {"tag": fastest(lambda: (tag(old), tag(new)), runs)}
    old, new = tag(old), tag(new)
    figures["align"] = fastest(lambda: align(old, new), runs)
    figures["compare"] = fastest(lambda: compare(old, new), runs)
    comparison = compare(old, new)
    figures["json"] = fastest(lambda: json.dumps(comparison.to_json()), runs)
    try:
        from mandiff.render.html import render_diff_html
    except ImportError:
        render_diff_html = None
    if render_diff_html is not None:
        figures["html"] = fastest(lambda: render_diff_html(comparison), runs)
    print(json.dumps(figures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", metavar="FILE", help="write this version's units of the pair to FILE")
    parser.add_argument("--units", metavar="FILE", help="time the stages on the units of FILE")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    if args.dump:
        dump(args.dump)
    elif args.units:
        measure(args.units, args.runs)
    else:
        parser.error("give --dump FILE or --units FILE")


if __name__ == "__main__":
    main()
