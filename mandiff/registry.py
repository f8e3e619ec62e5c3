"""The corpus registry: which resolutions make up a mandate chain, when they were adopted, where they live.

The facts are data (``resolutions/registry.toml``, shipped as ``mandiff.resolutions``), loaded once.
Each entry says whether it was verified against a UN source, so a user can tell a checked date from
a reported one. The registry also lets ``2480`` stand for ``S/RES/2480 (2019)``: people type bare
numbers, and the official URL needs the year.
"""

import datetime as _dt
import functools
from typing import NamedTuple

from .errors import CitationError, InputError
from .package_data import package_toml
from .sources import browser_url
from .symbols import Symbol, parse_symbol

LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")  # the six official languages
KINDS = ("establishment", "renewal", "technical-rollover", "termination", "thematic")


class Entry(NamedTuple):
    """One resolution of a chain, as the registry records it."""

    symbol: str  # canonical: "S/RES/2480 (2019)"
    number: int
    year: int
    date: str  # ISO 8601 adoption date
    url: str  # language-neutral official link: https://undocs.org/S/RES/2480(2019)
    chain: str
    kind: str
    verified: bool
    evidence: str
    press_release: str | None = None
    meeting: int | None = None

    def to_json(self) -> dict:
        return {
            "symbol": self.symbol,
            "number": self.number,
            "year": self.year,
            "date": self.date,
            "url": self.url,
            "chain": self.chain,
            "kind": self.kind,
            "verified": self.verified,
            "press_release": self.press_release,
            "meeting": self.meeting,
            "evidence": self.evidence,
        }


class MandateChain(NamedTuple):
    """A mandate chain (a mission's resolutions in adoption order) or a thematic series (WPS)."""

    name: str
    full_name: str
    entries: tuple[Entry, ...]
    country: str | None = None
    note: str | None = None

    @property
    def symbols(self) -> tuple[str, ...]:
        return tuple(e.symbol for e in self.entries)


class Registry(NamedTuple):
    chains: tuple[MandateChain, ...]

    def chain(self, name: str) -> MandateChain:
        wanted = (name or "").strip().casefold()
        for chain in self.chains:
            if chain.name.casefold() == wanted:
                return chain
        known = ", ".join(c.name for c in self.chains)
        raise InputError(f"unknown mandate chain {name!r}; known chains: {known}")

    def find(self, symbol: str | Symbol) -> Entry | None:
        """The entry for a symbol in any typed form; a bare number matches on the number alone."""
        sym = symbol if isinstance(symbol, Symbol) else parse_symbol(symbol)
        for chain in self.chains:
            for entry in chain.entries:
                if entry.number == sym.number and (sym.year is None or sym.year == entry.year):
                    return entry
        return None


def _official_link(number: int, year: int, lang: str | None = None) -> str:
    return browser_url(Symbol(number, year), lang)


def _build_entry(raw: dict, chain_name: str, check_links: bool = True) -> Entry:
    sym = parse_symbol(raw["symbol"])
    if sym.year is None:
        raise ValueError(f"registry: {raw['symbol']} has no year")
    date = raw["date"]
    if not isinstance(date, _dt.date):
        date = _dt.date.fromisoformat(str(date))
    if date.year != sym.year:
        raise ValueError(f"registry: {raw['symbol']} dated {date} outside its year")
    url = raw["url"]
    if check_links and url != _official_link(sym.number, sym.year):
        raise ValueError(f"registry: {raw['symbol']} has link {url}, expected {_official_link(sym.number, sym.year)}")
    if raw["kind"] not in KINDS:
        raise ValueError(f"registry: {raw['symbol']} has unknown kind {raw['kind']!r}")
    return Entry(
        symbol=str(sym),
        number=sym.number,
        year=sym.year,
        date=date.isoformat(),
        url=url,
        chain=chain_name,
        kind=raw["kind"],
        verified=bool(raw["verified"]),
        evidence=raw.get("evidence", ""),
        press_release=raw.get("press_release"),
        meeting=raw.get("meeting"),
    )


def parse_registry(data: dict, check_links: bool = True) -> Registry:
    """Build a Registry from the parsed TOML, checking its invariants (a malformed registry is a bug).
    ``check_links`` False skips building each entry's official link to compare (half the cost)."""
    chains = []
    for raw_chain in data.get("chains", []):
        name = raw_chain["name"]
        entries = tuple(_build_entry(raw, name, check_links) for raw in raw_chain.get("resolutions", []))
        dates = [e.date for e in entries]
        if dates != sorted(dates):
            raise ValueError(f"registry: chain {name} is not in adoption order")
        chains.append(MandateChain(name, raw_chain["full_name"], entries, raw_chain.get("country"), raw_chain.get("note")))
    return Registry(tuple(chains))


@functools.lru_cache(maxsize=1)
def load() -> Registry:
    """The shipped registry, read once per process. Its links are not rebuilt to be checked in every
    process (1 ms of a diff that asks it an adoption date): tests/test_registry.py checks each of them."""
    return parse_registry(package_toml("mandiff.resolutions", "registry.toml"), check_links=False)


def chains() -> tuple[MandateChain, ...]:
    return load().chains


def chain(name: str) -> MandateChain:
    """A chain by name, case-insensitive: ``chain("minusma")``."""
    return load().chain(name)


def find(symbol: str | Symbol) -> Entry | None:
    """The registry entry for ``symbol`` (``2480``, ``S/RES/2480 (2019)``, ...), or None."""
    return load().find(symbol)


def complete_symbol(symbol: str | Symbol) -> Symbol:
    """The symbol with its year, taken from the registry when the user left it out."""
    sym = symbol if isinstance(symbol, Symbol) else parse_symbol(symbol)
    if sym.year is not None:
        return sym
    entry = find(sym)
    if entry is None:
        raise CitationError(f"{sym}: year unknown (not in the registry); write it with its year, e.g. S/RES/{sym.number} (YYYY)")
    return Symbol(entry.number, entry.year)


def official_url(symbol: str | Symbol, lang: str | None = "en") -> str:
    """The official document link: ``https://undocs.org/en/S/RES/2480(2019)``; ``lang=None`` for the neutral one."""
    if lang is not None and lang not in LANGUAGES:
        raise InputError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    sym = complete_symbol(symbol)
    return _official_link(sym.number, sym.year, lang)
