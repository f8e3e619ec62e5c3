"""Writing results (``-o``) so that nothing is ever lost: not an input, not a device, not a half file.

- An output that is one of the inputs (the same file: same device and inode, so also through a
  symbolic or hard link) is refused before anything is written.
- A regular file is replaced all at once: the report goes to a temporary file in the same folder,
  which is then renamed over the old one, so a failed or interrupted run (Ctrl-C, SIGTERM, SIGHUP)
  leaves the old file as it was and no ``.mandiff-*.tmp`` behind. The new file keeps the old one's
  permissions (and its owner, where the user may set it).
- A character device (``/dev/null``, a terminal) or a FIFO is written to directly, as a shell
  redirection would; a block device, a socket or a folder is refused.
- A symbolic link is followed: the file it points to is replaced, the link stays. The exception is
  the kernel's own rule against link attacks (``protected_symlinks``): a link in a world-writable
  sticky folder such as /tmp, owned by someone else, is refused.
- Every failure (missing or read-only folder, full disk, no permission) is one ``InputError``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import sys
import threading
from typing import Iterable

from .errors import InputError

TEMP_PREFIX, TEMP_SUFFIX = ".mandiff-", ".tmp"
_TERMINATING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def write_atomic(path: str, content: str | bytes, inputs: Iterable[str | None] = ()) -> None:
    """Write ``content`` to ``path`` as the module docstring says; ``inputs`` are the files the result was made from."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    target = _follow_link(path)
    existing = _stat(target, path)
    if existing is not None:
        _refuse_an_input(path, existing, inputs)
        kind = stat.S_IFMT(existing.st_mode)
        if kind in (stat.S_IFCHR, stat.S_IFIFO):
            _write_in_place(target, data, path)
            return
        if kind == stat.S_IFDIR:
            raise InputError("is a folder, not a file", source=path)
        if kind != stat.S_IFREG:
            raise InputError("is a device or socket, not a file: refused", source=path)
        if not os.access(target, os.W_OK):  # a rename would replace it anyway: refuse as a shell's ">" would
            raise InputError(f"cannot write: {_not_writable(target)}", source=path)
    _replace(target, data, existing, path)


def emit(content: str | bytes, out: str | None, inputs: Iterable[str | None] = ()) -> None:
    """Print to standard output, or write to ``out`` when given (``-`` is standard output). A file that
    is not text (a Word redline) is never printed."""
    if out and out != "-":
        write_atomic(out, content, inputs)
    elif isinstance(content, bytes):
        raise InputError("a Word redline is a file, not text for the terminal: give -o FILE.docx")
    else:
        sys.stdout.write(content)
        sys.stdout.flush()


# ---- where the bytes go -------------------------------------------------------------------------


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _not_writable(target: str) -> str:
    try:
        if os.statvfs(target).f_flag & os.ST_RDONLY:
            return "read-only file system"
    except (OSError, AttributeError):
        pass
    return "permission denied"


def _stat(target: str, shown: str) -> os.stat_result | None:
    try:
        return os.stat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(f"cannot write: {_reason(exc)}", source=shown) from None


def _follow_link(path: str) -> str:
    """The path to write: a symbolic link's target, unless following it is a link attack."""
    if not os.path.islink(path):
        return path
    try:
        link = os.lstat(path)
        folder = os.stat(os.path.dirname(os.path.abspath(path)))
    except OSError as exc:
        raise InputError(f"cannot write: {_reason(exc)}", source=path) from None
    sticky_and_open = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
    if sticky_and_open and link.st_uid not in (_euid(), folder.st_uid):
        raise InputError("is a symbolic link owned by another user in a shared folder: refused (write elsewhere)", source=path)
    return os.path.realpath(path)


def _euid() -> int:
    return os.geteuid() if hasattr(os, "geteuid") else -1


def _refuse_an_input(path: str, existing: os.stat_result, inputs: Iterable[str | None]) -> None:
    for name in inputs:
        if not name or name == "-":
            continue
        try:
            source = os.stat(name)
        except (OSError, ValueError):
            continue  # not a file (a symbol such as 2480, fetched): cannot be the output
        if (source.st_dev, source.st_ino) == (existing.st_dev, existing.st_ino):
            same = "" if os.path.abspath(name) == os.path.abspath(path) else f" ({name}, through a link)"
            raise InputError(f"is an input of this command{same}: choose another output file", source=path)


def _write_in_place(target: str, data: bytes, shown: str) -> None:
    """A terminal, /dev/null or a pipe: opened and written, never replaced."""
    try:
        with open(target, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise InputError(f"cannot write: {_reason(exc)}", source=shown) from None


def _replace(target: str, data: bytes, existing: os.stat_result | None, shown: str) -> None:
    folder = os.path.dirname(os.path.abspath(target)) or "."
    if not os.path.isdir(folder):
        raise InputError("output folder does not exist", source=shown)
    with _cleanup_on_termination():
        tmp = None
        try:
            import tempfile  # here, not at import: only a command that writes a file pays for it

            fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                _sync(handle.fileno())
            _copy_ownership(tmp, existing)
            os.replace(tmp, target)
        except OSError as exc:
            _discard(tmp)
            raise InputError(f"cannot write: {_reason(exc)}", source=shown) from None
        except BaseException:  # Ctrl-C, SIGTERM or SIGHUP half-way: leave no ".mandiff-*.tmp" behind
            _discard(tmp)
            raise


def _sync(fd: int) -> None:
    """On disk before the rename, so that a crash leaves the old file or the new one, never an empty one."""
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EROFS):  # a file system that cannot sync: fine
            raise


def _copy_ownership(tmp: str, existing: os.stat_result | None) -> None:
    """mkstemp makes the file private (0600): a new report gets the usual mode, a replaced file its old one."""
    if existing is None:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        return
    if hasattr(os, "chown") and (existing.st_uid, existing.st_gid) != (_euid(), os.getegid()):
        try:
            os.chown(tmp, existing.st_uid, existing.st_gid)
        except PermissionError:  # only root may give a file away; a group may still be kept
            with contextlib.suppress(PermissionError):
                os.chown(tmp, -1, existing.st_gid)
    os.chmod(tmp, stat.S_IMODE(existing.st_mode))  # after chown, which clears set-id bits


def _discard(tmp: str | None) -> None:
    if tmp:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


# ---- termination signals ------------------------------------------------------------------------


class _Terminated(BaseException):
    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum, _frame):
    raise _Terminated(signum)


@contextlib.contextmanager
def _cleanup_on_termination():
    """While a temporary file exists, SIGTERM and SIGHUP raise instead of killing the process outright,
    so that the temporary file is removed; the signal is then delivered again, with its usual effect.
    Signals that are ignored (``nohup``) or handled by someone else are left alone."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for signum in _TERMINATING:
        if signal.getsignal(signum) is signal.SIG_DFL:
            previous[signum] = signal.signal(signum, _raise_terminated)
    try:
        yield
    except _Terminated as exc:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        previous = {}
        os.kill(os.getpid(), exc.signum)
        raise SystemExit(128 + exc.signum) from None  # only reached if the signal did not end the process
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
