"""The visible text decides: characters that look the same are made the same before anything reads them.

A resolution typed, copied or OCR'd may hide letters behind invisible format characters (zero-width spaces,
bidi controls, tag characters, variation selectors), spell a word with look-alike letters (full-width or
mathematical letters, ligatures, a Cyrillic "о" in "women"), or arrive decomposed (NFD "sécurité"). A
reader sees "women"; the tagger, the aligner and the differ must see it too, or they report a change where
the page shows none. ``visible_form`` is applied once, in the normalizer (and the checklist reader), to the
text itself: what it folds looks the same, so the text shown and the text read stay one text and every
offset (tags, edits) points into it. Compatibility forms that look different ("²", "½", "℃") are left as
they are; a word that mixes scripts is folded to its Latin look-alike only when it is mostly Latin, and
the reader is told (``mixed_script_words``).
"""

from __future__ import annotations

import re
import unicodedata

from .lazy_regex import lazy

# Every format character (category Cf) of Unicode 15.1, plus variation selectors and the combining
# grapheme joiner (category Mn, but invisible and meaningless in a resolution). tests/test_characters.py
# checks this against the running Python's own Unicode data.
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f\u034f\ufe00-\ufe0f\U000e0100-\U000e01ef]"
)
# Forms whose compatibility decomposition looks the same: Latin ligatures, full-width ASCII, mathematical
# letters and digits; and the hyphens that are a hyphen ("gender‑based" with U+2011).
_LOOKALIKE_FORMS = re.compile("[\ufb00-\ufb06\uff01-\uff5e\U0001d400-\U0001d7ff]+")
_HYPHENS = re.compile("[\u2010\u2011]")

# Cyrillic and Greek letters that are drawn like a Latin one (Unicode's confusables, the unambiguous ones):
# look-alike -> Latin.
_LOOKALIKES = {
    # Cyrillic small a, ie, byelorussian-ukrainian i, je, o, er, es, u, ha, dze, komi de, qa, we, shha, palochka
    "\u0430": "a", "\u0435": "e", "\u0456": "i", "\u0458": "j", "\u043e": "o", "\u0440": "p", "\u0441": "c",
    "\u0443": "y", "\u0445": "x", "\u0455": "s", "\u0501": "d", "\u051b": "q", "\u051d": "w", "\u04bb": "h",
    "\u04cf": "l",
    # Cyrillic capital A, VE, IE, KA, EM, EN, O, ER, ES, TE, HA, U, I, JE, DZE, QA, WE
    "\u0410": "A", "\u0412": "B", "\u0415": "E", "\u041a": "K", "\u041c": "M", "\u041d": "H", "\u041e": "O",
    "\u0420": "P", "\u0421": "C", "\u0422": "T", "\u0425": "X", "\u0423": "Y", "\u0406": "I", "\u0408": "J",
    "\u0405": "S", "\u051a": "Q", "\u051c": "W",
    # Greek small omicron, alpha, iota, nu, rho; capital alpha, beta, epsilon, zeta, eta, iota, kappa, mu, nu,
    # omicron, rho, tau, upsilon, chi
    "\u03bf": "o", "\u03b1": "a", "\u03b9": "i", "\u03bd": "v", "\u03c1": "p", "\u0391": "A", "\u0392": "B",
    "\u0395": "E", "\u0396": "Z", "\u0397": "H", "\u0399": "I", "\u039a": "K", "\u039c": "M", "\u039d": "N",
    "\u039f": "O", "\u03a1": "P", "\u03a4": "T", "\u03a5": "Y", "\u03a7": "X",
}
_LATIN_LOOKALIKE = str.maketrans(_LOOKALIKES)
_LOOKALIKE_LETTERS = frozenset(_LOOKALIKES)
_WORD = lazy(r"[^\W\d_]+")  # only for a text that mixes scripts


def visible_form(text: str) -> str:
    """``text`` with what looks alike made alike: NFC, no invisible characters, look-alike forms folded.
    Linear, and nearly free on plain ASCII text."""
    if text.isascii():
        return text
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _LOOKALIKE_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    text = _HYPHENS.sub("-", text)
    if _LOOKALIKE_LETTERS.isdisjoint(text):
        return text
    return _WORD.sub(_fold_mixed_word, text)


def _is_mixed(word: str) -> bool:
    """Mostly Latin letters with some Cyrillic or Greek look-alikes among them: "wоmen" with a Cyrillic о.
    A word in Cyrillic or Greek ("мир", "Ελλάδα") is another language, never folded."""
    lookalikes = sum(1 for ch in word if ch in _LOOKALIKE_LETTERS)
    if not lookalikes:
        return False
    latin = sum(1 for ch in word if "a" <= ch.lower() <= "z" or "\u00c0" <= ch <= "\u024f")
    return latin > 0 and latin + lookalikes == len(word) and latin >= lookalikes


def _fold_mixed_word(match: re.Match) -> str:
    word = match.group(0)
    return word.translate(_LATIN_LOOKALIKE) if _is_mixed(word) else word


def mixed_script_words(text: str) -> list[str]:
    """The words of ``text`` that mix Latin letters with Cyrillic or Greek look-alikes, as written: the
    reader is told that they were read as their Latin look-alikes (never silently)."""
    if text.isascii() or _LOOKALIKE_LETTERS.isdisjoint(text):
        return []
    return [m.group(0) for m in _WORD.finditer(unicodedata.normalize("NFC", text)) if _is_mixed(m.group(0))]
