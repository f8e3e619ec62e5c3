"""What one process keeps for the next (mandiff/usercache.py): the compiled shipped lexicons.

A kept lexicon must tag exactly as a freshly compiled one, must never be used once the lexicon file (or
the code that compiled it) changed, and must never be needed: no folder, a folder that cannot be
written, a damaged entry all mean compiling again. Texts are generated from the lexicon's own terms.
"""

from __future__ import annotations

import os

import pytest

from mandiff import lexicon, usercache
from mandiff.tag import tag_text

TEXTS = [
    "Urges the full, effective and meaningful participation of women in the peace process;",
    "Condemns all acts of sexual and gender-based violence against women and girls, and calls for the "
    "perpetrators to be brought to justice;",
    "Requests the deployment of Women Protection Advisers and the inclusion of a gender perspective;",
    "Rappelle ses résolutions 1325 (2000) et 2242 (2015) sur les femmes et la paix et la sécurité;",
    "Exhorte à la pleine participation des femmes et condamne les violences sexuelles;",
]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    path = tmp_path / "cache"
    path.mkdir(mode=0o700)
    monkeypatch.setenv("MANDIFF_CACHE_DIR", str(path))
    usercache.folder.cache_clear()
    yield path
    usercache.folder.cache_clear()


def fresh_shipped() -> lexicon.Lexicon:
    return lexicon._ShippedLexicon(tuple((code, lambda code=code: lexicon._shipped(code)) for code in lexicon.SHIPPED_LANGUAGES))


def tags(lex) -> list:
    return [tag_text(t, "fr" if "Rappelle" in t or "Exhorte" in t else "en", lex) for t in TEXTS]


def every_scan(lex, language: str) -> list:
    """The scan of a sentence made of each term of the language, written plainly."""
    compiled = lex.for_language(language)
    terms = sorted({t.text for entries in compiled.index.values() for _, t in entries})
    return [compiled.scan(f"Recalls {term.replace(' .. ', ' the ').replace('#', '3')};") for term in terms]


def test_a_kept_lexicon_tags_as_a_compiled_one(folder, monkeypatch):
    compiled = fresh_shipped()
    expected = tags(compiled), every_scan(compiled, "en"), every_scan(compiled, "fr")
    assert sorted(p.name.split("-")[1] for p in folder.iterdir()) == ["en", "fr"]

    def not_read(*args, **kwargs):
        raise AssertionError("the lexicon file was parsed although it is kept compiled")

    monkeypatch.setattr(lexicon, "parse_spec", not_read)
    kept = fresh_shipped()
    assert (tags(kept), every_scan(kept, "en"), every_scan(kept, "fr")) == expected


def test_a_changed_lexicon_or_matcher_is_compiled_again():
    text = lexicon.data_bytes("lexicon_en.toml")
    name = lexicon._cache_name("en", text)
    assert lexicon._cache_name("en", text + b"\n# one more line\n") != name
    assert lexicon._cache_name("en", text.replace(b"women", b"wom3n", 1)) != name
    assert lexicon._cache_name("fr", text) != name


def test_a_damaged_entry_is_compiled_again(folder):
    expected = tags(fresh_shipped())
    for entry in folder.iterdir():
        entry.write_bytes(entry.read_bytes()[: 100] + b"\x00\xff")
    assert tags(fresh_shipped()) == expected
    for entry in folder.iterdir():
        entry.write_bytes(b"")
    assert tags(fresh_shipped()) == expected


def test_no_folder_means_compiling(tmp_path, monkeypatch):
    expected = tags(fresh_shipped())
    monkeypatch.setenv("MANDIFF_CACHE_DIR", "")
    usercache.folder.cache_clear()
    try:
        assert usercache.folder() is None
        assert tags(fresh_shipped()) == expected
        not_a_folder = tmp_path / "file"
        not_a_folder.write_text("")
        monkeypatch.setenv("MANDIFF_CACHE_DIR", str(not_a_folder))
        usercache.folder.cache_clear()
        assert tags(fresh_shipped()) == expected
        assert not_a_folder.read_text() == ""
    finally:
        usercache.folder.cache_clear()


def test_the_default_folder_is_the_users_alone(tmp_path, monkeypatch):
    if os.name == "nt" or not hasattr(os, "getuid"):
        pytest.skip("the checks are those of a POSIX temporary directory")
    monkeypatch.delenv("MANDIFF_CACHE_DIR", raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    usercache.folder.cache_clear()
    try:
        path = usercache.folder()
        assert path == str(tmp_path / f"mandiff-cache-{os.getuid()}")
        assert os.stat(path).st_mode & 0o777 == 0o700
        os.chmod(path, 0o777)  # anyone could plant an entry: not used
        usercache.folder.cache_clear()
        assert usercache.folder() is None
        os.chmod(path, 0o700)
        usercache.folder.cache_clear()
        usercache.write("entry", b"data")
        assert usercache.read("entry") == b"data"
        assert [p.name for p in (tmp_path / f"mandiff-cache-{os.getuid()}").iterdir()] == ["entry"]
    finally:
        usercache.folder.cache_clear()


def test_the_shipped_toml_files_are_kept_parsed_and_a_damaged_entry_is_parsed_again(folder):
    import tomllib

    from mandiff import package_data

    for name in ("drafting.toml", "strength.toml", "softening.toml", "subject.toml", "sources.toml"):
        parsed = tomllib.loads(package_data.data_bytes(name).decode("utf-8"))
        assert package_data.data_toml(name) == parsed  # parsed, and kept
        [entry] = [p for p in folder.iterdir() if p.name.startswith(f"toml-{name}-")]
        assert package_data.data_toml(name) == parsed  # read back from the cache
        entry.write_bytes(b"\x00 damaged")
        assert package_data.data_toml(name) == parsed  # parsed again


def test_the_registry_is_kept_parsed_with_its_dates(folder):
    import tomllib

    from mandiff import package_data

    parsed = tomllib.loads(package_data.package_text("mandiff.resolutions", "registry.toml"))
    assert package_data.package_toml("mandiff.resolutions", "registry.toml") == parsed
    assert package_data.package_toml("mandiff.resolutions", "registry.toml") == parsed  # from the cache, dates too
    assert [p.name for p in folder.iterdir() if p.name.startswith("toml-mandiff.resolutions.registry.toml-")]


def test_old_versions_of_an_entry_are_forgotten_beyond_a_few(folder):
    # an upgrade writes a lexicon under another checksum: the folder keeps the last few versions of each
    # entry, not one more per version installed, and other entries are left alone
    for k in range(usercache.KEEP_VERSIONS + 3):
        usercache.write(f"lexicon-en-{k:04d}.marshal", b"x", kind="lexicon-en-")
        os.utime(folder / f"lexicon-en-{k:04d}.marshal", ns=(k * 10**9, k * 10**9))
    usercache.write("lexicon-fr-0001.marshal", b"y", kind="lexicon-fr-")
    usercache.write("lexicon-en-9999.marshal", b"z", kind="lexicon-en-")
    kept = sorted(p.name for p in folder.iterdir())
    newest = [f"lexicon-en-{k:04d}.marshal" for k in range(usercache.KEEP_VERSIONS + 3)][-(usercache.KEEP_VERSIONS - 1):]
    assert kept == sorted(newest + ["lexicon-en-9999.marshal", "lexicon-fr-0001.marshal"])


def test_a_shipped_lexicon_written_again_keeps_the_folder_bounded(folder, monkeypatch):
    for k in range(usercache.KEEP_VERSIONS + 2):  # stale versions an older mandiff left
        (folder / f"lexicon-en-stale{k}.marshal").write_bytes(b"old")
        os.utime(folder / f"lexicon-en-stale{k}.marshal", ns=(k * 10**9, k * 10**9))
    fresh_shipped().for_language("en")
    names = [p.name for p in folder.iterdir() if p.name.startswith("lexicon-en-")]
    assert len(names) == usercache.KEEP_VERSIONS
    assert lexicon._cache_name("en", lexicon.data_bytes("lexicon_en.toml")) in names
