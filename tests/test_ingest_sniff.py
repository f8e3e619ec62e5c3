"""The format is chosen by content, never by the file name."""

from __future__ import annotations

import pytest

from mandiff.ingest import read_path, sniff
from render_docs import docx_with_parts, render_plain_pdf


@pytest.mark.parametrize(
    "head, expected",
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"\r\n\x00junk before the header %PDF-1.4\n", "pdf"),
        (b"PK\x03\x04\x14\x00", "docx"),
        (b"<!DOCTYPE html><html><body><p>x</p>", "html"),
        (b"\xef\xbb\xbf  <html lang='fr'>", "html"),
        (b"<!-- saved from url=(0042)https://press.un.org/ --><div><p>x</p></div>", "html"),
        (b'<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html>', "html"),
        (b'<?xml version="1.0" encoding="UTF-8"?>\n<akomaNtoso xmlns="x">', "akn"),
        (b"<akomaNtoso><statement><preamble><p>x</p>", "akn"),
        (b'<akn:akomaNtoso xmlns:akn="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><akn:p>x</akn:p>', "akn"),
        ("<html><body><p>UTF-16 page</p></body></html>".encode("utf-16"), "html"),
        ("\ufeffThe Security Council,".encode("utf-8"), "text"),
        (b"S/RES/9901 (2031)\n\nThe Security Council,\n", "text"),
        ("Le Conseil de s\u00e9curit\u00e9,".encode("utf-16"), "text"),
    ],
)
def test_sniff(head, expected):
    assert sniff(head) == expected


@pytest.mark.parametrize(
    "filename, data, expected, text",
    [
        ("resolution.pdf", b"<!DOCTYPE html><html><body><p>The Security Council,</p><p>1. Decides.</p></body></html>", "html", "The Security Council,\n\n1. Decides.\n"),
        ("resolution.txt", render_plain_pdf([(90, 600, "The Security Council,"), (90, 570, "1. Decides.")]), "pdf", "The Security Council,\n\n1. Decides.\n"),
        ("resolution.html", b'<?xml version="1.0"?><akomaNtoso><statement><preamble><p>The Security Council,</p></preamble></statement></akomaNtoso>', "akn", "The Security Council,\n"),
        ("resolution.xml", docx_with_parts({"word/document.xml": b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>1. Decides.</w:t></w:r></w:p></w:body></w:document>'}), "docx", "1. Decides.\n"),
        ("resolution.docx", b"The Security Council,\n\n1. Decides.\n", "text", "The Security Council,\n\n1. Decides.\n"),
    ],
)
def test_the_reader_follows_the_content_not_the_extension(tmp_path, filename, data, expected, text):
    path = tmp_path / filename
    path.write_bytes(data)
    raw = read_path(str(path))
    assert raw.format == expected
    assert raw.text == text
