"""Writing results: all or nothing, so that a failed run never leaves a half-written file."""

from __future__ import annotations

import os
import sys
import tempfile

from .errors import InputError


def write_atomic(path: str, content: str | bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same folder, then rename."""
    folder = os.path.dirname(os.path.abspath(path)) or "."
    if not os.path.isdir(folder):
        raise InputError("output folder does not exist", source=path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=".mandiff-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; a report is meant to be shared
        os.replace(tmp, path)
    except OSError as exc:
        _discard(tmp)
        raise InputError(f"cannot write: {exc.strerror or exc}", source=path) from None
    except BaseException:  # Ctrl-C half-way: leave no ".mandiff-*.tmp" behind
        _discard(tmp)
        raise


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def emit(content: str | bytes, out: str | None) -> None:
    """Print to standard output, or write to ``out`` when given (``-`` is standard output). A file that
    is not text (a Word redline) is never printed."""
    if out and out != "-":
        write_atomic(out, content)
    elif isinstance(content, bytes):
        raise InputError("a Word redline is a file, not text for the terminal: give -o FILE.docx")
    else:
        sys.stdout.write(content)
        sys.stdout.flush()
