"""The softening lists' phrases are found exactly where their regular expressions would find them.

``phrase_lists.py`` follows most phrases on the text's words instead of compiling one alternation per first
word (compiling them cost every process 10-25 ms). The documented semantics of the phrase syntax
(``data/softening.toml``) is that alternation: at a word, ``(?:phrase1|phrase2|...)(?![\\w-])`` with the
phrases that start with it, the longest first, each phrase written by ``_phrase_regex`` (one space finds
``\\s+``, an apostrophe ' ’ ‘ or `, placeholders and ``..`` gaps), case ignored. This test builds that
alternation here, from the same lists, and asserts identical ``find_phrases`` results (keys, spans, texts, in
order) on every paragraph of the real corpus and of the 2480 fixture, and on texts generated here from
each listed phrase (synthetic, because the corpus lacks most variants: case, spacing, curly apostrophes,
hyphens and letters after a phrase, filled placeholders, gaps, overlapping phrases). The last test
checks that the comparison fails when the matcher is deliberately broken.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache

import pytest

from conftest import CORPUS, FIXTURE_2480
from mandiff import phrase_lists
from mandiff.lexicon import _phrase_rx
from mandiff.pipeline import parse_path
from mandiff.phrase_lists import _FIRST_WORD, _GAP, _PLACEHOLDERS, Match, families, find_phrases
from tests_support import parse_or_none

# ---- the oracle: today's per-first-word alternations, built from the same lists --------------------


def _phrase_regex(phrase: str) -> str:
    out = []
    for k, word in enumerate(phrase.split(" ")):
        if word == "..":
            out.append(_GAP)
        else:
            out.append(("" if k == 0 else r"\s+") + (_PLACEHOLDERS.get(word) or _phrase_rx(word)))
    return "".join(out)


@lru_cache(maxsize=None)
def _alternations(keys: tuple[str, ...]) -> dict[str, re.Pattern]:
    groups: dict[str, list[int]] = {}
    for i in sorted(range(len(keys)), key=lambda i: len(keys[i]), reverse=True):
        groups.setdefault(_FIRST_WORD.match(keys[i].replace("’", "'")).group(0), []).append(i)
    return {first: re.compile("(?:" + "|".join(f"(?P<g{i}>{_phrase_regex(keys[i])})" for i in members)
                              + r")(?![\w-])", re.IGNORECASE)
            for first, members in groups.items()}


def oracle_find(lists, text: str) -> list[list[Match]]:
    found = [[] for _ in lists]
    after = [0] * len(lists)
    for word in _FIRST_WORD.finditer(text):
        first = word.group(0).lower().replace("’", "'")
        for k, family in enumerate(lists):
            pattern = _alternations(family.keys).get(first)
            if pattern is None or word.start() < after[k]:
                continue
            m = pattern.match(text, word.start())
            if m:
                found[k].append(Match(family.keys[int(m.lastgroup[1:])], m.start(), m.end(),
                                       " ".join(m.group(0).split())))
                after[k] = m.end()
    return found


def _differences(texts, lists=None, first_only=False) -> list[tuple[str, list, list]]:
    lists = lists or families()
    out = []
    for text in texts:
        got, want = find_phrases(lists, text), oracle_find(lists, text)
        if got != want:
            out.append((text, got, want))
            if first_only:
                break
    return out


# ---- real text -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _corpus_paragraphs() -> tuple[str, ...]:
    texts = []
    for path in sorted(CORPUS.glob("*.txt")):
        resolution = parse_or_none(path)
        if resolution is None:  # the file the segmenter refuses: its blocks as they are
            texts += path.read_text(encoding="utf-8").split("\n\n")
        else:
            texts += [p.text for p in resolution.paragraphs]
    return tuple(texts)


def test_every_corpus_paragraph_is_read_as_the_alternations_read_it():
    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {CORPUS} (it lives in ../shared beside the project)")
    texts = _corpus_paragraphs()
    assert len(texts) > 7000
    found = sum(len(m) for text in texts for m in find_phrases(families(), text))
    assert found > 5000  # the lists do occur in the corpus: the comparison is not of empty results
    assert _differences(texts) == []


def test_the_2480_fixture_is_read_as_the_alternations_read_it():
    if not FIXTURE_2480.exists():
        pytest.skip(f"the S/RES/2480 fixture is not at {FIXTURE_2480}")
    texts = [p.text for p in parse_path(str(FIXTURE_2480)).paragraphs]
    assert _differences(texts) == []


# ---- generated text: each listed phrase in variants ------------------------------------------------

FILL = {
    "{date}": ["30 June 2032", "1er janvier 2020", "June 2032", "31 MARS 2020", "1 août 1999", "5  December\n2019",
               "30 June 203", "30 June 20321", "30 Juin", "30 Junes 2032", "٣ May ٢٠٢٠"],
    "{year}": ["2032", "1999", "2100", "203", "20321", "２０２０"],
    "{number}": ["90", "six", "quatre-vingt-dix", "twenty-four", "Twenty", "forty-five", "٣", "seventy", "1.5"],
    "{period}": ["days", "day", "Weeks", "months", "year", "jours", "mois", "années", "ANNÉES", "ans", "an", "dayss"],
}
GAP_FILLS = ["", "the Council", "the Security Council fully", "the 15 members", "regularly and fully the Council",
             "the Security Council and the members regularly", "l'ensemble", "him", "the Council’s members",
             "non-governmental organizations"]
SPACES = ["  ", "\n", " \n\t", "\u00a0", "\u2003", "\r\n "]
APOSTROPHES = ["'", "’", "‘", "`", "´"]
AFTER = ["", ";", ".", ",", ")", "-", "x", "s", "é", "_", "’s", "1", " and", "\u2011"]
BEFORE = ["", "(", "“", "Calls ", "non-", "x"]
WORDS = ["the", "and", "to", "in", "of", "all", "report", "appropriate", "as", "by", "full", "equal", "within",
         "existing", "resources", "Council", "informed", "keep", "31", "May", "2020", "de", "la", "mesure", "rapport"]


def _cases(word: str) -> list[str]:
    return [word, word.upper(), word.title()]


def _variants(key: str, rng: random.Random) -> list[str]:
    """The phrase written in several ways: case, spacing, apostrophes, placeholders filled, gaps filled."""
    out = []
    for _ in range(4):
        words = []
        for word in key.split(" "):
            if word == "..":
                fill = rng.choice(GAP_FILLS)
                if fill:
                    words.append(fill)
            elif word in FILL:
                words.append(rng.choice(FILL[word]))
            else:
                words.append(rng.choice(_cases(word)).replace("'", rng.choice(APOSTROPHES)))
        text = words[0]
        for word in words[1:]:
            text += rng.choice([" ", " ", rng.choice(SPACES)]) + word
        out.append(text)
    return out


@lru_cache(maxsize=1)
def _generated_texts() -> tuple[str, ...]:
    rng = random.Random(12)
    keys = [key for family in families() for key in family.keys]
    texts = []
    for key in keys:
        for variant in _variants(key, rng):
            texts += [rng.choice(BEFORE) + variant + after for after in AFTER]
            texts.append(variant[: max(1, len(variant) - rng.randint(1, 4))])  # cut short
            texts.append(f"{variant} {rng.choice(keys)} {rng.choice(WORDS)}")  # followed by another phrase
    for _ in range(3000):  # overlapping phrases and their words, mixed
        pieces = [rng.choice(_variants(rng.choice(keys), rng)) if rng.random() < 0.5 else rng.choice(WORDS)
                  for _ in range(rng.randint(2, 8))]
        texts.append(rng.choice([" ", ", ", "  ", "\n"]).join(pieces))
    return tuple(texts)


def test_generated_variants_of_every_phrase_are_read_as_the_alternations_read_them():
    texts = _generated_texts()
    found = sum(len(m) for text in texts for m in find_phrases(families(), text))
    assert found > len(texts) // 2
    assert _differences(texts) == []


@pytest.mark.parametrize("text, key, matched", [
    ("to keep the Security Council fully informed", "keep .. informed", "keep the Security Council fully informed"),
    ("Sur demande de l’État", "sur demande de", "Sur demande de"),
    ("a hedge, AS   APPROPRIATE-ish", None, None),
    ("as appropriate;", "as appropriate", "as appropriate"),
    ("by 31 mars 2020 at the latest", "by {date}", "by 31 mars 2020"),
    ("D’ici au 31 mars 2020", "d'ici au {date}", "D’ici au 31 mars 2020"),
    ("d‘ici au 31 mars 2020", "d'ici au {date}", None),  # ‘ does not join a word: "d" is no first word
    ("in his reports due", "in his report due", None),
])
def test_examples(text, key, matched):
    found = [m for ms in find_phrases(families(), text) for m in ms if m.key == key or key is None]
    assert [m.text for m in found if m.key == key] == ([matched] if matched else [])
    assert find_phrases(families(), text) == oracle_find(families(), text)


# ---- the comparison can fail -----------------------------------------------------------------------


@pytest.mark.parametrize("breakage", ["no end test", "apostrophes not folded", "shortest first"])
def test_a_broken_matcher_is_caught(monkeypatch, breakage):
    lists = families.__wrapped__()  # fresh lists, built with the breakage
    if breakage == "no end test":
        monkeypatch.setattr(phrase_lists, "_ALSO_WORD", "_")
    elif breakage == "apostrophes not folded":
        monkeypatch.setattr(phrase_lists, "fold", str.lower)
    else:
        init = phrase_lists._Group.__init__
        monkeypatch.setattr(phrase_lists._Group, "__init__",
                            lambda self, lists: init(self, tuple((k, phrases[::-1]) for k, phrases in lists)))
        lists = families.__wrapped__()
    assert _differences(_generated_texts(), lists, first_only=True)


def test_every_placeholder_says_how_its_match_starts():
    """``_starts_here`` checks a placeholder's start before its phrase's regex is compiled: each placeholder
    must say it, from the words its regex is made of (a word left out would lose matches: the oracle
    tests above catch that on filled placeholders)."""
    assert set(phrase_lists._PLACEHOLDER_STARTS) == set(_PLACEHOLDERS)
    for name, (digits, words) in phrase_lists._PLACEHOLDER_STARTS.items():
        rx = re.compile(_PLACEHOLDERS[name], re.IGNORECASE)
        assert (rx.match("7") is not None or rx.match("07 June 2020") is not None) == digits or name == "{year}", name
        assert all(word.lower() in _PLACEHOLDERS[name].lower() for word in words), name
