"""Write every output mandiff produces for a fixed set of inputs into one folder, to prove a refactor
changed nothing: run it before and after, then ``diff -r BEFORE AFTER``.

    .venv/bin/python benchmarks/snapshot_outputs.py /tmp/before            # on the old commit
    .venv/bin/python benchmarks/snapshot_outputs.py /tmp/after             # on the new one
    diff -r /tmp/before /tmp/after && echo identical

What it covers: ``parse`` and ``tag`` JSON of every corpus file; ``diff`` in every format of the
fictional pair and of corpus renewal pairs; ``check`` in every format of the seed note against the 2480
fixture, and ``--all-wps``; ``chain`` in every format of a corpus chain and of the fictional pair. Each
command runs in-process through ``mandiff.cli.main``, exactly as the ``mandiff`` command does, with
``SOURCE_DATE_EPOCH`` fixed so that dated reports compare. ``--quick`` takes every 10th corpus file.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
CORPUS = SHARED / "corpus" / "cr-unsc"
EXAMPLES = PROJECT / "resolutions" / "examples"
FIXTURE = SHARED / "fixtures" / "S-RES-2480-2019-wps-excerpts.txt"
SEED = SHARED / "seed" / "000_a9b46820cb5dbcd4.txt"

# corpus renewal pairs (Cyprus, Angola, Mozambique, the 1990s texts with gender language)
PAIRS = [("0186_1964", "0192_1964"), ("0834_1993", "0851_1993"), ("0798_1992", "0820_1993"),
         ("1445_2002", "1454_2002"), ("0364_1974", "0370_1975")]
CHAIN = ["0186_1964", "0192_1964", "0194_1964", "0198_1964", "0201_1965", "0206_1965"]


def corpus(stem: str) -> str:
    return str(CORPUS / f"S_RES_{stem}_EN_GOLD.txt")


def run(argv: list[str]) -> tuple[int, str, str]:
    from mandiff.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(argv)
        except SystemExit as exc:
            code = exc.code or 0
    return code, out.getvalue(), err.getvalue()


def save(folder: Path, name: str, argv: list[str]) -> None:
    code, out, err = run(argv)
    (folder / name).write_text(f"exit {code}\n--- stderr\n{err}--- stdout\n{out}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--quick", action="store_true", help="every 10th corpus file only")
    args = parser.parse_args()
    os.environ["SOURCE_DATE_EPOCH"] = "1798761600"  # 2027-01-01, fixed
    folder = Path(args.folder)
    folder.mkdir(parents=True, exist_ok=True)
    files = sorted(CORPUS.glob("*.txt"))
    if args.quick:
        files = files[::10]
    for k, path in enumerate(files):
        save(folder, f"parse-{path.stem}.json", ["parse", str(path), "--format", "json"])
        save(folder, f"tag-{path.stem}.json", ["tag", str(path), "--format", "json"])
        if k % 100 == 0:
            print(f"{k}/{len(files)}", file=sys.stderr)
    old, new = sorted(str(p) for p in EXAMPLES.glob("*.txt"))
    pairs = [("example", old, new)] + [(f"{a}-{b}", corpus(a), corpus(b)) for a, b in PAIRS]
    for name, a, b in pairs:
        for fmt in ("text", "json", "md", "csv", "html"):
            save(folder, f"diff-{name}.{fmt}", ["diff", a, b, "--format", fmt])
    for fmt in ("text", "json", "md", "html"):
        save(folder, f"check-seed.{fmt}", ["check", str(SEED), str(FIXTURE), "--format", fmt])
        save(folder, f"check-allwps.{fmt}", ["check", "--all-wps", corpus("0798_1992"), corpus("0820_1993"), "--format", fmt])
    for fmt in ("text", "json", "html"):
        save(folder, f"chain-corpus.{fmt}", ["chain", *[corpus(s) for s in CHAIN], "--format", fmt])
        save(folder, f"chain-example.{fmt}", ["chain", old, new, old, "--format", fmt])
    print(f"wrote {len(list(folder.iterdir()))} files to {folder}", file=sys.stderr)


if __name__ == "__main__":
    main()
