"""Recommendation lists -> checklist items: the asks an advocate wants to see kept in a renewal.

Two written forms are read, alone or inside a whole note:

- citation lists, as the NGO Working Group writes them: "(S/RES/2423 (2018) OPs 38(a)(ii), (c)(iv), 64)",
  "(S/RES/2605 (2021), PPs 5, 8; OPs 2, 34(a)(iv))", "maintain S/RES/2480 OPs 28(a)(ii), (c)(iii), 56";
- annexes of quoted excerpts: numbered passages ("5. Calls upon ..."), sub-items ("(c) Protection of
  civilians" then "(iii) To provide ..."), dash items, unnumbered (preambular) passages before the first
  numbered one, and "(…)" where words were left out.

Notes reach us as text extracted from PDF, so page breaks fall in mid-sentence, footnotes and bare link
lines sit in the flow, and lines hold nothing but spaces. ``clean_lines`` removes that noise before any
structure is read; everything after it works on clean lines, each still knowing its line number in the
extracted text (what "not understood" lines and every ask report).

The running text of a note (which lines are asks, asks for new language, lines not understood) is read
by ``checklist_prose``; how citations are typed by ``checklist_citations``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .checklist_citations import Citation, find_citations, read_citations  # noqa: F401  (the public API)
from .checklist_prose import (  # noqa: F401  (join_wrapped and word_vocabulary are part of the public API)
    AdditionAsk,
    CitedAsk,
    Unread,
    join_wrapped,
    read_prose,
    word_vocabulary,
)
from .errors import InputError, LimitError
from .grammar.clauses import opener_kind
from .grammar.numbering import DASH_MARK, DASH_STYLE, LETTER, LINE_DASH, LINE_NUMBERED, LINE_SUB, likely_style, readings
from .grammar.structure import COUNCIL
from .model import OPERATIVE, PREAMBULAR, Paragraph, Resolution
from .normalize import clean_characters, fix_dashes_and_quotes
from .symbols import format_symbol
from .units import DraftUnit, UnitBuilder

# ---- the items --------------------------------------------------------------------------------------

CITATION = "citation"
EXCERPT = "excerpt"
WPS = "wps"

# "(…)", "(...)", "[…]", "[...]", or a bare "…" or "...": the quoter left words out here.
ELISION = re.compile(r"[(\[]\s*(?:…|\.\s?\.\s?\.)\s*[)\]]|…|\.\.\.")


@dataclass(frozen=True)
class ChecklistItem:
    """One ask: keep the unit ``reference`` of resolution ``symbol``, whose words are ``text``.

    ``fragments`` are the pieces of ``text`` between elisions ("(…)"); one piece when nothing was left
    out, none for a bare citation (its text comes from OLD). ``whole`` says that the ask covers the
    unit with its sub-units (a cited paragraph), not only the unit's own words.
    """

    reference: str
    text: str
    symbol: str | None = None
    fragments: tuple[str, ...] = ()
    form: str = EXCERPT
    whole: bool = False
    quoted_as: str | None = None  # the label the annex implied, when OLD gave the unit another one
    as_written: str | None = None  # the ask as the checklist had it ("OP 28 c iii", the quoted passage)
    reading: str | None = None  # what a lenient reading made of it: "read 'OP 28 c iii' as OP 28(c)(iii)"
    line: int | None = None  # 1-based line of the checklist's extracted text
    symbol_named: bool = True  # False when the symbol comes from the checklist's title or heading

    @property
    def elided(self) -> bool:
        return len(self.fragments) > 1

    @property
    def cut(self) -> bool:
        """The quoter marked words left out ("(…)", "...") anywhere, at the start or the end too."""
        return bool(ELISION.search(self.text))

    def to_json(self) -> dict:
        out = {"reference": self.reference, "text": self.text, "symbol": self.symbol, "form": self.form,
               "as_written": self.as_written, "line": self.line}
        if self.quoted_as and self.quoted_as != self.reference:
            out["quoted_as"] = self.quoted_as
        out["reading"] = self.reading
        return out


@dataclass(frozen=True)
class Checklist:
    """What a checklist file asks for. ``excerpts`` is the quoted text laid out as a resolution (every
    quoted unit, context lines included) so that it can be aligned like any other text."""

    items: tuple[ChecklistItem, ...]
    symbol: str | None = None
    excerpts: Resolution | None = None
    source: str | None = None
    unread: tuple[Unread, ...] = ()  # lines that look like asks and were not understood
    additions: tuple[AdditionAsk, ...] = ()  # asks for words the resolution does not have yet


def fragments_of(text: str) -> tuple[str, ...]:
    """The quoted pieces of ``text`` between elisions, each with its spaces folded."""
    pieces = [" ".join(p.split()) for p in ELISION.split(text)]
    return tuple(p for p in pieces if p)


# ---- noise: link lines, footnotes, lines of spaces ------------------------------------------------

_URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S*\s*$", re.IGNORECASE)
# "1 Her full speech can be read here: ..." : a small number, a space, then a capital or a quote.
_FOOTNOTE_START = re.compile(r"^\s{0,3}(\d{1,2})\s+(?=[A-Z“\"‘'])")
_SENTENCE_END = re.compile(r"[.!?][”\"’)]?\s*$")
_MAX_FOOTNOTE_LINES = 12


def _footnote_reference(n: int) -> re.Pattern:
    # the call in the running text: a superscript digit glued to punctuation ("operations.”1", "violence.2")
    return re.compile(r"(?<=[.,;:”\"’)])" + str(n) + r"(?=\s|$)")


def clean_lines(text: str) -> list[str]:
    """The lines of ``text`` without PDF noise: link lines, footnotes (and their calls), lines of spaces.

    Footnotes are recognized as a line opening with the next footnote number (1, then 2, ...) whose
    call appears glued to punctuation earlier in the text; the footnote runs to its first line that
    ends a sentence, to a link line, or to the text of the page resuming in lower case on an indented
    line. Blank lines are kept (as ""): they separate printed paragraphs.
    """
    return clean_numbered(text)[0]


def clean_numbered(text: str) -> tuple[list[str], list[int]]:
    """``clean_lines`` and, for each line kept, its 1-based number in ``text`` (a form feed's page break
    keeps the number of the line it stood on)."""
    lines: list[str] = []
    numbers: list[int] = []
    for n, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        for piece in fix_dashes_and_quotes(clean_characters(raw)).split("\n"):
            lines.append(piece if piece.strip() else "")
            numbers.append(n)
    out: list[str] = []
    kept: list[int] = []
    expected = 1
    i = 0
    while i < len(lines):
        line = lines[i]
        if _URL_LINE.match(line):
            i += 1
            continue
        m = _FOOTNOTE_START.match(line)
        if m and int(m.group(1)) == expected and _call_before(out, expected):
            _remove_call(out, expected)
            expected += 1
            i = _skip_footnote(lines, i)
            continue
        out.append(line.strip() and line)
        kept.append(numbers[i])
        i += 1
    return out, kept


def _call_before(lines: list[str], n: int) -> bool:
    pattern = _footnote_reference(n)
    return any(pattern.search(line) for line in lines[-400:])


def _remove_call(lines: list[str], n: int) -> None:
    pattern = _footnote_reference(n)
    for k in range(len(lines) - 1, max(-1, len(lines) - 401), -1):
        if pattern.search(lines[k]):
            matches = list(pattern.finditer(lines[k]))
            last = matches[-1]
            lines[k] = lines[k][: last.start()] + lines[k][last.end():]
            return


def _skip_footnote(lines: list[str], start: int) -> int:
    """Index of the first line after the footnote that opens at ``start``."""
    i = start
    taken = 0
    while i < len(lines) and taken < _MAX_FOOTNOTE_LINES:
        line = lines[i]
        if i > start and (_URL_LINE.match(line) or (line[:1] == " " and line.strip()[:1].islower())):
            return i
        if line.strip():
            taken += 1
            if _SENTENCE_END.search(line):
                return i + 1
        i += 1
    return i


# ---- annexes of excerpts ---------------------------------------------------------------------------

_ANNEX_HEADING = re.compile(r"^\s*(?:ANNEX|Annex|APPENDIX|Appendix)(?:\s+(?:[IVX]{1,4}|\d{1,2}|[A-H]))?\s*(?:[:.\-–—]|$)")
_TITLE_SYMBOL = re.compile(r"(?:S/RES/|resolution\s+)(\d{1,5})(?:\s*\((\d{4})\))?", re.IGNORECASE)

_ELISION_LINE = re.compile(r"^\s*[(\[]\s*(?:…|\.\s?\.\s?\.)\s*[)\]]\s*$")


@dataclass(frozen=True)
class AnnexSection:
    """The lines of one annex (title excluded) and the resolution its title names."""

    title: str
    symbol: str | None
    lines: tuple[str, ...]
    heading: int = 0  # index of its heading among the note's lines
    start: int = 0  # index of its first line after the title


def find_annexes(lines: list[str]) -> list[AnnexSection]:
    """Every annex of a note: its heading (with the title lines that wrap after it) up to the next annex
    heading or the end of the document."""
    starts = [i for i, line in enumerate(lines) if _ANNEX_HEADING.match(line)]
    sections = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        title_lines = [lines[start]]
        i = start + 1
        while i < end:
            if not lines[i].strip():
                i += 1
                continue
            stripped = lines[i].strip()
            if stripped[:1].islower() and len(title_lines) < 4:
                title_lines.append(lines[i])
                i += 1
                continue
            break
        title = join_wrapped(title_lines)
        m = _TITLE_SYMBOL.search(title)
        symbol = format_symbol(int(m.group(1)), int(m.group(2)) if m.group(2) else None) if m else None
        sections.append(AnnexSection(title, symbol, tuple(lines[i:end]), start, i))
    return sections


def parse_excerpts(lines, symbol: str | None = None, source: str | None = None, max_units: int | None = None) -> Resolution:
    """Quoted passages -> a Resolution of the quoted units, labelled as the annex implies them.

    Unnumbered passages before the first numbered one are preambular (PP1, PP2 in the annex's order:
    their real numbers are unknown until OLD confirms them). Sub-items and dash items hang under the
    last numbered passage; dash items are counted in the order quoted. The lines are classified here
    (a typed note is not a resolution's body); the units are built by the segmenter's ``UnitBuilder``.
    """
    return read_excerpts(list(lines), None, symbol, source, max_units)[0]


# "(zz9) To provide ...": a marker no resolution prints, at the start of a quoted line
_BAD_MARKER_LINE = re.compile(r"^\s*\(([A-Za-z0-9]{1,8})\)\s+(?=\S)")


def _looks_like_a_marker(token: str) -> bool:
    """A bracketed token at the start of a quoted line that was meant as a marker (and cannot be one):
    short and lower case, or mixed with digits; not a name or a word the line wrapped before."""
    return not token.isdigit() and (any(ch.isdigit() for ch in token) or (token.islower() and len(token) <= 4))


def read_excerpts(lines: list[str], numbers: list[int] | None, symbol: str | None = None, source: str | None = None,
                  max_units: int | None = None) -> tuple[Resolution, dict[str, int], list[Unread]]:
    """``parse_excerpts``, with the line each quoted unit starts on and the quoted lines whose marker
    cannot be read (listed as not understood rather than glued to the unit before)."""
    numbers = numbers if numbers is not None else list(range(1, len(lines) + 1))
    vocabulary = word_vocabulary("\n".join(lines))
    units = UnitBuilder(max_units=max_units, source=source, what="quoted units")
    seen_numbered = False
    letter_before: DraftUnit | None = None  # the last lettered item under the current paragraph
    starts: dict[str, int] = {}
    unread: list[Unread] = []

    def started(n: int, count: int) -> None:
        if len(units.units) > count:
            starts[units.units[-1].label] = n

    for raw, n in zip(lines, numbers):
        line = raw.rstrip()
        count = len(units.units)
        if not line.strip() or _ELISION_LINE.match(line):
            continue
        m = LINE_NUMBERED.match(line)
        if m:
            seen_numbered = True
            units.new_top(OPERATIVE, int(m.group(1)), line[m.end():], f"{m.group(1)}.")
            letter_before = None
            started(n, count)
            continue
        m = LINE_SUB.match(line)
        bad = _BAD_MARKER_LINE.match(line)
        if (m or bad) and units.top is not None and units.top.kind == OPERATIVE:
            token = m.group(1) if m else bad.group(1)
            style = likely_style(token, [level[0] for level in units.stack],
                                 letter_before.path[-1] if letter_before else None,
                                 letter_before is not None and letter_before.last_char() in _CLOSING)
            value = dict(readings(token)).get(style)
            if value is None:
                if _looks_like_a_marker(token):  # "(iiii)", "(zz9)": no letter or numeral a resolution numbers with
                    unread.append(Unread(n, line.strip(), f"'({token})' is not a sub-paragraph marker"))
                else:  # "(UNOMIG) in accordance with ...": a wrapped line that opens with a bracket
                    units.append_to_last(line)
                continue
            units.place_sub(style, value, line[m.end() if m else bad.end():], f"({token})")
            if style == LETTER:
                letter_before = units.units[-1]
            started(n, count)
            continue
        m = LINE_DASH.match(line)
        if m and units.top is not None and units.top.kind == OPERATIVE:
            units.place_sub(DASH_STYLE, None, line[m.end():], DASH_MARK)
            started(n, count)
            continue
        last = units.units[-1] if units.units else None
        if not seen_numbered and (last is None or (last.last_char() in _CLOSING and opener_kind(line.strip()))):
            units.new_top(PREAMBULAR, None, line, None)
            started(n, count)
            continue
        units.append_to_last(line)
    paragraphs = units.paragraphs(lambda pieces: join_wrapped(pieces, vocabulary))
    sym = None
    number = year = None
    if symbol:
        m = _TITLE_SYMBOL.search(symbol)
        if m:
            number, year = int(m.group(1)), (int(m.group(2)) if m.group(2) else None)
            sym = format_symbol(number, year)
    resolution = Resolution(paragraphs=paragraphs, symbol=sym, number=number, year=year, source=source)
    return resolution, starts, unread


_CLOSING = (",", ".", ";", ":")


def items_from_excerpts(excerpts: Resolution, lines: dict[str, int] | None = None) -> tuple[ChecklistItem, ...]:
    """The asks among the quoted units.

    A passage quoted alone is an ask. A passage quoted with sub-items (an introduction, a heading and
    the sub-item under it, or both dash items of a paragraph) is context around the ask: the asks are
    the units of that group that carry WPS language by the tagger. When none does, every quoted unit of
    the group is an ask of its own, so that a dash item or sub-paragraph the renewal removed is said to
    be dropped, not hidden in the verdict of the passage as a whole.
    """
    from .tag import tag

    lines = lines or {}
    tagged = excerpts if excerpts.tagged else tag(excerpts)
    groups: list[list[Paragraph]] = []
    for unit in tagged.paragraphs:  # parents come before their children: one pass groups them
        if unit.parent is None or not groups:
            groups.append([unit])
        else:
            groups[-1].append(unit)
    items: list[ChecklistItem] = []
    for group in groups:
        asks = [u for u in group if u.is_wps and u.text] if len(group) > 1 else group
        if not asks:
            asks = [u for u in group if u.text]
        for u in asks:
            items.append(_excerpt_item(u.label, u.text, tagged.symbol, lines.get(u.label)))
    return tuple(items)


def _excerpt_item(label: str, text: str, symbol: str | None, line: int | None = None) -> ChecklistItem:
    return ChecklistItem(reference=label, text=text, symbol=symbol, fragments=fragments_of(text),
                         form=EXCERPT, quoted_as=label, as_written=text, line=line)


def citation_items(asks) -> tuple[ChecklistItem, ...]:
    """One item per cited unit (the first time it is cited), keeping how it was written. ``asks`` are
    ``CitedAsk`` (from a note, with their line and the resolution the context names) or ``Citation``."""
    seen: set[tuple[str, str | None]] = set()
    items = []
    for ask in asks:
        c: Citation = ask.citation if isinstance(ask, CitedAsk) else ask
        named = c.explicit_symbol
        symbol = c.symbol if named or not isinstance(ask, CitedAsk) else ask.context_symbol
        key = (str(c.label), symbol)
        if key in seen:
            continue
        seen.add(key)
        items.append(ChecklistItem(reference=str(c.label), text="", symbol=symbol, form=CITATION, whole=True,
                                   as_written=c.written or None, reading=c.reading,
                                   line=ask.line if isinstance(ask, CitedAsk) else None,
                                   symbol_named=named or symbol is None))
    return tuple(items)


# ---- a whole checklist file -------------------------------------------------------------------------

_NUMBERED_CLAUSE = re.compile(r"^\s*\d{1,3}\s?\.\s+([^\W\d_]+)")
_NUMBERED_CUT = re.compile(r"^\s*\d{1,3}\s?\.\s+(?:[(\[]\s*(?:…|\.\s?\.\s?\.)\s*[)\]]|…|\.\.\.)\s*\S")


def _looks_like_excerpts(lines: list[str]) -> bool:
    """A file that is itself quoted passages: numbered clauses opening with a Council verb, or with the
    mark of words left out ("5. (…) to ensure the full participation of women")."""
    for line in lines:
        m = _NUMBERED_CLAUSE.match(line)
        if (m and opener_kind(line[m.start(1):]) is not None) or _NUMBERED_CUT.match(line):
            return True
    return False


def parse_checklist(text: str, name: str | None = None, max_units: int | None = None, wrapped: bool = True) -> Checklist:
    """Read a checklist: a citation list, an annex of excerpts, or a whole note holding either.

    Quoted passages are read from an annex that quotes, or from a file laid out as a resolution
    (after its Council line) or made of numbered Council clauses. Everything else is the note's running
    text, read by ``checklist_prose.read_prose``: its asks (citations), its asks for new language and
    its lines not understood. Citations are never read inside the quoted text (an excerpt may itself
    cite "paragraph 12 of resolution 2364"). ``wrapped`` is False for text whose every line is a
    paragraph (what the Word, PDF and HTML readers give).
    """
    lines, numbers = clean_numbered(text)
    annexes = find_annexes(lines)
    excerpt_lines: list[str] = []
    excerpt_numbers: list[int] = []
    symbol: str | None = None
    prose_lines, prose_numbers = lines, numbers
    if annexes:
        quoting = [a for a in annexes if _looks_like_excerpts(list(a.lines)) or _has_preambular(a.lines)]
        if quoting:
            prose_lines, prose_numbers = lines[:annexes[0].heading], numbers[:annexes[0].heading]
            for k, a in enumerate(annexes):
                end = annexes[k + 1].heading if k + 1 < len(annexes) else len(lines)
                if a in quoting:
                    excerpt_lines += list(a.lines) + [""]
                    excerpt_numbers += numbers[a.start:end] + [numbers[end - 1]]
                    symbol = symbol or a.symbol
                else:  # an annex of recommendations: running text, read as asks
                    prose_lines = prose_lines + [""] + lines[a.heading:end]
                    prose_numbers = prose_numbers + [numbers[a.heading]] + numbers[a.heading:end]
    else:
        council = next((i for i, line in enumerate(lines) if COUNCIL.match(line)), None)
        if council is not None:
            head = "\n".join(lines[:council])
            m = _TITLE_SYMBOL.search(head)
            if m:
                symbol = format_symbol(int(m.group(1)), int(m.group(2)) if m.group(2) else None)
            excerpt_lines, excerpt_numbers = lines[council + 1:], numbers[council + 1:]
            prose_lines, prose_numbers = [], []
        elif _looks_like_excerpts(lines) and not find_citations("\n".join(lines)):
            excerpt_lines, excerpt_numbers = lines, numbers
            prose_lines, prose_numbers = [], []
    excerpts = None
    unread: list[Unread] = []
    starts: dict[str, int] = {}
    if excerpt_lines:
        excerpts, starts, unread = read_excerpts(excerpt_lines, excerpt_numbers, symbol, name, max_units)
        if not excerpts.paragraphs:
            excerpts = None
    items: list[ChecklistItem] = list(items_from_excerpts(excerpts, starts)) if excerpts is not None else []
    prose = read_prose(prose_lines, prose_numbers, has_annex=excerpts is not None, wrapped=wrapped)
    quoted = {i.reference for i in items}
    for item in citation_items(prose.asks):
        if item.reference in quoted and (item.symbol is None or _number(item.symbol) == _number(symbol)):
            continue  # cited and quoted: the quote says more
        items.append(item)
    unread = sorted(unread + list(prose.unread), key=lambda u: u.line)
    if not items and not prose.additions and not unread:
        raise InputError("no recommendations found: neither a citation list (\"OPs 28(a)(ii), 56\") "
                         "nor quoted excerpts", source=name)
    return Checklist(items=tuple(items), symbol=symbol or _only_symbol(items), excerpts=excerpts, source=name,
                     unread=tuple(unread), additions=prose.additions)


def _number(symbol: str | None) -> int | None:
    m = _TITLE_SYMBOL.search(symbol or "")
    return int(m.group(1)) if m else None


def _has_preambular(lines) -> bool:
    return any(opener_kind(line.strip()) == PREAMBULAR for line in lines if line.strip())


def _only_symbol(items) -> str | None:
    symbols = {i.symbol for i in items if i.symbol}
    return symbols.pop() if len(symbols) == 1 else None


def read_checklist(path, limits=None) -> Checklist:
    """Read a checklist file in any format mandiff reads (text, PDF, DOCX, HTML); ``path`` may also be
    an ``ingest.Upload`` (a file sent to ``mandiff serve``, or a pasted list as bytes)."""
    from .ingest import read_input
    from .limits import DEFAULT_LIMITS, check_lines

    limits = limits or DEFAULT_LIMITS
    raw = read_input(path, limits)
    check_lines(raw.text, limits, raw.name)
    checklist = parse_checklist(raw.text, raw.name, limits.max_units, wrapped=raw.format == "text")
    if len(checklist.items) > limits.max_units:
        raise LimitError(f"{len(checklist.items):,} items, over the limit of {limits.max_units:,} "
                         "(raise it with --max-units)", source=raw.name)
    return checklist
