"""The README's vocabulary tables are what ``mandiff/vocabulary.py`` says, so they never drift.

The tables between the README's ``<!-- vocabulary -->`` markers are generated from the enums (id,
label, symbol, meaning); after a change to the vocabulary, rewrite them with

    .venv/bin/python tests/test_readme_vocabulary.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from mandiff.vocabulary import Relation, Verdict  # noqa: E402

README = PROJECT / "README.md"
START = "<!-- vocabulary: generated from mandiff/vocabulary.py by tests/test_readme_vocabulary.py -->"
END = "<!-- /vocabulary -->"


def _table(terms) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    rows = ["| id | label | symbol | meaning |", "| --- | --- | --- | --- |"]
    rows += [f"| `{t.id}` | {cell(t.label)} | {t.symbol} | {cell(t.meaning)} |" for t in terms]
    return "\n".join(rows)


def vocabulary_section() -> str:
    return "\n".join([
        START,
        "What became of a paragraph's words (`wps` in diff JSON, `status` in check JSON and in chain steps):",
        "",
        _table(Verdict),
        "",
        "Where a paragraph went (`relation` in diff JSON and in chain steps; a paragraph with no counterpart is",
        "listed under `dropped` or `added` instead):",
        "",
        _table(Relation),
        END,
    ])


def _current() -> str:
    text = README.read_text("utf-8")
    m = re.search(re.escape(START) + r".*?" + re.escape(END), text, re.DOTALL)
    assert m, f"the README has no section between {START!r} and {END!r}"
    return m.group(0)


def test_the_readme_vocabulary_is_what_the_enums_say():
    assert _current() == vocabulary_section()


def test_every_status_and_relation_is_in_the_readme_once():
    section = _current()
    for term in list(Verdict) + list(Relation):
        assert f"| `{term.id}` | {term.label} |" in section
    assert section.count("| `") == len(Verdict) + len(Relation)


if __name__ == "__main__":
    text = README.read_text("utf-8")
    new = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _m: vocabulary_section(), text, flags=re.DOTALL)
    README.write_text(new, "utf-8")
    print("README vocabulary tables rewritten" if new != text else "README vocabulary tables already up to date")
