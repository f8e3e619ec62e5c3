"""Download official resolution PDFs so users need not hunt for them, and cache them.

``fetch(["2480", "S/RES/2531 (2020)"])`` returns local PDF paths: from the cache when a good file is
already there, else from the UN document service. The service has several doors (``sources.py``, data
in ``data/sources.toml``), tried in order until one answers with a PDF that PDFium opens and that has
a text layer. What each door says instead is recognised and named: an empty answer (not published
yet), an HTML viewer, a browser check (AWS WAF), a redirect to a non-HTTP address (refused at every
hop). Standard library only, plus the PDF reader to check a file. Every failure is one ``FetchError``
line that gives the URL a person opens in a browser and the exact cache path to save the PDF as.

The cache never holds a partial or unchecked file: a download goes to a ``.part-`` file that is renamed
into place only after the checks pass and is removed on any failure, Ctrl-C, SIGTERM or SIGHUP.
``timeout`` bounds each wait on the network; ``deadline`` bounds one document as a whole (every source,
retry and redirect), because a server that drips a byte before each timeout would otherwise hold the
download for ever.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import http.client
import os
import secrets
import shutil
import signal
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from . import registry
from ._version import __version__
from .errors import FetchError, FormatError, InputError, MandiffError
from .limits import DEFAULT_LIMITS
from .sources import Source, browser_url, download_sources, expand, template_of
from .symbols import Symbol, looks_like_symbol, parse_symbol

BASE_URL_ENV = "MANDIFF_BASE_URL"
CACHE_DIR_ENV = "MANDIFF_CACHE_DIR"
DEFAULT_TIMEOUT = 30.0
DEFAULT_DEADLINE = 300.0  # one document, all sources and retries: a 20 MB PDF at 70 KB/s
USER_AGENT = f"mandiff/{__version__} (+https://pypi.org/project/mandiff/)"
CHUNK = 64 * 1024
PDF_MAGIC = b"%PDF-"
MAGIC_WINDOW = 1024  # PDF readers accept the header anywhere in the first 1 KiB
EOF_WINDOW = 8192  # and "%%EOF" near the end (the window ingest/pdf.py accepts); without it: cut short
WAF_HEADER = "x-amzn-waf-action"  # AWS WAF's answer to a client it wants to test in a browser
PART_PREFIX = ".part-"


@dataclass(frozen=True)
class FetchProgress:
    """What a progress bar needs: called per chunk and once per finished file (``done``)."""

    symbol: str
    index: int  # 0-based position of this document in the request
    count: int  # how many documents (symbols x languages) were asked for
    received: int  # bytes of this file so far
    total: int | None  # Content-Length when the server sent one
    done: bool = False
    cached: bool = False


ProgressCallback = Callable[[FetchProgress], None]


@dataclass(frozen=True)
class _Options:
    timeout: float
    retries: int
    backoff: float
    deadline: float


class _Transient(Exception):
    """A failure worth retrying at the same source: timeout, 5xx, dropped connection, truncated body."""


class _Refused(Exception):
    """This source definitely did not give the PDF; ``kind`` says why, for the summary. Try the next."""

    def __init__(self, detail: str, kind: str = "other"):
        super().__init__(detail)
        self.kind = kind


class _Expired(Exception):
    """The document's deadline passed."""


class _Terminated(BaseException):
    """SIGTERM or SIGHUP arrived during a download (a BaseException: no ``except Exception`` eats it)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def cache_root(override: str | os.PathLike | None = None) -> Path:
    """Where fetched PDFs are kept: the argument, else $MANDIFF_CACHE_DIR, else the user cache dir."""
    if override:
        return Path(override)
    env = os.environ.get(CACHE_DIR_ENV)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("mandiff")) / "resolutions"


def file_name(sym: Symbol, lang: str) -> str:
    """The cache name, in the corpus' style: S_RES_2480_2019_EN.pdf."""
    return f"S_RES_{sym.number:04d}_{sym.year}_{lang.upper()}.pdf"


# ---- what a file is -----------------------------------------------------------------------------

def pdf_problem(data: bytes) -> str | None:
    """Why ``data`` is not a resolution PDF mandiff can read, or None: it must have the PDF header
    and end marker, open in PDFium, and carry text on at least one page (a scan has none)."""
    if PDF_MAGIC not in data[:MAGIC_WINDOW]:
        return "not a PDF"
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        return "a PDF cut short (no end marker)"
    from .ingest.pdf import ENCRYPTED, _open

    damaged = "a damaged PDF"
    try:
        pdf = _open(data, "download")
    except FormatError as exc:
        return "an encrypted PDF" if exc.message == ENCRYPTED else damaged
    try:
        for index in range(min(len(pdf), DEFAULT_LIMITS.max_pages)):
            page = pdf[index]
            textpage = page.get_textpage()
            has_text = textpage.count_chars() > 0 and bool(textpage.get_text_range().strip())
            textpage.close()
            page.close()
            if has_text:
                return None
        return "a PDF without a text layer (a scan, or empty pages)"
    except Exception:  # noqa: BLE001 - PDFium fails in its own ways on damaged pages
        return damaged
    finally:
        pdf.close()


def _cached_problem(path: Path) -> str | None:
    """Why the cached file cannot be used (None when it can); OSError when there is none to read."""
    with open(path, "rb") as fh:  # a missing file, or a cache "folder" that is a file, raises here
        data = fh.read(DEFAULT_LIMITS.max_bytes + 1)
    if len(data) > DEFAULT_LIMITS.max_bytes:
        return f"over the limit of {DEFAULT_LIMITS.max_bytes:,} bytes"
    return pdf_problem(data)


# ---- the cache folder ---------------------------------------------------------------------------

def _folder_error(exc: OSError, folder: Path, role: str, error=FetchError) -> MandiffError:
    """One line for a folder that cannot be written: full, read-only, or a file."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        why, advice = "the disk is full", "free some space"
    elif isinstance(exc, (FileExistsError, NotADirectoryError)):
        why, advice = "it (or a folder above it) is a file, not a folder", "move that file away"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why, advice = "it is read-only", "make it writable"
    else:
        why, advice = exc.strerror or type(exc).__name__, "check it"
    if role == "cache folder":
        advice += f" or set ${CACHE_DIR_ENV} to another folder"
    return error(f"cannot write to the {role}: {why}; {advice}", source=str(folder))


@contextlib.contextmanager
def _part_file(folder: Path):
    """A new ``.part-`` file in ``folder``, removed on leaving (unless renamed into place first).

    The name is chosen before the file exists and removed in ``finally``, so no signal can fall
    between creating it and being responsible for it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _folder_error(exc, folder, "cache folder") from None
    path = folder / f"{PART_PREFIX}{os.getpid()}-{secrets.token_hex(6)}.pdf"
    try:
        try:
            fh = open(path, "x+b", buffering=0)
        except OSError as exc:
            raise _folder_error(exc, folder, "cache folder") from None
        with fh:
            yield path, fh
    finally:
        with contextlib.suppress(OSError):  # gone already (renamed into place), or never made (read-only)
            path.unlink()


def _write(fh, chunk: bytes, folder: Path) -> None:
    """Write all of ``chunk`` to the unbuffered part file, so a full disk is seen here and not later."""
    view = memoryview(chunk)
    try:
        while view:
            view = view[fh.write(view):]
    except OSError as exc:
        raise _folder_error(exc, folder, "cache folder") from None


def _install(path: Path, fh, target: Path) -> None:
    """Make the checked download the cached file: flushed to disk, then renamed in one step."""
    try:
        os.fsync(fh.fileno())
        fh.close()
        os.replace(path, target)
    except OSError as exc:
        raise _folder_error(exc, target.parent, "cache folder") from None


# ---- the network, bounded ----------------------------------------------------------------------

class _Deadline:
    """The wall-clock bound on one document. When it passes, every socket of the download is shut
    down, which ends whatever read or header line is waiting, however slowly the server drips its
    bytes (a socket timeout bounds only one wait)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> "_Deadline":
        self.end = time.monotonic() + self.seconds
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:  # the plain socket's shutdown, also for a TLS socket: it must not touch the TLS state
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


class _WatchedConnection:
    """Mixin for http.client connections: every socket is handed to the deadline as soon as it exists
    (the TCP socket, which a proxy tunnel reads on, then the TLS socket that wraps it). A TLS
    handshake needs no watching: CPython bounds it as a whole by the socket timeout, and the timeout
    given is never more than the time left before the deadline."""

    def __init__(self, *args, deadline: _Deadline, **kwargs):
        super().__init__(*args, **kwargs)
        self._deadline = deadline
        create = self._create_connection

        def create_watched(*a, **k):
            sock = create(*a, **k)
            deadline.watch(sock)
            return sock

        self._create_connection = create_watched

    def connect(self):
        super().connect()
        self._deadline.watch(self.sock)


class _WatchedHTTP(_WatchedConnection, http.client.HTTPConnection):
    pass


class _WatchedHTTPS(_WatchedConnection, http.client.HTTPSConnection):
    pass


class _WatchedHandler(urllib.request.HTTPSHandler, urllib.request.HTTPHandler):
    """Opens http:// and https:// through connections whose sockets the deadline watches."""

    def __init__(self, deadline: _Deadline):
        super().__init__()
        self._deadline = deadline

    def http_open(self, req):
        return self.do_open(functools.partial(_WatchedHTTP, deadline=self._deadline), req)

    def https_open(self, req):
        return self.do_open(functools.partial(_WatchedHTTPS, deadline=self._deadline), req)


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to http(s), checked at every hop (urllib alone follows ftp://)."""

    def http_error_302(self, req, fp, code, msg, headers):
        location = headers.get("location") or headers.get("uri")
        if location:
            newurl = urllib.parse.urljoin(req.full_url, location)
            if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
                fp.close()
                raise _Refused(f"{_host(req.full_url)} redirected to {_shown(newurl)}, not an http(s) address: refused",
                               "redirect")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener(deadline: _Deadline) -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_WatchedHandler(deadline), _RedirectHandler())


def _host(url: str) -> str:
    try:
        return urllib.parse.urlsplit(url).hostname or _shown(url)
    except ValueError:
        return _shown(url)


def _shown(text: object, limit: int = 120) -> str:
    """A server-supplied string made safe for a one-line message: printable, and short."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in str(text))
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def _reason_is_timeout(reason: object) -> bool:
    return isinstance(reason, (TimeoutError, socket.timeout)) or "timed out" in str(reason)


def _challenge(host: str, status: int) -> _Refused:
    return _Refused(f"{host} answered HTTP {status} with a browser check", "challenge")


def _attempt(opener, url: str, fh, folder: Path, timeout: float, deadline: _Deadline,
             report: Callable[[int, int | None], None]) -> str:
    """One request, streamed into ``fh`` (emptied first). Returns the URL it ended at; raises
    ``_Transient`` (try again) or ``_Refused`` (this source will not give the PDF)."""
    fh.seek(0)
    fh.truncate()
    host = _host(url)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/pdf"})
    wait = max(min(timeout, deadline.remaining()), 0.01)
    try:
        response = opener.open(request, timeout=wait)
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.headers and exc.headers.get(WAF_HEADER):
            raise _challenge(host, exc.code) from None
        if 300 <= exc.code < 400:
            raise _Refused(f"{host} redirected too often, or without saying where (HTTP {exc.code})", "redirect") from None
        if exc.code >= 500 or exc.code == 429:
            raise _Transient(f"HTTP {exc.code} from {host}") from None
        if exc.code == 404:
            raise _Refused(f"not found at {url} (HTTP 404)", "not-found") from None
        raise _Refused(f"{host} refused the download (HTTP {exc.code})", "refused") from None
    except urllib.error.URLError as exc:
        if _reason_is_timeout(exc.reason):
            raise _Transient(f"no answer from {host} within {timeout:g} s") from None
        if isinstance(exc.reason, ConnectionResetError):
            raise _Transient(f"connection to {host} was reset") from None
        raise _Refused(f"cannot reach {host}: {_shown(exc.reason)}", "unreachable") from None
    except (TimeoutError, socket.timeout):
        raise _Transient(f"no answer from {host} within {timeout:g} s") from None
    except (ConnectionError, http.client.HTTPException) as exc:
        raise _Transient(f"connection to {host} failed ({exc.__class__.__name__})") from None
    except ValueError as exc:  # http.client.InvalidURL: a redirect to a malformed address
        raise _Refused(f"{host} redirected to an invalid address ({_shown(exc)})", "redirect") from None

    with response:
        final = response.geturl()
        host = _host(final)
        if response.status == 202 or response.headers.get(WAF_HEADER):
            raise _challenge(host, response.status)
        declared = response.headers.get("Content-Length")
        total = int(declared) if declared and declared.isdigit() else None
        limit = DEFAULT_LIMITS.max_bytes
        if total is not None and total > limit:
            raise _Refused(f"{final} is {total:,} bytes, over the limit of {limit:,}", "other")
        received = 0
        head = b""
        try:
            while True:
                chunk = response.read(CHUNK)
                if not chunk:
                    break
                if len(head) < MAGIC_WINDOW:
                    head += chunk
                    if len(head) >= MAGIC_WINDOW:
                        _check_magic(head, response, final)
                received += len(chunk)
                if received > limit:
                    raise _Refused(f"{final} is over the limit of {limit:,} bytes", "other")
                _write(fh, chunk, folder)
                report(received, total)
        except (TimeoutError, socket.timeout):
            raise _Transient(f"{host} stopped sending after {received:,} bytes (timeout)") from None
        except http.client.IncompleteRead:
            raise _Transient(f"truncated download from {host}: connection closed after {received:,} bytes") from None
        except (ConnectionError, http.client.HTTPException) as exc:
            raise _Transient(f"connection to {host} failed mid-download ({exc.__class__.__name__})") from None
    if received == 0:
        raise _Refused(f"{host} sent an empty answer (HTTP {response.status})", "unpublished")
    if len(head) < MAGIC_WINDOW:
        _check_magic(head, response, final)
    if total is not None and received != total:
        raise _Transient(f"truncated download from {host}: received {received:,} of {total:,} bytes")
    fh.seek(max(0, received - EOF_WINDOW))
    if b"%%EOF" not in fh.read():
        raise _Transient(f"truncated download from {host}: the PDF has no end marker ({received:,} bytes)")
    return final


def _check_magic(head: bytes, response, url: str) -> None:
    if PDF_MAGIC in head[:MAGIC_WINDOW]:
        return
    kind = (response.headers.get("Content-Type") or "unknown type").split(";")[0].strip()
    if b"<html" in head[:MAGIC_WINDOW].lower() or "html" in kind:
        raise _Refused(f"{url} sent an HTML page, not a PDF", "html")
    raise _Refused(f"{url} sent {_shown(kind, 60)} content, not a PDF", "other")


def _from_source(opener, url: str, fh, folder: Path, opts: _Options, deadline: _Deadline, report) -> str:
    """The PDF from one URL, with ``opts.retries`` more attempts after a transient failure."""
    attempt = 0
    while True:
        if deadline.remaining() <= 0:
            raise _Expired()
        try:
            final = _attempt(opener, url, fh, folder, opts.timeout, deadline, report)
            if deadline.expired:  # the body may have been cut where a server sends no length
                raise _Expired()
            return final
        except (MandiffError, _Expired):
            raise  # the cache folder, not the network
        except Exception as exc:
            if deadline.expired:  # the watchdog cut the connection: whatever broke, that is why
                raise _Expired() from None
            if not isinstance(exc, _Transient):
                raise
            if attempt >= opts.retries:
                tries = f"{attempt + 1} attempt" + ("s" if attempt else "")
                raise _Refused(f"{exc} ({tries})", "transient") from None
            delay = opts.backoff * (2**attempt)
            if delay >= deadline.remaining():
                raise _Expired() from None
            time.sleep(delay)
            attempt += 1


# ---- one document -------------------------------------------------------------------------------

def _hint(sym: Symbol, lang: str, target: Path, unpublished: bool) -> str:
    where = browser_url(sym, lang)
    if unpublished:
        return f"If a browser finds it at {where}, save the PDF as {target} and run again."
    return f"Download the PDF in a browser from {where} and save it as {target}, or pass the file instead of the symbol."


def _failure(sym: Symbol, lang: str, target: Path, failures: list[_Refused], expired_after: float | None,
             stale: str | None) -> FetchError:
    """One line: what went wrong at each source, what it means, and what the user does next."""
    kinds = {f.kind for f in failures}
    details = "; ".join(str(f) for f in failures)
    if expired_after is not None:
        headline = f"gave up at the deadline of {expired_after:g} s for one document"
    elif "unpublished" in kinds:
        headline = "not published on the UN document service yet"
    elif "challenge" in kinds:
        headline = "the UN service asked for a browser check"
    elif kinds == {"unreachable"}:
        headline = "no network?"
    else:
        headline = ""
    if headline and details:
        message = f"{headline} ({details})."
    else:
        message = (headline or details) + "."
    if stale:
        message += f" The file already in the cache was not used: {stale}."
    message += " " + _hint(sym, lang, target, unpublished=expired_after is None and "unpublished" in kinds)
    return FetchError(message, source=str(sym))


def _download(sym: Symbol, lang: str, target: Path, sources: Sequence[Source], origin: str | None, opts: _Options,
              report, stale: str | None) -> None:
    """Put a checked PDF of ``sym`` in ``lang`` at ``target``, from the first source that gives one."""
    failures: list[_Refused] = []
    with _Deadline(opts.deadline) as deadline, _part_file(target.parent) as (part, fh):
        opener = _opener(deadline)
        for source in sources:
            url = expand(source.template, sym, lang, origin)
            try:
                final = _from_source(opener, url, fh, target.parent, opts, deadline, report)
            except _Refused as exc:
                failures.append(exc)
                continue
            except _Expired:
                raise _failure(sym, lang, target, failures, opts.deadline, stale) from None
            fh.seek(0)
            problem = pdf_problem(fh.read())
            if problem:
                failures.append(_Refused(f"{final} sent {problem}", "not-pdf"))
                continue
            _install(part, fh, target)
            return
    raise _failure(sym, lang, target, failures, None, stale)


def _sources(base_url: str | None) -> tuple[tuple[Source, ...], str | None]:
    """The sources to try and what to call them in an error: the user's base URL, or the shipped list."""
    given = base_url or os.environ.get(BASE_URL_ENV)
    if given:
        origin = ("base URL" if base_url else f"${BASE_URL_ENV}") + f" {given!r}"
        return (Source(origin, template_of(given)),), origin
    return download_sources(), None


def _languages(lang: str | Iterable[str] | None) -> list[str]:
    wanted = [lang] if isinstance(lang, str) or lang is None else list(lang)
    out: list[str] = []
    for item in wanted:
        code = (item or "en").lower()
        if code not in registry.LANGUAGES:
            raise InputError(f"unknown language {code!r}; use one of {', '.join(registry.LANGUAGES)}")
        if code not in out:
            out.append(code)
    return out or ["en"]


@contextlib.contextmanager
def _terminations_clean_up():
    """SIGTERM and SIGHUP end Python at once by default, skipping the clean-up that removes a ``.part-``
    file. While downloads run they raise instead, where no one installed a handler of their own and
    only in the main thread (where Python allows it); after the clean-up the signal is delivered again
    with its default action, so the process still ends as it would have."""
    installed: dict[int, object] = {}
    if threading.current_thread() is threading.main_thread():
        for name in ("SIGTERM", "SIGHUP"):
            signum = getattr(signal, name, None)
            if signum is not None and signal.getsignal(signum) == signal.SIG_DFL:
                installed[signum] = signal.signal(signum, _raise_terminated)
    try:
        yield
    except _Terminated as exc:
        for signum in installed:
            signal.signal(signum, signal.SIG_DFL)
        installed.clear()
        os.kill(os.getpid(), exc.signum)
        raise SystemExit(128 + exc.signum) from None  # only where the signal did not end the process
    finally:
        for signum, previous in installed.items():
            signal.signal(signum, previous)


def _raise_terminated(signum, frame):
    for name in ("SIGTERM", "SIGHUP"):  # a second signal must not interrupt the clean-up
        if getattr(signal, name, None) is not None:
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    raise _Terminated(signum)


def _resolve(symbol: str | Symbol) -> Symbol:
    """Parse a typed symbol and fill in its year from the registry when it was left out."""
    sym = symbol if isinstance(symbol, Symbol) else parse_symbol(str(symbol))
    return registry.complete_symbol(sym)


def fetch(
    symbols: Iterable[str | Symbol] | str,
    lang: str | Iterable[str] = "en",
    dest: str | os.PathLike | None = None,
    base_url: str | None = None,
    cache_dir: str | os.PathLike | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    retries: int = 3,
    progress: ProgressCallback | None = None,
    backoff: float = 1.0,
    deadline: float = DEFAULT_DEADLINE,
    refresh: bool = False,
) -> list[Path]:
    """Local PDF paths for ``symbols`` in each language of ``lang`` (symbol by symbol), downloading
    the ones not yet cached.

    With ``dest`` the PDFs are also copied there and those paths are returned. ``retries`` more
    attempts follow a timeout, a 5xx answer or a truncated body at the same source, waiting
    ``backoff`` * 2**n seconds; ``timeout`` bounds each wait, ``deadline`` each document. ``refresh``
    downloads again although the cache has the file (replaced only by a file that passes the checks).
    """
    if isinstance(symbols, (str, Symbol)):
        symbols = [symbols]
    langs = _languages(lang)
    resolved = [_resolve(s) for s in symbols]  # fail on a bad symbol before downloading anything
    sources, origin = _sources(base_url)
    for source in sources[: 1 if resolved else 0]:
        expand(source.template, resolved[0], langs[0], origin)  # a malformed base URL fails before anything
    opts = _Options(timeout, retries, backoff, deadline)
    store = cache_root(cache_dir)
    out_dir = Path(dest) if dest else None
    wanted = [(sym, code) for sym in resolved for code in langs]
    paths: list[Path] = []
    with _terminations_clean_up():
        for index, (sym, code) in enumerate(wanted):
            target = store / file_name(sym, code)
            stale = None
            cached = False
            if not refresh:
                try:
                    stale = _cached_problem(target)
                    cached = stale is None
                except OSError:
                    pass  # no file yet (or no cache folder: the download says why it cannot make one)
            if not cached:

                def report(received: int, total: int | None, _sym=sym, _i=index) -> None:
                    if progress:
                        progress(FetchProgress(str(_sym), _i, len(wanted), received, total))

                _download(sym, code, target, sources, origin, opts, report, stale)
            if progress:
                size = target.stat().st_size
                progress(FetchProgress(str(sym), index, len(wanted), size, size, done=True, cached=cached))
            paths.append(_copy_to(target, out_dir) if out_dir else target)
    return paths


def fetch_chain(name: str, **kwargs) -> list[Path]:
    """Fetch every resolution of a mandate chain (``fetch_chain("minusma")``), oldest first."""
    return fetch(registry.chain(name).symbols, **kwargs)


def _copy_to(source: Path, out_dir: Path) -> Path:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _folder_error(exc, out_dir, "destination folder", InputError) from None
    target = out_dir / source.name
    if target.resolve() == source.resolve():
        return target
    tmp = out_dir / f"{PART_PREFIX}{os.getpid()}-{secrets.token_hex(6)}.pdf"
    try:
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    except OSError as exc:
        raise _folder_error(exc, out_dir, "destination folder", InputError) from None
    finally:
        tmp.unlink(missing_ok=True)
    return target


def resolve_input(arg: str, **fetch_kwargs) -> Path:
    """A path to read for a command-line argument: the file itself, or the fetched PDF for a symbol.

    An existing file always wins, so a file named ``2480`` is read, not downloaded. ``-`` (standard
    input) is passed through.
    """
    if arg == "-":
        return Path("-")
    path = Path(arg)
    if path.is_dir():
        raise InputError("is a directory, not a file", source=arg)
    if path.exists():
        return path
    if looks_like_symbol(arg):
        return fetch([arg], **fetch_kwargs)[0]
    raise InputError("no such file (and not a resolution symbol such as S/RES/2480 (2019))", source=arg)
