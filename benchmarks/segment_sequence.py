"""How many corpus files get a gap-free sequence of labels: a symptom of segmentation errors, not a target.

    .venv/bin/python benchmarks/segment_sequence.py [--list]

A file is gap-free when, in each part, the operative paragraphs are numbered 1, 2, 3 ... without a gap
or a repeat, and the sub-paragraphs under each unit count a, b, c ... (or i, ii, iii ...; dash items
-1, -2 ...) from the first. The corpus is real and OCR'd, so some gaps are in the documents themselves;
a change that raises the count without reading the files it changed may be forcing numbers into
sequence, which the segmenter must never do. ``--list`` prints the files with a gap and the first one.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT.parent / "shared" / "corpus" / "cr-unsc"


def first_gap(resolution) -> str | None:
    """The first break in the sequence of labels, in words, or None."""
    from mandiff.grammar.labels import parse_label
    from mandiff.grammar.numbering import likely_style, readings

    tops: dict[str | None, list[int]] = defaultdict(list)
    children: dict[str, list[str]] = defaultdict(list)
    for p in resolution.paragraphs:
        if p.kind != "operative":
            continue
        label = parse_label(p.label)
        if p.parent is None:
            tops[label.part].append(label.number)
        else:
            children[p.parent].append(label.path[-1])
    for part, numbers in tops.items():
        if numbers != list(range(1, len(numbers) + 1)):
            return f"{part + ':' if part else ''}OP numbers {numbers[:12]}"
    for parent, steps in children.items():
        if steps[0].startswith("-"):
            values = [int(s[1:]) for s in steps]
        else:
            style = likely_style(steps[0]) if len(steps) > 1 or steps[0] != "i" else "roman"
            values = [dict(readings(s)).get(style, -1) for s in steps]
        if values != list(range(1, len(values) + 1)):
            return f"under {parent}: {steps[:12]}"
    return None


def main() -> None:
    from mandiff.errors import MandiffError
    from mandiff.pipeline import parse_path

    files = sorted(CORPUS.glob("*.txt"))
    gaps = []
    for path in files:
        try:
            gap = first_gap(parse_path(str(path)))
        except MandiffError as exc:
            gap = f"refused: {exc.message}"
        if gap:
            gaps.append((path.name, gap))
    print(f"{len(files) - len(gaps)} of {len(files)} corpus files have a gap-free sequence of labels")
    if "--list" in sys.argv:
        for name, gap in gaps:
            print(f"  {name}: {gap}")


if __name__ == "__main__":
    main()
