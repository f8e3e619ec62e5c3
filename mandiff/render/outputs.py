"""Which formats each command writes and which renderer writes each: the one place that maps a result
and a format (or an output file name) to text (or, for a Word redline, bytes).

Renderers are imported only when used, so that a command that prints JSON never loads jinja2's
templates.
"""

from __future__ import annotations

import os
from importlib import import_module

from ..errors import InputError

# command -> {format: (module, function)}; the first format is the default
_RENDERERS = {
    "parse": {"text": ("outline", "render_outline"), "json": ("jsonout", "to_json_text")},
    "tag": {"text": ("wps_text", "render_wps_text"), "json": ("jsonout", "to_json_text")},
    "diff": {"text": ("difftext", "render_diff_text"), "json": ("jsonout", "to_json_text"),
             "md": ("markdown", "render_diff_markdown"), "csv": ("csvout", "render_diff_csv"),
             "html": ("html", "render_diff_html"), "docx": ("docx_redline", "render_diff_docx")},
    "check": {"text": ("checktext", "render_check_text"), "json": ("jsonout", "to_json_text"),
              "md": ("checktext", "render_check_markdown"), "html": ("checktext", "render_check_html"),
              "docx": ("docx_redline", "render_check_docx")},
    "chain": {"text": ("chaintext", "render_chain_text"), "json": ("jsonout", "to_json_text"),
              "md": ("chaintext", "render_chain_markdown"), "html": ("chainview", "render_chain_html")},
    "revisions": {"text": ("revisionlist", "render_revisions_text"), "json": ("jsonout", "to_json_text")},
}

# file extension -> format
_EXTENSIONS = {"htm": "html", "html": "html", "json": "json", "md": "md", "markdown": "md", "csv": "csv", "txt": "text", "docx": "docx"}
# formats that are files, not text: never written to standard output
_BINARY = ("docx",)


def formats(command: str) -> tuple[str, ...]:
    """The formats ``command`` can write, its default first."""
    return tuple(_RENDERERS[command])


def choose_format(command: str, fmt: str | None, out: str | None) -> str:
    """An explicit ``--format`` wins; else the output file's extension; a file without one (or standard
    output) gets text. An extension the command cannot write is refused with the list of those it can."""
    ext = os.path.splitext(out)[1].lower().lstrip(".") if out and out != "-" else ""
    found = fmt or (_EXTENSIONS.get(ext) if ext else formats(command)[0])
    if found in _BINARY and (not out or out == "-"):
        raise InputError(f"a Word redline is a file, not text for the terminal: give -o FILE.{found}")
    if fmt or not ext:
        return found
    if found in _RENDERERS[command]:
        return found
    can = ", ".join(f".{e}" for e, f in _EXTENSIONS.items() if f in _RENDERERS[command])
    advice = "; for a PDF, print the HTML report from your browser" if ext == "pdf" and "html" in _RENDERERS[command] else ""
    raise InputError(f"mandiff {command} cannot write .{ext} files: it writes {can} (or --format){advice}", source=out)


def render(command: str, result, fmt: str, **options) -> str | bytes:
    """``result`` of ``command`` as text in ``fmt`` (bytes for a Word file). ``options`` go to the renderer (``wps_only``,
    ``color``) when it takes them."""
    module, function = _RENDERERS[command][fmt]
    renderer = getattr(import_module(f"{__package__}.{module}"), function)
    return renderer(result, **options)
