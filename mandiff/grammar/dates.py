"""Dates as resolutions print them: "30 June 2031", "le 27 juin 2019", "at its 8575th meeting".

Month names in English and French are kept here once; ``parse_date`` reads the first adoption date of a
header into ISO form and ``human_date`` prints one back the UN's way, without the locale, so that output
never depends on the machine.
"""

from __future__ import annotations

import re

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
             "octobre", "novembre", "décembre")
# lower-case month name (either language) -> month number
MONTH_NUMBER = {name.lower(): i % 12 + 1 for i, name in enumerate(MONTHS_EN + MONTHS_FR)}
MONTH_ALTERNATION = "|".join(MONTHS_EN + MONTHS_FR)

_DATE = re.compile(r"\b(\d{1,2})(?:er)?\s+([A-Za-zéû]+)\s+(\d{4})\b")


def parse_date(text: str) -> str | None:
    """The first plausible date in ``text`` as ISO 8601: "on 27 June 2019" -> "2019-06-27"."""
    for m in _DATE.finditer(text):
        day, month, year = int(m.group(1)), m.group(2).lower(), int(m.group(3))
        num = MONTH_NUMBER.get(month)
        if num and 1 <= day <= 31 and 1945 <= year <= 2100:
            return f"{year:04d}-{num:02d}-{day:02d}"
    return None


def iso_date(day: int, month_name: str, year: int) -> str | None:
    """"2019-06-27" from a day, a month name in English or French and a year; None for no month."""
    num = MONTH_NUMBER.get(month_name.lower())
    return f"{year:04d}-{num:02d}-{day:02d}" if num else None


def human_date(iso: str | None) -> str | None:
    """'2031-06-30' -> '30 June 2031' (UN style)."""
    if not iso:
        return None
    try:
        year, month, day = (int(x) for x in iso.split("-"))
        return f"{day} {MONTHS_EN[month - 1]} {year}"
    except (ValueError, IndexError):
        return iso


def ordinal(n: int) -> str:
    """9870 -> '9870th', 9921 -> '9921st' (English, as the resolutions' headers write meetings)."""
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
