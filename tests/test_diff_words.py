"""Word-level edits: whole words only, and both texts recoverable from the edits."""

from __future__ import annotations

from mandiff.diff import apply_edits, tokenize, word_edits


def test_a_verb_change_is_one_replacement():
    edits = word_edits("Requests the Government to act;", "Encourages the Government to act;")
    assert [(e.op, e.text) for e in edits] == [("-", "Requests"), ("+", "Encourages"), ("=", " the Government to act;")]


def test_no_edit_splits_a_word():
    old = "To provide specific protection for women and children affected by armed conflict"
    new = "To provide protection for women and girls affected by conflict"
    edits = word_edits(old, new)
    old_words, new_words = set(tokenize(old)), set(tokenize(new))
    for e in edits:
        for tok in tokenize(e.text):
            if tok.strip() and tok.isalnum():
                assert tok in (old_words if e.op == "-" else new_words if e.op == "+" else old_words & new_words)
    assert apply_edits(edits, "old") == old
    assert apply_edits(edits, "new") == new


def test_hyphenated_and_possessive_words_stay_whole():
    assert tokenize("gender-based MINUSMA’s women's") == ["gender-based", " ", "MINUSMA’s", " ", "women's"]


def test_identical_and_empty():
    assert [(e.op, e.text) for e in word_edits("Same text.", "Same text.")] == [("=", "Same text.")]
    assert word_edits("", "") == ()
    assert [(e.op, e.text) for e in word_edits("", "New")] == [("+", "New")]
