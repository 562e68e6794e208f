"""The only code that touches the store's bytes on disk: lock, read, atomic replace.

Why each step (ARCHITECTURE.md §2.2):

* the lock (``fcntl.flock`` on ``<store>.lock``) serialises writers across processes, so a
  read-modify-write never races another one; the kernel drops it when its process dies, so
  a killed writer cannot leave a lock that blocks the next one;
* the new content goes to a temporary file in the store's own folder (``os.replace`` is
  only atomic within one file system), is fsynced, then renamed over the store, and the
  folder is fsynced so the rename itself survives a power cut. A reader therefore sees the
  old file or the new one, never a mixture;
* any failure removes the temporary file and raises ``StoreWriteError`` with a short reason.

The module-level ``_open_temp``, ``_write_all``, ``_fsync`` and ``_replace`` are the seam
tests patch to inject ENOSPC, EACCES or EROFS at each step.

Linux and macOS only (``fcntl``); Windows is not supported. ``flock`` is not reliable on
some network file systems.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import random
import stat
import threading
import time
from pathlib import Path
from types import TracebackType

from ..regular_file import read_regular
from .errors import StoreError, StoreLockedError, StoreWriteError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_TIMEOUT = 10.0
"""Seconds a writer waits for another live process to finish before giving up."""

_REASONS = {
    errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk quota exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "read-only file system",
    errno.EIO: "input/output error",
    errno.ENOENT: "folder does not exist",
    errno.ENOTDIR: "a path component is not a folder",
}


def describe(exc: OSError) -> str:
    """A short phrase for a failed file operation, as a user would say it."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    return exc.strerror or str(exc)


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


class FileLock:
    """An exclusive, blocking-with-timeout lock on ``<store>.lock``.

    The lock file is never deleted: removing it while another process waits on it would let
    two processes hold "the" lock on two different inodes. Holding it writes our pid into
    it, only so a timeout message can say who is holding on.
    """

    def __init__(self, path: Path, timeout: float = LOCK_TIMEOUT) -> None:
        self.path = path
        self.timeout = timeout
        self.waited = 0.0
        self._fd: int | None = None

    def __enter__(self) -> FileLock:
        if fcntl is None:  # pragma: no cover - Windows
            raise StoreError("locking the store needs fcntl (Linux or macOS)", self.path)
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise StoreWriteError(self.path, f"cannot create the lock file: {describe(exc)}") from exc
        start = time.monotonic()
        if not _acquire(fd, self.timeout):
            holder = _holder(self.path)  # not via fd: the waiting thread now owns it
            raise StoreLockedError(
                f"store is locked by another process{holder} for more than "
                f"{self.timeout:g} s ({str(self.path)!r}); try again, or end that process",
                self.path,
            )
        self.waited = time.monotonic() - start
        self._fd = fd
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except OSError:
            pass  # the pid is only a courtesy for error messages
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._fd is not None:
            assert fcntl is not None
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def _acquire(fd: int, timeout: float) -> bool:
    """Take the lock on ``fd`` within ``timeout`` seconds; False (and ``fd`` closed) if not.

    Uncontended, one non-blocking call does it. Otherwise a helper thread blocks in
    ``flock`` so the kernel wakes it the moment the lock is free: polling instead lets a
    process that writes in a loop re-take the lock before a sleeping poller looks, and one
    waiter could starve for most of a second under six writers. If the wait times out the
    thread is left behind; when it finally gets the lock it releases it and closes ``fd``.
    """
    assert fcntl is not None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        pass
    got = threading.Event()
    guard = threading.Lock()
    abandoned = False

    def wait() -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            return
        with guard:
            if not abandoned:
                got.set()
                return
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    threading.Thread(target=wait, name="store-lock-wait", daemon=True).start()
    if got.wait(timeout):
        return True
    with guard:
        if got.is_set():  # acquired just as we gave up: keep it after all
            return True
        abandoned = True
    return False


def _holder(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            pid = handle.read(32).decode().strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""


def read_bytes(path: Path) -> bytes | None:
    """The store's bytes, or None when there is no store yet."""
    try:
        return read_regular(path)  # a named pipe is refused, not waited on
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise StoreError(f"store {str(path)!r} is a folder, not a file", path) from None
    except OSError as exc:
        raise StoreError(f"cannot read store {str(path)!r}: {describe(exc)}", path) from exc


# --- the write path, one function per step so tests can break any of them -------------


def _open_temp(folder: Path, name: str) -> tuple[int, Path]:
    suffix = f"{os.getpid()}.{random.getrandbits(32):08x}.tmp"
    path = folder / f".{name}.{suffix}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    return fd, path


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync(fd: int) -> None:
    os.fsync(fd)


def _replace(source: Path, target: Path) -> None:
    os.replace(source, target)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        # The rename is done and every reader sees the new file; only its survival of a
        # power cut is uncertain. Reporting failure now would make the caller retry a
        # change that is in fact saved (a duplicate note), so this is not an error.
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once, or raise StoreWriteError and leave both
    the old file and the folder as they were (no temporary file left behind)."""
    temp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = _open_temp(path.parent, path.name)
        try:
            with contextlib.suppress(FileNotFoundError):
                os.fchmod(fd, stat.S_IMODE(os.stat(path).st_mode))  # keep the user's permissions
            _write_all(fd, data)
            _fsync(fd)
        finally:
            os.close(fd)
        _replace(temp, path)
        temp = None
    except OSError as exc:
        raise StoreWriteError(path, describe(exc)) from exc
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    _fsync_folder(path.parent)


def sweep_temps(path: Path) -> None:
    """Remove temporary files left by writers killed mid-write. Call only under the lock:
    every writer makes its temporary file while holding it, so whatever is there now
    belongs to a process that died."""
    prefix = f".{path.name}."
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _free_name(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate


def write_backup(path: Path, data: bytes, label: str) -> Path:
    """Keep ``data`` as ``<name>.<label>-<timestamp>`` beside the store (never overwriting
    an earlier backup) before the store itself is changed."""
    target = _free_name(path.with_name(f"{path.name}.{label}-{_stamp()}"))
    atomic_write(target, data)
    return target


def move_aside(path: Path, timeout: float = LOCK_TIMEOUT) -> Path:
    """Rename a store that cannot be read to ``<name>.corrupt-<timestamp>`` (bytes kept as
    they are) so a fresh one can start; returns where it went."""
    path = Path(os.path.realpath(path))
    with FileLock(lock_path(path), timeout):
        target = _free_name(path.with_name(f"{path.name}.corrupt-{_stamp()}"))
        try:
            os.rename(path, target)
        except FileNotFoundError:
            raise StoreError(f"store {str(path)!r} does not exist", path) from None
        except OSError as exc:
            raise StoreWriteError(path, f"cannot move it aside: {describe(exc)}") from exc
    _fsync_folder(path.parent)
    return target
