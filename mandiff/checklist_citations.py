"""Citations as monitors type them: "OPs 28(a)(ii), (c)(iii)", "para. 46", "§ 5", "paragraphes 5 et 6",
"OP 53-59", "S/RES/2423 (2018) OPs 38(a)(ii), 64", "paragraph 9 of resolution 2480 (2019)".

This module reads the words that introduce a label, how labels are listed (commas, "and", "et",
ranges, elliptic sub-paragraphs that continue the previous label) and the resolution named with
them; what a single label means ("28 c iii", "28.C.III", "28(c)(iii") is ``grammar.typed_labels.read_label_at``.
A citation that cannot be read is kept with its ``problem``, never shortened to its parent unit.

Whether a citation is an ask or a mention in passing is decided by the checklist reader
(``checklist_prose``), which knows the line it stands in.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from .grammar.labels import Label, pretty_label
from .grammar.typed_labels import read_label_at, read_subs_at
from .grammar.numbering import is_marker, likely_style, path_step, readings
from .symbols import format_symbol

# The words that introduce a label, any case, with or without dots and plural: "OP", "O.P.", "ops.",
# "operative paragraph", "op para", "PP", "preambular para.", "paragraph", "para.", "paragraphe", "par."
# (the French abbreviation), "§", "§§", "¶", "sub-paragraph", "alinéa" (only with "du préambule").
_KEYWORD = re.compile(
    r"(?<![A-Za-z0-9/])(?=[oOpPsS§¶aA])(?:"
    r"(?P<op>operative\s+(?:paragraphs?|paras?\.?|§§?)|op\.?\s?paras?\.?|o\.\s?p\.(?:s\.?)?|ops?\.?)"
    r"|(?P<pp>(?:preambular|preamble|preambulatory)\s+(?:paragraphs?|paras?\.?|§§?)|pp\.?\s?paras?\.?"
    r"|p\.\s?p\.(?:s\.?)?|pps?\.?)"
    r"|(?P<para>sub-?paragraphs?|paragraphes?|paragraphs?|paras?\.?|par\.|§§?|¶¶?)"
    r"|(?P<alinea>alinéas?|al\.)"
    r")(?=\s{0,3}\d)",
    re.IGNORECASE,
)
# what follows a number list and says which part it is in: "paragraphe 5 du dispositif", "alinéa 3 du préambule"
_PART_AFTER = re.compile(
    r"\s*(?:du|of\s+the|in\s+the)\s+(?P<part>préambule|preamble|dispositif|operative\s+part)", re.IGNORECASE)
# the part of a resolution in parts: "A:OP3", "part A, OP 3", "OP 3 of part II", "partie B, paragraphe 3"
_PART_BEFORE = re.compile(r"(?:\b(?:part|partie)\s+(?P<a>[A-Z]{1,2}|[IVX]{1,6})\s*[,:]?\s*|\b(?P<b>[A-Z]{1,2}|[IVX]{1,6}):)$")
_PART_NAMED_AFTER = re.compile(r"\s*,?\s*(?:of|in|de\s+la|dans\s+la)\s+(?:part|partie)\s+(?P<part>[A-Z]{1,2}|[IVX]{1,6})\b")
_SYMBOL = re.compile(r"(?:S/RES/|\br[ée]solutions?\s+)(?P<number>\d{1,5})(?:\s*\((?P<year>\d{4})\))?", re.IGNORECASE)
_SYMBOL_AFTER = re.compile(
    r"\s*,?\s*(?:of|in|from|de|du|dans)\s+(?:the\s+|la\s+|l['’]\s?)?(?:Security\s+Council\s+|Conseil\s+de\s+sécurité\s+)?"
    r"(?:S/RES/|r[ée]solution\s+)(?P<number>\d{1,5})(?:\s*\((?P<year>\d{4})\))?",
    re.IGNORECASE,
)
# "paragraph 5 of the report", "para. 12 of the Secretary-General's letter", "§ 3 above": not a resolution's unit
_OTHER_DOCUMENT = re.compile(
    r"\s*,?\s*(?:(?:of|in|from|de|du|dans)\s+(?:the\s+|this\s+|that\s+|its\s+|his\s+|her\s+|their\s+|our\s+"
    r"|la\s+|le\s+|ce\s+|cette\s+|notre\s+|l['’]\s?)?(?:[A-Z][\w-]*['’]s\s+)?"
    r"(?:report|letter|note|statement|declaration|agreement|accord|communiqu|rapport|lettre|document|présente?"
    r"|annex|annexe|charter|charte|statute|statut|convention|study|studies|publication|guide|handbook|paper"
    r"|S/\d{4}/|A/\d)|above\b|below\b|ci-dessus|ci-dessous)",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(
    r"\s*(?:,\s*(?:and|et|or|ou)\b|,|;|\band\b|\bet\b|\bor\b|\bou\b|&|\bas\s+well\s+as\b|\bainsi\s+que\b|\bplus\b)",
    re.IGNORECASE)
_RANGE = re.compile(
    r"\s*(?:[\u2013\u2014-]|\bto\b|\bthrough\b|\bthru\b|\bà\b|\bau\b|\bjusqu['’]au\b)\s*"
    r"(?:(?:OPs?|PPs?|paragraphs?|paragraphes?|paras?\.?|§§?)\s*)?(?P<end>\d{1,3})(?![\d(/]|\s?\()",
    re.IGNORECASE,
)
_DASH_ITEM = re.compile(r"-(?P<n>\d{1,2})(?!\d)")
_SUB_RANGE = re.compile(r"\s*(?:[\u2013\u2014-]|\bto\b|\bà\b)\s*\((?P<end>[a-zA-Z]{1,6})\)", re.IGNORECASE)
_CHAIN = re.compile(r"\s*[;,]?\s*(?:(?:and|et)\s+)?", re.IGNORECASE)
_MAX_RANGE = 60

# "subparagraph (c)(iii) of paragraph 28", "sub-paragraphs (a) and (c) of operative paragraph 12",
# "alinéa c) du paragraphe 28": the sub-paragraph named before its paragraph.
_SUB_OF = re.compile(
    r"(?<![A-Za-z])(?:sub-?paragraphs?|(?:l['’]\s?)?alinéas?|sous-alinéas?)\s+"
    r"(?P<subs>[^\n]{1,40}?)\s+(?:of|du|de\s+l['’]\s?)\s*(?:the\s+)?(?:(?P<pp>preambular)|operative\s+)?(?:paragraph|paragraphe)\s+(?P<number>\d{1,3})(?!\d)",
    re.IGNORECASE,
)
_SUB_TOKEN = re.compile(r"(\()?\s?([A-Za-z0-9]{1,8})\s?(\))?")
_SUB_TOKENS = re.compile(r"(?:\s*\(?\s?[A-Za-z0-9]{1,8}\s?\)?)+")
# "the third preambular paragraph", "the 5th operative paragraph", "le troisième alinéa du préambule"
_ORDINAL_WORDS = {w: n for n, ws in enumerate((
    "first premier première 1st", "second deuxième seconde 2nd", "third troisième 3rd", "fourth quatrième 4th",
    "fifth cinquième 5th", "sixth sixième 6th", "seventh septième 7th", "eighth huitième 8th", "ninth neuvième 9th",
    "tenth dixième 10th", "eleventh onzième 11th", "twelfth douzième 12th", "thirteenth treizième 13th",
    "fourteenth quatorzième 14th", "fifteenth quinzième 15th", "sixteenth seizième 16th",
    "seventeenth dix-septième 17th", "eighteenth dix-huitième 18th", "nineteenth dix-neuvième 19th",
    "twentieth vingtième 20th"), start=1) for w in ws.split()}
_ORDINAL = re.compile(
    r"(?<![A-Za-z])(?=[fFsStTeEnNpPdDqQcChHoO1-9])(?P<ord>" + "|".join(sorted(map(re.escape, _ORDINAL_WORDS), key=len, reverse=True)) + r")\s+"
    r"(?:(?P<pp>preambular\s+paragraph|alinéa\s+du\s+préambule|paragraphe\s+du\s+préambule)"
    r"|(?P<op>operative\s+paragraph|paragraphe\s+du\s+dispositif))(?![A-Za-z])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Citation:
    """One cited unit as typed: its ``label`` (None when ``problem`` says why it cannot be read), the
    resolution named with it, where it stands in the text and how it was written.

    ``reading`` tells the reader what a lenient reading made of the words ("read 'OP 28 c iii' as
    OP 28(c)(iii)"); ``generic`` marks a "paragraph"/"§" that was taken to be operative;
    ``bracketed`` a list that stands in brackets with its resolution, the NGO Working Group's style.
    """

    label: Label | None
    symbol: str | None
    start: int
    end: int
    explicit_symbol: bool
    written: str = ""
    reading: str | None = None
    generic: bool = False
    problem: str | None = None
    keyword_start: int = -1
    bracketed: bool = False

    @property
    def readable(self) -> bool:
        return self.label is not None


def _symbol_of(match: re.Match) -> str:
    return format_symbol(int(match.group("number")), int(match.group("year")) if match.group("year") else None)


class _Symbols:
    """Every resolution a text names, found once, so that each citation finds the one before it by
    bisection (a search per citation made a long checklist slow)."""

    def __init__(self, text: str):
        self.matches = list(_SYMBOL.finditer(text))
        self.ends = [m.end() for m in self.matches]


def _symbol_before(text: str, at: int, symbols: _Symbols | None = None) -> tuple[str | None, bool]:
    """The resolution a list names just before it: "S/RES/2423 (2018) OPs", "(S/RES/2605 (2021), PPs",
    "resolution 2480 (2019), in particular OPs". Nothing when a sentence ends in between."""
    symbols = symbols or _Symbols(text)
    k = bisect.bisect_right(symbols.ends, at) - 1
    best = symbols.matches[k] if k >= 0 else None
    if best is None or best.start() < at - 160:
        return None, False
    between = text[best.end():at]
    if len(between) > 60 or re.search(r"[.!?]\s", between) or re.search(r"\d", between):
        return None, False
    return _symbol_of(best), True


def _in_brackets(text: str, start: int) -> bool:
    """The list and its resolution stand between brackets: "(S/RES/2423 (2018) OPs 38(a)(ii), 64)",
    "(S/RES/2605 (2021), PPs 5, 8; OPs 2, 4)"."""
    depth = 0
    for k in range(start - 1, max(-1, start - 161), -1):
        if text[k] == ")":
            depth += 1
        elif text[k] == "(":
            if depth == 0:
                break
            depth -= 1
    else:
        return False
    if text[k] != "(" or depth:
        return False
    for j in range(start, min(len(text), start + 400)):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            if depth == 0:
                return True
            depth -= 1
    return False


def _complete_elliptic(previous: Label, tokens: tuple[str, ...]) -> Label:
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


def _sub_range(last: str, end: str) -> list[str] | None:
    """ "(a) to (c)": the markers from ``last`` to ``end`` of one style, or None."""
    end = end.lower()
    for style, first in readings(last):
        for style2, final in readings(end):
            if style == style2 and first < final <= first + 26:
                return [path_step(style, v) for v in range(first + 1, final + 1)]
    return None


@dataclass
class _Ref:
    label: Label | None
    start: int
    end: int
    loose: bool = False
    problem: str | None = None
    range_of: tuple[Label, Label] | None = None


def _read_refs(text: str, pos: int, kind: str) -> tuple[list[_Ref], int]:
    """The labels listed from ``pos``: "28(a)(ii), (c)(iii), 56", "53 to 59", "5 et 6". Reading stops at
    the first label that cannot be read (its ``problem`` is kept)."""
    refs: list[_Ref] = []
    previous: Label | None = None
    at = pos
    while True:
        skip = re.match(r"\s{0,3}", text[at:at + 3]).end()
        reading = read_label_at(text, at + skip, kind)
        if reading is not None:
            start = at + skip
            if reading.problem:
                refs.append(_Ref(None, start, reading.end, reading.loose, reading.problem))
                return refs, reading.end
            label, end = reading.label, reading.end
            rng = _RANGE.match(text, end) if not label.path else None
            if rng and label.number < int(rng.group("end")) <= label.number + _MAX_RANGE:
                last = Label(kind, int(rng.group("end")))
                for n in range(label.number, last.number + 1):
                    refs.append(_Ref(Label(kind, n), start, rng.end(), reading.loose, range_of=(label, last)))
                previous, at = last, rng.end()
            else:
                dash = _DASH_ITEM.match(text, end)
                if dash and not (rng and int(rng.group("end")) > label.number):
                    label = Label(kind, label.number, label.path + (f"-{int(dash.group('n'))}",))
                    end = dash.end()
                refs.append(_Ref(label, start, end, reading.loose))
                previous, at = label, end
        elif previous is not None:
            tokens, end, loose, problem = read_subs_at(text, at, first=False)
            if problem:
                refs.append(_Ref(None, at + skip, end, loose, problem))
                return refs, end
            if not tokens:
                break
            label = _complete_elliptic(previous, tokens)
            refs.append(_Ref(label, at + skip, end, loose))
            previous, at = label, end
        else:
            break
        if previous is not None and previous.path and not previous.path[-1].startswith("-"):
            sub = _SUB_RANGE.match(text, at)
            if sub:
                more = _sub_range(previous.path[-1], sub.group("end"))
                if more is None:
                    refs.append(_Ref(None, at, sub.end(), problem=f"'({previous.path[-1]})' to '({sub.group('end')})' is not a range of sub-paragraphs"))
                    return refs, sub.end()
                for step in more:
                    previous = Label(previous.kind, previous.number, previous.path[:-1] + (step,), previous.part)
                    refs.append(_Ref(previous, refs[-1].start, sub.end()))
                at = sub.end()
        sep = _SEPARATOR.match(text, at)
        if not sep:
            break
        after = sep.end()
        rest = text[after:after + 12]
        if _KEYWORD.match(rest.lstrip()) or not (re.match(r"\s{0,3}\d", rest) or re.match(r"\s?\(", rest)
                                                  or read_subs_at(text, after, first=False)[0]):
            break  # another keyword opens a list of its own (the caller chains it), or prose follows
        at = after
    return refs, at


def read_citations(text: str) -> list[Citation]:
    """Every citation in ``text``, readable or not, in the order written, with the elliptic forms
    completed and ranges expanded. Citations of another document ("paragraph 5 of the report") and the
    page abbreviation "pp." are left out: they name no unit of a resolution."""
    symbols = _Symbols(text)
    out: list[Citation] = _written_out(text, symbols)
    taken = [(c.keyword_start, c.end) for c in out]
    pos = 0
    chain_symbol: tuple[str | None, bool] | None = None
    chain_end = -1
    unnamed: list[int] = []  # citations of the current chain that name no resolution yet
    for kw in _KEYWORD.finditer(text):
        if kw.start() < pos or any(a <= kw.start() < b for a, b in taken):
            continue
        word = kw.group(0)
        if word.strip() in ("pp.", "p."):
            continue  # "pp. 5-8": pages
        kind = "PP" if kw.group("pp") else "OP"
        generic = kw.group("para") is not None or kw.group("alinea") is not None
        if chain_symbol is not None and kw.start() == chain_end:
            symbol, explicit = chain_symbol
        else:
            symbol, explicit = _symbol_before(text, kw.start(), symbols)
            unnamed = []
        refs, end = _read_refs(text, kw.end(), kind)
        if not refs:
            continue
        part = _PART_AFTER.match(text, end)
        if part:
            kind = "PP" if part.group("part").lower() in ("préambule", "preamble") else "OP"
            refs = [_Ref(Label(kind, r.label.number, r.label.path) if r.label else None, r.start, r.end, r.loose,
                         r.problem, r.range_of) for r in refs]
            end = part.end()
        elif kw.group("alinea"):
            continue  # "alinéa 3" alone: a sub-paragraph of an unnamed paragraph, or a preambular one?
        if _OTHER_DOCUMENT.match(text, end):
            pos = end
            continue
        part_of = _PART_BEFORE.search(text[max(0, kw.start() - 12):kw.start()])
        lead = kw.start() - len(part_of.group(0)) if part_of else kw.start()
        part_after = _PART_NAMED_AFTER.match(text, end)
        if part_of or part_after:
            name = part_after.group("part") if part_after else (part_of.group("a") or part_of.group("b"))
            refs = [_Ref(Label(r.label.kind, r.label.number, r.label.path, name) if r.label else None, r.start, r.end,
                         r.loose, r.problem, r.range_of) for r in refs]
            end = part_after.end() if part_after else end
        after = _SYMBOL_AFTER.match(text, end)
        if after or not explicit:  # a resolution named right after the list is the list's, whatever came before
            if after:
                symbol, explicit = _symbol_of(after), True
                end = after.end()
                # "OP 5 and PP 3 of resolution 2480": the lists chained before it are of it too
                for k in unnamed:
                    out[k] = replace(out[k], symbol=symbol, explicit_symbol=True)
                unnamed = []
        bracketed = explicit and _in_brackets(text, kw.start())
        whole = " ".join(text[lead:refs[-1].end].split())
        for ref in refs:
            if not explicit:
                unnamed.append(len(out))
            written = " ".join(text[lead if ref.start == refs[0].start else ref.start:ref.end].split())
            if ref.label is None:
                out.append(Citation(None, symbol, ref.start, ref.end, explicit, written, None, generic, ref.problem,
                                    kw.start(), bracketed))
                continue
            out.append(Citation(ref.label, symbol, ref.start, ref.end, explicit, written,
                                _reading(written, whole, ref, generic, part is not None), generic, None, kw.start(), bracketed))
        pos = end
        chain = _CHAIN.match(text, end)
        chain_symbol, chain_end = ((symbol, explicit), chain.end()) if chain else (None, -1)
    return sorted(out, key=lambda c: c.start)


def _written_out(text: str, symbols: _Symbols) -> list[Citation]:
    """Citations written in words: "subparagraph (c) of paragraph 28", "the third preambular paragraph"."""
    out: list[Citation] = []
    for m in _SUB_OF.finditer(text):
        kind = "PP" if m.group("pp") else "OP"
        number = int(m.group("number"))
        symbol, explicit = _symbol_after(text, m.end(), symbols)
        groups = re.split(r"\s*(?:,|\band\b|\bet\b|&)\s*", m.group("subs").strip())
        for group in groups:
            tokens = [(o, t, c) for o, t, c in _SUB_TOKEN.findall(group)]
            written = " ".join(m.group(0).split())
            label = Label(kind, number, tuple(t.lower() for _, t, _ in tokens))
            problem = None
            if not tokens or not _SUB_TOKENS.fullmatch(group):
                problem = f"'{group}' is not a list of sub-paragraph markers"
            elif any(o and not c for o, _, c in tokens):
                problem = f"a bracket is not closed in '{group}'"
            elif not all(is_marker(t) for _, t, _ in tokens):
                problem = f"'{group}' is not a sub-paragraph marker"
            out.append(Citation(None if problem else label, symbol, m.start(), m.end(), explicit, written,
                                None if problem else f"read '{written}' as {pretty_label(str(label))}", False,
                                problem, m.start()))
    for m in _ORDINAL.finditer(text):
        kind = "PP" if m.group("pp") else "OP"
        label = Label(kind, _ORDINAL_WORDS[m.group("ord").lower()])
        symbol, explicit = _symbol_after(text, m.end(), symbols)
        written = " ".join(m.group(0).split())
        out.append(Citation(label, symbol, m.start(), m.end(), explicit, written,
                            f"read '{written}' as {pretty_label(str(label))}", False, None, m.start()))
    return out


def _symbol_after(text: str, at: int, symbols: _Symbols) -> tuple[str | None, bool]:
    after = _SYMBOL_AFTER.match(text, at)
    return (_symbol_of(after), True) if after else _symbol_before(text, at, symbols)




def _reading(written: str, whole: str, ref: _Ref, generic: bool, qualified: bool) -> str | None:
    """ "read 'OP 28 c iii' as OP 28(c)(iii)": said when the words were read leniently, when a bare
    "paragraph" was taken to be operative, or when a range was expanded."""
    if ref.range_of is not None:
        first, last = ref.range_of
        return f"read '{written}' as {pretty_label(str(first))} to {pretty_label(str(last))}"
    if ref.loose:
        return f"read '{written}' as {pretty_label(str(ref.label))}"
    if generic and not qualified:
        return f"read '{whole}' as {pretty_label(str(ref.label))}"
    return None


def find_citations(text: str) -> list[Citation]:
    """The citations of ``text`` that count as asks in free prose: readable, and either written with a
    monitor's word ("OP 5", "PPs 2 and 4") or naming their resolution ("paragraph 9 of resolution 2480").
    A bare "paragraph 5" in prose names nothing."""
    return [c for c in read_citations(text) if c.readable and (c.explicit_symbol or not c.generic)]
