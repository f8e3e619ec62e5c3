"""Text clean-up before segmentation: an ordered list of small named text-to-text steps.

Each step fixes one real defect of official documents or of their OCR (page furniture, line-end
hyphenation, ``l.`` read for ``1.``, ``Secretary—General``). Steps work line by line and keep line
breaks, so that the segmenter still sees paragraph boundaries; joining wrapped lines is the
segmenter's job (``join_lines`` below is shared with it).
"""

from __future__ import annotations

import functools
import re
from typing import Callable

from .characters import visible_form
from .lazy_regex import lazy

# ---- page furniture ----------------------------------------------------------------------------

# Job number of the UN's document system, optionally followed by a date code: "02-72318 (E)",
# "19-11061 (E)    280619".
_JOB_NUMBER = re.compile(r"^\s*\d{2}-\d{4,6}\s*\([A-Z]\)(?:\s+\d{6})?\s*$")
# The barcode printed under the job number renders as the job number between asterisks.
_BARCODE = re.compile(r"^\s*\*\d{6,9}\*\s*$")
# Page numbers: "2/17", "Page 3", "- 4 -", "PAGE 3 of 3".
_PAGE_NUMBER = re.compile(r"^\s*(?:\d{1,3}\s*/\s*\d{1,3}|(?:[Pp]age|PAGE)\s+\d{1,3}(?:\s+of\s+\d{1,3})?|-\s*\d{1,3}\s*-)\s*$")
# A running header: the document symbol alone on a line.
_RUNNING_HEADER = re.compile(r"^\s*S/RES/\d{1,5}\s*\(\d{4}\)\s*$")


def drop_page_furniture(text: str) -> str:
    """Remove job numbers, barcodes, page numbers and running headers of the official layout."""
    kept = []
    for line in text.split("\n"):
        if _JOB_NUMBER.match(line) or _BARCODE.match(line) or _PAGE_NUMBER.match(line):
            continue
        if _RUNNING_HEADER.match(line):
            continue
        kept.append(line)
    return "\n".join(kept)


# ---- characters ----------------------------------------------------------------------------------

# Character classes, not str.translate with a dict: translate looks every character up in the dict
# (8 ms on a 10,000-word text, a fifth of the whole parse); a regex scans for the few that matter.
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")


def clean_characters(text: str) -> str:
    """Unify line ends and spaces, and make what looks alike alike (``characters.visible_form``: NFC, no
    invisible characters, look-alike letters folded)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = _SPACES.sub(" ", visible_form(text))
    return "\n".join(line.rstrip() for line in text.split("\n"))


# An em dash between two letters with no space is OCR for a hyphen ("Secretary—General").
_EM_DASH_IN_WORD = lazy(r"(?<=[A-Za-z])(?:-?[\u2014\u2015]|-[\u2013])(?=[A-Za-z])")
# Paired ASCII quotes that OCR produces for typographic ones.
_DOUBLE_BACKTICK = lazy(r"``(?=\S)")


def fix_dashes_and_quotes(text: str) -> str:
    if "\u2014" in text or "\u2015" in text or "-\u2013" in text:  # the lookbehind costs 4 ms a text
        text = _EM_DASH_IN_WORD.sub("-", text)
    if "``" in text:
        text = _DOUBLE_BACKTICK.sub("\u201c", text)
    return text


# "l." or "l1." at the start of a line is OCR for "1." or "11."; only digits and l, at least one l.
# Written as digits, an "l", then digits and l's: the same tokens as "[l1]*l[l1\d]*|\d+l[l\d]*", without
# the overlapping alternatives that backtracked quadratically on a long line of "l"s; and "[^\S\n]*", not
# "\s*", in front, which under MULTILINE ran on over blank lines from every line start (quadratic too).
_OCR_ONE = re.compile(r"^([^\S\n]*)(\d*l[l\d]*)(\s*\.\s)", re.MULTILINE)


# "5, Notes" at the start of a line: a comma read for the full stop after a paragraph number.
# It is tried once per run of blank lines (after its first two newlines), not after every newline of the
# run: from each of those the "\s*" ran on to the end of the run, quadratic on a text of many empty lines.
_OCR_COMMA = re.compile(r"(?:(?<=\n\n)(?<!\n\n\n)|\A)(\s*\d{1,3}),(?=\s+[A-Z])")


def fix_ocr_numbers(text: str) -> str:
    text = _OCR_ONE.sub(lambda m: m.group(1) + m.group(2).replace("l", "1") + m.group(3), text)
    return _OCR_COMMA.sub(r"\1.", text)


# ---- numbers alone on a line --------------------------------------------------------------------

_LONE_MARKER = re.compile(r"^\s*(\d{1,3}\.|\([a-z]{1,6}\)|[a-z]\)|[\u2013\u2014\-•])\s*$")


def join_lone_markers(text: str) -> str:
    """Join a paragraph number printed alone on its line ("28.") to the text that follows it."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _LONE_MARKER.match(line):
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and not _LONE_MARKER.match(lines[j]) and lines[j].strip()[:1].isalpha():
                out.append(line.strip() + " " + lines[j].strip())
                i = j + 1
                continue
        out.append(line)
        i += 1
    return "\n".join(out)


# ---- hyphenation ----------------------------------------------------------------------------------

# Prefixes after which a line-end hyphen is a real hyphen ("ex-combatants", "non-governmental", French
# "après-conflit", "sous-région"). Only heads that are rarely the first syllable of a plain word: "no"
# ("no-objection") is not one ("no-tably", "No-vember").
_KEEP_HYPHEN_PREFIXES = frozenset(
    "ex non self co anti pre post cease peace well long multi inter semi sub so vice re counter "
    "decision follow high mid two three four five part full wide short cross trans above below troop police arms "
    "people bi twenty thirty forty fifty sixty seventy eighty ninety gender conflict women rule "
    "ill far half all duly time cost fact après avant sous contre demi".split()
)
# Two-letter heads that begin compounds ("no-objection", "no-fly", "de-escalate") but are also first
# syllables ("no-tably", "de-signed"): a hyphen after them is kept when the second half begins with a
# vowel (no plain word breaks there: "no|objection") or, for "no", is a word of the same text ("no-fly").
_SHORT_COMPOUND_HEADS = frozenset({"no", "de"})
_VOWEL_START = lazy(r"[aeiouàâéèêëîïôûü]")
# Second halves that make a compound with the word before them: "gender-responsive", "Cyprus-wide".
_COMPOUND_TAILS = frozenset(
    "based related responsive sensitive specific led wide owned driven centred centered friendly oriented "
    "making building keeping term level scale affected contributing".split()
)
_HYPHEN_LETTER = lazy(r"[A-Za-z\u00c0-\u017f]")  # a letter of the word before a line-end hyphen
_MAX_HEAD = 64  # no real word is longer; bounds the look-back on hostile text
_WORD_START = lazy(r"^([a-z\u00e0-\u017f]+)")
# A suspended hyphen: "troop-" / "and police-contributing countries", "pré-" / "et post-déploiement".
_SUSPENDED = lazy(r"^(?:and|or|nor|to|et|ou)\s+[^\W\d_]+-(?:[^\W\d_]|$)")
# What a line-end hyphen is when neither the words nor the rules of ``_hyphen_evidence`` say: a break
# inside a plain word, as typesetters and the OCR-era texts have it. Measured against keeping it (README,
# benchmarks/roundtrip_pdf_layouts.py --undecided keep): keeping wins the few compounds that nothing
# decides in PDFs laid out without hyphenation and loses far more plain words in hyphenated ones.
_KEEP_WHEN_UNDECIDED = False


def _hyphen_head(pieces: list[str]) -> str | None:
    """The word before a hyphen that ends the joined text ("Secretary" for "... the Secretary-").

    Read backwards from the end, at most ``_MAX_HEAD`` letters: searching the whole growing paragraph
    with a regex for every line made joining quadratic (a 200 KB paragraph took minutes)."""
    last = pieces[-1]
    if not last.endswith("-") or last.endswith("--"):
        return None
    found: list[str] = []
    size = 0
    k, text = len(pieces) - 1, last[:-1]
    while size < _MAX_HEAD:
        i = len(text)
        while i > 0 and size < _MAX_HEAD and _HYPHEN_LETTER.match(text[i - 1]):
            i -= 1
            size += 1
        found.append(text[i:])
        if i > 0 or k == 0:
            break
        k -= 1
        text = pieces[k]
    head = "".join(reversed(found))
    return head or None


def join_lines(lines: list[str], vocabulary: frozenset[str] | set[str] = frozenset()) -> str:
    """Join the hard-wrapped lines of one paragraph, undoing line-end hyphenation.

    A hyphen at a line end is dropped when the next line goes on in lower case, unless the evidence of
    ``_keeps_hyphen`` says it is part of a compound (``vocabulary``: the words of the same document, see
    ``hyphen_vocabulary``). A suspended hyphen keeps its space ("troop- and police-contributing").
    Linear in the size of the paragraph.
    """
    pieces: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not pieces:
            pieces.append(line)
            continue
        head = _hyphen_head(pieces)
        start = _WORD_START.match(line)
        if head and not start and (line[:1].isupper() or line[:1].isdigit()):
            pieces.append(line)  # "Secretary-" + "General", "(S-" + "2)": a compound broken at its hyphen
            continue
        if head and start and _SUSPENDED.match(line):
            pieces.append(" ")
            pieces.append(line)
        elif head and start:
            inside = pieces[-1][-len(head) - 2 : -len(head) - 1] == "-"  # "people-to-": a compound began earlier
            if _keeps_hyphen(head, start.group(1), line[start.end():start.end() + 2], vocabulary, inside):
                pieces.append(line)
            else:
                pieces[-1] = pieces[-1][:-1]
                pieces.append(line)
        else:
            pieces.append(" ")
            pieces.append(line)
    return re.sub(r"[ ]{2,}", " ", "".join(pieces))


# Words in any script's letters (French "après-conflit", "sécurité"), not only ASCII.
_HYPHENATED_WORD = lazy(r"(?<![^\W\d_])([^\W\d_]+-[^\W\d_]+)(?![^\W\d_])")
_PLAIN_WORD = lazy(r"(?<![\w-])([^\W\d_]{2,})(?![\w-])")
# from word starts only: from every letter, "[A-Za-z]+" ran to the end of a 100,000-letter line (quadratic)
_LINE_END_BREAK = lazy(r"(?<![^\W\d_])[^\W\d_]+-[^\S\n]*\n\s*[^\W\d_]+")
# Closed compounds a word processor may break into two real words ("further-more"): always joined.
_CLOSED_COMPOUNDS = frozenset(
    "furthermore however therefore whereas hereby thereof whereby otherwise notwithstanding nevertheless "
    "wherever without within throughout forthwith henceforth meanwhile thereafter therein herein hereafter "
    "whatsoever moreover nonetheless upon into onto undertake undertaken undertaking understand overall "
    "outside inside become beyond cannot today".split()
)


def hyphen_vocabulary(text: str) -> frozenset[str]:
    """The words of the text, as evidence for line-end hyphens: hyphenated words written whole ("a-b"),
    and plain words (lower case) outside the line-end breaks themselves."""
    hyphenated = {m.group(1).lower() for m in _HYPHENATED_WORD.finditer(text)}
    plain = {m.group(1).lower() for m in _PLAIN_WORD.finditer(_LINE_END_BREAK.sub(" ", text))}
    return frozenset(hyphenated | plain)


_ENDINGS = ("", "s", "es", "d", "ed", "n", "ing", "r", "rs", "ly")
# Suffixes that a typesetter's hyphenation leaves alone on the next line ("accord-" / "ance", "priorit-" /
# "aires"): never the second word of a compound. Real words that end compounds ("led", "wide") are not here.
_SUFFIX_TAILS = frozenset(
    "ing ings ed ted ded ly ally ity ities ness ment ments mental mentation tion tions sion sions ation ations "
    "ance ances ence ences able ably ible ibly ial ical cal ism isms ist ists ive ives ous ious eous ful less "
    "fully dom ary ery ory ize ized izes ise ised ure ures er ers ors ual ern ic ics ian ians ate ated ates "
    "aire aires ique iques ité ités elle elles eur eurs euse euses isme iste istes ables ibles ée ées "
    "ère ères ier iers ière ières iale iaux if ifs".split()
)


def _said_by_the_words(head: str, tail: str, vocabulary) -> bool | None:
    """The words themselves: the document writes the hyphenated form whole elsewhere, or a WPS lexicon does
    (keep); the document writes the joined form, or the tail is a bare suffix (join)."""
    hyphenated, joined = f"{head}-{tail}".lower(), f"{head}{tail}".lower()
    if hyphenated in vocabulary:
        return True
    if joined in _CLOSED_COMPOUNDS or any(joined + ending in vocabulary for ending in _ENDINGS):
        return False  # "inter-" + "national" where the text writes "international" (or "-s", "-ed") elsewhere
    if tail.lower() in _SUFFIX_TAILS:
        return False
    if hyphenated in _lexicon_compounds():
        return True  # "grass-roots", "female-headed": written with a hyphen in the WPS lexicons
    return None


def _hyphen_evidence(head: str, tail: str, after_tail: str, vocabulary, inside_compound: bool = False) -> bool | None:
    """Is the hyphen that ends a line part of the word ("troop-contributing") or a break ("imple-mentation")?
    The words decide first (the document's, the lexicons'); then the shape of the compound; None when
    nothing does."""
    said = _said_by_the_words(head, tail, vocabulary)
    if said is not None:
        return said
    if head.lower() in _KEEP_HYPHEN_PREFIXES:
        return True
    if len(head) >= 2 and head.isupper():
        return True  # "UNPROFOR-controlled"
    if tail in _COMPOUND_TAILS and len(head) >= 3:
        return True  # "gender-based", "Cyprus-wide", "conflict-affected"
    if head[:1].isupper() and head.lower() in vocabulary and len(tail) >= 5 and tail.endswith("ed"):
        return True  # a name and a participle: "United Nations-" / "controlled", "Council-" / "mandated"
    if (after_tail[:1] == "-" and after_tail[1:].isalpha()) or (inside_compound and len(head) <= 3):
        return True  # "people-to-people", "Chairman-in-Office": a short link word inside a compound
    if head.lower() in _SHORT_COMPOUND_HEADS and _VOWEL_START.match(tail):
        return True  # "no-objection", "de-escalate"
    # both halves are words of this text and the joined form is not: "arms-production", "no-fly"
    tail_seen = tail in vocabulary or f"{tail}s" in vocabulary  # "nuclear-weapon" beside "weapons"
    head_seen = head.lower() == "no" or (len(head) >= 3 and head.lower() in vocabulary)
    if head_seen and len(tail) >= 3 and tail_seen:
        return True
    return None


def _keeps_hyphen(head: str, tail: str, after_tail: str, vocabulary, inside_compound: bool = False) -> bool:
    """The evidence of ``_hyphen_evidence``, else ``_KEEP_WHEN_UNDECIDED``."""
    evidence = _hyphen_evidence(head, tail, after_tail, vocabulary, inside_compound)
    return _KEEP_WHEN_UNDECIDED if evidence is None else evidence


@functools.lru_cache(maxsize=1)
def _lexicon_compounds() -> frozenset[str]:
    """Hyphenated words of the shipped WPS lexicons ("grass-roots", "ex-combattantes"), read once, when a
    line-end hyphen first needs them."""
    from .lexicon import SHIPPED_LANGUAGES, read_shipped

    words: set[str] = set()
    for language in SHIPPED_LANGUAGES:
        for rule in read_shipped(language).rules:
            for term in rule.terms + rule.qualifiers + rule.unless:
                words.update(m.group(0).lower() for m in re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)+", term))
    return frozenset(w for compound in words for w in _pairs(compound))


def _pairs(compound: str) -> list[str]:
    """"a-b-c" -> "a-b", "b-c": the pieces a line end can split."""
    parts = compound.split("-")
    return [f"{a}-{b}" for a, b in zip(parts, parts[1:])]


STEPS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("characters", clean_characters),
    ("page furniture", drop_page_furniture),
    ("dashes and quotes", fix_dashes_and_quotes),
    ("OCR numbers", fix_ocr_numbers),
    ("lone paragraph numbers", join_lone_markers),
)


def normalize(text: str) -> str:
    """Apply every step of ``STEPS`` in order."""
    for _name, step in STEPS:
        text = step(text)
    return text
