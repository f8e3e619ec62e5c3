"""Index speed and search speed over the whole real corpus (run by hand, not in CI).

    .venv/bin/python benchmarks/bench_index.py [CORPUS_DIR]

Builds a fresh index in a temporary folder, times the first run (parse and tag every file) and a
second run with nothing changed (must be >= 10x faster), then times 20 phrase searches (each opens
the database, as a command-line call does; target: under 50 ms each).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from mandiff.index import build_index, search

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "cr-unsc"

PHRASES = [
    "rape",
    "women",
    "sexual violence",
    "Decides to remain seized of the matter",
    "peace-keeping",
    "self-determination",
    "territorial integrity",
    "international humanitarian law",
    "cease-fire",
    "refugees and displaced persons",
    "Calls upon all parties",
    "Chapter VII of the Charter",
    "apartheid",
    "requests the Secretary-General to report",
    "withdrawal of all foreign forces",
    "sovereignty, independence and territorial integrity",
    "full, effective and meaningful participation",
    "children",
    "free and fair elections",
    "humanitarian assistance",
]


def main(corpus: Path) -> int:
    if not corpus.is_dir():
        print(f"corpus not found: {corpus}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        first = build_index([corpus], db)
        second = build_index([corpus], db)
        print(f"corpus: {corpus} ({first.files} files)")
        print(f"first run:  {first.seconds:7.2f} s  parsed {first.parsed}, failed {first.failed}, "
              f"{first.documents} resolutions, {first.units} units, tagged={first.tagged}")
        print(f"second run: {second.seconds:7.3f} s  parsed {second.parsed}, unchanged {second.unchanged}")
        print(f"speed-up:   {first.seconds / second.seconds:7.0f}x  (acceptance: >= 10x)")
        print(f"index size: {db.stat().st_size / 1e6:.1f} MB")
        for path, message in first.failures:
            print(f"  failed: {Path(path).name}: {message}")

        timings = []
        print("\nsearches (ms, hits, first use):")
        for phrase in PHRASES:
            started = time.perf_counter()
            result = search(phrase, db)
            elapsed = (time.perf_counter() - started) * 1000
            timings.append(elapsed)
            first_use = f"{result.first_use.symbol} {result.first_use.label}" if result.first_use else "-"
            print(f"  {elapsed:6.1f}  {len(result):4d}  {phrase!r:50} {first_use}")
        print(f"\nsearch: median {statistics.median(timings):.1f} ms, max {max(timings):.1f} ms over {len(timings)} phrases "
              f"(acceptance: < 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS))
