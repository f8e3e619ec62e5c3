"""Paragraph markers as the Council prints them: "28.", "(c)", "(iii)", "(A)", dash items, and the
roman numerals and letters they count with.

A marker such as "(i)" or "(v)" can be a letter or a roman numeral; ``readings`` lists what it can
mean and ``likely_style`` decides with the context a quoted list gives. The segmenter decides with the
sequence it is in (the next letter or the next numeral), from the same readings.

The DOCX and HTML readers write Word's and the browser's list numbers back as text with
``list_marker``. A hostile file can ask for any start value, and letters and roman numerals grow with
the value itself ("a" repeated n / 26 times, "m" n / 1000 times): ``start="10000000000"`` once cost
minutes and gigabytes. No resolution numbers a list past a few hundred, so ``list_marker`` refuses a
number past ``MAX_LIST_NUMBER``, and ``parse_list_number`` reads a number from text without ever
converting a long digit string: the work is bounded by the bound, not by the file.
"""

from __future__ import annotations

import re

from ..errors import FormatError
from ..lazy_regex import lazy

# ---- markers at the start of a block (the segmenter) and of a line (quoted excerpts) -------------------

# "28. Decides": a paragraph number and its full stop; "5.Welcomes" (no space) before a capital too.
NUMBERED = re.compile(r"^(\d{1,3})\s?\.(?:\s+|(?=[A-Z]))")
# "(c) ", "(iii)", "(A)" and the rarer "c) ": a sub-paragraph marker.
SUB = re.compile(r"^\(([a-z]{1,6}|[A-Z])\)\s*|^([a-z])\)\s+")
# "– ", "— ", "- ", "• ": a dash item.
DASH = re.compile(r"^[\u2013\u2014\-•\u2022]\s+")
DASH_MARK = "\u2013"  # how a dash item's marker is kept, whatever dash the text used

# The same markers on a line of a typed note, which may be indented and must have words after them.
LINE_NUMBERED = lazy(r"^\s*(\d{1,3})\s?\.\s+(?=\S)")
LINE_SUB = lazy(r"^\s*\(([a-z]{1,6})\)\s+(?=\S)")
LINE_DASH = lazy(r"^\s*[\u2013\u2014\-\u2022•]\s+(?=\S)")

# Letters that OCR reads for digits in paragraph numbers ("L." for 1., "Z." for 2., "S." for 5.).
DIGIT_LOOKALIKES = str.maketrans("LlIiZSsGBTO", "11112556870")
OCR_NUMBERED = re.compile(r"^([0-9LlIiZSsGBTO]{1,3})\s?([.,]?)\s+(?=[A-Z])")

# ---- roman numerals and letters -------------------------------------------------------------------------

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ROMAN_STEPS = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def to_roman(value: int) -> str:
    """12 -> 'xii' (lower case, as sub-paragraphs are numbered); '' for 0 and below. Thirteen steps
    whatever the value (the output still grows with it: ``list_marker`` bounds that)."""
    out: list[str] = []
    for amount, letters in _ROMAN_STEPS:
        if value >= amount:
            count, value = divmod(value, amount)
            out.append(letters * count)
    return "".join(out)


def from_roman(text: str) -> int | None:
    """Value of a lower-case roman numeral up to 'c' (sub-paragraphs never reach 'd' = 500), or None
    when the text is not one written the canonical way ('iiii' is not)."""
    text = text.lower()
    if not text or any(ch not in _ROMAN_VALUES for ch in text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN_VALUES[ch]
        if i + 1 < len(text) and _ROMAN_VALUES[text[i + 1]] > value:
            total -= value
        else:
            total += value
    return total if to_roman(total) == text else None


def to_letters(value: int) -> str:
    """1 -> 'a', 26 -> 'z', then 'aa', 'bb' ... 'zz', 'aaa': the letter repeated, as the Council and
    Word both count past (z)."""
    if value <= 0:
        return ""
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def from_letters(token: str) -> int | None:
    """'c' -> 3, 'bb' -> 28: the inverse of ``to_letters``; None for anything else."""
    if not token or not token.isalpha() or not token.islower() or len(set(token)) != 1:
        return None
    return (len(token) - 1) * 26 + ord(token[0]) - 96


# ---- what a sub-paragraph marker means ------------------------------------------------------------------

LETTER, ROMAN, UPPER, DASH_STYLE = "letter", "roman", "upper", "dash"


def readings(token: str) -> list[tuple[str, int]]:
    """Every way to read a sub-paragraph marker: [('roman', 1), ('letter', 9)] for "i", [('upper', 3)]
    for "C". Letters are read up to 'zz'."""
    if len(token) == 1 and token.isupper():
        return [(UPPER, ord(token) - 64)]
    out: list[tuple[str, int]] = []
    roman = from_roman(token)
    if roman is not None:
        out.append((ROMAN, roman))
    letters = from_letters(token)
    if letters is not None and len(token) <= 2:
        out.append((LETTER, letters))
    return out


def is_marker(token: str) -> bool:
    """Whether a sub-paragraph marker as someone typed it ("c", "iii", "C", "III", "bb") is one the Council
    prints: a letter (a to z, then aa to zz), a roman numeral or a capital. "zz9", "iiii" and "ab" are not."""
    return bool(token) and token.isascii() and bool(readings(token.lower()))


def path_step(style: str, value: int) -> str:
    """The label step of a sub-unit: 'c', 'iii', '-2'; an upper-case list is labelled in lower case."""
    if style == DASH_STYLE:
        return f"-{value}"
    if style == ROMAN:
        return to_roman(value)
    return to_letters(value)


def likely_style(token: str, open_styles=(), letter_before: str | None = None, letter_before_closed: bool = False) -> str:
    """Is a marker quoted out of its resolution ("(i)", "(v)", "(x)") a letter or a roman numeral?

    Longer tokens that read as roman numerals are roman; doubled letters ("bb") are letters. A lone
    "i", "v" or "x" is roman, except: "v" and "x" with no level open (a list that starts there is
    lettered); and the letter right after the previous lettered item (``letter_before``, "h" for "i")
    when that item closed with punctuation (a heading such as "(h) Electoral support" has its points
    under it, so an "(i)" after it is the first point). Citations with no context call it bare.
    """
    if token.startswith("-"):
        return DASH_STYLE
    if from_roman(token) is None or (len(token) == 2 and token[0] == token[1] and token != "ii"):
        return LETTER
    if len(token) > 1:
        return ROMAN
    if token not in "ivx":
        return LETTER  # "c", "l", "d", "m" read as roman only in theory
    if token in "vx" and ROMAN not in open_styles and LETTER not in open_styles:
        return LETTER
    if letter_before is not None and letter_before == chr(ord(token) - 1):
        return LETTER if letter_before_closed else ROMAN
    return ROMAN


# ---- list numbers that a reader writes back as text (DOCX, HTML) -----------------------------------

MAX_LIST_NUMBER = 10_000  # far past any resolution (the longest has a few hundred paragraphs)
_MAX_DIGITS = 18  # a longer digit string is over the bound whatever it says: never converted

HTML_TYPES = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}


class ListNumberError(FormatError):
    """A list number past ``MAX_LIST_NUMBER``: no resolution is numbered so (readers add the file name)."""


def parse_list_number(text, default: int | None = None) -> int | None:
    """An integer attribute (``start="3"``, ``w:val="12"``) read in time linear in its length.

    Returns ``default`` for anything that is not a whole number. A number with more digits than any
    bound is returned as ``10 ** _MAX_DIGITS`` (with its sign), enough to fail ``check_list_number``,
    without converting a long digit string (which Python does in quadratic time).
    """
    if text is None:
        return default
    text = str(text).strip()
    sign = -1 if text[:1] == "-" else 1
    digits = text[1:] if text[:1] in "+-" and text else text
    if not (digits.isascii() and digits.isdigit()):
        return default
    digits = digits.lstrip("0") or "0"
    if len(digits) > _MAX_DIGITS:
        return sign * 10 ** _MAX_DIGITS
    return sign * int(digits)


def check_list_number(value: int) -> int:
    """``value`` itself, or ``ListNumberError`` when it is past the bound (either sign)."""
    if abs(value) > MAX_LIST_NUMBER:
        shown = f"{value:,}" if abs(value) < 10 ** _MAX_DIGITS else f"of more than {_MAX_DIGITS} digits"
        raise ListNumberError(f"list number {shown} is past {MAX_LIST_NUMBER:,}: not the numbering of a resolution")
    return value


def list_marker(value: int, style: str) -> str:
    """The number of a list item in ``style`` (a ``w:numFmt`` name), without punctuation."""
    check_list_number(value)
    if style == "lowerLetter":
        return to_letters(value)
    if style == "upperLetter":
        return to_letters(value).upper()
    if style == "lowerRoman":
        return to_roman(value)
    if style == "upperRoman":
        return to_roman(value).upper()
    if style == "decimalZero":
        return f"{value:02d}"
    if style == "none":
        return ""
    return str(value)
