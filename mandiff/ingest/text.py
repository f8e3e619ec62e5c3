"""Plain text: decode whatever encoding the file is really in."""

from __future__ import annotations

import re

from ..errors import InputError
from ..limits import Limits


# control characters other than line breaks, tab and form feed: many of them mean binary data
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 (by BOM), falling back to Windows-1252.

    Binary data is refused rather than decoded into nonsense: a text with NUL bytes or mostly
    control characters is not a resolution.
    """
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("invalid UTF-16 text", source=name) from None
    elif data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            if b"\x00" in data:
                raise InputError("binary data, not a text document", source=name) from None
            text = data.decode("cp1252", errors="replace")
    sample = text[:65536]
    controls = len(_CONTROLS.findall(sample))
    if "\x00" in sample or (sample and controls / len(sample) > 0.05):
        raise InputError("binary data, not a text document", source=name)
    if "\ufffd" in sample and sample.count("\ufffd") / len(sample) > 0.05:
        raise InputError("binary data, not a text document", source=name)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(data: bytes, name: str, limits: Limits):
    from . import RawDocument

    text = decode_text(data, name)
    if not text.strip():
        raise InputError("empty file", source=name)
    return RawDocument(text=text, format="text", name=name)
