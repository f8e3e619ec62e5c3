"""How Council clauses open: "Recalling", "Deeply concerned", "Rappelant" (preambular); "Decides",
"Strongly condemns" (operative).

Three questions, asked with different strictness by different readers, all answered from the word lists
in ``data/drafting.toml``:

- ``looks_preambular`` / ``looks_operative`` / ``opens_clause``: inside a resolution's body, where every
  block is a clause, which kind is this one (the segmenter);
- ``opener_kind``: does this line of a typed note open a clause at all, and which (the checklist reader,
  which must tell quoted clauses from the note's prose);
- ``starts_preambular_clause`` / ``PREAMBLE_OPENER``: where in flattened text a preambular clause begins
  (the HTML and PDF readers, which split on it).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lazy_regex import lazy
from ..model import OPERATIVE, PREAMBULAR
from ..package_data import data_toml


def _load() -> dict:
    return data_toml("drafting.toml")


_DATA = _load()
ADVERBS = frozenset(_DATA["adverbs"]["words"])
PREAMBLE_OPENERS = frozenset(_DATA["preamble"]["openers"])
BODY_OPENERS = PREAMBLE_OPENERS | frozenset(_DATA["preamble"]["body_only"])
CONNECTIVES = frozenset(_DATA["preamble"]["connectives"])
OPERATIVE_VERBS = frozenset(_DATA["operative"]["verbs"])
COUNCIL_VERBS = OPERATIVE_VERBS | frozenset(_DATA["operative"]["verbs_fr"])

# ", Recalling ..." - a listed opener; or a participle the list misses, caught by its ending and a
# lower-case word after it (so ", Beijing Declaration" is not one): "Reaffirming its", "Appalled by".
_GENERIC_OPENER = r"[A-Z][a-z]{1,}(?:-[a-z]+)?(?:ing|ant)\s+(?:[a-zà-ÿ(]|the\b)|[A-Z][a-z]{2,}ed\s+(?:by|at|that|about|with|over|to|of)\b"
PREAMBLE_OPENER = rf"(?:{'|'.join(_DATA['preamble_phrases']['phrases'])})\b|{_GENERIC_OPENER}"
_WORD = re.compile(r"[A-Za-zÀ-ÿ']+")


def first_words(text: str, n: int = 3) -> list[str]:
    """The first ``n`` words of a clause (letters and apostrophes), read from its first 80 characters."""
    return _WORD.findall(text[:80])[:n]


@lru_cache(maxsize=1)
def _starts() -> re.Pattern:
    """Compiled when first needed (by the HTML and PDF readers): a text file's reading never asks."""
    return re.compile(rf"^\s*(?:{PREAMBLE_OPENER})")


def starts_preambular_clause(text: str) -> bool:
    """True when ``text`` opens the way a preambular paragraph does ("Noting with deep satisfaction")."""
    return bool(_starts().match(text))


def looks_preambular(text: str) -> bool:
    """A block of a resolution's body that opens a preambular paragraph (after any adverb)."""
    for w in (w.lower() for w in first_words(text, 3)):
        if w in ADVERBS:
            continue
        return w in BODY_OPENERS or w.endswith("ing") or w.endswith("ant")
    return False


def looks_operative(text: str) -> bool:
    """An unnumbered block that reads as an operative clause ("Requests the parties ...")."""
    words = first_words(text, 4)
    if not words:
        return False
    if [w.lower() for w in words[:3]] == ["the", "security", "council"]:
        return len(words) > 3 and words[3].islower() and words[3].endswith("s")
    for w in words:
        lw = w.lower()
        if lw in ADVERBS:
            continue
        return text[:1].isupper() and lw.endswith("s") and not lw.endswith("ss") and lw not in BODY_OPENERS
    return False


def opens_clause(line: str) -> bool:
    """A line that can only be the start of a new clause (a listed participle or an operative verb)."""
    words = first_words(line.lstrip(), 2)
    if not words or not words[0][:1].isupper():
        return False
    first = words[0].lower()
    return first in OPERATIVE_VERBS or (first.endswith("ing") and first in BODY_OPENERS)


def opener_kind(text: str) -> str | None:
    """PREAMBULAR or OPERATIVE when a line of a note opens a clause the way Council paragraphs do, else
    None (prose). Stricter than the body's rules: only listed words and long participles count."""
    words = re.findall(r"[^\W\d_]+", text[:80])
    if not words or not words[0][:1].isupper():
        return None
    for w in words[:3]:
        lw = w.lower()
        if lw in ADVERBS:
            continue
        if lw in PREAMBLE_OPENERS or (lw.endswith("ing") and len(lw) > 5):
            return PREAMBULAR
        if lw in OPERATIVE_VERBS:
            return OPERATIVE
        return None
    return None


def opens_with_council_verb(text: str) -> bool:
    """A paragraph that opens the way the Council decides ("Decides", "Strongly condemns", "Prie"),
    in English or French: one of the marks of a resolution (a letter has none)."""
    for w in (w.lower() for w in first_words(text, 3)):
        if w not in ADVERBS:
            return w in COUNCIL_VERBS
    return False


def is_connective(text: str) -> bool:
    """"Therefore," alone: a word that belongs to the clause before it."""
    return text.strip(" ,;:.").lower() in CONNECTIVES


# Words that belong to the verb that opens a clause ("Calls upon", "Takes note", "Bearing in mind"): the
# Council prints them in italics with it.
_OPENING_PHRASES = ("calls upon", "calls on", "calls for", "takes note", "bearing in mind", "taking note",
                    "taking into account", "taking into consideration", "paying tribute", "looking forward")
_OPENING_WORD = lazy(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def opening_length(text: str) -> int:
    """How many characters of ``text`` the Council prints in italics: the adverbs and the word (or
    listed phrase) that open a preambular or operative paragraph ("Strongly condemns", "Calls upon",
    "Deeply concerned", "Recalling"); 0 when it does not open like a clause."""
    pos = 0
    for match in _OPENING_WORD.finditer(text[:120]):
        if text[pos:match.start()].strip():
            return 0  # punctuation or a number before the verb: not an opening
        word = match.group(0)
        if pos == 0 and not word[:1].isupper():
            return 0
        if word.lower() in ADVERBS:
            pos = match.end()
            continue
        rest = text[match.start():].lower()
        for phrase in _OPENING_PHRASES:
            if rest.startswith(phrase) and rest[len(phrase):len(phrase) + 1] in ("", " ", ","):
                return match.start() + len(phrase)
        return match.end()
    return 0
