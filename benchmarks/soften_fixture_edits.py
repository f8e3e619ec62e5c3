"""Every unit of the S/RES/2480 fixture softened, firmed up and left alone: the verdicts, counted and listed.

The edits are those of ``tests/test_softening_real.py`` (a modal lowered, a hedge added at the end and
inside, "all" cut, "full, effective and meaningful" cut, "ensure" -> "promote", each reversed; and
neutral edits that must give neither weakened, strengthened nor mixed). Prints each edit's verdict and
reasons, then how many were wrong.

    .venv/bin/python benchmarks/soften_fixture_edits.py [--wrong-only]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(PROJECT), str(PROJECT / "tests")]

from test_softening_real import _wrong, measure_fixture_edits  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wrong-only", action="store_true")
    args = parser.parse_args()
    rows = measure_fixture_edits()
    wrong = Counter()
    total = Counter()
    for row in rows:
        name, label, expected, verdict, reasons, _reason = row
        total[expected] += 1
        bad = _wrong(row)
        wrong[expected] += bad
        if bad or not args.wrong_only:
            print(f"{'WRONG ' if bad else ''}{label} {name}: {verdict} (expected {expected}); " + "; ".join(reasons))
    print(f"\n{len(rows)} edits of the fixture's WPS units: " + ", ".join(
        f"{total[k]} expected {k} ({wrong[k]} wrong)" for k in ("weakened", "strengthened", "modified")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
