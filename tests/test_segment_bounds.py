"""Issue 18, the segmenter's share: the unit limit is met while segmenting (not after building every unit),
and a unit that grows by many appended blocks is built in linear time (its text is collected as pieces and
joined once, never rebuilt by string concatenation at each block)."""

from __future__ import annotations

import pytest

from mandiff import units as units_module
from mandiff.errors import LimitError
from mandiff.segment import segment

HEAD = "RESOLUTION 9000 (2030)\n\nThe Security Council,\n\n"


def test_the_unit_limit_stops_the_segmenter_at_the_bound(monkeypatch):
    made = []
    original = units_module.UnitBuilder._add

    def counting(self, unit):
        made.append(unit.label)
        return original(self, unit)

    monkeypatch.setattr(units_module.UnitBuilder, "_add", counting)
    text = HEAD + "Decides to act.\n\n" * 30_000
    with pytest.raises(LimitError, match=r"more than 50 units, over the limit \(raise it with --max-units\)"):
        segment(text, source="many.txt", max_units=50)
    assert len(made) == 51  # the 51st is refused: no work is done past the bound


def test_a_unit_that_grows_by_many_blocks_keeps_them_as_pieces():
    from mandiff.normalize import hyphen_vocabulary
    from mandiff.segment import _BodyReader, _misread_numbers, _split_blocks

    blocks = 20_000
    text = HEAD + "1. Decides that:\n\n" + "".join(f"and item {k} of the list;\n\n" for k in range(blocks))
    body = _split_blocks(text.split("\n")[4:], hyphen_vocabulary(text))
    reader = _BodyReader(_misread_numbers(body))
    for block in body:
        reader.read(block)
    unit = reader.units.units[-1]
    assert unit.label == "OP1" and len(unit.pieces) == blocks + 1  # one piece per block: O(1) per append
    joined = []

    def counting(pieces):
        joined.append(len(pieces))
        return units_module.join_pieces(pieces)

    paragraphs = reader.units.paragraphs(counting)
    assert joined == [blocks + 1]  # the text is joined once, at the end
    assert paragraphs[0].text.startswith("Decides that: and item 0 of the list; and item 1")
    assert paragraphs[0].text.endswith(f"and item {blocks - 1} of the list;")


def test_a_text_of_more_lines_than_its_units_could_print_is_refused_before_any_work(monkeypatch):
    """Issue 18: 1.9 MB of short blank-line blocks took 45 s (then, linear, still 3 s a MB). A resolution of
    N units prints far fewer than 20 N lines of text; a file with more is refused before it is normalized
    or segmented (the normalizer is not even called), and blank lines do not count."""
    from mandiff import pipeline
    from mandiff.limits import Limits

    calls = []
    monkeypatch.setattr(pipeline, "normalize", lambda text: calls.append(1) or text)
    limits = Limits(max_units=100)
    text = HEAD + "1. Decides to act;\n\n" + "word\n\n" * 2_000
    with pytest.raises(LimitError, match=r"2,00\d lines of text, over the limit of 2,000 for 100 units \(raise it with --max-units\)"):
        pipeline.parse_bytes(text.encode(), "blocks.txt", limits)
    assert calls == []
    blank = HEAD + "1. Decides to act;\n" + "\n" * 50_000  # many blank lines: not text, not refused
    assert pipeline.parse_bytes(blank.encode(), "blank.txt", limits).labels == ("OP1",)
