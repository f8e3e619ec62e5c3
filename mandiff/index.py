"""A searchable index of resolutions, so a negotiator can ask "has the Council agreed this before, and where?".

``build_index(dirs, db)`` parses (and, when ``mandiff.tag`` is available, tags) every resolution
file under ``dirs`` into one SQLite file with an FTS5 index over the units' text. A second run
re-reads only files whose size or modification time changed, and re-parses only those whose
content (SHA-256) changed. Files that do not parse are recorded and counted, never fatal.

``search(phrase, db)`` returns every unit containing the phrase, oldest first (year, number,
document order), so the first hit is the first time the Council used it. Matching runs on a
normalized form of the text (case, diacritics, punctuation, hyphenation and line wraps folded)
and is whole-word: "rape" does not match "grape".
"""

from __future__ import annotations

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

SCHEMA_VERSION = 2
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

    files: int  # resolution files found under the folders
    parsed: int  # parsed (and tagged) in this run
    unchanged: int  # skipped: same size and mtime, or same content
    failed: int  # could not be parsed in this run, or failed before and unchanged
    removed: int  # gone from the folders, dropped from the index
    units: int  # units in the whole index after the run
    documents: int  # resolutions in the whole index after the run
    seconds: float
    tagged: bool  # whether the WPS tagger was available and tagged every file parsed in this run
    failures: tuple[tuple[str, str], ...] = ()  # (path, message) for files that failed in this run
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
class SearchResult:
    """The hits oldest first; ``first_use`` is the earliest, the first time the Council used the phrase.

    Behaves as a sequence of hits (``len``, iteration, indexing).
    """

    phrase: str
    hits: tuple[Hit, ...]

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
    try:
        from . import tag as tag_module  # written separately; indexing works without it
    except ImportError:
        return "none", None
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


def _connect(db_path: Path, create: bool) -> sqlite3.Connection:
    if not create and not db_path.exists():
        raise InputError("no index here; build one with `mandiff index DIR`", source=str(db_path))
    if create:
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create the index folder ({exc.strerror})", source=str(db_path)) from None
    try:
        conn = sqlite3.connect(str(db_path))
        conn.execute("PRAGMA foreign_keys = ON")
        if create:
            _drop_if_old_schema(conn)
            conn.executescript(_SCHEMA)
        else:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if not row or row[0] != str(SCHEMA_VERSION):
                conn.close()
                raise InputError("index written by another mandiff version; run `mandiff index DIR` again", source=str(db_path))
    except sqlite3.DatabaseError as exc:
        if "fts5" in str(exc).lower():
            raise MandiffError("this Python's SQLite lacks the FTS5 extension that the index needs") from None
        raise InputError(f"not a mandiff index ({exc})", source=str(db_path)) from None
    return conn


def _drop_if_old_schema(conn: sqlite3.Connection) -> None:
    """An index written by another schema version is rebuilt from scratch (it is only a cache)."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return
    if "meta" not in tables or "files" not in tables:
        raise sqlite3.DatabaseError("tables of another program")
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    if row and row[0] == str(SCHEMA_VERSION):
        return
    for table in ("units_fts", "units", "documents", "files", "meta"):
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.commit()


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


def _parse(path: Path, tagger: Callable | None):
    """(resolution, parse error, tag error): a file that cannot be read is a result, not a crash.

    A resolution that parses but cannot be tagged is indexed untagged (and tagged again once the
    tagger changes).
    """
    from .pipeline import parse_path

    try:
        resolution = parse_path(str(path))
    except MandiffError as exc:
        return None, exc.message, None
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a corpus run
        return None, f"internal error while parsing: {exc.__class__.__name__}: {exc}", None
    if tagger is None:
        return resolution, None, None
    try:
        return tagger(resolution), None, None
    except Exception as exc:  # noqa: BLE001 - keep the text searchable even if tagging breaks
        return resolution, None, str(exc) or exc.__class__.__name__


def build_index(
    dirs: Iterable[str | os.PathLike],
    db_path: str | os.PathLike | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> IndexStats:
    """Index every resolution file under ``dirs`` into ``db_path`` (default: ``default_db_path()``).

    ``progress(done, total, path)`` is called after each file, for a progress bar.
    """
    started = time.perf_counter()
    db = Path(db_path) if db_path else default_db_path()
    files, roots = _iter_files(dirs)
    tagger_name, tagger = _tagger()
    conn = _connect(db, create=True)
    try:
        meta = _meta(conn)
        wanted = {"schema": str(SCHEMA_VERSION), "normalizer": str(NORMALIZER_VERSION), "tagger": tagger_name}
        if meta and any(meta.get(k) != v for k, v in wanted.items()):
            _reset(conn)
        conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", wanted.items())

        known = {row[1]: row for row in conn.execute("SELECT id, path, size, mtime_ns, sha256, status FROM files")}
        parsed = unchanged = failed = removed = untagged = 0
        failures: list[tuple[str, str]] = []
        tag_error: str | None = None

        present = {str(p) for p in files}
        for path_str, row in known.items():
            inside = any(Path(path_str).is_relative_to(root) for root in roots)
            if path_str not in present and (inside or not Path(path_str).exists()):
                _delete_file_rows(conn, row[0])
                removed += 1

        for done, path in enumerate(files, 1):
            row = known.get(str(path))
            try:
                st = path.stat()
                sha = None if row and row[2] == st.st_size and row[3] == st.st_mtime_ns else _sha256(path)
            except OSError as exc:  # vanished or unreadable since the folder was listed
                failed += 1
                failures.append((str(path), f"cannot read ({exc.strerror or exc})"))
                if progress:
                    progress(done, len(files), str(path))
                continue
            # A file the tagger failed on stays untagged until the tagger changes: a new tagger
            # identity resets the whole index (see above), so it is then parsed and tagged again.
            if sha is None:
                unchanged += 1
                failed += row[5] == "failed"
            else:
                if row and row[4] == sha:
                    conn.execute("UPDATE files SET size = ?, mtime_ns = ? WHERE id = ?", (st.st_size, st.st_mtime_ns, row[0]))
                    unchanged += 1
                    failed += row[5] == "failed"
                else:
                    if row:
                        _delete_file_rows(conn, row[0])
                    resolution, error, tag_problem = _parse(path, tagger)
                    tagged = tagger is not None and resolution is not None and tag_problem is None
                    _store(conn, path, st.st_size, st.st_mtime_ns, sha, resolution, error, tagged)
                    parsed += 1
                    if error:
                        failed += 1
                        failures.append((str(path), error))
                    elif tag_problem:
                        untagged += 1
                        tag_error = tag_error or tag_problem
            if done % COMMIT_EVERY == 0:
                conn.commit()
            if progress:
                progress(done, len(files), str(path))
        conn.commit()
        units = conn.execute("SELECT count(*) FROM units").fetchone()[0]
        documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        conn.close()
    return IndexStats(
        files=len(files),
        parsed=parsed,
        unchanged=unchanged,
        failed=failed,
        removed=removed,
        units=units,
        documents=documents,
        seconds=time.perf_counter() - started,
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
    except sqlite3.DatabaseError as exc:
        raise InputError(f"cannot search this index ({exc})", source=str(db)) from None
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
    return SearchResult(phrase, tuple(hits))
