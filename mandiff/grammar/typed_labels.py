"""Labels as people type them in a sentence: "28(c)(iii)", "28 (c) (iii)", "28 c iii", "28.c.iii",
"28(C)(III)", "28c(iii)", "28 c) iii)".

``read_label_at`` reads the number and its sub-paragraph markers from one place in a text and says how far
it read, whether the reading was lenient (no brackets, dots, capitals: the reader should be told) or why it
cannot be read ("28(c)(iii" lacks a bracket, "(zz9)" is no marker): a label it cannot read is never
shortened to its parent. Which words introduce a label ("OP", "paragraph", "§") and how labels are listed is
the checklist reader's business. Its own module: only the checklist reads typed labels, so that the other
commands do not compile its patterns at start-up.
"""

import re
from typing import NamedTuple

from .labels import Label
from .numbering import is_marker

MAX_CITED_DEPTH = 6  # as deep as the unit builder nests

_CITED_NUMBER = re.compile(r"\d{1,4}(?![\d/])")
_CLOSED = re.compile(r"([ \t]?)\((\s?)([A-Za-z0-9]{1,8})(\s?)\)")
_OPENED = re.compile(r"([ \t]?)\(\s?([A-Za-z0-9]{1,8})(?![A-Za-z0-9)])")
_DOTTED = re.compile(r"\.([A-Za-z0-9]{1,8})(?![A-Za-z0-9])")
_GLUED = re.compile(r"([^\W_]{1,40})")  # letters or digits glued to the number: "28c", "5th", "5é"
_BARE = re.compile(r"[ \t]+([A-Za-z]{1,4})(\)?)(?![A-Za-z0-9(])")
# What may follow a label typed without brackets ("OP 28 c iii"): the end, punctuation, a list word or a
# verb; "OP 5 a new paragraph" is OP 5 followed by prose.
_AFTER_BARE = re.compile(
    r"\s*(?:$|[,;:)\]]|\.(?:\s|$)|[\u2013\u2014-])|\s+\(|\s+\d"
    r"|\s+(?:and|et|&|or|ou|to|through|à|au|of|de|du|des|in|on|sur|as|from|be|is|are|was|were|should|must"
    r"|shall|has|have|which|that|qui|est|doit|devrait)\b",
    re.IGNORECASE,
)


class LabelReading(NamedTuple):
    """A label read from a typed citation: ``label`` (None when ``problem`` says why it cannot be read),
    ``end`` where the reading stopped in the text, and ``loose`` when it was read leniently."""

    label: Label | None
    end: int
    loose: bool = False
    problem: str | None = None


def _bare_run(text: str, pos: int) -> tuple[list[tuple[str, bool]], int]:
    """Markers typed without brackets from ``pos`` (" c iii", " c) iii)"), with where the run ends; the
    run is empty unless it ends where a label may end."""
    run: list[tuple[str, bool]] = []
    at = pos
    while True:
        m = _BARE.match(text, at)
        if not m or not is_marker(m.group(1)):
            break
        run.append((m.group(1), True))
        at = m.end()
    if run and _AFTER_BARE.match(text, at):
        return run, at
    return [], pos


def read_subs_at(text: str, pos: int, first: bool = True) -> tuple[tuple[str, ...], int, bool, str | None]:
    """The sub-paragraph markers typed from ``pos`` on: (markers in lower case, end, loose, problem).

    ``first`` says that ``pos`` is right after a paragraph number; elsewhere (an elliptic "(c)(iii)"
    in a list) a bracket is expected at once.
    """
    tokens: list[str] = []
    loose = False
    at = pos

    def problem(what: str, end: int) -> tuple[tuple[str, ...], int, bool, str]:
        return tuple(tokens), end, loose, what

    while len(tokens) <= MAX_CITED_DEPTH:
        glued = at > 0 and text[at - 1:at] in (")",) or (at == pos and first)
        m = _CLOSED.match(text, at)
        if m:
            token = m.group(3)
            spaced_first = bool(m.group(1)) and not tokens
            if token.isdigit() or not is_marker(token):
                if spaced_first and (token.isdigit() or len(token) > 2):
                    break  # "OP 46 (2019)", "OP 5 (see)": a remark after the label
                return problem(f"'({token})' is not a sub-paragraph marker", m.end())
            tokens.append(token.lower())
            loose = loose or token != token.lower() or bool(m.group(2) or m.group(4))
            at = m.end()
            continue
        m = _OPENED.match(text, at)
        if m:
            token = m.group(2)
            if m.group(1) and not tokens and not (is_marker(token) and _AFTER_BARE.match(text, m.end())):
                break  # "OP 46 (number of women ...)": a remark after the label
            if not tokens and not m.group(1) and len(token) > 3 and not is_marker(token):
                break  # "OP 46(number of women)"
            return problem(f"a bracket is not closed after '({token}'" if is_marker(token)
                           else f"'({token}' is not a sub-paragraph marker", m.end())
        if text.startswith(".", at) and (tokens or at == pos):
            m = _DOTTED.match(text, at)
            if m and is_marker(m.group(1)) and (
                text.startswith((".", "("), m.end()) or _AFTER_BARE.match(text, m.end()) or _bare_run(text, m.end())[0]
            ):
                tokens.append(m.group(1).lower())
                loose = True
                at = m.end()
                continue
            if m and tokens:
                return problem(f"'.{m.group(1)}' is not a sub-paragraph marker", m.end())
            break  # "OP 5. Calls upon": the full stop ends a sentence
        if glued and at < len(text) and text[at].isalnum():
            m = _GLUED.match(text, at)
            token = m.group(1)
            if is_marker(token) and (
                text.startswith((".", "("), m.end()) or _AFTER_BARE.match(text, m.end()) or _bare_run(text, m.end())[0]
            ):
                tokens.append(token.lower())
                loose = True
                at = m.end()
                continue
            return problem(f"'{token}' is not a sub-paragraph marker", m.end())
        run, end = _bare_run(text, at)
        if run:
            tokens.extend(t.lower() for t, _ in run)
            loose = True
            at = end
            continue
        break
    if len(tokens) > MAX_CITED_DEPTH:
        return problem(f"more than {MAX_CITED_DEPTH} levels of sub-paragraphs", at)
    return tuple(tokens), at, loose, None


# "OP 5 bis": a paragraph a draft inserted after OP 5; the adopted text numbers it otherwise
_INSERTED = re.compile(r"[ \t]?(bis|ter|quater|quinquies)\b", re.IGNORECASE)


def read_label_at(text: str, pos: int, kind: str = "OP") -> LabelReading | None:
    """The label typed at ``pos`` ("28(c)(iii)", "28 c iii", "28.C.III"), None when no number starts there."""
    m = _CITED_NUMBER.match(text, pos)
    if not m:
        return None
    inserted = _INSERTED.match(text, m.end())
    if inserted:
        return LabelReading(None, inserted.end(), False,
                            f"'{inserted.group(1)}' numbers a paragraph a draft inserted, not one of an adopted text")
    tokens, end, loose, problem = read_subs_at(text, m.end(), first=True)
    if problem:
        return LabelReading(None, end, loose, problem)
    return LabelReading(Label(kind, int(m.group(0)), tokens), end, loose)
