"""Readers: bytes in whatever format a user has -> plain resolution text.

Every reader returns a ``RawDocument`` whose ``text`` is in one canonical shape: paragraphs separated
by blank lines, numbering written out as text ("28. Decides ...", "(c) ...", "– ..."), page
furniture already removed where the format marks it. The segmenter then treats all formats alike.
The format is chosen by content, never by the file name: a ``.pdf`` that is really HTML is read as HTML.
"""

import os
import re
import sys
from types import MappingProxyType
from typing import Mapping, NamedTuple

from ..errors import InputError
from ..limits import DEFAULT_LIMITS, Limits


_NO_HINTS: Mapping = MappingProxyType({})


class RawDocument(NamedTuple):
    text: str
    format: str  # "text" | "pdf" | "docx" | "html" | "akn"
    name: str  # the file name as the user gave it ("-" for stdin)
    hints: Mapping = _NO_HINTS  # facts the format itself states (symbol, date, language); read-only


class Upload(NamedTuple):
    """A document given as its bytes instead of a path (a file sent to ``mandiff serve``, a pasted
    checklist): ``name`` is what reports and messages call it, as they call a file by its name. Every
    function that reads an input named on the command line also takes one of these."""

    data: bytes
    name: str

    def __repr__(self) -> str:  # not the bytes
        return f"Upload(name={self.name!r}, {len(self.data):,} bytes)"


def sniff(data: bytes) -> str:
    """Name the format of ``data`` from its first bytes."""
    head = data[:2048].lstrip()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 (by BOM): look at the characters, not the bytes
        head = data[:4096].decode("utf-16", errors="ignore").encode("utf-8", errors="ignore").lstrip()
    if head.startswith(b"%PDF-") or data[:1024].find(b"%PDF-") != -1:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "docx"
    for bom in (b"\xef\xbb\xbf",):
        if head.startswith(bom):
            head = head[len(bom):].lstrip()
    lowered = head[:1024].lower()
    # a namespace prefix ("<akn:akomaNtoso") hides the name from startswith; AKN holds <p> elements
    # too, so it must be recognised before the HTML test below
    prefixed_akn = re.match(rb"^<[a-z][\w.-]{0,20}:akomantoso[\s>]", lowered) is not None
    if lowered.startswith(b"<?xml") or lowered.startswith(b"<akomantoso") or lowered.startswith(b"<!doctype akomantoso") or prefixed_akn:
        if b"<html" in lowered or b"xhtml" in lowered:
            return "html"
        return "akn"
    if lowered.startswith(b"<!doctype html") or lowered.startswith(b"<html") or (
        lowered.startswith(b"<") and any(t in lowered for t in (b"<body", b"<p>", b"<p ", b"<div", b"<head"))
    ):
        return "html"
    return "text"


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file header of .doc, .xls, .ppt


def check_size(size: int, name: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse an input of ``size`` bytes over ``limits.max_bytes``, before it is read."""
    if size > limits.max_bytes:
        raise InputError(
            f"file is {size:,} bytes, over the limit of {limits.max_bytes:,} (raise it with --max-bytes)",
            source=name,
        )


def read_bytes(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    """Read a document held in memory; ``name`` is only used in messages."""
    check_size(len(data), name, limits)
    if not data.strip():
        raise InputError("empty file", source=name)
    if data.startswith(_OLE2):
        raise InputError("a Word 97-2003 file (.doc) or another old Office file: save it as .docx or PDF", source=name)
    fmt = sniff(data)
    if fmt == "pdf":
        from .pdf import read_pdf as reader
    elif fmt == "docx":
        from .docx import read_docx as reader
    elif fmt == "html":
        from .html import read_html as reader
    elif fmt == "akn":
        from .akn import read_akn as reader
    else:
        from .text import read_text as reader
    return reader(data, name, limits)


def read_path(path: str, limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    """Read a file by path, or standard input when ``path`` is ``-``."""
    if path == "-":
        data = sys.stdin.buffer.read(limits.max_bytes + 1)
        if len(data) > limits.max_bytes:
            raise InputError(
                f"standard input is over the limit of {limits.max_bytes:,} bytes (raise it with --max-bytes)",
                source="-",
            )
        return read_bytes(data, "-", limits)
    if not os.path.exists(path):
        raise InputError("no such file", source=path)
    if os.path.isdir(path):
        raise InputError("is a directory, not a file", source=path)
    try:
        check_size(os.path.getsize(path), path, limits)
        with open(path, "rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=path) from None
    return read_bytes(data, path, limits)


def input_name(source: str | Upload) -> str:
    """What messages call an input: a path as given, an upload by its name."""
    return source.name if isinstance(source, Upload) else source


def read_input(source: str | Upload, limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    """Read a file by path (``-`` for standard input) or an ``Upload``."""
    if isinstance(source, Upload):
        return read_bytes(source.data, source.name, limits)
    return read_path(source, limits)
