"""Recommendation lists -> checklist items: the asks an advocate wants to see kept in a renewal.

Two written forms are read, alone or inside a whole note:

- citation lists, as the NGO Working Group writes them: "(S/RES/2423 (2018) OPs 38(a)(ii), (c)(iv), 64)",
  "(S/RES/2605 (2021), PPs 5, 8; OPs 2, 34(a)(iv))", "maintain S/RES/2480 OPs 28(a)(ii), (c)(iii), 56";
- annexes of quoted excerpts: numbered passages ("5. Calls upon ..."), sub-items ("(c) Protection of
  civilians" then "(iii) To provide ..."), dash items, unnumbered (preambular) passages before the first
  numbered one, and "(…)" where words were left out.

Notes reach us as text extracted from PDF, so page breaks fall in mid-sentence, footnotes and bare link
lines sit in the flow, and lines hold nothing but spaces. ``clean_lines`` removes that noise before any
structure is read; everything after it works on clean lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import InputError, LimitError
from .grammar.clauses import opener_kind
from .grammar.labels import Label
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

# "(…)", "(...)", "[…]", "[...]": the quoter left words out here.
ELISION = re.compile(r"[(\[]\s*(?:…|\.\s?\.\s?\.)\s*[)\]]")


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

    @property
    def elided(self) -> bool:
        return len(self.fragments) > 1

    def to_json(self) -> dict:
        out = {"reference": self.reference, "text": self.text, "symbol": self.symbol, "form": self.form}
        if self.quoted_as and self.quoted_as != self.reference:
            out["quoted_as"] = self.quoted_as
        return out


@dataclass(frozen=True)
class Checklist:
    """What a checklist file asks for. ``excerpts`` is the quoted text laid out as a resolution (every
    quoted unit, context lines included) so that it can be aligned like any other text."""

    items: tuple[ChecklistItem, ...]
    symbol: str | None = None
    excerpts: Resolution | None = None
    source: str | None = None


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
    text = fix_dashes_and_quotes(clean_characters(text))
    lines = [line if line.strip() else "" for line in text.split("\n")]
    out: list[str] = []
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
        i += 1
    return out


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


def join_wrapped(lines: list[str], vocabulary: frozenset[str] = frozenset()) -> str:
    """Join the wrapped lines of one passage.

    A hyphen at a line end is kept ("Secretary-" + "General", "zero-" + "tolerance"): notes are typed,
    not typeset, so their line-end hyphens are real, unless the word written whole without the
    hyphen appears elsewhere in the same document (``vocabulary``).
    """
    parts: list[str] = []
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        end = _HYPHEN_END.search(parts[-1][-60:]) if parts and parts[-1].endswith("-") else None
        if end is None:
            parts.append((" " if parts else "") + line)
            continue
        tail = re.match(r"[^\W\d_]+", line)
        if tail and (end.group(1) + tail.group(0)).lower() in vocabulary and line[:1].islower():
            parts[-1] = parts[-1][:-1]  # a typeset break inside a word the text writes whole elsewhere
        parts.append(line)
    return "".join(parts)


# the word before a line-end hyphen, searched in the last line only (bounded work)
_HYPHEN_END = re.compile(r"([^\W\d_]+)-$")


def word_vocabulary(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in re.findall(r"[^\W\d_]{4,}", text))


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
        sections.append(AnnexSection(title, symbol, tuple(lines[i:end])))
    return sections


def parse_excerpts(lines, symbol: str | None = None, source: str | None = None, max_units: int | None = None) -> Resolution:
    """Quoted passages -> a Resolution of the quoted units, labelled as the annex implies them.

    Unnumbered passages before the first numbered one are preambular (PP1, PP2 in the annex's order:
    their real numbers are unknown until OLD confirms them). Sub-items and dash items hang under the
    last numbered passage; dash items are counted in the order quoted. The lines are classified here
    (a typed note is not a resolution's body); the units are built by the segmenter's ``UnitBuilder``.
    """
    lines = list(lines)
    vocabulary = word_vocabulary("\n".join(lines))
    units = UnitBuilder(max_units=max_units, source=source, what="quoted units")
    seen_numbered = False
    letter_before: DraftUnit | None = None  # the last lettered item under the current paragraph

    for raw in lines:
        line = raw.rstrip()
        if not line.strip() or _ELISION_LINE.match(line):
            continue
        m = LINE_NUMBERED.match(line)
        if m:
            seen_numbered = True
            units.new_top(OPERATIVE, int(m.group(1)), line[m.end():], f"{m.group(1)}.")
            letter_before = None
            continue
        m = LINE_SUB.match(line)
        if m and units.top is not None and units.top.kind == OPERATIVE:
            token = m.group(1)
            style = likely_style(token, [level[0] for level in units.stack],
                                 letter_before.path[-1] if letter_before else None,
                                 letter_before is not None and letter_before.last_char() in _CLOSING)
            value = dict(readings(token)).get(style)
            if value is None:  # "(abc)": no letter or numeral a resolution numbers with
                units.append_to_last(line)
                continue
            units.place_sub(style, value, line[m.end():], f"({token})")
            if style == LETTER:
                letter_before = units.units[-1]
            continue
        m = LINE_DASH.match(line)
        if m and units.top is not None and units.top.kind == OPERATIVE:
            units.place_sub(DASH_STYLE, None, line[m.end():], DASH_MARK)
            continue
        last = units.units[-1] if units.units else None
        if not seen_numbered and (last is None or (last.last_char() in _CLOSING and opener_kind(line.strip()))):
            units.new_top(PREAMBULAR, None, line, None)
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
    return Resolution(paragraphs=paragraphs, symbol=sym, number=number, year=year, source=source)


_CLOSING = (",", ".", ";", ":")


def items_from_excerpts(excerpts: Resolution) -> tuple[ChecklistItem, ...]:
    """The asks among the quoted units.

    A passage quoted alone is an ask. A passage quoted with sub-items (an introduction, a heading and
    the sub-item under it, or both dash items of a paragraph) is context around the ask: the asks are
    the units of that group that carry WPS language by the tagger; when none does, the passage as a
    whole is the ask.
    """
    from .tag import tag

    tagged = excerpts if excerpts.tagged else tag(excerpts)
    groups: list[list[Paragraph]] = []
    for unit in tagged.paragraphs:  # parents come before their children: one pass groups them
        if unit.parent is None or not groups:
            groups.append([unit])
        else:
            groups[-1].append(unit)
    items: list[ChecklistItem] = []
    for group in groups:
        top = group[0]
        if len(group) == 1:
            items.append(_excerpt_item(top.label, top.text, tagged.symbol))
            continue
        asks = [u for u in group if u.is_wps and u.text]
        if not asks:
            whole = " ".join(u.text for u in group if u.text)
            items.append(_excerpt_item(top.label, whole, tagged.symbol, whole=True))
        for u in asks:
            items.append(_excerpt_item(u.label, u.text, tagged.symbol))
    return tuple(items)


def _excerpt_item(label: str, text: str, symbol: str | None, whole: bool = False) -> ChecklistItem:
    return ChecklistItem(reference=label, text=text, symbol=symbol, fragments=fragments_of(text),
                         form=EXCERPT, whole=whole, quoted_as=label)


# ---- citation lists ---------------------------------------------------------------------------------

# Where a list of paragraph numbers begins. OP/PP are capitals only ("pp." in lower case is pages).
_KEYWORD = re.compile(
    r"\b(?:(?P<op>OPs?|(?i:operative\s+paragraphs?))|(?P<pp>PPs?|(?i:preambular\s+paragraphs?|preambles?))"
    r"|(?P<para>(?i:paragraphs?|paras?\.?)))(?=[\s\d]|$)"
)
# One reference: a number with sub-paragraphs ("34 (a)(iv)", "4-2") or sub-paragraphs alone ("(c)(iv)").
_REF = re.compile(
    r"\s*(?:(?P<num>\d{1,3})(?![\d/])(?P<subs>(?:\s?\([a-z]{1,6}\))*)(?:-(?P<dash>\d{1,2})(?!\d))?"
    r"|(?P<elliptic>(?:\s?\([a-z]{1,6}\))+))"
)
_RANGE = re.compile(r"\s*(?:–|—|to|through|-)\s*(?P<end>\d{1,3})(?![\d(/])")
_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|\band\b|&|\bas well as\b)\s*")
_CHAIN = re.compile(r"\s*[;,]\s*(?:and\s+)?(?=(?:OPs?|PPs?|(?i:operative|preambular|paragraphs?|paras?\.?)))")
_SYMBOL = re.compile(r"(?:S/RES/|\bresolutions?\s+)(?P<number>\d{1,5})(?:\s*\((?P<year>\d{4})\))?", re.IGNORECASE)
_SYMBOL_AFTER = re.compile(r"\s*,?\s*(?:of|in|from)\s+(?:the\s+)?(?:S/RES/|resolution\s+)(?P<number>\d{1,5})(?:\s*\((?P<year>\d{4})\))?", re.IGNORECASE)
_SUBTOKEN = re.compile(r"\(([a-z]{1,6})\)")
_MAX_RANGE = 60


@dataclass(frozen=True)
class Citation:
    """One cited unit as found in the text: its label, the resolution named, and where it was."""

    label: Label
    symbol: str | None
    start: int
    end: int
    explicit_symbol: bool


def _symbol_before(text: str, at: int) -> tuple[str | None, bool]:
    """The resolution a list names just before it: "S/RES/2423 (2018) OPs", "(S/RES/2605 (2021), PPs",
    "resolution 2480 (2019), in particular OPs". Nothing when a sentence ends in between."""
    window = text[max(0, at - 160):at]
    best = None
    for m in _SYMBOL.finditer(window):
        best = m
    if best is None:
        return None, False
    between = window[best.end():]
    if len(between) > 60 or re.search(r"[.!?]\s", between) or re.search(r"\d", between):
        return None, False
    return format_symbol(int(best.group("number")), int(best.group("year")) if best.group("year") else None), True


def _complete_elliptic(previous: Label, tokens: list[str]) -> Label:
    """ "(c)(iv)" after "38(a)(ii)" is 38(c)(iv): the elliptic part replaces the deepest level of
    its style and everything under it; with no such level it goes under the previous unit."""
    styles = [likely_style(step) for step in previous.path]
    first = likely_style(tokens[0])
    cut = len(previous.path)
    for k in range(len(previous.path) - 1, -1, -1):
        if styles[k] == first:
            cut = k
            break
    return Label(previous.kind, previous.number, previous.path[:cut] + tuple(tokens), previous.part)


def find_citations(text: str) -> list[Citation]:
    """Every paragraph citation in ``text``, in the order written, with the elliptic forms completed."""
    out: list[Citation] = []
    pos = 0
    chain_symbol: tuple[str | None, bool] | None = None
    chain_end = -1
    for kw in _KEYWORD.finditer(text):
        if kw.start() < pos:
            continue
        kind = "PP" if kw.group("pp") else "OP"  # a bare "paragraph 5" is operative
        generic = kw.group("para") is not None
        if chain_symbol is not None and kw.start() == chain_end:
            symbol, explicit = chain_symbol
        else:
            symbol, explicit = _symbol_before(text, kw.start())
        refs, end = _read_refs(text, kw.end(), kind)
        if not refs:
            continue
        if not explicit:
            after = _SYMBOL_AFTER.match(text, end)
            if after:
                symbol = format_symbol(int(after.group("number")), int(after.group("year")) if after.group("year") else None)
                explicit = True
                end = after.end()
        if generic and not explicit:
            continue  # "paragraph 5" in prose names nothing unless a resolution is named with it
        for label, start, stop in refs:
            out.append(Citation(label, symbol, start, stop, explicit))
        pos = end
        chain = _CHAIN.match(text, end)
        chain_symbol, chain_end = ((symbol, explicit), chain.end()) if chain else (None, -1)
    return out


def _read_refs(text: str, pos: int, kind: str) -> tuple[list[tuple[Label, int, int]], int]:
    refs: list[tuple[Label, int, int]] = []
    previous: Label | None = None
    while True:
        m = _REF.match(text, pos)
        if not m or m.end() == pos:
            break
        if m.group("num"):
            subs = tuple(_SUBTOKEN.findall(m.group("subs") or ""))
            path = subs + ((f"-{int(m.group('dash'))}",) if m.group("dash") else ())
            label = Label(kind, int(m.group("num")), path)
            rng = _RANGE.match(text, m.end()) if not path else None
            if rng and int(m.group("num")) < int(rng.group("end")) <= int(m.group("num")) + _MAX_RANGE:
                for n in range(int(m.group("num")), int(rng.group("end")) + 1):
                    refs.append((Label(kind, n), m.start("num"), rng.end()))
                previous = Label(kind, int(rng.group("end")))
                pos = rng.end()
            else:
                refs.append((label, m.start("num"), m.end()))
                previous = label
                pos = m.end()
        else:
            if previous is None:
                break
            tokens = _SUBTOKEN.findall(m.group("elliptic"))
            label = _complete_elliptic(previous, tokens)
            refs.append((label, m.start("elliptic"), m.end()))
            previous = label
            pos = m.end()
        sep = _SEPARATOR.match(text, pos)
        if not sep or not _REF.match(text, sep.end()) or not re.match(r"\s*(?:\d|\()", text[sep.end():sep.end() + 4]):
            break
        pos = sep.end()
    return refs, pos


def citation_items(citations: list[Citation]) -> tuple[ChecklistItem, ...]:
    seen: set[tuple[str, str | None]] = set()
    items = []
    for c in citations:
        key = (str(c.label), c.symbol)
        if key in seen:
            continue
        seen.add(key)
        items.append(ChecklistItem(reference=str(c.label), text="", symbol=c.symbol, form=CITATION, whole=True))
    return tuple(items)


# ---- a whole checklist file -------------------------------------------------------------------------

_NUMBERED_CLAUSE = re.compile(r"^\s*\d{1,3}\s?\.\s+([^\W\d_]+)")


def _looks_like_excerpts(lines: list[str]) -> bool:
    """A file that is itself quoted passages: numbered clauses opening with a Council verb."""
    hits = 0
    for line in lines:
        m = _NUMBERED_CLAUSE.match(line)
        if m and opener_kind(line[m.start(1):]) is not None:
            hits += 1
    return hits >= 1


def parse_checklist(text: str, name: str | None = None, max_units: int | None = None) -> Checklist:
    """Read a checklist: a citation list, an annex of excerpts, or a whole note holding either.

    Citations are read only outside the quoted text (an excerpt may itself cite "paragraph 12 of
    resolution 2364"). In a note that quotes an annex, a citation must name its resolution to count:
    "the workshop of OP 4" in the prose of a note is a mention, not an ask.
    """
    lines = clean_lines(text)
    annexes = find_annexes(lines)
    excerpt_lines: list[str] = []
    symbol: str | None = None
    prose_lines = lines
    if annexes:
        first = next(i for i, line in enumerate(lines) if _ANNEX_HEADING.match(line))
        prose_lines = lines[:first]
        quoting = [a for a in annexes if _looks_like_excerpts(list(a.lines)) or _has_preambular(a.lines)]
        for a in quoting:
            excerpt_lines.extend(a.lines)
            excerpt_lines.append("")
            symbol = symbol or a.symbol
        if not quoting:
            prose_lines = lines
    else:
        council = next((i for i, line in enumerate(lines) if COUNCIL.match(line)), None)
        if council is not None:
            head = "\n".join(lines[:council])
            m = _TITLE_SYMBOL.search(head)
            if m:
                symbol = format_symbol(int(m.group(1)), int(m.group(2)) if m.group(2) else None)
            excerpt_lines = lines[council + 1:]
            prose_lines = []
        elif _looks_like_excerpts(lines) and not find_citations("\n".join(lines)):
            excerpt_lines = lines
            prose_lines = []
    excerpts = parse_excerpts(excerpt_lines, symbol, name, max_units) if excerpt_lines else None
    if excerpts is not None and not excerpts.paragraphs:
        excerpts = None
    items: list[ChecklistItem] = list(items_from_excerpts(excerpts)) if excerpts is not None else []
    citations = find_citations(join_wrapped(prose_lines)) if prose_lines else []
    if excerpts is not None:
        citations = [c for c in citations if c.explicit_symbol]
    quoted = {i.reference for i in items}
    for item in citation_items(citations):
        if item.reference in quoted and (item.symbol is None or _number(item.symbol) == _number(symbol)):
            continue  # cited and quoted: the quote says more
        items.append(item)
    if not items:
        raise InputError("no recommendations found: neither a citation list (\"OPs 28(a)(ii), 56\") "
                         "nor quoted excerpts", source=name)
    return Checklist(items=tuple(items), symbol=symbol or _only_symbol(items), excerpts=excerpts, source=name)


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
    from .limits import DEFAULT_LIMITS

    limits = limits or DEFAULT_LIMITS
    raw = read_input(path, limits)
    checklist = parse_checklist(raw.text, raw.name, limits.max_units)
    if len(checklist.items) > limits.max_units:
        raise LimitError(f"{len(checklist.items):,} items, over the limit of {limits.max_units:,} "
                         "(raise it with --max-units)", source=raw.name)
    return checklist
