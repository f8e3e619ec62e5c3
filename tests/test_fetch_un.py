"""``mandiff fetch`` against an imitation of the UN's document service, on 127.0.0.1.

The imitation follows what other projects that download UN documents report (September 2026); we
could not observe the live service from here (no network), so these tests pin our reading of those
reports, not the service itself:
- the symbol API (``/api/symbol/access?s=...&l=E&t=pdf``) serves the PDF, answers 404 unless the
  symbol's slashes are percent-encoded, and 200 with an empty body for a symbol it does not have;
- docs.un.org's ``/{lang}/{symbol}`` is an HTML viewer, the PDF itself with ``?direct=true``;
- undocs.org redirects somewhere into these;
- behind AWS WAF a host answers 202 with ``x-amzn-waf-action: challenge`` and a JavaScript page.
The shipped sources (data/sources.toml) are used with their hosts moved to local servers, so the
paths and queries the tests see are the ones mandiff would send. Each test also checks that nothing
invalid was cached.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import PROJECT
from fetch_support import (LocalHost, assert_cache_clean, assert_tells_what_to_do, redirect, render_pdf,
                           render_scan_pdf, send)
from mandiff import fetch as fetch_module
from mandiff import registry, sources
from mandiff.errors import FetchError
from mandiff.fetch import fetch
from mandiff.sources import Source

LETTERS = {"en": "E", "fr": "F", "es": "S", "ar": "A", "ru": "R", "zh": "C"}
VIEWER = (b"<!DOCTYPE html><html><head><title>S/RES/2480(2019)</title><script src='/viewer.js'></script></head>"
          b"<body><div id='viewer'></div>" + b"<p>Loading the document.</p>" * 60 + b"</body></html>")
CHALLENGE = (b"<!DOCTYPE html><html><head><script>window.awsWafCookieDomainList = [];"
             b"window.gokuProps = {};</script></head><body>" + b"<noscript>JavaScript is required</noscript>" * 30
             + b"</body></html>")
EN = render_pdf("RESOLUTION 2480 (2019) - fictional test document, English")
FR = render_pdf("RESOLUTION 2480 (2019) - document fictif, version francaise")
SCAN = render_scan_pdf()
DAMAGED = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nthis is not a PDF body\n" * 20 + b"%%EOF\n"
PUBLISHED = {("S/RES/2480(2019)", "en"): EN, ("S/RES/2480(2019)", "fr"): FR}
SHIPPED_HOSTS = ("https://documents.un.org", "https://docs.un.org", "https://undocs.org")


# ---- the imitation -------------------------------------------------------------------------------

def _query(path: str) -> tuple[str, dict[str, str]]:
    """The path and the raw (still encoded) query fields of a request."""
    path, _, query = path.partition("?")
    return path, dict(part.split("=", 1) for part in query.split("&") if "=" in part)


def symbol_api(published):
    def answer(request):
        path, fields = _query(request.path)
        raw = fields.get("s", "/")
        if path != "/api/symbol/access" or "/" in raw or fields.get("t") != "pdf" or fields.get("l") not in LETTERS.values():
            return send(request, 404, b"Not Found", "text/plain")
        lang = {v: k for k, v in LETTERS.items()}[fields["l"]]
        send(request, 200, published.get((unquote(raw), lang), b""))  # not published: 200, empty
    return answer


def docs_viewer(published):
    def answer(request):
        path, fields = _query(request.path)
        lang, _, symbol = path[1:].partition("/")
        pdf = published.get((unquote(symbol), lang))
        if pdf is None:
            return send(request, 404, b"<html><body>Document not found</body></html>", "text/html")
        if fields.get("direct") == "true":
            return send(request, 200, pdf)
        send(request, 200, VIEWER, "text/html; charset=utf-8")
    return answer


def redirect_to(origin: str, status: int = 302):
    """Send every request on to the same path at ``origin`` (undocs.org into the viewer)."""
    return lambda request: redirect(request, origin + request.path, status)


def waf_challenge(status: int = 202):
    return lambda request: send(request, status, CHALLENGE, "text/html; charset=UTF-8", {"x-amzn-waf-action": "challenge"})


def not_found(request):
    send(request, 404, b"<html><body>Not found</body></html>", "text/html")


class Service:
    """The three doors, each a LocalHost; by default they behave as reported."""

    def __init__(self, published=PUBLISHED):
        self.api = LocalHost(symbol_api(published))
        self.docs = LocalHost(docs_viewer(published))
        self.undocs = LocalHost(lambda request: None)
        self.undocs.answer = redirect_to(self.docs.origin)
        self.extra: list[LocalHost] = []

    def host(self, answer) -> LocalHost:
        """One more host (a landing page, a mirror) that is closed with the service."""
        host = LocalHost(answer)
        self.extra.append(host)
        return host

    def sources(self) -> tuple[Source, ...]:
        """The shipped sources, in their order, with each UN host replaced by its imitation."""
        local = dict(zip(SHIPPED_HOSTS, (self.api.origin, self.docs.origin, self.undocs.origin)))
        out = []
        for source in sources.download_sources():
            real = next(h for h in SHIPPED_HOSTS if source.template.startswith(h + "/"))
            out.append(Source(source.name, local[real] + source.template[len(real):]))
        return tuple(out)

    def close(self):
        for host in (self.api, self.docs, self.undocs, *self.extra):
            host.close()


@pytest.fixture
def un(monkeypatch):
    service = Service()
    monkeypatch.setattr(fetch_module, "download_sources", service.sources)
    monkeypatch.delenv(fetch_module.BASE_URL_ENV, raising=False)
    monkeypatch.delenv(fetch_module.CACHE_DIR_ENV, raising=False)
    yield service
    service.close()


@pytest.fixture
def cache(tmp_path) -> Path:
    return tmp_path / "cache"


def target(cache: Path, number: int = 2480, year: int = 2019, lang: str = "EN") -> Path:
    return cache / f"S_RES_{number:04d}_{year}_{lang}.pdf"


# ---- the sources, as data --------------------------------------------------------------------

def test_shipped_sources_are_the_three_doors_in_order():
    sym = registry.complete_symbol("2480")
    urls = [sources.expand(s.template, sym, "en") for s in sources.download_sources()]
    assert urls == [
        "https://documents.un.org/api/symbol/access?s=S%2FRES%2F2480(2019)&l=E&t=pdf",
        "https://docs.un.org/en/S/RES/2480(2019)?direct=true",
        "https://undocs.org/en/S/RES/2480(2019)",
    ]
    fr = [sources.expand(s.template, sym, "fr") for s in sources.download_sources()]
    assert fr[0].endswith("&l=F&t=pdf") and "/fr/S/RES/2480(2019)" in fr[1]


def test_every_official_language_has_its_letter():
    assert {lang: sources.language_letter(lang) for lang in registry.LANGUAGES} == LETTERS


def test_the_browser_link_is_defined_once():
    """Registry, reports and fetch messages all take the link from sources.browser_url; no module of
    the package spells the host itself."""
    sym = registry.complete_symbol("798 (1992)")
    assert sources.browser_url(sym) == "https://undocs.org/S/RES/798(1992)"
    assert sources.browser_url(sym, "fr") == "https://undocs.org/fr/S/RES/798(1992)"
    assert registry.official_url(sym, lang=None) == sources.browser_url(sym)
    assert registry.official_url(sym, lang="fr") == sources.browser_url(sym, "fr")
    from mandiff.render.view import official_url

    assert official_url(798, 1992) == sources.browser_url(sym)
    assert [str(p.relative_to(PROJECT)) for p in (PROJECT / "mandiff").rglob("*.py") if spells_undocs(p)] == []


def spells_undocs(path: Path) -> bool:
    """Does the module's code (docstrings aside) hold a string with the undocs.org host?"""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    return any(isinstance(node, ast.Constant) and isinstance(node.value, str) and "undocs.org" in node.value
               and id(node) not in docstrings for node in ast.walk(tree))


# ---- each door, as reported ----------------------------------------------------------------------

def test_symbol_api_gives_the_pdf_for_each_language(un, cache):
    paths = fetch(["2480"], lang=["en", "fr"], cache_dir=cache)
    assert paths == [target(cache), target(cache, lang="FR")]
    assert paths[0].read_bytes() == EN and paths[1].read_bytes() == FR
    assert un.api.paths == ["/api/symbol/access?s=S%2FRES%2F2480(2019)&l=E&t=pdf",
                            "/api/symbol/access?s=S%2FRES%2F2480(2019)&l=F&t=pdf"]
    assert un.docs.paths == [] and un.undocs.paths == []
    assert assert_cache_clean(cache) == paths


def test_symbol_api_needs_the_slashes_percent_encoded(un, cache):
    plain = un.api.origin + "/api/symbol/access?s={symbol}&l={l}&t=pdf"
    with pytest.raises(FetchError) as info:
        fetch(["2480"], base_url=plain, cache_dir=cache, retries=2, backoff=0.01)
    assert "(HTTP 404)" in str(info.value)
    assert un.api.paths == ["/api/symbol/access?s=S/RES/2480(2019)&l=E&t=pdf"]  # a 404 is not retried
    assert assert_cache_clean(cache) == []
    encoded = un.api.origin + "/api/symbol/access?s={symbol_enc}&l={l}&t=pdf"
    assert fetch(["2480"], base_url=encoded, cache_dir=cache)[0].read_bytes() == EN


def test_empty_answer_means_not_published_yet(un, cache):
    with pytest.raises(FetchError) as info:
        fetch(["S/RES/2831 (2026)"], cache_dir=cache, retries=2, backoff=0.01)
    message = str(info.value)
    assert message.startswith("S/RES/2831 (2026): not published on the UN document service yet (127.0.0.1 sent an "
                              "empty answer (HTTP 200); not found at ")
    assert_tells_what_to_do(message, "https://undocs.org/en/S/RES/2831(2026)", target(cache, 2831, 2026))
    assert message.endswith(f"If a browser finds it at https://undocs.org/en/S/RES/2831(2026), save the PDF as "
                            f"{target(cache, 2831, 2026)} and run again.")
    assert len(un.api.paths) == 1  # an empty answer is an answer: not retried
    assert un.docs.paths == ["/en/S/RES/2831(2026)?direct=true", "/en/S/RES/2831(2026)"]  # undocs led to the viewer
    assert assert_cache_clean(cache) == []


def test_viewer_page_is_passed_over_and_direct_true_gives_the_pdf(un, cache):
    un.api.answer = not_found
    paths = fetch(["2480"], cache_dir=cache)
    assert paths[0].read_bytes() == EN
    assert un.docs.paths == ["/en/S/RES/2480(2019)?direct=true"]
    assert un.undocs.paths == []
    with pytest.raises(FetchError) as info:  # the viewer alone is refused, and nothing is cached
        fetch(["2480"], base_url=un.docs.origin + "/{lang}/{symbol}", cache_dir=cache / "viewer")
    assert f"{un.docs.origin}/en/S/RES/2480(2019) sent an HTML page, not a PDF" in str(info.value)
    assert assert_cache_clean(cache / "viewer") == []


@pytest.mark.parametrize("status", [202, 405])
def test_browser_check_is_named_and_nothing_is_cached(un, cache, status):
    for host in (un.api, un.docs, un.undocs):
        host.answer = waf_challenge(status)
    with pytest.raises(FetchError) as info:
        fetch(["2480"], cache_dir=cache, retries=2, backoff=0.01)
    message = str(info.value)
    assert message.startswith("S/RES/2480 (2019): the UN service asked for a browser check "
                              f"(127.0.0.1 answered HTTP {status} with a browser check; ")
    assert_tells_what_to_do(message, "https://undocs.org/en/S/RES/2480(2019)", target(cache))
    assert "Download the PDF in a browser from https://undocs.org/en/S/RES/2480(2019)" in message
    assert [len(h.paths) for h in (un.api, un.docs, un.undocs)] == [1, 1, 1]  # a challenge is not retried
    assert assert_cache_clean(cache) == []


def test_redirect_chain_through_an_undocs_like_host(un, cache):
    un.api.answer = waf_challenge()
    un.docs.answer = not_found
    pdf_host = un.host(lambda request: send(request, 200, EN) if request.path == "/file/2480-en.pdf" else not_found(request))
    landing = un.host(lambda request: redirect(request, "/next" + request.path, 301) if not request.path.startswith("/next")
                      else redirect(request, pdf_host.origin + "/file/2480-en.pdf", 303))
    un.undocs.answer = redirect_to(landing.origin, 302)
    paths = fetch(["2480"], cache_dir=cache)
    assert paths[0].read_bytes() == EN
    assert un.undocs.paths == ["/en/S/RES/2480(2019)"]
    assert landing.paths == ["/en/S/RES/2480(2019)", "/next/en/S/RES/2480(2019)"]
    assert pdf_host.paths == ["/file/2480-en.pdf"]
    assert assert_cache_clean(cache) == paths


@pytest.mark.parametrize("scheme", ["ftp", "file", "data"])
def test_redirect_to_another_scheme_at_a_later_hop_is_refused(un, cache, scheme):
    with socket.socket() as listener:  # where ftp:// points: it must never be contacted
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.setblocking(False)
        elsewhere = {"ftp": f"ftp://127.0.0.1:{listener.getsockname()[1]}/S_RES_2480.pdf",
                     "file": "file:///etc/hostname", "data": "data:application/pdf;base64,JVBERi0xLjcK"}[scheme]
        un.api.answer = not_found
        un.docs.answer = not_found
        landing = un.host(lambda request: redirect(request, elsewhere))
        un.undocs.answer = redirect_to(landing.origin)
        with pytest.raises(FetchError) as info:
            fetch(["2480"], cache_dir=cache, retries=2, backoff=0.01)
        with pytest.raises(BlockingIOError):
            listener.accept()
    message = str(info.value)
    assert f"127.0.0.1 redirected to {elsewhere}, not an http(s) address: refused" in message
    assert landing.paths == ["/en/S/RES/2480(2019)"]  # no retry of a refused redirect
    assert_tells_what_to_do(message, "https://undocs.org/en/S/RES/2480(2019)", target(cache))
    assert assert_cache_clean(cache) == []


def test_redirect_to_another_scheme_at_the_first_hop_is_refused(un, cache):
    un.api.answer = lambda request: redirect(request, "ftp://127.0.0.1:1/S_RES_2480.pdf")
    un.docs.answer = not_found
    un.undocs.answer = not_found
    with pytest.raises(FetchError, match="redirected to ftp://127.0.0.1:1/S_RES_2480.pdf, not an http"):
        fetch(["2480"], cache_dir=cache)
    assert assert_cache_clean(cache) == []


# ---- what a PDF must be ----------------------------------------------------------------------------

def test_pdf_without_text_layer_is_refused_and_not_cached(un, cache):
    scans = {key: SCAN for key in PUBLISHED}
    un.api.answer = symbol_api(scans)
    un.docs.answer = docs_viewer(scans)
    with pytest.raises(FetchError) as info:
        fetch(["2480"], cache_dir=cache)
    message = str(info.value)
    assert f"{un.api.origin}/api/symbol/access?s=S%2FRES%2F2480(2019)&l=E&t=pdf sent a PDF without a text layer" in message
    assert f"{un.docs.origin}/en/S/RES/2480(2019)?direct=true sent a PDF without a text layer" in message
    assert_tells_what_to_do(message, "https://undocs.org/en/S/RES/2480(2019)", target(cache))
    assert assert_cache_clean(cache) == []


def test_a_scan_from_one_door_gives_way_to_a_text_pdf_from_the_next(un, cache):
    un.api.answer = symbol_api({key: SCAN for key in PUBLISHED})
    paths = fetch(["2480"], cache_dir=cache)
    assert paths[0].read_bytes() == EN
    assert un.docs.paths == ["/en/S/RES/2480(2019)?direct=true"]


def test_damaged_pdf_with_header_and_end_marker_is_refused(un, cache):
    broken = {key: DAMAGED for key in PUBLISHED}
    un.api.answer = symbol_api(broken)
    un.docs.answer = docs_viewer(broken)
    with pytest.raises(FetchError, match="sent a damaged PDF"):
        fetch(["2480"], cache_dir=cache)
    assert assert_cache_clean(cache) == []


# ---- the cache and --refresh -------------------------------------------------------------------------

def test_refresh_downloads_again_and_replaces_only_with_a_good_file(un, cache):
    cache.mkdir()
    older = render_pdf("RESOLUTION 2480 (2019) - an older download")
    target(cache).write_bytes(older)
    assert fetch(["2480"], cache_dir=cache)[0].read_bytes() == older  # a good cached file is used as is
    assert un.api.paths == []
    assert fetch(["2480"], cache_dir=cache, refresh=True)[0].read_bytes() == EN
    assert len(un.api.paths) == 1
    for host in (un.api, un.docs, un.undocs):
        host.answer = waf_challenge()
    with pytest.raises(FetchError, match="asked for a browser check"):
        fetch(["2480"], cache_dir=cache, refresh=True)
    assert target(cache).read_bytes() == EN  # a failed refresh keeps the good file
    assert assert_cache_clean(cache) == [target(cache)]


def test_a_bad_cached_file_is_named_when_the_download_fails_too(un, cache):
    cache.mkdir()
    target(cache).write_bytes(SCAN)
    for host in (un.api, un.docs, un.undocs):
        host.answer = waf_challenge()
    with pytest.raises(FetchError) as info:
        fetch(["2480"], cache_dir=cache)
    assert ("The file already in the cache was not used: a PDF without a text layer (a scan, or empty pages). "
            f"Download the PDF in a browser from https://undocs.org/en/S/RES/2480(2019) and save it as {target(cache)}"
            ) in str(info.value)


# ---- the command line --------------------------------------------------------------------------------

def run_mandiff(*args, cache: Path, base_url: str | None = None):
    env = {k: v for k, v in os.environ.items() if k not in (fetch_module.BASE_URL_ENV, "MANDIFF_DEBUG")}
    env[fetch_module.CACHE_DIR_ENV] = str(cache)
    if base_url:
        env[fetch_module.BASE_URL_ENV] = base_url
    return subprocess.run([sys.executable, "-m", "mandiff", *args], capture_output=True, text=True, env=env,
                          cwd=PROJECT, timeout=120)


def test_cli_fetch_two_languages_then_diff_and_chain_by_symbol(un, cache):
    published = dict(PUBLISHED)
    published[("S/RES/2531(2020)", "en")] = render_pdf("RESOLUTION 2531 (2020) - fictional test document, English")
    un.api.answer = symbol_api(published)
    api = un.api.origin + "/api/symbol/access?s={symbol_enc}&l={l}&t=pdf"
    out = run_mandiff("fetch", "2480", "--lang", "en", "--lang", "fr", "--base-url", api, cache=cache)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [str(target(cache)), str(target(cache, lang="FR"))]
    diff = run_mandiff("diff", "2480", "2531", "--format", "json", cache=cache, base_url=api)
    assert diff.returncode == 0, diff.stderr
    assert '"S/RES/2531 (2020)"' not in diff.stderr
    assert len(un.api.paths) == 3  # 2480 came from the cache, 2531 was downloaded
    chain = run_mandiff("chain", "2480", "S/RES/2531 (2020)", "--format", "json", cache=cache, base_url=api)
    assert chain.returncode == 0, chain.stderr
    assert len(un.api.paths) == 3  # both from the cache now


def test_cli_refusal_is_one_line_with_what_to_do(un, cache):
    un.api.answer = waf_challenge()
    api = un.api.origin + "/api/symbol/access?s={symbol_enc}&l={l}&t=pdf"
    out = run_mandiff("fetch", "S/RES/2480 (2019)", "--base-url", api, cache=cache)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mandiff: error: S/RES/2480 (2019): the UN service asked for a browser check")
    assert_tells_what_to_do(lines[0], "https://undocs.org/en/S/RES/2480(2019)", target(cache))
    assert assert_cache_clean(cache) == []


def test_fetch_help_lists_the_sources_and_the_browser_link():
    """The --base-url help is read from sources.toml when shown (not at start-up), so it cannot drift."""
    out = subprocess.run([sys.executable, "-m", "mandiff", "fetch", "--help"], capture_output=True, text=True,
                         cwd=PROJECT, timeout=60)
    assert out.returncode == 0, out.stderr
    flat = " ".join(out.stdout.split())
    names = ", then ".join(source.name for source in sources.download_sources())
    assert f"tried in order: {names} (" in flat
    assert f"In a browser: {sources.browser_url(registry.complete_symbol('2480'), 'en')}" in flat
    from mandiff.cli import cli

    defaults = {p.name: p.default for p in cli.commands["fetch"].params}
    assert (defaults["timeout"], defaults["deadline"]) == (fetch_module.DEFAULT_TIMEOUT, fetch_module.DEFAULT_DEADLINE)
