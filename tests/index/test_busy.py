"""A busy index is not a damaged one: opening it while another process writes (or holds
it locked) must never delete it. Timeouts here are short and configurable; nothing is timed."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from reader.index import CorpusIndex
from reader.index.schema import IndexBusyError, database_path, is_busy, is_corruption

# Holds a write transaction on the database given as argv[1] until its stdin closes.
# argv[2] == "exclusive": also take SQLite's exclusive locking mode, which keeps even WAL
# readers out (the worst a neighbour can do short of damaging the file).
HOLDER = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive":
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
conn.execute("BEGIN EXCLUSIVE" if sys.argv[2] == "exclusive" else "BEGIN IMMEDIATE")
conn.execute("INSERT OR REPLACE INTO meta VALUES ('holder', 'uncommitted')")
print("holding", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""


@contextmanager
def held(path: Path, mode: str, code: str = HOLDER) -> Iterator[None]:
    """A lock on ``path`` held by another process until the block ends."""
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(path), mode], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
        yield
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=30)


def _built_with_marker(corpus: Path, cache: Path) -> Path:
    with CorpusIndex.open(corpus, cache) as index:
        index.update()
        index._conn.execute("INSERT INTO meta VALUES ('marker', 'kept')")
        return index.db_path


def _marker(path: Path) -> str | None:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT value FROM meta WHERE name = 'marker'").fetchone()
        return None if row is None else str(row[0])
    finally:
        conn.close()


def test_open_while_another_process_writes_keeps_the_index(corpus: Path, cache: Path) -> None:
    path = _built_with_marker(corpus, cache)
    inode = path.stat().st_ino
    # The writer holds the lock far longer than this open is willing to wait.
    with held(path, "immediate"), CorpusIndex.open(corpus, cache, busy_timeout=0.05) as index:
        assert index.notices == []
        assert len(index.rows()) == 5
        assert [h.row.title for h in index.search("guterres", snippets=0)] == ["Guterres visits Kyiv"]
    assert path.stat().st_ino == inode
    assert _marker(path) == "kept"


def test_an_exclusively_locked_index_is_busy_not_corrupt(corpus: Path, cache: Path) -> None:
    path = _built_with_marker(corpus, cache)
    inode = path.stat().st_ino
    with held(path, "exclusive"):
        with pytest.raises(IndexBusyError) as caught:
            CorpusIndex.open(corpus, cache, busy_timeout=0.05)
        assert isinstance(caught.value, sqlite3.OperationalError)  # callers catching sqlite3.Error see it
        assert "busy" in str(caught.value)
        assert path.exists() and path.stat().st_ino == inode
    assert _marker(path) == "kept"
    with CorpusIndex.open(corpus, cache, busy_timeout=0.05) as index:  # free again: opens as it was
        assert index.notices == []
        assert len(index.rows()) == 5


def test_a_new_database_locked_by_its_creator_is_not_deleted(corpus: Path, cache: Path) -> None:
    path = database_path(corpus.absolute(), cache)
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE someone_elses (x)")  # not ours: a foreign schema, once free
    conn.close()
    with held_plain(path):
        with pytest.raises(sqlite3.OperationalError):
            CorpusIndex.open(corpus, cache, busy_timeout=0.05)
        assert path.exists()
    with CorpusIndex.open(corpus, cache, busy_timeout=0.05) as index:  # free: now it is rebuilt
        assert any("no schema version" in n for n in index.notices)


def held_plain(path: Path) -> AbstractContextManager[None]:
    """An exclusive lock on a database without our tables."""
    code = HOLDER.replace(
        "INSERT OR REPLACE INTO meta VALUES ('holder', 'uncommitted')", "INSERT INTO someone_elses VALUES (1)"
    )
    return held(path, "exclusive", code)


def test_open_writes_nothing_to_a_current_index(corpus: Path, cache: Path) -> None:
    path = _built_with_marker(corpus, cache)
    with CorpusIndex.open(corpus, cache) as first:
        first._conn.execute("BEGIN IMMEDIATE")  # this process's own writer, same file
        try:
            with CorpusIndex.open(corpus, cache, busy_timeout=0) as second:
                assert second.count() == 5
        finally:
            first._conn.execute("ROLLBACK")
    assert _marker(path) == "kept"


def test_error_kinds() -> None:
    locked = sqlite3.OperationalError("database is locked")
    assert is_busy(locked) and not is_corruption(locked)
    for text in ("file is not a database", "database disk image is malformed"):
        assert is_corruption(sqlite3.DatabaseError(text)) and not is_busy(sqlite3.DatabaseError(text))
    assert not is_corruption(sqlite3.OperationalError("unable to open database file"))
