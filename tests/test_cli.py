"""The command line: help that teaches, the parse contract, and one-line errors with exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest

from conftest import EXAMPLES, PROJECT, corpus_file
from mandiff.cli import cli

OLD = str(EXAMPLES / "S-RES-9901-2031-fictional.txt")
NEW = str(EXAMPLES / "S-RES-9950-2032-fictional.txt")


def run(*args, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "mandiff", *args], capture_output=True, input=stdin, cwd=PROJECT)


def one_error_line(result) -> str:
    err = result.stderr.decode()
    assert result.returncode == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_every_command_has_help_with_an_explanation():
    for name, command in cli.commands.items():
        assert command.help and len(command.help.split()) >= 8, f"{name} needs a help text that teaches"
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                assert param.help, f"{name} {param.opts} has no help"


def test_version_and_python_m():
    out = run("--version")
    assert out.returncode == 0 and b"mandiff, version" in out.stdout


def test_parse_json_contract(fixture_2480):
    out = run("parse", str(fixture_2480), "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert {"symbol", "number", "year", "language", "paragraphs"} <= set(data)
    assert (data["symbol"], data["number"], data["year"], data["language"]) == ("S/RES/2480 (2019)", 2480, 2019, "en")
    first = data["paragraphs"][0]
    assert set(first) >= {"label", "kind", "parent", "section", "text"}
    labels = [p["label"] for p in data["paragraphs"]]
    assert labels[:5] == ["PP1", "PP2", "OP4", "OP4-1", "OP4-2"]
    assert data["paragraphs"][4]["parent"] == "OP4"


def test_parse_text_outline_and_stdin():
    out = run("parse", "-", stdin=open(OLD, "rb").read())
    assert out.returncode == 0
    text = out.stdout.decode()
    assert text.startswith("S/RES/9901 (2031)")
    assert "OP6(a)(ii)" in text and "== Mandate of MINUVAL ==" in text


def test_parse_writes_output_file(tmp_path):
    target = tmp_path / "out.json"
    out = run("parse", OLD, "-o", str(target))
    assert out.returncode == 0 and out.stdout == b""
    assert json.loads(target.read_text())["symbol"] == "S/RES/9901 (2031)"


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "empty.txt", b""), "empty file"),
        (lambda d: _write(d / "blank.txt", b"  \n\n \t\n"), "empty file"),
        (lambda d: _write(d / "junk.bin", bytes(range(256)) * 40), "binary data"),
        (lambda d: _write(d / "note.txt", b"Dear colleagues,\n\nplease find the draft attached.\n"), "no operative paragraphs found"),
    ],
)
def test_bad_input_gets_one_line_and_status_2(tmp_path, make, message):
    path = make(tmp_path)
    line = one_error_line(run("parse", str(path)))
    assert line.startswith("mandiff: error: ") and message in line and str(path) in line


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_bad_pdfs_and_docx(tmp_path):
    from render_docs import render_encrypted_pdf, render_pdf, render_scanned_pdf, spec_from_path

    cases = {
        "scan.pdf": (render_scanned_pdf(), "no text layer: the PDF is a scan; OCR it first"),
        "locked.pdf": (render_encrypted_pdf(), "encrypted PDF"),
        "cut.pdf": (render_pdf(spec_from_path(corpus_file("0798_1992")))[:1500], "truncated or damaged PDF"),
    }
    from render_docs import render_docx

    docx = render_docx(spec_from_path(corpus_file("0798_1992")))
    cases["cut.docx"] = (docx[: len(docx) // 2], "truncated or damaged DOCX")
    for name, (data, message) in cases.items():
        path = _write(tmp_path / name, data)
        line = one_error_line(run("parse", str(path)))
        assert message in line, line


def test_diff_exit_codes_and_fail_on():
    assert run("diff", OLD, NEW, "--format", "json").returncode == 0
    assert run("diff", OLD, NEW, "--fail-on", "dropped").returncode == 1
    assert run("diff", OLD, OLD, "--fail-on", "dropped", "--fail-on", "weakened").returncode == 0
    assert one_error_line(run("diff", OLD, "nonexistent.pdf")).endswith("not a resolution symbol such as S/RES/2480 (2019))")


def test_no_partial_output_on_error(tmp_path):
    target = tmp_path / "report.json"
    result = run("diff", OLD, str(tmp_path / "missing.txt"), "-o", str(target))
    assert result.returncode == 2
    assert list(tmp_path.iterdir()) == []


def test_a_write_that_fails_half_way_leaves_the_old_file_whole_and_no_temporary_file(tmp_path):
    """The disk fills up (here: a 4 KB file-size limit, so the ~100 KB report cannot be written): the
    report that was there stays as it was, byte for byte, and nothing else is left in the folder. A
    writer that opened the target itself would leave it cut short."""
    import resource
    import signal

    target = tmp_path / "report.html"
    target.write_text("the report of yesterday\n", encoding="utf-8")

    def limit_file_size():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write then fails with EFBIG instead of killing us
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    result = subprocess.run([sys.executable, "-m", "mandiff", "diff", OLD, NEW, "-o", str(target)],
                            capture_output=True, cwd=PROJECT, preexec_fn=limit_file_size)
    line = one_error_line(result)
    assert "cannot write" in line and str(target) in line
    assert target.read_text(encoding="utf-8") == "the report of yesterday\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]
