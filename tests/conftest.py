"""Shared test fixtures: where the real corpus and the 2480 fixture live (read in place, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
CORPUS = SHARED / "corpus" / "cr-unsc"
FIXTURE_2480 = SHARED / "fixtures" / "S-RES-2480-2019-wps-excerpts.txt"
SEED_NOTE = SHARED / "seed" / "000_a9b46820cb5dbcd4.txt"
EXAMPLES = PROJECT / "resolutions" / "examples"


def corpus_file(name: str) -> Path:
    """A corpus file by its short name ("0798_1992"), skipping the test when the corpus is absent."""
    path = CORPUS / f"S_RES_{name}_EN_GOLD.txt"
    if not path.exists():
        pytest.skip(f"real corpus not found at {CORPUS} (it lives in ../shared beside the project)")
    return path


@pytest.fixture
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {CORPUS} (it lives in ../shared beside the project)")
    return CORPUS


@pytest.fixture
def fixture_2480() -> Path:
    if not FIXTURE_2480.exists():
        pytest.skip(f"the S/RES/2480 fixture is not at {FIXTURE_2480}")
    return FIXTURE_2480


@pytest.fixture
def seed_note() -> Path:
    if not SEED_NOTE.exists():
        pytest.skip(f"the seed note is not at {SEED_NOTE}")
    return SEED_NOTE


# ---- the report pages in headless Chromium (tests/browser.py); a module that uses ``page`` defines ``report``


@pytest.fixture(scope="module")
def chromium():
    """One browser per test module: launching it is the slow part."""
    from browser import browser

    with browser() as b:
        yield b


@pytest.fixture
def page(chromium, report):
    """The module's ``report`` file opened in a fresh browser context."""
    from browser import open_file

    visit = open_file(chromium, report)
    yield visit
    visit.page.context.close()
