"""The walk token: whether the corpus may have changed since the last full update, told
by a few ``stat`` calls instead of a walk of every file.

A full update (``update.Updater``) records the modification time (and size) of every
folder it walked, and of the corpus itself when it is one file. A folder's modification
time changes whenever an entry is added to it, removed from it or renamed in it, so the
token notices a new, deleted or renamed article and a new or removed subfolder; checking
it costs one ``stat`` a folder, not one a file plus a ``Path`` object each.

What it cannot see: a file edited in place (its folder's time stays). The CLI answers
from the index when the token holds and says how to force a full check (``reader index``
or ``--fresh``); the TUI's background update always walks.

The token also keeps how many files the walk left in the index, so the report of an
update that walks nothing says so without counting them (``count(*)`` over the files
table read its every page: 1 to 2.5 ms of each warm command at 20,000 articles).

A folder modified in the very moments of the walk could change again within the clock's
granularity without its time moving, so such a folder is recorded as never matching: the
next check walks, and records a settled token. Past ``MAX_FOLDERS`` folders no token is
recorded (every check walks, as before): the check must stay cheaper than the walk.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from ..articles import Problem

META_NAME = "walk_token"
MAX_FOLDERS = 20_000
"""Above this many folders the cheap check is no longer cheap: no token is kept."""

SETTLE_NS = 2_000_000_000
"""A folder modified this close to the walk's start (or after it) is not trusted: file
systems keep times at a granularity of up to two seconds (FAT), most far finer."""

_UNTRUSTED = -1


def _stamp(info: os.stat_result) -> tuple[int, int]:
    return info.st_mtime_ns, info.st_size


def make_token(
    base: Path,
    folders: list[tuple[Path, os.stat_result]],
    walk_problems: list[Problem],
    started_ns: int,
    files: int,
) -> str | None:
    """The token of a walk that entered ``folders`` (paths under ``base``), found
    ``walk_problems`` (broken links, unreadable folders: no file row keeps them) and left
    ``files`` files indexed, or None when there are too many folders to check cheaply."""
    if len(folders) > MAX_FOLDERS:
        return None
    prefix = os.path.join(str(base), "")
    entries = []
    for folder, info in folders:
        text = str(folder)
        rel = text[len(prefix) :] if text.startswith(prefix) else "" if text == str(base) else None
        if rel is None:
            return None  # a folder outside the base (cannot happen in a walk of it): walk each time
        mtime, size = _stamp(info)
        entries.append([rel, mtime if mtime < started_ns - SETTLE_NS else _UNTRUSTED, size])
    problems = [[str(p.path), p.reason, p.skipped] for p in walk_problems]
    return json.dumps({"folders": entries, "problems": problems, "files": files}, ensure_ascii=False)


def file_token(path: Path, started_ns: int, files: int) -> str | None:
    """The token of a corpus that is one file (its base is its folder): the file's own
    time and size."""
    try:
        info = path.stat()
    except OSError:
        return None
    mtime, size = _stamp(info)
    entry = [path.name, mtime if mtime < started_ns - SETTLE_NS else _UNTRUSTED, size]
    return json.dumps({"folders": [entry], "problems": [], "files": files}, ensure_ascii=False)


def store(conn: sqlite3.Connection, token: str | None) -> None:
    """Record ``token`` (None: forget any)."""
    if token is None:
        conn.execute("DELETE FROM meta WHERE name = ?", (META_NAME,))
    else:
        conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (META_NAME, token))


def forget(conn: sqlite3.Connection) -> None:
    """Drop the token before an update writes anything: an update cut short must not
    leave a token saying the index matches the folder."""
    if conn.execute("SELECT 1 FROM meta WHERE name = ?", (META_NAME,)).fetchone():
        store(conn, None)


def still_fresh(conn: sqlite3.Connection, base: Path) -> tuple[list[Problem], int | None] | None:
    """The walk's problems and its count of files, recorded with the token, when every
    folder it names still has its recorded time and size (the corpus looks unchanged);
    None when there is no token or anything differs (walk). The count is None in a token
    recorded before tokens kept it."""
    row = conn.execute("SELECT value FROM meta WHERE name = ?", (META_NAME,)).fetchone()
    if row is None:
        return None
    try:
        token = json.loads(row[0])
        folders = token["folders"]
        problems = token["problems"]
        files = token.get("files")
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    prefix = os.path.join(str(base), "")
    for rel, mtime, size in folders:
        if mtime == _UNTRUSTED:
            return None
        try:
            info = os.stat(prefix + rel if rel else base)
        except OSError:
            return None
        if _stamp(info) != (mtime, size):
            return None
    found = [Problem(Path(path), reason, bool(skipped)) for path, reason, skipped in problems]
    return found, files if isinstance(files, int) else None
