"""A real ``mandiff serve`` in a subprocess for the tests, and plain HTTP clients for it.

The server runs as a user would start it (the ``serve`` command, on port 0), with its spool root, its
download cache and its index in the test's temporary folder, and SOURCE_DATE_EPOCH set so that its
reports say the same "made" date as the CLI's. Requests go only to 127.0.0.1.
"""

from __future__ import annotations

import html
import http.client
import os
import re
import secrets
import select
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SOURCE_DATE_EPOCH = "1798761600"  # 1 January 2027, 00:00 UTC


def require_serve_extra() -> None:
    for name in ("starlette", "uvicorn", "python_multipart"):
        try:
            __import__(name)
        except ImportError:
            pytest.skip(f"the 'serve' extra is not installed ({name}): pip install -e '.[test]'")


def environment(tmp: Path, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MANDIFF_")}
    env.update(SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, MANDIFF_CACHE_DIR=str(tmp / "cache"), MANDIFF_DB=str(tmp / "none.sqlite"),
               MANDIFF_BASE_URL="http://127.0.0.1:9/{symbol_enc}")  # a symbol missing from the cache fails at once, offline
    env.update(extra)
    return env


@dataclass
class Server:
    url: str
    port: int
    root: Path  # the spool root
    process: subprocess.Popen
    output: list[str] = field(default_factory=list)

    def spooled(self) -> list[Path]:
        """Everything under the spool root: request folders and their files (the server may be
        removing some while this looks)."""
        while True:
            try:
                return sorted(self.root.rglob("*"))
            except FileNotFoundError:
                continue

    def wait_for_empty_root(self, seconds: float = 10.0) -> list[Path]:
        """The spool root once the server has finished cleaning up (bounded wait, not a timing check)."""
        deadline = time.monotonic() + seconds
        while self.spooled() and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.spooled()


@contextmanager
def running_server(tmp: Path, *args: str, env: dict | None = None):
    """``mandiff serve --port 0 ARGS`` until the block ends; the spool root is ``tmp/spool``."""
    require_serve_extra()
    root = tmp / "spool"
    command = [sys.executable, "-m", "mandiff", "serve", "--port", "0", "--spool", str(root), *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=env or environment(tmp), cwd=tmp)
    try:
        line = _first_line(process)
        match = re.search(r"open (http://127\.0\.0\.1:(\d+)/)", line)
        assert match, f"mandiff serve did not say where it listens: {line!r}"
        yield Server(match.group(1).rstrip("/"), int(match.group(2)), root, process, [line])
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _first_line(process: subprocess.Popen, seconds: float = 30.0) -> str:
    ready, _, _ = select.select([process.stdout], [], [], seconds)
    if not ready:
        raise AssertionError("mandiff serve said nothing within 30 s")
    line = process.stdout.readline()
    if not line:
        raise AssertionError(f"mandiff serve stopped: exit {process.wait()}")
    return line


# ---- HTTP -----------------------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def request(server: Server, method: str, path: str, body: bytes = b"", headers: dict | None = None) -> Answer:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    try:
        conn.request(method, path, body=body or None, headers=headers or {})
        response = conn.getresponse()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        conn.close()


@dataclass(frozen=True)
class Session:
    cookie: str  # "name=value"
    token: str


def session(server: Server, page: str = "compare") -> Session:
    """Open a form page as a browser would: its cookie and the CSRF token in its form."""
    answer = request(server, "GET", f"/{page}")
    assert answer.status == 200, answer.status
    cookie = answer.headers["set-cookie"].split(";", 1)[0]
    token = re.search(r'name="csrf" value="([^"]+)"', answer.text).group(1)
    return Session(cookie, token)


def multipart(fields: list[tuple[str, str]], files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body (fields first, in order, then files) and its Content-Type."""
    boundary = "----mandiff" + secrets.token_hex(12)
    out = bytearray()
    for name, value in fields:
        out += (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n').encode() + value.encode() + b"\r\n"
    for name, filename, data in files:
        out += (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n").encode() + data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out), f"multipart/form-data; boundary={boundary}"


def post(server: Server, page: str, s: Session | None, fields: list[tuple[str, str]] = (),
         files: list[tuple[str, str, bytes]] = (), token: bool = True, headers: dict | None = None) -> Answer:
    fields = ([("csrf", s.token)] if s is not None and token else []) + list(fields)
    body, kind = multipart(fields, list(files))
    sent = {"Content-Type": kind, **({"Cookie": s.cookie} if s is not None else {}), **(headers or {})}
    return request(server, "POST", f"/{page}", body, sent)


def error_on_form(answer: Answer) -> str:
    """The message of the form's error box, as text."""
    match = re.search(r'<div class="error" role="alert" id="error">\s*<p><strong>Not done:</strong> (.*?)</p>', answer.text, re.S)
    return html.unescape(match.group(1)) if match else ""


def downloads(answer: Answer) -> dict[str, tuple[str, bytes]]:
    """Every download link of a result page: format -> (file name, the bytes of its data: URL)."""
    import base64

    out = {}
    for url, name, fmt in re.findall(r'<a href="(data:[^"]+)" download="([^"]+)" data-format="([^"]+)"', answer.text):
        out[fmt] = (name, base64.b64decode(url.split(";base64,", 1)[1]))
    return out


def report_in(answer: Answer) -> str:
    """The HTML report a result page shows in its frame."""
    return html.unescape(re.search(r'srcdoc="([^"]*)"', answer.text).group(1))


def raw_connection(server: Server) -> socket.socket:
    return socket.create_connection(("127.0.0.1", server.port), timeout=30)


def read_status(sock: socket.socket) -> int:
    """The status code of the answer on a raw connection (its first line)."""
    data = b""
    while b"\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return int(data.split(b" ", 2)[1]) if data else 0
