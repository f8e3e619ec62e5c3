"""Fuzz the readers and the segmenter with mutated real documents; print examples run and crashes found.

Run by hand (not by CI):
    .venv/bin/python benchmarks/fuzz_readers.py [--examples 3000] [--seed 1] [--hang 10]

Seeds are real corpus texts (read in place) and the same texts rendered at run time into the formats
users have (PDF in the UN layout, DOCX with automatic numbering, HTML, Akoma Ntoso), by the test
renderers in tests/render_docs.py. Each example takes one seed and applies 1-8 mutations: bit flips,
byte insertions, deletions, duplicated or spliced ranges, truncation, and tokens that hostile files
carry (entity declarations, format magic, BOMs, NULs, long runs of spaces, newlines, "(a)", "l.");
DOCX seeds are also mutated inside the zip (document.xml, numbering.xml), so that the XML reader is
reached, not only the zip check. Every example is read with ``mandiff.ingest.read_bytes``, then
normalized, segmented, tagged and compared with its unmutated seed.

With ``--growth``, it measures instead the shapes that once made a reader slow or hungry (issue 18),
each generated at 1, 2, 4 and 8 MB (``--sizes``), each size in a fresh process: time, the growth of
the process's peak memory, and the outcome (units read, or the one-line refusal). The list-number
bombs are a few hundred bytes whatever the size, so they are measured once:

    .venv/bin/python benchmarks/fuzz_readers.py --growth [--sizes 1,2,4,8] [--timeout 120]

A MandiffError is the expected answer to bad input. Anything else is a crash; an example running
longer than --hang seconds is a hang. Both are written to benchmarks/_out/fuzz/ (git-ignored) with
the bytes that caused them, and the run ends with a summary.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import io
import random
import re
import signal
import sys
import time
import traceback
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
CORPUS = ROOT.parent / "shared" / "corpus" / "cr-unsc"
OUT = ROOT / "benchmarks" / "_out" / "fuzz"

from mandiff.compare import compare  # noqa: E402
from mandiff.errors import MandiffError  # noqa: E402
from mandiff.ingest import read_bytes  # noqa: E402
from mandiff.limits import Limits  # noqa: E402
from mandiff.pipeline import parse_raw  # noqa: E402
from mandiff.tag import tag  # noqa: E402

TOKENS = [
    b"<!ENTITY x SYSTEM 'file:///etc/passwd'>", b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>", b"&a;", b"&amp;", b"&#0;",
    b"%PDF-1.7\n", b"PK\x03\x04", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\x00", b"\x00" * 64, b"\r", b"\f",
    b" " * 5000, b"\n" * 2000, b"(a)" * 500, b"l. ", b"1.", b"(iii)", b"\xe2\x80\x93 ", b"-\n", b"Secretary-\n" * 200,
    b"<p>", b"</p>", b"<script>x</script>", b"<ol><li>", b"</li></ol>", b"<![CDATA[", b"]]>", b"<?xml version='1.0'?>",
    b"The Security Council,\n\n", b"\n\nA\n\n", b"\n\nAnnex\n\n", b"Adopted at the 1st meeting.\n", b"\xc3\x28", b"\xed\xa0\x80",
    b"endobj", b"stream\n", b"endstream", b"xref", b"trailer", b"/Encrypt", b"9999999 0 obj",
]


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


# ---- seeds ----------------------------------------------------------------------------------------


def seeds(count: int, rng: random.Random) -> list[tuple[str, bytes]]:
    from render_docs import render_akn, render_docx, render_html, render_pdf, render_press_release, spec_from_path

    paths = sorted(CORPUS.glob("S_RES_*_EN_GOLD.txt"))
    if not paths:
        sys.exit(f"corpus not found at {CORPUS}")
    chosen = rng.sample(paths, min(count, len(paths)))
    chosen += [p for p in sorted((ROOT / "resolutions" / "examples").glob("*.txt"))]
    out: list[tuple[str, bytes]] = []
    for path in chosen:
        out.append((f"{path.stem}.txt", path.read_bytes()))
        try:
            spec = spec_from_path(path)
        except MandiffError:
            continue
        for fmt, render in (("pdf", render_pdf), ("docx", render_docx), ("html", render_html),
                            ("press.html", render_press_release), ("akn.xml", render_akn)):
            try:
                out.append((f"{path.stem}.{fmt}", render(spec)))
            except Exception as exc:  # a renderer limit on an odd corpus text: not what is fuzzed here
                print(f"(no {fmt} seed from {path.name}: {type(exc).__name__}: {exc})")
    return out


# ---- mutations ------------------------------------------------------------------------------------


def mutate_bytes(data: bytes, rng: random.Random, others: list[bytes]) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(8)
        k = rng.randrange(len(buf) + 1)
        if op == 0 and buf:  # flip bits
            for _ in range(rng.randint(1, 16)):
                i = rng.randrange(len(buf))
                buf[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # random bytes
            buf[k:k] = rng.randbytes(rng.randint(1, 64))
        elif op == 2 and buf:  # delete a range
            del buf[k:k + rng.randint(1, max(1, len(buf) // 10))]
        elif op == 3 and buf:  # duplicate a range
            j = rng.randrange(len(buf))
            buf[k:k] = buf[j:j + rng.randint(1, 2000)]
        elif op == 4:  # truncate
            del buf[rng.randrange(len(buf) + 1):]
        elif op == 5:  # splice another seed
            other = rng.choice(others)
            j = rng.randrange(len(other) + 1)
            buf[k:] = other[j:j + rng.randint(1, 20000)]
        else:  # a hostile token
            buf[k:k] = rng.choice(TOKENS)
    return bytes(buf)


def mutate_docx(data: bytes, rng: random.Random, others: list[bytes]) -> bytes:
    """Mutate a part inside the zip, so that the reader gets past the archive to the XML."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = {n: archive.read(n) for n in archive.namelist()}
    except (zipfile.BadZipFile, KeyError, OSError):
        return mutate_bytes(data, rng, others)
    targets = [n for n in parts if n.endswith(".xml")]
    if not targets:
        return mutate_bytes(data, rng, others)
    name = rng.choice(targets)
    if rng.random() < 0.8:
        parts[name] = mutate_bytes(parts[name], rng, others)
    else:
        del parts[name]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in parts.items():
            z.writestr(n, d)
    return out.getvalue()


# ---- the run --------------------------------------------------------------------------------------


REFUSALS: collections.Counter = collections.Counter()


def run_one(name: str, data: bytes, reference, limits: Limits) -> str:
    """'ok', 'refused' (a MandiffError), or raises: the outcome of one example through the whole pipeline."""
    try:
        raw = read_bytes(data, name, limits)
        resolution = parse_raw(raw, limits)
    except MandiffError as exc:
        if "\n" in str(exc):
            raise AssertionError(f"a MandiffError message must be one line: {exc!r}") from None
        REFUSALS[re.sub(r"\d[\d,]*", "N", exc.message)[:70]] += 1
        return "refused"
    labels = resolution.labels
    if len(set(labels)) != len(labels):
        raise AssertionError(f"duplicate labels: {sorted(l for l in set(labels) if labels.count(l) > 1)[:5]}")
    tagged = tag(resolution)
    if reference is not None:
        comparison = compare(reference, tagged)
        assert {p.old for p in comparison.pairs} | {d.old for d in comparison.dropped} == set(reference.labels)
        assert {p.new for p in comparison.pairs} | {a.new for a in comparison.added} == set(tagged.labels)
    return "ok"


# ---- growth: the shapes that once were slow --------------------------------------------------------

HEAD = b"The Security Council,\n\n1. Decides to act;\n\n"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(document: str, numbering: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:  # stored: the size is the file's, no ratio guard
        archive.writestr("word/document.xml", document)
        archive.writestr("word/numbering.xml", numbering)
    return out.getvalue()


def _word_numbering(start: int, fmt: str = "upperLetter") -> str:
    return (f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
            f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def _word_paragraphs(count: int) -> str:
    numbered = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Decides to act;</w:t></w:r></w:p>'
    return (f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>The Security Council,</w:t></w:r></w:p>'
            + numbered * count + "</w:body></w:document>")


def _pdf_tiny_lines(size: int) -> bytes:
    """One page, one text object, a line of two letters in 0.1 pt type per 6 bytes of content."""
    lines = max(1, (size - 600) // 6)
    content = b"BT /F1 0.1 Tf 0.1 TL 20 820 Td\n" + b"(ab)'\n" * lines + b"ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _repeat_to(head: bytes, item: bytes, tail: bytes, size: int) -> bytes:
    return head + item * max(1, (size - len(head) - len(tail)) // len(item)) + tail


HTML_HEAD = b"<html><body><p>The Security Council,</p>"
SHAPES = {
    # name: (how the file grows, builder(size in bytes) -> (file name, bytes))
    "html <ol start=10^10> bomb": ("116 B, any size", lambda size: ("bomb.html", HTML_HEAD + b'<ol type="A" start="10000000000"><li>Decides to act;</li></ol></body></html>')),
    "docx w:start=10^10 bomb": ("847 B, any size", lambda size: ("bomb.docx", _docx(_word_paragraphs(1), _word_numbering(10_000_000_000)))),
    "html <ol> of 10,000 items": ("250 KB, any size", lambda size: ("list.html", HTML_HEAD + b"<ol>" + b"<li>Decides to act;</li>" * 10_000 + b"</ol></body></html>")),
    "html <ol> of n items": ("items", lambda size: ("list.html", _repeat_to(HTML_HEAD + b"<ol>", b"<li>Decides to act;</li>", b"</ol></body></html>", size))),
    "docx list of n numbered paragraphs": ("paragraphs", lambda size: ("list.docx", _docx(_word_paragraphs(max(1, size // 140)), _word_numbering(1, "decimal")))),
    "text: short blank-line blocks": ("blocks", lambda size: ("blocks.txt", _repeat_to(HEAD, b"word\n\n", b"", size))),
    "pdf: one page of tiny text lines": ("lines", lambda size: ("lines.pdf", _pdf_tiny_lines(size))),
}
FIXED = {"html <ol start=10^10> bomb", "docx w:start=10^10 bomb", "html <ol> of 10,000 items"}


def measure(shape: str, megabytes: float) -> None:
    """Run in a fresh process: build the input, read it once, print one JSON line."""
    import json
    import resource

    name, data = SHAPES[shape][1](int(megabytes * 1024 * 1024))
    limits = Limits(max_bytes=64 * 1024 * 1024)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    try:
        resolution = parse_raw(read_bytes(data, name, limits), limits)
        outcome = f"read: {len(resolution.paragraphs):,} units"
    except MandiffError as exc:
        outcome = "refused: " + re.sub(r"^.*?: ", "", str(exc), count=1)[:90]
    except MemoryError:
        outcome = "MemoryError"
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"bytes": len(data), "seconds": seconds, "peak_mb": max(0, peak - before) / 1024, "outcome": outcome}))


def growth(sizes: list[float], timeout: float, only: str | None) -> int:
    import json
    import subprocess

    print(f"{'shape':36} {'size':>9} {'time':>9} {'peak mem':>9}  outcome")
    for shape in SHAPES:
        if only and only not in shape:
            continue
        first = None
        for megabytes in ([0] if shape in FIXED else sizes):
            command = [sys.executable, __file__, "--measure", shape, str(megabytes)]
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
            except subprocess.TimeoutExpired:
                size = SHAPES[shape][0].split(",")[0] if shape in FIXED else f"{megabytes:g} MB"
                print(f"{shape:36} {size:>9} {'>' + str(int(timeout)) + ' s':>9} {'':>9}  stopped (larger sizes skipped)", flush=True)
                break
            if done.returncode != 0:
                print(f"{shape:36} {megabytes:>7} MB  crashed: {done.stderr.strip().splitlines()[-1:]}", flush=True)
                break
            row = json.loads(done.stdout.strip().splitlines()[-1])
            size = f"{row['bytes'] / 1048576:.1f} MB" if row["bytes"] > 100_000 else f"{row['bytes']:,} B"
            first = first or row
            ratio = f" (x{row['seconds'] / first['seconds']:.1f} time of the first size)" if row is not first and first["seconds"] > 0 else ""
            print(f"{shape:36} {size:>9} {row['seconds']:>7.2f} s {row['peak_mb']:>6.0f} MB  {row['outcome']}{ratio}", flush=True)
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seeds", type=int, default=6, help="corpus files used as seeds (each in 6 formats)")
    parser.add_argument("--hang", type=int, default=10, help="seconds after which an example counts as a hang")
    parser.add_argument("--growth", action="store_true", help="measure time and memory of the slow shapes at --sizes instead")
    parser.add_argument("--sizes", default="1,2,4,8", help="megabytes, for --growth")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per measurement, for --growth")
    parser.add_argument("--shape", default=None, help="for --growth: only shapes whose name contains this")
    parser.add_argument("--measure", nargs=2, metavar=("SHAPE", "MB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure[0], float(args.measure[1]))
        return
    if args.growth:
        sys.exit(growth([float(s) for s in args.sizes.split(",")], args.timeout, args.shape))
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    pool = seeds(args.seeds, rng)
    limits = Limits()
    references = {}
    for name, data in pool:
        try:
            references[name] = tag(parse_raw(read_bytes(data, name, limits), limits))
        except MandiffError:
            references[name] = None
    others = [d for _, d in pool]
    print(f"{len(pool)} seeds ({', '.join(sorted(collections.Counter(n.split('.', 1)[1] for n, _ in pool)))}) "
          f"in {time.perf_counter() - t0:.1f} s; running {args.examples} examples (seed {args.seed})")

    signal.signal(signal.SIGALRM, _alarm)
    outcomes: collections.Counter = collections.Counter()
    by_format: collections.Counter = collections.Counter()
    failures: dict[str, tuple[str, bytes, str]] = {}
    slowest = (0.0, "")
    start = time.perf_counter()
    for i in range(args.examples):
        name, data = rng.choice(pool)
        mutated = mutate_docx(data, rng, others) if name.endswith(".docx") else mutate_bytes(data, rng, others)
        t = time.perf_counter()
        signal.alarm(args.hang)
        try:
            outcome = run_one(name, mutated, references.get(name), limits)
        except Hang:
            outcome = "hang"
            failures.setdefault(f"hang in {name.split('.', 1)[1]}", (name, mutated, "no answer within the limit"))
        except Exception as exc:  # the point of the run: anything but a MandiffError is a bug
            outcome = "crash"
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            key = f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}"
            failures.setdefault(key, (name, mutated, "".join(traceback.format_exception(exc))))
        finally:
            signal.alarm(0)
        elapsed = time.perf_counter() - t
        slowest = max(slowest, (elapsed, name))
        outcomes[outcome] += 1
        by_format[(name.split(".", 1)[1], outcome)] += 1
        if (i + 1) % 500 == 0:
            print(f"  {i + 1} examples, {dict(outcomes)}, {time.perf_counter() - start:.0f} s", flush=True)

    total = time.perf_counter() - start
    print(f"\n{args.examples} examples in {total:.0f} s ({args.examples / total:.1f}/s); slowest {slowest[0]:.2f} s ({slowest[1]})")
    print("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    for fmt in sorted({f for f, _ in by_format}):
        print(f"  {fmt:11} " + ", ".join(f"{o} {by_format[(fmt, o)]}" for o in ("ok", "refused", "crash", "hang") if by_format[(fmt, o)]))
    print("most frequent refusals: " + "; ".join(f"{m!r} {n}" for m, n in REFUSALS.most_common(8)))
    print(f"distinct crashes and hangs: {len(failures)}")
    if failures:
        OUT.mkdir(parents=True, exist_ok=True)
        for key, (name, data, detail) in sorted(failures.items()):
            digest = hashlib.sha1(data).hexdigest()[:10]
            path = OUT / f"{digest}-{name}"
            path.write_bytes(data)
            path.with_suffix(path.suffix + ".txt").write_text(detail, encoding="utf-8")
            print(f"  {key}: {path}\n    {detail.strip().splitlines()[-1][:200]}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
