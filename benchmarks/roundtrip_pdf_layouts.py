"""How many units of the corpus texts the PDF reader gets back exactly, over page sizes (US letter, A4),
text widths and paragraph spacing, in the Official Document System's look.

Run by hand (not by CI; about 4 minutes for 806 files and the default 12 layouts):
    .venv/bin/python benchmarks/roundtrip_pdf_layouts.py [--files 806] [--seed 3] [--widths 360,432,468]
        [--pages letter,a4] [--spacing 6,0] [--hyphenation off,on] [--undecided document|join|keep]

benchmarks/roundtrip_formats.py renders each text once, in the test renderer's default layout (ragged right,
hanging numbers, 8 pt between paragraphs, breaks only inside plain words). This renders it in
tests/render_docs.py's ``UN_LAYOUT`` (Times 10 pt justified, numbers in the first-line indent, hanging
sub-paragraphs, compounds broken at their own hyphen as Word does), for each page size, text width and
space after paragraphs (0: a tight layout, told apart by indents only), and with the typesetter's
hyphenation of long plain words off (as Word sets the UN's documents: lines break only at spaces and
hyphens) or on (as the printed resolutions of the OCR era have it), parses each rendering back and
counts units (label and folded text) equal to those read from the plain text. Page breaks fall
differently in every layout, which is the point: a unit that is read right in one and wrong in another
shows a page-break or line-end rule that depends on where the break happens to fall.

``--undecided keep`` measures the other answer for a line-end hyphen that no evidence decides
(mandiff/normalize.py ``_KEEP_WHEN_UNDECIDED``; ``join`` is the shipped one). Nothing is written to disk.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
CORPUS = ROOT.parent / "shared" / "corpus" / "cr-unsc"


def _numbers(text: str, kind=float) -> list:
    return [kind(x) for x in text.split(",") if x.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200, help="how many corpus files (seeded sample)")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--pages", default="letter,a4")
    parser.add_argument("--widths", default="360,432,468", help="text widths in points (5, 6 and 6.5 inches)")
    parser.add_argument("--spacing", default="6,0", help="space after each paragraph, in points")
    parser.add_argument("--hyphenation", default="off,on", help="hyphenation of plain words at line ends")
    parser.add_argument("--undecided", choices=("join", "keep"), default="join",
                        help="what a line-end hyphen that nothing decides becomes (join is the shipped rule)")
    parser.add_argument("--show", type=int, default=30, help="how many disagreements to print")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}; this benchmark reads ../shared/corpus/cr-unsc in place")
        return 2

    from mandiff import normalize
    from mandiff.errors import MandiffError
    from mandiff.pipeline import parse_bytes
    from render_docs import (
        A4,
        LETTER,
        UN_LAYOUT,
        first_difference,
        print_misses,
        render_pdf,
        resolution_units,
        seeded_references,
        spec_from_resolution,
    )

    normalize._KEEP_WHEN_UNDECIDED = args.undecided == "keep"  # a measurement, not a setting

    sizes = {"letter": LETTER, "a4": A4}
    unknown = [p for p in args.pages.split(",") if p not in sizes]
    if unknown:
        parser.error(f"unknown page size(s): {', '.join(unknown)}")
    hyphenation = [h.strip() for h in args.hyphenation.split(",") if h.strip()]
    if set(hyphenation) - {"off", "on"}:
        parser.error("--hyphenation takes off, on or off,on")
    layouts = {
        f"{page:6} {width:3.0f} pt wide, {space:g} pt after, hyphenation {hyphens:3}": (
            dataclasses.replace(UN_LAYOUT, page=sizes[page], text_width=width, para_space=space), hyphens == "on"
        )
        for page in args.pages.split(",")
        for width in _numbers(args.widths)
        for space in _numbers(args.spacing)
        for hyphens in hyphenation
    }

    files_exact: Counter = Counter()
    units_exact: Counter = Counter()
    units_total = 0
    texts = 0
    misses: list[str] = []
    started = time.perf_counter()
    for path, reference in seeded_references(CORPUS, args.files, args.seed):
        texts += 1
        expected = resolution_units(reference)
        units_total += len(expected)
        spec = spec_from_resolution(reference)
        for name, (layout, hyphenate) in layouts.items():
            try:
                got = resolution_units(parse_bytes(render_pdf(spec, hyphenate=hyphenate, layout=layout), "x.pdf"))
            except MandiffError as exc:
                misses.append(f"{name}  {path.name}: refused: {exc}")
                continue
            found = Counter(got)
            units_exact[name] += sum(min(n, found[unit]) for unit, n in Counter(expected).items())
            if got == expected:
                files_exact[name] += 1
                continue
            first, want, have = first_difference(expected, got)
            misses.append(f"{name}  {path.name}: unit {first}: text {want[0]} {want[1][:70]!r}\n"
                          f"{'':>52}pdf  {have[0]} {have[1][:70]!r}")
    seconds = time.perf_counter() - started

    print(f"{texts} corpus texts (seed {args.seed}), {units_total} units, {len(layouts)} layouts, "
          f"undecided hyphens: {args.undecided}; {seconds:.0f} s")
    for name in layouts:
        print(f"  {name}: units exact {units_exact[name]:6} of {units_total} ({units_exact[name] / max(units_total, 1):.2%}), "
              f"texts exact {files_exact[name]:4} of {texts}")
    all_units = sum(units_exact.values())
    print(f"  all layouts: units exact {all_units / max(units_total * len(layouts), 1):.2%}, "
          f"texts exact {sum(files_exact.values())} of {texts * len(layouts)}")
    print_misses(misses, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
