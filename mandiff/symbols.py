"""Document symbols, parsed and formatted in the forms people type.

``2480``, ``S/RES/2480(2019)``, ``S/RES/2480 (2019)``, ``s/res/2480`` all name S/RES/2480. (Paragraph
labels, PP3 or OP28(c)(iii), are in ``grammar.labels``.)
"""

import re
from typing import NamedTuple

from .errors import CitationError

# S/RES/2480 (2019): optional "S/RES/" prefix, the number, optional year in parentheses.
_SYMBOL = re.compile(
    r"""^\s*(?:s\s*/\s*res\s*/\s*)?      # S/RES/ in any case, spaces tolerated
         (?P<number>\d{1,5})             # resolution number
         \s*(?:\(\s*(?P<year>\d{4})\s*\)\s*)?$""",  # not "\s*(...)?\s*$": quadratic on a run of spaces
    re.IGNORECASE | re.VERBOSE,
)


class Symbol(NamedTuple):
    number: int
    year: int | None = None

    def __str__(self) -> str:
        return f"S/RES/{self.number}" + (f" ({self.year})" if self.year else "")

    @property
    def compact(self) -> str:
        """The form used in official URLs: S/RES/2480(2019)."""
        return f"S/RES/{self.number}" + (f"({self.year})" if self.year else "")


def parse_symbol(text: str) -> Symbol:
    match = _SYMBOL.match(text or "")
    if not match:
        raise CitationError(f"not a Security Council resolution symbol: {text!r}")
    year = match.group("year")
    return Symbol(int(match.group("number")), int(year) if year else None)


def looks_like_symbol(text: str) -> bool:
    return bool(_SYMBOL.match(text or ""))


def format_symbol(number: int | None, year: int | None) -> str | None:
    if number is None:
        return None
    return str(Symbol(number, year))
