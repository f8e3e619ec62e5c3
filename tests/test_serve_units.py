"""mandiff serve, the parts without a server: the library reads an upload as it reads the file it came
from; the spool reads a form in bounds and keeps nothing; the Host and token checks; and no command but
``serve`` imports the web framework.

Inputs are the fictional example pair and checklists written here (fictional, UN style).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mandiff.checklist import run_check
from mandiff.cli import main
from mandiff.checklist_parse import read_checklist
from mandiff.errors import FormatError, InputError
from mandiff.ingest import Upload, read_bytes
from mandiff.lexicon import load_lexicon
from mandiff.limits import Limits
from mandiff.pipeline import parse_input, parse_path
from mandiff.render.jsonout import to_json_text

from conftest import EXAMPLES
from serve_support import multipart, require_serve_extra

OLD = EXAMPLES / "S-RES-9901-2031-fictional.txt"
NEW = EXAMPLES / "S-RES-9950-2032-fictional.txt"
ASKS = "We ask the Council to maintain S/RES/9901 (2031) OPs 4, 6(b), 9 and PP3.\n"


def _upload(path: Path) -> Upload:
    return Upload(path.read_bytes(), path.name)


# ---- the library reads an Upload as the file it came from ------------------------------------------------


def test_an_upload_parses_as_its_file():
    assert parse_input(Upload(OLD.read_bytes(), str(OLD))) == parse_path(str(OLD))


def test_check_of_uploads_equals_check_of_files(tmp_path):
    asks = tmp_path / "asks.txt"
    asks.write_text(ASKS, encoding="utf-8")
    by_path = run_check(str(asks), str(NEW), old_path=str(OLD))
    by_upload = run_check(Upload(ASKS.encode(), str(asks)), _upload(NEW), old_path=_upload(OLD))
    assert to_json_text(by_upload) == to_json_text(by_path)
    assert read_checklist(Upload(ASKS.encode(), "asks.txt")).items == read_checklist(str(asks)).items


def test_a_checklist_uploaded_as_new_is_refused_as_from_a_file():
    with pytest.raises(InputError, match="did you swap CHECKLIST and NEW") as caught:
        run_check(_upload(OLD), Upload(ASKS.encode(), "note.txt"), old_path=_upload(OLD))
    assert caught.value.source == "note.txt"


def test_an_uploaded_lexicon_is_read_and_its_errors_name_it():
    lexicon = load_lexicon(Upload(b'[[rules]]\ncategory = "participation"\nterms = ["valdorian women mediators"]\n', "ours.toml"))
    assert any("valdorian women mediators" in str(spec) for spec, _source in lexicon.specs)
    with pytest.raises(FormatError, match="not valid TOML") as caught:
        load_lexicon(Upload(b"not toml [", "broken.toml"))
    assert caught.value.source == "broken.toml"


def test_the_size_limit_says_the_same_for_an_upload_and_a_file(tmp_path):
    limits = Limits(max_bytes=1000)
    with pytest.raises(InputError) as from_bytes:
        read_bytes(OLD.read_bytes(), OLD.name, limits)
    with pytest.raises(InputError) as from_file:
        parse_path(str(OLD), limits)
    assert str(from_bytes.value) == str(from_file.value).replace(str(OLD), OLD.name)
    assert "over the limit of 1,000 (raise it with --max-bytes)" in str(from_bytes.value)


# ---- jobs: every output of render.outputs, as the CLI writes it ---------------------------------------------


def test_symbols_typed_in_a_list():
    from mandiff.serve.jobs import symbols_in

    assert symbols_in("2100 2164, S/RES/2480 (2019)\ns/res/2531") == ["2100", "2164", "S/RES/2480 (2019)", "s/res/2531"]
    for bad in ("2480 ../../etc/passwd", "123456", "2480 (2019) x"):
        with pytest.raises(InputError):
            symbols_in(bad)


def test_a_typed_path_is_never_read_as_a_file():
    from mandiff.serve.jobs import one_input

    for typed in (str(OLD), "/etc/passwd", "../README.md"):
        with pytest.raises(InputError, match="not a resolution symbol"):
            one_input(None, typed, "OLD")


def test_outputs_are_the_cli_bytes_for_every_format(tmp_path, monkeypatch):
    from mandiff.render.outputs import formats
    from mandiff.serve.jobs import compare_job

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")
    report = compare_job(_upload(OLD), _upload(NEW), None, Limits())
    assert [d.fmt for d in report.downloads] == list(formats("diff"))
    monkeypatch.chdir(EXAMPLES)
    for d in report.downloads:  # the CLI in this process (test_serve_http.py runs it as a command)
        out = tmp_path / d.filename
        with pytest.raises(SystemExit) as done:
            main(["diff", OLD.name, NEW.name, "-o", str(out)])
        assert done.value.code == 0
        assert out.read_bytes() == d.data, d.fmt


# ---- the spool: bounds, the token first, nothing kept ---------------------------------------------------------


def _read(body: bytes, kind: str, root: Path, max_request: int = 10_000_000, max_file: int = 5_000_000,
          threshold: int = 1024, token: str = "good", chunk: int = 4096, declared: int | None = None):
    require_serve_extra()
    import anyio

    from mandiff.serve.spool import Bounds, Spool, read_form

    async def stream():
        for k in range(0, len(body), chunk):
            yield body[k:k + chunk]

    headers = {"content-type": kind, "content-length": str(len(body) if declared is None else declared)}
    spool = Spool(root, threshold)

    async def main():
        try:
            form = await read_form(headers, stream(), spool, Bounds(max_request, max_file, frozenset({"long"})),
                                   lambda t: t == token)
            return form, [(f.field, f.name, f.size, f.on_disk, f.read()) for f in form.files], spool.folder
        finally:
            spool.remove()

    return anyio.run(main)


def test_a_form_is_read_into_memory_and_past_the_threshold_onto_disk(tmp_path):
    body, kind = multipart([("csrf", "good"), ("old_symbol", "2480")],
                           [("old_file", "C:\\Users\\me\\small.txt", b"x" * 100), ("new_file", "big.txt", b"y" * 5000),
                            ("lexicon", "", b"")])
    form, files, folder = _read(body, kind, tmp_path)
    assert form.fields == {"old_symbol": ["2480"]}
    assert files == [("old_file", "small.txt", 100, False, b"x" * 100), ("new_file", "big.txt", 5000, True, b"y" * 5000)]
    assert folder is not None and folder.parent == tmp_path  # the big file touched the disk ...
    assert list(tmp_path.iterdir()) == []  # ... and nothing is left


def test_a_file_over_the_per_file_limit_is_counted_not_kept(tmp_path):
    body, kind = multipart([("csrf", "good")], [("new_file", "huge.pdf", b"z" * 9000)])
    _form, files, _ = _read(body, kind, tmp_path, max_file=3000)
    assert files == [("new_file", "huge.pdf", 9000, True, b"z" * 3000)]


@pytest.mark.parametrize("case, status", [
    ("declared", 413), ("counted", 413), ("no token", 403), ("wrong token", 403), ("token after a file", 403),
    ("long field", 413), ("not multipart", 400), ("many files", 413),
])
def test_refusals(tmp_path, case, status):
    from mandiff.serve.spool import MAX_FILES, Refused

    fields, files, args = [("csrf", "good")], [("old_file", "a.txt", b"a" * 5000)], {}
    kind_override = None
    if case == "declared":
        args["declared"] = 20_000_000
    elif case == "counted":
        args.update(declared=100, max_request=4000)
    elif case == "no token":
        fields = []
    elif case == "wrong token":
        fields = [("csrf", "evil")]
    elif case == "token after a file":
        fields = []
        files.append(("csrf", "x", b"good"))
    elif case == "long field":
        fields.append(("symbols", "1 " * 40_000))
    elif case == "not multipart":
        kind_override = "application/x-www-form-urlencoded"
    elif case == "many files":
        files = [("files", f"{k}.txt", b"1") for k in range(MAX_FILES + 1)]
    body, kind = multipart(fields, files)
    with pytest.raises(Refused) as refused:
        _read(body, kind_override or kind, tmp_path, **args)
    assert refused.value.status == status
    assert list(tmp_path.iterdir()) == []


def test_a_long_field_may_be_as_long_as_a_file(tmp_path):
    pasted = "maintain S/RES/9901 (2031) OP 4\n" * 3000  # 96 KB: a pasted note, over the 64 KB of a plain field
    body, kind = multipart([("csrf", "good"), ("long", pasted)], [])
    form, _files, _ = _read(body, kind, tmp_path)
    assert form.value("long") == pasted


def test_the_spool_root_must_be_private(tmp_path):
    require_serve_extra()
    from mandiff.serve.spool import spool_root, sweep

    made = spool_root(tmp_path / "new" / "root")
    assert made.is_dir() and (made.stat().st_mode & 0o777) == 0o700
    link = tmp_path / "link"
    link.symlink_to(made)
    with pytest.raises(InputError, match="link"):
        spool_root(link)
    dead = made / "999999999-abc"  # the folder of a server that was killed: no such process
    dead.mkdir()
    (dead / "upload").write_bytes(b"left behind")
    alive = made / f"{__import__('os').getpid()}-def"
    alive.mkdir()
    assert sweep(made) == 1
    assert sorted(p.name for p in made.iterdir()) == [alive.name]


def test_display_names_are_file_names_without_controls():
    require_serve_extra()
    from mandiff.serve.spool import display_name

    assert display_name("../../etc/passwd") == "passwd"
    assert display_name("C:\\fakepath\\S-RES-2480.pdf") == "S-RES-2480.pdf"
    assert display_name("a\x1b[31mb\u202ec.txt") == "a[31mbc.txt"
    assert display_name("") == "upload"


# ---- the Host check and the tokens ---------------------------------------------------------------------------


def test_allowed_hosts():
    require_serve_extra()
    from mandiff.serve.guard import allowed_hosts

    assert allowed_hosts("127.0.0.1", 8765) == {"127.0.0.1:8765", "localhost:8765", "[::1]:8765"}
    assert "192.0.2.7:8765" in allowed_hosts("192.0.2.7", 8765)
    assert allowed_hosts("0.0.0.0", 80) == {"127.0.0.1:80", "localhost:80", "[::1]:80", "127.0.0.1", "localhost", "[::1]"}


def test_tokens_are_bound_to_the_session_and_the_process():
    require_serve_extra()
    from mandiff.serve.guard import Tokens

    one, other = Tokens(8765), Tokens(8765)
    session = Tokens.new_session()
    assert one.valid(session, one.token(session))
    assert not one.valid(Tokens.new_session(), one.token(session))
    assert not other.valid(session, one.token(session))  # a restarted server does not take old forms
    assert not one.valid(None, one.token(session)) and not one.valid("", "")


def test_a_host_beyond_loopback_is_warned_about_before_anything_listens(tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    done = subprocess.run([sys.executable, "-m", "mandiff", "serve", "--host", "0.0.0.0", "--port", "0",
                           "--spool", str(not_a_folder / "spool")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[0].startswith("mandiff: warning: --host 0.0.0.0 lets other machines reach this server")
    assert lines[1].startswith("mandiff: error: ") and "spool" in lines[1]
    from mandiff.serve import exposure_warning

    assert [exposure_warning(h) for h in ("127.0.0.1", "localhost", "::1", "127.0.0.2")] == [None] * 4


# ---- cold start: only `mandiff serve` imports the web framework ------------------------------------------------

_WEB = ("starlette", "uvicorn", "anyio", "python_multipart", "h11")
_PROBE = """
import io, json, sys
from mandiff.cli import main
web = set(json.loads(sys.argv[1]))
for args in json.loads(sys.argv[2]):
    sys.stdin = io.TextIOWrapper(io.BytesIO(sys.argv[3].encode()))
    try:
        main(args)
    except SystemExit as exc:
        assert exc.code == 0, (args, exc.code)
    print(json.dumps([args, sorted({m.split(".")[0] for m in sys.modules} & web)]), file=sys.stderr)
"""


def test_no_other_command_imports_the_web_framework():
    commands = [["--help"], ["serve", "--help"], ["diff", str(OLD), str(NEW), "--format", "json"],
                ["check", "-", str(NEW), "--old", str(OLD)]]
    done = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(_WEB), json.dumps(commands), ASKS],
                          capture_output=True, text=True, timeout=120)
    seen = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("[")]
    assert seen == [[args, []] for args in commands], done.stderr
    assert '"pairs"' in done.stdout and "OP 4     weakened" in done.stdout  # the commands did their work


def test_the_search_page_says_how_to_build_a_missing_index(tmp_path):
    require_serve_extra()
    from starlette.requests import Request

    from mandiff.serve.app import App, AppSettings

    app = App(AppSettings(limits=Limits(), max_request=1, root=tmp_path, port=8765, db=str(tmp_path / "none.sqlite")))
    page = app.form_page(Request({"type": "http", "method": "GET", "path": "/search", "headers": [], "query_string": b""}), "search")
    text = page.body.decode("utf-8")
    assert "No index yet" in text and str(tmp_path / "none.sqlite") in text and "mandiff index FOLDER" in text
    assert 'name="phrase"' not in text  # no form to search nothing with


def test_the_result_page_allows_exactly_the_reports_own_hashes():
    require_serve_extra()
    from mandiff.serve.app import _hashes

    report = ('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'sha256-AAA=\'; '
              'script-src \'sha256-BBB+/=\' \'unsafe-inline\' https://evil.example; ">')
    assert _hashes(report, "script-src") == ("'sha256-BBB+/='",)
    assert _hashes(report, "style-src") == ("'sha256-AAA='",)
    assert _hashes("<html>no policy</html>", "script-src") == ()
