"""The running text of a note or a list of asks: which of its lines are asks, which ask for new language,
and which look like asks but could not be read.

A note is read as blocks (a bullet or numbered item, a heading, a paragraph of wrapped lines) with the
context a reader sees: a heading such as "Recommendations", a line such as "Please retain:" or "We ask
that the following language be retained:" that opens a list, or a run of short lines of which some are
asks. Then:

- in such a context every paragraph a block cites is an ask ("- paragraph 46 (number of women)"),
  unless it is named in an ask for new language ("since the workshop of OP 4 has taken place, the
  renewal should call for progress updates"), which is read as one of those (``AdditionAsk``);
- in the body of a note a citation is an ask only when the sentence asks to keep it ("Retain OP 5"),
  names its resolution in the NGO Working Group's bracketed style, or is nothing but citations: a
  sentence that mentions "paragraph 12" in passing is prose;
- a block in an ask context that names a paragraph, quotes text or asks to keep something, and gave
  nothing mandiff understood, is listed as not understood (``Unread``), as is every citation that
  would be an ask but cannot be read ("OP 28(c)(iii", "OP 28(c)(zz9)"). Titles, greetings, thanks and
  recommendations addressed to people ("the co-chairs could consider a technical-level event") are
  neither.

Every block, ask and unread line keeps the 1-based number of the line of the extracted text it starts on.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .checklist_citations import Citation, read_citations

# ---- joining wrapped lines ------------------------------------------------------------------------------

# the word before a line-end hyphen, searched in the last line only (bounded work)
_HYPHEN_END = re.compile(r"([^\W\d_]+)-$")


def join_with_starts(lines: list[str], vocabulary: frozenset[str] = frozenset()) -> tuple[str, list[int]]:
    """``join_wrapped`` and, for each line given, where its text starts in the joined text."""
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            starts.append(length)
            continue
        end = _HYPHEN_END.search(parts[-1][-60:]) if parts and parts[-1].endswith("-") else None
        if end is None:
            piece = (" " if parts else "") + line
            starts.append(length + (1 if parts else 0))
        else:
            tail = re.match(r"[^\W\d_]+", line)
            if tail and (end.group(1) + tail.group(0)).lower() in vocabulary and line[:1].islower():
                parts[-1] = parts[-1][:-1]  # a typeset break inside a word the text writes whole elsewhere
                length -= 1
            piece = line
            starts.append(length)
        parts.append(piece)
        length += len(piece)
    return "".join(parts), starts


def join_wrapped(lines: list[str], vocabulary: frozenset[str] = frozenset()) -> str:
    """Join the wrapped lines of one passage.

    A hyphen at a line end is kept ("Secretary-" + "General", "zero-" + "tolerance"): notes are typed,
    not typeset, so their line-end hyphens are real, unless the word written whole without the
    hyphen appears elsewhere in the same document (``vocabulary``).
    """
    return join_with_starts(lines, vocabulary)[0]


def word_vocabulary(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in re.findall(r"[^\W\d_]{4,}", text))


# ---- what the reader reports ------------------------------------------------------------------------


class Unread(tuple):
    """A line of the checklist that looks like an ask and was not understood: the pair (line, text),
    ``line`` 1-based in the checklist's extracted text, with ``reason`` saying what was not understood."""

    def __new__(cls, line: int, text: str, reason: str = ""):
        self = super().__new__(cls, (line, text))
        self.reason = reason
        return self

    @property
    def line(self) -> int:
        return self[0]

    @property
    def text(self) -> str:
        return self[1]

    def __repr__(self) -> str:
        return f"Unread(line={self.line}, text={self.text!r}, reason={self.reason!r})"

    def to_json(self) -> dict:
        return {"line": self.line, "text": self.text, "reason": self.reason}


@dataclass(frozen=True)
class AdditionAsk:
    """An ask for words that are not in the text yet ("add a provision on ...", "the renewal should
    call for progress updates"): the sentence as written and the line it starts on."""

    line: int
    text: str


@dataclass(frozen=True)
class CitedAsk:
    """A citation that is an ask, with the line it stands on and the resolution its context names."""

    citation: Citation
    line: int
    context_symbol: str | None


@dataclass(frozen=True)
class ProseReading:
    asks: tuple[CitedAsk, ...]
    additions: tuple[AdditionAsk, ...]
    unread: tuple[Unread, ...]


# ---- vocabulary (English and French) --------------------------------------------------------------------

def any_word(*alternatives: str) -> re.Pattern:
    """One case-insensitive regex for whole words or phrases, each starting with a letter. A look-ahead
    on their first letters lets a search skip the places where none can start: Python otherwise tries
    every alternative at every character, which made a long checklist slow to read."""
    firsts = "".join(sorted({c for a in alternatives for c in (a[0].lower(), a[0].upper())}))
    return re.compile(r"\b(?=[" + firsts + r"])(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


# asking to keep a unit
RETAIN = any_word(
    r"retain\w*", "retention", "keep", "keeps", "kept", "keeping", r"maintain\w*", "maintenance", r"preserv\w*",
    r"safeguard\w*", r"uphold\w*", r"carr(?:y|ied)\s+(?:over|forward)", r"roll(?:ed)?\s+over", "stay", "stays", "remain",
    "remains", r"restor\w*", r"reinstat\w*", r"reinsert\w*", r"strengthen\w*",
    r"not\s+be\s+(?:weakened|diluted|removed|dropped|deleted|lost)", r"do\s+not\s+(?:weaken|remove|drop|delete|dilute)",
    r"maint(?:enir|enu|enue|enus|enues|ien|iennent|ienne)", r"conserv\w*", r"préserv\w*", r"gard(?:er|é|ée|és|ées)",
    r"reten\w*", r"retenu\w*", r"reprend\w*", r"repris\w*", r"recondui\w*", r"rétabli\w*", r"renforc\w*",
)
# a heading or an introduction that opens asks
_ASK_HEADING = any_word(
    r"recommend\w*", r"recommandation\w*", "asks?", "requests?", "demandes?", r"priorit\w*", "checklist", r"retain\w*",
    "keep", r"maintain\w*", "preserve", "conserver", "maintenir", r"language\s+to", r"wording\s+to", r"key\s+messages?",
    r"messages?\s+clés", r"we\s+(?:urge|call|ask|recommend)", "please", r"nous\s+(?:demandons|recommandons)",
)
# a paragraph named, with or without its number ("the paragraph on", "OP", "§")
_NAMES_PARAGRAPH = re.compile(
    r"(?<![A-Za-z])(?:OPs?|PPs?|(?i:paragraphs?|paragraphes?|paras?\.?|sub-?paragraphs?|alinéas?)|§|¶)(?![A-Za-z])")
_QUOTE = re.compile(r"[“\"«]\s*([^”\"»\n]{12,400}?)\s*[”\"»]")
_ANNEX_REFERENCE = re.compile(
    r"\bsee\s+(?:the\s+)?annex|\bannex(?:ed)?\s+(?:below|attached)|\bin\s+the\s+annex|\bvoir\s+(?:l['’]\s?)?annexe"
    r"|\bannexe\s+ci-(?:dessous|jointe)",
    re.IGNORECASE,
)
# asking for new words
_ADDITION_CUE = any_word(
    "add", "adding", "insert", "inserting", "introduce", "introducing", "incorporate", "incorporating", "include",
    "includes", r"new\s+(?:language|provisions?|paragraphs?|text|references?|wording)", r"call(?:s|ing)?\s+(?:for|on|upon)",
    r"request(?:s|ing)?\s+(?:the\s+)?(?:secretary-general|mission|updates|information|reporting|regular|briefings?)",
    r"emphasis\s+should\s+be\s+(?:placed|put)",
    r"should\s+(?:also\s+|explicitly\s+|now\s+)*(?:call|request|mandate|require|reference|refer|mention|recogni[sz]e"
    r"|acknowledge|welcome|encourage|urge|demand|include|reflect|address|task)",
    r"ajout\w*", r"insér\w*", r"introdui\w*", r"inclu\w*", r"intégr\w*",
    r"nouve(?:au|lle)s?\s+(?:paragraphes?|dispositions?|libellés?)", "demander", r"demande\s+au", r"appeler\s+à", "prévoir",
)
# the ask is about the resolution's text, not about what people should do
_ABOUT_THE_TEXT = any_word(
    "renewal", r"renew\w*", "resolution", "mandate", "text", "draft", "language", "provisions?", "paragraphs?", "wording",
    "reporting", "renouvellement", "résolution", "mandat", "libellé", "dispositions?", "paragraphes?", "projet",
)
_ITEM = re.compile(
    r"^\s*(?:[•·▪◦‣●○■□➢➤►✓\u2013\u2014*+-]|o(?=\s)|\d{1,2}[.)](?!\d)|\(\d{1,2}\)|[A-Za-z][.)](?=\s)"
    r"|\([A-Za-z]{1,4}\)|[ivxIVX]{1,4}[.)])\s+(?=\S)"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’)]?\s+(?=[A-Z“\"‘(•\u2013\u2014-])")
_BRACKETED = re.compile(r"\([^()]{0,200}\)")
_SYMBOL_WORDS = re.compile(r"(?:S/RES/|\br[ée]solutions?\s+)\d{1,5}(?:\s*\(\d{4}\))?", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’-][^\W\d_]+)*")
_FILLER = frozenset(
    "the a an of and et de du des la le les l in on to its it their all also both please as well plus ainsi que "
    "resolution résolution resolutions paragraph paragraphs paragraphe paragraphes para paras op ops pp pps "
    "following ci-après suivants suivantes namely notably in particular especially en particulier notamment".split()
)
_MAX_SHORT_WORDS = 30  # a line of a list of asks, not a paragraph of prose
_MAX_DOMINATED_WORDS = 3  # words besides the citations in a line that is "nothing but citations"


# ---- blocks -------------------------------------------------------------------------------------------


@dataclass
class Block:
    """One item, heading or paragraph of the note, its text joined from its lines."""

    line: int  # 1-based line of the extracted text where it starts
    text: str = ""
    kind: str = "para"  # "item" | "heading" | "intro" | "para"
    raw: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    # the context, set once every block is known
    list_mode: str | None = None  # "retain", "asks" or "plain": the list an introduction opened
    ask_section: bool = False
    symbol: str | None = None  # the resolution the heading or the introduction names
    run: int = -1  # the run of short blocks it belongs to
    _citations: list[Citation] | None = None

    @property
    def citations(self) -> list[Citation]:
        """Every citation of the block, readable or not, in the order written (read once)."""
        if self._citations is None:
            self._citations = read_citations(self.text)
        return self._citations

    def line_at(self, offset: int) -> int:
        k = bisect.bisect_right(self.starts, offset) - 1
        return self.numbers[max(k, 0)]

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def short(self) -> bool:
        return self.words <= _MAX_SHORT_WORDS


def _wrapped(previous: str, line: str, wide: int) -> bool:
    """Does ``line`` continue the sentence of ``previous`` (a line wrapped at the page width)?"""
    prev = previous.strip()
    if prev.endswith(":"):
        return False
    if line[:1].islower() and not re.search(r"[.!?;]$", prev):
        return True
    if len(prev) >= 0.85 * wide:
        return True
    return len(prev) >= 0.7 * wide and not re.search(r"[.!?][”\"’)]?$", prev)


_MIN_WRAP = 60  # a text whose long lines are shorter than this was not wrapped at a page width


def blocks_of(lines: list[str], numbers: list[int], wrapped: bool = True) -> list[Block]:
    """The note's lines as blocks. In typed or extracted plain text (``wrapped``), blank lines separate
    blocks unless the extraction put one after every line (a PDF's text often does), and a line wrapped
    at the page width continues its block. The Word, PDF and HTML readers give one line per paragraph
    already: there every line is a block."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if not nonblank:
        return []
    lengths = sorted(len(lines[i].strip()) for i in nonblank)
    wide = lengths[int(len(lengths) * 0.75)]
    wrapped = wrapped and wide >= _MIN_WRAP
    # a blank line after every line, even in mid-sentence: the blank lines of such a text mean nothing
    gapped = [a for a, b in zip(nonblank, nonblank[1:]) if b - a > 1]
    mid_sentence = sum(1 for a in gapped if not re.search(r"[.!?:;,][”\"’)]?$", lines[a].strip()))
    spaced = len(nonblank) > 4 and len(gapped) >= 0.6 * (len(nonblank) - 1) and mid_sentence >= 0.3 * len(gapped)
    blocks: list[Block] = []
    previous = None
    for i in nonblank:
        line = lines[i].strip()
        separated = previous is not None and i - previous > 1 and not spaced
        opens = _ITEM.match(line) or (line[:1].isupper() and (_heading_like(line) or _intro_like(line)))
        if (wrapped and blocks and previous is not None and not opens and not separated
                and blocks[-1].kind != "heading" and _wrapped(lines[previous], line, wide)):
            blocks[-1].raw.append(line)
            blocks[-1].numbers.append(numbers[i])
        else:
            blocks.append(Block(line=numbers[i], raw=[line], numbers=[numbers[i]],
                                kind="item" if _ITEM.match(line) else "para"))
            if blocks[-1].kind == "para" and _heading_like(line):
                blocks[-1].kind = "heading"
        previous = i
    for b in blocks:
        b.text, b.starts = join_with_starts(b.raw)
        if b.text.rstrip().endswith(":"):
            b.kind = "intro"
    _set_context(blocks)
    return blocks


def _intro_like(line: str) -> bool:
    return line.rstrip().endswith(":") and len(line.split()) <= 15


def _heading_like(line: str) -> bool:
    words = line.split()
    return (0 < len(words) <= 10 and len(line) <= 90 and not re.search(r"[.;,!?]$", line)
            and (line[:1].isupper() or line[:1].isdigit()) and not _dominated(line, read_citations(line)))


def _set_context(blocks: list[Block]) -> None:
    """Headings open sections (an ask section under "Recommendations"); an introduction ending in ':'
    opens a list that runs while items, or short lines that name a paragraph, follow it. Items and
    short lines that ask for something form runs: a list of asks need not have a heading."""
    section_ask = False
    section_symbol = None
    mode = None
    list_symbol = None
    run = -1
    in_run = False
    for b in blocks:
        if b.kind == "heading":
            section_ask = bool(_ASK_HEADING.search(b.text)) or b.text.lower().startswith(("annex", "annexe"))
            section_symbol = _symbol_named(b.text)
            mode = None
        elif b.kind == "para" and mode is not None and not (b.short and _NAMES_PARAGRAPH.search(b.text)):
            mode = None
        b.ask_section = section_ask
        b.list_mode = mode if b.kind != "intro" else None
        b.symbol = (list_symbol if b.list_mode else None) or section_symbol
        if b.kind == "intro":
            mode = "retain" if RETAIN.search(b.text) else ("asks" if _ASK_HEADING.search(b.text) or section_ask else "plain")
            list_symbol = _symbol_named(b.text) or section_symbol
        member = b.kind == "item" or (b.kind == "para" and b.short and (
            RETAIN.search(b.text) or _is_addition(b.text, False) or _dominated(b.text, b.citations)))
        if member and not in_run:
            run += 1
        b.run = run if member else -1
        in_run = bool(member)


def _symbol_named(text: str) -> str | None:
    from .checklist_citations import _SYMBOL, _symbol_of

    found = {_symbol_of(m) for m in _SYMBOL.finditer(text)}
    return found.pop() if len(found) == 1 else None


def context_symbol(blocks: list[Block]) -> str | None:
    """The resolution a checklist is about, as its title or first lines name it (one resolution only)."""
    head = " ".join(b.text for b in blocks[:4])
    return _symbol_named(head)


# ---- sentences and what they ask ------------------------------------------------------------------------


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence of ``text`` starts and ends (a full stop, "!" or "?" before a capital)."""
    out = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _citation_start(c: Citation) -> int:
    """Where the words of a citation begin: its keyword ("OPs"), for the first label of a list too."""
    return c.keyword_start if 0 <= c.keyword_start <= c.start else c.start


def _residue(text: str, citations: list[Citation], offset: int = 0) -> list[str]:
    """The words of ``text`` besides its citations, resolutions, bracketed remarks, verbs of keeping and
    filler words: what a line says beyond naming paragraphs."""
    chars = list(text)
    for c in citations:
        for k in range(_citation_start(c) - offset, c.end - offset):
            if 0 <= k < len(chars):
                chars[k] = " "
    rest = "".join(chars)
    rest = _ITEM.sub(" ", rest, count=1)
    rest = _SYMBOL_WORDS.sub(" ", rest)
    rest = _BRACKETED.sub(" ", rest)
    rest = RETAIN.sub(" ", rest)
    return [w for w in _WORD.findall(rest) if w.lower() not in _FILLER and len(w) > 1]


def _dominated(text: str, citations: list[Citation], offset: int = 0) -> bool:
    """A sentence that is nothing but citations ("OP 56", "- paragraph 46 (number of women)")."""
    return bool(citations) and len(_residue(text, citations, offset)) <= _MAX_DOMINATED_WORDS


def _is_addition(sentence: str, cites: bool) -> bool:
    return bool(_ADDITION_CUE.search(sentence)) and (cites or bool(_ABOUT_THE_TEXT.search(sentence)))


@dataclass
class _Found:
    asks: list[CitedAsk] = field(default_factory=list)
    additions: list[AdditionAsk] = field(default_factory=list)
    problems: list[Citation] = field(default_factory=list)

    @property
    def understood(self) -> bool:
        return bool(self.asks or self.additions)


def _read_block(b: Block, ask_context: bool, default_symbol: str | None) -> _Found:
    found = _Found()
    citations = b.citations
    firsts = [c.start for c in citations]
    for start, end in sentence_spans(b.text):
        sentence = b.text[start:end]
        inside = citations[bisect.bisect_left(firsts, start):bisect.bisect_left(firsts, end)]
        addition = ask_context and b.kind not in ("heading", "intro") and _is_addition(sentence, bool(inside))
        if addition:
            words = _ITEM.sub("", sentence, count=1) if start == 0 else sentence
            found.additions.append(AdditionAsk(b.line_at(start), " ".join(words.split())))
        asked = bool(RETAIN.search(sentence)) or _dominated(sentence, inside, start)
        for c in inside:
            if ask_context:
                is_ask = not addition
            else:
                is_ask = (c.bracketed or asked) and (not c.generic or c.explicit_symbol or _dominated(sentence, inside, start))
            if not is_ask:
                continue
            if c.readable:
                found.asks.append(CitedAsk(c, b.line_at(c.start), b.symbol or default_symbol))
            else:
                found.problems.append(c)
    return found


def _leftover_paragraph_words(b: Block, citations: list[Citation]) -> bool:
    """The block names a paragraph beyond the citations read from it ("the paragraph on ...")."""
    chars = list(b.text)
    for c in citations:
        for k in range(_citation_start(c), c.end):
            chars[k] = " "
    return bool(_NAMES_PARAGRAPH.search("".join(chars)))


def read_prose(lines: list[str], numbers: list[int], has_annex: bool = False,
               default_symbol: str | None = None, wrapped: bool = True) -> ProseReading:
    """The asks, asks for new language and lines not understood of a note's running text."""
    blocks = blocks_of(lines, numbers, wrapped)
    default_symbol = default_symbol or context_symbol(blocks)
    found = [_read_block(b, b.ask_section or b.list_mode in ("retain", "asks"), default_symbol) for b in blocks]
    # a run of short lines and items of which one is an ask is a list of asks, heading or not
    asking_runs = {b.run for b, f in zip(blocks, found) if b.run >= 0 and (f.asks or f.problems)}
    for k, b in enumerate(blocks):
        if b.run in asking_runs and not (b.ask_section or b.list_mode in ("retain", "asks")):
            found[k] = _read_block(b, True, default_symbol)
    asks: list[CitedAsk] = []
    additions: list[AdditionAsk] = []
    unread: list[Unread] = []
    for b, f in zip(blocks, found):
        asks.extend(f.asks)
        additions.extend(f.additions)
        ask_context = b.ask_section or b.list_mode in ("retain", "asks") or b.run in asking_runs
        reason = _unread_reason(b, f, ask_context, has_annex)
        if reason:
            unread.append(Unread(b.line, b.text, reason))
    return ProseReading(tuple(asks), tuple(additions), tuple(unread))


def _unread_reason(b: Block, f: _Found, ask_context: bool, has_annex: bool) -> str | None:
    if f.problems:
        return "; ".join(f"could not read '{c.written}': {c.problem}" for c in f.problems)
    if not ask_context or b.kind == "heading":
        return None
    citations = [a.citation for a in f.asks]
    if f.understood:
        if f.asks and _leftover_paragraph_words(b, b.citations):
            return "names a paragraph without a number mandiff can read"
        return None
    if has_annex and _ANNEX_REFERENCE.search(b.text):
        return None  # "(see annex below)": the annex holds the asks
    if _NAMES_PARAGRAPH.search(b.text):
        return "names a paragraph without a number mandiff can read" if not citations else None
    if _QUOTE.search(b.text) and len(_QUOTE.search(b.text).group(1).split()) >= 3:
        return "quotes text without saying which paragraph it is from"
    if b.kind == "intro":
        return None
    if b.list_mode == "retain" and b.kind == "item":
        return "an item of a list of language to retain, with no paragraph number"
    if RETAIN.search(b.text):
        return "asks to keep something without naming its paragraph"
    return None
