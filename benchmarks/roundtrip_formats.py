"""How many corpus resolutions read back from PDF, DOCX, HTML, a press release and Akoma Ntoso with exactly
the units (labels and folded text) of the plain text.

Run by hand (not by CI; about a minute per 100 files):
    .venv/bin/python benchmarks/roundtrip_formats.py [--files 400] [--seed 3] [--formats pdf,docx,html,press,akn]

The tests render four corpus files per format; this renders a seeded sample of the corpus, in memory, with
the test renderers (tests/render_docs.py: UN page furniture, hyphenation, Word numbering, ...), parses each
rendering back and counts exact agreements. Each disagreement is printed with the first unit that differs,
so that a reader can tell a reader bug from a renderer limit. Nothing is written to disk.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
CORPUS = ROOT.parent / "shared" / "corpus" / "cr-unsc"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=400, help="how many corpus files (seeded sample)")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--formats", default="pdf,docx,html,press,akn")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}; this benchmark reads ../shared/corpus/cr-unsc in place")
        return 2

    from mandiff.errors import MandiffError
    from mandiff.pipeline import parse_bytes, parse_path
    from render_docs import (
        first_difference,
        render_akn,
        render_docx,
        render_html,
        render_pdf,
        render_press_release,
        resolution_units,
        spec_from_resolution,
    )

    renderers = {
        "pdf": (render_pdf, "x.pdf"),
        "docx": (render_docx, "x.docx"),
        "html": (render_html, "x.html"),
        "press": (render_press_release, "x.html"),
        "akn": (render_akn, "x.xml"),
    }
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = [f for f in formats if f not in renderers]
    if unknown:
        parser.error(f"unknown format(s): {', '.join(unknown)}")

    files = sorted(CORPUS.glob("*.txt"))
    sample = sorted(random.Random(args.seed).sample(files, min(args.files, len(files))))
    agree = {f: 0 for f in formats}
    tried = {f: 0 for f in formats}
    misses: list[str] = []
    started = time.perf_counter()
    for path in sample:
        try:
            reference = parse_path(str(path))
        except MandiffError:
            continue  # the irregular files of tests/test_corpus_segment.py
        expected = resolution_units(reference)
        spec = spec_from_resolution(reference)
        for fmt in formats:
            render, name = renderers[fmt]
            tried[fmt] += 1
            try:
                got = resolution_units(parse_bytes(render(spec), name))
            except MandiffError as exc:
                misses.append(f"{fmt:5} {path.name}: refused: {exc}")
                continue
            if got == expected:
                agree[fmt] += 1
                continue
            first, want, have = first_difference(expected, got)
            misses.append(f"{fmt:5} {path.name}: unit {first}: text {want[0]} {want[1][:60]!r} / {fmt} {have[0]} {have[1][:60]!r}")
    seconds = time.perf_counter() - started

    print(f"{len(sample)} corpus files (seed {args.seed}), {seconds:.0f} s")
    for fmt in formats:
        share = agree[fmt] / tried[fmt] if tried[fmt] else 0.0
        print(f"  {fmt:6} {agree[fmt]:4} of {tried[fmt]:4} give exactly the text's units ({share:.1%})")
    if misses:
        print("disagreements:")
        for line in misses:
            print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
