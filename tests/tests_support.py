"""Helpers shared by tests (not fixtures)."""

from __future__ import annotations

from mandiff.errors import StructureError
from mandiff.pipeline import parse_path


def parse_or_none(path):
    """Parse a corpus file; None for the one whose source text has no operative part (S/RES/565)."""
    try:
        return parse_path(str(path))
    except StructureError:
        return None
