"""Speed of `mandiff parse` on a ~10,000-word resolution (read, normalize, segment), and of the whole corpus.

Run by hand:  .venv/bin/python benchmarks/bench_parse.py

The 10,000-word text is made at run time from real corpus resolutions (their operative paragraphs
renumbered into one text); nothing derived from the corpus is written into the project.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "cr-unsc"

from mandiff.errors import MandiffError  # noqa: E402
from mandiff.pipeline import parse_path, parse_text  # noqa: E402


def big_text(words: int = 10_000) -> str:
    paragraphs, count = [], 0
    for path in sorted(CORPUS.glob("*.txt")):
        try:
            res = parse_path(str(path))
        except MandiffError:
            continue
        for p in res.paragraphs:
            if p.kind == "operative" and p.parent is None:
                text = res.full_text(p.label)
                paragraphs.append(text)
                count += len(text.split())
        if count >= words:
            break
    body = "\n\n".join(f"{i}. {t}" for i, t in enumerate(paragraphs, 1))
    return f"Resolution 9001 (2030)\n\nThe Security Council,\n\nRecalling its resolutions,\n\n{body}\n"


def main():
    text = big_text()
    n_words = len(text.split())
    times = []
    for _ in range(10):
        t = time.perf_counter()
        res = parse_text(text)
        times.append(time.perf_counter() - t)
    print(f"in-process parse of {n_words} words / {len(res.paragraphs)} units: best {min(times) * 1000:.1f} ms, "
          f"median {sorted(times)[5] * 1000:.1f} ms")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        handle.write(text)
    cmd = [str(ROOT / ".venv" / "bin" / "mandiff"), "parse", handle.name, "--format", "json"]
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        runs.append(time.perf_counter() - t)
    print(f"`mandiff parse --format json` as a command (start-up included): best {min(runs) * 1000:.0f} ms")
    files = sorted(CORPUS.glob("*.txt"))
    t = time.perf_counter()
    for path in files:
        try:
            parse_path(str(path))
        except MandiffError:
            pass
    print(f"whole corpus: {len(files)} files in {time.perf_counter() - t:.2f} s")


if __name__ == "__main__":
    main()
