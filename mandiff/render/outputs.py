"""Which formats each command writes and which renderer writes each: the one place that maps a result
and a format (or an output file name) to text.

Renderers are imported only when used, so that a command that prints JSON never loads jinja2's
templates.
"""

from __future__ import annotations

import os
from importlib import import_module

# command -> {format: (module, function)}; the first format is the default
_RENDERERS = {
    "parse": {"text": ("outline", "render_outline"), "json": ("jsonout", "to_json_text")},
    "tag": {"text": ("wps_text", "render_wps_text"), "json": ("jsonout", "to_json_text")},
    "diff": {"text": ("difftext", "render_diff_text"), "json": ("jsonout", "to_json_text"),
             "md": ("markdown", "render_diff_markdown"), "csv": ("csvout", "render_diff_csv"),
             "html": ("html", "render_diff_html")},
    "check": {"text": ("checktext", "render_check_text"), "json": ("jsonout", "to_json_text"),
              "md": ("checktext", "render_check_markdown"), "html": ("checktext", "render_check_html")},
    "chain": {"text": ("difftext", "render_chain_text"), "json": ("jsonout", "to_json_text"),
              "html": ("html", "render_chain_html")},
}

# file extension -> format
_EXTENSIONS = {"htm": "html", "html": "html", "json": "json", "md": "md", "markdown": "md", "csv": "csv", "txt": "text"}


def formats(command: str) -> tuple[str, ...]:
    """The formats ``command`` can write, its default first."""
    return tuple(_RENDERERS[command])


def format_from_path(out: str | None, default: str) -> str:
    """The output format a file name implies: report.html -> html, x.json -> json; else ``default``."""
    if not out or out == "-":
        return default
    ext = os.path.splitext(out)[1].lower().lstrip(".")
    return _EXTENSIONS.get(ext, default)


def choose_format(command: str, fmt: str | None, out: str | None) -> str:
    """An explicit ``--format`` wins; else the output file's extension; else the command's default."""
    return fmt or format_from_path(out, formats(command)[0])


def render(command: str, result, fmt: str, **options) -> str:
    """``result`` of ``command`` as text in ``fmt``. ``options`` go to the renderer (``wps_only``,
    ``color``) when it takes them."""
    module, function = _RENDERERS[command][fmt]
    renderer = getattr(import_module(f"{__package__}.{module}"), function)
    return renderer(result, **options)
