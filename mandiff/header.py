"""The facts a resolution states about itself before its body: symbol, number, year, adoption date,
meeting, title and language, and where the body begins.

They come from the title block ("Resolution 2480 (2019) / Adopted by the Security Council at its 8575th
meeting, on 28 June 2019"), from what a reader saw in the page furniture (``hints``: a PDF's running
header, a DOCX's properties), and in older texts from the adoption line after the body.
"""

import re
from typing import NamedTuple

from .grammar.dates import parse_date
from .grammar.structure import ADOPTED_BY_COUNCIL, COUNCIL, PART
from .lazy_regex import lazy
from .symbols import format_symbol

_SYMBOL_IN_HEADER = re.compile(r"S/RES/(\d{1,5})\s*\((\d{4})\)")
# "^[^\S\n]*", not "^\s*": under MULTILINE a leading \s* runs on over blank lines from every line start,
# quadratic on a header of many empty lines. "\s*(?:\.\s*)?" below reads as "\s*\.?\s*" did, in linear time.
_RESOLUTION_NUMBER = lazy(r"^[^\S\n]*(?:RESOLUTION|Resolution|Résolution)\s+(\d{1,5})\s*\((\d{4})\)", re.MULTILINE)
_BARE_NUMBER = lazy(r"^[^\S\n]*(?:RESOLUTION|Resolution|Résolution)\s+(\d{1,5})\b", re.MULTILINE)
_OLD_NUMBER = lazy(r"^[^\S\n]*(\d{1,5})\s*\((\d{4})\)\s*(?:\.\s*)?Resolution", re.MULTILINE)
_MEETING = re.compile(r"(?:at its|at the|à sa)\s+(\d{1,5})\s*(?:st|nd|rd|th|e|ème)?[_\s]*(?:meeting|séance)", re.IGNORECASE)
_HEADER_LINE = lazy(
    r"^\s*(?:$|United Nations|Security Council|Conseil de sécurité|Distr\.|S/RES/|RESOLUTION|Resolution|Résolution"
    r"|of \d|on \d|\[|\(S/|\d{1,5}\s*\(\d{4}\)|Adopted by|Adoptée par|[A-Z][A-Z ,.'-]+$|\d{1,2} \w+ \d{4}\s*$)"
)


class Header(NamedTuple):
    symbol: str | None
    number: int | None
    year: int | None
    date: str | None
    meeting: int | None
    title: str | None


def read_header(head: str, tail: str, hints: dict) -> Header:
    """The header facts from the text before the body (``head``), the adoption line after an older
    body (``tail``) and a reader's ``hints``."""
    number, year = _number_and_year(head, hints)
    date = hints.get("date") or parse_date(head)
    if number is not None and date and year != int(date[:4]):
        year = int(date[:4])  # the year of adoption; a printed "(1973)" on a 1978 text is an OCR slip
    m = _MEETING.search(head) or _MEETING.search(tail)
    meeting = int(m.group(1)) if m else None
    return Header(format_symbol(number, year), number, year, date, meeting, _title(head))


def _number_and_year(head: str, hints: dict) -> tuple[int | None, int | None]:
    for pattern in (_SYMBOL_IN_HEADER, _RESOLUTION_NUMBER, _OLD_NUMBER):
        m = pattern.search(head)
        if m:
            return int(m.group(1)), int(m.group(2))
    if hints.get("symbol"):
        m = re.search(r"(\d{1,5})\s*\((\d{4})\)", str(hints["symbol"]))
        if m:
            return int(m.group(1)), int(m.group(2))
    m = _BARE_NUMBER.search(head)  # "Resolution 290" or an OCR-damaged year "(197-4)"
    return (int(m.group(1)), None) if m else (None, None)


def _title(head: str) -> str | None:
    """The first line in capitals that is not the masthead ("THE SITUATION IN MALI")."""
    title = None
    for line in head.split("\n"):
        s = line.strip()
        if re.fullmatch(r"[A-Z][A-Z ,'’-]{3,}", s) and not _RESOLUTION_NUMBER.match(s) and s not in ("UNITED NATIONS", "SECURITY COUNCIL"):
            title = s.title() if title is None else title
    return title


def detect_language(text: str) -> str:
    """"fr" when the text has more French function words than English ones, else "en"."""
    sample = text[:20000].lower()
    fr = len(re.findall(r"\b(?:le|la|les|des|du|et|conseil|sécurité|décide|prie)\b", sample))
    en = len(re.findall(r"\b(?:the|and|of|council|security|decides|requests)\b", sample))
    return "fr" if fr > en else "en"


def body_start(lines: list[str]) -> int:
    """Index of the first body line: after "The Security Council," or after the title block."""
    for i, line in enumerate(lines):
        if COUNCIL.match(line):
            j = i - 1
            while j >= 0 and not lines[j].strip():
                j -= 1
            return j if j >= 0 and PART.match(lines[j]) else i  # "A" above the first preamble
    # no "The Security Council,": skip the title block (symbol, number, date, adoption lines)
    i = 0
    while i < len(lines) and _HEADER_LINE.match(lines[i]):
        if ADOPTED_BY_COUNCIL.match(lines[i]):
            # the adoption sentence may wrap onto the next line ("on 18 December 1992")
            i += 1
            while i < len(lines) and lines[i].strip() and not lines[i].rstrip().endswith(","):
                if re.search(r"\d{4}\s*$", lines[i - 1]):
                    break
                i += 1
            continue
        i += 1
    return i
