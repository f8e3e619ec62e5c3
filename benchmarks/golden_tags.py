"""Write the golden file of every WPS tag the tagger puts on the real corpus (no document text in it).

    .venv/bin/python benchmarks/golden_tags.py > tests/data/corpus_tags.tsv

One line per tag: file name, unit label, category, start, end (offsets into the unit's text), in
document order; a file mandiff refuses has one line with the label ``!refused`` and the error's class. ``tests/test_tag_golden.py`` compares the tagger of the day with this file, so that a
faster or rewritten tagger is proved to tag exactly as the one the file was made with. Regenerate it
only for a listed, justified change of tagging, and say which lines changed and why in the commit.
"""

from __future__ import annotations

import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT.parent / "shared" / "corpus" / "cr-unsc"
# The corpus (1946-2002) has little gender language, so the 2480 fixture and our fictional examples,
# which are dense with it, are part of the golden file too.
EXTRA = [PROJECT.parent / "shared" / "fixtures" / "S-RES-2480-2019-wps-excerpts.txt",
         *sorted((PROJECT / "resolutions" / "examples").glob("*.txt"))]


def golden_lines(corpus: Path = CORPUS, extra=tuple(EXTRA)):
    """(file, label, category, start, end) of every tag of every corpus file (and of ``extra``), as
    tab-separated lines."""
    from mandiff.errors import MandiffError
    from mandiff.pipeline import parse_path
    from mandiff.tag import tag

    for path in [*sorted(corpus.glob("*.txt")), *extra]:
        try:
            resolution = tag(parse_path(str(path)))
        except MandiffError as exc:  # refused today: recorded, so that a change of refusals shows too
            yield f"{path.name}\t!refused\t{type(exc).__name__}\t0\t0"
            continue
        for unit in resolution.paragraphs:
            for t in unit.tags or ():
                yield f"{path.name}\t{unit.label}\t{t.category}\t{t.start}\t{t.end}"


def main() -> None:
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found at {CORPUS}")
    out = sys.stdout
    out.write("# file\tlabel\tcategory\tstart\tend  (benchmarks/golden_tags.py)\n")
    for line in golden_lines():
        out.write(line + "\n")


if __name__ == "__main__":
    main()
