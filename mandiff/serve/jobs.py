"""The work behind each page of ``mandiff serve``, done by the library exactly as the CLI does it.

Each job takes what a form gave (uploaded files as ``ingest.Upload``, symbols as typed) and returns the
result with every output ``render.outputs`` has for the command, as the bytes ``mandiff ... -o FILE``
would write: a download is the CLI's file, byte for byte. A new format in ``render/outputs.py`` (the
Word redline) appears here by itself. Jobs know nothing of HTTP; they run in worker threads.
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass

from ..errors import InputError
from ..ingest import Upload
from ..limits import Limits
from ..model import Notice
from ..render.outputs import formats, render
from ..symbols import looks_like_symbol

# the file name of each format's download; a format not listed takes its own name as extension
_EXTENSION = {"text": "txt", "html": "html", "json": "json", "md": "md", "csv": "csv", "docx": "docx"}
_CONTENT_TYPES = {"txt": "text/plain", "html": "text/html", "json": "application/json", "md": "text/markdown",
                  "csv": "text/csv", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
FORMAT_NAMES = {"text": "Text", "html": "HTML", "json": "JSON", "md": "Markdown", "csv": "CSV", "docx": "Word redline"}


@dataclass(frozen=True)
class Download:
    fmt: str
    filename: str
    content_type: str
    data: bytes

    @property
    def label(self) -> str:
        return FORMAT_NAMES.get(self.fmt, self.fmt)


@dataclass(frozen=True)
class Report:
    """A command's result as the pages show it: its HTML report and every download."""

    command: str  # "diff", "check" or "chain"
    title: str
    html: str
    downloads: tuple[Download, ...]
    warnings: tuple[Notice, ...]


def content_type(extension: str) -> str:
    known = _CONTENT_TYPES.get(extension) or mimetypes.guess_type(f"x.{extension}", strict=False)[0]
    if known is None:
        return "application/octet-stream"
    return f"{known}; charset=utf-8" if known.startswith("text/") or known == "application/json" else known


def outputs(command: str, result, stem: str) -> tuple[Download, ...]:
    """Every format ``command`` writes, as ``-o STEM.EXT`` would write it (text as UTF-8, files as bytes)."""
    out = []
    for fmt in formats(command):
        content = render(command, result, fmt)
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        ext = _EXTENSION.get(fmt, fmt)
        out.append(Download(fmt, f"{stem}.{ext}", content_type(ext), data))
    return tuple(out)


def _report(command: str, result, title: str, stem: str) -> Report:
    downloads = outputs(command, result, stem)
    html = next(d.data.decode("utf-8") for d in downloads if d.fmt == "html")
    return Report(command, title, html, downloads, tuple(result.warnings))


# ---- inputs -------------------------------------------------------------------------------------------


def symbol_input(typed: str, role: str) -> str:
    """A symbol typed in a form, as the path of its PDF in the cache (downloaded when missing), the way
    ``mandiff diff 2480 ...`` reads it. Only a symbol: text typed in a form never names a file here."""
    typed = typed.strip()
    if not looks_like_symbol(typed):
        raise InputError(f"{typed!r} is not a resolution symbol (2480, S/RES/2480 (2019)); to give a file, "
                         "choose it or drop it on the form", source=role)
    from ..fetch import fetch

    return str(fetch([typed])[0])


def one_input(upload: Upload | None, typed: str, role: str, required: bool = True) -> Upload | str | None:
    """A file or a symbol for ``role`` (OLD, NEW), not both."""
    if upload is not None and typed.strip():
        raise InputError("give a file or a symbol, not both", source=role)
    if upload is not None:
        return upload
    if typed.strip():
        return symbol_input(typed, role)
    if required:
        raise InputError("choose a file, or type a symbol such as 2480", source=role)
    return None


EXAMPLE_PAIR = ("S-RES-9901-2031-fictional.txt", "S-RES-9950-2032-fictional.txt")


def example_pair() -> tuple[Upload, Upload]:
    """The fictional pair shipped with mandiff (``resolutions/examples``), for a first try without files."""
    from importlib import resources

    folder = resources.files("mandiff.resolutions") / "examples"
    return tuple(Upload(folder.joinpath(name).read_bytes(), name) for name in EXAMPLE_PAIR)


# a symbol in a typed list: "2100 2164, S/RES/2480 (2019)"
_LISTED_SYMBOL = re.compile(r"(?<!\w)(?:S\s*/\s*RES\s*/\s*)?\d{1,5}(?!\d)(?:\s*\(\s*\d{4}\s*\))?", re.IGNORECASE)


def symbols_in(typed: str) -> list[str]:
    """The symbols of a list typed in a form, separated by spaces, commas or lines; anything else is refused."""
    rest = _LISTED_SYMBOL.sub(" ", typed).strip(" ,;\t\r\n")
    if rest:
        raise InputError(f"not resolution symbols: {rest[:80]!r}", source="Chain")
    return [m.group(0) for m in _LISTED_SYMBOL.finditer(typed)]


# ---- the jobs -----------------------------------------------------------------------------------------


def compare_job(old: Upload | str, new: Upload | str, lexicon: Upload | None, limits: Limits) -> Report:
    """``mandiff diff OLD NEW [--lexicon FILE]``."""
    from ..compare import compare
    from ..lexicon import load_lexicon
    from ..pipeline import parse_input

    lex = load_lexicon(lexicon) if lexicon is not None else None
    result = compare(parse_input(old, limits), parse_input(new, limits), lex)
    return _report("diff", result, f"{result.old.name} → {result.new.name}", "report")


def check_job(checklist: Upload | None, new: Upload | str, old: Upload | str | None, all_wps: bool,
              limits: Limits) -> Report:
    """``mandiff check CHECKLIST NEW [--old OLD]``, or ``--all-wps OLD NEW``."""
    from ..checklist import run_check

    if all_wps and old is None:
        raise InputError("to check every WPS unit of OLD, give OLD", source="OLD")
    result = run_check(None if all_wps else checklist, new, old_path=old, all_wps=old if all_wps else None,
                       limits=limits)
    return _report("check", result, f"Recommendations checked against {result.new_symbol or result.summary.get('new')}",
                   "check")


def chain_job(sources: list[Upload | str], keep_order: bool, limits: Limits) -> Report:
    """``mandiff chain FILE FILE ... [--keep-order]``."""
    from ..lineage import chain
    from ..pipeline import parse_input

    if len(sources) < 2:
        raise InputError("give at least two resolutions (files, symbols, or both)", source="Chain")
    result = chain([parse_input(s, limits) for s in sources], keep_order=keep_order)
    first, last = result.resolutions[0], result.resolutions[-1]
    return _report("chain", result, f"{len(result.resolutions)} resolutions, {first.name} to {last.name}", "chain")


@dataclass(frozen=True)
class Found:
    """A search's hits, and the JSON that ``mandiff search --format json`` prints for it."""

    result: object  # index.SearchResult
    json: Download


def search_job(phrase: str, db: str | None, wps_only: bool) -> Found:
    from ..index import search
    from ..render.jsonout import dumps

    result = search(phrase, db, wps_only=wps_only)
    return Found(result, Download("json", "search.json", content_type("json"), dumps(result.to_json()).encode("utf-8")))
