"""Opening a file the user named, refusing what is not a regular file.

A named pipe (or a character device) given where the reader expects a file would make a
plain ``open`` wait for a writer forever. Opened non-blocking and checked with ``fstat``,
it is refused at once, with a reason the caller turns into its one-line message. On a
regular file the non-blocking flag changes nothing.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from stat import S_ISDIR, S_ISREG

_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
# O_BINARY: no newline translation on Windows.


class NotRegularFileError(OSError):
    """A pipe, device or socket where a file was expected."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(errno.EINVAL, "not a regular file (a pipe, device or socket)", str(path))


def open_regular(path: Path | str) -> tuple[int, os.stat_result]:
    """A read-only descriptor on the regular file at ``path`` and its ``stat``; the caller
    closes it. Raises ``IsADirectoryError`` for a folder, ``NotRegularFileError`` for
    anything else that is not a regular file, and ``OSError`` as ``os.open`` does."""
    fd = os.open(path, _FLAGS)
    try:
        info = os.fstat(fd)
        if S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not S_ISREG(info.st_mode):
            raise NotRegularFileError(path)
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def read_regular(path: Path | str) -> bytes:
    """The bytes of the regular file at ``path`` (errors as ``open_regular``)."""
    fd, _ = open_regular(path)
    with open(fd, "rb") as handle:  # closes the descriptor
        return handle.read()
