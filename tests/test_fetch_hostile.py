"""``fetch`` in a hostile or unlucky environment (issue 18): a server that drips its bytes, a signal in
the middle of a download, a cache folder that is read-only, a file or full, a malformed base URL.

Each case must end in one line that says what happened (never "internal error"), and leave no
``.part-`` file. Disk-full and read-only folders are real where the tests run as root and may mount
a small tmpfs (as CI does); otherwise the OSError is simulated at the point where mandiff writes.
"""

from __future__ import annotations

import builtins
import errno
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import PROJECT
from fetch_support import LocalHost, assert_cache_clean, assert_tells_what_to_do, render_pdf, send
from mandiff import fetch as fetch_module
from mandiff.errors import FetchError, InputError
from mandiff.fetch import PART_PREFIX, fetch

PDF = render_pdf("RESOLUTION 2480 (2019) - fictional test document")
BROWSER = "https://undocs.org/en/S/RES/2480(2019)"


@pytest.fixture(autouse=True)
def no_environment(monkeypatch):
    monkeypatch.delenv(fetch_module.BASE_URL_ENV, raising=False)
    monkeypatch.delenv(fetch_module.CACHE_DIR_ENV, raising=False)


@pytest.fixture
def cache(tmp_path) -> Path:
    return tmp_path / "cache"


class Drip:
    """Answers with a body (or headers) sent a few bytes at a time, with a pause between: each read
    gets something long before the read timeout, so only a deadline on the whole download ends it."""

    def __init__(self, size: int, step: int, pause: float, where: str = "body", tls=None):
        self.size, self.step, self.pause, self.where = size, step, pause, where
        self.sent = 0
        self.stop = threading.Event()
        self.host = LocalHost(self.answer, tls)
        self.url = self.host.origin + "/{lang}/{number}_{year}.pdf"

    def answer(self, request):
        if self.where == "headers":
            request.wfile.write(b"HTTP/1.1 200 OK\r\n")
            payload = b"X-Padding: " + b"a" * self.size
        else:
            request.send_response(200)
            request.send_header("Content-Type", "application/pdf")
            request.send_header("Content-Length", str(self.size))
            request.end_headers()
            payload = (PDF * (self.size // len(PDF) + 1))[: self.size]
        for start in range(0, len(payload), self.step):
            if self.stop.wait(self.pause):
                return
            request.wfile.write(payload[start:start + self.step])
            self.sent += self.step

    def close(self):
        self.stop.set()
        self.host.close()


# ---- the deadline --------------------------------------------------------------------------------

@pytest.mark.parametrize("where", ["body", "headers"])
def test_a_dripping_server_is_given_up_at_the_deadline(cache, where):
    drip = Drip(size=400, step=1, pause=0.05, where=where)  # 20 s to send it all
    try:
        with pytest.raises(FetchError) as info:
            fetch(["2480"], base_url=drip.url, cache_dir=cache, timeout=5, deadline=0.5, retries=3, backoff=0.01)
        sent = drip.sent
    finally:
        drip.close()
    message = str(info.value)
    assert message.startswith("S/RES/2480 (2019): gave up at the deadline of 0.5 s for one document.")
    assert_tells_what_to_do(message, BROWSER, cache / "S_RES_2480_2019_EN.pdf")
    assert sent < 400
    assert len(drip.host.paths) == 1  # a passed deadline is not retried
    assert assert_cache_clean(cache) == []


def test_the_deadline_bounds_retries_too(cache):
    busy = LocalHost(lambda request: send(request, 503, b"busy", "text/plain"))
    try:
        with pytest.raises(FetchError, match="gave up at the deadline of 1 s for one document"):
            fetch(["2480"], base_url=busy.origin + "/{number}", cache_dir=cache, retries=10, backoff=0.1, deadline=1)
    finally:
        busy.close()
    assert 1 < len(busy.paths) < 11  # 0.1 + 0.2 + 0.4 s of back-off fit in 1 s, 0.8 more do not
    assert assert_cache_clean(cache) == []


# ---- https: the same bounds through TLS ---------------------------------------------------------

@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made with the openssl command (skip without it)."""
    import shutil

    if not shutil.which("openssl"):
        pytest.skip("the openssl command is needed to make a test certificate")
    where = tmp_path_factory.mktemp("tls")
    cert, key = where / "cert.pem", where / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


@pytest.fixture
def tls_server(certificate):
    import ssl

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    host = LocalHost(lambda request: send(request, 200, PDF), tls=context)
    yield host
    host.close()


def test_https_download_checks_the_certificate(tls_server, certificate, cache, monkeypatch):
    url = tls_server.origin + "/{lang}/{number}_{year}.pdf"
    with pytest.raises(FetchError) as info:  # a certificate nobody vouches for
        fetch(["2480"], base_url=url, cache_dir=cache)
    assert "cannot reach 127.0.0.1: [SSL: CERTIFICATE_VERIFY_FAILED]" in str(info.value)
    assert assert_cache_clean(cache) == []
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))  # now trusted, as a CA the system knows would be
    assert fetch(["2480"], base_url=url, cache_dir=cache)[0].read_bytes() == PDF


@pytest.mark.parametrize("where", ["body", "headers"])
def test_a_dripping_https_server_is_given_up_at_the_deadline(certificate, cache, monkeypatch, where):
    import ssl

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    drip = Drip(size=400, step=1, pause=0.05, where=where, tls=context)  # 20 s to send it all
    try:
        with pytest.raises(FetchError, match="gave up at the deadline of 0.5 s for one document"):
            fetch(["2480"], base_url=drip.url, cache_dir=cache, timeout=5, deadline=0.5, retries=3, backoff=0.01)
        sent = drip.sent
    finally:
        drip.close()
    assert 0 < sent < 400
    assert assert_cache_clean(cache) == []


def test_a_dripping_tls_handshake_is_given_up_at_the_deadline(cache):
    """The server answers the TLS hello with a record that announces 16 KiB and sends it a byte at a
    time: each read gets a byte within the socket timeout, so only the deadline ends the handshake.
    Proof without a clock: the client hangs up before the server has sent 400 bytes (20 s)."""
    import socket

    listener = socket.create_server(("127.0.0.1", 0))
    hung_up = threading.Event()

    def serve():
        conn, _ = listener.accept()
        try:
            conn.recv(4096)  # the client hello
            conn.sendall(b"\x16\x03\x03\x40\x00")  # a handshake record of 16,384 bytes follows...
            for _ in range(400):
                time.sleep(0.05)
                conn.sendall(b"\x00")  # ...slowly
        except OSError:
            hung_up.set()  # the client shut the connection
        finally:
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    url = f"https://127.0.0.1:{listener.getsockname()[1]}/{{number}}"
    try:
        with pytest.raises(FetchError, match="gave up at the deadline of 0.5 s for one document"):
            fetch(["2480"], base_url=url, cache_dir=cache, timeout=30, deadline=0.5, retries=0)
        thread.join(25)
    finally:
        listener.close()
    assert hung_up.is_set()
    assert assert_cache_clean(cache) == []


# ---- signals -----------------------------------------------------------------------------------------

def fetch_in_a_child(url: str, cache: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in (fetch_module.BASE_URL_ENV, "MANDIFF_DEBUG")}
    env[fetch_module.CACHE_DIR_ENV] = str(cache)

    def default_signals():  # the disposition a shell gives a command (a parent may ignore SIGHUP)
        for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            signal.signal(signum, signal.SIG_DFL)

    return subprocess.Popen([sys.executable, "-m", "mandiff", "fetch", "2480", "--base-url", url, "--timeout", "30"],
                            cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=default_signals)


def wait_for(condition, what: str, limit: float = 30.0) -> None:
    end = time.monotonic() + limit
    while not condition():
        if time.monotonic() > end:
            pytest.fail(f"waited {limit:g} s for {what}")
        time.sleep(0.02)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=["TERM", "HUP", "INT"])
def test_a_signal_during_a_download_leaves_no_part_file(cache, signum):
    drip = Drip(size=200_000, step=100, pause=0.02)  # 40 s
    try:
        child = fetch_in_a_child(drip.url, cache)
        try:
            wait_for(lambda: drip.sent > 0 and cache.is_dir() and any(cache.iterdir()), "the download to start")
            assert [p.name.startswith(PART_PREFIX) for p in cache.iterdir()] == [True]
            child.send_signal(signum)
            _, err = child.communicate(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
    finally:
        drip.close()
    if signum == signal.SIGINT:  # Ctrl-C: click reports it as "aborted"
        assert child.returncode == 2 and err.decode().strip() == "mandiff: aborted"
    else:
        assert child.returncode == -signum, err  # ended by the signal, as without mandiff's clean-up
    assert list(cache.iterdir()) == []


def test_signal_handlers_are_restored_and_others_left_alone(cache):
    """Only the default (die at once) is replaced, only while fetching; a handler someone else set stays."""
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL

    def theirs(signum, frame):
        pass

    previous = signal.signal(signal.SIGHUP, theirs)
    server = LocalHost(lambda request: send(request, 200, PDF))
    during = []
    try:
        fetch(["2480"], base_url=server.origin + "/{number}", cache_dir=cache,
              progress=lambda event: during.append((signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP))))
        after = (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP))
    finally:
        signal.signal(signal.SIGHUP, previous)
        server.close()
    assert during and all(callable(term) and hup is theirs for term, hup in during)
    assert after == (signal.SIG_DFL, theirs)


# ---- the cache folder: a file, read-only, full ---------------------------------------------------------

@pytest.fixture
def server():
    host = LocalHost(lambda request: send(request, 200, PDF))
    yield host
    host.close()


def url_of(server: LocalHost) -> str:
    return server.origin + "/{lang}/{number}_{year}.pdf"


@pytest.mark.parametrize("layout", ["the folder", "a folder above it"])
def test_a_cache_folder_that_is_a_file(server, tmp_path, layout):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    cache = blocker if layout == "the folder" else blocker / "resolutions"
    with pytest.raises(FetchError) as info:
        fetch(["2480"], base_url=url_of(server), cache_dir=cache)
    assert str(info.value) == (f"{cache}: cannot write to the cache folder: it (or a folder above it) is a file, "
                               f"not a folder; move that file away or set $MANDIFF_CACHE_DIR to another folder")
    assert blocker.read_text() == "not a folder"
    assert server.paths == []


@pytest.fixture
def tmpfs(tmp_path):
    """Mount a small tmpfs (root only, where mounting is allowed): ``mount(options) -> folder``."""
    mounted: list[Path] = []

    def mount(options: str) -> Path:
        if os.geteuid() != 0:
            pytest.skip("mounting a tmpfs needs root; the simulated variant covers this case")
        where = tmp_path / f"mnt{len(mounted)}"
        where.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here ({done.stderr.decode().strip()}); the simulated variant covers this case")
        mounted.append(where)
        return where

    yield mount
    for where in reversed(mounted):
        subprocess.run(["umount", "-l", str(where)], check=False)


class FailingFile:
    """The part file as the OS gives it, except that writing fails with ``error``."""

    def __init__(self, real, error: OSError):
        self.real, self.error = real, error

    def write(self, data):
        raise self.error

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()


def simulate(monkeypatch, error: OSError, at: str) -> None:
    """Make the part file's creation (``at="create"``) or its writes (``at="write"``) fail with ``error``."""
    def fake_open(path, mode="r", *args, **kwargs):
        if "x" not in mode:
            return builtins.open(path, mode, *args, **kwargs)
        if at == "create":
            raise error
        return FailingFile(builtins.open(path, mode, *args, **kwargs), error)

    monkeypatch.setattr(fetch_module, "open", fake_open, raising=False)


@pytest.mark.parametrize("how", ["real", "simulated EACCES", "simulated EROFS"])
def test_a_read_only_cache_folder(server, tmp_path, tmpfs, monkeypatch, how):
    if how == "real":
        if os.geteuid() == 0:
            cache = tmpfs("ro,size=64k")
        else:
            cache = tmp_path / "read-only"
            cache.mkdir()
            cache.chmod(0o555)
    else:
        cache = tmp_path / "cache"
        code = errno.EACCES if how.endswith("EACCES") else errno.EROFS
        simulate(monkeypatch, OSError(code, os.strerror(code)), at="create")
    with pytest.raises(FetchError) as info:
        fetch(["2480"], base_url=url_of(server), cache_dir=cache)
    assert str(info.value) == (f"{cache}: cannot write to the cache folder: it is read-only; "
                               f"make it writable or set $MANDIFF_CACHE_DIR to another folder")
    assert not [p for p in cache.iterdir() if p.name.startswith(PART_PREFIX)] if cache.is_dir() else True


@pytest.mark.parametrize("how", ["real", "simulated"])
def test_a_full_disk(server, tmp_path, tmpfs, monkeypatch, how):
    if how == "real":
        cache = tmpfs("size=64k")
        with open(cache / "filler", "wb", buffering=0) as filler:  # fill it up, as a full disk is
            with pytest.raises(OSError) as full:
                while True:
                    filler.write(b"\0" * 4096)
            assert full.value.errno == errno.ENOSPC
    else:
        cache = tmp_path / "cache"
        simulate(monkeypatch, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), at="write")
    with pytest.raises(FetchError) as info:
        fetch(["2480"], base_url=url_of(server), cache_dir=cache)
    assert str(info.value) == (f"{cache}: cannot write to the cache folder: the disk is full; "
                               f"free some space or set $MANDIFF_CACHE_DIR to another folder")
    assert [p.name for p in cache.iterdir()] == (["filler"] if how == "real" else [])


def test_a_destination_that_is_a_file(server, cache, tmp_path):
    dest = tmp_path / "dest"
    dest.write_text("a file")
    with pytest.raises(InputError, match="cannot write to the destination folder: it \\(or a folder above it\\) is a file"):
        fetch(["2480"], base_url=url_of(server), cache_dir=cache, dest=dest)
    assert assert_cache_clean(cache) == [cache / "S_RES_2480_2019_EN.pdf"]


def test_cli_cache_folder_errors_are_one_line(server, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    env = {k: v for k, v in os.environ.items() if k != "MANDIFF_DEBUG"}
    env[fetch_module.CACHE_DIR_ENV] = str(blocker)
    out = subprocess.run([sys.executable, "-m", "mandiff", "fetch", "2480", "--base-url", url_of(server)],
                         cwd=PROJECT, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert out.stderr.splitlines() == [f"mandiff: error: {blocker}: cannot write to the cache folder: it (or a folder "
                                       f"above it) is a file, not a folder; move that file away or set "
                                       f"$MANDIFF_CACHE_DIR to another folder"]


# ---- a malformed base URL ----------------------------------------------------------------------------

MALFORMED = {
    "ftp://example.org/{number}": "it must start with http:// or https://",
    "file:///etc/{number}": "it must start with http:// or https://",
    "example.org/{number}": "it must start with http:// or https://",
    "http://": "it has no host name",
    "https:///S/RES/{number}": "it has no host name",
    "http://example.org:port/{number}": "Port could not be cast to integer value as 'port'",
    "http://[::1/{number}": "Invalid IPv6 URL",
    "http://example.org/{lang": "expected '}' before end of string; write a literal brace as {{ or }}",
    "http://example.org/}{number}": "Single '}' encountered in format string; write a literal brace as {{ or }}",
    "http://example.org/{foo}": "unknown placeholder {foo}; use {symbol}, {symbol_enc}, {lang}, {l}, {number}, {year}",
    "http://example.org/{0}": "unknown placeholder {0}; use",
    "http://example.org/{}": "unknown placeholder {}; use",
    "http://example.org/{number:>999999999}": "unknown placeholder {number:>999999999}; use",
    "http://example.org/{symbol.__class__}": "unknown placeholder {symbol.__class__}; use",
    "http://example.org/{symbol!r}": "unknown placeholder {symbol!r}; use",
    "http://example.org/a b/{number}": "the URL contains a space or a control character",
    "http://example.org/\x1b[2J{number}": "the URL contains a space or a control character",
    "http://example.org/" + "x" * 3000: "the URL is over 2048 characters",
}


@pytest.mark.parametrize("base", list(MALFORMED), ids=range(len(MALFORMED)))
def test_a_malformed_base_url_is_one_input_error_before_any_download(cache, base, monkeypatch):
    with pytest.raises(InputError) as info:
        fetch(["2480"], base_url=base, cache_dir=cache)
    message = str(info.value)
    assert message.startswith(f"malformed base URL {base!r}: ")
    assert MALFORMED[base] in message
    assert "\n" not in message
    assert not cache.exists()
    monkeypatch.setenv(fetch_module.BASE_URL_ENV, base)
    with pytest.raises(InputError, match=r"^malformed \$MANDIFF_BASE_URL "):
        fetch(["2480"], cache_dir=cache)


def test_cli_malformed_base_url_is_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "MANDIFF_DEBUG"}
    env[fetch_module.CACHE_DIR_ENV] = str(tmp_path / "cache")
    env[fetch_module.BASE_URL_ENV] = "http://example.org:port/{number}"
    out = subprocess.run([sys.executable, "-m", "mandiff", "diff", "2480", "2531"], cwd=PROJECT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert out.stderr.splitlines() == ["mandiff: error: malformed $MANDIFF_BASE_URL 'http://example.org:port/{number}': "
                                       "Port could not be cast to integer value as 'port'"]
