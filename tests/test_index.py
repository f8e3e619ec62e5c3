"""The agreed-language index: build from real corpus files read in place, incremental runs, phrase search.

Corpus files are linked (symlinks in ``tmp_path``), never copied into the project. The link names
run against the chronological order, so the tests also show that hits are sorted by year and number,
not by file name.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from mandiff import pipeline
from mandiff.errors import InputError
from mandiff.index import build_index, normalize_for_search, search

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "cr-unsc"

# Link name -> corpus file. 798 (1992) and 820 (1993) are the corpus' uses of "rape".
LINKED = {
    "a_0820.txt": "S_RES_0820_1993_EN_GOLD.txt",
    "b_0798.txt": "S_RES_0798_1992_EN_GOLD.txt",
    "c_0021.txt": "S_RES_0021_1947_EN_GOLD.txt",
    "d_0001.txt": "S_RES_0001_1946_EN_GOLD.txt",
    "e_1454.txt": "S_RES_1454_2002_EN_GOLD.txt",
}

NOT_A_RESOLUTION = "  \n\n"  # an empty file: the one kind of input every reader refuses

# Fictional text in UN style, written for this test.
FICTIONAL_RESOLUTION = """RESOLUTION 9001 (2031)

Adopted by the Security Council at its 9999th meeting, on 1 January 2031

The Security Council,

Recalling its fictional resolutions on the situation in Ruritania,

1. Decides that women peacebuilders shall be consulted on the fictional ceasefire;

2. Decides to remain seized of the matter.
"""


@pytest.fixture
def corpus_dir(tmp_path) -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {CORPUS}")
    folder = tmp_path / "corpus"
    folder.mkdir()
    for link, name in LINKED.items():
        (folder / link).symlink_to(CORPUS / name)
    (folder / "z_empty.txt").write_text(NOT_A_RESOLUTION, encoding="utf-8")
    return folder


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "index.sqlite"


def symbols_of(result) -> list[str]:
    return [hit.symbol for hit in result]


def test_first_run_indexes_every_file_and_records_failures(corpus_dir, db):
    stats = build_index([corpus_dir], db)
    assert (stats.files, stats.parsed, stats.unchanged, stats.failed, stats.removed) == (6, 5, 0, 1, 0)  # 5 + 0 + 1 = 6
    assert stats.documents == 5
    assert [Path(p).name for p, _ in stats.failures] == ["z_empty.txt"]
    assert stats.units > 0


def test_search_rape_finds_798_first_then_820(corpus_dir, db):
    build_index([corpus_dir], db)
    result = search("rape", db)
    assert symbols_of(result) == ["S/RES/798 (1992)", "S/RES/820 (1993)"]
    first = result.first_use
    assert (first.symbol, first.date, first.label) == ("S/RES/798 (1992)", "1992-12-18", "PP2")
    assert "detention and rape of women" in first.text
    assert result.to_json()["first_use"] == {"symbol": "S/RES/798 (1992)", "date": "1992-12-18", "label": "PP2"}
    hit_json = result.to_json()["hits"][0]
    assert {k: hit_json[k] for k in ("symbol", "date", "label")} == {"symbol": "S/RES/798 (1992)", "date": "1992-12-18", "label": "PP2"}


def test_second_run_parses_nothing(corpus_dir, db, monkeypatch):
    first = build_index([corpus_dir], db)

    def must_not_parse(*args, **kwargs):
        raise AssertionError("an unchanged file was parsed again")

    monkeypatch.setattr(pipeline, "parse_path", must_not_parse)
    second = build_index([corpus_dir], db)
    assert (second.parsed, second.unchanged, second.failed, second.removed) == (0, 5, 1, 0)  # the empty file still fails
    assert [Path(p).name for p, _ in second.failures] == ["z_empty.txt"]
    assert (second.units, second.documents) == (first.units, first.documents)
    assert symbols_of(search("rape", db)) == ["S/RES/798 (1992)", "S/RES/820 (1993)"]


def test_touched_but_identical_file_is_not_parsed(corpus_dir, db, monkeypatch):
    build_index([corpus_dir], db)
    empty = corpus_dir / "z_empty.txt"
    stat = empty.stat()
    os.utime(empty, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    monkeypatch.setattr(pipeline, "parse_path", lambda *a, **k: pytest.fail("re-parsed a file whose content did not change"))
    stats = build_index([corpus_dir], db)
    assert (stats.parsed, stats.unchanged, stats.failed) == (0, 5, 1)


def test_changed_file_is_parsed_again(corpus_dir, db):
    build_index([corpus_dir], db)
    (corpus_dir / "z_empty.txt").write_text(FICTIONAL_RESOLUTION, encoding="utf-8")
    stats = build_index([corpus_dir], db)
    assert (stats.parsed, stats.unchanged, stats.failed) == (1, 5, 0)
    result = search("Women peacebuilders shall be consulted", db)
    assert [(h.symbol, h.label) for h in result] == [("S/RES/9001 (2031)", "OP1")]


def test_removed_file_leaves_the_index(corpus_dir, db):
    build_index([corpus_dir], db)
    (corpus_dir / "b_0798.txt").unlink()
    stats = build_index([corpus_dir], db)
    assert (stats.removed, stats.documents) == (1, 4)
    assert symbols_of(search("rape", db)) == ["S/RES/820 (1993)"]


def test_phrase_across_a_line_wrap(corpus_dir, db):
    build_index([corpus_dir], db)
    # In 798 (1992) "detention" ends one line and "and rape of women" starts the next; 820 (1993)
    # has the phrase on one line.
    hits = search("Systematic DETENTION and rape of women", db)
    assert [(h.symbol, h.label) for h in hits] == [("S/RES/798 (1992)", "PP2"), ("S/RES/820 (1993)", "OP6")]


def test_hyphenation_differences_are_folded(corpus_dir, db):
    build_index([corpus_dir], db)
    # Printed "self-" at a line end and "sufficiency" on the next line; "under-" / "taken" likewise.
    for phrase in ("economic advancement and self-sufficiency", "economic advancement and self- sufficiency",
                   "economic advancement and self\u2010sufficiency", "the Security Council undertaken in this regard"):
        assert symbols_of(search(phrase, db)) == ["S/RES/21 (1947)"], phrase


def test_whole_words_only(corpus_dir, db):
    build_index([corpus_dir], db)
    assert symbols_of(search("detention and rap", db)) == []
    assert symbols_of(search("rapes", db)) == []


def test_same_resolution_from_two_files_is_one_hit(corpus_dir, db):
    (corpus_dir / "f_0798_again.txt").symlink_to(CORPUS / "S_RES_0798_1992_EN_GOLD.txt")
    stats = build_index([corpus_dir], db)
    assert stats.documents == 6
    assert symbols_of(search("rape", db)) == ["S/RES/798 (1992)", "S/RES/820 (1993)"]


def test_wps_only_keeps_tagged_units(corpus_dir, db):
    stats = build_index([corpus_dir], db)
    if not stats.tagged:
        pytest.skip(f"WPS tagger not usable here: {stats.tag_error or 'mandiff.tag missing'}")
    everything = search("women", db)
    wps = search("women", db, wps_only=True)
    assert wps.hits and all(h.wps for h in wps)
    assert set((h.symbol, h.label) for h in wps) <= set((h.symbol, h.label) for h in everything)
    rape = search("rape", db, wps_only=True)
    assert rape[0].symbol == "S/RES/798 (1992)" and "sexual-violence" in rape[0].categories


def test_normalize_for_search():
    assert normalize_for_search("Peace-\nkeeping") == "peacekeeping"
    assert normalize_for_search("peace\u00adkeeping  operations") == "peacekeeping operations"
    assert normalize_for_search("“Full, effective and meaningful”") == "full effective and meaningful"
    assert normalize_for_search("Régime de sanctions") == "regime de sanctions"
    assert normalize_for_search("ﬁnancial") == "financial"
    assert normalize_for_search("resolution 1325 (2000)") == "resolution 1325 2000"


def test_errors_are_one_line_input_errors(corpus_dir, db, tmp_path):
    with pytest.raises(InputError, match="no index here"):
        search("rape", db)
    build_index([corpus_dir], db)
    with pytest.raises(InputError, match="no words"):
        search(" -- ", db)
    with pytest.raises(InputError, match="no such folder"):
        build_index([tmp_path / "missing"], db)
    not_a_db = tmp_path / "notes.sqlite"
    not_a_db.write_text("my own notes, not a database")
    with pytest.raises(InputError, match="not a mandiff index"):
        build_index([corpus_dir], not_a_db)
    assert not_a_db.read_text() == "my own notes, not a database"


def test_foreign_sqlite_file_is_not_overwritten(corpus_dir, tmp_path):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    with pytest.raises(InputError, match="not a mandiff index"):
        build_index([corpus_dir], other)
    with sqlite3.connect(other) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("contacts",)]


def test_tagger_failure_and_tagger_change(corpus_dir, db, monkeypatch):
    from mandiff import index as index_module

    def broken(resolution):
        raise RuntimeError("lexicon unreadable")

    monkeypatch.setattr(index_module, "_tagger", lambda: ("test-tagger:1", broken))
    first = build_index([corpus_dir], db)
    assert (first.parsed, first.untagged, first.tagged, first.tag_error) == (5, 5, False, "lexicon unreadable")
    assert symbols_of(search("rape", db)) == ["S/RES/798 (1992)", "S/RES/820 (1993)"]  # still searchable
    assert search("rape", db, wps_only=True).hits == ()

    again = build_index([corpus_dir], db)  # same tagger: nothing is parsed again
    assert (again.parsed, again.unchanged) == (0, 5)

    def marks_everything(resolution):
        from mandiff.model import Tag

        return resolution.replace_paragraphs(p.with_tags((Tag("sexual-violence", "x", 0, 1),)) for p in resolution.paragraphs)

    monkeypatch.setattr(index_module, "_tagger", lambda: ("test-tagger:2", marks_everything))
    changed = build_index([corpus_dir], db)  # a new tagger identity re-parses and re-tags all
    assert (changed.parsed, changed.untagged, changed.tagged) == (5, 0, True)
    assert symbols_of(search("rape", db, wps_only=True)) == ["S/RES/798 (1992)", "S/RES/820 (1993)"]


def test_dangling_link_is_skipped(corpus_dir, db):
    (corpus_dir / "g_dangling.txt").symlink_to(corpus_dir / "nowhere.txt")
    stats = build_index([corpus_dir], db)
    assert (stats.files, stats.documents) == (6, 5)
    assert sorted(Path(p).name for p, _ in stats.failures) == ["z_empty.txt"]
