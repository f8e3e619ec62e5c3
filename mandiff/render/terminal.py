"""Document text made safe for a terminal: the text a reader sees, never commands to the terminal.

A resolution is untrusted input. Printed as it is, an ESC starts a control sequence (clear the
screen, rewrite the window title with OSC, hide text, on some terminals even write files), a BEL
rings, a CR returns to the start of the line so that later words overwrite earlier ones, and the
bidi controls (U+202A-202E, U+2066-2069, LRM, RLM, ALM) reorder what is shown, so that a phrase can
read reversed on screen. Every text output that goes to a terminal (``parse``, ``tag``, ``diff``,
``check``, ``chain`` and ``search`` as text or Markdown) passes document text through
``terminal_safe``. JSON, CSV and HTML are data and keep the text exactly.
"""

from __future__ import annotations

REPLACEMENT = "\ufffd"  # shows that something was there, and is inert
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def _table() -> dict[int, str | None]:
    table: dict[int, str | None] = {code: REPLACEMENT for code in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))}
    table[ord("\n")] = "\n"
    table[ord("\t")] = "\t"
    table[ord("\r")] = "\n"  # a lone CR would let the rest of the line overwrite its start
    for ch in BIDI_CONTROLS:
        table[ord(ch)] = None  # invisible: removed, so that text is shown in the order it is stored
    return table


_TABLE = _table()


def terminal_safe(text: str | None) -> str:
    """``text`` without C0/C1 controls (ESC, BEL, CSI ... become U+FFFD; CR a line break) or bidi controls."""
    if not text:
        return ""
    return text.replace("\r\n", "\n").translate(_TABLE)
