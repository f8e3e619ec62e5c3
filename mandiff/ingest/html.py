"""HTML: a resolution page, or a UN press release that quotes the resolution after a summary.

Both come out as one paragraph per block (``<p>``, ``<li>``, a heading, a ``<div>`` holding only
text). Scripts, styles, navigation and site headers/footers are never read. Two shapes need work:

- a resolution page whose preamble is flattened into one ``<p>`` ("The Security Council, Recalling
  ..., Reaffirming ..."): it is split again before each preambular opener that follows a comma;
- a press release (press.un.org): the resolution starts after "The full text of resolution NNNN
  (YYYY) reads as follows:" (or at the first quoted "The Security Council,"), each paragraph is
  wrapped in quotation marks, and the resolution ends at the first unquoted paragraph after the
  operative part.
"""

from __future__ import annotations

import codecs
import re

from ..errors import FormatError
from ..grammar.clauses import PREAMBLE_OPENER, opens_with_council_verb, starts_preambular_clause
from ..grammar.numbering import HTML_TYPES, ListNumberError, list_marker, parse_list_number
from ..limits import Limits
from .safexml import localname, parse_html, refuse_entity_declarations

_DROP = {
    "script", "style", "noscript", "template", "nav", "form", "button", "select", "textarea",
    "svg", "math", "iframe", "object", "embed", "canvas", "head", "title", "meta", "link",
}
# site chrome: dropped unless it sits inside the article itself
_CHROME = {"header", "footer", "aside"}
_BLOCKS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article", "main", "blockquote",
    "dd", "dt", "dl", "ul", "ol", "table", "tr", "td", "th", "tbody", "thead", "pre", "address",
    "figure", "figcaption", "center", "body", "html", "hr", "caption",
}
_FOOTNOTE_CLASS = re.compile(r"\b(?:foot-?notes?|endnotes?)\b", re.IGNORECASE)


# ---- decoding ----------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]{1,40})""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]{0,300}\?>", re.IGNORECASE)


def decode_html(data: bytes) -> str:
    """Decode by BOM, then the page's own charset declaration, then UTF-8, then Windows-1252."""
    boms = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
    for bom, encoding in boms:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    declared = _META_CHARSET.search(data[:4096]) or re.search(rb"<\?xml[^>]{0,200}encoding=[\"']([A-Za-z0-9_\-]{1,40})", data[:512])
    if declared:
        try:
            codec = codecs.lookup(declared.group(1).decode("ascii")).name
            if codec not in ("utf-16", "utf-32"):
                return data.decode(codec, errors="replace")
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# ---- blocks ------------------------------------------------------------------------------------


def _classes(element) -> str:
    return f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"


def _list_marker(li, depth_of_ol: int, value: int) -> str | None:
    """The number a browser would print before an ``<li>`` of an ``<ol>`` (or a dash for ``<ul>``).

    ``value`` is the item's number, counted by the caller in one pass over the list.
    """
    parent = li.getparent()
    if parent is None:
        return None
    style = (parent.get("style", "") + li.get("style", "")).replace(" ", "").lower()
    if "list-style-type:none" in style or "list-style:none" in style:
        return None
    if localname(parent) == "ul":
        return "\u2013"
    if localname(parent) != "ol":
        return None
    kind = parent.get("type") or ("1", "a", "i")[min(depth_of_ol, 2)]
    number = list_marker(value, HTML_TYPES.get(kind, "decimal"))
    if kind in ("a", "A", "i"):
        return f"({number})"
    return f"{number}."


def _item_numbers(ol):
    """(child, its number) for each child of an ``<ol>``: ``start``, then +1 per ``<li>``, ``value`` resetting it."""
    value = parse_list_number(ol.get("start"), 1) if localname(ol) == "ol" else 1
    for child in ol:
        if localname(child) == "li":
            value = parse_list_number(child.get("value"), value) if child.get("value") else value
            yield child, value
            value += 1
        else:
            yield child, None


def _is_note_mark(sup) -> bool:
    if not re.fullmatch(r"[\d*\u2020]{1,3}", sup.text_content().strip()):
        return False
    links = list(sup.iter("a"))
    return bool(_FOOTNOTE_CLASS.search(_classes(sup))) or any(
        a.get("href", "").startswith("#") or _FOOTNOTE_CLASS.search(_classes(a)) for a in links
    )


_ALREADY_NUMBERED = re.compile(r"^\s*(?:\d{1,3}\s?\.|\([a-zA-Z]{1,6}\)|[\u2013\u2014\-•])\s")


class _Collector:
    """Walks the tree once, cutting text into paragraphs at block boundaries."""

    def __init__(self):
        self.paragraphs: list[str] = []
        self.footnotes: list[str] = []
        self.buffer: list[str] = []
        self.marker: str | None = None

    def flush(self):
        text = re.sub(r"\s+", " ", "".join(self.buffer).replace("\u00a0", " ")).strip()
        if text:
            if self.marker and not _ALREADY_NUMBERED.match(text):
                text = f"{self.marker} {text}"
            self.paragraphs.append(text)
        self.buffer = []
        self.marker = None

    def walk(self, element, inside_article: bool = False, ol_depth: int = 0, number: int | None = None):
        name = localname(element)
        if not name or name in _DROP:
            return  # comments, processing instructions, scripts
        if name in _CHROME and not inside_article:
            return
        if _FOOTNOTE_CLASS.search(_classes(element)) and name not in ("a", "sup", "span"):
            self._footnotes(element)
            return
        if name == "sup" and _is_note_mark(element):
            return  # a footnote reference mark ("1" linking to the note), not a word of the paragraph
        inside_article = inside_article or name in ("article", "main")
        block = name in _BLOCKS
        if block:
            self.flush()
            if name == "li":
                self.marker = _list_marker(element, max(ol_depth - 1, 0), number or 1)
        if name == "br":
            self.buffer.append(" ")
        if element.text:
            self.buffer.append(element.text)
        for child, child_number in _item_numbers(element):
            self.walk(child, inside_article, ol_depth + (1 if name == "ol" else 0), child_number)
            if child.tail:
                self.buffer.append(child.tail)
        if block:
            self.flush()

    def _footnotes(self, element):
        collector = _Collector()
        for child, number in _item_numbers(element):
            collector.walk(child, True, number=number)
        collector.flush()
        if element.text and element.text.strip() and not collector.paragraphs:
            collector.paragraphs.append(element.text.strip())
        self.footnotes.extend(collector.paragraphs)


# ---- a flattened preamble -----------------------------------------------------------------------

# the comma may carry a footnote mark ("..., 15 Recalling"): it stays with the clause it ends
_PREAMBLE_SPLIT = re.compile(rf",(?:\s+\d{{1,3}}/?)?(?=\s+(?:{PREAMBLE_OPENER}))")
_COUNCIL = re.compile(r"^\s*[\"“]?\s*(The Security Council|Le Conseil de sécurité)\s*,\s*", re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*(?:\d{1,3}\s?\.|\([a-z]{1,6}\))\s")


def split_flattened_preamble(paragraph: str) -> list[str]:
    """"The Security Council, Recalling ..., Noting ..." -> one paragraph per clause."""
    out: list[str] = []
    council = _COUNCIL.match(paragraph)
    rest = paragraph
    if council and len(paragraph) > council.end() + 2:
        out.append(paragraph[: council.end()].strip())
        rest = paragraph[council.end():]
    if _NUMBERED.match(rest):
        return out + [rest]
    pieces: list[str] = []
    begin = 0
    for match in _PREAMBLE_SPLIT.finditer(rest):
        pieces.append(rest[begin: match.end()].strip())
        begin = match.end()
    pieces.append(rest[begin:].strip())
    return out + [p for p in pieces if p]


# ---- a press release ---------------------------------------------------------------------------

_FULL_TEXT = re.compile(
    r"(?:full\s+text\s+of\s+(?:the\s+)?resolution\s+(?P<num>\d{1,5})\s*\((?P<year>\d{4})\)[^.:]{0,40}?reads\s+as\s+follows"
    r"|texte\s+intégral\s+de\s+la\s+résolution\s+(?P<numfr>\d{1,5})\s*\((?P<yearfr>\d{4})\))",
    re.IGNORECASE,
)
_PAIRS = {"“": "”", "\"": "\"", "„": "“", "«": "»", "‘": "’"}


def _is_quoted(paragraph: str) -> bool:
    return paragraph.lstrip()[:1] in _PAIRS


def _unquote(paragraph: str) -> str:
    """Remove the quotation marks that wrap a quoted paragraph, not those of quotes inside it."""
    text = paragraph.strip()
    if not text or text[0] not in _PAIRS:
        return text
    closing = _PAIRS[text[0]]
    text = text[1:].strip()
    # press releases close every quoted paragraph; a mark that also closes an inner quotation
    # is doubled there ("... the “Agreement””), so one mark is always the wrapper's
    if text.endswith(closing):
        text = text[:-1].rstrip()
    return text


def _is_operative_chapeau(paragraph: str) -> bool:
    """A short clause that opens numbered operative paragraphs: "Resolves:", "Decides as follows:" (and
    not a speaker introduced before a quotation: "The representative of France said:")."""
    return len(paragraph) <= 40 and paragraph.endswith(":") and opens_with_council_verb(paragraph)


def extract_press_release(paragraphs: list[str]) -> tuple[list[str], str | None] | None:
    """The quoted resolution inside a press release, or None when the page is not one."""
    start = None
    symbol = None
    for i, paragraph in enumerate(paragraphs):
        m = _FULL_TEXT.search(paragraph)
        if m:
            start = i + 1
            num, year = m.group("num") or m.group("numfr"), m.group("year") or m.group("yearfr")
            symbol = f"S/RES/{num} ({year})"
            tail = paragraph[m.end():].lstrip(" :")
            if tail and _is_quoted(tail):
                paragraphs = paragraphs[: i + 1] + [tail] + paragraphs[i + 1:]
            break
    if start is None:
        for i, paragraph in enumerate(paragraphs):
            if _is_quoted(paragraph) and _COUNCIL.match(paragraph) and len(paragraph.strip()) < 40:
                start = i
                break
    if start is None:
        return None
    out: list[str] = []
    for i in range(start, len(paragraphs)):
        paragraph = paragraphs[i].strip()
        if _is_quoted(paragraph):
            text = _unquote(paragraph)
            out.append(text)
        elif not out:
            continue  # prose between the marker and the first quoted paragraph
        else:
            # unquoted: a heading inside the resolution when quoted text follows it,
            # otherwise the press release has moved on to its own prose
            following = paragraphs[i + 1].strip() if i + 1 < len(paragraphs) else ""
            if _is_quoted(following) and (
                (len(paragraph) <= 120 and paragraph[-1:] not in ".:;,") or _is_operative_chapeau(paragraph)
            ):
                out.append(paragraph)
            else:
                break
    if not out:
        return None
    return out, symbol


# ---- the reader --------------------------------------------------------------------------------

_SYMBOL = re.compile(r"S/RES/(\d{1,5})\s*\((\d{4})\)")


def read_html(data: bytes, name: str, limits: Limits):
    from . import RawDocument

    refuse_entity_declarations(data, name)
    text = _XML_DECL.sub("", decode_html(data), count=1)
    if not text.strip():
        raise FormatError("the HTML page has no text", source=name)
    root = parse_html(text, name)
    title = " ".join(t.text_content() for t in root.iter("title"))
    body = root.find("body")
    collector = _Collector()
    try:
        collector.walk(body if body is not None else root)
    except ListNumberError as exc:
        raise ListNumberError(exc.message, source=name) from None
    collector.flush()
    paragraphs = collector.paragraphs
    hints: dict = {}
    press = extract_press_release(paragraphs)
    if press is not None:
        paragraphs, symbol = press
        if symbol:
            hints["symbol"] = symbol
    split: list[str] = []
    for paragraph in paragraphs:
        # a flattened preamble opens with the Council or holds several clauses; a single ", Deeply
        # concerned" inside one clause is left to the segmenter, as in a text file
        if _COUNCIL.match(paragraph) or (_looks_like_preamble(paragraph) and len(_PREAMBLE_SPLIT.findall(paragraph)) >= 2):
            split.extend(split_flattened_preamble(paragraph))
        else:
            split.append(paragraph)
    if not split:
        raise FormatError("the HTML page has no text", source=name)
    if "symbol" not in hints:
        m = _SYMBOL.search(title) or _SYMBOL.search("\n".join(split[:8]))
        if m:
            hints["symbol"] = f"S/RES/{m.group(1)} ({m.group(2)})"
    lang = (root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or "").split("-")[0].lower()
    if lang in ("en", "fr", "es", "ru", "ar", "zh"):
        hints["language"] = lang
    if collector.footnotes:
        hints["footnotes"] = collector.footnotes
    return RawDocument(text="\n\n".join(split) + "\n", format="html", name=name, hints=hints)


def _looks_like_preamble(paragraph: str) -> bool:
    """Only preambular text is re-split: an operative paragraph never starts with a participle."""
    if _NUMBERED.match(paragraph):
        return False
    return starts_preambular_clause(paragraph)
