"""``-o`` never loses data: not an input, not a device node, not a file's permissions, not half a file.

Found by probing (issue 18): ``mandiff diff OLD n.txt -o n.txt`` overwrote its own input, ``-o /dev/null``
as root replaced the device with a regular file, a 0600 file came back 0644, a read-only folder gave
"internal error". Inputs are the fictional examples shipped in the project and files made here.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES, PROJECT
from filesystems import mounted, remounted_readonly
from test_hostile_input import assert_one_error, run_inprocess, write

OLD_TEXT = (EXAMPLES / "S-RES-9901-2031-fictional.txt").read_bytes()
NEW_TEXT = (EXAMPLES / "S-RES-9950-2032-fictional.txt").read_bytes()
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
LEXICON = '[[rules]]\ncategory = "participation"\nterms = ["fictional talks"]\n'


@pytest.fixture
def pair(tmp_path):
    return write(tmp_path / "old.txt", OLD_TEXT), write(tmp_path / "new.txt", NEW_TEXT)


def fingerprint(path: Path) -> tuple:
    st = os.lstat(path)
    return path.read_bytes(), st.st_ino, st.st_mtime_ns, stat.S_IMODE(st.st_mode)


def no_temporary_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.startswith(".mandiff-")]


# ---- an input is never the output ----------------------------------------------------------------


def commands(old: Path, new: Path, lexicon: Path):
    """Every command that has -o, with the inputs it reads; the output goes last."""
    return {
        "parse": (["parse", new], [new]),
        "tag": (["tag", new, "--lexicon", lexicon, "--format", "json"], [new, lexicon]),  # --format: a .toml output is allowed
        "diff": (["diff", old, new], [old, new]),
        "diff --lexicon": (["diff", old, new, "--lexicon", lexicon, "--format", "json"], [lexicon]),
        "check --all-wps": (["check", "--all-wps", old, new], [old, new]),
        "chain": (["chain", old, new], [old, new]),
    }


@pytest.mark.parametrize("name", ["parse", "tag", "diff", "diff --lexicon", "check --all-wps", "chain"])
def test_an_output_that_is_an_input_is_refused_and_the_input_is_intact(pair, tmp_path, capsys, name):
    old, new = pair
    lexicon = write(tmp_path / "terms.toml", LEXICON)
    args, inputs = commands(old, new, lexicon)[name]
    for victim in inputs:
        before = fingerprint(victim)
        line = assert_one_error(run_inprocess(capsys, *args, "-o", victim), victim, "is an input of this command")
        assert "choose another output file" in line
        assert fingerprint(victim) == before, victim
    assert no_temporary_files(tmp_path)


def test_the_same_file_under_another_name_is_refused_symlink_or_hard_link(pair, tmp_path, capsys):
    old, new = pair
    (tmp_path / "sym.txt").symlink_to(new)
    os.link(new, tmp_path / "hard.txt")
    (tmp_path / "relative.txt").symlink_to("new.txt")
    before = fingerprint(new)
    for alias in ("sym.txt", "hard.txt", "relative.txt"):
        line = assert_one_error(run_inprocess(capsys, "diff", old, new, "-o", tmp_path / alias), tmp_path / alias,
                                "is an input of this command", "through a link")
        assert str(new) in line
    # the input named through a link, the output by its real name
    assert_one_error(run_inprocess(capsys, "diff", old, tmp_path / "sym.txt", "-o", new), new, "is an input")
    assert fingerprint(new) == before
    assert (tmp_path / "sym.txt").is_symlink()


def test_an_output_that_does_not_exist_yet_is_written_with_the_usual_mode(pair, tmp_path, capsys):
    old, new = pair
    out = tmp_path / "report.json"
    assert run_inprocess(capsys, "diff", old, new, "-o", out).code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    assert out.read_text().startswith("{")


# ---- devices, FIFOs, links ------------------------------------------------------------------------


@pytest.mark.skipif(not ROOT, reason="making a device node needs root (CI runs as root)")
def test_a_character_device_is_written_to_never_replaced(pair, tmp_path, capsys):
    old, new = pair
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the same device as /dev/null
    link = tmp_path / "null-link"
    link.symlink_to(null)
    for out in (null, link):
        assert run_inprocess(capsys, "diff", old, new, "-o", out, "--format", "json").code == 0
        assert stat.S_ISCHR(os.stat(null).st_mode) and os.stat(null).st_rdev == os.makedev(1, 3)
    assert link.is_symlink() and no_temporary_files(tmp_path)
    full = tmp_path / "full"
    os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # /dev/full: every write fails with ENOSPC
    assert_one_error(run_inprocess(capsys, "parse", new, "-o", full), full, "cannot write: no space left on device")
    disk = tmp_path / "disk"
    os.mknod(disk, stat.S_IFBLK | 0o600, os.makedev(7, 200))  # a loop device number: never opened
    assert_one_error(run_inprocess(capsys, "parse", new, "-o", disk), disk, "is a device or socket, not a file")
    assert stat.S_ISBLK(os.stat(disk).st_mode)


def test_a_fifo_is_written_to_never_replaced(pair, tmp_path, capsys):
    old, new = pair
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run_inprocess(capsys, "parse", new, "-o", fifo)
    reader.join(10)
    assert result.code == 0, result.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received and received[0].decode().startswith("S/RES/9950 (2032)")
    assert no_temporary_files(tmp_path)


def test_dash_is_standard_output(pair, capsys):
    _, new = pair
    result = run_inprocess(capsys, "parse", new, "-o", "-")
    assert result.code == 0 and result.stdout.startswith("S/RES/9950 (2032)")


def test_a_symbolic_link_is_followed_its_target_replaced_the_link_kept(pair, tmp_path, capsys):
    old, new = pair
    reports = tmp_path / "reports"
    reports.mkdir()
    target = write(reports / "2032.md", "yesterday")
    link = tmp_path / "latest.md"
    link.symlink_to(target)
    assert run_inprocess(capsys, "diff", old, new, "-o", link).code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text().startswith("# ")
    assert no_temporary_files(tmp_path) and no_temporary_files(reports)


@pytest.mark.skipif(not ROOT, reason="a link owned by another user needs root to make (CI runs as root)")
def test_a_link_planted_by_another_user_in_a_shared_folder_is_refused(pair, tmp_path, capsys):
    """The kernel's protected_symlinks rule: in a sticky world-writable folder (/tmp), do not follow a
    link that another user owns; as root, following it would let anyone overwrite any file."""
    _, new = pair
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    precious = write(tmp_path / "precious.conf", "secret=1\n")
    trap = shared / "report.txt"
    trap.symlink_to(precious)
    os.lchown(trap, 4242, 4242)
    assert_one_error(run_inprocess(capsys, "parse", new, "-o", trap), trap, "symbolic link owned by another user")
    assert precious.read_text() == "secret=1\n" and trap.is_symlink()
    os.lchown(trap, os.geteuid(), os.getegid())  # one's own link there is followed
    assert run_inprocess(capsys, "parse", new, "-o", trap).code == 0
    assert precious.read_text().startswith("S/RES/9950")


# ---- permissions and owner ------------------------------------------------------------------------


def test_an_existing_file_keeps_its_mode_and_owner(pair, tmp_path, capsys):
    _, new = pair
    out = write(tmp_path / "private.txt", "old")
    os.chmod(out, 0o600)
    owner = (4242, 4343) if ROOT else (os.getuid(), os.getgid())
    if ROOT:
        os.chown(out, *owner)
    assert run_inprocess(capsys, "parse", new, "-o", out).code == 0
    st = out.stat()
    assert (stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid) == (0o600, *owner)
    assert out.read_text().startswith("S/RES/9950")
    os.chmod(out, 0o640)
    assert run_inprocess(capsys, "parse", new, "-o", out).code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


@pytest.mark.skipif(ROOT, reason="root may write any file: this case exists only for other users")
def test_a_file_the_user_may_not_write_is_refused_not_replaced(pair, tmp_path, capsys):
    _, new = pair
    out = write(tmp_path / "locked.txt", "keep me")
    os.chmod(out, 0o444)
    assert_one_error(run_inprocess(capsys, "parse", new, "-o", out), out, "permission denied")
    assert out.read_text() == "keep me"


# ---- full and read-only disks ---------------------------------------------------------------------


def test_a_full_disk_is_one_line_and_the_old_file_stays(pair, tmp_path, capsys, monkeypatch):
    old, new = pair
    with mounted(tmp_path / "small", size_kb=16) as disk:
        folder = disk or tmp_path
        out = write(folder / "report.html", "the report of yesterday")
        if disk is None:  # no tmpfs here: the same error, simulated
            real_fdopen = os.fdopen

            def full_disk(fd, *args, **kwargs):
                handle = real_fdopen(fd, *args, **kwargs)

                def write(_data):
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

                handle.write = write
                return handle

            monkeypatch.setattr("mandiff.output.os.fdopen", full_disk)
        result = run_inprocess(capsys, "diff", old, new, "-o", out)  # the HTML report is ~60 KB
        assert_one_error(result, out, "cannot write: no space left on device")
        assert out.read_text() == "the report of yesterday"
        assert no_temporary_files(folder)


def test_a_read_only_folder_is_one_line_not_an_internal_error(pair, tmp_path, capsys, monkeypatch):
    _, new = pair
    with mounted(tmp_path / "ro") as disk:
        folder = disk or tmp_path
        out = write(folder / "report.txt", "the report of yesterday")
        if disk is not None:
            with remounted_readonly(disk):
                result = run_inprocess(capsys, "parse", new, "-o", out)
                fresh = run_inprocess(capsys, "parse", new, "-o", folder / "fresh.txt")
        else:
            def read_only(*_args, **_kwargs):
                raise OSError(errno.EROFS, os.strerror(errno.EROFS))

            monkeypatch.setattr("mandiff.output.tempfile.mkstemp", read_only)
            result = run_inprocess(capsys, "parse", new, "-o", out)
            fresh = run_inprocess(capsys, "parse", new, "-o", folder / "fresh.txt")
        assert_one_error(result, out, "cannot write: read-only file system")
        assert_one_error(fresh, folder / "fresh.txt", "cannot write: read-only file system")
        assert out.read_text() == "the report of yesterday"
        assert not (folder / "fresh.txt").exists() and no_temporary_files(folder)


# ---- termination signals --------------------------------------------------------------------------


SLOW_WRITER = """
import os, signal, sys, time
from mandiff import output

# the disposition a user's own process has: a test runner started with nohup, or as a background job,
# passes the signal on as ignored, and an ignored signal is rightly left alone by mandiff
signal.signal(getattr(signal, sys.argv[3]), signal.default_int_handler if sys.argv[3] == "SIGINT" else signal.SIG_DFL)

real_fdopen = os.fdopen

def slow_fdopen(fd, *args, **kwargs):
    handle = real_fdopen(fd, *args, **kwargs)
    real_write = handle.write

    def write(data):
        real_write(data[: len(data) // 2])
        handle.flush()
        open(sys.argv[2], "w").close()  # tell the test: the temporary file exists, half written
        time.sleep(60)
        return real_write(data[len(data) // 2:])

    handle.write = write
    return handle

output.os.fdopen = slow_fdopen
output.write_atomic(sys.argv[1], "<html>" + "new report " * 10000 + "</html>")
"""


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_during_the_write_leaves_the_old_file_and_no_temporary_file(tmp_path, signame):
    out = write(tmp_path / "report.html", "the report of yesterday")
    ready = tmp_path.parent / f"{tmp_path.name}-ready"
    process = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(out), str(ready), signame], cwd=PROJECT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _ in range(400):  # wait (up to 20 s) until the temporary file is there, half written
            if ready.exists() or process.poll() is not None:
                break
            time.sleep(0.05)
        assert ready.exists(), process.communicate(timeout=5)
        assert not no_temporary_files(tmp_path)  # guard: the signal arrives while the temporary file exists
        process.send_signal(getattr(signal, signame))
        _, stderr = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -getattr(signal, signame), stderr  # it still ends by the signal, as asked
    assert out.read_text() == "the report of yesterday"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
