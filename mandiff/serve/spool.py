"""Where uploads wait while a request is served, and how a form is read into it: nothing is kept.

A request's files are read as they stream in (never the whole body into memory): each file part stays
in memory up to ``threshold`` bytes, then goes on to a file in a folder of its own under the one spool
root (``mandiff serve --spool DIR``, ``$MANDIFF_SPOOL_DIR``). The folder is removed when the answer has
been sent, also when reading fails, the work fails or the client goes away half-way (``Spool.remove``
runs in a ``finally``). A folder left by a server that was killed is removed when the next one starts.

Bounds, so that a hostile or mistaken request costs little: the whole body over ``max_request`` bytes
is refused (413) from its Content-Length before a byte is read, or as soon as the bytes counted pass
it; a file over the per-input limit (``--max-bytes``) is read to its end but not kept, so that the form
can say which file it was; text fields, parts and files are counted. The CSRF token must be the first
field: a form without it is refused (403) before any file is stored.
"""

from __future__ import annotations

import io
import os
import secrets
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import AsyncIterator, Callable

from ..errors import InputError

TOKEN_FIELD = "csrf"
MAX_FILES = 50  # per request: a chain of 50 renewals is longer than any mandate's history
MAX_FIELDS = 50
MAX_FIELD_BYTES = 64 * 1024  # a symbol, a phrase, a choice
THRESHOLD = 1024 * 1024  # a file part larger than this goes to disk
SPOOL_ENV = "MANDIFF_SPOOL_DIR"


class Refused(Exception):
    """A request that is answered with an HTTP error, not with the form: ``status`` and a sentence."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


# ---- the spool root ----------------------------------------------------------------------------------


def spool_root(path: str | os.PathLike | None = None) -> Path:
    """The folder every request's uploads go under: ``path``, else ``$MANDIFF_SPOOL_DIR``, else
    ``mandiff-serve-UID`` in the system's temporary folder. Made private (0700) when missing; refused
    when it is a link or another user's, since whoever owns it could read what is sent."""
    chosen = path or os.environ.get(SPOOL_ENV) or Path(tempfile.gettempdir()) / f"mandiff-serve-{os.geteuid()}"
    root = Path(chosen)
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(root)
    except OSError as exc:
        raise InputError(f"cannot make the spool folder: {exc.strerror or exc}", source=str(root)) from None
    if os.path.islink(root) or not os.path.isdir(root):
        raise InputError("the spool folder is a link or not a folder: refused", source=str(root))
    if info.st_uid != os.geteuid():
        raise InputError("the spool folder belongs to another user: refused (give --spool DIR)", source=str(root))
    return root


def sweep(root: Path) -> int:
    """Remove the request folders of servers that no longer run (killed before they could clean up).
    A folder is named after its server's process id; those of live processes are left alone."""
    removed = 0
    for entry in root.iterdir():
        pid = entry.name.split("-", 1)[0]
        if not entry.is_dir() or entry.is_symlink() or not pid.isdigit() or _alive(int(pid)):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# ---- one request's files -----------------------------------------------------------------------------


def display_name(raw: str) -> str:
    """What the reports and messages call an uploaded file: the last part of the name the browser sent
    (some send a whole Windows path), without control characters. Never used on disk."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    return name[:255] or "upload"


@dataclass
class SpooledFile:
    """One uploaded file: in memory, then on disk past the threshold; never more than ``keep`` bytes."""

    field: str
    name: str  # display_name() of what the browser sent
    size: int = 0  # every byte received, kept or not
    _memory: io.BytesIO | None = field(default_factory=io.BytesIO, repr=False)
    _disk: object | None = field(default=None, repr=False)

    @property
    def on_disk(self) -> bool:
        return self._disk is not None

    def write(self, data: bytes, keep: int, spool: "Spool") -> None:
        room = keep - self.size
        self.size += len(data)
        if room <= 0:
            return
        data = data[:room]
        if self._disk is None and self._memory.tell() + len(data) > spool.threshold:
            self._disk = spool.new_file()
            self._disk.write(self._memory.getvalue())
            self._memory = None
        (self._disk or self._memory).write(data)

    def read(self) -> bytes:
        if self._disk is None:
            return self._memory.getvalue()
        self._disk.flush()
        self._disk.seek(0)
        return self._disk.read()

    def close(self) -> None:
        if self._disk is not None:
            self._disk.close()


class Spool:
    """The uploads of one request: a folder under the root, made when the first file needs the disk."""

    def __init__(self, root: Path, threshold: int = THRESHOLD):
        self.root = root
        self.threshold = threshold
        self.folder: Path | None = None
        self.files: list[SpooledFile] = []

    def new_file(self):
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=self.root))
        handle, _path = tempfile.mkstemp(dir=self.folder)  # a name of our own: nothing the request sent
        return os.fdopen(handle, "w+b")

    def remove(self) -> None:
        for f in self.files:
            f.close()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


# ---- reading a multipart form into the spool ----------------------------------------------------------


@dataclass
class Form:
    """What a form sent: its text fields (every value of each) and its files, in the order sent."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    files: list[SpooledFile] = field(default_factory=list)

    def value(self, name: str) -> str:
        values = self.fields.get(name)
        return values[-1] if values else ""

    def files_of(self, name: str) -> list[SpooledFile]:
        return [f for f in self.files if f.field == name]


@dataclass(frozen=True)
class Bounds:
    max_request: int  # the whole body
    max_file: int  # one file kept (the per-input limit); a larger one is counted, not kept
    long_fields: frozenset[str] = frozenset()  # text fields that may be as long as a file (a pasted list)


class _Reader:
    """The callbacks of python-multipart's streaming parser, building a ``Form`` in a ``Spool``."""

    def __init__(self, spool: Spool, bounds: Bounds, token_ok: Callable[[str], bool]):
        self.spool, self.bounds, self.token_ok = spool, bounds, token_ok
        self.form = Form()
        self.verified = False
        self.header_name = self.header_value = b""
        self.disposition = b""
        self.part_name: str | None = None
        self.text: bytearray | None = None
        self.file: SpooledFile | None = None
        self.unnamed = False
        self.parts = 0

    def on_part_begin(self):
        self.parts += 1
        if self.parts > MAX_FILES + MAX_FIELDS:
            raise Refused(413, "too many parts in one form")
        self.disposition, self.part_name, self.text, self.file = b"", None, None, None

    def on_header_field(self, data, start, end):
        self.header_name += data[start:end]

    def on_header_value(self, data, start, end):
        self.header_value += data[start:end]
        if len(self.header_value) > 8192:
            raise Refused(400, "a form part's header is too long")

    def on_header_end(self):
        if self.header_name.strip().lower() == b"content-disposition":
            self.disposition = self.header_value
        self.header_name = self.header_value = b""

    def on_headers_finished(self):
        from python_multipart.multipart import parse_options_header

        _kind, options = parse_options_header(self.disposition)
        if b"name" not in options:
            raise Refused(400, "a form part has no name")
        self.part_name = options[b"name"].decode("utf-8", "replace")
        if not self.verified and self.part_name != TOKEN_FIELD:
            raise Refused(403, "the form was not sent by this page (no CSRF token): reload the page and try again")
        if b"filename" in options:
            if len(self.form.files) >= MAX_FILES:
                raise Refused(413, f"more than {MAX_FILES} files in one form")
            self.unnamed = not options[b"filename"]
            self.file = SpooledFile(self.part_name, display_name(options[b"filename"].decode("utf-8", "replace")))
            self.spool.files.append(self.file)
        else:
            self.text = bytearray()

    def on_part_data(self, data, start, end):
        chunk = data[start:end]
        if self.file is not None:
            self.file.write(chunk, self.bounds.max_file, self.spool)
            return
        self.text += chunk
        limit = self.bounds.max_file if self.part_name in self.bounds.long_fields else MAX_FIELD_BYTES
        if len(self.text) > limit:
            raise Refused(413, f"the field {self.part_name!r} is longer than {limit:,} bytes")

    def on_part_end(self):
        if self.file is not None:
            if self.file.size or not self.unnamed:  # an empty file input sends an empty part without a name
                self.form.files.append(self.file)
            return
        value = bytes(self.text or b"").decode("utf-8", "replace")
        if not self.verified:
            if not self.token_ok(value):
                raise Refused(403, "the form's CSRF token is not this server's: reload the page and try again")
            self.verified = True
            return
        self.form.fields.setdefault(self.part_name, []).append(value)
        if sum(len(v) for v in self.form.fields.values()) > MAX_FIELDS:
            raise Refused(413, "too many fields in one form")


def content_length(headers) -> int | None:
    value = headers.get("content-length")
    if value is None:
        return None
    if not value.strip().isdigit():
        raise Refused(400, "the Content-Length header is not a number")
    return int(value)


async def read_form(headers, stream: AsyncIterator[bytes], spool: Spool, bounds: Bounds,
                    token_ok: Callable[[str], bool]) -> Form:
    """Read a multipart/form-data body into ``spool``: refused (``Refused``) when too large, malformed
    or without this server's token. The caller removes the spool, whatever happens."""
    from python_multipart.exceptions import FormParserError
    from python_multipart.multipart import MultipartParser, parse_options_header

    declared = content_length(headers)
    if declared is not None and declared > bounds.max_request:
        raise Refused(413, _too_large(bounds.max_request))
    kind, options = parse_options_header(headers.get("content-type", ""))
    if kind != b"multipart/form-data" or b"boundary" not in options:
        raise Refused(400, "the form must be sent as multipart/form-data")
    reader = _Reader(spool, bounds, token_ok)
    callbacks = {name: getattr(reader, name) for name in (
        "on_part_begin", "on_header_field", "on_header_value", "on_header_end", "on_headers_finished",
        "on_part_data", "on_part_end")}
    parser = MultipartParser(options[b"boundary"], callbacks)
    received = 0
    try:
        async for chunk in stream:
            received += len(chunk)
            if received > bounds.max_request:
                raise Refused(413, _too_large(bounds.max_request))
            parser.write(chunk)
        parser.finalize()
    except FormParserError:
        raise Refused(400, "the form data is malformed") from None
    if not reader.verified:
        raise Refused(403, "the form was not sent by this page (no CSRF token): reload the page and try again")
    return reader.form


def _too_large(limit: int) -> str:
    return (f"the form is larger than this server takes ({limit:,} bytes): send smaller files, or start "
            "it with a larger --max-request-bytes")
