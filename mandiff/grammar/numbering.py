"""Paragraph markers as the Council prints them: "28.", "(c)", "(iii)", "(A)", dash items, and the
roman numerals and letters they count with.

A marker such as "(i)" or "(v)" can be a letter or a roman numeral; ``readings`` lists what it can
mean and ``likely_style`` decides with the context a quoted list gives. The segmenter decides with the
sequence it is in (the next letter or the next numeral), from the same readings.
"""

from __future__ import annotations

import re

# ---- markers at the start of a block (the segmenter) and of a line (quoted excerpts) -------------------

# "28. Decides": a paragraph number and its full stop; "5.Welcomes" (no space) before a capital too.
NUMBERED = re.compile(r"^(\d{1,3})\s?\.(?:\s+|(?=[A-Z]))")
# "(c) ", "(iii)", "(A)" and the rarer "c) ": a sub-paragraph marker.
SUB = re.compile(r"^\(([a-z]{1,6}|[A-Z])\)\s*|^([a-z])\)\s+")
# "– ", "— ", "- ", "• ": a dash item.
DASH = re.compile(r"^[\u2013\u2014\-•\u2022]\s+")
DASH_MARK = "\u2013"  # how a dash item's marker is kept, whatever dash the text used

# The same markers on a line of a typed note, which may be indented and must have words after them.
LINE_NUMBERED = re.compile(r"^\s*(\d{1,3})\s?\.\s+(?=\S)")
LINE_SUB = re.compile(r"^\s*\(([a-z]{1,6})\)\s+(?=\S)")
LINE_DASH = re.compile(r"^\s*[\u2013\u2014\-\u2022•]\s+(?=\S)")

# Letters that OCR reads for digits in paragraph numbers ("L." for 1., "Z." for 2., "S." for 5.).
DIGIT_LOOKALIKES = str.maketrans("LlIiZSsGBTO", "11112556870")
OCR_NUMBERED = re.compile(r"^([0-9LlIiZSsGBTO]{1,3})\s?([.,]?)\s+(?=[A-Z])")

# ---- roman numerals and letters -------------------------------------------------------------------------

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ROMAN_STEPS = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def to_roman(value: int) -> str:
    """12 -> 'xii' (lower case, as sub-paragraphs are numbered)."""
    out = ""
    for amount, letters in _ROMAN_STEPS:
        while value >= amount:
            out += letters
            value -= amount
    return out


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
