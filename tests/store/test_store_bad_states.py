"""Every bad state the issue lists: corrupt, wrong shape, newer, older, failed writes, locks."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.articles import Article
from reader.store import (
    SCHEMA_VERSION,
    Store,
    StoreCorruptError,
    StoreError,
    StoreLockedError,
    StoreReadOnlyError,
    StoreWriteError,
    fileio,
    move_aside,
)

CORRUPT = [
    (b'{"schema": 2, "notes": [', "invalid JSON at line 1"),
    (b"", "empty"),
    (b"\xff\xfe not utf-8", "not UTF-8"),
    (b"[]", "expected a JSON object"),
    (b'{"notes": []}', 'no "schema"'),
    (b'{"schema": "two"}', "positive integer"),
    (b'{"schema": 2, "notes": {}, "bookmarks": {}, "reading": {}}', "notes: expected a list"),
    (b'{"schema": 2, "notes": [{"id": 1}], "bookmarks": {}, "reading": {}}', "notes[0]"),
    (b'{"schema": 2, "notes": [], "bookmarks": {"x": 3}, "reading": {}}', "bookmarks['x']"),
    (b'{"schema": 2, "notes": []}', "missing 'bookmarks'"),
]


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize(("content", "problem"), CORRUPT)
def test_corrupt_store_is_refused_and_never_touched(store_path: Path, content: bytes, problem: str) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(content)
    with pytest.raises(StoreCorruptError) as caught:
        Store.open(store_path)
    message = str(caught.value)
    assert str(store_path) in message and problem in message
    assert "\n" not in message
    assert store_path.read_bytes() == content
    assert _files(store_path.parent) == ["store.json"]


def test_store_corrupted_while_open_is_not_overwritten(store_path: Path, river: Article) -> None:
    store = Store.open(store_path)
    note = store.add_note(river, 0, "before")
    broken = b"{ half a file"
    store_path.write_bytes(broken)
    with pytest.raises(StoreCorruptError):
        store.add_note(river, 1, "after")
    assert store_path.read_bytes() == broken
    assert store.notes() == [note]  # the last good state stays on screen
    with pytest.raises(StoreCorruptError):
        store.reload()
    assert store.notes() == [note]


def test_move_aside_keeps_the_bytes_and_allows_a_fresh_start(store_path: Path, river: Article) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(b"garbage")
    moved = move_aside(store_path)
    assert moved.name.startswith("store.json.corrupt-") and moved.read_bytes() == b"garbage"
    assert not store_path.exists()
    Store.open(store_path).add_note(river, 0, "fresh")
    store_path.write_bytes(b"garbage again")
    second = move_aside(store_path)
    assert second != moved and second.read_bytes() == b"garbage again" and moved.read_bytes() == b"garbage"


def _newer(store_path: Path) -> bytes:
    doc = {"schema": SCHEMA_VERSION + 1, "notes": [], "bookmarks": {}, "reading": {}, "shiny": "new"}
    store_path.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(doc).encode()
    store_path.write_bytes(raw)
    return raw


def test_newer_schema_opens_read_only(store_path: Path, river: Article) -> None:
    raw = _newer(store_path)
    store = Store.open(store_path)
    assert store.read_only and store.read_only_reason and "newer version" in store.read_only_reason
    for change in (
        lambda: store.add_note(river, 0, "x"),
        lambda: store.set_bookmark(river, True),
        lambda: store.set_read(river),
        lambda: store.set_position(river, 1),
    ):
        with pytest.raises(StoreReadOnlyError):
            change()
    assert store_path.read_bytes() == raw


def test_newer_schema_appearing_under_an_open_store_stops_writes(store_path: Path, river: Article) -> None:
    store = Store.open(store_path)
    store.add_note(river, 0, "x")
    raw = _newer(store_path)
    with pytest.raises(StoreReadOnlyError):
        store.add_note(river, 1, "y")
    assert store.read_only and store_path.read_bytes() == raw


def _v1(store_path: Path, river: Article) -> bytes:
    doc = {
        "schema": 1,
        "notes": [
            {
                "id": "n1",
                "article_id": river.id,
                "path": str(river.path),
                "title": "River",
                "paragraph": 1,
                "text": "old note",
                "created": "2021-01-01T00:00:00+00:00",
                "mood": "kept",
            },
        ],
        "bookmarks": [{"id": river.id, "path": str(river.path), "title": "River", "created": "2021-01-02"}],
        "read": [{"id": river.id, "path": str(river.path)}],
    }
    store_path.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(doc).encode()
    store_path.write_bytes(raw)
    return raw


def test_older_schema_is_migrated_after_a_backup(store_path: Path, river: Article) -> None:
    raw = _v1(store_path, river)
    store = Store.open(store_path)
    assert not store.read_only
    assert store.backup_path is not None and store.backup_path.read_bytes() == raw
    assert store.backup_path.name.startswith("store.json.v1.bak-")
    doc = json.loads(store_path.read_text())
    assert doc["schema"] == SCHEMA_VERSION
    [note] = store.notes()
    assert (note.id, note.text, note.anchor.paragraph, note.extra) == ("n1", "old note", 1, {"mood": "kept"})
    assert store.is_bookmarked(river.id) and store.is_read(river.id)
    # The next reconcile fills what schema 1 never recorded.
    store.reconcile([river])
    [note] = Store.open(store_path).notes()
    assert note.anchor.quote.startswith("Farmers") and note.article.date == "2022-04-26"


def test_migration_that_cannot_be_saved_opens_read_only(
    store_path: Path, river: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = _v1(store_path, river)

    def full(fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fileio, "_write_all", full)
    store = Store.open(store_path)
    assert store.read_only and "disk full" in (store.read_only_reason or "")
    assert [n.text for n in store.notes()] == ["old note"]
    assert store_path.read_bytes() == raw
    assert _files(store_path.parent) == ["store.json", "store.json.lock"]


FAILURES = [(errno.ENOSPC, "disk full"), (errno.EACCES, "permission denied"), (errno.EROFS, "read-only file system")]
STEPS = ["_open_temp", "_write_all", "_fsync", "_replace"]


@pytest.mark.parametrize(("code", "reason"), FAILURES)
@pytest.mark.parametrize("step", STEPS)
def test_failed_write_leaves_old_file_no_temp_and_state_unchanged(
    store_path: Path, river: Article, monkeypatch: pytest.MonkeyPatch, code: int, reason: str, step: str
) -> None:
    store = Store.open(store_path)
    kept = store.add_note(river, 0, "saved before")
    before = store_path.read_bytes()
    real = getattr(fileio, step)

    def broken(*args: object) -> object:
        if step == "_write_all":
            real(*args)  # half-written: the bytes reached the temp file, then the disk filled
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(fileio, step, broken)
    with pytest.raises(StoreWriteError) as caught:
        store.add_note(river, 1, "the user's typed text")
    assert caught.value.reason == reason and reason in str(caught.value)
    assert store_path.read_bytes() == before
    assert _files(store_path.parent) == ["store.json", "store.json.lock"]
    assert store.notes() == [kept]
    monkeypatch.setattr(fileio, step, real)
    retried = store.add_note(river, 1, "the user's typed text")  # the TUI can simply retry
    assert Store.open(store_path).notes() == [kept, retried]


def test_unwritable_folder_is_a_clean_error(tmp_path: Path, river: Article) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions")
    folder = tmp_path / "locked"
    folder.mkdir()
    store = Store.open(folder / "store.json")
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreWriteError) as caught:
            store.add_note(river, 0, "x")
        assert "permission denied" in str(caught.value)
        assert _files(folder) == []
    finally:
        folder.chmod(0o700)


HOLD_LOCK = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_EX)
os.pwrite(fd, f"{os.getpid()}\\n".encode(), 0)
print("held", flush=True)
time.sleep(60)
"""


def _holder(lock: Path) -> subprocess.Popen[str]:
    lock.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(lock)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_lock_of_a_killed_process_does_not_block(store_path: Path, river: Article) -> None:
    proc = _holder(fileio.lock_path(store_path))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    store = Store.open(store_path, lock_timeout=5)
    started = time.monotonic()
    store.add_note(river, 0, "x")
    assert time.monotonic() - started < 1


def test_leftover_lock_file_with_a_dead_pid_does_not_block(store_path: Path, river: Article) -> None:
    store_path.parent.mkdir(parents=True)
    fileio.lock_path(store_path).write_text("999999\n")
    Store.open(store_path, lock_timeout=1).add_note(river, 0, "x")


def test_lock_held_too_long_is_a_clear_error(store_path: Path, river: Article) -> None:
    proc = _holder(fileio.lock_path(store_path))
    try:
        store = Store.open(store_path, lock_timeout=0.3)
        started = time.monotonic()
        with pytest.raises(StoreLockedError) as caught:
            store.add_note(river, 0, "x")
        assert 0.3 <= time.monotonic() - started < 2
        assert f"pid {proc.pid}" in str(caught.value)
        assert store.notes() == [] and not store_path.exists()
    finally:
        proc.kill()
        proc.wait()


def test_reconcile_on_a_read_only_store_changes_only_memory(store_path: Path, river: Article) -> None:
    store = Store.open(store_path)
    store.add_note(river, 0, "x")
    doc = json.loads(store_path.read_text())
    doc["schema"] = SCHEMA_VERSION + 1
    store_path.write_text(json.dumps(doc))
    raw = store_path.read_bytes()
    ro = Store.open(store_path)
    assert ro.read_only and [n.text for n in ro.notes()] == ["x"]  # a newer file is still shown
    report = ro.reconcile([])
    assert not report.saved and len(ro.orphans()) == 1
    assert store_path.read_bytes() == raw


def test_move_aside_of_a_missing_store_is_a_clear_error(store_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    with pytest.raises(StoreError, match="does not exist"):
        move_aside(store_path)


def test_store_path_that_is_a_folder(store_path: Path) -> None:
    store_path.mkdir(parents=True)
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(store_path)


def test_store_modules_never_import_textual() -> None:
    code = (
        "import sys, reader.store, reader.commands.note, reader.commands.bookmark, reader.commands.export;"
        "assert 'textual' not in sys.modules and 'rich' not in sys.modules, 'textual loaded'"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr


def test_a_control_character_is_reported_in_plain_words(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    path.write_text('{"schema": 1, "notes": ["a\x01b"]}', encoding="utf-8")
    with pytest.raises(StoreCorruptError) as caught:
        Store.open(path)
    message = str(caught.value)
    assert "invalid JSON at line 1, column 27 (invalid control character)" in message
    assert " at;" not in message and " at)" not in message
    assert path.read_text(encoding="utf-8") == '{"schema": 1, "notes": ["a\x01b"]}'  # left untouched
