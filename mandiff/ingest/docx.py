"""Word (.docx): the body's paragraphs, with Word's automatic numbering written back as text.

In a Council draft the operative numbers ("28.") and sub-paragraph letters ("(c)", "(iii)") are
usually not typed: Word generates them from ``numbering.xml``. A reader that only collects the text
runs loses every label monitors cite, so this module replays Word's counters (``numPr`` on the
paragraph or its style -> ``num`` -> ``abstractNum`` level: format, level text, start value,
overrides, restarts of deeper levels).

Tracked changes are read as accepted, as Word shows the draft after Accept All (``revisions``: a
paragraph whose mark was deleted joins the next one and takes no number), or as before them with
``Limits.revisions == "reject"``; a draft that has any says so in a warning. Headers and footers live
in other parts and are never read, so page furniture cannot leak in. The zip is opened with a bomb guard.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

from ..errors import FormatError, InputError
from ..grammar.numbering import ListNumberError, list_marker, parse_list_number
from ..limits import Limits
from ..model import Notice
from .revisions import ACCEPT, SIDES, dropped, joined_paragraphs, notice_text, properties, revisions
from .safexml import localname, parse_xml

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DAMAGED = "truncated or damaged DOCX"
WORD_LEVELS = 9  # list levels 0-8
_CHUNK = 64 * 1024


# ---- the zip, read with a bomb guard ------------------------------------------------------------


class _Budget:
    """How many uncompressed bytes may still be read from the archive."""

    def __init__(self, limits: Limits):
        self.left = limits.max_unzipped_bytes
        self.ratio = limits.max_zip_ratio


def _bomb(name: str, part: str, size: int, compressed: int) -> FormatError:
    ratio = size // max(compressed, 1)
    return FormatError(
        f"DOCX part {part} unpacks to {size:,} bytes ({ratio:,}:1): refused as a possible zip bomb",
        source=name,
    )


def _read_part(archive: zipfile.ZipFile, part: str, budget: _Budget, name: str) -> bytes | None:
    """Read one part, trusting neither the declared sizes nor the stream: both are bounded."""
    try:
        info = archive.getinfo(part)
    except KeyError:
        return None
    compressed = max(info.compress_size, 1)
    if info.file_size > budget.left or info.file_size > budget.ratio * compressed + _CHUNK:
        raise _bomb(name, part, info.file_size, info.compress_size)
    # a lying header is caught while streaming: never read past the declared size or the budget
    ceiling = min(budget.left, budget.ratio * compressed + _CHUNK, info.file_size)
    out = bytearray()
    try:
        with archive.open(info) as stream:
            while True:
                chunk = stream.read(_CHUNK)
                if not chunk:
                    break
                out += chunk
                if len(out) > ceiling:
                    raise _bomb(name, part, len(out), info.compress_size)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, ValueError, RuntimeError):
        raise FormatError(DAMAGED, source=name) from None
    budget.left -= len(out)
    return bytes(out)


# ---- numbering ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 = never


@dataclass
class _Num:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)  # ilvl -> startOverride
    levels: dict[int, _Level] = field(default_factory=dict)  # lvlOverride/lvl replacements


def _attr(element, local: str, default=None):
    if element is None:
        return default
    return element.get(W + local, element.get(local, default))


def _ilvl(value, default: int | None = None) -> int | None:
    """A level index. Word has nine levels (0-8); any other is ignored, so that no loop runs to it."""
    level = parse_list_number(value)
    return level if level is not None and 0 <= level < WORD_LEVELS else default


def _parse_level(lvl) -> tuple[int | None, _Level]:
    """(level index, its definition); the index is None for a level Word does not have."""
    ilvl = _ilvl(_attr(lvl, "ilvl", "0"))
    fmt = _attr(lvl.find(W + "numFmt"), "val", "decimal")
    text = _attr(lvl.find(W + "lvlText"), "val", "")
    start = parse_list_number(_attr(lvl.find(W + "start"), "val"), 1)
    restart = parse_list_number(_attr(lvl.find(W + "lvlRestart"), "val"))
    return ilvl, _Level(fmt=fmt, text=text if text is not None else "", start=start if start is not None else 1, restart=restart)


@dataclass
class _Numbering:
    abstracts: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, _Num] = field(default_factory=dict)

    @classmethod
    def parse(cls, root) -> "_Numbering":
        out = cls()
        if root is None:
            return out
        for abstract in root.iter(W + "abstractNum"):
            levels = {i: level for i, level in map(_parse_level, abstract.iter(W + "lvl")) if i is not None}
            out.abstracts[_attr(abstract, "abstractNumId", "")] = levels
        for num in root.iter(W + "num"):
            entry = _Num(abstract=_attr(num.find(W + "abstractNumId"), "val", ""))
            for override in num.iter(W + "lvlOverride"):
                ilvl = _ilvl(_attr(override, "ilvl", "0"))
                if ilvl is None:
                    continue
                start = override.find(W + "startOverride")
                if start is not None:
                    entry.overrides[ilvl] = parse_list_number(_attr(start, "val"), 1) or 0
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    entry.levels[ilvl] = _parse_level(lvl)[1]
            out.nums[_attr(num, "numId", "")] = entry
        return out

    def level(self, num_id: str, ilvl: int) -> _Level | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        if ilvl in num.levels:
            return num.levels[ilvl]
        return self.abstracts.get(num.abstract, {}).get(ilvl)


class _Counters:
    """Word's list counters. Lists that share an abstract definition continue each other's
    numbering unless a ``num`` restarts it with a ``startOverride``; such a ``num`` is its own list."""

    def __init__(self, numbering: _Numbering):
        self.numbering = numbering
        self.values: dict[str, dict[int, int]] = {}

    def _key(self, num_id: str) -> str:
        num = self.numbering.nums[num_id]
        return f"num:{num_id}" if num.overrides else f"abstract:{num.abstract}"

    def label(self, num_id: str, ilvl: int) -> str | None:
        level = self.numbering.level(num_id, ilvl)
        if level is None:
            return None
        num = self.numbering.nums[num_id]
        values = self.values.setdefault(self._key(num_id), {})
        if ilvl in values:
            values[ilvl] += 1
        else:
            values[ilvl] = num.overrides.get(ilvl, level.start)
        # Word counts a skipped shallower level as used once: "(a)" before any "1." makes the next "1." a "2."
        for shallower in range(ilvl):
            if shallower not in values:
                kl = self.numbering.level(num_id, shallower)
                values[shallower] = num.overrides.get(shallower, kl.start if kl else 1)
        # a shallower level advancing restarts the deeper ones (unless lvlRestart says otherwise)
        for deeper in [k for k in values if k > ilvl]:
            deeper_level = self.numbering.level(num_id, deeper)
            restart = deeper_level.restart if deeper_level else None
            if restart == 0:
                continue
            if restart is None or ilvl < restart:
                del values[deeper]
        if level.fmt == "bullet":
            return "\u2013"
        text = level.text or ""

        def fill(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            kl = self.numbering.level(num_id, k)
            v = values.get(k, num.overrides.get(k, kl.start if kl else 1))
            return list_marker(v, kl.fmt if kl else "decimal")

        return re.sub(r"%([1-9])", fill, text).strip()


# ---- styles (numbering attached to a paragraph style) -----------------------------------------


def _style_numbering(root) -> dict[str, tuple[str | None, int | None]]:
    """styleId -> (numId, ilvl) after following ``basedOn`` chains."""
    if root is None:
        return {}
    own: dict[str, tuple[str | None, int | None, str | None]] = {}
    for style in root.iter(W + "style"):
        sid = _attr(style, "styleId")
        if not sid:
            continue
        num_pr = style.find(f"{W}pPr/{W}numPr")
        num_id = _attr(num_pr.find(W + "numId"), "val") if num_pr is not None else None
        ilvl = _ilvl(_attr(num_pr.find(W + "ilvl"), "val")) if num_pr is not None else None
        own[sid] = (num_id, ilvl, _attr(style.find(W + "basedOn"), "val"))
    resolved: dict[str, tuple[str | None, int | None]] = {}
    for sid in own:
        num_id, ilvl, seen, current = None, None, set(), sid
        while current in own and current not in seen:
            seen.add(current)
            c_num, c_lvl, based = own[current]
            num_id = num_id if num_id is not None else c_num
            ilvl = ilvl if ilvl is not None else c_lvl
            current = based
        if num_id is not None:
            resolved[sid] = (num_id, ilvl)
    return resolved


# ---- text of a paragraph -----------------------------------------------------------------------

_SKIP = {"instrText", "delInstrText", "footnoteReference", "endnoteReference", "commentReference"}
_SKIP_SUBTREES = {"txbxContent", "fldChar", "rPrChange", "pPrChange", "pPr", "rPr"}


def paragraph_text(p, side: str = ACCEPT) -> str:
    """The text of a paragraph as ``side`` of its tracked changes reads it, spaces folded."""
    return re.sub(r"\s+", " ", _raw_text(p, side).replace("\u00a0", " ")).strip()


def _raw_text(p, side: str) -> str:
    parts: list[str] = []
    skip = _SKIP_SUBTREES | set(dropped(side))
    text = ("t",) if side == ACCEPT else ("t", "delText")  # deleted text is in w:delText

    def walk(element):
        for child in element:
            name = localname(child)
            if name in skip or name in _SKIP:
                continue
            if name in text:
                parts.append(child.text or "")
            elif name == "delText":
                continue
            elif name in ("tab", "ptab"):
                parts.append(" ")
            elif name in ("br", "cr"):
                parts.append(" ")
            elif name == "noBreakHyphen":
                parts.append("-")
            elif name == "softHyphen":
                continue
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _footnotes(root) -> list[str]:
    if root is None:
        return []
    notes = []
    for note in root:
        if localname(note) not in ("footnote", "endnote"):
            continue
        if _attr(note, "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = " ".join(t for t in (paragraph_text(p) for p in note.iter(W + "p")) if t)
        if text:
            notes.append(text)
    return notes


def _body_paragraphs(body, side: str = ACCEPT):
    """Paragraphs of the body in reading order, tables included, text boxes and what ``side`` drops not."""
    hidden = ("txbxContent",) + dropped(side)
    for element in body.iter(W + "p"):
        ancestor = element.getparent()
        skip = False
        while ancestor is not None and ancestor is not body:
            if localname(ancestor) in hidden:
                skip = True
                break
            ancestor = ancestor.getparent()
        if not skip:
            yield element


def read_docx(data: bytes, name: str, limits: Limits):
    from . import RawDocument

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError):
        raise FormatError(DAMAGED, source=name) from None
    budget = _Budget(limits)
    with archive:
        document = _read_part(archive, "word/document.xml", budget, name)
        if document is None:
            raise FormatError("not a Word document: word/document.xml is missing", source=name)
        numbering_xml = _read_part(archive, "word/numbering.xml", budget, name)
        styles_xml = _read_part(archive, "word/styles.xml", budget, name)
        footnotes_xml = _read_part(archive, "word/footnotes.xml", budget, name)
    root = parse_xml(document, name, "DOCX")
    numbering = _Numbering.parse(parse_xml(numbering_xml, name, "DOCX") if numbering_xml else None)
    styles = _style_numbering(parse_xml(styles_xml, name, "DOCX") if styles_xml else None)
    footnotes = _footnotes(parse_xml(footnotes_xml, name, "DOCX") if footnotes_xml else None)
    body = root.find(W + "body")
    if body is None:
        raise FormatError("not a Word document: word/document.xml has no body", source=name)

    side = limits.revisions
    if side not in SIDES:
        raise InputError(f"--revisions must be {' or '.join(SIDES)}, not {side!r}", source=name)
    found = revisions(list(_body_paragraphs(body, ACCEPT)), paragraph_text)
    counters = _Counters(numbering)
    paragraphs: list[str] = []
    for group in joined_paragraphs(_body_paragraphs(body, side), side):
        text = paragraph_text_of(group, side)
        num_id, ilvl = _numbering_of(properties(group[-1], side), styles)  # the surviving mark's properties
        marker = None
        if num_id is not None and num_id != "0" and num_id in numbering.nums:
            try:
                marker = counters.label(num_id, ilvl or 0)
            except ListNumberError as exc:
                raise ListNumberError(exc.message, source=name) from None
        if not text:
            continue  # an empty numbered paragraph still advanced its counter, as in Word
        if marker:
            text = f"{marker} {text}"
        paragraphs.append(text)
    if not paragraphs:
        raise FormatError("the Word document has no text", source=name)
    hints = {"footnotes": footnotes} if footnotes else {}
    if found:
        hints["warnings"] = [Notice("revisions", notice_text(found, side))]
        hints["revisions"] = found
    return RawDocument(text="\n\n".join(paragraphs) + "\n", format="docx", name=name, hints=hints)


def paragraph_text_of(group, side: str) -> str:
    """The text of paragraphs that ``side`` reads as one (their marks between them removed)."""
    return re.sub(r"\s+", " ", "".join(_raw_text(p, side) for p in group).replace("\u00a0", " ")).strip()


def _numbering_of(ppr, styles) -> tuple[str | None, int | None]:
    num_id = ilvl = None
    style_id = None
    if ppr is not None:
        num_pr = ppr.find(W + "numPr")
        if num_pr is not None:
            num_id = _attr(num_pr.find(W + "numId"), "val")
            ilvl = _ilvl(_attr(num_pr.find(W + "ilvl"), "val"))
        style_id = _attr(ppr.find(W + "pStyle"), "val")
    if style_id and style_id in styles:
        s_num, s_lvl = styles[style_id]
        if num_id is None:
            num_id = s_num
        if ilvl is None:
            ilvl = s_lvl
    return num_id, ilvl
