"""PDF as the UN's Official Document System publishes it, read with pypdfium2.

Why pypdfium2: it bundles Google's PDFium (BSD/Apache licensed, the engine of Chrome's viewer), is
fast, reports encryption and damage as distinct errors, and gives every character's box, which is
what deciding page furniture by *position* needs. PyMuPDF is AGPL; pdfminer-based pdfplumber is
much slower on long mandates and would be a second engine for the same job.

A page is read as lines with boxes. Page furniture is removed only when content and position
agree: a running header (the symbol) in the top band, the job number ("02-72318 (E) 041202"),
barcode ("*0272318*") and page number ("2/5") in the bottom band. The first page's title block is
kept (the segmenter reads the symbol and date from it). Text below a footnote separator (a short
horizontal rule in the lower part of the page) goes to ``hints["footnotes"]``. Lines are grouped
into paragraphs by vertical gaps and indentation; the lines of a paragraph are joined here (with
the segmenter's own hyphenation rule), so that a wrapped line that happens to begin with "(a)"
cannot be mistaken for a new sub-paragraph.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass

from ..grammar.clauses import starts_preambular_clause
from ..grammar.dates import MONTH_ALTERNATION, iso_date
from ..errors import FormatError, LimitError
from ..limits import Limits

NO_TEXT = "no text layer: the PDF is a scan; OCR it first"
ENCRYPTED = "encrypted PDF: remove the password first"
DAMAGED = "truncated or damaged PDF"

_BAND = 0.12  # top and bottom bands where furniture may sit, as a share of the page height


@dataclass
class _Line:
    text: str
    left: float
    bottom: float
    right: float
    top: float
    size: float = 0.0
    bold: bool = False  # most of its characters in a bold font: headings are set so

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line]
    separator: float | None  # y of the footnote separator, when the page has one


# ---- furniture by content ----------------------------------------------------------------------

_PIECE = (
    r"(?:S/RES/\d{1,5}\s?\(\d{4}\)"  # running header: the resolution's symbol
    r"|(?:[A-Z]{1,3}/)+[A-Z0-9.\-]*\d[A-Z0-9.\-/]*(?:\s?\(\d{4}\))?"  # any other UN symbol
    r"|\d{2}-\d{4,6}(?:\s?\([A-Z]\))?"  # job number "02-72318 (E)", "02-72318" on later pages
    r"|\d{6}"  # date code "041202"
    r"|\*\d{6,9}\*"  # barcode text
    r"|\d{1,4}\s?/\s?\d{1,4}"  # page number "2/5"
    r"|(?:Page|PAGE)\s\d{1,4}(?:\sof\s\d{1,4})?"
    r"|-\s?\d{1,4}\s?-"
    r"|\d{1,4}"
    r"|Please\srecycle\s?\W?)"
)
_FURNITURE = re.compile(rf"^{_PIECE}(?:\s{_PIECE}){{0,5}}$")
_JOB_NUMBER = re.compile(r"\b(\d{2})-(\d{4,6})\s?\(([A-Z])\)")
_LANGUAGE_LETTER = {"E": "en", "F": "fr", "S": "es", "R": "ru", "A": "ar", "C": "zh"}
_SYMBOL = re.compile(r"S/RES/(\d{1,5})\s*\((\d{4})\)")
_DATE = re.compile(rf"^\s*(\d{{1,2}})(?:er)?\s+({MONTH_ALTERNATION})\s+(\d{{4}})\s*$", re.IGNORECASE)


def is_furniture_text(text: str) -> bool:
    folded = re.sub(r"\s+", " ", text).strip()
    return bool(folded) and len(folded) <= 120 and bool(_FURNITURE.match(folded))


# ---- extraction --------------------------------------------------------------------------------


def _page_text(textpage, count: int) -> str:
    """The page's characters, one per PDFium char index (the fast call, checked; else char by char)."""
    import pypdfium2.raw as raw

    text = textpage.get_text_range()
    if len(text) == count:
        return text
    return "".join(chr(raw.FPDFText_GetUnicode(textpage, i) or 32) for i in range(count))


def _lines_of(textpage) -> list[_Line]:
    import pypdfium2.raw as raw

    count = textpage.count_chars()
    if count <= 0:
        return []
    text = _page_text(textpage, count)
    lines: list[_Line] = []
    start = 0
    i = 0

    def close(end: int, suffix: str = ""):
        indices = [k for k in range(start, end) if not text[k].isspace() and text[k] not in "\ufffe\x02"]
        if not indices:
            return
        sample = indices if len(indices) <= 12 else indices[:: max(len(indices) // 10, 1)] + [indices[-1]]
        boxes = [textpage.get_charbox(k) for k in sample]
        boxes = [b for b in boxes if b[2] > b[0] or b[3] > b[1]] or boxes
        size = statistics.median(raw.FPDFText_GetFontSize(textpage, k) for k in sample) or 0.0
        baseline = statistics.median(b[1] for b in boxes)
        dropped = _superscript_marks(textpage, text, indices, size, baseline)
        chunk = "".join(text[k] for k in range(start, end) if k not in dropped and text[k] not in "\ufffe\x02")
        lines.append(
            _Line(
                text=re.sub(r"[ ]{2,}", " ", chunk + suffix).strip(),
                left=min([textpage.get_charbox(indices[0])[0]] + [b[0] for b in boxes]),
                bottom=baseline,
                right=max(b[2] for b in boxes),
                top=max(b[3] for b in boxes),
                size=float(size),
                bold=sum(_is_bold(textpage, k) for k in sample) * 2 > len(sample),
            )
        )

    while i < count:
        ch = text[i]
        if ch in "\r\n":
            close(i)
            while i < count and text[i] in "\r\n":
                i += 1
            start = i
            continue
        if ch in "\ufffe\x02":  # PDFium's mark for a hyphen it joined across a line end
            close(i, "-")
            start = i + 1
        i += 1
    close(count)
    return _merge_same_baseline(lines)


def _is_bold(textpage, index: int) -> bool:
    """A bold font: by its weight, or by its name when PDFium reports no weight (the standard 14 fonts)."""
    import ctypes

    import pypdfium2.raw as raw

    if raw.FPDFText_GetFontWeight(textpage, index) >= 600:
        return True
    name = ctypes.create_string_buffer(128)
    raw.FPDFText_GetFontInfo(textpage, index, name, len(name), None)
    return b"Bold" in name.value or b"bold" in name.value


def _superscript_marks(textpage, text: str, indices: list[int], size: float, baseline: float) -> set[int]:
    """Footnote reference marks set as raised, smaller digits inside a line ("(2000)\u00b9"): they
    are not words of the paragraph. A mark that opens a line (the note's own number) is kept."""
    import pypdfium2.raw as raw

    dropped: set[int] = set()
    if not size:
        return dropped
    for k in indices[1:]:
        if text[k].isdigit() or text[k] in "*\u2020":
            if raw.FPDFText_GetFontSize(textpage, k) < 0.8 * size and textpage.get_charbox(k)[1] > baseline + 0.2 * size:
                dropped.add(k)
    return dropped


def _is_raised_mark(line: _Line, beside: _Line) -> bool:
    """Smaller digits set above the baseline of the line they follow: a footnote reference."""
    text = line.text.replace(" ", "")
    return (
        bool(text) and len(text) <= 3 and all(c.isdigit() or c in "*\u2020" for c in text)
        and bool(line.size) and bool(beside.size) and line.size < 0.8 * beside.size
        and line.bottom > beside.bottom + 0.2 * beside.size
    )


def _merge_same_baseline(lines: list[_Line]) -> list[_Line]:
    """PDFium sometimes ends a line inside one printed line (a tab stop, a right-aligned date)."""
    out: list[_Line] = []
    for line in lines:
        if out:
            prev = out[-1]
            overlap = min(prev.top, line.top) - max(prev.bottom, line.bottom)
            marker = min(len(prev.text), len(line.text)) <= 3  # a raised note number beside its line
            if (overlap > 0.5 * min(prev.height, line.height) or (marker and overlap > 0)) and line.left >= prev.right - 1:
                if _is_raised_mark(line, prev):
                    continue  # a footnote mark PDFium put on a line of its own (LibreOffice, justified text)
                out[-1] = _Line(
                    f"{prev.text} {line.text}", prev.left, min(prev.bottom, line.bottom), line.right,
                    max(prev.top, line.top), max(prev.size, line.size), prev.bold and line.bold,
                )
                continue
        out.append(line)
    return out


def _separator(page, width: float, height: float) -> float | None:
    """The y of a footnote separator: a short horizontal rule in the lower part of the page."""
    import pypdfium2.raw as raw

    best = None
    try:
        # bounded: a page of vector drawings has thousands of paths and none is a separator
        objects = list(itertools.islice(page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=2), 2000))
    except Exception:  # noqa: BLE001 - a malformed object only costs us the separator
        return None
    for obj in objects:
        try:
            bounds = getattr(obj, "get_bounds", None) or obj.get_pos  # pypdfium2 5 / 4
            left, bottom, right, top = bounds()
        except Exception:  # noqa: BLE001
            continue
        length = right - left
        if top - bottom <= 2.5 and 0.08 * width <= length <= 0.5 * width and height * 0.06 < top < height * 0.6:
            best = top if best is None else max(best, top)
    return best


def _open(data: bytes, name: str):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (4, 5) or "password" in str(exc).lower():  # FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY
            raise FormatError(ENCRYPTED, source=name) from None
        raise FormatError(DAMAGED, source=name) from None
    except Exception:  # noqa: BLE001 - PDFium may fail in other ways on hostile bytes
        raise FormatError(DAMAGED, source=name) from None


def _text_objects(page, limit: int) -> int:
    """The page's text objects (top level), or ``limit + 1`` when there are more. Counted one by one (two
    calls each) only when the page has more objects of any kind than ``limit``, and only up to the bound."""
    import pypdfium2.raw as raw

    total = raw.FPDFPage_CountObjects(page.raw)
    if total <= limit:
        return total
    text = raw.FPDF_PAGEOBJ_TEXT
    texts = (i for i in range(total) if raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(page.raw, i)) == text)
    return sum(1 for _ in itertools.islice(texts, limit + 1))


def _check_text_bound(count: int, what: str, number: int, limits: Limits, name: str) -> None:
    """A page with more text than any real page has (160,000 tiny lines took 38 s): refused before the
    work that grows with it, PDFium's text analysis (text objects) and the reading of lines (characters)."""
    if count > limits.max_page_text:
        raise LimitError(
            f"PDF page {number} has more than {limits.max_page_text:,} {what} "
            "(raise the limit with --max-page-text)",
            source=name,
        )


def _pages(data: bytes, name: str, limits: Limits) -> list[_Page]:
    tail = data[-8192:]
    if b"%%EOF" not in tail:
        raise FormatError(DAMAGED, source=name)
    pdf = _open(data, name)
    try:
        count = len(pdf)
        if count > limits.max_pages:
            raise LimitError(
                f"PDF has {count:,} pages, over the limit of {limits.max_pages:,} (raise it with --max-pages)",
                source=name,
            )
        if count == 0:
            raise FormatError(DAMAGED, source=name)
        pages = []
        for index in range(count):
            try:
                page = pdf[index]
                width, height = page.get_size()
                _check_text_bound(_text_objects(page, limits.max_page_text), "text objects", index + 1, limits, name)
                textpage = page.get_textpage()
                _check_text_bound(textpage.count_chars(), "characters", index + 1, limits, name)
                lines = _lines_of(textpage)
                separator = _separator(page, width, height) if lines else None
                textpage.close()
                page.close()
            except (FormatError, LimitError):
                raise
            except Exception:  # noqa: BLE001 - PDFium errors on a damaged page
                raise FormatError(DAMAGED, source=name) from None
            pages.append(_Page(index + 1, width, height, lines, separator))
        return pages
    finally:
        pdf.close()


# ---- layout: furniture, footnotes, paragraphs --------------------------------------------------

_UNIT_START = re.compile(r"^(?:\d{1,3}\s?\.|\([a-zA-Z]{1,6}\)|[\u2013\u2014\-•])(?:\s|$)")
_LONE_NUMBER = re.compile(r"^(?:\d{1,3}\s?\.|\([a-zA-Z]{1,6}\)|[\u2013\u2014\-•])$")
# a unit whose text starts with a capital; "(a) of the authorities" inside a sentence does not
_STRONG_UNIT = re.compile(r"^(?:\d{1,3}\s?\.|\([a-zA-Z]{1,6}\)|[\u2013\u2014•])\s+[\"“‘(]?[A-Z]")
# a line that can end a paragraph; footnote marks may follow the punctuation ("territory, 15", "Congo, 21 22")
_CLOSES = re.compile(r"[.;:,][\"”’)]?(?:\s?\d{1,3}/?){0,3}$")
_FOOTNOTE_START = re.compile(r"^(?:\d{1,3}/?|\*{1,3})\s")
_BARE_MARK = re.compile(r"^\d{1,3}/?(?:\s\d{1,3}/?){0,2}$")  # footnote marks wrapped onto a line of their own
# a sub-paragraph or paragraph that cannot be the middle of a sentence: a lower-case or roman marker, or a
# number, then a capital ("(i) To provide", "12. Requests"); "(UNMISS) The" may be, and is not matched
_OPENS_ITEM = re.compile(r"^(?:\d{1,3}\.|\((?:[a-z]{1,2}|[ivxlc]{1,6})\))\s+[\"“‘(]?[A-Z]")
# the first word of a heading: a capital, or a part or section marker ("C. General provisions", "II.")
_HEADING_START = re.compile(r"^(?:[A-Z]\.\s|[IVXL]{1,5}\.\s|[A-Z])")


@dataclass
class _Sorted:
    body: list[tuple[int, _Line]]
    footnotes: list[str]
    hints: dict


def _sort_lines(pages: list[_Page]) -> _Sorted:
    body: list[tuple[int, _Line]] = []
    footnote_lines: list[str] = []
    hints: dict = {}
    for page in pages:
        band = _BAND * page.height
        notes = _footnote_lines(page)
        for line in page.lines:
            in_top = line.bottom >= page.height - band
            in_bottom = line.top <= band
            if in_top or in_bottom:
                job = _JOB_NUMBER.search(line.text)
                if job and "language" not in hints:
                    hints["language"] = _LANGUAGE_LETTER.get(job.group(3))
                symbol = _SYMBOL.search(line.text)
                if symbol and "symbol" not in hints:
                    hints["symbol"] = f"S/RES/{symbol.group(1)} ({symbol.group(2)})"
                if is_furniture_text(line.text) and not (page.number == 1 and in_top) and id(line) not in notes:
                    continue
            if page.number == 1 and line.bottom >= page.height * 0.75 and "date" not in hints:
                date = _DATE.match(line.text)  # the date under "Distr.: General" in the title block
                if date:
                    hints["date"] = iso_date(int(date.group(1)), date.group(2), int(date.group(3)))
            if page.separator is not None and line.top <= page.separator + 1:
                footnote_lines.append(line.text)
                continue
            body.append((page.number, line))
    if hints.get("language") is None:
        hints.pop("language", None)
    return _Sorted(body, _group_footnotes(footnote_lines), hints)


def _footnote_lines(page: _Page) -> set[int]:
    """The lines (by id) of the footnote block: from the separator down, each line close below the one
    before. A note may look like furniture ("1 S/2019/454.", or a last line "S/2019/454."); the job number
    and page number below the block are further down."""
    if page.separator is None:
        return set()
    below = sorted((line for line in page.lines if line.top <= page.separator + 1), key=lambda line: -line.top)
    notes: set[int] = set()
    edge = page.separator
    for line in below:
        if edge - line.top > 1.5 * line.height:
            break
        notes.add(id(line))
        edge = min(edge, line.bottom)
    return notes


def _group_footnotes(lines: list[str]) -> list[str]:
    from ..normalize import join_lines

    notes: list[list[str]] = []
    for line in lines:
        if _FOOTNOTE_START.match(line) or not notes:
            notes.append([line])
        else:
            notes[-1].append(line)
    return [join_lines(n) for n in notes]


def _paragraphs(body: list[tuple[int, _Line]]) -> list[list[_Line]]:
    """Cut the body's lines into paragraphs by vertical gaps, short last lines, numbers and indentation."""
    if not body:
        return []
    pitch, size = _line_pitch(body)
    # single spacing is 1.15 to 1.35 times the font size; when every gap is a paragraph gap (no paragraph
    # wraps), the measured pitch is a paragraph gap, and only this bound and the words can tell
    single = min(pitch, 1.3 * size) if size else pitch
    extent: dict[int, tuple[float, float]] = {}
    for page, line in body:
        left, right = extent.get(page, (line.left, line.right))
        extent[page] = (min(left, line.left), max(right, line.right))

    def is_short(page: int, line: _Line) -> bool:
        left, right = extent[page]
        return line.right < right - 0.2 * max(right - left, 1.0)

    paragraphs: list[list[_Line]] = [[body[0][1]]]
    for (p_page, prev), (page, line) in zip(body, body[1:]):
        current = paragraphs[-1]
        shorts = (is_short(p_page, prev), is_short(page, line))
        if _new_paragraph(current, prev, line, (pitch, single), same_page=(p_page == page), shorts=shorts, margin=extent[p_page][0]):
            paragraphs.append([line])
        else:
            current.append(line)
    return paragraphs


def _line_pitch(body: list[tuple[int, _Line]]) -> tuple[float, float]:
    """The distance between the baselines of two wrapped lines of one paragraph: the smallest gap between
    body-size lines (paragraph spacing only adds to it). Not a median: in a text whose paragraphs are
    mostly one line long, most gaps are paragraph gaps, and a median takes them for the pitch
    (LibreOffice's PDF of S/RES/116 (1956) came out as a single paragraph)."""
    sizes = [line.size for _page, line in body if line.size]
    size = statistics.median(sizes) if sizes else 0.0
    gaps = sorted(
        prev.bottom - line.bottom
        for (p_page, prev), (page, line) in zip(body, body[1:])
        if p_page == page
        and 0 < prev.bottom - line.bottom < 4 * line.height
        and (not size or (abs(prev.size - size) <= 1 and abs(line.size - size) <= 1))
    )
    plausible = [g for g in gaps if g >= 0.9 * size] or gaps
    if not plausible:
        return (1.25 * size if size else 14.0), size
    return plausible[len(plausible) // 20], size  # the smallest, but for a rare outlier in a long text


def _new_paragraph(
    current: list[_Line], prev: _Line, line: _Line, pitches: tuple[float, float], same_page: bool,
    shorts: tuple[bool, bool], margin: float,
) -> bool:
    """Does ``line`` open a paragraph after ``prev``, the last line of ``current``? ``shorts``: whether
    ``prev`` and ``line`` end well before the right margin."""
    pitch, single = pitches
    prev_short, line_short = shorts
    if _LONE_NUMBER.match(prev.text):
        return False  # "28." alone on its line: the text that follows belongs to it
    closes = bool(_CLOSES.search(prev.text))
    if not closes and len(current) >= 2 and _BARE_MARK.match(prev.text):
        closes = bool(_CLOSES.search(f"{current[-2].text} {prev.text}"))  # "United Nations," then a wrapped "12"
    starts_unit = bool(_UNIT_START.match(line.text))
    if (closes or prev_short) and _STRONG_UNIT.match(line.text):
        # "1. Reiterates", "(a) All Member States": not a wrapped "(a) of the ..."; after a short line
        # that does not close, such as the heading "(d) Good offices and reconciliation", too
        return True
    heading = line_short and not _CLOSES.search(line.text) and bool(_HEADING_START.match(line.text))
    if heading and closes and (line.bold or not same_page):
        # a heading ("C. General provisions") after a paragraph whose last line is full: at the top of a
        # page, where there is no gap to measure, or set in bold in a layout without space between
        return True
    if prev.bold and prev_short and not closes and not line.bold:
        return True  # the body text after a bold heading
    if _OPENS_ITEM.match(line.text):
        # "(i) To provide ..." after an unpunctuated sub-heading that fills its line ("(a) Support to the
        # implementation of the Agreement on Peace and Reconciliation"): no sentence runs on into "(i) To"
        return True
    continuation_x = current[-1].left if len(current) >= 2 else None
    if prev.size and line.size and abs(prev.size - line.size) > 1.5:
        return True  # a title line in another size
    if continuation_x is None and prev.left > margin + 8 and abs(line.left - prev.left) <= 2:
        # a one-line paragraph that fills its line, then a line with the same first-line indent, or the next
        # dash item of a list ("– Calls also for ..., and" then "– Reiterates")
        if closes or _STRONG_UNIT.match(line.text):
            return True
    if same_page:
        gap = prev.bottom - line.bottom
        if gap > 1.3 * pitch or gap < -pitch:  # a wider gap, or a jump up (a new column)
            return True
        if gap > 1.3 * single and closes and (starts_unit or line.text[:1].isupper()):
            return True  # wider than single spacing, after a closing line, before a capital
        if continuation_x is not None:
            if starts_unit and closes and abs(line.left - continuation_x) > 2:
                return True
            if line.left < continuation_x - 8 and (closes or _STRONG_UNIT.match(line.text)):
                # back out of a hanging indent: "(c) ... rights," then "Noting that ...", or "– ..., and"
                # then the next dash item "– Reiterates"
                return True
            # first-line indent: a line indented past the paragraph's wrapped lines, however the line before
            # ends (a tight layout has no space between paragraphs; a unit may lack its full stop)
            return line.left > continuation_x + 8
        return closes and prev_short and (starts_unit or line.text[:1].isupper())
    # across a page break there is no gap to measure: the last line's length, the indentation and the
    # words decide ("..., 12" then "Noting with deep satisfaction" at the top of the next page)
    if closes and (prev_short or starts_preambular_clause(line.text)):
        return True
    if continuation_x is not None:
        return (closes or starts_unit) and abs(line.left - continuation_x) > 2
    return starts_unit and closes


def _join(paragraph: list[_Line], vocabulary) -> str:
    from ..normalize import join_lines

    texts = [line.text for line in paragraph]
    if len(texts) >= 2 and _LONE_NUMBER.match(texts[0]):
        texts = [f"{texts[0]} {texts[1]}"] + texts[2:]
    return join_lines(texts, vocabulary)


def read_pdf(data: bytes, name: str, limits: Limits):
    from ..normalize import hyphen_vocabulary
    from . import RawDocument

    pages = _pages(data, name, limits)
    if not any(line.text.strip() for page in pages for line in page.lines):
        raise FormatError(NO_TEXT, source=name)
    ordered = _sort_lines(pages)
    if not ordered.body:
        raise FormatError(NO_TEXT, source=name)
    vocabulary = hyphen_vocabulary("\n".join(line.text for _page, line in ordered.body))
    paragraphs = [_join(p, vocabulary) for p in _paragraphs(ordered.body)]
    hints = dict(ordered.hints)
    if ordered.footnotes:
        hints["footnotes"] = ordered.footnotes
    text = "\n\n".join(p for p in paragraphs if p) + "\n"
    return RawDocument(text=text, format="pdf", name=name, hints=hints)
