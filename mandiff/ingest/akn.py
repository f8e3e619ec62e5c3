"""Akoma Ntoso (AKN4UN) XML: the UN's own structured form of a resolution.

The structure is explicit, so reading it is a matter of writing it back in the canonical text
shape: ``preface`` lines (symbol, "Resolution 2480 (2019)", adoption line), the ``preamble``'s
paragraphs ("The Security Council," among them), then the ``mainBody`` hierarchy with each unit's
``num`` in front of its text ("28. Decides ...", "(c) Protection of civilians", "– hold ...").
Namespaced and un-namespaced documents are both accepted; element names are matched on their
local part. ``meta`` gives the symbol, adoption date and language as hints; ``authorialNote``s and
``meta/notes`` become footnotes.
"""

from __future__ import annotations

import re

from ..errors import FormatError
from ..limits import Limits
from .safexml import localname, parse_xml

# Elements that are units of the body hierarchy (each may carry num, heading, intro, content, wrapUp).
_HIERARCHY = {
    "paragraph", "subparagraph", "point", "indent", "item", "list", "blockList", "hcontainer", "part",
    "subpart", "chapter", "subchapter", "section", "subsection", "article", "clause", "subclause",
    "division", "subdivision", "level", "title", "subtitle", "book", "tome", "rule", "subrule",
    "proviso", "sublist", "alinea", "tblock", "transitional", "container", "blockContainer",
}
_TEXT_HOLDERS = {"intro", "content", "wrapUp", "listIntroduction", "listWrapUp", "p", "block", "longTitle"}
_SKIP = {"meta", "num", "heading", "subheading", "componentRef", "documentRef"}
_LANGUAGES = {"eng": "en", "fra": "fr", "fre": "fr", "spa": "es", "rus": "ru", "ara": "ar", "zho": "zh", "chi": "zh"}
_SYMBOL = re.compile(r"S/RES/(\d{1,5})\s*\((\d{4})\)")


def _children(element, name: str):
    return [c for c in element if localname(c) == name]


def _first(element, name: str):
    for c in element:
        if localname(c) == name:
            return c
    return None


def _descendants(element, name: str):
    return [e for e in element.iter() if localname(e) == name]


class _Writer:
    def __init__(self):
        self.paragraphs: list[str] = []
        self.footnotes: list[str] = []

    # -- inline text --------------------------------------------------------------------------

    def inline(self, element) -> str:
        parts: list[str] = []

        def walk(node):
            name = localname(node)
            if name == "authorialNote":
                note = " ".join(self.inline(p) for p in node if localname(p) in ("p", "block")) or self.inline_plain(node)
                if note:
                    self.footnotes.append(note)
                return
            if name in ("noteRef", "componentRef"):
                return
            if name in ("eol", "eop", "br"):
                parts.append(" ")
            if node.text and name:
                parts.append(node.text)
            for child in node:
                walk(child)
                if child.tail:
                    parts.append(child.tail)

        walk(element)
        return _fold("".join(parts))

    @staticmethod
    def inline_plain(node) -> str:
        return _fold("".join(node.itertext()))

    def emit(self, text: str):
        text = _fold(text)
        if text:
            self.paragraphs.append(text)

    # -- blocks ----------------------------------------------------------------------------------

    def block_texts(self, element) -> list[str]:
        """The paragraphs held by a content-like element; nested lists are units of their own."""
        name = localname(element)
        if name in ("p", "block", "longTitle", "docTitle"):
            return [self.inline(element)]
        texts: list[str] = []
        loose = _fold(element.text or "")
        if loose:
            texts.append(loose)
        for child in element:
            child_name = localname(child)
            if child_name in _HIERARCHY:
                continue
            if child_name in ("p", "block", "longTitle"):
                texts.append(self.inline(child))
            elif child_name and child_name not in _SKIP:
                texts.extend(self.block_texts(child))
            if child.tail and _fold(child.tail):
                texts.append(_fold(child.tail))
        return [t for t in texts if t]

    def unit(self, element, carried: str = ""):
        """One unit of the hierarchy: its number and heading or first text, then its children.

        ``carried`` is the number of a parent whose text is the intro of a ``list`` inside it
        (``<paragraph><num>3.</num><list><intro>Urges ...``): it goes in front of that intro."""
        num = _first(element, "num")
        heading = _first(element, "heading")
        num_text = self.inline(num) if num is not None else carried
        heading_text = self.inline(heading) if heading is not None else ""
        lead = " ".join(t for t in (num_text, heading_text) if t)
        pending = lead or None
        for child in element:
            name = localname(child)
            if name in _SKIP or not name:
                continue
            if name == "crossHeading":
                self._flush(pending)
                pending = None
                self.emit(self.inline(child))
            elif name in _HIERARCHY:
                if pending is not None and not heading_text and name in ("list", "blockList") and _first(child, "num") is None:
                    self.unit(child, carried=num_text)
                else:
                    self._flush(pending)
                    self.unit(child)
                pending = None
            elif name in _TEXT_HOLDERS or name == "subheading":
                texts = self.block_texts(child) if name != "subheading" else [self.inline(child)]
                if texts and pending is not None and not heading_text and name != "wrapUp":
                    texts[0] = f"{num_text} {texts[0]}"
                    pending = None
                else:
                    self._flush(pending)
                    pending = None
                for text in texts:
                    self.emit(text)
                for nested in child:
                    if localname(nested) in _HIERARCHY:
                        self.unit(nested)
            else:
                self._flush(pending)
                pending = None
                for text in self.block_texts(child):
                    self.emit(text)
        self._flush(pending)

    def _flush(self, pending: str | None):
        if pending:
            self.emit(pending)

    def blocks(self, element):
        """preface, preamble, conclusions: one paragraph per p, whatever the containers."""
        for child in element:
            name = localname(child)
            if not name or name in ("meta",):
                continue
            if name in ("p", "block", "longTitle"):
                self.emit(self.inline(child))
            elif name in ("container", "blockContainer", "formula", "recital", "citation", "recitals", "citations", "intro", "wrapUp", "content"):
                num = _first(child, "num")
                before = len(self.paragraphs)
                self.blocks(child)
                if num is not None and len(self.paragraphs) > before:
                    self.paragraphs[before] = f"{self.inline(num)} {self.paragraphs[before]}"
            elif name in _HIERARCHY:
                self.unit(child)
            elif name not in ("num", "heading"):
                self.emit(self.inline(child))


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _hints(document, root) -> dict:
    hints: dict = {}
    meta = _first(document, "meta")
    candidates: list[str] = []
    if meta is not None:
        candidates += [e.get("value", "") for e in _descendants(meta, "FRBRalias")]
        work = _first(_first(meta, "identification") if _first(meta, "identification") is not None else meta, "FRBRWork")
        if work is not None:
            date = _first(work, "FRBRdate")
            if date is not None and re.match(r"^\d{4}-\d{2}-\d{2}$", date.get("date", "")):
                hints["date"] = date.get("date")
            candidates += [e.get("value", "") for e in _children(work, "FRBRthis")]
            number = _first(work, "FRBRnumber")
            if number is not None and hints.get("date") and re.fullmatch(r"\d{1,5}", number.get("value", "")):
                candidates.append(f"S/RES/{number.get('value')} ({hints['date'][:4]})")
        for language in _descendants(meta, "FRBRlanguage"):
            code = language.get("language", "").lower()
            hints["language"] = _LANGUAGES.get(code, code[:2] if len(code) == 2 else None)
            if hints["language"] is None:
                del hints["language"]
            break
    candidates += ["".join(e.itertext()) for e in _descendants(root, "docNumber")]
    for candidate in candidates:
        m = _SYMBOL.search(candidate or "")
        if m:
            hints["symbol"] = f"S/RES/{m.group(1)} ({m.group(2)})"
            break
    if "date" not in hints:
        for e in _descendants(root, "docDate"):
            if re.match(r"^\d{4}-\d{2}-\d{2}$", e.get("date", "")):
                hints["date"] = e.get("date")
                break
    return hints


def read_akn(data: bytes, name: str, limits: Limits):
    from . import RawDocument

    root = parse_xml(data, name, "XML")
    if localname(root) != "akomaNtoso":
        raise FormatError(f"not an Akoma Ntoso document: the root element is <{localname(root) or '?'}>", source=name)
    document = next((c for c in root if localname(c) and localname(c) not in ("components",)), None)
    if document is None:
        raise FormatError("not an Akoma Ntoso document: no document element", source=name)
    writer = _Writer()
    for child in document:
        part = localname(child)
        if part in ("meta", ""):
            continue
        if part in ("preface", "preamble", "conclusions", "coverPage"):
            writer.blocks(child)
        elif part in ("mainBody", "body", "judgmentBody", "debateBody"):
            for unit in child:
                name_ = localname(unit)
                if name_ in _HIERARCHY:
                    writer.unit(unit)
                elif name_ == "crossHeading":
                    writer.emit(writer.inline(unit))
                elif name_:
                    for text in writer.block_texts(unit):
                        writer.emit(text)
        elif part in ("attachments", "components"):
            _annexes(writer, child)
    hints = _hints(document, root)
    meta = _first(document, "meta")
    if meta is not None:
        for note in _descendants(meta, "note"):
            text = " ".join(writer.inline(p) for p in note if localname(p) in ("p", "block")) or writer.inline_plain(note)
            if text:
                writer.footnotes.append(text)
    if writer.footnotes:
        hints["footnotes"] = writer.footnotes
    if not writer.paragraphs:
        raise FormatError("the Akoma Ntoso document has no text", source=name)
    return RawDocument(text="\n\n".join(writer.paragraphs) + "\n", format="akn", name=name, hints=hints)


def _annexes(writer: _Writer, container):
    """Each attached document: its heading ("Annex") then its text, after the resolution."""
    for attachment in container:
        documents = [c for c in attachment.iter() if localname(c) in ("doc", "statement", "act")]
        for doc in documents[:1]:
            title = next((writer.inline(e) for e in doc.iter() if localname(e) in ("docTitle", "heading")), "")
            if not title or not title.lower().startswith(("annex", "annexe", "appendix")):
                writer.emit("Annex")
            for part in doc:
                if localname(part) in ("preface", "preamble", "conclusions", "mainBody", "body"):
                    writer.blocks(part)
