"""Real full and read-only file systems for the tests, where the machine allows them.

CI runs as root, and root writes through file permissions: a chmod'ed folder proves nothing. As
root a small tmpfs is mounted instead (full at a few kilobytes, or read-only); where mounting is not
allowed (not root, or a container without the capability) ``mounted`` yields None and the test
simulates the same ``OSError`` with monkeypatch.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path


@contextlib.contextmanager
def mounted(folder: Path, size_kb: int = 64, readonly: bool = False):
    """A fresh tmpfs at ``folder`` (created), or None when it cannot be mounted here."""
    folder.mkdir(parents=True, exist_ok=True)
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        yield None
        return
    options = f"size={size_kb}k" + (",ro" if readonly else "")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    if done.returncode != 0:
        yield None
        return
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@contextlib.contextmanager
def remounted_readonly(folder: Path):
    """``folder`` (a tmpfs from ``mounted``) made read-only for the duration, then writable again."""
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True, capture_output=True)
    try:
        yield folder
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(folder)], check=True, capture_output=True)
