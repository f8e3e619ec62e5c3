"""Terms are followed on a text's words (mandiff/matcher.py) exactly where their regular expressions match.

Each term of the lexicon still has the regular expression that defines what it finds (lexicon.py
writes it); the tagger no longer compiles it but follows the term's steps word by word. These tests hold
the two together on texts generated from the lexicon's own terms (every variant, ending, hyphen,
apostrophe, number, gap, case and line break, shapes the corpus lacks), and check the case folding that
stands in for ``re.IGNORECASE``. The real corpus is checked by tests/test_tag_golden.py.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mandiff import lexicon, matcher
from mandiff.errors import FormatError
from mandiff.lexicon import LanguageSpec, load_lexicon, read_shipped, shipped_lexicon
from mandiff.tag import tag_text

RUN = settings(
    max_examples=int(os.environ.get("STEPS_EXAMPLES", "300")), deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)  # fmt: skip

# Terms a user's lexicon may hold that the shipped ones do not: punctuation around and inside words,
# apostrophes, numbers, acronyms, hyphens left open, two gaps, a gap beside a hyphen (regex only).
ODD_TERMS = [
    "resolution 1325 (2000)", "circle, peace.", "U.N. circle", "l'homme circle", "rock' circle", "circle'",
    "women's .. circle", "circle .. circle .. circle", "# circles", "# .. circle", "circle #", "women #",
    "sex- and age-disaggregated", "troop- and police-contributing", "a--b circle", "x- .. circle",
    "circle .. -y", "PEACE-CIRCLE", "CIRCLE's", "ICC-2", "straße circle", "circle—keeper", "peacekeeper",
    "victims' assistance", "circle-(paix)", "aujourd'hui", "d'action circle", "circle (of) women",
]  # fmt: skip
ODD_SPEC = LanguageSpec(
    language="en", endings=("-ing", "'", "s", "'s", "s'", "es"), gap=3, numbers=("a", "a dozen", "one-hundred", "dozens"),
    variants=(("circle", "circles", "c'rcle", "peace circle", "u.n"), ("peacekeeper", "peace-keeper", "peace—keeper")),
    anchors=("circle",), rules=(),
)  # fmt: skip

SPACES = [" ", " ", " ", "  ", "\n", " \n", "\t", "\u00a0", "\r\n"]
HYPHENS = ["-", "-", " ", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", " - ", "- ", "--", "\n"]
APOSTROPHES = ["'", "\u2019", "\u2018", "`", "\u00b4"]
GAP_WORDS = ["the", "full", "(", ")", ",", "and", "/", "all", "its", ";", "women", "of", "-", "’"]
NOISE = ["", "", "Recalls that ", "(", "“", "the ", "Décide que ", "x", "1", "_", "—"]
ENDS = ["", "", ";", ".", ")", ",", "s", "’s", "'", " and girls", " of women", "-", "es"]


@lru_cache(maxsize=None)
def grammar(name: str):
    return lexicon._Grammar(ODD_SPEC if name == "odd" else read_shipped(name))


def shipped_terms(language: str) -> list[str]:
    spec = read_shipped(language)
    found = set()
    for rule in spec.rules:
        found.update(rule.terms + rule.qualifiers + rule.unless)
        for _, cues in rule.instead:
            found.update(cues)
    return sorted(found)


TERMS = [("en", t) for t in shipped_terms("en")] + [("fr", t) for t in shipped_terms("fr")] + [("odd", t) for t in ODD_TERMS]


@lru_cache(maxsize=None)
def compiled(name: str, term: str):
    """The term's steps in a trie of their own, and its regular expression."""
    term_ = lexicon.compile_term(term, grammar(name))
    trie = matcher.Trie(ODD_SPEC.gap if name == "odd" else read_shipped(name).gap)
    if term_.steps is not None:
        trie.add("term", term_.steps)
    return term_, trie, re.compile(term_.regex, re.IGNORECASE)


def realize(draw, name: str, term: str) -> str:
    """A text that the term is meant to find, written one of the many ways the term syntax allows."""
    g = grammar(name)
    out = []
    for token in term.split(" "):
        if token == "..":
            words = draw(st.lists(st.sampled_from(GAP_WORDS), max_size=8))
            out.append(" ".join(words))
            continue
        if token == "#":
            out.append(draw(st.sampled_from(["3", "12", "1,000", "2.5", "1.000,5", "²", "3rd", *g.numbers, "A", "Two"])))
            continue
        parts = []
        for part in re.split("[-\u2010\u2011\u2013]", token):
            core = part
            spellings = g.variants.get(core.casefold())
            if spellings and draw(st.booleans()):
                core = draw(st.sampled_from(spellings))
            core = core.replace("'", draw(st.sampled_from(APOSTROPHES)))
            if core and core[-1].isalpha() and draw(st.booleans()):
                core += draw(st.sampled_from(list(g.endings) + ["’s", "s’", "ing", "S"]))
            case = draw(st.sampled_from(["as is", "as is", "upper", "title", "odd"]))
            core = {"upper": core.upper(), "title": core[:1].upper() + core[1:],
                    "odd": core.replace("s", "ſ").replace("i", "ı").replace("k", "\u212a")}.get(case, core)  # fmt: skip
            parts.append(core)
        out.append(draw(st.sampled_from(HYPHENS)).join(parts))
    text = ""
    for word in out:
        text += (draw(st.sampled_from(SPACES)) if text else "") + word
    return draw(st.sampled_from(NOISE)) + text + draw(st.sampled_from(ENDS))


def agree(name: str, term: str, text: str) -> None:
    term_, trie, pattern = compiled(name, term)
    words = matcher.Text(text)
    for i in range(words.n):
        m = pattern.match(text, words.start(i))
        expected = m.end() if m else None
        if term_.steps is None:
            continue  # a term only its regex follows: nothing to compare
        hits = trie.match(i, words)
        got = words.end(*hits["term"]) if "term" in hits else None
        assert got == expected, f"{term!r} in {text!r} at {words.start(i)}: steps end at {got}, regex at {expected}"


@RUN
@given(st.data())
def test_steps_find_what_the_regex_finds(data):
    name, term = data.draw(st.sampled_from(TERMS))
    parts = [realize(data.draw, name, term) for _ in range(data.draw(st.integers(1, 3)))]
    text = data.draw(st.sampled_from([" ", "; ", ", ", "\n", ""])).join(parts)
    if data.draw(st.booleans()) and text:  # damage it: what should not match must not
        k = data.draw(st.integers(0, len(text) - 1))
        text = text[:k] + data.draw(st.sampled_from(["", "x", " ", "-", "'", "s"])) + text[k + 1 :]
    agree(name, term, text)


@pytest.mark.parametrize("name, term", [t for t in TERMS if t[0] == "odd"])
def test_odd_terms_of_a_user_lexicon(name, term):
    """Every odd term in a few fixed writings (hypothesis draws among all terms; these always run)."""
    written = term.replace("..", "the full").replace("#", "3")
    for text in (written, written.upper(), f"Recalls {written}; and {written.replace(' ', chr(10))}", written.replace("'", "’")):
        agree(name, term, text)


def test_only_a_gap_beside_a_hyphen_keeps_its_regex():
    followed = {t: lexicon.compile_term(t, grammar("odd")).steps is not None for t in ODD_TERMS}
    assert [t for t, ok in followed.items() if not ok] == ["x- .. circle", "circle .. -y"]
    for name in ("en", "fr"):
        assert all(lexicon.compile_term(t, grammar(name)).steps is not None for n, t in TERMS if n == name)


@pytest.mark.parametrize("language, lead", [("en", "Recalls that "), ("fr", "Rappelle que ")])
def test_every_shipped_term_is_found_where_it_is_written(language, lead):
    """Each term, written plainly in a sentence, is found by its own phrase set, from its first to its last
    character (a longer term of the same set may not take its place)."""
    compiled_language = shipped_lexicon().for_language(language)
    sets: dict[str, set[int]] = {}
    for (set_id, _), term in [x for entries in compiled_language.index.values() for x in entries]:
        sets.setdefault(term.text, set()).add(set_id)
    for term in shipped_terms(language):
        written = term.replace(" .. ", " ").replace("#", "3")
        text = f"{lead}{written};"
        found = compiled_language.scan(text)
        span = (len(lead), len(lead) + len(written))
        assert any(span in found.get(s, []) for s in sets[term]), f"{term!r} not found in {text!r}: {found}"
    assert len(sets) > 250


def test_core_terms_tag_their_category():
    """A core term alone in a sentence tags its rule's category (or the one its own words switch it to)."""
    for language in ("en", "fr"):
        spec = read_shipped(language)
        for rule in spec.rules:
            allowed = {rule.category} | {target for target, _ in rule.instead}
            for term in rule.terms:
                written = term.replace(" .. ", " ").replace("#", "3")
                text = f"{written};"
                tags = tag_text(text, language)
                assert tags, f"{term!r} ({language}) tagged nothing"
                assert {t.category for t in tags if t.start == 0} & allowed, (term, tags)


def test_a_term_made_of_a_number_alone_is_refused(tmp_path):
    """Was an IndexError (a traceback) while compiling; now the one-line error of every bad term."""
    path = tmp_path / "mine.toml"
    path.write_text('[[rules]]\ncategory = "sea"\nterms = ["circle"]\nqualifiers = ["#"]\n', encoding="utf-8")
    with pytest.raises(FormatError, match=r"term '#': a term needs a word besides '#'"):
        load_lexicon(str(path))


def test_an_english_text_reads_only_the_english_lexicon():
    fresh = lexicon.Lexicon(tuple((code, lambda code=code: lexicon._shipped(code)) for code in lexicon.SHIPPED_LANGUAGES))
    assert tag_text("Condemns sexual violence;", "en", fresh)
    assert set(fresh._specs) == {"en"}


# ---- case folding: two characters fold alike exactly when re.IGNORECASE matches them


TRICKY = "Iıİi SſsKkK µμΜ ΣσςΒβϐΘθϑϴΦφϕΠπϖΚκϰΡρϱΕεϵṠṡẛ ﬅﬆ ΐΐ ΰΰ ßẞ ǅǆǄ Ωω Åå ВвᲀДдᲁОоᲂСсᲃТтᲄᲅЪъᲆѢѣᲇꙊꙋᲈ Éé ’‘`'"


@pytest.mark.parametrize("char", sorted(set(TRICKY) - {" "}))
def test_fold_agrees_with_re_on_tricky_letters(char):
    for other in set(TRICKY) - {" "}:
        same = re.fullmatch(re.escape(char), other, re.IGNORECASE) is not None
        if char in "’‘`'" or other in "’‘`'":
            continue  # apostrophes fold to ' on purpose: a term's ' finds all four
        assert (matcher.fold(char) == matcher.fold(other)) == same, (char, other)


def test_fold_agrees_with_re_on_every_character():
    """Against re's own tables (private, so only where this Python has them): the partition of all
    characters into those that match each other, ignoring case, is the one folding makes, but for
    U+0345, which folding keeps apart (terms containing the letters it matches keep their regex)."""
    casefix = pytest.importorskip("re._casefix")
    sre = pytest.importorskip("_sre")
    extra = casefix._EXTRA_CASES
    by_re, by_fold = {}, {}
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF or chr(code) in "’‘`'\u0345\u03b9\u0399\u1fbe":
            continue
        lower = sre.unicode_tolower(code)
        by_re.setdefault(min((lower,) + extra.get(lower, ())), set()).add(code)
        by_fold.setdefault(matcher.fold(chr(code)), set()).add(code)
    assert {frozenset(g) for g in by_re.values()} == {frozenset(g) for g in by_fold.values()}


def test_fold_keeps_offsets_and_word_characters():
    text = "İstanbul’s ΣΑΣ straße ﬅ ͅx"
    folded = matcher.fold(text)
    assert len(folded) == len(text)
    assert [m.span() for m in matcher.WORD.finditer(folded)] == [m.span() for m in matcher.WORD.finditer(text)]
