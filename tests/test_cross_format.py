"""End to end across formats: the example pair read from a rendered PDF and a rendered DOCX gives the
same comparison as the plain texts (synthetic renderings: the corpus has no PDF or DOCX)."""

from __future__ import annotations

from conftest import EXAMPLES
from mandiff.compare import compare
from mandiff.pipeline import parse_bytes, parse_path
from render_docs import render_docx, render_html, render_pdf, spec_from_path

OLD = EXAMPLES / "S-RES-9901-2031-fictional.txt"
NEW = EXAMPLES / "S-RES-9950-2032-fictional.txt"


def _essence(comparison):
    return (
        [(p.old, p.new, p.relation, p.wps) for p in comparison.pairs],
        [d.to_json() for d in comparison.dropped],
        [a.to_json() for a in comparison.added],
        comparison.summary,
    )


def test_pdf_against_docx_gives_the_same_comparison_as_the_texts():
    expected = compare(parse_path(str(OLD)), parse_path(str(NEW)))
    old_pdf = parse_bytes(render_pdf(spec_from_path(OLD)), "old.pdf")
    new_docx = parse_bytes(render_docx(spec_from_path(NEW)), "new.docx")
    got = compare(old_pdf, new_docx)
    assert {**got.old.header_json(), "file": None} == {**expected.old.header_json(), "file": None}
    assert {**got.new.header_json(), "file": None} == {**expected.new.header_json(), "file": None}
    assert _essence(got) == _essence(expected)


def test_html_against_text():
    expected = compare(parse_path(str(OLD)), parse_path(str(NEW)))
    got = compare(parse_bytes(render_html(spec_from_path(OLD)), "old.html"), parse_path(str(NEW)))
    assert _essence(got) == _essence(expected)
