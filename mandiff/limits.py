"""Bounds on the work mandiff does for one input, so that hostile files cannot exhaust the machine, and
the one choice a reader takes from the user about how to read it (a draft's tracked changes).

Every limit can be raised by the user (CLI options ``--max-bytes``, ``--max-pages``, ``--max-units``,
``--max-page-text``);
the error message names the option.
"""

from typing import NamedTuple


class Limits(NamedTuple):
    max_bytes: int = 20 * 1024 * 1024  # size of one input file as read from disk
    max_pages: int = 500  # PDF pages
    max_units: int = 5000  # paragraphs and sub-paragraphs in one resolution
    max_unzipped_bytes: int = 100 * 1024 * 1024  # DOCX: total uncompressed size of the parts read
    max_zip_ratio: int = 200  # DOCX: uncompressed/compressed ratio above which a part is a zip bomb
    max_page_text: int = 50_000  # characters (and text objects) on one PDF page; a dense page has about 6,000
    revisions: str = "accept"  # DOCX: read tracked changes as accepted, or "reject": as before them


def check_lines(text: str, limits: Limits, source: str | None) -> None:
    """Refuse a text of more lines with words than a resolution of ``max_units`` units could print (20 a
    unit: the longest corpus text has 824 lines for 40 units). Counted before any work, so that a file of
    a million short lines is refused at once instead of being read, joined and segmented line by line;
    blank lines cost next to nothing and do not count."""
    from .errors import LimitError

    bound = limits.max_units * 20
    if text.count("\n") <= bound:
        return
    lines = sum(1 for line in text.split("\n") if line.strip())
    if lines > bound:
        raise LimitError(f"{lines:,} lines of text, over the limit of {bound:,} for {limits.max_units:,} units "
                         "(raise it with --max-units)", source=source)


DEFAULT_LIMITS = Limits()
