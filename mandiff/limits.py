"""Bounds on the work mandiff does for one input, so that hostile files cannot exhaust the machine.

Every limit can be raised by the user (CLI options ``--max-bytes``, ``--max-pages``, ``--max-units``,
``--max-page-text``);
the error message names the option.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * 1024 * 1024  # size of one input file as read from disk
    max_pages: int = 500  # PDF pages
    max_units: int = 5000  # paragraphs and sub-paragraphs in one resolution
    max_unzipped_bytes: int = 100 * 1024 * 1024  # DOCX: total uncompressed size of the parts read
    max_zip_ratio: int = 200  # DOCX: uncompressed/compressed ratio above which a part is a zip bomb
    max_page_text: int = 50_000  # characters (and text objects) on one PDF page; a dense page has about 6,000


DEFAULT_LIMITS = Limits()
