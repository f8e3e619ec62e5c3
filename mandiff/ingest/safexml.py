"""Hardened lxml parsers shared by the DOCX, HTML and Akoma Ntoso readers.

A document from the Internet is hostile until proven otherwise: entity declarations (billion
laughs, external entities reading local files or URLs) are refused outright rather than defused,
nothing is fetched from the network, no DTD is loaded, and lxml's own size limits stay on.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from ..errors import FormatError

ENTITY_REFUSED = "XML with entity declarations refused"

# "<!ENTITY" anywhere in the prolog; checked on the raw bytes before parsing as a fast path,
# and again on the parsed DTD (which covers encodings such as UTF-16 that hide it from a byte search).
_ENTITY_DECL = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
_ENTITY_DECL_UTF16 = (
    "<!ENTITY".encode("utf-16-le"),
    "<!ENTITY".encode("utf-16-be"),
)


def xml_parser() -> etree.XMLParser:
    """A parser that never expands entities, loads DTDs or touches the network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=False,
    )


def html_parser() -> lxml_html.HTMLParser:
    return lxml_html.HTMLParser(
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
        default_doctype=False,
    )


def refuse_entity_declarations(data: bytes, name: str) -> None:
    """Raise before parsing when the prolog declares entities."""
    head = data[:1_000_000]
    if _ENTITY_DECL.search(head) or any(pattern in head for pattern in _ENTITY_DECL_UTF16):
        raise FormatError(ENTITY_REFUSED, source=name)


def _check_dtd(tree: etree._ElementTree, name: str) -> None:
    docinfo = tree.docinfo
    for dtd in (docinfo.internalDTD, docinfo.externalDTD):
        if dtd is not None and any(True for _ in dtd.iterentities()):
            raise FormatError(ENTITY_REFUSED, source=name)


_HUGE_HINT = re.compile(r"Excessive depth in document: (\d+)", re.IGNORECASE)
_LIBXML_NOISE = re.compile(r",? ?(?:use XML_PARSE_HUGE option|\(<string>, line \d+\))", re.IGNORECASE)


def _syntax_message(exc: etree.XMLSyntaxError) -> str:
    """libxml2's message without advice meant for programmers (XML_PARSE_HUGE is deliberately off)."""
    text = str(exc).splitlines()[0] if str(exc) else "syntax error"
    depth = _HUGE_HINT.search(text)
    if depth:
        return f"elements nested more than {depth.group(1)} deep; no resolution is built like that"
    return _LIBXML_NOISE.sub("", text).strip(" ,") or "syntax error"


def parse_xml(data: bytes, name: str, what: str = "XML") -> etree._Element:
    """Parse untrusted XML bytes; damaged XML becomes a one-line ``FormatError``."""
    refuse_entity_declarations(data, name)
    try:
        root = etree.fromstring(data, parser=xml_parser())
    except etree.XMLSyntaxError as exc:
        raise FormatError(f"damaged {what}: {_syntax_message(exc)}", source=name) from None
    except (ValueError, MemoryError) as exc:
        raise FormatError(f"damaged {what}: {exc}", source=name) from None
    if root is None:
        raise FormatError(f"damaged {what}: no root element", source=name)
    _check_dtd(root.getroottree(), name)
    return root


# libxml2's HTML parser checks each new attribute against all earlier ones of the same element:
# 100,000 attributes on one tag take 18 s. Real pages have a few dozen; a tag with more than this
# many "=" signs is refused before parsing, by a scan that is linear in the page.
MAX_ATTRIBUTES_PER_TAG = 5_000


def _refuse_attribute_floods(text: str, name: str) -> None:
    for chunk in text.split(">"):
        start = chunk.rfind("<")
        if start >= 0 and chunk.count("=", start) > MAX_ATTRIBUTES_PER_TAG:
            raise FormatError(
                f"an HTML tag has more than {MAX_ATTRIBUTES_PER_TAG:,} attributes; not a page a person wrote",
                source=name,
            )


def parse_html(text: str, name: str) -> etree._Element:
    """Parse an HTML page already decoded to ``str``."""
    _refuse_attribute_floods(text, name)
    try:
        root = lxml_html.document_fromstring(text, parser=html_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise FormatError(f"damaged HTML: {exc}", source=name) from None
    _check_dtd(root.getroottree(), name)
    return root


def localname(element) -> str:
    """The tag without its namespace ("paragraph" for "{http://...akn/3.0}paragraph")."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
