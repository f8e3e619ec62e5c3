"""Test-only renderers: a resolution's paragraphs -> PDF, DOCX, HTML and Akoma Ntoso files.

The real corpus is plain text. To test the readers on the formats people actually have, the tests
render corpus texts at test time (into ``tmp_path``, never into the project) in the layouts those
formats really use, and read them back:

- PDF in the layout of the UN's Official Document System (reportlab): first-page title block,
  running header with the symbol, job number with date code, barcode, page numbers "2/5",
  hyphenation at some line ends, numbers set in a hanging indent (sometimes alone on their line),
  footnotes under a separator at the page bottom;
- DOCX (python-docx) whose paragraph numbers and (a)/(i) sub-numbers are Word *automatic*
  numbering (numbering.xml ``abstractNum``/``num``, ``numPr`` on the paragraphs, the numbers not in
  the text runs), with the symbol in the page header and the job number in the footer;
- HTML, either one ``<p>`` per paragraph (optionally with the preamble flattened into one ``<p>``)
  or a press release that quotes the resolution after a summary;
- Akoma Ntoso (AKN4UN) XML.

Input is a ``DocSpec``: a neutral list of blocks, built from a segmented ``Resolution``.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field

from lxml import etree

# ---- the neutral document -----------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    kind: str  # "title" | "opening" | "part" | "heading" | "preambular" | "operative" | "annex"
    text: str
    number: str | None = None  # the printed marker: "28.", "(c)", "(iii)", "–"
    level: int = 0  # 0 for paragraphs, 1 for (a), 2 for (i) ...
    style: str | None = None  # "decimal" | "letter" | "roman" | "upper" | "dash"
    value: int | None = None  # the marker's value for automatic numbering
    footnotes: tuple[int, ...] = ()  # indices into DocSpec.footnotes referenced here


@dataclass(frozen=True)
class DocSpec:
    symbol: str
    number: int
    year: int
    date: str  # "4 December 2002"
    blocks: tuple[Block, ...]
    footnotes: tuple[str, ...] = ()
    job: str = field(default="")

    @property
    def job_number(self) -> str:
        return self.job or f"{self.year % 100:02d}-{(self.number * 7919) % 100000:05d}"


_MONTHS = "January February March April May June July August September October November December".split()


def _human_date(iso: str | None, year: int) -> str:
    if iso and re.match(r"^\d{4}-\d{2}-\d{2}$", iso):
        y, m, d = (int(x) for x in iso.split("-"))
        return f"{d} {_MONTHS[m - 1]} {y}"
    return f"1 January {year}"


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def _roman_value(token: str) -> int | None:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    if not token or any(ch not in values for ch in token):
        return None
    total = 0
    for a, b in zip(token, token[1:] + " "):
        v = values[a]
        total += -v if b != " " and values.get(b, 0) > v else v
    return total


def _marker_style(marker: str | None, siblings: list[str]) -> tuple[str | None, int | None]:
    """Style and value of a printed marker, reading "(i)" as roman when its siblings are roman."""
    if not marker:
        return None, None
    m = re.match(r"^(\d+)\s?\.$", marker)
    if m:
        return "decimal", int(m.group(1))
    if marker in ("\u2013", "\u2014", "-", "•"):
        return "dash", None
    m = re.match(r"^\(([A-Za-z]+)\)$", marker)
    if not m:
        return None, None
    token = m.group(1)
    if token.isupper() and len(token) == 1:
        return "upper", ord(token) - 64
    tokens = [re.sub(r"[()]", "", s) for s in siblings]
    all_roman = all(_roman_value(t) is not None for t in tokens)
    if all_roman and (any(len(t) > 1 for t in tokens) or set(tokens) <= {"i", "v", "x"}):
        return "roman", _roman_value(token)
    if len(token) == 1:
        return "letter", ord(token) - 96
    if len(set(token)) == 1:
        return "letter", 26 * (len(token) - 1) + ord(token[0]) - 96
    if _roman_value(token) is not None:
        return "roman", _roman_value(token)
    return None, None  # a marker Word cannot generate ("(ad)", an OCR slip): typed as text


def spec_from_resolution(resolution, symbol: str | None = None) -> DocSpec:
    """Blocks in reading order from a segmented resolution (the readers must give them back)."""
    symbol = resolution.symbol or symbol or "S/RES/9999 (2099)"
    m = re.search(r"(\d+)\s*\((\d{4})\)", symbol)
    number, year = (int(m.group(1)), int(m.group(2))) if m else (9999, 2099)
    date = _human_date(resolution.date, year)
    meeting = f"at its {_ordinal(resolution.meeting)} meeting, " if resolution.meeting else ""
    blocks: list[Block] = [
        Block("title", f"Resolution {number} ({year})"),
        Block("title", f"Adopted by the Security Council {meeting}on {date}"),
        Block("opening", "The Security Council,"),
    ]
    siblings: dict[str | None, list[str]] = {}
    for p in resolution.paragraphs:
        siblings.setdefault(p.parent, []).append(p.number or "")
    part = None
    section = None
    for p in resolution.paragraphs:
        if p.part != part:
            part = p.part
            section = None
            if part:
                blocks.append(Block("part", part))
        if p.section != section and (p.section or p.kind == "operative"):
            section = p.section  # a section may open with preambular paragraphs of its own ("B", then "Condemning")
            if section:
                blocks.append(Block("heading", section))
        style, value = _marker_style(p.number, siblings.get(p.parent, []))
        kind = "operative" if p.kind == "operative" else "preambular"
        blocks.append(Block(kind, p.text, p.number, p.depth, style, value))
    for annex in resolution.annexes:
        for i, chunk in enumerate(annex.split("\n\n")):
            blocks.append(Block("annex", chunk.strip()))
    footnotes = tuple(resolution.footnotes)
    if footnotes:
        # a footnote goes with the paragraph that carries its mark ("1/", "3"), else the last one
        marked = list(blocks)
        for index, note in enumerate(footnotes):
            mark = note.split()[0] if note.split() else ""
            target = len(marked) - 1
            for k, block in enumerate(marked):
                if block.kind in ("preambular", "operative") and mark and re.search(rf"(?<![\w/]){re.escape(mark)}(?![\w/])", block.text):
                    target = k
                    break
            b = marked[target]
            marked[target] = Block(b.kind, b.text, b.number, b.level, b.style, b.value, b.footnotes + (index,))
        blocks = marked
    return DocSpec(symbol=symbol, number=number, year=year, date=date, blocks=tuple(blocks), footnotes=footnotes)


def spec_from_path(path) -> DocSpec:
    from mandiff.pipeline import parse_path

    return spec_from_resolution(parse_path(str(path)))


def block_text(block: Block) -> str:
    return f"{block.number} {block.text}" if block.number else block.text


# ---- PDF -------------------------------------------------------------------------------------------

PAGE_W, PAGE_H = 612.0, 792.0  # US letter, as the New York documents are printed
LEFT, RIGHT = 90.0, 522.0
BODY_TOP_FIRST = PAGE_H - 230.0
BODY_TOP = PAGE_H - 105.0  # below the running header, outside the furniture band
BODY_BOTTOM = 104.0  # above the job number and page number, outside the furniture band
SIZE, LEADING, PARA_SPACE = 11.0, 13.5, 8.0
INDENT = 36.0
LETTER = (PAGE_W, PAGE_H)
A4 = (595.28, 841.89)  # as the Geneva documents are printed


@dataclass(frozen=True)
class PdfLayout:
    """Page and type of a PDF rendering. The defaults are render_pdf's historical layout (ragged right,
    hanging numbers, 8 pt between paragraphs); ``UN_LAYOUT`` is the Official Document System's look."""

    page: tuple[float, float] = LETTER
    text_width: float = RIGHT - LEFT  # the text block is centred on the page
    size: float = SIZE
    leading: float = LEADING
    para_space: float = PARA_SPACE  # 0: a tight layout, paragraphs told apart by indents only
    justify: bool = False
    numbers: str = "hanging"  # "hanging": number at the margin, text aligned after it; "indent": the number
    # in the first-line indent, wrapped lines at the margin (sub-paragraphs stay hanging)
    compound_breaks: bool = False  # a hyphenated word that does not fit breaks at its own hyphen, as Word does
    language: str = "E"  # the job number's language letter: "02-72318 (E)", "(F)"

    @property
    def left(self) -> float:
        return (self.page[0] - self.text_width) / 2

    @property
    def right(self) -> float:
        return self.left + self.text_width


UN_LAYOUT = PdfLayout(size=10.0, leading=12.0, para_space=6.0, justify=True, numbers="indent", compound_breaks=True)


def _keep_hyphen_prefixes() -> frozenset[str]:
    try:
        from mandiff.normalize import _KEEP_HYPHEN_PREFIXES

        return frozenset(_KEEP_HYPHEN_PREFIXES)
    except ImportError:  # pragma: no cover - the normalizer renamed it
        return frozenset()


class _PdfWriter:
    def __init__(self, spec: DocSpec, hyphenate: bool, lone_numbers: bool, layout: PdfLayout = PdfLayout()):
        from reportlab.pdfgen import canvas

        self.spec = spec
        self.layout = layout
        self.page_w, self.page_h = layout.page
        self.left, self.right = layout.left, layout.right
        self.body_top = self.page_h - 105.0
        self.size, self.leading, self.para_space = layout.size, layout.leading, layout.para_space
        self.buffer = io.BytesIO()
        self.canvas = canvas.Canvas(self.buffer, pagesize=layout.page, pageCompression=1)
        self.canvas.setTitle(spec.symbol)
        self.hyphenate = hyphenate
        self.lone_numbers = lone_numbers
        self.page = 1
        self.y = self.page_h - 230.0
        self.page_notes: list[int] = []
        self.keep_prefixes = _keep_hyphen_prefixes()
        words = " ".join(b.text for b in spec.blocks)
        self.hyphenated_words = {w.lower() for w in re.findall(r"\b[A-Za-z]+-[a-z]+\b", words)}
        self.hyphen_count = 0
        self.compound_breaks = 0
        self.pages_total = 0  # filled in the second pass

    # -- measuring ---------------------------------------------------------------------------
    def width(self, text: str, font: str = "Times-Roman", size: float | None = None) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return stringWidth(text, font, size or self.size)

    def wrap(self, text: str, first_width: float, width: float, font: str = "Times-Roman", size: float | None = None) -> list[str]:
        size = size or self.size
        words = text.split()
        lines: list[str] = []
        current = ""
        avail = first_width
        i = 0
        while i < len(words):
            word = words[i]
            candidate = f"{current} {word}" if current else word
            if self.width(candidate, font, size) <= avail or not current:
                current = candidate
                i += 1
                continue
            room = avail - self.width(current + " ", font, size)
            compound = self._compound_split(word, room, font, size)
            split = None if compound else self._hyphen_split(word, room, font, size)
            if compound:
                head, words[i] = compound
                lines.append(f"{current} {head}")
            elif split:
                head, tail = split
                lines.append(f"{current} {head}-")
                words[i] = tail
            else:
                lines.append(current)
            current = ""
            avail = width
        if current:
            lines.append(current)
        return lines

    def _compound_split(self, word: str, room: float, font: str, size: float) -> tuple[str, str] | None:
        """Break a hyphenated word at its own hyphen ("ill-" / "treatment"), the last one that fits."""
        if not self.layout.compound_breaks:
            return None
        for m in reversed(list(re.finditer(r"(?<=\w)-(?=\w)", word))):
            head, tail = word[: m.end()], word[m.end():]
            if self.width(head, font, size) <= room:
                self.compound_breaks += 1
                return head, tail
        return None

    def _hyphen_split(self, word: str, room: float, font: str, size: float) -> tuple[str, str] | None:
        """Break a long plain word at a line end, as a typesetter would, where the normalizer
        will undo it (never after a prefix that keeps its hyphen)."""
        if not self.hyphenate or room < 30:
            return None
        m = re.match(r"^([a-z]{9,})([,;.:]?)$", word)
        if not m:
            return None
        letters = m.group(1)
        for cut in range(len(letters) - 4, 3, -1):
            head, tail = letters[:cut], letters[cut:] + m.group(2)
            if head in self.keep_prefixes or f"{head}-{letters[cut:]}" in self.hyphenated_words:
                continue
            if head[-1] in "aeiou" and tail[0] in "aeiou":
                continue
            if self.width(head + "-", font, size) <= room:
                self.hyphen_count += 1
                return head, tail
        return None

    # -- pages ---------------------------------------------------------------------------------
    def footnote_height(self, indices: list[int]) -> float:
        if not indices:
            return 0.0
        measure = self.right - self.left - 18
        lines = sum(len(self.wrap(self.spec.footnotes[i], measure, measure, size=9)) for i in indices)
        return 14.0 + lines * 11.0

    def bottom_limit(self, extra_notes: tuple[int, ...] = ()) -> float:
        return BODY_BOTTOM + self.footnote_height(self.page_notes + list(extra_notes))

    def new_page(self):
        self.finish_page()
        self.canvas.showPage()
        self.page += 1
        self.y = self.body_top
        self.page_notes = []

    def finish_page(self):
        c = self.canvas
        spec = self.spec
        left, right, page_h = self.left, self.right, self.page_h
        if self.page_notes:
            top = BODY_BOTTOM + self.footnote_height(self.page_notes) - 6
            c.setLineWidth(0.5)
            c.line(left, top, left + 144, top)
            y = top - 12
            for i in self.page_notes:
                lines = self.wrap(spec.footnotes[i], right - left - 18, right - left - 18, size=9)
                for line in lines:
                    c.setFont("Times-Roman", 9)
                    c.drawString(left + 18 if line is not lines[0] else left, y, line)
                    y -= 11
        if self.page == 1:
            day = self._date_code()
            c.setFont("Helvetica", 8)
            c.drawString(left, 62, f"{spec.job_number} ({self.layout.language})    {day}")
            try:
                from reportlab.graphics.barcode.code39 import Standard39

                Standard39(spec.job_number.replace("-", ""), barHeight=14, barWidth=0.6, checksum=0, quiet=0).drawOn(c, left, 40)
            except Exception:  # pragma: no cover - the barcode is decoration
                pass
            c.setFont("Helvetica", 9)
            c.drawString(left, 28, f"*{spec.job_number.replace('-', '')}*")
            c.setFont("Helvetica", 7)
            c.drawRightString(right, 40, "Please recycle")
        else:
            c.setFont("Helvetica-Bold", 9)
            header = spec.symbol
            if self.page % 2 == 0:
                c.drawString(left, page_h - 56, header)
            else:
                c.drawRightString(right, page_h - 56, header)
            c.setLineWidth(0.75)
            c.line(left, page_h - 62, right, page_h - 62)
            c.setFont("Helvetica", 8)
            number = f"{self.page}/{self.pages_total or '{total}'}"
            if self.page % 2 == 0:
                c.drawString(left, 48, number)
                c.drawRightString(right, 48, spec.job_number)
            else:
                c.drawString(left, 48, spec.job_number)
                c.drawRightString(right, 48, number)

    def _date_code(self) -> str:
        parts = self.spec.date.split()
        try:
            return f"{int(parts[0]):02d}{_MONTHS.index(parts[1]) + 1:02d}{int(parts[2]) % 100:02d}"
        except (ValueError, IndexError):
            return "010199"

    def title_block(self):
        c = self.canvas
        spec = self.spec
        left, right, page_h = self.left, self.right, self.page_h
        c.setFont("Helvetica-Bold", 14)
        c.drawString(left, page_h - 58, "United Nations")
        c.drawRightString(right, page_h - 58, spec.symbol)
        c.setLineWidth(1.5)
        c.line(left, page_h - 66, right, page_h - 66)
        c.setFont("Helvetica-Bold", 20)
        c.drawString(left, page_h - 100, "Security Council")
        c.setFont("Times-Roman", 10)
        c.drawString(right - 110, page_h - 88, "Distr.: General")
        c.drawString(right - 110, page_h - 101, spec.date)
        c.setLineWidth(1.5)
        c.line(left, page_h - 112, right, page_h - 112)

    # -- body ----------------------------------------------------------------------------------
    def draw_text(self, x: float, text: str, font: str, size: float, span: float = 0.0):
        """One line at the current y; with ``span``, justified to that width (word spacing, as Word does)."""
        c = self.canvas
        spaces = text.count(" ")
        if not (self.layout.justify and span and spaces):
            c.setFont(font, size)
            c.drawString(x, self.y, text)
            return
        line = c.beginText(x, self.y)
        line.setFont(font, size)
        line.setWordSpace(max(span - self.width(text, font, size), 0.0) / spaces)
        line.textOut(text)
        c.drawText(line)

    def draw_lines(self, lines: list[tuple], notes: tuple[int, ...] = (), keep_with_next: bool = False):
        """lines: (x, text, font, size[, span to justify to]). Breaks pages between lines; footnotes join
        the page where their paragraph starts."""
        leading = self.leading
        need_first = leading * (3 if keep_with_next else 1)
        if self.y - need_first < self.bottom_limit(notes):
            self.new_page()
        self.page_notes.extend(notes)
        for x, text, font, size, *span in lines:
            if self.y - leading < self.bottom_limit() - leading + 2:
                self.new_page()
            self.draw_text(x, text, font, size, span[0] if span else 0.0)
            self.y -= leading
        self.y -= self.para_space

    def _spans(self, lines: list[str], first: float, rest: float) -> list[float]:
        """The width each line is justified to: every line of a paragraph but its last."""
        return [(first if i == 0 else rest) if i < len(lines) - 1 else 0.0 for i in range(len(lines))]

    def block(self, block: Block, index: int):
        left, right, size = self.left, self.right, self.size
        width = right - left
        if block.kind == "title":
            font = "Times-Bold" if block.text.startswith("Resolution") else "Times-Roman"
            title_size = 13.0 if font == "Times-Bold" else size
            lines = self.wrap(block.text, width - 80, width - 80, font, title_size)
            self.draw_lines([(left, t, font, title_size) for t in lines])
            self.y -= 4
            return
        if block.kind == "part":
            self.canvas.setFont("Times-Bold", size)
            self.draw_lines([(self.page_w / 2 - self.width(block.text, "Times-Bold") / 2, block.text, "Times-Bold", size)], keep_with_next=True)
            return
        if block.kind == "heading":
            lines = self.wrap(block.text, width, width, "Times-Bold", size)
            self.draw_lines([(left, t, "Times-Bold", size) for t in lines], keep_with_next=True)
            return
        if block.number and self.layout.numbers == "indent" and block.level == 0:
            # the number in the first-line indent, the text after it, wrapped lines at the margin
            x_text = left + 2 * INDENT
            lines = self.wrap(block.text, right - x_text, width)
            spans = self._spans(lines, right - x_text, width)
            self._draw_numbered((left + INDENT, block.number, "Times-Roman", size), lines, x_text, block.footnotes, spans, left)
            return
        if block.number:
            # hanging indent: the number at the left, every line of text aligned after it
            x_number = left + INDENT * block.level
            x_text = x_number + INDENT
            lines = self.wrap(block.text, right - x_text, right - x_text)
            spans = self._spans(lines, right - x_text, right - x_text)
            placed: list[tuple] = []
            if self.lone_numbers and block.style == "decimal" and (block.value or 0) % 4 == 0:
                placed.append((x_number, block.number, "Times-Roman", size))  # the number alone on its line
                placed += [(x_text, t, "Times-Roman", size, s) for t, s in zip(lines, spans)]
            else:
                placed.append((x_number, f"{block.number}", "Times-Roman", size))
                self._draw_numbered(placed[0], lines, x_text, block.footnotes, spans)
                return
            self.draw_lines(placed, block.footnotes)
            return
        # unnumbered paragraphs: first-line indent, wrapped lines at the margin
        lines = self.wrap(block.text, width - INDENT, width)
        spans = self._spans(lines, width - INDENT, width)
        placed = [(left + INDENT if i == 0 else left, t, "Times-Roman", size, s) for i, (t, s) in enumerate(zip(lines, spans))]
        self.draw_lines(placed, block.footnotes)

    def _draw_numbered(self, number, lines, x_text, notes, spans=None, x_rest=None):
        """The number and the first text line share a baseline (two separate strings); wrapped lines
        go to ``x_rest`` (the margin, when the number sits in the first-line indent) or under the text."""
        leading = self.leading
        if self.y - leading < self.bottom_limit(notes):
            self.new_page()
        self.page_notes.extend(notes)
        x_number, marker, font, size = number
        self.canvas.setFont(font, size)
        self.canvas.drawString(x_number, self.y, marker)
        for i, text in enumerate(lines):
            if self.y - leading < self.bottom_limit() - leading + 2:
                self.new_page()
            x = x_text if i == 0 or x_rest is None else x_rest
            self.draw_text(x, text, "Times-Roman", self.size, spans[i] if spans else 0.0)
            self.y -= leading
        self.y -= self.para_space

    def render(self) -> bytes:
        self.title_block()
        for index, block in enumerate(self.spec.blocks):
            self.block(block, index)
        self.finish_page()
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()


def render_pdf(spec: DocSpec, hyphenate: bool = True, lone_numbers: bool = True, layout: PdfLayout = PdfLayout()) -> bytes:
    """The resolution in the Official Document System layout (two passes: the first counts pages)."""
    first = _PdfWriter(spec, hyphenate, lone_numbers, layout)
    first.render()
    second = _PdfWriter(spec, hyphenate, lone_numbers, layout)
    second.pages_total = first.page
    data = second.render()
    render_pdf.last_hyphen_count = second.hyphen_count  # for tests that want to know hyphenation happened
    render_pdf.last_compound_breaks = second.compound_breaks
    render_pdf.last_page_count = second.page
    return data


def render_scanned_pdf(text: str = "Resolution 9901 (2031)") -> bytes:
    """A PDF whose page is an image only, as a scanner produces it: no text layer."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    width, height = 120, 40
    # an uncompressed greyscale image built by hand: a few dark bars on white
    rows = []
    for y in range(height):
        rows.append(bytes(0 if (x // 6) % 3 == 0 and 10 < y < 30 else 255 for x in range(width)))
    pgm = b"P5\n%d %d\n255\n" % (width, height) + b"".join(rows)
    try:
        from PIL import Image  # reportlab depends on Pillow

        image = Image.open(io.BytesIO(pgm))
        reader = ImageReader(image)
    except ImportError:  # pragma: no cover
        reader = None
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(PAGE_W, PAGE_H))
    if reader is not None:
        c.drawImage(reader, 72, 400, width=468, height=156)
    else:  # pragma: no cover
        c.rect(72, 400, 468, 156, fill=1)
    c.showPage()
    c.save()
    return buffer.getvalue()


def render_encrypted_pdf(text: str = "The Security Council,", encrypt="secret") -> bytes:
    """A PDF that needs a password (a string) or has only an owner password (a StandardEncryption)."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(PAGE_W, PAGE_H), encrypt=encrypt)
    c.setFont("Times-Roman", 11)
    c.drawString(72, 700, text)
    c.showPage()
    c.save()
    return buffer.getvalue()


def render_plain_pdf(lines: list[tuple[float, float, str]], size: float = 11, pages: int = 1) -> bytes:
    """A small PDF with text at given positions (x, y, text) on each of ``pages`` pages."""
    return render_pages_pdf([lines] * pages, size)


def render_pages_pdf(pages: list[list[tuple]], size: float = 11, page: tuple[float, float] = LETTER) -> bytes:
    """A PDF with its own positioned lines on each page: (x, y, text), or (x, y, text, font, size), or
    ("rule", x, y, length) for a horizontal rule (a footnote separator)."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=page)
    for lines in pages:
        for item in lines:
            if item[0] == "rule":
                _rule, x, y, length = item
                c.setLineWidth(0.5)
                c.line(x, y, x + length, y)
                continue
            x, y, text, *style = item
            c.setFont(*(style or ("Times-Roman", size)))
            c.drawString(x, y, text)
        c.showPage()
    c.save()
    return buffer.getvalue()


# ---- DOCX --------------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FORMATS = {"decimal": "decimal", "letter": "lowerLetter", "roman": "lowerRoman", "upper": "upperLetter", "dash": "bullet"}
_STANDARD = ("decimal", "letter", "roman", "upper", "decimal", "letter", "roman", "upper", "decimal")
_LEVEL_TEXT = {"decimal": "%{n}.", "letter": "(%{n})", "roman": "(%{n})", "upper": "(%{n})", "dash": "\u2013"}


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


class _WordNumbering:
    """Creates abstractNum/num definitions as needed and replays Word's counters to decide when
    a paragraph needs a fresh ``num`` with a ``startOverride`` (gaps, restarts, excerpts)."""

    def __init__(self, numbering_element):
        self.root = numbering_element
        self.abstracts: dict[tuple, str] = {}
        self.next_abstract = 100
        self.next_num = 100
        self.current: dict[str, str] = {}  # abstract id -> current num id
        self.counters: dict[str, dict[int, int]] = {}  # num id -> level -> value

    def _abstract(self, level: int, style: str) -> str:
        formats = list(_STANDARD)
        formats[level] = style
        key = tuple(formats)
        if key in self.abstracts:
            return self.abstracts[key]
        aid = str(self.next_abstract)
        self.next_abstract += 1
        abstract = etree.Element(_w("abstractNum"))
        abstract.set(_w("abstractNumId"), aid)
        multi = etree.SubElement(abstract, _w("multiLevelType"))
        multi.set(_w("val"), "multilevel")
        for ilvl, fmt in enumerate(formats):
            lvl = etree.SubElement(abstract, _w("lvl"))
            lvl.set(_w("ilvl"), str(ilvl))
            start = etree.SubElement(lvl, _w("start"))
            start.set(_w("val"), "1")
            num_fmt = etree.SubElement(lvl, _w("numFmt"))
            num_fmt.set(_w("val"), _FORMATS[fmt])
            text = etree.SubElement(lvl, _w("lvlText"))
            text.set(_w("val"), _LEVEL_TEXT[fmt].format(n=ilvl + 1))
            jc = etree.SubElement(lvl, _w("lvlJc"))
            jc.set(_w("val"), "left")
            ppr = etree.SubElement(lvl, _w("pPr"))
            ind = etree.SubElement(ppr, _w("ind"))
            ind.set(_w("left"), str(720 * (ilvl + 1)))
            ind.set(_w("hanging"), "720")
        first_num = self.root.find(_w("num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.root.append(abstract)
        self.abstracts[key] = aid
        return aid

    def _new_num(self, aid: str, level: int, start: int | None) -> str:
        nid = str(self.next_num)
        self.next_num += 1
        num = etree.SubElement(self.root, _w("num"))
        num.set(_w("numId"), nid)
        ref = etree.SubElement(num, _w("abstractNumId"))
        ref.set(_w("val"), aid)
        if start is not None:
            override = etree.SubElement(num, _w("lvlOverride"))
            override.set(_w("ilvl"), str(level))
            so = etree.SubElement(override, _w("startOverride"))
            so.set(_w("val"), str(start))
        self.current[aid] = nid
        self.counters[nid] = {}
        return nid

    def number(self, level: int, style: str, value: int | None) -> str:
        """The numId to give a paragraph so that Word prints ``value`` at ``level``."""
        aid = self._abstract(level, style)
        nid = self.current.get(aid)
        if style == "dash":
            if nid is None:
                nid = self._new_num(aid, level, None)
            return nid
        expected = None
        if nid is not None:
            counters = self.counters[nid]
            expected = counters[level] + 1 if level in counters else 1
        if nid is None or expected != value:
            nid = self._new_num(aid, level, value)
        counters = self.counters[nid]
        counters[level] = value
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        for shallower in range(level):  # as Word does: a level skipped over counts as used once
            counters.setdefault(shallower, 1)
        return nid


def _set_num_pr(paragraph, num_id: str, level: int):
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = etree.SubElement(ppr, _w("numPr"))
    ilvl = etree.SubElement(num_pr, _w("ilvl"))
    ilvl.set(_w("val"), str(level))
    nid = etree.SubElement(num_pr, _w("numId"))
    nid.set(_w("val"), num_id)
    # numPr must come early in pPr (after pStyle/keepNext...); python-docx adds pStyle first
    ppr.remove(num_pr)
    style = ppr.find(_w("pStyle"))
    if style is not None:
        style.addnext(num_pr)
    else:
        ppr.insert(0, num_pr)


def _add_runs(paragraph, text: str, italic_words: int = 0):
    """Text in several runs, the opening words italic, as Council drafts are typed."""
    words = text.split(" ")
    if italic_words and len(words) > italic_words:
        head = " ".join(words[:italic_words])
        run = paragraph.add_run(head)
        run.italic = True
        text = " " + " ".join(words[italic_words:])
    # Word splits runs at arbitrary places (spell-check, revision ids): do the same mid-word
    cut = len(text) // 2
    for piece in (text[:cut], text[cut:]):
        if piece:
            paragraph.add_run(piece)


def _add_footnotes_part(document, notes: list[str]) -> None:
    """python-docx has no footnote API: add word/footnotes.xml by hand with separator notes."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    xml = [f'<w:footnotes xmlns:w="{W_NS}">',
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>']
    for i, note in enumerate(notes, start=1):
        xml.append(
            f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {html.escape(note)}</w:t></w:r></w:p></w:footnote>'
        )
    xml.append("</w:footnotes>")
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        "".join(xml).encode("utf-8"),
        document.part.package,
    )
    document.part.relate_to(part, RT.FOOTNOTES)


def render_docx(spec: DocSpec, un_layout: bool = False) -> bytes:
    """``un_layout``: the Official Document System's look - justified text, 6 pt after each paragraph and
    a first-line indent on unnumbered body paragraphs - instead of Word's defaults."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = spec.symbol  # running header: must not be read
    section.footer.paragraphs[0].text = f"{spec.job_number} (E)    2/5"
    numbering = _WordNumbering(document.part.numbering_part.element)

    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "United Nations"
    table.cell(0, 1).text = spec.symbol
    table.cell(1, 0).text = "Security Council"
    table.cell(1, 1).text = f"Distr.: General\n{spec.date}"  # python-docx turns \n into a w:br

    # the distr./date cell holds two lines: make them two paragraphs, as in the real template
    cell = table.cell(1, 1)
    cell.paragraphs[0].text = "Distr.: General"
    cell.add_paragraph(spec.date)

    note_number = 0
    for block in spec.blocks:
        text = block.text
        if block.kind == "title":
            paragraph = document.add_paragraph()
            run = paragraph.add_run(text)
            run.bold = text.startswith("Resolution")
            continue
        if block.kind == "part":
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(text).bold = True
            continue
        if block.kind == "heading":
            paragraph = document.add_paragraph()
            paragraph.add_run(text).bold = True
            continue
        paragraph = document.add_paragraph()
        if un_layout:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.space_after = Pt(6)
            paragraph.paragraph_format.space_before = Pt(0)
            paragraph.paragraph_format.line_spacing = 1.0
            if not block.number:
                paragraph.paragraph_format.first_line_indent = Pt(36)
        if block.number and block.style:
            num_id = numbering.number(block.level, block.style, block.value)
            _set_num_pr(paragraph, num_id, block.level)
            _add_runs(paragraph, text, italic_words=1 if block.level == 0 else 0)
        elif block.number:
            _add_runs(paragraph, f"{block.number} {text}")  # a marker Word cannot generate: typed
        else:
            _add_runs(paragraph, text, italic_words=1 if block.kind == "preambular" else 0)
        for _ in block.footnotes:
            note_number += 1
            run = paragraph.add_run()
            ref = etree.SubElement(run._r, _w("footnoteReference"))
            ref.set(_w("id"), str(note_number))
    if spec.footnotes:
        ordered = [spec.footnotes[i] for b in spec.blocks for i in b.footnotes]
        _add_footnotes_part(document, ordered)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_with_parts(parts: dict[str, bytes], compression: int | None = None) -> bytes:
    """A zip with exactly these parts (for broken or hostile DOCX files)."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression if compression is not None else zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


# ---- HTML --------------------------------------------------------------------------------------

_CHROME_TOP = (
    "<header><nav><a href='/'>Home</a> | <a href='/press'>Meetings Coverage</a></nav>"
    "<p>United Nations | Welcome to the United Nations</p></header>"
    "<script>var tracking = 'The Security Council, 1. Decides to track you';</script>"
    "<style>p { margin: 0 } .x:before { content: '99. Decides' }</style>"
)
_CHROME_BOTTOM = "<footer><p>Copyright United Nations. Terms of use. Privacy notice.</p></footer>"


def render_html(spec: DocSpec, flatten_preamble: bool = False) -> bytes:
    """A resolution page: one ``<p>`` per paragraph, the numbers written in the text."""
    body: list[str] = []
    preamble: list[str] = []
    flushed = False
    for block in spec.blocks:
        text = html.escape(block_text(block))
        if flatten_preamble and not flushed and block.kind in ("opening", "preambular") and block.number is None:
            preamble.append(text)
            continue
        if preamble and not flushed:
            body.append(f"<p>{' '.join(preamble)}</p>")
            flushed = True
        if block.kind == "title":
            tag = "h2" if block.text.startswith("Resolution") else "p"
            body.append(f"<{tag}>{text}</{tag}>")
        elif block.kind in ("part", "heading"):
            body.append(f"<h3>{text}</h3>")
        else:
            body.append(f"<p>{text}</p>")
    if preamble and not flushed:
        body.append(f"<p>{' '.join(preamble)}</p>")
    notes = "".join(f"<p>{html.escape(n)}</p>" for n in spec.footnotes)
    notes_div = f"<div class='footnotes'>{notes}</div>" if notes else ""
    page = (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(spec.symbol)}</title></head><body>"
        f"{_CHROME_TOP}<main><p class='symbol'>{html.escape(spec.symbol)}</p>{''.join(body)}"
        f"{notes_div}</main>{_CHROME_BOTTOM}</body></html>"
    )
    return page.encode("utf-8")


def render_press_release(spec: DocSpec, ascii_quotes: bool = False) -> bytes:
    """A press.un.org-style release: a summary, the marker sentence, then every paragraph of the
    resolution in quotation marks, then the statements of the meeting."""
    open_q, close_q = ('"', '"') if ascii_quotes else ("\u201c", "\u201d")
    paragraphs = [
        f"The Security Council today adopted resolution {spec.number} ({spec.year}), extending the mandate of the "
        f"mission and requesting a report on the situation (to be issued as document {spec.symbol}).",
        "Speaking before the vote, several members stressed the importance of the text.",
        f"The full text of resolution {spec.number} ({spec.year}) reads as follows:",
    ]
    for block in spec.blocks:
        if block.kind == "title":
            continue
        text = block_text(block)
        if block.kind in ("part", "heading"):
            paragraphs.append(f"<strong>{html.escape(text)}</strong>")
            continue
        paragraphs.append(html.escape(f"{open_q}{text}{close_q}"))
    paragraphs += [
        "Statements",
        "The representative of a member said that the text adopted today reflected the views of the Council "
        "and that the delegation had voted in favour after extensive consultations with all partners.",
        "The meeting began at 10:05 a.m. and ended at 10:40 a.m.",
    ]
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Security Council Extends Mission | Meetings Coverage and Press Releases</title></head><body>"
        f"{_CHROME_TOP}<article><h1>Security Council Extends Mission, Adopting Resolution {spec.number} ({spec.year})</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + f"</article>{_CHROME_BOTTOM}</body></html>"
    )
    return page.encode("utf-8")


# ---- Akoma Ntoso ---------------------------------------------------------------------------------

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def render_akn(spec: DocSpec, namespaced: bool = True) -> bytes:
    """AKN4UN: meta (FRBR), preface, preamble, mainBody with paragraph/num/content/intro/point."""
    ns = AKN_NS if namespaced else None

    def el(parent, tag, text=None, **attrs):
        qname = f"{{{ns}}}{tag}" if ns else tag
        node = etree.SubElement(parent, qname) if parent is not None else etree.Element(qname, nsmap={None: ns} if ns else None)
        for k, v in attrs.items():
            node.set(k, v)
        if text is not None:
            node.text = text
        return node

    iso = None
    try:
        d, mth, y = spec.date.split()
        iso = f"{int(y):04d}-{_MONTHS.index(mth) + 1:02d}-{int(d):02d}"
    except ValueError:
        iso = f"{spec.year:04d}-01-01"
    root = el(None, "akomaNtoso")
    doc = el(root, "statement", name="resolution")
    meta = el(doc, "meta")
    ident = el(meta, "identification", source="#mandiff-tests")
    work = el(ident, "FRBRWork")
    el(work, "FRBRthis", value=f"/akn/un/statement/deliberation/unsc/{iso}/{spec.number}/!main")
    el(work, "FRBRuri", value=f"/akn/un/statement/deliberation/unsc/{iso}/{spec.number}")
    el(work, "FRBRalias", value=spec.symbol, name="symbol")
    el(work, "FRBRdate", date=iso, name="adoption")
    el(work, "FRBRauthor", href="#securityCouncil")
    el(work, "FRBRcountry", value="un")
    el(work, "FRBRnumber", value=str(spec.number))
    expression = el(ident, "FRBRExpression")
    el(expression, "FRBRthis", value=f"/akn/un/statement/deliberation/unsc/{iso}/{spec.number}/eng@/!main")
    el(expression, "FRBRlanguage", language="eng")

    preface = el(doc, "preface")
    p = el(preface, "p", **{"class": "symbol"})
    el(p, "docNumber", spec.symbol)
    preamble = None
    body = None
    containers: list = []  # stack of (level, element) for nested points
    part_el = None
    note_index = 0

    def target_body():
        return part_el if part_el is not None else body

    notes_to_attach: list[tuple] = []
    for block in spec.blocks:
        if block.kind == "title":
            p = el(preface, "p")
            if block.text.startswith("Resolution"):
                el(p, "docTitle", block.text)
            else:
                p.text = block.text
            continue
        if block.kind == "opening":
            preamble = el(doc, "preamble")
            formula = el(preamble, "formula", name="enactingFormula")
            el(formula, "p", block.text)
            continue
        if block.kind == "annex":
            continue  # annexes are written as attachments below
        if block.kind == "preambular" and body is None and block.level == 0:
            if preamble is None:
                preamble = el(doc, "preamble")
            container = el(preamble, "container", name="preambularParagraph")
            notes_to_attach.append((el(container, "p", block.text), block.footnotes))
            continue
        if body is None:
            body = el(doc, "mainBody")
        if block.kind == "part":
            part_el = el(body, "part")
            el(part_el, "num", block.text)
            containers = []
            continue
        if block.kind == "heading":
            h = el(target_body(), "hcontainer", name="crossHeading")
            el(h, "heading", block.text)
            containers = []
            continue
        if block.kind == "preambular" and block.level == 0:
            container = el(target_body(), "blockContainer", name="preambularParagraph")
            notes_to_attach.append((el(container, "p", block.text), block.footnotes))
            containers = []
            continue
        # a numbered (or unnumbered operative) unit
        while containers and containers[-1][0] >= block.level:
            containers.pop()
        if block.level == 0 or not containers:
            parent = target_body()
            tag = "paragraph"
        else:
            parent = containers[-1][1]
            tag = "indent" if block.style == "dash" else "point"
            # a unit that gets children turns its content into an intro
            content = next((c for c in parent if etree.QName(c).localname == "content"), None)
            if content is not None:
                content.tag = f"{{{ns}}}intro" if ns else "intro"
        unit = el(parent, tag)
        if block.number:
            el(unit, "num", block.number)
        content = el(unit, "content")
        notes_to_attach.append((el(content, "p", block.text), block.footnotes))
        containers.append((block.level, unit))
    for p_el, indices in notes_to_attach:
        for i in indices:
            note_index += 1
            note = el(p_el, "authorialNote", marker=str(note_index), placement="bottom")
            el(note, "p", spec.footnotes[i])
    annexes = [b for b in spec.blocks if b.kind == "annex"]
    if annexes:
        attachments = el(doc, "attachments")
        attachment = el(attachments, "attachment")
        annex_doc = el(attachment, "doc", name="annex")
        if re.match(r"^(?:Annex|ANNEX)\b", annexes[0].text) and len(annexes[0].text) < 20:
            annex_preface = el(annex_doc, "preface")
            el(el(annex_preface, "p"), "docTitle", annexes[0].text)
            annexes = annexes[1:]
        annex_body = el(annex_doc, "mainBody")
        for b in annexes:
            el(annex_body, "p", b.text)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def folded(text: str) -> str:
    """Whitespace folded, for comparing texts read from different formats."""
    return re.sub(r"\s+", " ", text).strip()


def resolution_units(resolution) -> list[tuple[str, str]]:
    return [(p.label, folded(p.text)) for p in resolution.paragraphs]


def first_difference(want: list[tuple[str, str]], got: list[tuple[str, str]]):
    """Where two unit lists part: (index, wanted unit, unit got); a missing unit is ("(none)", "")."""
    first = next((i for i, (a, b) in enumerate(zip(want, got)) if a != b), min(len(want), len(got)))
    none = ("(none)", "")
    return first, want[first] if first < len(want) else none, got[first] if first < len(got) else none


def seeded_references(corpus, count: int, seed: int):
    """(path, resolution read from the plain text) for a seeded sample of ``count`` corpus files, for the
    benchmarks; the irregular files the segmenter refuses (tests/test_corpus_segment.py) are skipped."""
    import random
    from pathlib import Path

    from mandiff.errors import MandiffError
    from mandiff.pipeline import parse_path

    files = sorted(Path(corpus).glob("*.txt"))
    for path in sorted(random.Random(seed).sample(files, min(count, len(files)))):
        try:
            yield path, parse_path(str(path))
        except MandiffError:
            continue


def print_misses(misses: list[str], show: int) -> None:
    """The first ``show`` disagreements of a benchmark, and how many more there are."""
    for line in misses[:show]:
        print("  " + line)
    if len(misses) > show:
        print(f"  ... and {len(misses) - show} more")


__all__ = [
    "Block", "DocSpec", "spec_from_resolution", "spec_from_path", "render_pdf", "render_docx", "render_html",
    "render_press_release", "render_akn", "render_scanned_pdf", "render_encrypted_pdf", "render_plain_pdf", "render_pages_pdf",
    "PdfLayout", "UN_LAYOUT", "LETTER", "A4", "seeded_references", "print_misses",
    "docx_with_parts", "folded", "resolution_units", "first_difference",
]
