"""Precision and recall of "rewritten" links against a ground truth made by hand.

Run by hand (not by CI):  .venv/bin/python benchmarks/bench_rewritten.py [--split tune|held-out|blind|all] [--list]

The truth is ``tests/data/rewritten_ground_truth.tsv``: for 50 consecutive pairs of six mandates in the
corpus, what a careful reader says became of every unit that the aligner reports dropped or added (its
header says how it was judged). Each pair is compared with ``compare(..., rewritten=True)`` and every
``rewritten`` pair mandiff draws is graded:

- precision: the share of drawn links that the truth also draws (sure or borderline rows count);
  "strict" counts a link matching only a borderline row as an error;
- recall: the share of the truth's sure links that mandiff draws; "within reach" only counts the sure
  links from a dropped unit to an added one (the only links the linker can draw: a successor the aligner
  paired with another old unit, or an old unit it paired elsewhere, are out of its reach).

Splits: the linker was tuned on Cyprus and Angola ("tune"). Georgia and El Salvador ("held-out") were
judged with them; the first run on them gave precision 0.733 (11/15), and their errors led to changes
(no link on place alone, names count less, one renewal sort per paragraph), so they are no longer blind.
Liberia and Rwanda ("blind") were judged after the linker was frozen and run once. ``--list`` prints
the confusion list: every false link with what the truth says of both units, and every missed sure link.
"STALE TRUTH" lines name pairs whose labels or dropped/added units no longer match the truth (the
segmenter or the aligner changed): judge those units again before trusting the figures.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "cr-unsc"
TRUTH = ROOT / "tests" / "data" / "rewritten_ground_truth.tsv"
PARAMETERS = ("LINK_MIN", "MIN_SHARED", "COMMON_SHARE", "COMMON_UNITS", "NAME_WEIGHT", "SIM_WEIGHT", "SLOT_BONUS", "ORDER_WEIGHT", "SORT_BONUS")
SPLITS = {"tune": ("cyprus", "angola"), "held-out": ("georgia", "el-salvador"), "blind": ("liberia", "rwanda")}

from mandiff import rewrite  # noqa: E402
from mandiff.compare import compare  # noqa: E402
from mandiff.pipeline import parse_path  # noqa: E402
from mandiff.vocabulary import Relation  # noqa: E402


def read_truth(path: Path = TRUTH) -> list[dict]:
    lines = [l for l in path.read_text("utf-8").splitlines() if l and not l.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, l.split("\t"))) for l in lines[1:]]


def grade(rows: list[dict], chains) -> dict:
    by_pair: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        if row["chain"] in chains:
            by_pair[(row["old_file"], row["new_file"])].append(row)
    drawn, right, strict_right, false, missed, stale = 0, 0, 0, [], [], []
    sure_links = reachable = found_sure = found_reachable = 0
    for (old_file, new_file), truth in by_pair.items():
        comp = compare(parse_path(str(CORPUS / old_file)), parse_path(str(CORPUS / new_file)), rewritten=True)
        plain = compare(comp.old, comp.new)
        dropped = {d.old for d in plain.dropped}
        added = {a.new for a in plain.added}
        links = {(r["old"], r["new"]): r for r in truth if r["old"] != "-" and r["new"] != "-"}
        judged_old, judged_new = {r["old"] for r in truth}, {r["new"] for r in truth}
        unknown = sorted((judged_old - {"-"} - {p.label for p in comp.old.paragraphs})
                         | (judged_new - {"-"} - {p.label for p in comp.new.paragraphs}))
        unjudged = sorted((dropped - judged_old) | (added - judged_new))
        if unknown or unjudged:  # the segmenter or the aligner changed since the truth was written
            stale.append(f"{old_file[6:10]}->{new_file[6:10]}: labels not in the texts {unknown}, "
                         f"units the truth does not judge {unjudged}")
        got = {(p.old, p.new): p for p in comp.pairs if p.relation == Relation.REWRITTEN}
        for key, pair in got.items():
            drawn += 1
            row = links.get(key)
            if row:
                right += 1
                strict_right += row["certainty"] == "sure"
            else:
                said_old = [f"{r['new']} ({r['certainty']})" for r in truth if r["old"] == key[0]]
                said_new = [f"{r['old']} ({r['certainty']})" for r in truth if r["new"] == key[1]]
                false.append(f"{old_file[6:10]}->{new_file[6:10]} {key[0]} -> {key[1]} sim {pair.similarity:.2f} "
                             f"shares {', '.join(pair.shared)}; truth: {key[0]} -> {'/'.join(said_old) or '?'}, "
                             f"{key[1]} <- {'/'.join(said_new) or '?'}")
        for key, row in links.items():
            if row["certainty"] != "sure":
                continue
            sure_links += 1
            can = key[0] in dropped and key[1] in added
            reachable += can
            if key in got:
                found_sure += 1
                found_reachable += can
            else:
                missed.append(f"{old_file[6:10]}->{new_file[6:10]} {key[0]} -> {key[1]}"
                              f"{'' if can else ' (out of reach)'}: {row['note']}")
    return {
        "pairs": len(by_pair), "drawn": drawn, "right": right, "strict_right": strict_right,
        "sure_links": sure_links, "reachable": reachable, "found_sure": found_sure,
        "found_reachable": found_reachable, "false": false, "missed": missed, "stale": stale,
        "judged_old": len({(r["old_file"], r["old"]) for rs in by_pair.values() for r in rs if r["old"] != "-"}),
    }


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a (0/0)"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tune", "held-out", "blind", "all"), default="all")
    parser.add_argument("--list", action="store_true", help="print the confusion list")
    for name in PARAMETERS:
        parser.add_argument(f"--{name.lower().replace('_', '-')}", type=float, default=None,
                            help=f"override rewrite.{name} (default {getattr(rewrite, name)})")
    args = parser.parse_args(argv)
    for name in PARAMETERS:
        value = getattr(args, name.lower())
        if value is not None:
            setattr(rewrite, name, type(getattr(rewrite, name))(value))
    if not CORPUS.is_dir():
        sys.exit(f"the corpus is not at {CORPUS}")
    rows = read_truth()
    splits = [args.split] if args.split != "all" else ["tune", "held-out", "blind"]
    drawn = right = 0
    for split in splits:
        g = grade(rows, SPLITS[split])
        drawn, right = drawn + g["drawn"], right + g["right"]
        print(f"{split} ({', '.join(SPLITS[split])}): {g['pairs']} pairs, {g['judged_old']} old units judged")
        print(f"  links drawn {g['drawn']}; precision {ratio(g['right'], g['drawn'])}; "
              f"strict (borderline rows as errors) {ratio(g['strict_right'], g['drawn'])}")
        print(f"  recall of sure links {ratio(g['found_sure'], g['sure_links'])}; "
              f"of those within reach (dropped -> added) {ratio(g['found_reachable'], g['reachable'])}")
        for line in g["stale"]:
            print("  STALE TRUTH " + line)
        if args.list:
            for line in g["false"]:
                print("  FALSE  " + line)
            for line in g["missed"]:
                print("  MISSED " + line)
    if len(splits) > 1:
        print(f"all splits: links drawn {drawn}; precision {ratio(right, drawn)}")


if __name__ == "__main__":
    main()
