"""Compiled report templates are kept between processes, never used stale, and never needed.

The cache is jinja2's bytecode cache (mandiff/render/templating.py). These tests point it at a folder
of their own; the reports themselves are compared byte for byte by the report tests.
"""

from __future__ import annotations

import os

import pytest
from jinja2 import DictLoader, Environment

from conftest import EXAMPLES
from mandiff.compare import compare
from mandiff.pipeline import parse_path
from mandiff.render import templating
from mandiff.render.html import render_diff_html


@pytest.fixture(scope="module")
def comparison():
    return compare(parse_path(str(EXAMPLES / "S-RES-9901-2031-fictional.txt")),
                   parse_path(str(EXAMPLES / "S-RES-9950-2032-fictional.txt")))  # fmt: skip


def render_with(cache, comparison, monkeypatch) -> str:
    """The HTML report rendered by an environment that uses ``cache``."""
    monkeypatch.setattr(templating, "environment", lambda: templating.build_environment(cache))
    return render_diff_html(comparison)


def test_a_second_process_does_not_compile(tmp_path, comparison, monkeypatch):
    first = render_with(templating.template_cache(str(tmp_path)), comparison, monkeypatch)
    entries = [p.name for p in tmp_path.iterdir()]
    assert len(entries) >= 2 and all(name.startswith("__mandiff_") for name in entries)  # the report, its macros

    def no_compiling(*args, **kwargs):
        raise AssertionError("a template was compiled although the cache holds it")

    monkeypatch.setattr(Environment, "compile", no_compiling)
    assert render_with(templating.template_cache(str(tmp_path)), comparison, monkeypatch) == first


def test_same_report_with_and_without_the_cache(tmp_path, comparison, monkeypatch):
    cached = render_with(templating.template_cache(str(tmp_path)), comparison, monkeypatch)
    again = render_with(templating.template_cache(str(tmp_path)), comparison, monkeypatch)
    assert cached == again == render_with(None, comparison, monkeypatch)


def test_an_edited_template_is_compiled_again(tmp_path):
    """An editable install whose template changed: the checksum of the source rejects the old code."""
    sources = {"page.j2": "old {{ x }}"}

    def render() -> str:
        env = Environment(loader=DictLoader(sources), bytecode_cache=templating.template_cache(str(tmp_path)))
        return env.get_template("page.j2").render(x=1)

    assert render() == "old 1"
    sources["page.j2"] = "new {{ x }}"
    assert render() == "new 1"


def test_a_folder_that_cannot_be_written_means_compiling(tmp_path, comparison, monkeypatch):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")  # a file where the folder should be (root may write a read-only folder)
    expected = render_with(None, comparison, monkeypatch)
    assert render_with(templating.template_cache(str(not_a_folder)), comparison, monkeypatch) == expected
    read_only = tmp_path / "ro"
    read_only.mkdir()
    os.chmod(read_only, 0o500)
    try:
        assert render_with(templating.template_cache(str(read_only)), comparison, monkeypatch) == expected
    finally:
        os.chmod(read_only, 0o700)


def test_a_damaged_entry_means_compiling(tmp_path, comparison, monkeypatch):
    expected = render_with(templating.template_cache(str(tmp_path)), comparison, monkeypatch)
    for entry in tmp_path.iterdir():
        entry.write_bytes(entry.read_bytes()[:40] + b"\x00garbage")
    assert render_with(templating.template_cache(str(tmp_path)), comparison, monkeypatch) == expected
    for entry in tmp_path.iterdir():
        entry.write_bytes(b"")
    assert render_with(templating.template_cache(str(tmp_path)), comparison, monkeypatch) == expected


def test_the_key_names_what_the_code_depends_on(tmp_path):
    """Two mandiff or jinja2 versions sharing the folder do not take each other's code."""
    cache = templating.template_cache(str(tmp_path))
    plain = templating.FileSystemBytecodeCache(str(tmp_path))
    assert cache.get_cache_key("report.html.j2") != plain.get_cache_key("report.html.j2")
    assert templating.__version__ in templating._FLAVOR and "jinja2" in templating._FLAVOR


def test_entries_of_old_versions_are_forgotten_beyond_a_few_versions(tmp_path, comparison, monkeypatch):
    # every mandiff or jinja2 version writes its own entries: what the folder keeps stays bounded, and the
    # entries just written are among them
    bound = templating.usercache.KEEP_VERSIONS * templating._TEMPLATES_KEPT
    for k in range(bound + 10):
        stale = tmp_path / f"__mandiff_stale{k:03d}.cache"
        stale.write_bytes(b"old")
        os.utime(stale, ns=(k * 10**9, k * 10**9))
    (tmp_path / "lexicon-en-1.marshal").write_bytes(b"not a template")
    render_with(templating.template_cache(str(tmp_path)), comparison, monkeypatch)
    names = {p.name for p in tmp_path.iterdir()}
    assert len([n for n in names if n.startswith("__mandiff_")]) == bound
    assert "lexicon-en-1.marshal" in names and "__mandiff_stale000.cache" not in names
    assert len([n for n in names if n.startswith("__mandiff_") and "stale" not in n]) >= 2  # report, macros
