"""Files that ship inside the package, read as plain files.

``importlib.resources`` would also read them from a zipped install, which mandiff never is (pip installs
it as files); importing it costs every command about 12 ms, because it imports tempfile, shutil, bz2, lzma
and random. The templates and the mandate registry are packages of their own (``mandiff.templates``,
``mandiff.resolutions``, mapped from the project's top-level folders by setup.cfg, and by the editable
install's finder), found by their ``__file__``.
"""

from __future__ import annotations

import importlib
import marshal
import os
import sys
import zlib

from . import usercache

_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def data_bytes(name: str) -> bytes:
    """A file of ``mandiff/data`` (a lexicon, the drafting conventions, the strength scale)."""
    with open(os.path.join(_DATA, name), "rb") as f:
        return f.read()


def package_text(package: str, name: str) -> str:
    """A file of a data package: ``package_text("mandiff.templates", "report.css")``."""
    folder = os.path.dirname(os.path.abspath(importlib.import_module(package).__file__))
    with open(os.path.join(folder, name), encoding="utf-8") as f:
        return f.read()


def data_toml(name: str) -> dict:
    """A TOML file of ``mandiff/data``, parsed; kept parsed between processes in mandiff's cache folder
    (``usercache``), under a name that holds a checksum of the file, so that most commands never import a
    TOML parser. Anything wrong with the cache only means parsing."""
    return _parsed(data_bytes(name), name)


def package_toml(package: str, name: str) -> dict:
    """A TOML file of a data package (``mandiff.resolutions``), parsed and kept as ``data_toml`` does."""
    return _parsed(package_text(package, name).encode("utf-8"), f"{package}.{name}")


def _parsed(data: bytes, name: str) -> dict:
    entry = f"toml-{name}-{zlib.crc32(data):08x}{len(data):x}-{zlib.crc32(sys.version.encode()):08x}.marshal"
    kept = usercache.read(entry)
    if kept is not None:
        try:
            parsed = _restored(marshal.loads(kept))
            if isinstance(parsed, dict):
                return parsed
        except (EOFError, ValueError, TypeError):
            pass
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    parsed = tomllib.loads(data.decode("utf-8"))
    try:
        usercache.write(entry, marshal.dumps(_plain(parsed)), kind=f"toml-{name}-")
    except ValueError:  # a value marshal cannot keep (a TOML time of day): parsed every time
        pass
    return parsed


_DATE = "\0date"  # TOML gives lists, never tuples: ("\0date", "2013-04-25") cannot be anything else


def _plain(value):
    """``value`` with its dates (the registry's adoption dates) as tuples that marshal can keep."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if type(value).__name__ == "date":
        return (_DATE, value.isoformat())
    return value


def _restored(value):
    if isinstance(value, dict):
        return {k: _restored(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_restored(v) for v in value]
    if isinstance(value, tuple) and len(value) == 2 and value[0] == _DATE:
        import datetime

        return datetime.date.fromisoformat(value[1])
    return value
