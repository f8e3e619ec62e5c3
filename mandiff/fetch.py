"""Download official resolution PDFs so users need not hunt for them, and cache them.

``fetch(["2480", "S/RES/2531 (2020)"])`` returns local PDF paths: from the cache when the file is
already there, else from the UN document service (``https://undocs.org/{lang}/S/RES/{number}({year})``,
redirects followed). Standard library only. Every failure is one ``FetchError`` line that says what
to do; the cache never holds a partial or non-PDF file (downloads go to a temporary file that is
renamed into place only after the checks pass).
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from . import registry
from ._version import __version__
from .errors import FetchError, InputError
from .limits import DEFAULT_LIMITS
from .symbols import Symbol, looks_like_symbol, parse_symbol

DEFAULT_BASE_URL = "https://undocs.org/{lang}/S/RES/{number}({year})"
BASE_URL_ENV = "MANDIFF_BASE_URL"
CACHE_DIR_ENV = "MANDIFF_CACHE_DIR"
USER_AGENT = f"mandiff/{__version__} (+https://pypi.org/project/mandiff/)"
CHUNK = 64 * 1024
PDF_MAGIC = b"%PDF-"
MAGIC_WINDOW = 1024  # PDF readers accept the header anywhere in the first 1 KiB
EOF_WINDOW = 2048  # and find "%%EOF" near the end; a file without it was cut short


@dataclass(frozen=True)
class FetchProgress:
    """What a progress bar needs: called per chunk and once per finished file (``done``)."""

    symbol: str
    index: int  # 0-based position of this symbol in the request
    count: int  # how many symbols were asked for
    received: int  # bytes of this file so far
    total: int | None  # Content-Length when the server sent one
    done: bool = False
    cached: bool = False


ProgressCallback = Callable[[FetchProgress], None]


class _Transient(Exception):
    """A failure worth retrying: timeout, 5xx, dropped connection, truncated body."""


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


def document_url(sym: Symbol, lang: str, base_url: str | None = None) -> str:
    """The download URL: ``base_url`` (or $MANDIFF_BASE_URL) is a template with {lang}, {number}, {year}.

    A base without placeholders is a prefix to which ``/{lang}/S/RES/{number}({year})`` is appended.
    """
    base = base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    if not base.lower().startswith(("http://", "https://")):
        raise InputError(f"base URL must start with http:// or https://: {base!r}")
    if "{" not in base:
        base = base.rstrip("/") + "/{lang}/S/RES/{number}({year})"
    try:
        return base.format(lang=lang, number=sym.number, year=sym.year, symbol=sym.compact)
    except (KeyError, IndexError, ValueError) as exc:
        raise InputError(f"base URL template {base!r} is malformed (use {{lang}}, {{number}}, {{year}}): {exc}") from None


def _looks_like_pdf(head: bytes) -> bool:
    return PDF_MAGIC in head[:MAGIC_WINDOW]


def _is_good_pdf_file(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(MAGIC_WINDOW)
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - EOF_WINDOW))
            tail = fh.read()
    except OSError:
        return False
    return _looks_like_pdf(head) and b"%%EOF" in tail


def _manual_hint(sym: Symbol, lang: str) -> str:
    return f"download {registry.official_url(sym, lang)} yourself and pass the file path"


def _reason_is_timeout(reason: object) -> bool:
    return isinstance(reason, (TimeoutError, socket.timeout)) or "timed out" in str(reason)


def _download_once(url: str, fh, sym: Symbol, lang: str, timeout: float, report: Callable[[int, int | None], None]) -> None:
    """One attempt: stream ``url`` into ``fh`` (truncated first), checking it is a complete PDF."""
    fh.seek(0)
    fh.truncate()
    host = urllib.parse.urlsplit(url).hostname or url
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/pdf"})
    try:
        response = urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 - scheme checked in document_url
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code >= 500 or exc.code == 429:
            raise _Transient(f"HTTP {exc.code} from {host}") from None
        if exc.code == 404:
            raise FetchError(f"not found at {url} (HTTP 404): check the number and year", source=str(sym)) from None
        raise FetchError(f"{host} refused the download (HTTP {exc.code}); {_manual_hint(sym, lang)}", source=str(sym)) from None
    except urllib.error.URLError as exc:
        if _reason_is_timeout(exc.reason):
            raise _Transient(f"no answer from {host} within {timeout:g} s") from None
        if isinstance(exc.reason, ConnectionResetError):
            raise _Transient(f"connection to {host} was reset") from None
        raise FetchError(f"cannot reach {host}: no network? {_manual_hint(sym, lang)}", source=str(sym)) from None
    except (TimeoutError, socket.timeout):
        raise _Transient(f"no answer from {host} within {timeout:g} s") from None
    except (ConnectionError, http.client.HTTPException) as exc:
        raise _Transient(f"connection to {host} failed ({exc.__class__.__name__})") from None

    with response:
        declared = response.headers.get("Content-Length")
        total = int(declared) if declared and declared.isdigit() else None
        limit = DEFAULT_LIMITS.max_bytes
        if total is not None and total > limit:
            raise FetchError(f"{url} is {total:,} bytes, over the limit of {limit:,}", source=str(sym))
        received = 0
        head = b""
        checked = False
        try:
            while True:
                chunk = response.read(CHUNK)
                if not chunk:
                    break
                if not checked:
                    head += chunk
                    if len(head) >= MAGIC_WINDOW:
                        _check_magic(head, response, url, sym, lang)
                        checked = True
                received += len(chunk)
                if received > limit:
                    raise FetchError(f"{url} is over the limit of {limit:,} bytes", source=str(sym))
                fh.write(chunk)
                report(received, total)
        except (TimeoutError, socket.timeout):
            raise _Transient(f"{host} stopped sending after {received:,} bytes (timeout)") from None
        except http.client.IncompleteRead:
            raise _Transient(f"truncated download from {host}: connection closed after {received:,} bytes") from None
        except (ConnectionError, http.client.HTTPException) as exc:
            raise _Transient(f"connection to {host} failed mid-download ({exc.__class__.__name__})") from None
    if not checked:
        _check_magic(head, response, url, sym, lang)
    if total is not None and received != total:
        raise _Transient(f"truncated download from {host}: received {received:,} of {total:,} bytes")
    fh.flush()
    fh.seek(max(0, received - EOF_WINDOW))
    if b"%%EOF" not in fh.read():
        raise _Transient(f"truncated download from {host}: the PDF has no end marker ({received:,} bytes)")


def _check_magic(head: bytes, response, url: str, sym: Symbol, lang: str) -> None:
    if _looks_like_pdf(head):
        return
    kind = (response.headers.get("Content-Type") or "unknown type").split(";")[0].strip()
    what = "an HTML page" if b"<html" in head[:MAGIC_WINDOW].lower() or "html" in kind else f"{kind} content"
    raise FetchError(f"{url} sent {what}, not a PDF (an error page?); {_manual_hint(sym, lang)}", source=str(sym))


def _download(url: str, target: Path, sym: Symbol, lang: str, timeout: float, retries: int, backoff: float,
              report: Callable[[int, int | None], None]) -> None:
    """Download to a temporary file beside ``target`` and rename it into place only when complete."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".part-", suffix=".pdf")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w+b") as fh:
            attempt = 0
            while True:
                try:
                    _download_once(url, fh, sym, lang, timeout, report)
                    break
                except _Transient as exc:
                    if attempt >= retries:
                        tries = f"{attempt + 1} attempt" + ("s" if attempt else "")
                        raise FetchError(f"{exc} ({tries}); try again later or {_manual_hint(sym, lang)}", source=str(sym)) from None
                    time.sleep(backoff * (2**attempt))
                    attempt += 1
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _resolve(symbol: str | Symbol) -> Symbol:
    """Parse a typed symbol and fill in its year from the registry when it was left out."""
    sym = symbol if isinstance(symbol, Symbol) else parse_symbol(str(symbol))
    return registry.complete_symbol(sym)


def fetch(
    symbols: Iterable[str | Symbol] | str,
    lang: str = "en",
    dest: str | os.PathLike | None = None,
    base_url: str | None = None,
    cache_dir: str | os.PathLike | None = None,
    timeout: float = 30.0,
    retries: int = 3,
    progress: ProgressCallback | None = None,
    backoff: float = 1.0,
) -> list[Path]:
    """Local PDF paths for ``symbols``, downloading the ones not yet cached.

    With ``dest`` the PDFs are also copied there and those paths are returned. ``retries`` more
    attempts follow a timeout, a 5xx answer or a truncated body, waiting ``backoff`` * 2**n seconds.
    """
    if isinstance(symbols, (str, Symbol)):
        symbols = [symbols]
    lang = (lang or "en").lower()
    if lang not in registry.LANGUAGES:
        raise InputError(f"unknown language {lang!r}; use one of {', '.join(registry.LANGUAGES)}")
    resolved = [_resolve(s) for s in symbols]  # fail on a bad symbol before downloading anything
    store = cache_root(cache_dir)
    out_dir = Path(dest) if dest else None
    paths: list[Path] = []
    for index, sym in enumerate(resolved):
        target = store / file_name(sym, lang)
        cached = _is_good_pdf_file(target)
        if not cached:
            url = document_url(sym, lang, base_url)

            def report(received: int, total: int | None, _sym=sym, _i=index) -> None:
                if progress:
                    progress(FetchProgress(str(_sym), _i, len(resolved), received, total))

            _download(url, target, sym, lang, timeout, retries, backoff, report)
        if progress:
            size = target.stat().st_size
            progress(FetchProgress(str(sym), index, len(resolved), size, size, done=True, cached=cached))
        paths.append(_copy_to(target, out_dir) if out_dir else target)
    return paths


def fetch_chain(name: str, **kwargs) -> list[Path]:
    """Fetch every resolution of a mandate chain (``fetch_chain("minusma")``), oldest first."""
    return fetch(registry.chain(name).symbols, **kwargs)


def _copy_to(source: Path, out_dir: Path) -> Path:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the destination folder ({exc.strerror})", source=str(out_dir)) from None
    target = out_dir / source.name
    if target.resolve() == source.resolve():
        return target
    fd, tmp_name = tempfile.mkstemp(dir=out_dir, prefix=".part-", suffix=".pdf")
    os.close(fd)
    try:
        shutil.copyfile(source, tmp_name)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
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
