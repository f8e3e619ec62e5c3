"""A folder where mandiff keeps what one process can hand the next: compiled templates and lexicons.

Everything kept here is derived from files that ship with mandiff, under a name that includes a checksum
of what it was derived from, so a stale entry is never used; and nothing here is needed: a folder that
cannot be made or written, or an entry that cannot be read, only means doing the work again.

The folder is ``mandiff-cache-<uid>`` in the system's temporary directory (as jinja2 places its own
cache), created for the user alone and refused if anyone else owns it or can write to it; on Windows,
the user's own temporary directory.
"""

from __future__ import annotations

import os
import stat
from functools import lru_cache

_FOLDER_ENV = "MANDIFF_CACHE_DIR"  # another folder (the tests use one of their own), or "" for none


@lru_cache(maxsize=1)
def folder() -> str | None:
    """The cache folder, or None when there is no safe one to be had."""
    chosen = os.environ.get(_FOLDER_ENV)
    if chosen is not None:
        return chosen or None
    base = _temporary_directory()
    if os.name == "nt":
        return base
    if not hasattr(os, "getuid"):
        return None
    path = os.path.join(base, f"mandiff-cache-{os.getuid()}")
    try:
        os.mkdir(path, stat.S_IRWXU)
    except FileExistsError:
        pass
    except OSError:
        return None
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if info.st_uid != os.getuid() or not stat.S_ISDIR(info.st_mode) or stat.S_IMODE(info.st_mode) != stat.S_IRWXU:
        return None  # not ours, a link, or open to others: someone could plant entries
    return path


def _temporary_directory() -> str:
    """``tempfile.gettempdir()``'s answer where it is plain (TMPDIR, TEMP or TMP, else /tmp), without
    importing tempfile, which costs every process a few milliseconds (it imports shutil and random)."""
    if os.name == "nt":
        import tempfile

        return tempfile.gettempdir()
    for variable in ("TMPDIR", "TEMP", "TMP"):
        value = os.environ.get(variable)
        if value and os.path.isdir(value):
            return value
    return "/tmp"


def read(name: str) -> bytes | None:
    """The entry ``name``, or None if there is none (or no folder, or it cannot be read)."""
    where = folder()
    if where is None:
        return None
    try:
        with open(os.path.join(where, name), "rb") as f:
            return f.read()
    except OSError:
        return None


# Versions kept of one entry (``kind``): an upgrade, or an edited lexicon, writes a new one under another
# checksum; the oldest beyond these are removed, so that the folder does not grow with every version, while
# two installed versions used in turn keep theirs.
KEEP_VERSIONS = 4


def write(name: str, data: bytes, kind: str | None = None) -> None:
    """Keep ``data`` as ``name`` (written to a temporary file, then renamed: a reader never sees half).
    ``kind``: the start of the name that every version of this entry shares ("lexicon-en-"); of those,
    the ``KEEP_VERSIONS`` written last are kept."""
    where = folder()
    if where is None:
        return
    try:
        import tempfile  # only when an entry is written: most processes only read

        fd, temporary = tempfile.mkstemp(dir=where, prefix=name, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(temporary, os.path.join(where, name))
    except OSError:
        try:
            os.remove(temporary)
        except OSError:
            pass
        return
    if kind:
        forget_old_versions(kind)


def forget_old_versions(kind: str, keep: int = KEEP_VERSIONS, where: str | None = None) -> None:
    """Of the entries whose names start with ``kind`` (in ``where``, default the cache folder), keep the
    ``keep`` written last."""
    where = where or folder()
    if where is None:
        return
    try:
        versions = [(os.stat(os.path.join(where, n)).st_mtime_ns, n) for n in os.listdir(where)
                    if n.startswith(kind) and not n.endswith(".tmp")]
        for _, old in sorted(versions, reverse=True)[keep:]:
            os.remove(os.path.join(where, old))
    except OSError:  # another process removed it first, or the folder cannot be listed: keep going
        pass
