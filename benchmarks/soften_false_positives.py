"""Every weakened, strengthened and mixed verdict on real renewals, with its reasons and redline, to read by hand.

The corpus (1946-1994) has almost no gender language, so each paired unit that changed is assessed as
the checker assesses an ask without WPS tags: as if both sides were WPS language. What this prints is
therefore every signal of ``mandiff.softening`` (and the opening verb) that real renewals trigger; a
reader counts the wrong ones. Chains: consecutive renewals of the missions named below, found in the
corpus by the mission's name, in order of resolution number.

    .venv/bin/python benchmarks/soften_false_positives.py [--chains cyprus,angola,...] [--all]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
CORPUS = PROJECT.parent / "shared" / "corpus" / "cr-unsc"
sys.path.insert(0, str(PROJECT))

from mandiff.assess import assess_texts  # noqa: E402
from mandiff.compare import compare  # noqa: E402
from mandiff.errors import MandiffError  # noqa: E402
from mandiff.model import Tag  # noqa: E402
from mandiff.pipeline import parse_path  # noqa: E402

CHAINS = {
    "cyprus": "Force in Cyprus",
    "angola": "Angola Verification Mission",
    "lebanon": "Interim Force in Lebanon",
    "golan": "Disengagement Observer Force",
    "sahara": "Western Sahara",
    "mozambique": "Mozambique",
}
_ASKED = (Tag("asked", "", 0, 0),)  # as the checker does for an ask without WPS tags


def chain_files(phrase: str) -> list[Path]:
    return sorted(p for p in CORPUS.glob("S_RES_*_EN_GOLD.txt") if phrase in p.read_text("utf-8"))


def redline(edits) -> str:
    return "".join(e.text if e.op == "=" else f"[{e.op}{e.text}{e.op}]" for e in edits)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chains", default=",".join(CHAINS), help="comma-separated: " + ", ".join(CHAINS))
    parser.add_argument("--all", action="store_true", help="also print the 'modified' verdicts")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    verdicts: Counter = Counter()
    pairs_read = 0
    for name in args.chains.split(","):
        files = chain_files(CHAINS[name])
        docs = []
        for f in files:
            try:
                docs.append((f.name[6:15], parse_path(str(f))))
            except MandiffError:
                continue
        for (a_name, a), (b_name, b) in zip(docs, docs[1:]):
            pairs_read += 1
            comparison = compare(a, b)
            for p in comparison.pairs:
                o, n = a.get(p.old), b.get(p.new)
                if o.text == n.text:
                    continue
                verdict, reasons = assess_texts(o.text, n.text, o.kind, n.kind, _ASKED, _ASKED)
                verdicts[str(verdict)] += 1
                if str(verdict) == "modified" and not args.all:
                    continue
                print(f"{name} {a_name} {p.old} -> {b_name} {p.new} [{p.relation}]: {verdict}")
                for r in reasons:
                    print(f"    - {r}")
                print("    " + redline(p.edits)[:1500].replace("\n", " "))
    print(f"\n{pairs_read} resolution pairs; changed unit pairs by verdict: {dict(sorted(verdicts.items()))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
