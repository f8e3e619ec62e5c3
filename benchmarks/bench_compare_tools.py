"""mandiff against the tools people compare texts with today, in one run on the same pairs.

Run by hand (not by CI):  .venv/bin/python benchmarks/bench_compare_tools.py [--repeat 5] [--words 10000]

Pairs: the fictional example pair (resolutions/examples/), two real renewal pairs from the corpus
(S/RES/852 (1993) -> 895 (1994) and 834 (1993) -> 851 (1993)), and a ~10,000-word pair built at run time
from corpus texts (operative paragraphs of successive resolutions; NEW has paragraphs dropped, moved,
reworded and inserted). Nothing derived from the corpus is written anywhere.

Tools, each given the plain texts of both files (already in memory, so reading is not timed):
- mandiff, by stage: parse (normalize + segment, both files), tag, align, compare (align + word edits +
  WPS assessment), JSON render, HTML render (when mandiff/render/html.py exists);
- difflib.unified_diff on lines, difflib.SequenceMatcher on words;
- lxml.html.diff.htmldiff on the texts with each blank-line paragraph wrapped in <p>;
- redlines (Redlines(old, new).output_markdown).

Times are medians of --repeat runs; "x mandiff" is a tool's time over mandiff's end-to-end time. The
tools are not equivalent: only mandiff pairs renumbered, moved, split and merged paragraphs and says
what happened to WPS language; the others are the baselines a user would otherwise reach for.
"""

from __future__ import annotations

import argparse
import difflib
import html
import os
import platform
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "cr-unsc"
EXAMPLES = ROOT / "resolutions" / "examples"

from mandiff.align import align  # noqa: E402
from mandiff.compare import compare  # noqa: E402
from mandiff.errors import MandiffError  # noqa: E402
from mandiff.pipeline import parse_text  # noqa: E402
from mandiff.render.jsonout import dumps  # noqa: E402
from mandiff.tag import tag  # noqa: E402

try:
    from mandiff.render.html import render_diff_html
except ImportError:  # the HTML renderer is written separately; the benchmark runs without it
    render_diff_html = None

VERBS = (("Requests", "Encourages"), ("Decides", "Agrees"), ("Calls upon", "Invites"), ("Urges", "Encourages"))
WPS_ADDITIONS = (
    ", including through the full, effective and meaningful participation of women",
    ", taking into account the particular needs of women and girls",
)


# ---- the pairs -----------------------------------------------------------------------------------


def corpus_text(name: str) -> str | None:
    path = CORPUS / f"S_RES_{name}_EN_GOLD.txt"
    return path.read_text(encoding="utf-8") if path.exists() else None


def large_pair(words: int, seed: int) -> tuple[str, str] | None:
    """OLD: operative paragraphs of successive corpus resolutions until ``words``; NEW: OLD edited."""
    taken: list[str] = []
    pool: list[str] = []
    count = 0
    for path in sorted(CORPUS.glob("*.txt")):
        try:
            res = parse_text(path.read_text(encoding="utf-8"), path.name)
        except MandiffError:
            continue
        ops = [" ".join(res.full_text(p.label).split()) for p in res.paragraphs if p.kind == "operative" and p.parent is None]
        ops = [t for t in ops if len(t.split()) >= 6]
        if count < words:
            taken += ops
            count += sum(len(t.split()) for t in ops)
        else:
            pool += ops
            if len(pool) > 100:
                break
    if not taken:
        return None
    rng = random.Random(seed)
    new = list(taken)
    for _ in range(len(new) // 25):
        new.pop(rng.randrange(len(new)))
    for _ in range(len(new) // 25):
        new.insert(rng.randrange(len(new)), new.pop(rng.randrange(len(new))))
    for k in rng.sample(range(len(new)), len(new) // 10):
        text = new[k]
        for old_verb, new_verb in VERBS:
            if text.startswith(old_verb):
                new[k] = new_verb + text[len(old_verb):]
                break
        else:
            cut = text.rstrip(";.,")
            new[k] = cut + rng.choice(WPS_ADDITIONS) + text[len(cut):]
    for text in pool[: len(new) // 25]:
        new.insert(rng.randrange(len(new)), text)

    def as_text(paragraphs, number, year):
        body = "\n\n".join(f"{i}. {t}" for i, t in enumerate(paragraphs, 1))
        return (f"United Nations S/RES/{number} ({year})\n\nResolution {number} ({year})\n\n"
                f"The Security Council,\n\nRecalling its previous resolutions,\n\n{body}\n")

    return as_text(taken, 9001, 2040), as_text(new, 9002, 2041)


def pairs(words: int, seed: int) -> list[tuple[str, str, str]]:
    out = [(
        "example 9901 -> 9950 (fictional)",
        (EXAMPLES / "S-RES-9901-2031-fictional.txt").read_text(encoding="utf-8"),
        (EXAMPLES / "S-RES-9950-2032-fictional.txt").read_text(encoding="utf-8"),
    )]
    for old, new in (("0852_1993", "0895_1994"), ("0834_1993", "0851_1993")):
        a, b = corpus_text(old), corpus_text(new)
        if a and b:
            out.append((f"S/RES/{int(old[:4])} -> {int(new[:4])} (corpus)", a, b))
        else:
            print(f"(skipped {old} -> {new}: corpus not found at {CORPUS})")
    if CORPUS.is_dir():
        big = large_pair(words, seed)
        if big:
            out.append((f"~{words:,}-word pair (built from corpus)", *big))
    return out


# ---- timing ----------------------------------------------------------------------------------------


def median_time(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def paragraphs_of(text: str) -> list[str]:
    return [" ".join(b.split()) for b in re.split(r"\n\s*\n", text) if b.strip()]


def wrap(text: str) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs_of(text))


def bench_pair(label: str, old_text: str, new_text: str, repeat: int) -> list[tuple[str, float]]:
    rows: list[tuple[str, float]] = []
    t_parse, (old, new) = median_time(lambda: (parse_text(old_text, "old"), parse_text(new_text, "new")), repeat)
    t_tag, (old_t, new_t) = median_time(lambda: (tag(old), tag(new)), repeat)
    t_align, _ = median_time(lambda: align(old_t, new_t), repeat)
    t_compare, comparison = median_time(lambda: compare(old_t, new_t), repeat)
    t_json, _ = median_time(lambda: dumps(comparison.to_json()), repeat)
    rows += [("mandiff parse", t_parse), ("mandiff tag", t_tag), ("mandiff align", t_align),
             ("mandiff compare (align+diff+assess)", t_compare), ("mandiff render JSON", t_json)]
    total = t_parse + t_tag + t_compare + t_json
    if render_diff_html is not None:
        t_html, _ = median_time(lambda: render_diff_html(comparison), repeat)
        rows.append(("mandiff render HTML", t_html))
        total += t_html
    rows.append(("mandiff end to end", total))

    a_lines, b_lines = old_text.splitlines(), new_text.splitlines()
    rows.append(("difflib unified_diff (lines)", median_time(lambda: list(difflib.unified_diff(a_lines, b_lines)), repeat)[0]))
    a_words, b_words = old_text.split(), new_text.split()
    rows.append(("difflib SequenceMatcher (words)",
                 median_time(lambda: difflib.SequenceMatcher(None, a_words, b_words).get_opcodes(), repeat)[0]))
    from lxml.html.diff import htmldiff

    a_html, b_html = wrap(old_text), wrap(new_text)
    rows.append(("lxml htmldiff (<p> per paragraph)", median_time(lambda: htmldiff(a_html, b_html), repeat)[0]))
    try:
        from redlines import Redlines

        rows.append(("redlines (markdown)", median_time(lambda: Redlines(old_text, new_text).output_markdown, repeat)[0]))
    except ImportError:
        print("(redlines is not installed: .venv/bin/pip install -e '.[bench]')")
    words = len(a_words) + len(b_words)
    print(f"\n{label}: {len(a_words):,} + {len(b_words):,} words, {len(old)} + {len(new)} units, "
          f"{len(comparison.pairs)} pairs, {len(comparison.dropped)} dropped, {len(comparison.added)} added")
    print(f"  {'tool':38} {'time (ms)':>10} {'x mandiff':>10}")
    for name, seconds in rows:
        print(f"  {name:38} {1000 * seconds:10.1f} {seconds / total:10.2f}")
    print(f"  mandiff end to end: {words / total:,.0f} words/s")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (the median is shown)")
    parser.add_argument("--words", type=int, default=10_000, help="size of the large pair built from the corpus")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    import lxml
    print(f"machine: {platform.platform()}; {os.cpu_count()} CPUs ({platform.processor() or platform.machine()}); "
          f"Python {platform.python_version()} ({platform.python_implementation()}); lxml {lxml.__version__}")
    for label, old_text, new_text in pairs(args.words, args.seed):
        bench_pair(label, old_text, new_text, args.repeat)


if __name__ == "__main__":
    main()
