"""Tracked changes in a Word draft: which side of them the DOCX reader reads, and what they were.

A draft is read as Word shows it after Accept All (``ACCEPT``, the default: inserted and moved-to text
kept, deleted and moved-from text dropped) or after Reject All (``REJECT``: the text as before the
changes). A paragraph whose mark is removed on that side (deleted or moved away when accepting,
inserted or moved in when rejecting) is joined to the next paragraph, as Word joins them, so that it
neither keeps a place in Word's automatic numbering nor becomes a unit of its own; the joined
paragraph keeps the properties (numbering, style) of the mark that survives. When rejecting, a tracked
paragraph-formatting change (``w:pPrChange``) gives back the properties from before it.

Comments live in their own part and are never read; their anchors carry no text.
"""

from __future__ import annotations

from dataclasses import dataclass

from .safexml import localname

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ACCEPT, REJECT = "accept", "reject"
SIDES = (ACCEPT, REJECT)
_NEW_ONLY = ("ins", "moveTo")
_OLD_ONLY = ("del", "moveFrom")
_FORMATTING = ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange", "numberingChange")
_KINDS = {"ins": "insertion", "del": "deletion", "moveFrom": "move-from", "moveTo": "move-to"}


def dropped(side: str) -> tuple[str, ...]:
    """The revision elements whose content a reader of ``side`` leaves out."""
    return _OLD_ONLY if side == ACCEPT else _NEW_ONLY


def mark(p) -> str | None:
    """How the paragraph's mark is tracked: "ins", "del", "moveFrom", "moveTo", or None."""
    rpr = p.find(f"{W}pPr/{W}rPr")
    if rpr is None:
        return None
    for child in rpr:
        if localname(child) in _NEW_ONLY + _OLD_ONLY:
            return localname(child)
    return None


def joined_paragraphs(paragraphs, side: str) -> list[list]:
    """The paragraphs as ``side`` reads them: a paragraph whose mark goes is joined to the ones after it."""
    gone = dropped(side)
    out: list[list] = []
    pending: list = []
    for p in paragraphs:
        pending.append(p)
        if mark(p) not in gone:
            out.append(pending)
            pending = []
    if pending:  # a removed mark at the very end: nothing follows to join
        out.append(pending)
    return out


def properties(p, side: str):
    """The paragraph properties that ``side`` sees: before a tracked formatting change when rejecting."""
    ppr = p.find(W + "pPr")
    if side == REJECT and ppr is not None:
        before = ppr.find(f"{W}pPrChange/{W}pPr")
        if before is not None:
            return before
    return ppr


@dataclass(frozen=True)
class Revision:
    """One tracked change: an insertion, a deletion, a move or a formatting change, by whom, of which words."""

    kind: str  # "insertion", "deletion", "move-from", "move-to" or "formatting"
    author: str
    text: str  # the words inserted, deleted or moved ("" for formatting and paragraph marks)
    paragraph: int  # which paragraph of the body (0-based, in document order) it is in
    accepted: str = ""  # the text of that paragraph after Accept All, and after Reject All
    rejected: str = ""


def revisions(paragraphs, text_of=None) -> list[Revision]:
    """Every tracked change of the body's paragraphs, in document order. A paragraph mark tracked with
    the same author and kind as the text before it is part of that change, not another one.
    ``text_of(p, side)`` gives a paragraph's text as a side reads it, kept with each change."""
    out: list[Revision] = []
    for k, p in enumerate(paragraphs):
        texts = (text_of(p, ACCEPT), text_of(p, REJECT)) if text_of else ("", "")
        for el in p.iter():
            name = localname(el)
            if name in _KINDS and el.getparent() is not None and localname(el.getparent()) != "rPr":
                text = "".join(" " if t.tag == W + "tab" else (t.text or "") for t in el.iter(W + "t", W + "delText", W + "tab"))
                out.append(Revision(_KINDS[name], el.get(W + "author") or "unknown", text, k, *texts))
            elif name in _FORMATTING:
                out.append(Revision("formatting", el.get(W + "author") or "unknown", "", k, *texts))
        paragraph_mark = mark(p)
        if paragraph_mark:
            rpr_mark = p.find(f"{W}pPr/{W}rPr/{W}{paragraph_mark}")
            author = rpr_mark.get(W + "author") or "unknown"
            last = out[-1] if out else None
            if not (last and last.paragraph == k and last.kind == _KINDS[paragraph_mark] and last.author == author):
                out.append(Revision(_KINDS[paragraph_mark], author, "", k, *texts))
    return out


def notice_text(found: list[Revision], side: str) -> str:
    """"the draft has 14 tracked changes by 3 authors (A, B, C); read as accepted (--revisions reject
    reads it as before them)"."""
    authors = list(dict.fromkeys(r.author for r in found))  # in the order they first appear
    names = ", ".join(authors)
    count = f"{len(found)} tracked change{'' if len(found) == 1 else 's'}"
    by = f"{len(authors)} author{'' if len(authors) == 1 else 's'} ({names})"
    if side == ACCEPT:
        return f"the draft has {count} by {by}; read as accepted (--revisions reject reads it as before them)"
    return f"the draft has {count} by {by}; read as before them (--revisions reject)"
