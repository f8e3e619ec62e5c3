"""What every report page shares: the facts of a resolution as a reader wants them, the scorecard tile,
and the small word helpers the templates call. A status's label and symbol come from ``vocabulary``.
"""

import os
from datetime import datetime, timezone
from typing import NamedTuple

from ..grammar.dates import MONTHS_EN, human_date, ordinal  # noqa: F401  (templates call ordinal)
from ..grammar.labels import pretty  # noqa: F401  (templates call pretty)
from ..sources import browser_url
from ..symbols import Symbol
from ..vocabulary import Relation, Verdict, category_name  # noqa: F401  (templates call category_name)

class ResolutionFacts(NamedTuple):
    """The header facts of one resolution as a reader wants them."""

    role: str  # "old" or "new"
    symbol: str | None
    name: str  # the symbol, else the file name, else "old text" / "new text"
    date: str | None  # "30 June 2031"
    meeting: int | None
    url: str | None
    wps_units: int


class Tile(NamedTuple):
    """One number of a scorecard and where it comes from in the JSON summary ("wps.weakened")."""

    key: str
    value: int
    label: str
    symbol: str = ""
    cls: str = ""  # the class it counts, for its colour


def official_url(number: int | None, year: int | None) -> str | None:
    """https://undocs.org/S/RES/2480(2019), or None without a number and a year."""
    if number is None or year is None:
        return None
    return browser_url(Symbol(number, year))


def resolution_facts(resolution, role: str) -> ResolutionFacts:
    source = resolution.source
    if source and source != "-":
        source = source.replace("\\", "/").rsplit("/", 1)[-1]
    else:
        source = None
    return ResolutionFacts(
        role=role,
        symbol=resolution.symbol,
        name=resolution.symbol or source or f"{role} text",
        date=human_date(resolution.date),
        meeting=resolution.meeting,
        url=official_url(resolution.number, resolution.year),
        wps_units=sum(1 for p in resolution.paragraphs if p.is_wps),
    )


def made_time() -> datetime:
    """When the report is made: from ``SOURCE_DATE_EPOCH`` when it is set (reproducible builds, tests),
    else the clock, to the second."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else datetime.now(timezone.utc)
    return when.replace(microsecond=0)


def made_at() -> str:
    """When the report was made, "1 December 2026, 20:13 UTC" (``made_time``). JSON never carries it."""
    when = made_time()
    return f"{when.day} {MONTHS_EN[when.month - 1]} {when.year}, {when:%H:%M} UTC"


def made_at_iso() -> str:
    """The same moment as ``made_at`` in ISO 8601, "2026-12-01T20:13:00Z": a Word revision's date."""
    return f"{made_time():%Y-%m-%dT%H:%M:%SZ}"


def named(facts: ResolutionFacts) -> str:
    """"S/RES/9901 (2031), adopted 30 June 2031": a resolution as a text report names it."""
    return facts.name + (f", adopted {facts.date}" if facts.date else "")


def markdown_head(warnings, escape) -> list[str]:
    """The lines under a Markdown report's title: when it was made, then its warnings as quotes."""
    from .._version import __version__

    lines = [f"*Made by mandiff {__version__} on {made_at()}.*", ""]
    for w in warnings:
        lines += [f"> **Warning:** {escape(w.message)}", ""]
    return lines


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def wps_name(cls: str | None) -> str:
    member = Verdict.get(cls)
    return member.label if member else (cls or "")


def wps_symbol(cls: str | None) -> str:
    member = Verdict.get(cls)
    return member.symbol if member else ""


def wps_phrase(cls: str | None) -> str:
    """"WPS weakened", "WPS language removed": a verdict said of WPS language."""
    member = Verdict.get(cls)
    return member.wps_phrase if member else (cls or "")


def relation_name(relation: str) -> str:
    member = Relation.get(relation)
    return member.label if member else relation


def relation_symbol(relation: str) -> str:
    member = Relation.get(relation)
    return member.symbol if member else ""
