"""Citations as monitors type them: "OPs 28(a)(ii), (c)(iii)", "para. 46", "§ 5", "paragraphes 5 et 6",
"OP 53-59", "S/RES/2423 (2018) OPs 38(a)(ii), 64", "paragraph 9 of resolution 2480 (2019)".

This module reads the words that introduce a label, how labels are listed (commas, "and", "et",
ranges, elliptic sub-paragraphs that continue the previous label) and the resolution named with
them; what a single label means ("28 c iii", "28.C.III", "28(c)(iii") is ``grammar.labels.read_label_at``.
A citation that cannot be read is kept with its ``problem``, never shortened to its parent unit.

Whether a citation is an ask or a mention in passing is decided by the checklist reader
(``checklist_prose``), which knows the line it stands in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .grammar.labels import Label, pretty_label, read_label_at, read_subs_at
from .grammar.numbering import path_step, readings
from .symbols import format_symbol

# The words that introduce a label, any case, with or without dots and plural: "OP", "O.P.", "ops.",
# "operative paragraph", "op para", "PP", "preambular para.", "paragraph", "para.", "paragraphe", "par."
# (the French abbreviation), "§", "§§", "¶", "sub-paragraph", "alinéa" (only with "du préambule").
_KEYWORD = re.compile(
    r"(?<![A-Za-z0-9/])(?:"
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
    r"|annex|annexe|charter|charte|statute|statut|convention|S/\d{4}/|A/\d)|above\b|below\b|ci-dessus|ci-dessous)",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(
    r"\s*(?:,\s*(?:and|et)\b|,|;|\band\b|\bet\b|&|\bas\s+well\s+as\b|\bainsi\s+que\b|\bplus\b)", re.IGNORECASE)
_RANGE = re.compile(
    r"\s*(?:[\u2013\u2014-]|\bto\b|\bthrough\b|\bthru\b|\bà\b|\bau\b|\bjusqu['’]au\b)\s*"
    r"(?:(?:OPs?|PPs?|paragraphs?|paragraphes?|paras?\.?|§§?)\s*)?(?P<end>\d{1,3})(?![\d(/]|\s?\()",
    re.IGNORECASE,
)
_DASH_ITEM = re.compile(r"-(?P<n>\d{1,2})(?!\d)")
_SUB_RANGE = re.compile(r"\s*(?:[\u2013\u2014-]|\bto\b|\bà\b)\s*\((?P<end>[a-zA-Z]{1,6})\)", re.IGNORECASE)
_CHAIN = re.compile(r"\s*[;,]?\s*(?:(?:and|et)\s+)?", re.IGNORECASE)
_MAX_RANGE = 60


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
    from .grammar.numbering import likely_style

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
    out: list[Citation] = []
    pos = 0
    chain_symbol: tuple[str | None, bool] | None = None
    chain_end = -1
    for kw in _KEYWORD.finditer(text):
        if kw.start() < pos:
            continue
        word = kw.group(0)
        if re.fullmatch(r"pp\.", word.strip()) or re.fullmatch(r"p\.", word.strip()):
            continue  # "pp. 5-8": pages
        kind = "PP" if kw.group("pp") else "OP"
        generic = kw.group("para") is not None or kw.group("alinea") is not None
        if chain_symbol is not None and kw.start() == chain_end:
            symbol, explicit = chain_symbol
        else:
            symbol, explicit = _symbol_before(text, kw.start())
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
        if not explicit:
            after = _SYMBOL_AFTER.match(text, end)
            if after:
                symbol, explicit = _symbol_of(after), True
                end = after.end()
        bracketed = explicit and _in_brackets(text, kw.start())
        whole = " ".join(text[kw.start():refs[-1].end].split())
        for ref in refs:
            written = " ".join(text[kw.start() if ref.start == refs[0].start else ref.start:ref.end].split())
            if ref.label is None:
                out.append(Citation(None, symbol, ref.start, ref.end, explicit, written, None, generic, ref.problem,
                                    kw.start(), bracketed))
                continue
            out.append(Citation(ref.label, symbol, ref.start, ref.end, explicit, written,
                                _reading(written, whole, ref, generic, part is not None), generic, None, kw.start(), bracketed))
        pos = end
        chain = _CHAIN.match(text, end)
        chain_symbol, chain_end = ((symbol, explicit), chain.end()) if chain else (None, -1)
    return out


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
