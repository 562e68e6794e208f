"""What can go wrong with the user's store, as errors the CLI prints in one line.

Each carries the store's path, so a message never leaves the user guessing which file is
meant. ``StoreWriteError.reason`` is a short human phrase ("disk full") that the TUI can
show next to the note it kept on screen.
"""

from __future__ import annotations

from pathlib import Path

from reader.errors import ReaderError


class StoreError(ReaderError):
    """Anything about the notes-and-bookmarks file."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class StoreCorruptError(StoreError):
    """The file is not JSON, or not the shape of a store: it is refused, never overwritten."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(
            f"store {str(path)!r} cannot be read: {problem}; it was left untouched (move it aside to start afresh)",
            path,
        )
        self.problem = problem


class StoreReadOnlyError(StoreError):
    """A change was asked of a store that was opened read-only (and why it was)."""


class StoreWriteError(StoreError):
    """Saving failed; the file on disk is still the previous, complete version."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"could not save {str(path)!r}: {reason}", path)
        self.reason = reason


class StoreLockedError(StoreError):
    """Another process held the store's lock for longer than we are willing to wait."""


class CorrectionRefusedError(StoreError):
    """An entity correction that would make no sense (a merge into itself, a merge cycle),
    refused before anything is written."""
