"""Open a report in Debian's headless Chromium through Playwright, and record what the page did.

No browser is ever downloaded: the tests use /usr/bin/chromium (installed by tests/run.sh) and are
skipped with the reason when it is missing. Every request and console message is recorded so that a
test can assert that a report fetched nothing and logged nothing.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("MANDIFF_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent / "_artifacts"


@dataclass
class Visit:
    """A page opened from a file, with every request it made and every console message and page error."""

    page: object
    url: str
    requests: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)  # (type, text)
    errors: list[str] = field(default_factory=list)

    @property
    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if u != self.url]

    def screenshot(self, name: str, full_page: bool = False) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


def require_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (tests/run.sh does) to run the report tests")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("playwright for Python is not installed (pip install -e '.[test]')")


@contextmanager
def browser():
    """One Chromium for several pages (launching it is the slow part)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def open_file(chromium, path: Path, width: int = 1280, height: int = 900) -> Visit:
    """Load ``path`` by file:// in a fresh context and wait for the load event."""
    context = chromium.new_context(viewport={"width": width, "height": height}, java_script_enabled=True)
    page = context.new_page()
    url = path.resolve().as_uri()
    visit = Visit(page, url)
    page.on("request", lambda r: visit.requests.append(r.url))
    page.on("console", lambda m: visit.console.append((m.type, m.text)))
    page.on("pageerror", lambda e: visit.errors.append(str(e)))
    page.on("dialog", lambda d: (visit.console.append(("dialog", d.message)), d.dismiss()))
    page.goto(url, wait_until="load")
    return visit


def assert_a_link_lifts_the_filter(visit: Visit, checkbox: str, hidden_selector: str) -> None:
    """Tick ``checkbox``, follow a link to an element it hides: the element shows and the box is cleared."""
    visit.page.check(checkbox)
    hidden = visit.page.eval_on_selector(hidden_selector, "e => e.id")
    visit.page.evaluate(f"location.hash = '#{hidden}'")
    visit.page.wait_for_function(f"document.getElementById('{hidden}').getClientRects().length > 0")
    assert not visit.page.is_checked(checkbox)
