"""``mandiff serve``: the same tool as a local web page, for people who never open a terminal.

Compare, Check, Chain and Search as forms; each answer is the report the CLI writes, with every output
to download. It listens on 127.0.0.1 unless told otherwise, answers only requests that name it
(``guard.py``), keeps nothing (``spool.py``) and does the work in worker threads (``app.py``).

Starlette and uvicorn (the ``serve`` extra) are imported here only when the server starts: no other
command loads them.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from typing import Callable

from ..errors import InputError
from ..limits import Limits

DEFAULT_PORT = 8765


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    limits: Limits = field(default_factory=Limits)
    max_request_bytes: int | None = None  # default: three files at the per-file limit, and 1 MiB of fields
    spool: str | None = None  # default: $MANDIFF_SPOOL_DIR, else mandiff-serve-UID in the temporary folder
    workers: int = 4
    db: str | None = None
    open_browser: bool = False

    @property
    def max_request(self) -> int:
        return self.max_request_bytes or 3 * self.limits.max_bytes + 1024 * 1024


def exposure_warning(host: str) -> str | None:
    """What a user must know before listening beyond this machine."""
    from .guard import is_loopback

    if is_loopback(host):
        return None
    return (f"--host {host} lets other machines reach this server: anyone who can reach it can send it files "
            "and read its reports. It still answers only requests addressed to 127.0.0.1, localhost"
            f"{'' if host in ('0.0.0.0', '::') else ' or ' + host}.")


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host.strip("[]"), port), family=family, reuse_port=False)
    except OSError as exc:
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}"
                         + (" (another program uses it: try --port)" if exc.errno == 98 else "")) from None


def _missing_extra(exc: ImportError) -> InputError:
    return InputError(f"mandiff serve needs the 'serve' extra ({exc.name} is not installed): "
                      "pip install 'mandiff[serve]'")


def start(settings: Settings, announce: Callable[[str], None]) -> None:
    """Listen, say where (``announce``), and serve until interrupted (Ctrl-C)."""
    try:
        import uvicorn

        from .app import AppSettings, build
    except ImportError as exc:
        raise _missing_extra(exc) from None
    from .spool import spool_root, sweep

    root = spool_root(settings.spool)
    sweep(root)
    sock = _listen(settings.host, settings.port)
    port = sock.getsockname()[1]
    app = build(AppSettings(limits=settings.limits, max_request=settings.max_request, root=root, port=port,
                            host=settings.host, workers=settings.workers, db=settings.db))
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", server_header=False,
                            proxy_headers=False, http="h11", ws="none", timeout_graceful_shutdown=5)
    shown = "127.0.0.1" if settings.host in ("0.0.0.0", "::") else settings.host
    url = f"http://{'[' + shown + ']' if ':' in shown else shown}:{port}/"
    announce(f"mandiff serve: open {url} in your browser (Ctrl-C stops it); uploads wait in {root} "
             "only while they are read")
    if settings.open_browser:
        import webbrowser

        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:  # Ctrl-C is how a server is stopped: not an error
        pass
    announce("mandiff serve: stopped")
