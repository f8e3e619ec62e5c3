"""The jinja2 environment of the HTML pages, built once from the templates shipped in ``mandiff.templates``.

Autoescape is on for every template: document text is never trusted. The stylesheet and the script are
our own files, inlined verbatim so that a report is one self-contained file that fetches nothing; their
SHA-256 hashes go into the page's Content-Security-Policy, so that nothing else can run or style it, even
if some text were ever to slip through unescaped.

Compiled templates are kept between processes in jinja2's bytecode cache (compiling them took about
85 ms in every ``mandiff diff``). It lives in mandiff's per-user folder (``usercache.py``), so it works
as well when mandiff is installed read-only; every entry is checked against a checksum of its
template's source, so an edited template (an editable install) is compiled again, never served stale.
Precompiled template modules (``Environment.compile_templates``) were the other way: they would have to be built with the package and would go stale when a template is edited.
"""

import binascii
import functools
import hashlib
from typing import NamedTuple

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache, FunctionLoader, StrictUndefined
from markupsafe import Markup

from .. import usercache
from .._version import __version__
from ..package_data import package_text
from . import view

_PACKAGE = "mandiff.templates"
_OPTIONS = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}
# What compiled code depends on besides the template's source (which the cache checksums itself).
_FLAVOR = f"mandiff {__version__}|jinja2 {jinja2.__version__}|{sorted(_OPTIONS.items())}"


def _read(name: str) -> str:
    if "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"template name must be a plain file name: {name!r}")
    return package_text(_PACKAGE, name)


def _load_template(name: str):
    # uptodate always True: the shipped templates do not change while a process runs.
    return _read(name), None, lambda: True


class InlineAsset(NamedTuple):
    """A stylesheet or script to inline: its text (trusted, ours) and the CSP source that allows it."""

    text: Markup
    csp: Markup


def _inline_asset(name: str, closing: str) -> InlineAsset:
    text = _read(name)
    if closing in text.lower():
        raise ValueError(f"{name} must not contain {closing!r}: it is inlined into the page")
    # binascii, not base64: the same encoding, and the base64 module (with struct) cost 1-2 ms to import
    digest = binascii.b2a_base64(hashlib.sha256(text.encode("utf-8")).digest(), newline=False).decode("ascii")
    return InlineAsset(Markup(text), Markup(f"'sha256-{digest}'"))


@functools.lru_cache(maxsize=None)
def asset(name: str) -> InlineAsset:
    """A stylesheet (``.css``) or script (``.js``) of ``mandiff.templates``, to inline with its CSP
    source: for pages other than the reports (``mandiff serve``'s), which add their own."""
    return _inline_asset(name, "</style" if name.endswith(".css") else "</script")


_ENTRY_PREFIX = "__mandiff_"
_TEMPLATES_KEPT = 16  # per version: more than the templates that ship (12)


class TemplateCache(FileSystemBytecodeCache):
    """jinja2's bytecode cache, keyed by mandiff's and jinja2's versions and the environment's options
    too, and quiet: a folder it cannot read or write, or a damaged entry, only means compiling."""

    def __init__(self, directory: str):
        super().__init__(directory, _ENTRY_PREFIX + "%s.cache")

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(f"{_FLAVOR}|{name}", filename)

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged or unreadable entry: compile instead
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a read-only or missing folder: the next process compiles again
            return
        # each version of mandiff or jinja2 writes its own entries: keep a few versions' worth
        usercache.forget_old_versions(_ENTRY_PREFIX, usercache.KEEP_VERSIONS * _TEMPLATES_KEPT, self.directory)


def template_cache(directory: str | None = None) -> TemplateCache | None:
    """The cache in ``directory`` (default: mandiff's per-user cache folder), or None when there is none."""
    directory = directory or usercache.folder()
    return TemplateCache(directory) if directory else None


def build_environment(cache: TemplateCache | None) -> Environment:
    env = Environment(loader=FunctionLoader(_load_template), undefined=StrictUndefined, bytecode_cache=cache, **_OPTIONS)
    env.globals["css"] = _inline_asset("report.css", "</style")
    env.globals["js"] = _inline_asset("report.js", "</script")
    env.globals["chain_js"] = _inline_asset("chain.js", "</script")
    env.globals["labels_mod"] = view
    env.filters["category_names"] = lambda cats: ", ".join(view.category_name(c) for c in cats)
    return env


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    return build_environment(template_cache())


def render(template: str, **context) -> str:
    """A page; every page knows mandiff's version and when it was made (``view.made_at``)."""
    context.setdefault("version", __version__)
    context.setdefault("made", view.made_at())
    context.setdefault("warnings", ())
    return environment().get_template(template).render(**context)
