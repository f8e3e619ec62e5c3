"""The normalizer's steps, each on the defect it exists for, and on the real corpus: page furniture of the
official layout, invisible characters, OCR'd dashes and numbers, numbers alone on a line, line-end hyphens."""

from __future__ import annotations

from conftest import corpus_file
from mandiff.normalize import (
    clean_characters,
    drop_page_furniture,
    fix_dashes_and_quotes,
    fix_ocr_numbers,
    hyphen_vocabulary,
    join_lines,
    join_lone_markers,
    normalize,
)


def test_page_furniture_of_the_official_layout_goes():
    text = "\n".join(["1. Decides to act;", "02-72318 (E)    280619", "*0272318*", "2/17", "- 4 -", "Page 3 of 3",
                      "S/RES/1445 (2002)", "2. Requests a report;"])
    assert drop_page_furniture(text) == "1. Decides to act;\n2. Requests a report;"
    assert drop_page_furniture("resolution S/RES/1445 (2002) of 4 December") == "resolution S/RES/1445 (2002) of 4 December"


def test_page_furniture_of_a_real_modern_resolution(corpus_dir):
    raw = corpus_file("1445_2002").read_text(encoding="utf-8")
    assert "02-72318 (E)" in raw and raw.count("S/RES/1445 (2002)") >= 3
    cleaned = normalize(raw)
    assert "02-72318 (E)" not in cleaned
    assert [line for line in cleaned.split("\n") if line.strip() == "S/RES/1445 (2002)"] == []


def test_characters_are_unified():
    assert clean_characters("a\r\nb\rc\fd") == "a\nb\nc\n\nd"
    assert clean_characters("gen\u00adder\u200b and\u00a0women\u2009here\t  \n") == "gender and women here\n"


def test_ocr_dashes_numbers_and_markers():
    assert fix_dashes_and_quotes("the Secretary\u2014General and ``the Agreement\u201d") == "the Secretary-General and \u201cthe Agreement\u201d"
    assert fix_dashes_and_quotes("women \u2014 and girls") == "women \u2014 and girls"  # a real dash between words stays
    assert fix_ocr_numbers("l. Decides\nll. Requests\n\n5, Notes the report") == "1. Decides\n11. Requests\n\n5. Notes the report"
    assert fix_ocr_numbers("all. of them") == "all. of them"
    assert join_lone_markers("28.\n\nDecides that\n(c)\nProtection") == "28. Decides that\n(c) Protection"


def test_line_end_hyphens():
    vocabulary = hyphen_vocabulary("the implementation of the Agreement")
    assert join_lines(["to support the imple-", "mentation of the Agreement"], vocabulary) == "to support the implementation of the Agreement"
    assert join_lines(["the Secretary-", "General and"]) == "the Secretary-General and"
    assert join_lines(["sexual and gender-", "based violence"]) == "sexual and gender-based violence"
    assert join_lines(["troop-", "contributing countries"]) == "troop-contributing countries"
    assert join_lines(["  women  ", "", "and girls "]) == "women and girls"


def test_normalize_is_idempotent_on_the_corpus(corpus_dir):
    for path in sorted(corpus_dir.glob("*.txt"))[::20]:
        once = normalize(path.read_text(encoding="utf-8"))
        assert normalize(once) == once, path.name
