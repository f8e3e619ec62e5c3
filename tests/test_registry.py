"""The shipped corpus registry: required chains, facts that users rely on, and the look-up functions."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources

import pytest

from mandiff import registry
from mandiff.package_data import package_toml
from mandiff.errors import CitationError, InputError

MINUSMA = [
    ("S/RES/2100 (2013)", "2013-04-25"),
    ("S/RES/2164 (2014)", "2014-06-25"),
    ("S/RES/2227 (2015)", "2015-06-29"),
    ("S/RES/2295 (2016)", "2016-06-29"),
    ("S/RES/2364 (2017)", "2017-06-29"),
    ("S/RES/2423 (2018)", "2018-06-28"),
    ("S/RES/2480 (2019)", "2019-06-28"),
    ("S/RES/2531 (2020)", "2020-06-29"),
    ("S/RES/2584 (2021)", "2021-06-29"),
    ("S/RES/2640 (2022)", "2022-06-29"),
    ("S/RES/2690 (2023)", "2023-06-30"),
]

WPS = [
    ("S/RES/1325 (2000)", "2000-10-31"),
    ("S/RES/1820 (2008)", "2008-06-19"),
    ("S/RES/1888 (2009)", "2009-09-30"),
    ("S/RES/1889 (2009)", "2009-10-05"),
    ("S/RES/1960 (2010)", "2010-12-16"),
    ("S/RES/2106 (2013)", "2013-06-24"),
    ("S/RES/2122 (2013)", "2013-10-18"),
    ("S/RES/2242 (2015)", "2015-10-13"),
    ("S/RES/2467 (2019)", "2019-04-23"),
    ("S/RES/2493 (2019)", "2019-10-29"),
]


def all_entries():
    return [entry for chain in registry.chains() for entry in chain.entries]


def test_minusma_chain_is_complete_and_dated():
    chain = registry.chain("MINUSMA")
    assert [(e.symbol, e.date) for e in chain.entries] == MINUSMA
    assert chain.entries[0].kind == "establishment"
    assert chain.entries[-1].kind == "termination"


def test_wps_resolutions_are_complete_and_dated():
    assert [(e.symbol, e.date) for e in registry.chain("wps").entries] == WPS


@pytest.mark.parametrize("name", ["MONUSCO", "UNMISS", "MINUSCA"])
def test_mission_chains_cover_2018_onwards(name):
    entries = registry.chain(name).entries
    years = [e.year for e in entries]
    assert years[0] == 2018
    assert set(range(2018, 2024)) <= set(years)  # at least one resolution each year 2018-2023


def test_known_renewals_of_other_missions():
    assert registry.chain("MONUSCO").symbols[:3] == ("S/RES/2409 (2018)", "S/RES/2463 (2019)", "S/RES/2502 (2019)")
    assert registry.chain("UNMISS").symbols[:2] == ("S/RES/2406 (2018)", "S/RES/2459 (2019)")
    assert registry.chain("MINUSCA").symbols[:2] == ("S/RES/2446 (2018)", "S/RES/2448 (2018)")
    assert registry.chain("MINUSCA").symbols[-2:] == ("S/RES/2759 (2024)", "S/RES/2800 (2025)")


def test_every_entry_is_consistent():
    seen = set()
    for entry in all_entries():
        assert entry.symbol == f"S/RES/{entry.number} ({entry.year})"
        assert entry.url == f"https://undocs.org/S/RES/{entry.number}({entry.year})"
        assert dt.date.fromisoformat(entry.date).year == entry.year
        assert entry.kind in registry.KINDS
        assert entry.evidence, f"{entry.symbol} says nothing about how it was checked"
        if entry.press_release is not None:
            assert re.fullmatch(r"SC/\d{4,5}", entry.press_release), entry.press_release
        if not entry.verified:
            assert "not confirmed" in entry.evidence.lower(), entry.symbol
        assert entry.number not in seen, f"{entry.symbol} listed twice"
        seen.add(entry.number)


def test_the_shipped_registry_passes_every_check_load_skips():
    shipped = registry.parse_registry(package_toml("mandiff.resolutions", "registry.toml"), check_links=True)
    assert shipped == registry.load()


def test_chains_are_in_adoption_order():
    for chain in registry.chains():
        dates = [e.date for e in chain.entries]
        assert dates == sorted(dates), chain.name


def test_unverified_entries_are_marked():
    unverified = {e.symbol for e in all_entries() if not e.verified}
    # The entries we could not confirm on a UN page; a change here must be a deliberate re-check.
    assert unverified == {
        "S/RES/2227 (2015)", "S/RES/2584 (2021)", "S/RES/2808 (2025)", "S/RES/2726 (2024)", "S/RES/2800 (2025)",
    }


def test_chain_lookup_is_case_insensitive():
    assert registry.chain("minusma") is registry.chain("MINUSMA")
    assert registry.chain(" Monusco ").name == "MONUSCO"
    with pytest.raises(InputError) as info:
        registry.chain("UNAMID")
    assert str(info.value) == "unknown mandate chain 'UNAMID'; known chains: MINUSMA, MONUSCO, UNMISS, MINUSCA, WPS"


@pytest.mark.parametrize("typed", ["2480", "S/RES/2480(2019)", "S/RES/2480 (2019)", "s/res/2480", " S / RES / 2480 "])
def test_find_accepts_every_typed_form(typed):
    entry = registry.find(typed)
    assert (entry.symbol, entry.chain, entry.date) == ("S/RES/2480 (2019)", "MINUSMA", "2019-06-28")


def test_find_unknown_or_wrong_year():
    assert registry.find("798") is None
    assert registry.find("S/RES/2480 (2018)") is None


def test_official_url():
    assert registry.official_url("2480") == "https://undocs.org/en/S/RES/2480(2019)"
    assert registry.official_url("s/res/1325", lang="fr") == "https://undocs.org/fr/S/RES/1325(2000)"
    assert registry.official_url("S/RES/798 (1992)", lang=None) == "https://undocs.org/S/RES/798(1992)"
    with pytest.raises(CitationError, match="year unknown"):
        registry.official_url("798")
    with pytest.raises(InputError, match="unknown language"):
        registry.official_url("2480", lang="de")


def test_registry_is_package_data_loaded_once():
    text = resources.files("mandiff.resolutions").joinpath("registry.toml").read_text(encoding="utf-8")
    assert "[[chains]]" in text
    assert registry.load() is registry.load()


def _raw(symbol, date, url=None, kind="renewal"):
    number, year = re.match(r"S/RES/(\d+) \((\d+)\)", symbol).groups()
    return {"symbol": symbol, "date": dt.date.fromisoformat(date), "kind": kind, "verified": True, "evidence": "test",
            "url": url or f"https://undocs.org/S/RES/{number}({year})"}


def test_parse_registry_rejects_bad_data():
    good = {"chains": [{"name": "TEST", "full_name": "Test chain", "resolutions": [_raw("S/RES/1 (1946)", "1946-01-25")]}]}
    assert registry.parse_registry(good).chain("test").symbols == ("S/RES/1 (1946)",)
    out_of_order = {"chains": [{"name": "T", "full_name": "T", "resolutions": [
        _raw("S/RES/2 (1946)", "1946-02-25"), _raw("S/RES/1 (1946)", "1946-01-25")]}]}
    with pytest.raises(ValueError, match="adoption order"):
        registry.parse_registry(out_of_order)
    wrong_link = {"chains": [{"name": "T", "full_name": "T", "resolutions": [
        _raw("S/RES/1 (1946)", "1946-01-25", url="https://example.org/1")]}]}
    with pytest.raises(ValueError, match="expected https://undocs.org/S/RES/1\\(1946\\)"):
        registry.parse_registry(wrong_link)
    wrong_year = {"chains": [{"name": "T", "full_name": "T", "resolutions": [_raw("S/RES/1 (1946)", "1947-01-25")]}]}
    with pytest.raises(ValueError, match="outside its year"):
        registry.parse_registry(wrong_year)
