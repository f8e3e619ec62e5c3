"""The index never harms another program's database, never crashes on a full, read-only or locked
disk, serializes concurrent runs, says when it is incomplete, and bounds each file like the CLI does.

Found by probing (issue 18): ``mandiff index --db app.sqlite`` dropped another program's tables called
``meta`` and ``files``; two runs at once died on IntegrityError; a read-only or full disk and a locked
database gave "internal error". The resolutions indexed here are fictional variants of the shipped
example (generated in the test), so that the cases do not depend on the corpus.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, PROJECT
from filesystems import mounted, remounted_readonly
from mandiff import index as index_module
from mandiff.errors import InputError
from mandiff.index import APPLICATION_ID, build_index, search
from test_hostile_input import assert_one_error, run_cli, run_inprocess, write

EXAMPLE = (EXAMPLES / "S-RES-9901-2031-fictional.txt").read_text(encoding="utf-8")
PHRASE = "remain actively seized"  # once in each resolution: its last paragraph, OP11
SUMMARY = re.compile(r"^(\d+) files: (\d+) parsed, (\d+) unchanged, (\d+) failed; (\d+) removed from the index; ", re.M)


def fictional(number: int, year: int, words: int = 0) -> str:
    """The shipped example renumbered (and padded with ``words`` extra words, to fill a disk)."""
    text = EXAMPLE.replace("9901", str(number)).replace("2031", str(year))
    return text.replace("Decides to remain actively seized", "Decides " + "further " * words + "to remain actively seized")


@pytest.fixture
def folder(tmp_path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(12):
        write(corpus / f"r{i:02d}.txt", fictional(9000 + i, 2020 + i))
    return corpus


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def summary(stdout: str) -> tuple[int, ...]:
    match = SUMMARY.search(stdout)
    assert match, stdout
    files, parsed, unchanged, failed, removed = map(int, match.groups())
    assert parsed + unchanged + failed == files, stdout  # the numbers add up
    return files, parsed, unchanged, failed, removed


# ---- another program's database ---------------------------------------------------------------------


def foreign_database(path: Path, app_id: int = 0) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("CREATE TABLE files (id INTEGER PRIMARY KEY, path TEXT, owner TEXT)")
        conn.execute("INSERT INTO meta VALUES ('schema', '2')")  # even the row an old mandiff index had
        conn.executemany("INSERT INTO files (path, owner) VALUES (?, ?)", [("/home/a/taxes.pdf", "a"), ("/srv/b.db", "b")])
        if app_id:
            conn.execute(f"PRAGMA application_id = {app_id}")
    return path


@pytest.mark.parametrize("app_id", [0, 0x0F055112])
def test_another_programs_tables_named_meta_and_files_are_refused_untouched(folder, tmp_path, capsys, app_id):
    app = foreign_database(tmp_path / "app.sqlite", app_id)
    before = digest(app)
    for args in (["index", folder, "--db", app], ["search", "women", "--db", app]):
        line = assert_one_error(run_inprocess(capsys, *args), app, "not a mandiff index")
        assert "files, meta" in line
    assert digest(app) == before
    with sqlite3.connect(app) as conn:
        assert conn.execute("SELECT path, owner FROM files ORDER BY id").fetchall() == [("/home/a/taxes.pdf", "a"), ("/srv/b.db", "b")]


def test_a_database_with_all_of_mandiffs_table_names_but_other_columns_is_refused(folder, tmp_path):
    lookalike = tmp_path / "lookalike.sqlite"
    with sqlite3.connect(lookalike) as conn:
        for table in ("meta", "files", "documents", "units"):
            conn.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, key TEXT, value TEXT)")
        conn.execute("CREATE VIRTUAL TABLE units_fts USING fts5(norm)")
        conn.execute("INSERT INTO meta (key, value) VALUES ('schema', '2')")
    before = digest(lookalike)
    with pytest.raises(InputError, match="not a mandiff index"):
        build_index([folder], lookalike)
    assert digest(lookalike) == before


def test_an_index_identifies_itself_and_an_older_unstamped_one_is_rebuilt(folder, tmp_path):
    db = tmp_path / "index.sqlite"
    build_index([folder], db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == index_module.SCHEMA_VERSION
        conn.execute("PRAGMA application_id = 0")  # what every index written before the stamp looks like
        conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema'")
    with pytest.raises(InputError, match="another mandiff version"):
        search("women", db)
    stats = build_index([folder], db)
    assert (stats.parsed, stats.unchanged) == (12, 0)  # rebuilt from scratch: it is only a cache
    assert len(search(PHRASE, db)) == 12


# ---- locks and concurrent runs ----------------------------------------------------------------------


def test_a_locked_database_is_one_line_that_says_locked(folder, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(index_module, "BUSY_TIMEOUT", 0.1)
    db = tmp_path / "index.sqlite"
    assert run_inprocess(capsys, "index", folder, "--db", db).code == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program in the middle of a write
    try:
        for args in (["index", folder, "--db", db], ["search", "women", "--db", db]):
            line = assert_one_error(run_inprocess(capsys, *args), db, "the index is locked by another program")
            assert "not a mandiff index" not in line
        foreign = foreign_database(tmp_path / "app.sqlite")
        other = sqlite3.connect(foreign, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        assert_one_error(run_inprocess(capsys, "index", folder, "--db", foreign), foreign, "locked by another program")
        other.rollback()
    finally:
        holder.rollback()
        holder.close()
    assert run_inprocess(capsys, "search", "women", "--db", db).code == 0


def test_a_second_run_waits_for_the_first_and_says_so(folder, tmp_path):
    """The first run is played by the test, holding the run lock the way a run does."""
    db = tmp_path / "index.sqlite"
    build_index([folder], db)
    write(folder / "r99.txt", fictional(9099, 2099))
    with index_module._one_run_at_a_time(db, on_wait=lambda: pytest.fail("the test's lock was not free")):
        second = subprocess.Popen([sys.executable, "-m", "mandiff", "index", str(folder), "--db", str(db)], cwd=PROJECT,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            first_line = second.stderr.readline().decode()
        except Exception:
            second.kill()
            raise
        assert "another `mandiff index` is updating" in first_line and "waiting for it to finish" in first_line
        assert second.poll() is None  # it waits
    out, err = second.communicate(timeout=60)
    assert second.returncode == 0, err
    assert summary(out.decode()) == (13, 1, 12, 0, 0)


def test_two_runs_at_once_both_finish_and_leave_one_consistent_index(folder, tmp_path):
    for i in range(12, 60):
        write(folder / f"r{i:02d}.txt", fictional(9000 + i, 1950 + i))
    db = tmp_path / "index.sqlite"
    command = [sys.executable, "-m", "mandiff", "index", str(folder), "--db", str(db)]
    runs = [subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = [(run.communicate(timeout=120), run.returncode) for run in runs]
    for (out, err), code in results:
        assert code == 0 and b"Error" not in err and b"internal error" not in err, err
    summaries = sorted(summary(out.decode()) for (out, _), _ in results)
    assert summaries == [(60, 0, 60, 0, 0), (60, 60, 0, 0, 0)]  # one did the work, the other found it done
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT path) FROM files").fetchone() == (60, 60)
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (60,)


# ---- a run that did not finish ------------------------------------------------------------------------


KILLED_RUN = """
import os, signal, sys
from mandiff import index
index.COMMIT_EVERY = 5

def progress(done, total, path):
    if done == 7:
        os.kill(os.getpid(), signal.SIGKILL)

index.build_index([sys.argv[1]], sys.argv[2], progress=progress)
"""


def test_a_run_killed_half_way_leaves_an_index_that_says_it_is_incomplete(folder, tmp_path, capsys):
    db = tmp_path / "index.sqlite"
    killed = subprocess.run([sys.executable, "-c", KILLED_RUN, str(folder), str(db)], cwd=PROJECT, capture_output=True, timeout=60)
    assert killed.returncode == -9, killed.stderr
    result = run_inprocess(capsys, "search", PHRASE, "--db", db)
    assert result.code == 0
    assert result.stderr == "mandiff: warning: the index is incomplete: 5 of 12 files; run `mandiff index` again\n"
    assert result.stdout.startswith("5 units; first use in the indexed corpus (5 resolutions, 2020-2024): S/RES/9000 (2020)")
    as_json = run_inprocess(capsys, "search", PHRASE, "--db", db, "--format", "json")
    assert json_index(as_json.stdout) == {"resolutions": 5, "first_year": 2020, "last_year": 2024, "complete": False,
                                          "files_done": 5, "files_expected": 12}
    again = run_inprocess(capsys, "index", folder, "--db", db)
    assert summary(again.stdout) == (12, 7, 5, 0, 0)
    complete = run_inprocess(capsys, "search", PHRASE, "--db", db)
    assert complete.stderr == "" and complete.stdout.startswith("12 units; first use in the indexed corpus (12 resolutions, 2020-2031)")


def json_index(stdout: str) -> dict:
    import json

    return json.loads(stdout)["index"]


def test_search_names_the_corpus_it_searched_never_a_bare_first_used(folder, tmp_path, capsys):
    db = tmp_path / "index.sqlite"
    run_inprocess(capsys, "index", folder, "--db", db)
    result = run_inprocess(capsys, "search", PHRASE, "--db", db)
    first_line = result.stdout.splitlines()[0]
    assert first_line == "12 units; first use in the indexed corpus (12 resolutions, 2020-2031): S/RES/9000 (2020) OP11 (2020-06-30)"
    assert "first used" not in result.stdout
    none = run_inprocess(capsys, "search", "Ruritania", "--db", db)
    assert none.stdout == "no unit contains 'Ruritania' in the indexed corpus (12 resolutions, 2020-2031)\n"


# ---- the summary, and the per-file bound --------------------------------------------------------------


def test_the_summary_adds_up_over_runs_that_add_change_break_and_remove_files(folder, tmp_path, capsys):
    db = tmp_path / "index.sqlite"
    write(folder / "empty.txt", "")
    assert summary(run_inprocess(capsys, "index", folder, "--db", db).stdout) == (13, 12, 0, 1, 0)
    write(folder / "r00.txt", fictional(9000, 2020, words=3))  # changed
    write(folder / "r01.txt", "not a resolution at all\n")  # broken
    (folder / "r02.txt").unlink()  # removed
    write(folder / "r50.txt", fictional(9050, 2050))  # new
    second = run_inprocess(capsys, "index", folder, "--db", db)
    assert summary(second.stdout) == (13, 2, 9, 2, 1)
    assert sorted(Path(line.split(": ")[2]).name for line in second.stderr.splitlines()) == ["empty.txt", "r01.txt"]


def test_each_file_is_bounded_like_one_file_on_the_command_line(folder, tmp_path, capsys):
    """One hostile or oversized file is listed as failed and the corpus goes on; the CLI's --max-* apply."""
    write(folder / "bomb.html", '<html><body><p>The Security Council,</p><ol type="A" start="10000000000"><li>Decides;</li></ol></body></html>')
    write(folder / "large.txt", fictional(9077, 2077, words=3000))
    db = tmp_path / "index.sqlite"
    result = run_cli("index", folder, "--db", db, "--max-bytes", 20_000, guard=60)
    assert result.code == 0, result.stderr
    assert summary(result.stdout) == (14, 12, 0, 2, 0)
    warnings = sorted(result.stderr.splitlines())
    assert len(warnings) == 2
    assert "bomb.html: list number 10,000,000,000 is past 10,000" in warnings[0]
    assert "large.txt: file is 27," in warnings[1] and "(raise it with --max-bytes)" in warnings[1]
    stats = build_index([folder], tmp_path / "default.sqlite")  # the library's default limits let the large file in
    assert (stats.parsed, stats.failed) == (13, 1)


# ---- full and read-only disks -------------------------------------------------------------------------


def test_a_full_disk_is_one_line_and_the_index_then_says_it_is_incomplete(folder, tmp_path, capsys, monkeypatch):
    for i in range(12):
        write(folder / f"r{i:02d}.txt", fictional(9000 + i, 2020 + i, words=4000))
    with mounted(tmp_path / "small", size_kb=160) as disk:
        db = (disk or tmp_path) / "index.sqlite"
        if disk is None:  # no tmpfs here: the same error, simulated after the fifth file
            real_store = index_module._store
            calls = []

            def filling(*args):
                calls.append(1)
                if len(calls) > 5:
                    raise sqlite3.OperationalError("database or disk is full")
                return real_store(*args)

            monkeypatch.setattr(index_module, "_store", filling)
        assert_one_error(run_inprocess(capsys, "index", folder, "--db", db), db, "cannot write the index: the disk is full")
        result = run_inprocess(capsys, "search", PHRASE, "--db", db)
        assert result.code == 0
        assert result.stderr.startswith("mandiff: warning: the index is incomplete: ")


def test_a_read_only_disk_is_one_line_and_searching_it_still_works(folder, tmp_path, capsys, monkeypatch):
    with mounted(tmp_path / "ro", size_kb=1024) as disk:
        place = disk or tmp_path
        db = place / "index.sqlite"
        assert run_inprocess(capsys, "index", folder, "--db", db).code == 0
        before = digest(db)
        if disk is not None:
            with remounted_readonly(disk):
                update = run_inprocess(capsys, "index", folder, "--db", db)
                fresh = run_inprocess(capsys, "index", folder, "--db", place / "new.sqlite")
                searched = run_inprocess(capsys, "search", PHRASE, "--db", db)
        else:  # simulated: SQLite's answer on a read-only file system, and os.open's
            real_connect = sqlite3.connect

            def read_only(path, *args, **kwargs):
                conn = real_connect(f"file:{path}?mode=ro", *args, uri=True, **kwargs)
                return conn

            monkeypatch.setattr(index_module.sqlite3, "connect", read_only)
            update = run_inprocess(capsys, "index", folder, "--db", db)
            real_open = os.open

            def no_create(path, flags, *args):
                if flags & os.O_CREAT and not os.path.exists(path):
                    raise OSError(errno.EROFS, os.strerror(errno.EROFS))
                return real_open(path, flags, *args)

            monkeypatch.setattr(index_module.os, "open", no_create)
            fresh = run_inprocess(capsys, "index", folder, "--db", place / "new.sqlite")
            searched = run_inprocess(capsys, "search", PHRASE, "--db", db)
        assert_one_error(update, db, "cannot write the index: the file or its disk is read-only")
        assert_one_error(fresh, place / "new.sqlite", "cannot create the index: read-only file system")
        assert searched.code == 0 and searched.stdout.startswith("12 units;") and searched.stderr == ""
        assert digest(db) == before
