"""PDFs laid out by a real word processor: corpus texts rendered as DOCX (Word's automatic numbering, as in
tests/render_docs.py), converted to PDF by LibreOffice, and read back by mandiff's PDF reader.

Run by hand (not by CI; needs LibreOffice: `apt-get install --no-install-recommends libreoffice-writer-nogui`):
    .venv/bin/python benchmarks/roundtrip_libreoffice.py [--files 200] [--seed 5] [--un-layout]

reportlab renderings (benchmarks/roundtrip_formats.py) place every line where the test says; LibreOffice
lays the text out itself: justified lines, hanging indents after automatic numbers, its own page breaks
and widow control. That is closer to the Official Document System's PDFs, which come out of Word. The
2480 fixture (../shared/fixtures) is added when present: a modern layout with numbering gaps and headings. The
script counts the files whose units (labels and folded text) equal those read from the plain text, and
prints the first difference of the others. Everything is written to a temporary folder and removed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
CORPUS = ROOT.parent / "shared" / "corpus" / "cr-unsc"
# the passages of S/RES/2480 (2019) with their real numbers: a modern layout (gaps, headings, (iv) items)
FIXTURE_2480 = ROOT.parent / "shared" / "fixtures" / "S-RES-2480-2019-wps-excerpts.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200, help="how many corpus files (seeded sample)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--show", type=int, default=30, help="how many disagreements to print")
    parser.add_argument("--un-layout", action="store_true",
                        help="justified text, 6 pt after paragraphs, first-line indents (the ODS look)")
    args = parser.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("LibreOffice not found: apt-get install --no-install-recommends libreoffice-writer-nogui")
        return 2
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}; this benchmark reads ../shared/corpus/cr-unsc in place")
        return 2

    from mandiff.errors import MandiffError
    from mandiff.pipeline import parse_path
    from render_docs import first_difference, render_docx, resolution_units, spec_from_resolution

    files = sorted(CORPUS.glob("*.txt"))
    sample = sorted(random.Random(args.seed).sample(files, min(args.files, len(files))))
    if FIXTURE_2480.exists():
        sample.append(FIXTURE_2480)
    expected = {}
    with tempfile.TemporaryDirectory(prefix="mandiff-lo-") as tmp:
        folder = Path(tmp)
        for path in sample:
            try:
                reference = parse_path(str(path))
            except MandiffError:
                continue  # the irregular files of tests/test_corpus_segment.py
            expected[path.stem] = resolution_units(reference)
            (folder / f"{path.stem}.docx").write_bytes(render_docx(spec_from_resolution(reference), un_layout=args.un_layout))
        started = time.perf_counter()
        documents = sorted(str(p) for p in folder.glob("*.docx"))
        for k in range(0, len(documents), 100):  # one LibreOffice run for all 800 stopped a third of the way
            subprocess.run(
                [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{folder}/profile",
                 "--convert-to", "pdf", "--outdir", str(folder), *documents[k:k + 100]],
                check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
        converted = time.perf_counter() - started
        agree, misses, pages = 0, [], 0
        started = time.perf_counter()
        for stem, want in sorted(expected.items()):
            pdf = folder / f"{stem}.pdf"
            if not pdf.exists():
                misses.append(f"{stem}: LibreOffice made no PDF")
                continue
            try:
                got = resolution_units(parse_path(str(pdf)))
            except MandiffError as exc:
                misses.append(f"{stem}: refused: {exc}")
                continue
            import pypdfium2

            pages += len(pypdfium2.PdfDocument(str(pdf)))
            if got == want:
                agree += 1
                continue
            first, a, b = first_difference(want, got)
            misses.append(f"{stem}: unit {first}: text {a[0]} {a[1][:70]!r}\n{'':>28}pdf  {b[0]} {b[1][:70]!r}")
        read = time.perf_counter() - started
    total = len(expected)
    fixture = FIXTURE_2480.stem in expected
    what = f"{total - fixture} corpus files, seed {args.seed}" + (", and the 2480 fixture" if fixture else "")
    print(f"{total} texts ({what}) as DOCX -> LibreOffice PDF ({pages} pages): converted in {converted:.0f} s, "
          f"read in {read:.1f} s")
    print(f"  {agree} of {total} give exactly the text's units ({agree / max(total, 1):.1%})")
    for line in misses[: args.show]:
        print("  " + line)
    if len(misses) > args.show:
        print(f"  ... and {len(misses) - args.show} more")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
