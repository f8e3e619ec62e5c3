"""What the fetch tests share: PDFs made here with reportlab, and HTTP hosts on 127.0.0.1.

Nothing here talks to the UN: each ``LocalHost`` is a server in a thread of the test process, and
every answer it gives is written by the test that starts it (fictional documents only).
"""

from __future__ import annotations

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from mandiff.fetch import PART_PREFIX, pdf_problem


def render_pdf(title: str, pages: int = 1) -> bytes:
    """A small fictional resolution as a real PDF with a text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for number in range(pages):
        pdf.drawString(72, 760, title)
        pdf.drawString(72, 740, "Fictional test text. The Security Council,")
        pdf.drawString(72, 720, f"{number + 1}. Decides to remain seized of the matter.")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def render_scan_pdf() -> bytes:
    """A valid PDF without a text layer, as a scan is: the first page is blank, the second only
    shapes where the lines of text would be."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.showPage()
    for row in range(30):
        pdf.rect(72, 760 - 18 * row, 400 - 7 * (row % 5), 9, stroke=0, fill=1)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def send(request: BaseHTTPRequestHandler, status: int, body: bytes = b"", content_type: str = "application/pdf",
         headers: dict[str, str] | None = None, length: int | None = None) -> None:
    request.send_response(status)
    request.send_header("Content-Type", content_type)
    request.send_header("Content-Length", str(len(body) if length is None else length))
    for name, value in (headers or {}).items():
        request.send_header(name, value)
    request.end_headers()
    request.wfile.write(body)


def redirect(request: BaseHTTPRequestHandler, location: str, status: int = 302) -> None:
    send(request, status, b"", "text/html", {"Location": location})


class LocalHost:
    """An HTTP server on 127.0.0.1 that answers every GET with ``answer(request)`` and records the raw
    request paths (query included, exactly as sent) in ``paths``."""

    def __init__(self, answer: Callable[[BaseHTTPRequestHandler], None], tls=None):
        self.answer = answer
        self.paths: list[str] = []
        self.lock = threading.Lock()
        host = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def do_GET(self):
                with host.lock:
                    host.paths.append(self.path)
                try:
                    host.answer(self)
                except OSError:
                    pass  # the client gave up, as some tests make it

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        if tls is not None:  # an ssl.SSLContext for the server side: https://
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.origin = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def assert_cache_clean(cache: Path) -> list[Path]:
    """No temporary file, and every file left is a PDF mandiff can read (text layer included)."""
    files = sorted(cache.iterdir()) if cache.is_dir() else []
    assert not [f for f in files if f.name.startswith(PART_PREFIX)]
    for f in files:
        assert pdf_problem(f.read_bytes()) is None, f.name
    return files


def assert_tells_what_to_do(message: str, browser: str, target: Path) -> None:
    """A refusal is one line that names the page to open in a browser and the exact file to save."""
    assert "\n" not in message
    assert browser in message, message
    assert f"save it as {target}" in message or f"save the PDF as {target}" in message, message
