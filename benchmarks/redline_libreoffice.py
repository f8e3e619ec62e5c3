"""Does an office suite read mandiff's Word redline as mandiff means it? LibreOffice opens each redline,
Accept All must give NEW's units and Reject All OLD's, paragraph by paragraph (style and text).

Run by hand (not by CI; needs `apt-get install libreoffice-writer-nogui`, whose python3 has `uno`):
    .venv/bin/python benchmarks/redline_libreoffice.py [--pairs 40] [--seed 3] [--pdf tests/_artifacts/redline.pdf]

The redlines are the fictional example pair, --pairs consecutive pairs of the real corpus (seeded
sample) and the ~10,000-word pair of benchmarks/bench_report.py; the time to write each is printed. The tests apply the revisions to the XML themselves (tests/test_docx_redline.py); this script
catches a misunderstanding that the writer and those tests would share. --pdf also writes the fictional
pair's redline as LibreOffice lays it out (with its changes and comments shown), for a screenshot:
`pdftoppm -png -r 80 redline.pdf page`.
"""

from __future__ import annotations

import argparse
import json
import os
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
sys.path.insert(0, str(ROOT / "benchmarks"))
CORPUS = ROOT.parent / "shared" / "corpus" / "cr-unsc"
EXAMPLES = ROOT / "resolutions" / "examples"


def without_comment_anchors(data: bytes) -> bytes:
    """The redline without its comment anchors. LibreOffice 7.4 run headless through UNO crashes while it
    builds the comment margin of a document it opens (any document with a comment, one made by
    python-docx with one comment included): comments are checked apart (``_annotations_read_by_libreoffice``)."""
    import io
    import re
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "word/document.xml":
                text = body.decode("utf-8")
                text = re.sub(r"<w:commentRange(?:Start|End) w:id=\"\d+\"/>", "", text)
                text = re.sub(r"<w:r><w:commentReference w:id=\"\d+\"/></w:r>", "", text)
                body = text.encode("utf-8")
            target.writestr(info, body)
    return out.getvalue()


def _annotations_read_by_libreoffice(soffice: str, docx: Path, folder: Path) -> tuple[int, int]:
    """(comments in LibreOffice's ODT conversion of ``docx``, comments in ``docx``)."""
    import re
    import zipfile

    outdir = folder / "odt"
    subprocess.run([soffice, "--headless", "--convert-to", "odt", "--outdir", str(outdir), str(docx)],
                   check=True, capture_output=True)
    with zipfile.ZipFile(outdir / docx.with_suffix(".odt").name) as odt:
        content = odt.read("content.xml").decode("utf-8")
    with zipfile.ZipFile(docx) as source:
        comments = source.read("word/comments.xml").decode("utf-8")
    return len(re.findall(r"<office:annotation[ >]", content)), len(re.findall(r"<w:comment ", comments))


def _big_pair():
    """The ~10,000-word pair of benchmarks/bench_report.py (corpus paragraphs, seeded edits)."""
    from bench_report import as_resolution, corpus_paragraphs, edited
    from mandiff.pipeline import parse_text

    paragraphs, pool = corpus_paragraphs(10_000)
    old = parse_text(as_resolution(paragraphs, 9001, 2040), "old.txt")
    new = parse_text(as_resolution(edited(paragraphs, pool, random.Random(1)), 9002, 2041), "new.txt")
    return old, new


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=40, help="how many consecutive corpus pairs (seeded sample)")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--pdf", default=None, help="also write the fictional pair's redline as a PDF laid out by LibreOffice")
    parser.add_argument("--no-big", dest="big", action="store_false",
                        help="leave out the 10,000-word pair of benchmarks/bench_report.py")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1796000000")  # the same bytes on every run
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice not found: apt-get install libreoffice-writer-nogui")

    from mandiff.compare import compare
    from mandiff.pipeline import parse_path
    from mandiff.render.docx_redline import render_diff_docx
    from mandiff.render.redline_plan import HEADING_STYLES, UNIT_STYLES
    from test_docx_redline import expected
    from tests_support import parse_or_none

    pairs = [(EXAMPLES / "S-RES-9901-2031-fictional.txt", EXAMPLES / "S-RES-9950-2032-fictional.txt")]
    if CORPUS.is_dir():
        files = sorted(CORPUS.glob("*.txt"))
        starts = sorted(random.Random(args.seed).sample(range(len(files) - 1), min(args.pairs, len(files) - 1)))
        pairs += [(files[k], files[k + 1]) for k in starts]
    else:
        print(f"corpus not found at {CORPUS}: only the fictional pair")
    texts = [(f"{a.stem[:14]}-{b.stem[:14]}", parse_or_none(a), parse_or_none(b)) for a, b in pairs]
    if args.big and CORPUS.is_dir():
        texts.append(("10000-words", *_big_pair()))
    wanted = {}
    timings = []
    with tempfile.TemporaryDirectory(prefix="mandiff-redline-") as tmp:
        folder = Path(tmp)
        for k, (label, old, new) in enumerate(texts):
            if old is None or new is None:
                continue
            name = f"{k:03d}-{label}.docx"
            comparison = compare(old, new)
            started = time.perf_counter()
            data = render_diff_docx(comparison)
            timings.append((time.perf_counter() - started, label, len(data)))
            (folder / name).write_bytes(without_comment_anchors(data))
            (folder / "with-comments").mkdir(exist_ok=True)
            (folder / "with-comments" / name).write_bytes(data)
            wanted[name] = {"new": expected(new), "old": expected(old)}
        results = folder / "results.json"
        started = time.perf_counter()
        subprocess.run(["/usr/bin/python3", str(ROOT / "benchmarks" / "lo_accept_reject.py"), str(folder), str(results)],
                       check=True)
        seconds = time.perf_counter() - started
        got = json.loads(results.read_text(encoding="utf-8"))
        first = sorted((folder / "with-comments").glob("000-*.docx"))[0]
        comments = _annotations_read_by_libreoffice(soffice, first, folder)
        if args.pdf:
            notes = 'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}'
            subprocess.run([soffice, "--headless", "--convert-to", notes, "--outdir", str(folder), str(first)],
                           check=True, capture_output=True)
            Path(args.pdf).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(folder / first.with_suffix(".pdf").name, args.pdf)
            print(f"PDF of the fictional redline: {args.pdf}")
    keep = set(UNIT_STYLES + HEADING_STYLES)
    agree = {"new": 0, "old": 0}
    shown = 0
    for name in sorted(wanted):
        for side in ("new", "old"):
            lo = [(style, text) for style, text in got[name][side] if style in keep]
            want = [list(x) for x in wanted[name][side]]
            if [list(x) for x in lo] == want:
                agree[side] += 1
            elif shown < 10:
                shown += 1
                first = next((k for k, (x, y) in enumerate(zip(lo, want)) if list(x) != y), min(len(lo), len(want)))
                print(f"{name} {side}: first difference at paragraph {first}: "
                      f"LibreOffice {lo[first] if first < len(lo) else None!r} / mandiff {want[first] if first < len(want) else None!r}")
    print(f"the fictional redline's {comments[1]} comments: LibreOffice reads {comments[0]} (converted to ODT)")
    elapsed = sorted(t for t, _, _ in timings)
    print(f"writing a redline: median {1000 * elapsed[len(elapsed) // 2]:.0f} ms over {len(timings)} pairs"
          + "".join(f"; the {label} pair {1000 * t:.0f} ms, {size / 1e3:.0f} kB" for t, label, size in timings
                    if label == "10000-words"))
    total = len(wanted)
    redlines = sum(got[n]["redlines"] or 0 for n in wanted)
    print(f"{total} redlines ({redlines} tracked changes as LibreOffice counts them), LibreOffice in {seconds:.1f} s:")
    print(f"  Accept All gives NEW's units (style and text) in {agree['new']} of {total}")
    print(f"  Reject All gives OLD's units (style and text) in {agree['old']} of {total}")
    return 0 if agree["new"] == agree["old"] == total else 1


if __name__ == "__main__":
    sys.exit(main())
