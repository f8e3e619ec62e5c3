"""A lazily compiled pattern answers as the compiled one, and compiles only when first used."""

from __future__ import annotations

import re

from mandiff.lazy_regex import lazy
from mandiff.normalize import hyphen_vocabulary, join_lines


def test_a_lazy_pattern_answers_as_the_compiled_one():
    source, flags = r"(?<![\w-])(wo)?men\b", re.IGNORECASE
    eager, later = re.compile(source, flags), lazy(source, flags)
    text = "Women, men and WOMEN-led groups; women's networks"
    assert [m.span() for m in later.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert later.sub("X", text) == eager.sub("X", text)
    assert later.search(text, 3).span() == eager.search(text, 3).span()
    assert later.match(text).group(1) == eager.match(text).group(1)
    assert (later.pattern, later.flags) == (eager.pattern, eager.flags)


def test_nothing_is_compiled_until_used_and_each_method_is_kept(monkeypatch):
    compiled = []
    real = re.compile
    monkeypatch.setattr(re, "compile", lambda *args: compiled.append(args) or real(*args))
    pattern = lazy(r"\d+")
    assert compiled == []
    assert pattern.findall("1 22 333") == ["1", "22", "333"]
    assert pattern.findall("4") == ["4"]
    assert len(compiled) == 1  # the second call used the kept method


def test_the_line_end_hyphen_rules_still_apply():
    # the hyphenation patterns of normalize.py are lazy now: a text that has line-end hyphens uses them
    lines = ["the gender-", "based violence and the imple-", "mentation of the troop-", "contributing countries"]
    vocabulary = hyphen_vocabulary("\n".join(lines) + "\ngender-based")
    assert join_lines(lines, vocabulary) == (
        "the gender-based violence and the implementation of the troop-contributing countries")
