"""A searchable index of resolutions, so a negotiator can ask "has the Council agreed this before, and where?".

``build_index(dirs, db)`` parses (and, when ``mandiff.tag`` is available, tags) every resolution
file under ``dirs`` into one SQLite file with an FTS5 index over the units' text. A second run
re-reads only files whose size or modification time changed, and re-parses only those whose
content (SHA-256) changed. Files that do not parse, or are over the per-file limits (the same as
for one file on the command line), are recorded and counted, never fatal.

The file is stamped as a mandiff index (SQLite ``application_id`` and ``user_version``); any other
database is refused before anything is written to it, whatever its tables are called. One run at
a time holds the index (a second one waits); each run records how far it got, so that a run that
was killed leaves an index that says it is incomplete. Full, read-only and locked disks are one-line
errors.

``search(phrase, db)`` returns every unit containing the phrase, oldest first (year, number,
document order), so the first hit is the first time the Council used it. Matching runs on a
normalized form of the text (case, diacritics, punctuation, hyphenation and line wraps folded)
and is whole-word: "rape" does not match "grape".
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import os
import re
import sqlite3
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import InputError, MandiffError
from .limits import DEFAULT_LIMITS, Limits

try:
    import fcntl
except ImportError:  # not on Windows: runs are then not serialized
    fcntl = None

SCHEMA_VERSION = 3  # also the file's user_version; 3: stamped with APPLICATION_ID, records run progress
APPLICATION_ID = 0x4D444958  # "MDIX" in the SQLite header: what tells a mandiff index from another program's database
BUSY_TIMEOUT = 5.0  # seconds to wait for another program's lock on the index before saying so
NORMALIZER_VERSION = 1  # bump when ``normalize_for_search`` changes: the index is then rebuilt
DB_ENV = "MANDIFF_DB"
SUFFIXES = {".txt", ".pdf", ".docx", ".html", ".htm", ".xml", ".akn"}
COMMIT_EVERY = 100  # files per transaction: an interrupted run keeps most of its work

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    error TEXT,
    tagged INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL UNIQUE REFERENCES files(id) ON DELETE CASCADE,
    symbol TEXT, number INTEGER, year INTEGER, date TEXT, language TEXT
);
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    label TEXT NOT NULL, kind TEXT NOT NULL, parent TEXT, section TEXT,
    text TEXT NOT NULL,
    wps INTEGER NOT NULL DEFAULT 0,
    categories TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS units_doc ON units(doc_id, seq);
CREATE INDEX IF NOT EXISTS documents_order ON documents(year, number);
CREATE VIRTUAL TABLE IF NOT EXISTS units_fts USING fts5(norm, tokenize = 'unicode61 remove_diacritics 2');
"""


# ---- normalization -------------------------------------------------------------------------------

# A hyphen inside a word, or a hyphen at a line break ("peace-\nkeeping", "peace- keeping"): the two
# halves are joined so that every spelling of a hyphenated word meets in one token.
_WORD_HYPHEN = re.compile(r"(?<=\w)[\-\u00ad\u2010\u2011]\s*(?=\w)")
_NOT_WORD = re.compile(r"[\W_]+")


def normalize_for_search(text: str) -> str:
    """Lower-case words separated by single spaces, without diacritics, punctuation or hyphens."""
    text = unicodedata.normalize("NFKC", text or "").replace("\u00ad", "")
    text = _WORD_HYPHEN.sub("", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", text.casefold()).strip()


# ---- results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexStats:
    """What one ``build_index`` run did."""

    files: int  # resolution files found under the folders: parsed + unchanged + failed
    parsed: int  # read and indexed in this run (new or changed)
    unchanged: int  # indexed before and unchanged since: same size and mtime, or same content
    failed: int  # could not be read or parsed, in this run or before and unchanged since
    removed: int  # gone from the folders, dropped from the index (not among ``files``)
    units: int  # units in the whole index after the run
    documents: int  # resolutions in the whole index after the run
    seconds: float
    tagged: bool  # whether the WPS tagger was available and tagged every file parsed in this run
    failures: tuple[tuple[str, str], ...] = ()  # (path, message) for every failed file
    untagged: int = 0  # parsed in this run but the tagger failed on them: indexed without tags
    tag_error: str | None = None  # the first tagger error, to show the user

    def to_json(self) -> dict:
        keys = ("files", "parsed", "unchanged", "failed", "removed", "units", "documents", "tagged", "untagged", "tag_error")
        out = {k: getattr(self, k) for k in keys}
        out["seconds"] = round(self.seconds, 3)
        out["failures"] = [{"path": p, "error": m} for p, m in self.failures]
        return out


@dataclass(frozen=True)
class Hit:
    """One unit that contains the phrase."""

    symbol: str | None
    number: int | None
    year: int | None
    date: str | None
    label: str
    text: str
    wps: bool
    categories: tuple[str, ...] = ()
    path: str = ""

    def to_json(self) -> dict:
        return {
            "symbol": self.symbol,
            "date": self.date,
            "label": self.label,
            "text": self.text,
            "wps": self.wps,
            "categories": list(self.categories),
            "number": self.number,
            "year": self.year,
        }


@dataclass(frozen=True)
class IndexState:
    """What the hits were searched in: "the first use" only means something relative to it."""

    resolutions: int
    first_year: int | None
    last_year: int | None
    files_done: int  # files the last run got through
    files_expected: int  # files the last run set out to read
    complete: bool  # the last run finished
    updating: bool = False  # a run is going on now

    def describe(self) -> str:
        """"806 resolutions, 1946-2024"."""
        years = f", {self.first_year}-{self.last_year}" if self.first_year is not None else ""
        return f"{self.resolutions:,} resolution{'s' if self.resolutions != 1 else ''}{years}"

    def warning(self) -> str | None:
        if self.updating:
            return f"an index run is updating this index ({self.files_done:,} of {self.files_expected:,} files so far): results may be incomplete"
        if not self.complete:
            return f"the index is incomplete: {self.files_done:,} of {self.files_expected:,} files; run `mandiff index` again"
        return None

    def to_json(self) -> dict:
        return {"resolutions": self.resolutions, "first_year": self.first_year, "last_year": self.last_year,
                "complete": self.complete and not self.updating, "files_done": self.files_done, "files_expected": self.files_expected}


@dataclass(frozen=True)
class SearchResult:
    """The hits oldest first; ``first_use`` is the earliest, the first time the Council used the phrase
    in the indexed corpus (``index``).

    Behaves as a sequence of hits (``len``, iteration, indexing).
    """

    phrase: str
    hits: tuple[Hit, ...]
    index: IndexState | None = None

    @property
    def first_use(self) -> Hit | None:
        return self.hits[0] if self.hits else None

    def __len__(self) -> int:
        return len(self.hits)

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    def __getitem__(self, i):
        return self.hits[i]

    def to_json(self) -> dict:
        first = self.first_use
        return {
            "phrase": self.phrase,
            "first_use": None if first is None else {"symbol": first.symbol, "date": first.date, "label": first.label},
            "hits": [h.to_json() for h in self.hits],
            "index": None if self.index is None else self.index.to_json(),
        }


# ---- the database --------------------------------------------------------------------------------


def default_db_path() -> Path:
    """$MANDIFF_DB, else ``index.sqlite`` in the user data directory."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("mandiff")) / "index.sqlite"


def _tagger() -> tuple[str, Callable | None]:
    """(identity, tag function): the identity changes with the tagger's code and term lists,
    so that an index built with an older lexicon is re-tagged on the next run."""
    from . import tag as tag_module

    digest = hashlib.sha256()
    sources = [Path(tag_module.__file__)] + [Path(tag_module.__file__).with_name(m) for m in ("lexicon.py", "matcher.py")]
    data = Path(tag_module.__file__).with_name("data")
    sources += sorted(data.glob("lexicon*")) if data.is_dir() else []
    for source in sources:
        try:
            digest.update(source.read_bytes())
        except OSError:
            pass
    return "mandiff.tag:" + digest.hexdigest()[:16], tag_module.tag


# ---- whose file is it ----------------------------------------------------------------------------

_OWN_TABLES = ("units_fts", "units", "documents", "files", "meta")
_FILES_COLUMNS = {"id", "path", "size", "mtime_ns", "sha256", "status", "error", "tagged"}


def _identify(conn: sqlite3.Connection) -> str:
    """"empty", "mandiff" (stamped with our application_id), "old-mandiff" (an index written before
    the stamp: exactly our tables and columns, with our meta row) or "foreign"."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id == APPLICATION_ID:
        return "mandiff"
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables and app_id == 0:
        return "empty"
    if app_id != 0 or not set(_OWN_TABLES) <= tables or tables - set(_OWN_TABLES) - set(_FTS_SHADOW):
        return "foreign"
    columns = {row[1] for row in conn.execute("PRAGMA table_info(files)")}
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    return "old-mandiff" if columns == _FILES_COLUMNS and row is not None else "foreign"


_FTS_SHADOW = tuple(f"units_fts_{suffix}" for suffix in ("data", "idx", "content", "docsize", "config"))


def _foreign(conn: sqlite3.Connection, db_path: Path) -> InputError:
    tables = sorted(row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
    return InputError(f"not a mandiff index (it holds another program's tables: {shown}); left untouched, choose another --db",
                      source=str(db_path))


def _database_error(exc: sqlite3.Error, db_path: Path, doing: str) -> MandiffError:
    """One line a user can act on, for what SQLite says when the disk, the file or a lock is in the way
    while ``doing`` ("open", "update" or "search") the index."""
    text = str(exc).lower()
    if "fts5" in text:
        return MandiffError("this Python's SQLite lacks the FTS5 extension that the index needs")
    if "locked" in text or "busy" in text:
        return InputError("the index is locked by another program; try again when it has finished", source=str(db_path))
    if "disk is full" in text:
        return InputError("cannot write the index: the disk is full", source=str(db_path))
    if "readonly" in text or "read-only" in text:
        return InputError("cannot write the index: the file or its disk is read-only", source=str(db_path))
    if "unable to open" in text:
        return InputError("cannot open the index file", source=str(db_path))
    if "i/o error" in text:
        return InputError(f"cannot {'read' if doing == 'search' else 'write'} the index: disk I/O error", source=str(db_path))
    if doing == "open":
        return InputError(f"not a mandiff index ({exc})", source=str(db_path))
    return InputError(f"cannot {doing} the index ({exc})", source=str(db_path))


def _connect(db_path: Path, create: bool) -> sqlite3.Connection:
    """Open the index; with ``create``, make or upgrade it. Another program's database is refused
    before anything is written to it (it might have tables called ``meta`` and ``files`` too)."""
    if not create and not db_path.exists():
        raise InputError("no index here; build one with `mandiff index DIR`", source=str(db_path))
    conn = None
    try:
        conn = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT)
        kind = _identify(conn)
        if kind == "foreign":
            raise _foreign(conn, db_path)
        if not create:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if kind == "empty":
                raise InputError("no index here; build one with `mandiff index DIR`", source=str(db_path))
            if kind != "mandiff" or version != SCHEMA_VERSION:
                raise InputError("index written by another mandiff version; run `mandiff index DIR` again", source=str(db_path))
        else:
            _prepare(conn, kind)
        conn.execute("PRAGMA foreign_keys = ON")
        return conn
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise _database_error(exc, db_path, "open") from None
    except MandiffError:
        conn.close()
        raise


def _prepare(conn: sqlite3.Connection, kind: str) -> None:
    """Stamp a new index as ours; rebuild ours when its schema is older (the index is only a cache)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if kind == "mandiff" and version == SCHEMA_VERSION:
        return
    drops = "".join(f"DROP TABLE IF EXISTS {table};\n" for table in _OWN_TABLES) if kind != "empty" else ""  # ours only
    conn.executescript(
        f"BEGIN IMMEDIATE;\n{drops}{_SCHEMA}\nPRAGMA application_id = {APPLICATION_ID};\n"
        f"PRAGMA user_version = {SCHEMA_VERSION};\nINSERT OR REPLACE INTO meta (key, value) VALUES ('schema', '{SCHEMA_VERSION}');\nCOMMIT;"
    )


def _meta(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM meta"))


def _reset(conn: sqlite3.Connection) -> None:
    """Forget every file, so the next run parses everything (schema, normalizer or tagger changed)."""
    conn.execute("DELETE FROM units_fts")
    conn.execute("DELETE FROM files")  # cascades to documents and units


def _iter_files(dirs: Iterable[str | os.PathLike]) -> tuple[list[Path], list[Path]]:
    """(files to index, roots): resolution files under each folder (or the files named), sorted."""
    found: dict[str, Path] = {}
    roots: list[Path] = []
    for entry in dirs:
        root = Path(entry).absolute()
        if root.is_file():
            found[str(root)] = root
            continue
        if not root.is_dir():
            raise InputError("no such folder", source=str(entry))
        roots.append(root)
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                if name.startswith(".") or Path(name).suffix.lower() not in SUFFIXES:
                    continue
                path = Path(dirpath) / name
                if path.is_file():
                    found[str(path)] = path
    return [found[k] for k in sorted(found)], roots


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _delete_file_rows(conn: sqlite3.Connection, file_id: int) -> None:
    conn.execute(
        "DELETE FROM units_fts WHERE rowid IN (SELECT u.id FROM units u JOIN documents d ON d.id = u.doc_id WHERE d.file_id = ?)",
        (file_id,),
    )
    conn.execute("DELETE FROM files WHERE id = ?", (file_id,))


def _store(conn, path: Path, size: int, mtime_ns: int, sha: str, resolution, error: str | None, tagged: bool) -> int:
    cur = conn.execute(
        "INSERT INTO files (path, size, mtime_ns, sha256, status, error, tagged) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (str(path), size, mtime_ns, sha, "failed" if resolution is None else "ok", error, int(tagged)),
    )
    if resolution is None:
        return 0
    doc_id = conn.execute(
        "INSERT INTO documents (file_id, symbol, number, year, date, language) VALUES (?, ?, ?, ?, ?, ?)",
        (cur.lastrowid, resolution.symbol, resolution.number, resolution.year, resolution.date, resolution.language),
    ).lastrowid
    count = 0
    for seq, unit in enumerate(resolution.paragraphs):
        categories = ",".join(unit.categories) if unit.tags else ""
        unit_id = conn.execute(
            "INSERT INTO units (doc_id, seq, label, kind, parent, section, text, wps, categories) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, seq, unit.label, unit.kind, unit.parent, unit.section, unit.text, int(bool(unit.tags)), categories),
        ).lastrowid
        conn.execute("INSERT INTO units_fts (rowid, norm) VALUES (?, ?)", (unit_id, normalize_for_search(unit.text)))
        count += 1
    return count


def _parse(path: Path, tagger: Callable | None, limits: Limits):
    """(resolution, parse error, tag error): a file that cannot be read is a result, not a crash.

    Each file is read under the same limits as one file on the command line, so that one hostile
    file is listed as failed instead of holding up the corpus. A resolution that parses but cannot
    be tagged is indexed untagged (and tagged again once the tagger changes).
    """
    from .pipeline import parse_path

    try:
        resolution = parse_path(str(path), limits)
    except MandiffError as exc:
        return None, exc.message, None
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a corpus run (MemoryError included)
        return None, f"internal error while parsing: {exc.__class__.__name__}: {exc}", None
    if tagger is None:
        return resolution, None, None
    try:
        return tagger(resolution), None, None
    except Exception as exc:  # noqa: BLE001 - keep the text searchable even if tagging breaks
        return resolution, None, str(exc) or exc.__class__.__name__


# ---- one run at a time ---------------------------------------------------------------------------


@contextlib.contextmanager
def _one_run_at_a_time(db: Path, on_wait: Callable[[], None] | None):
    """Hold an exclusive lock on the index file for a whole run: two runs at once used to insert the
    same files twice (IntegrityError). The second run waits, after ``on_wait()`` has said so.

    The lock is flock(2) on the database file itself, which SQLite's own (fcntl) locks do not touch;
    the kernel drops it when a run dies, so a killed run never blocks the next one.
    """
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(db, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        if not (db.is_file() and exc.errno in (errno.EACCES, errno.EROFS, errno.EPERM)):
            raise InputError(f"cannot create the index: {(exc.strerror or str(exc)).lower()}", source=str(db)) from None
        fd = os.open(db, os.O_RDONLY)  # a read-only index: SQLite will say so when the run writes
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if on_wait:
                    on_wait()
                fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # after the SQLite connection is closed: closing a descriptor drops a process's fcntl locks


def _being_indexed(db: Path) -> bool:
    """Whether a ``mandiff index`` run holds the index now (called with no SQLite connection open)."""
    if fcntl is None:
        return False
    try:
        fd = os.open(db, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


# ---- the run -------------------------------------------------------------------------------------


def build_index(
    dirs: Iterable[str | os.PathLike],
    db_path: str | os.PathLike | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    on_wait: Callable[[], None] | None = None,
) -> IndexStats:
    """Index every resolution file under ``dirs`` into ``db_path`` (default: ``default_db_path()``).

    ``progress(done, total, path)`` is called after each file, for a progress bar; ``on_wait()`` once
    if another run holds the index and this one waits for it. Every file is read under ``limits``.
    """
    started = time.perf_counter()
    db = Path(db_path) if db_path else default_db_path()
    files, roots = _iter_files(dirs)
    with _one_run_at_a_time(db, on_wait):
        conn = _connect(db, create=True)
        try:
            stats = _update(conn, files, roots, limits, progress)
        except sqlite3.Error as exc:
            raise _database_error(exc, db, "update") from None
        finally:
            conn.close()
    return dataclasses.replace(stats, seconds=time.perf_counter() - started)


@dataclasses.dataclass
class _Tally:
    """What one run did, file by file: the numbers of the summary, which add up to the files seen."""

    parsed: int = 0
    unchanged: int = 0
    failed: int = 0
    removed: int = 0
    untagged: int = 0
    tag_error: str | None = None
    failures: list[tuple[str, str]] = dataclasses.field(default_factory=list)

    def fail(self, path: Path, message: str) -> None:
        self.failed += 1
        self.failures.append((str(path), message))


def _remove_vanished(conn, known: dict, present: set[str], roots: list[Path]) -> int:
    """Forget the files that were indexed under the folders given and are gone; the number forgotten."""
    removed = 0
    for path_str, row in known.items():
        inside = any(Path(path_str).is_relative_to(root) for root in roots)
        if path_str not in present and (inside or not Path(path_str).exists()):
            _delete_file_rows(conn, row[0])
            removed += 1
    return removed


def _index_one(conn, path: Path, row, tagger, limits: Limits, tally: _Tally) -> None:
    """Index one file unless it is unchanged since the last run (same size and time, else same hash)."""
    try:
        st = path.stat()
        same_stat = row is not None and row[2] == st.st_size and row[3] == st.st_mtime_ns
        sha = None if same_stat else _sha256(path)
    except OSError as exc:  # vanished or unreadable since the folder was listed
        tally.fail(path, f"cannot read ({(exc.strerror or str(exc)).lower()})")
        return
    if row is not None and (sha is None or row[4] == sha):
        # A file the tagger failed on stays untagged until the tagger changes: a new tagger
        # identity resets the whole index (see _update), so it is then parsed and tagged again.
        if sha is not None:
            conn.execute("UPDATE files SET size = ?, mtime_ns = ? WHERE id = ?", (st.st_size, st.st_mtime_ns, row[0]))
        if row[5] == "failed":  # still failing: counted and listed as failed, not as unchanged
            tally.fail(path, row[6] or "could not be read")
        else:
            tally.unchanged += 1
        return
    if row:
        _delete_file_rows(conn, row[0])
    resolution, error, tag_problem = _parse(path, tagger, limits)
    tagged = tagger is not None and resolution is not None and tag_problem is None
    _store(conn, path, st.st_size, st.st_mtime_ns, sha, resolution, error, tagged)
    if error:
        tally.fail(path, error)
        return
    tally.parsed += 1
    if tag_problem:
        tally.untagged += 1
        tally.tag_error = tally.tag_error or tag_problem


def _update(conn, files: list[Path], roots: list[Path], limits: Limits, progress) -> IndexStats:
    tagger_name, tagger = _tagger()
    meta = _meta(conn)
    wanted = {"schema": str(SCHEMA_VERSION), "normalizer": str(NORMALIZER_VERSION), "tagger": tagger_name}
    if any(meta.get(k) != v for k, v in wanted.items() if k != "schema"):
        _reset(conn)
    # the run's progress is recorded first, so that a run killed half-way leaves an index that says so
    run = {"files_expected": str(len(files)), "files_done": "0", "complete": "0"}
    conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [*wanted.items(), *run.items()])
    conn.commit()

    known = {row[1]: row for row in conn.execute("SELECT id, path, size, mtime_ns, sha256, status, error FROM files")}
    tally = _Tally(removed=_remove_vanished(conn, known, {str(p) for p in files}, roots))
    for done, path in enumerate(files, 1):
        _index_one(conn, path, known.get(str(path)), tagger, limits, tally)
        if done % COMMIT_EVERY == 0:
            conn.execute("UPDATE meta SET value = ? WHERE key = 'files_done'", (str(done),))
            conn.commit()
        if progress:
            progress(done, len(files), str(path))
    parsed, unchanged, failed, removed = tally.parsed, tally.unchanged, tally.failed, tally.removed
    untagged, tag_error, failures = tally.untagged, tally.tag_error, tally.failures
    conn.executemany("UPDATE meta SET value = ? WHERE key = ?", [(str(len(files)), "files_done"), ("1", "complete")])
    conn.commit()
    units = conn.execute("SELECT count(*) FROM units").fetchone()[0]
    documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    return IndexStats(
        files=len(files),
        parsed=parsed,
        unchanged=unchanged,
        failed=failed,
        removed=removed,
        units=units,
        documents=documents,
        seconds=0.0,
        tagged=tagger is not None and untagged == 0,
        failures=tuple(failures),
        untagged=untagged,
        tag_error=tag_error,
    )


def search(phrase: str, db_path: str | os.PathLike | None = None, wps_only: bool = False) -> SearchResult:
    """Every unit whose text contains ``phrase`` (whole words, case-insensitive), oldest first."""
    norm = normalize_for_search(phrase)
    if not norm:
        raise InputError("the search phrase has no words")
    db = Path(db_path) if db_path else default_db_path()
    updating = _being_indexed(db)
    conn = _connect(db, create=False)
    try:
        rows = conn.execute(
            """
            SELECT d.symbol, d.number, d.year, d.date, u.label, u.text, u.wps, u.categories, f.path, units_fts.norm
            FROM units_fts
            JOIN units u ON u.id = units_fts.rowid
            JOIN documents d ON d.id = u.doc_id
            JOIN files f ON f.id = d.file_id
            WHERE units_fts MATCH ? AND (? = 0 OR u.wps = 1)
            ORDER BY d.year IS NULL, d.year, d.number IS NULL, d.number, d.date, f.path, u.seq
            """,
            ('"' + norm + '"', int(wps_only)),
        ).fetchall()
        state = _state(conn, updating)
    except sqlite3.Error as exc:
        raise _database_error(exc, db, "search") from None
    finally:
        conn.close()
    needle = f" {norm} "
    hits: list[Hit] = []
    seen: set[tuple] = set()
    for symbol, number, year, date, label, text, wps, categories, path, unit_norm in rows:
        if needle not in f" {unit_norm} ":  # FTS5 and the normalizer agree; this keeps it exact if they ever differ
            continue
        key = (symbol, label, unit_norm) if symbol else (path, label)
        if key in seen:  # the same resolution indexed from two files
            continue
        seen.add(key)
        cats = tuple(c for c in categories.split(",") if c)
        hits.append(Hit(symbol, number, year, date, label, text, bool(wps), cats, path))
    return SearchResult(phrase, tuple(hits), state)


def _state(conn: sqlite3.Connection, updating: bool) -> IndexState:
    meta = _meta(conn)
    resolutions, first, last = conn.execute("SELECT count(*), min(year), max(year) FROM documents").fetchone()
    expected = int(meta.get("files_expected", "0"))
    return IndexState(resolutions, first, last, int(meta.get("files_done", "0")), expected,
                      meta.get("complete") == "1", updating)
