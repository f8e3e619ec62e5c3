"""The jinja2 environment of the HTML pages, built once from the templates shipped in ``mandiff.templates``.

Autoescape is on for every template: document text is never trusted. The stylesheet and the script are
our own files, inlined verbatim so that a report is one self-contained file that fetches nothing; their
SHA-256 hashes go into the page's Content-Security-Policy, so that nothing else can run or style it, even
if some text were ever to slip through unescaped.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from dataclasses import dataclass
from importlib import resources

from jinja2 import Environment, FunctionLoader, StrictUndefined
from markupsafe import Markup

from . import view

_PACKAGE = "mandiff.templates"


def _read(name: str) -> str:
    if "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"template name must be a plain file name: {name!r}")
    return resources.files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def _load_template(name: str):
    # uptodate always True: the shipped templates do not change while a process runs.
    return _read(name), None, lambda: True


@dataclass(frozen=True)
class InlineAsset:
    """A stylesheet or script to inline: its text (trusted, ours) and the CSP source that allows it."""

    text: Markup
    csp: Markup


def _inline_asset(name: str, closing: str) -> InlineAsset:
    text = _read(name)
    if closing in text.lower():
        raise ValueError(f"{name} must not contain {closing!r}: it is inlined into the page")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return InlineAsset(Markup(text), Markup(f"'sha256-{digest}'"))


@functools.lru_cache(maxsize=None)
def asset(name: str) -> InlineAsset:
    """A stylesheet (``.css``) or script (``.js``) of ``mandiff.templates``, to inline with its CSP
    source: for pages other than the reports (``mandiff serve``'s), which add their own."""
    return _inline_asset(name, "</style" if name.endswith(".css") else "</script")


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FunctionLoader(_load_template),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["css"] = _inline_asset("report.css", "</style")
    env.globals["js"] = _inline_asset("report.js", "</script")
    env.globals["chain_js"] = _inline_asset("chain.js", "</script")
    env.globals["labels_mod"] = view
    env.filters["category_names"] = lambda cats: ", ".join(view.category_name(c) for c in cats)
    return env


def render(template: str, **context) -> str:
    """A page; every page knows mandiff's version and when it was made (``view.made_at``)."""
    from .._version import __version__

    context.setdefault("version", __version__)
    context.setdefault("made", view.made_at())
    context.setdefault("warnings", ())
    return environment().get_template(template).render(**context)
