"""The pre-filter's fast form (``CompiledLanguage.holds_required``, a regex that looks for each required word
from a rarer character of it) gives the pre-filter's answer, for every text: on every unit of the real corpus
(as written, casefolded, and with its spaces taken out, as the tagger asks), and on synthetic word lists and
texts generated here for the shapes the corpus lacks (words that are prefixes or suffixes of one another,
apostrophes written four ways, digits, words of one character)."""

from __future__ import annotations

import random
import re

import pytest

from mandiff.lexicon import _anchored_regex, _trie_regex, shipped_lexicon
from mandiff.pipeline import parse_path


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_gate_answers_as_the_prefilter_on_every_corpus_unit(corpus_dir, language):
    compiled = shipped_lexicon().for_language(language)
    prefilter = compiled.prefilter()
    asked = passed = 0
    for path in sorted(corpus_dir.glob("*.txt")):
        try:
            resolution = parse_path(str(path))
        except Exception:  # refused files are the corpus tests' business
            continue
        for unit in resolution.paragraphs:
            folded = unit.text.casefold()
            for text in (folded, folded.replace(" ", "")):
                expected = prefilter.search(text) is not None
                assert compiled.holds_required(text) == expected, (path.name, unit.label, text[:80])
                asked += 1
                passed += expected
            assert compiled.could_match(unit.text) == (prefilter.search(folded) is not None)
    assert asked > 1000 and 0 < passed < asked  # the corpus was read, and both answers occur


def _random_words(rng: random.Random, alphabet: str) -> list[str]:
    words = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 7))) for _ in range(rng.randint(1, 12))}
    words |= {w[: rng.randint(1, len(w))] for w in list(words) if rng.random() < 0.3}  # prefixes of words
    words |= {w[rng.randint(0, len(w) - 1) :] for w in list(words) if rng.random() < 0.3}  # and suffixes
    return sorted(words)


def test_the_gate_answers_as_the_prefilter_on_generated_words_and_texts():
    rng = random.Random(20261201)
    alphabet = "eaxzq'9é"
    text_alphabet = alphabet + " \u2019\u2018`-"
    both = 0
    for _ in range(300):
        words = _random_words(rng, alphabet)
        prefilter, gate = re.compile(_trie_regex(words)), re.compile(_anchored_regex(words))
        for _ in range(40):
            text = "".join(rng.choice(text_alphabet) for _ in range(rng.randint(0, 25)))
            if rng.random() < 0.5:  # and texts that hold a word, or most of one
                word = rng.choice(words)
                cut = word[: rng.randint(0, len(word))] if rng.random() < 0.5 else word
                cut = cut.replace("'", rng.choice("'\u2019\u2018`"))
                at = rng.randint(0, len(text))
                text = text[:at] + cut + text[at:]
            expected = prefilter.search(text) is not None
            assert (gate.search(text) is not None) == expected, (words, text)
            both += expected
    assert 1000 < both < 11000  # texts with and without a word were both tried

