"""mandiff serve over HTTP, as a browser or an attacker would talk to it: a real server (the ``serve``
command in a subprocess) on 127.0.0.1 and plain HTTP clients.

Inputs: the fictional example pair, read as files, as DOCX files that carry a 1.5 MB picture (larger
than the spool threshold, so that they really go to disk: Word files with images are common), and as
PDFs in the download cache for the symbols; checklists written here (fictional, UN style). The two
slow comparisons are long texts made of real operative paragraphs of the corpus (skipped without it).
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import subprocess
import sys
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import CORPUS, EXAMPLES
from serve_support import (
    downloads,
    environment,
    error_on_form,
    multipart,
    post,
    raw_connection,
    read_status,
    report_in,
    request,
    running_server,
    session,
)

OLD = EXAMPLES / "S-RES-9901-2031-fictional.txt"
NEW = EXAMPLES / "S-RES-9950-2032-fictional.txt"
MAX_BYTES = 2_000_000
MAX_REQUEST = 3 * MAX_BYTES + 1024 * 1024  # the default: three files and 1 MiB of fields
THRESHOLD = 1024 * 1024  # spool.THRESHOLD
ASKS = "Our asks for the renewal of MINUVAL\r\n\r\nWe ask the Council to maintain S/RES/9901 (2031) OPs 4, 6(b), 9 and PP3.\r\n"
CLI_RUNS = """
import io, json, sys
from mandiff.cli import main
stdin = sys.stdin.buffer.read()
for args in json.loads(sys.argv[1]):
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))  # each run reads the same standard input
    try:
        main(args)
    except SystemExit as exc:
        assert exc.code == 0, (args, exc.code)
"""


def _docx_with_picture(path: Path, seed: int) -> bytes:
    """The resolution as a Word file carrying an incompressible 1.5 MB picture, as reports with photos do."""
    from render_docs import render_docx, spec_from_path

    out = io.BytesIO(render_docx(spec_from_path(path)))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/media/image1.png", random.Random(seed).randbytes(1_500_000))
    return out.getvalue()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One server for the module: --max-bytes 2,000,000, an index of the examples, the pair in the cache."""
    from render_docs import render_pdf, spec_from_path

    tmp = tmp_path_factory.mktemp("serve")
    cache = tmp / "cache"
    cache.mkdir()
    for path, name in ((OLD, "S_RES_9901_2031_EN.pdf"), (NEW, "S_RES_9950_2032_EN.pdf")):
        (cache / name).write_bytes(render_pdf(spec_from_path(path)))
    env = environment(tmp)
    subprocess.run([sys.executable, "-m", "mandiff", "index", str(EXAMPLES), "--db", str(tmp / "index.sqlite")],
                   env=env, check=True, capture_output=True, timeout=120)
    with running_server(tmp, "--max-bytes", str(MAX_BYTES), "--db", str(tmp / "index.sqlite"), "--workers", "4",
                        env=env) as server:
        server.tmp = tmp
        server.env = env
        yield server
    assert server.spooled() == []


def _cli_outputs(served, folder: Path, commands: list[tuple[list[str], str]], stdin: str | None = None,
                 cwd: Path = EXAMPLES) -> dict[str, bytes]:
    """{format: the bytes the CLI writes with -o FILE}, for each (args, file name)."""
    folder.mkdir(exist_ok=True)
    runs = [[*args, "-o", str(folder / name)] for args, name in commands]
    subprocess.run([sys.executable, "-c", CLI_RUNS, json.dumps(runs)], cwd=cwd, env=served.env, input=stdin,
                   text=True, check=True, capture_output=True, timeout=300)
    return {name: (folder / name).read_bytes() for _args, name in commands}


def _compare_pair(served, s, old=OLD, new=NEW):
    return post(served, "compare", s, [("old_symbol", ""), ("new_symbol", "")],
                [("old_file", old.name, old.read_bytes()), ("new_file", new.name, new.read_bytes()), ("lexicon", "", b"")])


# ---- who may talk to it -------------------------------------------------------------------------------------


def test_a_foreign_host_header_is_refused(served):
    for host in ("evil.example", f"evil.example:{served.port}", f"127.0.0.1:{served.port + 1}", "127.0.0.1", ""):
        answer = request(served, "GET", "/compare", headers={"Host": host})
        assert answer.status == 400, host
        assert b"csrf" not in answer.body and "answers only to the address" in answer.text
    for host in (f"127.0.0.1:{served.port}", f"localhost:{served.port}", f"[::1]:{served.port}", f"LOCALHOST:{served.port}"):
        assert request(served, "GET", "/compare", headers={"Host": host}).status == 200, host
    s = session(served)
    refused = post(served, "compare", s, files=[("old_file", OLD.name, OLD.read_bytes())], headers={"Host": "evil.example"})
    assert refused.status == 400


def test_a_post_without_this_servers_token_is_refused(served):
    s, other = session(served), session(served)
    files = [("old_file", OLD.name, OLD.read_bytes()), ("new_file", NEW.name, NEW.read_bytes())]
    cases = {
        "no token": post(served, "compare", s, files=files, token=False),
        "no cookie": post(served, "compare", None, [("csrf", s.token)], files),
        "another session's token": post(served, "compare", other, [("csrf", s.token)], files, token=False),
        "a made-up token": post(served, "compare", s, [("csrf", "0" * 64)], files, token=False),
        "from another site": post(served, "compare", s, files=files, headers={"Origin": "http://evil.example"}),
        "cross-site fetch": post(served, "compare", s, files=files, headers={"Sec-Fetch-Site": "cross-site"}),
    }
    assert {k: a.status for k, a in cases.items()} == {k: 403 for k in cases}
    assert "srcdoc" not in cases["no token"].text and "CSRF token" in cases["no token"].text
    assert _compare_pair(served, s).status == 200  # the same form with its token goes through
    assert served.wait_for_empty_root() == []


def test_every_page_has_a_strict_policy_and_nothing_else_is_served(served):
    for page in ("compare", "check", "chain", "search"):
        answer = request(served, "GET", f"/{page}")
        assert answer.status == 200
        csp = answer.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "form-action 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe" not in csp and "http" not in csp
        assert answer.headers["x-frame-options"] == "DENY" and answer.headers["x-content-type-options"] == "nosniff"
        assert len(re.findall(r'<form [^>]*method="post"', answer.text)) == len(re.findall(r'name="csrf" value="[0-9a-f]{64}"', answer.text)) >= (page != "search")
    assert request(served, "GET", "/").status == 303
    for path in ("/templates/", "/templates/report.css", "/mandiff/", "/static/", "/../../etc/passwd", "/%2e%2e/setup.cfg",
                 "/compare/..%2f..%2fsetup.cfg", "/.env"):
        answer = request(served, "GET", path)
        assert answer.status == 404, path
        assert answer.headers["content-security-policy"].startswith("default-src 'none'")


# ---- too large: refused before it is read ----------------------------------------------------------------------


def _head(served, s, extra: str) -> bytes:
    return (f"POST /compare HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\nCookie: {s.cookie}\r\n"
            f"Content-Type: multipart/form-data; boundary=xyz\r\n{extra}\r\n").encode()


def test_a_body_declared_over_the_limit_is_refused_before_it_is_sent(served):
    s = session(served)
    with raw_connection(served) as sock:
        sock.sendall(_head(served, s, f"Content-Length: {MAX_REQUEST + 1}\r\n"))  # and not one byte of it
        assert read_status(sock) == 413


def test_a_streamed_body_is_refused_once_it_passes_the_limit(served):
    """Chunked, so no length is declared: the server counts, and answers 413 while the client is still
    sending (the last chunk is never sent)."""
    s = session(served)
    body, _kind = multipart([("csrf", s.token)], [("old_file", "big.txt", b"x" * (MAX_REQUEST + 2 * THRESHOLD))])
    status = 0
    with raw_connection(served) as sock:
        sock.sendall(_head(served, s, "Transfer-Encoding: chunked\r\n").replace(b"xyz", body[2:body.index(b"\r\n")]))
        for k in range(0, len(body), 256 * 1024):
            piece = body[k:k + 256 * 1024]
            try:
                sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
            except (BrokenPipeError, ConnectionResetError):
                break
            import select

            if select.select([sock], [], [], 0)[0]:
                break
        status = read_status(sock)
    assert status == 413
    assert served.wait_for_empty_root() == []


# ---- nothing kept ------------------------------------------------------------------------------------------------


def test_a_client_that_leaves_mid_upload_leaves_nothing(served):
    s = session(served)
    body, kind = multipart([("csrf", s.token)], [("old_file", "big.docx", _docx_with_picture(OLD, 1) * 2)])
    head = (f"POST /compare HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\nCookie: {s.cookie}\r\n"
            f"Content-Type: {kind}\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    sock = raw_connection(served)
    sock.sendall(head + body[: 2 * THRESHOLD])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not any(p.is_file() and p.stat().st_size >= THRESHOLD for p in served.spooled()):
        time.sleep(0.02)
    assert any(p.is_file() and p.stat().st_size >= THRESHOLD for p in served.spooled()), "the upload never reached the disk"
    sock.close()
    assert served.wait_for_empty_root() == []


def test_twenty_comparisons_at_once_complete_and_leave_nothing(served, tmp_path):
    old_docx = _docx_with_picture(OLD, 1)
    assert len(old_docx) > THRESHOLD
    (tmp_path / "old.docx").write_bytes(old_docx)
    want = _cli_outputs(served, tmp_path / "cli", [(["diff", "old.docx", str(NEW)], "report.json")], cwd=tmp_path)
    s = session(served)
    seen_on_disk = []

    def one(k: int):
        return post(served, "compare", s, files=[("old_file", "old.docx", old_docx), ("new_file", NEW.name, NEW.read_bytes())])

    def watch(stop):
        while not stop.is_set():
            seen_on_disk.extend(p for p in served.spooled() if p.is_file())
            time.sleep(0.01)

    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(stop,))
    watcher.start()
    try:
        with ThreadPoolExecutor(20) as pool:
            answers = list(pool.map(one, range(20)))
    finally:
        stop.set()
        watcher.join()
    assert [a.status for a in answers] == [200] * 20
    assert all(downloads(a)["json"] == ("report.json", want["report.json"]) for a in answers)
    assert seen_on_disk, "no upload went to disk: they must be larger than the spool threshold"
    assert served.wait_for_empty_root() == []


def _long_resolution(paragraphs: list[str], number: int, year: int) -> bytes:
    head = (f"United Nations S/RES/{number} ({year})\n\nResolution {number} ({year})\n\nAdopted by the Security Council "
            f"at its {number - 31}th meeting, on 30 June {year}\n\nThe Security Council,\n\nRecalling its previous resolutions,\n\n")
    return (head + "\n\n".join(f"{k}. {t}" for k, t in enumerate(paragraphs, 1)) + "\n").encode("utf-8")


def test_two_slow_comparisons_and_a_search_all_complete(served, corpus_dir):
    from mandiff.pipeline import parse_path

    paragraphs = []
    for path in sorted(corpus_dir.glob("*.txt"))[700:760]:  # 1992-93: long, some WPS language
        paragraphs += [p.text for p in parse_path(str(path)) if p.kind == "operative" and p.parent is None and len(p.text) > 80]
    old = _long_resolution(paragraphs, 9901, 2031)
    edited = [t.replace("Requests", "Encourages") for t in paragraphs[:40] + paragraphs[45:]]
    new = _long_resolution(edited, 9950, 2032)
    s = session(served)
    done: list[str] = []

    def compare(k):
        answer = post(served, "compare", s, files=[("old_file", f"long-{k}.txt", old), ("new_file", "new.txt", new)])
        done.append(f"compare {k}")
        return answer

    def search():
        answer = post(served, "search", s, [("phrase", "meaningful participation")])
        done.append("search")
        return answer

    with ThreadPoolExecutor(3) as pool:
        slow = [pool.submit(compare, k) for k in (1, 2)]
        time.sleep(0.5)  # both comparisons under way
        quick = pool.submit(search)
        answers = [f.result() for f in (*slow, quick)]
    assert [a.status for a in answers] == [200, 200, 200]
    assert all('id="scorecard"' in report_in(a) for a in answers[:2])
    assert "First use in the indexed corpus" in answers[2].text and "<strong>S/RES/9901 (2031) PP 3</strong>" in answers[2].text
    assert done[0] == "search", f"the search waited for the comparisons: {done}"


# ---- the reports are the CLI's -------------------------------------------------------------------------------------


def test_compare_gives_the_cli_files_for_every_format(served, tmp_path):
    answer = _compare_pair(served, session(served))
    assert answer.status == 200
    got = downloads(answer)
    want = _cli_outputs(served, tmp_path, [(["diff", OLD.name, NEW.name], name) for name, _ in got.values()])
    assert {fmt: data for fmt, (_name, data) in got.items()} == {fmt: want[name] for fmt, (name, _d) in got.items()}
    assert report_in(answer).encode("utf-8") == got["html"][1]  # the page shows the very report it offers


def test_the_example_button_compares_the_shipped_pair(served):
    answer = post(served, "compare", session(served), [("example", "1")])
    assert answer.status == 200
    assert downloads(answer) == downloads(_compare_pair(served, session(served)))


def test_a_pasted_checklist_is_checked_as_the_cli_checks_it_from_standard_input(served, tmp_path):
    s = session(served)
    answer = post(served, "check", s, [("checklist_text", ASKS), ("new_symbol", ""), ("old_symbol", "")],
                  [("new_file", NEW.name, NEW.read_bytes()), ("old_file", OLD.name, OLD.read_bytes())])
    assert answer.status == 200
    got = downloads(answer)
    assert set(got) >= {"text", "json", "md", "html"}
    want = _cli_outputs(served, tmp_path, [(["check", "-", NEW.name, "--old", OLD.name], name) for name, _ in got.values()],
                        stdin=ASKS.replace("\r\n", "\n"))
    assert {fmt: data for fmt, (_name, data) in got.items()} == {fmt: want[name] for fmt, (name, _d) in got.items()}
    items = json.loads(got["json"][1])["items"]
    assert [(i["reference"], i["status"]) for i in items] == [("OP4", "weakened"), ("OP6(b)", "removed-from"),
                                                                ("OP9", "retained"), ("PP3", "strengthened")]


def test_a_chain_of_symbols_is_read_from_the_cache_as_the_cli_reads_it(served, tmp_path):
    answer = post(served, "chain", session(served), [("symbols", "S/RES/9950 (2032), S/RES/9901 (2031)")])
    assert answer.status == 200, error_on_form(answer)
    got = downloads(answer)
    want = _cli_outputs(served, tmp_path, [(["chain", "S/RES/9950 (2032)", "S/RES/9901 (2031)"], name) for name, _ in got.values()])
    assert {fmt: data for fmt, (_name, data) in got.items()} == {fmt: want[name] for fmt, (name, _d) in got.items()}
    assert 'data-code="reordered"' in answer.text  # the library's warning, on the page as in the report
    assert 'data-code="reordered"' in report_in(answer)


def test_a_word_draft_is_read_with_its_tracked_changes_as_chosen(served, tmp_path):
    from test_docx_drafts import negotiated_draft

    draft = negotiated_draft()
    (tmp_path / "draft.docx").write_bytes(draft)
    s = session(served)
    for reading in ("accept", "reject"):
        answer = post(served, "compare", s, [("revisions", reading)],
                      [("old_file", "draft.docx", draft), ("new_file", NEW.name, NEW.read_bytes())])
        assert answer.status == 200
        got = downloads(answer)["json"]
        want = _cli_outputs(served, tmp_path / reading, [(["diff", "draft.docx", str(NEW), "--revisions", reading], got[0])],
                            cwd=tmp_path)
        assert got[1] == want[got[0]]
        banner = re.search(r'<p class="warning" data-code="revisions">(.*?)</p>', answer.text, re.S).group(1)
        assert ("read as before them" in banner) == (reading == "reject")
    refused = post(served, "compare", s, [("revisions", "both")], [("old_file", "draft.docx", draft), ("new_file", NEW.name, NEW.read_bytes())])
    assert refused.status == 422 and "'accept' or 'reject'" in error_on_form(refused)
    assert '<option value="reject" selected>' in post(served, "chain", s, [("revisions", "reject")]).text  # the choice is kept


def test_warnings_are_on_the_page_and_in_the_report(served):
    answer = _compare_pair(served, session(served), old=NEW, new=OLD)
    assert answer.status == 200
    warning = re.search(r'<p class="warning" data-code="order">(.*?)</p>', answer.text, re.S)
    assert warning and "newer" in warning.group(1)
    assert warning.group(0) in report_in(answer)


# ---- errors come back on the form ---------------------------------------------------------------------------------


def test_errors_come_back_on_the_form_as_it_was_sent(served):
    from render_docs import render_scanned_pdf

    s = session(served)
    scan = post(served, "compare", s, [("old_symbol", "S/RES/9901 (2031)")],
                [("new_file", "draft-scan.pdf", render_scanned_pdf())])
    assert scan.status == 422
    assert error_on_form(scan).startswith("draft-scan.pdf: ")
    assert "The file refused: draft-scan.pdf." in scan.text
    assert 'name="new_file" id="new_file" aria-invalid="true"' in scan.text
    assert 'name="old_symbol" id="old_symbol" value="S/RES/9901 (2031)"' in scan.text

    swapped = post(served, "check", s, [("checklist_text", ASKS), ("old_symbol", "S/RES/9901 (2031)"), ("all_wps", "")],
                   [("new_file", "our-asks.txt", ASKS.encode())])
    assert swapped.status == 422
    assert error_on_form(swapped).startswith("our-asks.txt: this looks like a list of recommendations")
    assert "did you swap CHECKLIST and NEW?" in error_on_form(swapped)
    assert "We ask the Council to maintain S/RES/9901 (2031) OPs 4, 6(b), 9 and PP3." in swapped.text  # the paste is kept
    assert 'value="S/RES/9901 (2031)"' in swapped.text

    big = post(served, "compare", s, [("new_symbol", "S/RES/9950 (2032)")],
               [("old_file", "annual-report.txt", b"x" * (MAX_BYTES + 1))])
    assert big.status == 422
    assert error_on_form(big) == f"annual-report.txt: file is {MAX_BYTES + 1:,} bytes, over the limit of {MAX_BYTES:,} (raise it with --max-bytes)"
    assert 'value="S/RES/9950 (2032)"' in big.text

    both = post(served, "compare", s, [("old_symbol", "2480")], [("old_file", OLD.name, OLD.read_bytes()), ("new_file", NEW.name, NEW.read_bytes())])
    assert error_on_form(both) == "OLD: give a file or a symbol, not both"
    missing = post(served, "chain", s, [("symbols", "S/RES/9901 (2031)"), ("keep_order", "1")])
    assert error_on_form(missing) == "Chain: give at least two resolutions (files, symbols, or both)"
    assert 'name="keep_order" value="1" checked' in missing.text
    assert served.wait_for_empty_root() == []
