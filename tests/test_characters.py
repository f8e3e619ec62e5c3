"""Issue 18, "the visible text decides": text that looks the same is read the same. Each disguise of the
fictional example pair (invisible characters in words, look-alike letters and forms, bidi controls, NFD
French) must give the same units, the same tags, and a comparison in which every unit is identical."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest

from conftest import EXAMPLES
from mandiff.characters import _INVISIBLE, mixed_script_words, visible_form
from mandiff.compare import compare
from mandiff.pipeline import parse_text
from mandiff.tag import tag

OLD = (EXAMPLES / "S-RES-9901-2031-fictional.txt").read_text(encoding="utf-8")


def _inside_words(text: str, insert: str) -> str:
    """``insert`` placed inside every 'women', 'gender' and 'girls' (where it hides a WPS term)."""
    return re.sub(r"\b(wo)(men)\b|\b(gen)(der)\b|\b(gi)(rls)\b",
                  lambda m: insert.join(g for g in m.groups() if g), text)


def _cyrillic_o(text: str) -> str:
    return re.sub(r"\bwomen\b", "w\u043emen", re.sub(r"\bEncourages\b", "Enc\u043eurages", text))


def _fullwidth(text: str) -> str:
    return re.sub(r"\bwomen\b", "".join(chr(ord(c) + 0xFEE0) for c in "women"), text)


def _mathematical(text: str) -> str:
    return re.sub(r"\bwomen\b", "\U0001d430\U0001d428\U0001d426\U0001d41e\U0001d427", text)  # bold w o m e n


def _ligature(text: str) -> str:
    return text.replace("fi", "\ufb01").replace("ff", "\ufb00")


DISGUISES = {
    "zero-width space": lambda t: _inside_words(t, "\u200b"),
    "left-to-right mark": lambda t: _inside_words(t, "\u200e"),
    "combining grapheme joiner": lambda t: _inside_words(t, "\u034f"),
    "variation selector": lambda t: _inside_words(t, "\ufe0f"),
    "invisible times": lambda t: _inside_words(t, "\u2062"),
    "mongolian vowel separator": lambda t: _inside_words(t, "\u180e"),
    "tag characters": lambda t: _inside_words(t, "\U000e0041\U000e0042"),
    "right-to-left override and pop": lambda t: _inside_words(t, "\u202e\u202c"),
    "cyrillic o": _cyrillic_o,
    "full-width letters": _fullwidth,
    "mathematical letters": _mathematical,
    "ligatures": _ligature,
    "non-breaking hyphen": lambda t: t.replace("gender-based", "gender\u2011based"),
}


def _tags(resolution):
    return [(p.label, t.category, t.start, t.end) for p in resolution.paragraphs for t in p.tags or ()]


@pytest.mark.parametrize("name", sorted(DISGUISES))
def test_visibly_identical_text_gets_the_same_tags_and_is_identical(name):
    disguised = DISGUISES[name](OLD)
    assert disguised != OLD
    plain, seen = tag(parse_text(OLD)), tag(parse_text(disguised))
    assert seen.labels == plain.labels
    assert _tags(seen) == _tags(plain)
    comparison = compare(plain, seen)
    assert {p.relation for p in comparison.pairs} == {"identical"}
    assert {p.wps for p in comparison.pairs} <= {None, "retained"}
    assert comparison.dropped == () and comparison.added == ()
    assert not comparison.failed(("changed",))


def test_a_french_text_in_nfd_keeps_its_council_line_and_accents():
    text = "Résolution 9912 (2031)\n\nLe Conseil de sécurité,\n\n1. Décide de proroger le mandat de la Mission fictive ;\n"
    resolution = parse_text(unicodedata.normalize("NFD", text))
    assert resolution.council_line and resolution.get("OP1").text == "Décide de proroger le mandat de la Mission fictive ;"


def test_mixed_script_words_are_read_as_latin_and_the_reader_is_told():
    resolution = parse_text(_cyrillic_o(OLD))
    assert [w.code for w in resolution.warnings] == ["mixed-script"]
    assert "read as the Latin words they look like" in resolution.warnings[0].message
    assert "w\\u043emen" in resolution.warnings[0].message  # the word as written, escaped so that it shows
    # a word wholly in another script is another language, never folded
    assert visible_form("\u043c\u0438\u0440 and \u0395\u03bb\u03bb\u03ac\u03b4\u03b1") == "\u043c\u0438\u0440 and \u0395\u03bb\u03bb\u03ac\u03b4\u03b1"
    assert mixed_script_words("\u043c\u0438\u0440") == []


def test_what_looks_different_is_left_alone():
    for text in ("10\u00b2 km", "\u00bd of the forces", "20 \u2103", "\u00a9 United Nations", "No\u00ba 3"):
        assert visible_form(text) == unicodedata.normalize("NFC", text)


def test_every_format_character_of_this_python_is_invisible():
    missing = [f"U+{cp:04X}" for cp in range(sys.maxunicode + 1)
               if unicodedata.category(chr(cp)) == "Cf" and not _INVISIBLE.match(chr(cp))]
    assert missing == []
