"""Word's Accept All and Reject All, done by the tests on the XML, and what a Word package must hold.

Written apart from the writer (mandiff/render/docx_redline.py) from the rules of WordprocessingML:
Accept All keeps inserted and moved-to runs and drops deleted and moved-from ones; a paragraph whose
mark is deleted (or moved from) joins the next paragraph; Reject All is the mirror image, and also
restores a paragraph's style from its ``w:pPrChange``. The
LibreOffice benchmark (benchmarks/redline_libreoffice.py) checks the same with an office suite, so
that a misunderstanding shared by the writer and these helpers is caught.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
NEW_SIDE = ("ins", "moveTo")
OLD_SIDE = ("del", "moveFrom")


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xml(data: bytes, name: str):
    return etree.fromstring(parts(data)[name])


def style_names(data: bytes) -> dict[str, str]:
    root = xml(data, "word/styles.xml")
    return {s.get(W + "styleId"): s.find(W + "name").get(W + "val") for s in root.iter(W + "style")}


def _mark(p) -> str | None:
    rpr = p.find(f"{W}pPr/{W}rPr")
    if rpr is None:
        return None
    for name in NEW_SIDE + OLD_SIDE:
        if rpr.find(W + name) is not None:
            return name
    return None


def _inside(element, names, stop) -> bool:
    up = element.getparent()
    while up is not None and up is not stop:
        if etree.QName(up).localname in names:
            return True
        up = up.getparent()
    return False


def paragraph_text(p, drop: tuple[str, ...] = ()) -> str:
    """The text of a paragraph's runs ("\\t" for a tab), leaving out what is inside ``drop`` elements."""
    out = []
    for el in p.iter(W + "t", W + "delText", W + "tab"):
        if _inside(el, drop, p) or _inside(el, ("pPr",), p):
            continue
        out.append("\t" if el.tag == W + "tab" else (el.text or ""))
    return "".join(out)


def body_paragraphs(data: bytes):
    return [el for el in xml(data, "word/document.xml").find(W + "body") if el.tag == W + "p"]


def project(data: bytes, side: str) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph after Accept All (``side`` "new") or Reject All ("old")."""
    drop = OLD_SIDE if side == "new" else NEW_SIDE
    names = style_names(data)
    out, carried = [], ""
    for p in body_paragraphs(data):
        text = carried + paragraph_text(p, drop)
        if _mark(p) in drop:
            carried = text  # the paragraph mark goes: its text joins the next paragraph
            continue
        carried = ""
        style = p.find(f"{W}pPr/{W}pPrChange/{W}pPr/{W}pStyle") if side == "old" else None
        style = p.find(f"{W}pPr/{W}pStyle") if style is None else style
        out.append((names.get(style.get(W + "val")) if style is not None else "Normal", text))
    return out
