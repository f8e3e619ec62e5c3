"""Properties that must hold for any text, checked by hypothesis on random edits of real resolutions.

The edits are the ones renewals and drafts make (a paragraph dropped, added, moved, split or merged,
words changed, a verb weakened) plus the damage that copying does (stray characters, lost blank
lines). The real corpus is read in place and never copied; the tests skip when it is absent.

CI runs a few dozen examples per property; a long run uses the "fuzz" profile:
    HYPOTHESIS_PROFILE=fuzz .venv/bin/python -m pytest tests/test_properties.py
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from mandiff.compare import compare
from mandiff.diff import apply_edits
from mandiff.errors import MandiffError
from mandiff.vocabulary import PAIR_RELATIONS as RELATIONS
from mandiff.pipeline import parse_text

settings.register_profile("fuzz", max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
# Applied to the tests of this module only (loading a profile would change hypothesis for every module).
RUN = (
    settings(settings.get_profile(os.environ["HYPOTHESIS_PROFILE"]))
    if os.environ.get("HYPOTHESIS_PROFILE")
    else settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
)


@lru_cache(maxsize=None)
def corpus_names() -> tuple[str, ...]:
    return tuple(sorted(p.name for p in CORPUS.glob("S_RES_*_EN_GOLD.txt"))) if CORPUS.is_dir() else ()


pytestmark = pytest.mark.skipif(
    not corpus_names(), reason=f"real corpus not found at {CORPUS} (it lives in ../shared beside the project)"
)


@lru_cache(maxsize=None)
def corpus_text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


@lru_cache(maxsize=64)
def corpus_resolution(name: str):
    try:
        return parse_text(corpus_text(name), name)
    except MandiffError:
        return None


# ---- edits -----------------------------------------------------------------------------------------

VERBS = ("Decides", "Demands", "Requests", "Urges", "Calls upon", "Encourages", "Invites", "Welcomes", "Notes")
NOISE = ("\u2014", "-", "\u00ad", "\f", "  ", "\t", ";", ",", ".", "(a)", "(ii)", "\u2013 ", "1.", "l.", "``", "\u201c", "\n", "A\n", "Annex\n")


def _blocks(text: str) -> list[str]:
    return [b for b in re.split(r"\n\s*\n", text) if b.strip()]


@st.composite
def edited_text(draw, noise: bool = False):
    """(name, original text, edited text): a corpus resolution after a few random block-level and word-level edits."""
    name = draw(st.sampled_from(corpus_names()))
    blocks = _blocks(corpus_text(name))
    assume(len(blocks) >= 3)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(("drop", "duplicate", "move", "split", "merge", "words", "verb") + (("noise",) if noise else ())))
        i = draw(st.integers(0, len(blocks) - 1))
        block = blocks[i]
        if op == "drop" and len(blocks) > 2:
            del blocks[i]
        elif op == "duplicate":
            blocks.insert(draw(st.integers(0, len(blocks))), block)
        elif op == "move":
            blocks.insert(draw(st.integers(0, len(blocks) - 1)), blocks.pop(i))
        elif op == "split":
            words = block.split(" ")
            if len(words) > 4:
                cut = draw(st.integers(1, len(words) - 1))
                blocks[i : i + 1] = [" ".join(words[:cut]), " ".join(words[cut:])]
        elif op == "merge" and i + 1 < len(blocks):
            blocks[i : i + 2] = [blocks[i] + " " + blocks[i + 1]]
        elif op == "words":
            words = block.split(" ")
            other = _blocks(corpus_text(draw(st.sampled_from(corpus_names())))) or ["word"]
            donor = draw(st.sampled_from(other)).split(" ")
            for _ in range(draw(st.integers(1, 5))):
                k = draw(st.integers(0, len(words)))
                action = draw(st.sampled_from(("insert", "delete", "replace")))
                if action == "insert" or not words:
                    words.insert(k, draw(st.sampled_from(donor)))
                elif action == "delete":
                    del words[min(k, len(words) - 1)]
                else:
                    words[min(k, len(words) - 1)] = draw(st.sampled_from(donor))
            blocks[i] = " ".join(words)
        elif op == "verb":
            old, new = draw(st.sampled_from(VERBS)), draw(st.sampled_from(VERBS))
            blocks[i] = block.replace(old, new, 1)
        elif op == "noise":
            k = draw(st.integers(0, len(block)))
            blocks[i] = block[:k] + draw(st.sampled_from(NOISE)) + block[k:]
    separator = draw(st.sampled_from(("\n\n", "\n\n", "\n"))) if noise else "\n\n"
    return name, corpus_text(name), separator.join(blocks) + "\n"


def parse_or_none(text: str, name: str):
    """The resolution, or None for a text that is not one; anything but a MandiffError is a bug."""
    try:
        return parse_text(text, name)
    except MandiffError as exc:
        assert "\n" not in str(exc), f"an error message must be one line: {exc!r}"
        return None


def assert_well_formed(resolution) -> None:
    labels = resolution.labels
    assert len(set(labels)) == len(labels), [l for l in labels if labels.count(l) > 1]
    seen: set[str] = set()
    for p in resolution.paragraphs:
        assert p.parent is None or p.parent in seen, f"{p.label}: parent {p.parent} does not come before it"
        seen.add(p.label)


# ---- the properties ------------------------------------------------------------------------------


@RUN
@given(edited_text(noise=True))
def test_the_segmenter_raises_nothing_but_mandiff_errors_and_gives_well_formed_units(case):
    name, _original, text = case
    resolution = parse_or_none(text, name)
    if resolution is not None:
        assert_well_formed(resolution)


@RUN
@given(st.sampled_from(corpus_names() or ("none",)))
def test_a_resolution_compared_with_itself_is_all_identical(name):
    resolution = corpus_resolution(name)
    assume(resolution is not None)
    comparison = compare(resolution, resolution)
    assert comparison.dropped == () and comparison.added == ()
    assert [(p.old, p.new, p.relation) for p in comparison.pairs] == [(l, l, "identical") for l in resolution.labels]
    assert all(p.wps in (None, "retained") for p in comparison.pairs)


@RUN
@given(edited_text())
def test_every_unit_is_paired_or_dropped_and_paired_or_added_and_the_edits_rebuild_both_texts(case):
    name, original, text = case
    old = corpus_resolution(name)
    new = parse_or_none(text, name + " (edited)")
    assume(old is not None and new is not None)
    comparison = compare(old, new)

    paired_old = {p.old for p in comparison.pairs}
    dropped = [d.old for d in comparison.dropped]
    assert len(dropped) == len(set(dropped))
    assert not paired_old & set(dropped)
    assert paired_old | set(dropped) == set(old.labels)

    paired_new = {p.new for p in comparison.pairs}
    added = [a.new for a in comparison.added]
    assert len(added) == len(set(added))
    assert not paired_new & set(added)
    assert paired_new | set(added) == set(new.labels)

    links = [(p.old, p.new) for p in comparison.pairs]
    assert len(links) == len(set(links))
    for pair in comparison.pairs:
        assert pair.relation in RELATIONS
        shares_old = sum(1 for p in comparison.pairs if p.old == pair.old) > 1
        shares_new = sum(1 for p in comparison.pairs if p.new == pair.new) > 1
        if shares_old or shares_new:  # one unit in several pairs: only a split or a merge does that
            assert pair.relation in ("split", "merged"), pair
        assert apply_edits(pair.edits, "old") == old.get(pair.old).text
        assert apply_edits(pair.edits, "new") == new.get(pair.new).text
        assert all(e.op in "=-+" and e.text for e in pair.edits)
