"""Fetching official PDFs, against a local HTTP server on 127.0.0.1 that the tests start.

The server serves a PDF rendered here with reportlab, and the bad answers any web server can give:
404, a slow answer, an HTML error page with status 200, a truncated body, a 503, a redirect. After
each failure the cache must hold no partial or non-PDF file. The ways the UN's own service answers
are imitated in test_fetch_un.py; deadlines, signals and unwritable caches in test_fetch_hostile.py.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from fetch_support import LocalHost, assert_cache_clean, assert_tells_what_to_do, render_pdf, send
from mandiff import fetch as fetch_module
from mandiff.errors import CitationError, FetchError, InputError
from mandiff.fetch import FetchProgress, fetch, fetch_chain, resolve_input

SLOW_SECONDS = 1.0
SHORT_TIMEOUT = 0.3


class DocumentServer(LocalHost):
    """Routes: /ok, /missing, /slow, /html, /truncated, /flaky (503 once), /redirect -> /ok."""

    def __init__(self, pdf: bytes):
        self.pdf = pdf
        self.hits: dict[str, int] = {}
        super().__init__(self.route)

    def route(self, request):
        route = request.path.split("/")[1]
        with self.lock:
            self.hits[route] = self.hits.get(route, 0) + 1
            count = self.hits[route]
        getattr(self, f"answer_{route}", self.answer_missing)(request, count)

    def url(self, route: str) -> str:
        return f"{self.origin}/{route}/{{lang}}/{{number}}_{{year}}.pdf"

    def answer_ok(self, request, count):
        send(request, 200, self.pdf)

    def answer_missing(self, request, count):
        send(request, 404, b"<html><body>Not found</body></html>", "text/html")

    def answer_slow(self, request, count):
        time.sleep(SLOW_SECONDS)
        send(request, 200, self.pdf)

    def answer_html(self, request, count):
        page = b"<!DOCTYPE html><html><head><title>Error</title></head><body>" + b"Document unavailable. " * 80 + b"</body></html>"
        send(request, 200, page, "text/html; charset=utf-8")

    def answer_truncated(self, request, count):
        send(request, 200, self.pdf[: len(self.pdf) // 2], length=len(self.pdf))
        request.close_connection = True

    def answer_flaky(self, request, count):
        if count == 1:
            send(request, 503, b"busy", "text/plain")
        else:
            self.answer_ok(request, count)

    def answer_redirect(self, request, count):
        send(request, 302, b"", "text/html", {"Location": request.path.replace("/redirect/", "/ok/", 1)})


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return render_pdf("RESOLUTION 2480 (2019) - fictional test document")


@pytest.fixture
def server(pdf_bytes):
    srv = DocumentServer(pdf_bytes)
    yield srv
    srv.close()


@pytest.fixture
def cache(tmp_path) -> Path:
    return tmp_path / "cache"


@pytest.fixture(autouse=True)
def no_environment(monkeypatch):
    monkeypatch.delenv(fetch_module.BASE_URL_ENV, raising=False)
    monkeypatch.delenv(fetch_module.CACHE_DIR_ENV, raising=False)


def test_success_downloads_into_cache(server, cache, pdf_bytes):
    paths = fetch(["2480"], base_url=server.url("ok"), cache_dir=cache)
    assert paths == [cache / "S_RES_2480_2019_EN.pdf"]
    assert paths[0].read_bytes() == pdf_bytes
    assert server.hits == {"ok": 1}
    assert assert_cache_clean(cache) == paths


def test_every_symbol_form_names_the_same_cached_file(server, cache):
    forms = ["2480", "S/RES/2480(2019)", "S/RES/2480 (2019)", "s/res/2480"]
    paths = fetch(forms, base_url=server.url("ok"), cache_dir=cache)
    assert {p.name for p in paths} == {"S_RES_2480_2019_EN.pdf"}
    assert server.hits == {"ok": 1}


def test_cache_hit_does_not_call_the_server(server, cache):
    fetch(["S/RES/2480 (2019)"], base_url=server.url("ok"), cache_dir=cache)
    events: list[FetchProgress] = []
    paths = fetch(["2480"], base_url=server.url("ok"), cache_dir=cache, progress=events.append)
    assert server.hits == {"ok": 1}
    assert paths == [cache / "S_RES_2480_2019_EN.pdf"]
    assert [(e.symbol, e.done, e.cached) for e in events] == [("S/RES/2480 (2019)", True, True)]


def test_languages_are_cached_apart(server, cache):
    paths = fetch(["2480"], lang="fr", base_url=server.url("ok"), cache_dir=cache)
    assert paths[0].name == "S_RES_2480_2019_FR.pdf"
    with pytest.raises(InputError, match="unknown language 'xx'"):
        fetch(["2480"], lang="xx", base_url=server.url("ok"), cache_dir=cache)


def test_404_is_not_retried_and_leaves_nothing(server, cache):
    with pytest.raises(FetchError) as info:
        fetch(["S/RES/2480 (2019)"], base_url=server.url("missing"), cache_dir=cache, retries=3, backoff=0.01)
    assert "HTTP 404" in str(info.value)
    assert str(info.value).startswith("S/RES/2480 (2019): not found at http://127.0.0.1:")
    assert_tells_what_to_do(str(info.value), "https://undocs.org/en/S/RES/2480(2019)", cache / "S_RES_2480_2019_EN.pdf")
    assert server.hits == {"missing": 1}
    assert assert_cache_clean(cache) == []


def test_timeout_is_retried_then_reported(server, cache):
    with pytest.raises(FetchError) as info:
        fetch(["2480"], base_url=server.url("slow"), cache_dir=cache, timeout=SHORT_TIMEOUT, retries=1, backoff=0.01)
    message = str(info.value)
    assert "no answer from 127.0.0.1 within 0.3 s (2 attempts)" in message
    assert "https://undocs.org/en/S/RES/2480(2019)" in message
    assert "\n" not in message
    assert server.hits == {"slow": 2}
    assert assert_cache_clean(cache) == []


def test_html_error_page_with_status_200_is_refused(server, cache):
    with pytest.raises(FetchError) as info:
        fetch(["2480"], base_url=server.url("html"), cache_dir=cache, retries=2, backoff=0.01)
    assert "sent an HTML page, not a PDF" in str(info.value)
    assert_tells_what_to_do(str(info.value), "https://undocs.org/en/S/RES/2480(2019)", cache / "S_RES_2480_2019_EN.pdf")
    assert server.hits == {"html": 1}  # a wrong answer is not retried
    assert assert_cache_clean(cache) == []


def test_truncated_download_is_refused(server, cache):
    with pytest.raises(FetchError) as info:
        fetch(["2480"], base_url=server.url("truncated"), cache_dir=cache, retries=1, backoff=0.01)
    assert "truncated download from 127.0.0.1" in str(info.value)
    assert server.hits == {"truncated": 2}
    assert assert_cache_clean(cache) == []


def test_server_error_is_retried_with_back_off(server, cache, pdf_bytes):
    paths = fetch(["2480"], base_url=server.url("flaky"), cache_dir=cache, retries=2, backoff=0.01)
    assert paths[0].read_bytes() == pdf_bytes
    assert server.hits == {"flaky": 2}


def test_redirect_is_followed(server, cache, pdf_bytes):
    paths = fetch(["2480"], base_url=server.url("redirect"), cache_dir=cache)
    assert paths[0].read_bytes() == pdf_bytes
    assert server.hits == {"redirect": 1, "ok": 1}


def test_broken_file_in_cache_is_replaced(server, cache, pdf_bytes):
    cache.mkdir()
    (cache / "S_RES_2480_2019_EN.pdf").write_bytes(b"<html>stale error page</html>")
    paths = fetch(["2480"], base_url=server.url("ok"), cache_dir=cache)
    assert paths[0].read_bytes() == pdf_bytes
    assert server.hits == {"ok": 1}


def test_cached_pdf_without_text_layer_is_replaced(server, cache, pdf_bytes):
    """A file that has the PDF header and end marker but no text (a scan saved by hand, or cached by an
    older mandiff) is not trusted: it is downloaded again."""
    from fetch_support import render_scan_pdf

    cache.mkdir()
    (cache / "S_RES_2480_2019_EN.pdf").write_bytes(render_scan_pdf())
    events: list[FetchProgress] = []
    paths = fetch(["2480"], base_url=server.url("ok"), cache_dir=cache, progress=events.append)
    assert paths[0].read_bytes() == pdf_bytes
    assert server.hits == {"ok": 1}
    assert [e.cached for e in events if e.done] == [False]


def test_no_network_says_what_to_do(cache):
    with socket.socket() as sock:  # a port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError) as info:
        fetch(["2480"], base_url=f"http://127.0.0.1:{port}", cache_dir=cache, retries=2, backoff=0.01)
    assert str(info.value) == (
        f"S/RES/2480 (2019): no network? (cannot reach 127.0.0.1: [Errno 111] Connection refused). "
        f"Download the PDF in a browser from https://undocs.org/en/S/RES/2480(2019) "
        f"and save it as {cache / 'S_RES_2480_2019_EN.pdf'}, or pass the file instead of the symbol."
    )
    assert assert_cache_clean(cache) == []


def test_unknown_year_fails_before_any_download(server, cache):
    with pytest.raises(CitationError, match=r"S/RES/9999: year unknown"):
        fetch(["2480", "9999"], base_url=server.url("ok"), cache_dir=cache)
    assert server.hits == {}


def test_bad_base_url_is_an_input_error(cache):
    with pytest.raises(InputError, match="must start with http"):
        fetch(["2480"], base_url="file:///etc/{number}", cache_dir=cache)


def test_environment_sets_base_url_and_cache(server, tmp_path, monkeypatch):
    env_cache = tmp_path / "env-cache"
    monkeypatch.setenv(fetch_module.BASE_URL_ENV, server.url("ok"))
    monkeypatch.setenv(fetch_module.CACHE_DIR_ENV, str(env_cache))
    paths = fetch(["S/RES/2531 (2020)"])
    assert paths == [env_cache / "S_RES_2531_2020_EN.pdf"]
    assert server.hits == {"ok": 1}


def test_dest_receives_copies(server, cache, tmp_path):
    dest = tmp_path / "out"
    events: list[FetchProgress] = []
    paths = fetch(["2480", "2531"], base_url=server.url("ok"), cache_dir=cache, dest=dest, progress=events.append)
    assert paths == [dest / "S_RES_2480_2019_EN.pdf", dest / "S_RES_2531_2020_EN.pdf"]
    assert all(p.read_bytes().startswith(b"%PDF-") for p in paths)
    done = [(e.index, e.count, e.cached) for e in events if e.done]
    assert done == [(0, 2, False), (1, 2, False)]
    assert all(e.received <= (e.total or e.received) for e in events)


def test_fetch_chain_fetches_the_whole_chain_in_order(server, cache):
    paths = fetch_chain("minusma", base_url=server.url("ok"), cache_dir=cache)
    assert [p.name[:14] for p in paths][:3] == ["S_RES_2100_201", "S_RES_2164_201", "S_RES_2227_201"]
    assert len(paths) == 11
    assert server.hits == {"ok": 11}


def test_resolve_input_prefers_an_existing_file(server, cache, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("2480").write_text("a local file named like a symbol")
    assert resolve_input("2480", base_url=server.url("ok"), cache_dir=cache) == Path("2480")
    assert server.hits == {}


def test_resolve_input_fetches_a_symbol(server, cache, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = resolve_input("S/RES/2531 (2020)", base_url=server.url("ok"), cache_dir=cache)
    assert path == cache / "S_RES_2531_2020_EN.pdf"
    assert resolve_input("-") == Path("-")


def test_resolve_input_rejects_what_is_neither(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        resolve_input("mandate-2019.pdf")
    with pytest.raises(InputError, match="is a directory"):
        resolve_input(str(tmp_path))
