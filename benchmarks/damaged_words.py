"""Damaged words (issue 17 item 7): how many WPS units stay tagged when their evidence is damaged the way
PDF text layers and OCR damage words, and how many units of the real corpus are read as repaired.

Run by hand:  .venv/bin/python benchmarks/damaged_words.py

For every WPS unit of the S/RES/2480 (2019) fixture and of the fictional examples, and for every word of
six letters or more in the unit's evidence, the unit is damaged three ways, one at a time:
a stray space in the middle of the word ("vio lence"), the word run into the next one ("violencein"),
and the word run into the one before ("sexualviolence"). The figures are the shares of damaged units the
tagger still tags as WPS, and with the same categories, with the repair and without it; apart for units
whose one piece of evidence is damaged (what the repair is for: a unit tagged as written is not read
again, so a damaged second term of a unit costs its category, never the unit). The corpus figure counts the
units whose tags changed because of a repair (read_as set): each is listed, to be checked by eye.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"

from mandiff.lexicon import shipped_lexicon  # noqa: E402
from mandiff.pipeline import parse_path  # noqa: E402
from mandiff.tag import tag, tag_text  # noqa: E402



def damaged_forms(text: str, start: int, end: int):
    """(kind, damaged text) for each long word of text[start:end]."""
    for m in re.finditer(r"[^\W\d_]{6,}", text[start:end]):
        a, b = start + m.start(), start + m.end()
        middle = (a + b) // 2
        yield "split", text[:middle] + " " + text[middle:]
        if b < len(text) and text[b] == " ":
            yield "run into next", text[:b] + text[b + 1 :]
        if a > 0 and text[a - 1] == " ":
            yield "run into previous", text[: a - 1] + text[a:]


def main() -> None:
    files = [SHARED / "fixtures" / "S-RES-2480-2019-wps-excerpts.txt",
             *sorted((ROOT / "resolutions" / "examples").glob("*fictional*.txt"))]
    counts: dict[tuple[str, str], list[int]] = {}
    for path in files:
        if not path.exists():
            continue
        resolution = tag(parse_path(str(path)))
        compiled = shipped_lexicon().for_language(resolution.language)
        for unit in resolution.paragraphs:
            if not unit.tags:
                continue
            # "only": the unit's one piece of evidence is damaged (the case the repair is for)
            scope = "only" if len({(t.start, t.end) for t in unit.tags}) == 1 else "one of several"
            for t in unit.tags:
                for kind, damaged in damaged_forms(unit.text, t.start, t.end):
                    cats = set(unit.categories)
                    repaired = {c.category for c in tag_text(damaged, lexicon=compiled)}
                    bare = {c.category for c in tag_text(damaged, lexicon=compiled, repair_words=False)}
                    row = counts.setdefault((scope, kind), [0, 0, 0, 0, 0])
                    row[0] += 1
                    row[1] += bool(repaired)
                    row[2] += repaired == cats
                    row[3] += bool(bare)
                    row[4] += bare == cats
    print("evidence damaged         damage              cases   still WPS (repair / none)   same categories (repair / none)")
    for (scope, kind), (n, wps, same, bare_wps, bare_same) in sorted(counts.items(), key=lambda kv: kv[0][0] != "only"):
        print(f"{scope:<24} {kind:<18} {n:>6}   {wps / n:>6.1%} / {bare_wps / n:>6.1%}            "
              f"{same / n:>6.1%} / {bare_same / n:>6.1%}")
    corpus = SHARED / "corpus" / "cr-unsc"
    repaired = 0
    for path in sorted(corpus.glob("*.txt")):
        try:
            resolution = tag(parse_path(str(path)))
        except Exception:  # refused files are counted by the corpus tests, not here
            continue
        for unit in resolution.paragraphs:
            for t in unit.tags or ():
                if t.read_as is not None:
                    repaired += 1
                    print(f"  corpus: {path.name} {unit.label}: {t.term!r} read as {t.read_as!r}")
    print(f"corpus: {repaired} tags read as repaired")


if __name__ == "__main__":
    main()
