"""How a ``mandiff`` process ends (``cli.run``): without Python's teardown of every object, but with
everything written, every exit handler run and ``main``'s exit status, exactly as an ordinary ending.

Each case runs the real command in a new process, as users do, and compares it with the same command
run through ``cli.main`` in this process (which ends nothing)."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import textwrap

import pytest

from conftest import EXAMPLES, PROJECT, corpus_file
from mandiff.cli import main

OLD = str(EXAMPLES / "S-RES-9901-2031-fictional.txt")
NEW = str(EXAMPLES / "S-RES-9950-2032-fictional.txt")
EPOCH = {"SOURCE_DATE_EPOCH": "1800000000"}


def command(*args, code: str | None = None, **env):
    """``mandiff ARGS`` as a new process (``python -m mandiff``), or ``code`` run by python with ARGS."""
    argv = [sys.executable, "-m", "mandiff", *args] if code is None else [sys.executable, "-c", code, *args]
    return subprocess.run(argv, capture_output=True, cwd=PROJECT, env={**os.environ, **EPOCH, **env})


def in_process(*args) -> tuple[int, bytes]:
    out = io.StringIO()
    os.environ.update(EPOCH)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        try:
            main(list(args))
        except SystemExit as exc:
            return exc.code, out.getvalue().encode()
    raise AssertionError("main always exits")


def test_a_large_output_on_a_pipe_arrives_whole():
    """More than a pipe holds (64 KiB), still buffered when the command returns: flushed before the end."""
    files = [str(corpus_file(name)) for name in ("0798_1992", "0814_1993", "0820_1993", "1454_2002")]
    status, expected = in_process("chain", *files, "--format", "json")
    assert status == 0 and len(expected) > 65536
    done = command("chain", *files, "--format", "json")
    assert (done.returncode, done.stdout) == (0, expected)
    assert b"Traceback" not in done.stderr


def test_a_written_report_is_whole_and_the_statuses_are_mains(tmp_path):
    target = tmp_path / "report.html"
    done = command("diff", OLD, NEW, "-o", str(target))
    assert done.returncode == 0, done.stderr
    status, _ = in_process("diff", OLD, NEW, "-o", str(tmp_path / "same.html"))
    assert status == 0
    assert target.read_bytes() == (tmp_path / "same.html").read_bytes().replace(b"same.html", b"report.html")
    assert command("diff", OLD, NEW, "--fail-on", "dropped").returncode == in_process("diff", OLD, NEW, "--fail-on", "dropped")[0] == 1
    missing = command("diff", str(tmp_path / "nothing.txt"), NEW)
    assert missing.returncode == 2 and missing.stderr.decode().startswith("mandiff: error:")


HANDLER = textwrap.dedent("""
    import atexit, sys
    marker = sys.argv.pop(1)
    {before}
    import mandiff.pipeline
    from mandiff import cli
    parse_input = mandiff.pipeline.parse_input

    def parse_and_register(*args, **kwargs):
        atexit.register(lambda: open(marker + ".during", "w").write("ran"))
        return parse_input(*args, **kwargs)

    mandiff.pipeline.parse_input = parse_and_register
    cli.run()
""")


def test_exit_handlers_registered_during_the_command_run(tmp_path):
    marker = str(tmp_path / "marker")
    done = command(marker, "diff", OLD, NEW, code=HANDLER.format(before=""))
    assert done.returncode == 0, done.stderr
    assert open(marker + ".during").read() == "ran"


def test_a_handler_registered_before_the_command_keeps_pythons_own_ending(tmp_path):
    """``run`` cannot run a handler registered before it: then it does not end the process itself."""
    marker = str(tmp_path / "marker")
    before = f"atexit.register(lambda: open({marker!r} + '.before', 'w').write('ran'))"
    done = command(marker, "diff", OLD, NEW, "--fail-on", "dropped", code=HANDLER.format(before=before))
    assert done.returncode == 1, done.stderr
    assert open(marker + ".before").read() == "ran"
    assert open(marker + ".during").read() == "ran"


def test_the_end_flushes_then_ends_with_mains_status(monkeypatch):
    """``_end_now`` flushes both streams, then ends the process with the status ``run`` kept; with none
    kept (``main`` did not return normally) it leaves the ending to Python."""
    from mandiff import cli

    events = []

    class Ended(Exception):
        pass

    class Stream:
        def __init__(self, name):
            self.name = name

        def flush(self):
            events.append(("flush", self.name))

    def end(status):
        events.append(("end", status))
        raise Ended

    monkeypatch.setattr(cli.os, "_exit", end)
    monkeypatch.setattr(cli.sys, "stdout", Stream("out"))
    monkeypatch.setattr(cli.sys, "stderr", Stream("err"))
    monkeypatch.setattr(cli, "_exit_status", 1)
    with pytest.raises(Ended):
        cli._end_now()
    assert events == [("flush", "out"), ("flush", "err"), ("end", 1)]
    events.clear()
    monkeypatch.setattr(cli, "_exit_status", None)
    cli._end_now()
    assert events == []

    class Broken(Stream):
        def flush(self):
            raise BrokenPipeError

    monkeypatch.setattr(cli, "_exit_status", 0)
    monkeypatch.setattr(cli.sys, "stdout", Broken("out"))
    cli._end_now()  # a stream that cannot be flushed: Python's own ending reports it
    assert events == []
