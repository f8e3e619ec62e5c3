"""Segmentation cases kept as data: each file of tests/data/segment/ is a fictional text and the units
(label, kind, parent, text) and header facts the segmenter must give for it (the file format is in that
folder's README). Run this file directly with a case name to print what the segmenter gives today."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "data" / "segment"
UNITS, HEADER = "=== units ===", "=== header ==="


def _parse_case(path: Path) -> tuple[str, dict, list[tuple[str, str, str, str]]]:
    text = path.read_text(encoding="utf-8")
    body, _, rest = text.partition("\n=== ")
    rest = "=== " + rest
    header: dict[str, str] = {}
    units: list[tuple[str, str, str, str]] = []
    section = None
    for line in rest.split("\n"):
        if line in (UNITS, HEADER):
            section = line
        elif line and section == HEADER:
            key, _, value = line.partition(": ")
            header[key] = value
        elif line and section == UNITS:
            label, kind, parent, unit_text = line.split("\t", 3)
            units.append((label, kind, parent, unit_text))
    return body + "\n", header, units


def _segment(text: str):
    from mandiff.pipeline import parse_text

    return parse_text(text)


def _rows(resolution) -> list[tuple[str, str, str, str]]:
    return [(p.label, p.kind, p.parent or "-", p.text) for p in resolution.paragraphs]


@pytest.mark.parametrize("path", sorted(CASES.glob("*.txt")), ids=lambda p: p.stem)
def test_segmentation_case(path):
    text, header, expected = _parse_case(path)
    resolution = _segment(text)
    assert _rows(resolution) == expected
    for key, value in header.items():
        assert str(getattr(resolution, key)) == value, key


def test_there_are_cases():
    assert len(list(CASES.glob("*.txt"))) >= 6


if __name__ == "__main__":  # print what the segmenter gives today, in the file format
    for name in sys.argv[1:]:
        text, _, _ = _parse_case(CASES / name)
        resolution = _segment(text)
        print(HEADER)
        for key in ("symbol", "date", "meeting", "language"):
            print(f"{key}: {getattr(resolution, key)}")
        print(UNITS)
        for row in _rows(resolution):
            print("\t".join(row))
