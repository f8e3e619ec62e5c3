"""Where a resolution's PDF is downloaded from, and the link a person opens: one place, read from data.

The UN's document service has several doors and which one yields a PDF changes over time, so the
ordered list lives in ``data/sources.toml``, not in code; the report links, the registry's links and
the advice printed when a download is refused all come from ``browser_url`` here. A URL template
(shipped or given with ``--base-url``) may use only plain placeholders (``{symbol}``,
``{symbol_enc}``, ``{lang}``, ``{l}``, ``{number}``, ``{year}``): no format specs or attribute access,
so a typing mistake is one clear error and never a giant string.
"""

import functools
import string
import urllib.parse
from typing import NamedTuple

from .errors import InputError
from .package_data import data_toml
from .symbols import Symbol, parse_symbol

PLACEHOLDERS = ("symbol", "symbol_enc", "lang", "l", "number", "year")
PREFIX_PATH = "/{lang}/{symbol}"  # appended to a base URL that has no placeholder
_MAX_URL = 2048


class Source(NamedTuple):
    """One door of the document service: a name for messages and a URL template."""

    name: str
    template: str


@functools.lru_cache(maxsize=1)
def _data() -> dict:
    return data_toml("sources.toml")


def download_sources() -> tuple[Source, ...]:
    """The shipped sources, in the order they are tried."""
    return tuple(Source(raw["name"], raw["url"]) for raw in _data()["source"])


def language_letter(lang: str) -> str:
    """The one-letter language code of the UN's document API: en -> E, zh -> C."""
    letters = _data()["letters"]
    if lang not in letters:
        raise InputError(f"unknown language {lang!r}; use one of {', '.join(letters)}")
    return letters[lang]


def browser_url(symbol: Symbol | str, lang: str | None = None) -> str:
    """The page a person opens for a resolution: https://undocs.org/S/RES/2480(2019), or with
    ``lang`` https://undocs.org/en/S/RES/2480(2019)."""
    sym = symbol if isinstance(symbol, Symbol) else parse_symbol(symbol)
    data = _data()
    return expand(data["browser_lang"] if lang else data["browser"], sym, lang or "en")


def template_of(base_url: str) -> str:
    """A user's base URL as a template: one without placeholders is a prefix (``PREFIX_PATH`` appended)."""
    return base_url if "{" in base_url else base_url.rstrip("/") + PREFIX_PATH


def expand(template: str, sym: Symbol, lang: str, origin: str | None = None) -> str:
    """The URL for ``sym`` in ``lang``; InputError when the template or the URL it gives is malformed.
    ``origin`` names the template in that error as the user knows it (``base URL 'http://...'``)."""
    def bad(why: str) -> InputError:
        return InputError(f"malformed {origin or f'URL template {template!r}'}: {why}")

    try:
        fields = list(string.Formatter().parse(template))
    except ValueError as exc:  # "{lang" or a lone "}"
        raise bad(f"{exc}; write a literal brace as {{{{ or }}}}") from None
    values = {
        "symbol": sym.compact,
        "symbol_enc": urllib.parse.quote(sym.compact, safe="()"),
        "lang": lang,
        "l": language_letter(lang),
        "number": str(sym.number),
        "year": str(sym.year) if sym.year else "",
    }
    out = []
    for literal, name, spec, conversion in fields:
        out.append(literal)
        if name is None:
            continue
        if name not in values or spec or conversion:
            shown = "{" + name + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}"
            raise bad(f"unknown placeholder {shown}; use " + ", ".join("{" + p + "}" for p in PLACEHOLDERS))
        out.append(values[name])
    url = "".join(out)
    check_url(url, bad)
    return url


def _has_space_or_control(url: str) -> bool:
    if url.isascii():  # the usual case, at C speed: an ASCII character is unprintable exactly when it is
        return " " in url or not url.isprintable()  # a control character, a space other than " " or DEL
    return any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url)


def check_url(url: str, bad) -> None:
    """An absolute http(s) URL with a host, a numeric port and no spaces or control characters."""
    if len(url) > _MAX_URL:
        raise bad(f"the URL is over {_MAX_URL} characters")
    if _has_space_or_control(url):
        raise bad("the URL contains a space or a control character")
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError as exc:
        raise bad(str(exc)) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise bad("it must start with http:// or https://")
    if not parts.hostname:
        raise bad("it has no host name")


def base_url_help() -> str:
    """The help of ``mandiff fetch --base-url``: the shipped sources and the placeholders."""
    listed = ", then ".join(s.name for s in download_sources())
    return (
        f"URL template to download from instead of the UN's sources, which are tried in order: {listed} "
        "(their URLs are in mandiff/data/sources.toml and the README). "
        "Placeholders: {symbol} S/RES/2480(2019), {symbol_enc} S%2FRES%2F2480(2019), {lang} en, {l} E, "
        "{number}, {year}; a URL without placeholders is a prefix to which /{lang}/{symbol} is added. "
        f"Default: $MANDIFF_BASE_URL, else those sources. In a browser: {browser_url(Symbol(2480, 2019), 'en')}."
    )
