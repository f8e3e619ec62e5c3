"""Speed of the WPS tagger on ~10,000-word resolutions built at run time from real corpus texts.

Run by hand (not by CI):  .venv/bin/python benchmarks/bench_tag.py [--words 10000] [--runs 50]

Three resolutions of about --words words each:
- "mixed": the corpus's and the fixture's WPS units (about a tenth of the words, as in a modern mandate)
  among units sampled evenly across the whole corpus;
- "dense": only units that carry WPS language (the corpus's and, when present, the S/RES/2480 (2019)
  fixture's), repeated: the worst case, where every unit is scanned phrase by phrase;
- "cold": the mixed resolution tagged once in a fresh lexicon (includes reading and compiling the TOML).
Prints milliseconds per resolution: wall-clock median and fastest, and CPU time (the better figures on a
busy machine).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "cr-unsc"
FIXTURE = SHARED / "fixtures" / "S-RES-2480-2019-wps-excerpts.txt"

from mandiff import lexicon as lexicon_module  # noqa: E402
from mandiff.errors import MandiffError  # noqa: E402
from mandiff.model import OPERATIVE, Paragraph, Resolution  # noqa: E402
from mandiff.pipeline import parse_path  # noqa: E402
from mandiff.tag import tag  # noqa: E402


def corpus_units():
    for path in sorted(CORPUS.glob("*.txt")):
        try:
            yield from parse_path(str(path)).paragraphs
        except MandiffError:
            continue


def build(texts, words: int) -> Resolution:
    """A resolution of about ``words`` words from the given unit texts (cycled if too few)."""
    units, count, i = [], 0, 0
    texts = [t for t in texts if t]
    while count < words:
        text = texts[i % len(texts)]
        units.append(Paragraph(label=f"OP{len(units) + 1}", kind=OPERATIVE, text=text))
        count += len(text.split())
        i += 1
    return Resolution(paragraphs=tuple(units), symbol="S/RES/0 (benchmark)")


def timing(resolution: Resolution, runs: int) -> str:
    """Wall-clock median and fastest, and CPU time (less disturbed when other work shares the machine)."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        tag(resolution)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return (f"{statistics.median(wall):.2f} ms per resolution (median of {runs}), fastest {min(wall):.2f} ms, "
            f"CPU median {statistics.median(cpu):.2f} ms, fastest {min(cpu):.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"the real corpus is not at {CORPUS}")

    all_units = list(corpus_units())
    wps_texts = [u.text for u in tag(Resolution(paragraphs=tuple(all_units))).paragraphs if u.is_wps]
    if FIXTURE.exists():
        wps_texts += [u.text for u in tag(parse_path(str(FIXTURE))) if u.is_wps]
    others = [u.text for u in all_units if u.text not in wps_texts]
    wps_words = sum(len(t.split()) for t in wps_texts)
    stride = max(1, sum(len(t.split()) for t in others) // max(1, args.words - wps_words))
    sampled = others[::stride]
    mixed_texts = []
    for i, text in enumerate(sampled):  # the WPS units spread among the others
        mixed_texts.append(text)
        if wps_texts and i % max(1, len(sampled) // len(wps_texts)) == 0:
            mixed_texts.append(wps_texts[(i // max(1, len(sampled) // len(wps_texts))) % len(wps_texts)])
    mixed = build(mixed_texts, args.words)
    dense = build(wps_texts, args.words)

    lexicon_module.shipped_lexicon.cache_clear()
    start = time.perf_counter()
    tag(mixed)
    cold = (time.perf_counter() - start) * 1000

    def describe(name, r):
        tagged = tag(r)
        words = sum(len(p.text.split()) for p in r)
        print(f"{name}: {len(r)} units, {words:,} words, {sum(p.is_wps for p in tagged)} WPS units: {timing(r, args.runs)}")

    describe("mixed", mixed)
    describe("dense", dense)
    print(f"cold:  first tagging in a fresh process (read + compile the lexicon + tag the mixed one): {cold:.1f} ms")


if __name__ == "__main__":
    main()
