"""The index database: where it lives, its tables, and opening it safely.

The index is derived data (ARCHITECTURE.md §2.3): anything wrong with it (not a
database, a damaged page, a schema from another version, another corpus's data) is
answered by deleting it and starting again, with a notice for the user, never by an error.

A *busy* database is not a wrong one: another process may be writing it (an update, a
rebuild) for longer than our busy timeout. Opening a current database therefore needs no
write at all (WAL readers never wait for the writer), and when SQLite still reports
"database is locked" (a new database someone else is creating, a writer holding an
exclusive lock) ``open_database`` raises ``IndexBusyError`` and leaves the file alone.
Only SQLite's corruption codes and a foreign schema or corpus lead to a rebuild.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from ..locations import database_path as database_path  # defined there: commands look for it without this package

SCHEMA_VERSION = 6
"""Bump when the tables change, or when files already indexed would now parse
differently: an index of another version is rebuilt, not migrated (rebuilding is always
correct; a migration is code that can be wrong). 3: colon-less header lines in any order
and decoded non-UTF-8 files changed titles, dates and problems of unchanged files. 4:
CSV, saved pages and feed files are read as such (they were plain text), and articles
keep the byte offset of their CSV row. 5: the extractor's new rules (titles, surnames,
teams, known organisations) re-key postings of unchanged files. 6: postings keep every
mention's offsets (``spans``)."""

BUSY_TIMEOUT_MS = 10_000

# sqlite3 result codes (primary, the low byte of the extended code).
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


class IndexBusyError(sqlite3.OperationalError):
    """The index is locked by another process for longer than the busy timeout. Nothing
    is wrong with it: try again later (callers that catch ``sqlite3.Error`` see it too)."""


def is_corruption(exc: sqlite3.Error) -> bool:
    """Whether ``exc`` says the database file is damaged (or not a database at all), as
    opposed to busy, locked, read-only, missing or out of space."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return True
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def is_busy(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return True
    text = str(exc).lower()
    return "database is locked" in text or "database table is locked" in text or "busy" in text


# Full text: contentless (content='') keeps the database to the index alone, the article
# text stays in the article files. SQLite 3.40 cannot delete from a contentless table
# without the original text, so the rows of changed or deleted articles stay in `fts` as
# garbage that queries skip by joining `articles`; `update` rebuilds the table once the
# garbage outweighs a quarter of it. `doc` numbers are never reused (AUTOINCREMENT), so a
# garbage row can never be mistaken for a live one.
_TABLES = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    path TEXT PRIMARY KEY,          -- relative to the corpus root, '/'-separated
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE problems (             -- what was wrong with a file when it was last read
    file TEXT NOT NULL,
    reason TEXT NOT NULL,
    skipped INTEGER NOT NULL
);
CREATE INDEX problems_file ON problems(file);
CREATE TABLE articles (
    doc INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    file TEXT NOT NULL REFERENCES files(path),
    record INTEGER,
    date TEXT,                      -- ISO YYYY-MM-DD, NULL when undated
    title TEXT NOT NULL,
    source TEXT,
    fingerprint TEXT NOT NULL,
    paragraphs INTEGER NOT NULL,
    offset INTEGER                  -- where a CSV row starts in its file, in bytes
);
CREATE INDEX articles_file ON articles(file);
CREATE INDEX articles_date ON articles(date);
CREATE TABLE entities (
    entity INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    label TEXT NOT NULL,
    norm TEXT NOT NULL,             -- the key, normalised as names are
    df INTEGER NOT NULL DEFAULT 0,  -- live articles mentioning it
    UNIQUE (key, label)
);
CREATE INDEX entities_norm ON entities(norm);
CREATE TABLE names (                -- every surface form (and the key itself) -> entity
    norm TEXT NOT NULL,
    entity INTEGER NOT NULL,
    PRIMARY KEY (norm, entity)
) WITHOUT ROWID;
CREATE TABLE postings (
    entity INTEGER NOT NULL,
    doc INTEGER NOT NULL,
    date TEXT,                      -- the article's, copied so "newest first" needs no join
    count INTEGER NOT NULL,
    first INTEGER NOT NULL,         -- offset of the first mention in Article.text
    spans BLOB NOT NULL,            -- every mention's start and end there (spans.py)
    PRIMARY KEY (entity, doc)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5(
    title, body, content='', tokenize='unicode61 remove_diacritics 2'
);
"""


# The postings table's secondary indexes: for deleting an article's postings and for
# co-mentions (by doc), and for an entity's postings newest first (by date). A cold build
# leaves them out while it fills the table and makes them at the end (see
# ``ensure_postings_indexes``): one sort instead of a random insert into each per posting.
POSTINGS_INDEXES = (
    ("postings_doc", "CREATE INDEX IF NOT EXISTS postings_doc ON postings(doc, entity)"),
    ("postings_date", "CREATE INDEX IF NOT EXISTS postings_date ON postings(entity, date, count)"),
)


def missing_postings_indexes(conn: sqlite3.Connection) -> list[str]:
    """The ``POSTINGS_INDEXES`` the database lacks (a cold build running, or cut short)."""
    have = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    return [sql for name, sql in POSTINGS_INDEXES if name not in have]


def drop_postings_indexes(conn: sqlite3.Connection) -> None:
    """Before a cold build fills the postings table (in a transaction of its own)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for name, _ in POSTINGS_INDEXES:
            conn.execute(f"DROP INDEX IF EXISTS {name}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def ensure_postings_indexes(conn: sqlite3.Connection) -> None:
    """Make the postings indexes a cold build left out; nothing to write when all are
    there (so an update of a complete index starts as it always did)."""
    missing = missing_postings_indexes(conn)
    if not missing:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for sql in missing:
            conn.execute(sql)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


BOOT_ID_FILE = Path("/proc/sys/kernel/random/boot_id")


def boot_id() -> str | None:
    """This boot of the machine (Linux), or None where that cannot be known.

    A cold build writes without syncing (see ``update.py``) and marks the index with the
    boot it started in. A build cut short by a kill has handed every write to the
    operating system, so the next update can finish it; one cut short by a crash of the
    system or a power loss may have left the file damaged in ways no check is sure to
    see. The boot tells the two apart: a mark from another boot means a restart came
    first, and the index is rebuilt.
    """
    try:
        found = BOOT_ID_FILE.read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return None
    return found or None


def building_mark(conn: sqlite3.Connection) -> str | None:
    """The boot a cold build running (or cut short) on this index started in, if any."""
    row = conn.execute("SELECT value FROM meta WHERE name = 'building'").fetchone()
    return None if row is None else str(row[0])


def set_building_mark(conn: sqlite3.Connection, boot: str | None) -> None:
    """Mark a cold build as started (``boot``) or finished (None). The start is committed
    with a full sync: it must be on disk before anything written without one is."""
    conn.execute("PRAGMA synchronous = FULL" if boot is not None else "PRAGMA synchronous = NORMAL")
    conn.execute("BEGIN IMMEDIATE")
    try:
        if boot is None:
            conn.execute("DELETE FROM meta WHERE name = 'building'")
        else:
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('building', ?)", (boot,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("PRAGMA synchronous = NORMAL")


def sync_files(conn: sqlite3.Connection) -> None:
    """fsync the database file and its WAL: whatever checkpoints copied without syncing,
    and every frame written so far, are then on disk."""
    name = conn.execute("PRAGMA database_list").fetchone()[2]
    for path in (name, f"{name}-wal"):
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            continue
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def corpus_key(corpus: Path) -> str:
    return str(corpus.expanduser().resolve())


def connect(path: Path, busy_timeout_ms: int | None = None) -> sqlite3.Connection:
    """A connection in WAL mode, so readers never block the writer nor the writer them;
    ``busy_timeout`` covers the short moments two writers meet. Switching to WAL writes
    only when the database is not in WAL mode yet (a new file); on a current index this
    connection has written nothing when it is returned."""
    timeout = BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
    conn = sqlite3.connect(path, timeout=timeout / 1000, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: a crash loses at most the last batch
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA cache_size = -32000")  # 32 MB
    return conn


def delete_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


def _check(conn: sqlite3.Connection, corpus: str) -> str | None:
    """Why this database cannot be used as it is, or None when it can."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == 0:
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        return None if tables == 0 else "the index has no schema version"
    if version != SCHEMA_VERSION:
        return f"the index has schema version {version}, this reader uses {SCHEMA_VERSION}"
    row = conn.execute("SELECT value FROM meta WHERE name = 'corpus'").fetchone()
    if row is None or row[0] != corpus:
        return "the index belongs to another corpus"
    mark = building_mark(conn)
    if mark is not None and mark != boot_id():
        return "building the index was cut short by a restart of the system"
    # Touch every table so a damaged page in the first pages shows up now, not mid-search.
    for table in ("files", "problems", "articles", "entities", "names", "postings", "fts"):
        conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchall()
    return None


def _create(conn: sqlite3.Connection, corpus: str) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            conn.execute("ROLLBACK")  # another process created it while we waited
            return
        for statement in _TABLES.split(";"):
            if statement.strip():
                conn.execute(statement)
        for _, statement in POSTINGS_INDEXES:
            conn.execute(statement)
        conn.execute("INSERT INTO meta VALUES ('corpus', ?)", (corpus,))
        conn.execute("INSERT INTO meta VALUES ('garbage', '0')")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def open_database(
    corpus: Path, cache: Path | None = None, busy_timeout_ms: int | None = None
) -> tuple[sqlite3.Connection, Path, list[str]]:
    """Open (creating or rebuilding as needed) the corpus's index database.

    Returns the connection, the database path and notices for the user: one when an
    existing database had to be thrown away, saying why. Opening a current database
    writes nothing, so a running update never makes it wait. Raises ``IndexBusyError``
    when the database stays locked for ``busy_timeout_ms`` (default ``BUSY_TIMEOUT_MS``):
    a busy database is never deleted. Other errors that are not corruption (permissions,
    a full disk) are raised as they are, and the file is kept too.
    """
    path = database_path(corpus, cache)
    path.parent.mkdir(parents=True, exist_ok=True)
    key = corpus_key(corpus)
    notices: list[str] = []
    for attempt in range(2):
        conn: sqlite3.Connection | None = None
        try:
            conn = connect(path, busy_timeout_ms)
            reason = _check(conn, key)
            if reason is None:
                if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                    _create(conn, key)  # an empty file: make the tables
                return conn, path, notices
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            if is_busy(exc) and not is_corruption(exc):
                raise IndexBusyError(
                    f"the index is busy (another process holds it: {exc}); try again in a moment"
                ) from exc
            if attempt or not is_corruption(exc):
                raise
            conn = None
            reason = f"the index could not be read ({exc})"
        if conn is not None:
            conn.close()
        notices.append(f"{reason}; it was deleted and will be rebuilt")
        delete_database(path)
    raise AssertionError("unreachable")  # pragma: no cover
