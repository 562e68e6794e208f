"""Problems found while loading a corpus: reported, never fatal."""

from __future__ import annotations

from pathlib import Path

from ..records import Record


class Problem(Record):
    """One thing wrong with one file. ``skipped`` says whether the file was left out."""

    path: Path
    reason: str
    skipped: bool

    def __str__(self) -> str:
        return self.shown_as(str(self.path))

    def shown_as(self, path: str) -> str:
        """The problem with its file named as the caller names it (e.g. as the user gave
        the corpus, where the index keeps absolute paths)."""
        # "left out" / "still loaded": a reason may itself say "skipped" ("record 3
        # skipped: no body"), and "skipped (skipped)" told the reader nothing
        what = "left out" if self.skipped else "still loaded"
        return f"{path}: {self.reason} ({what})"


class CorpusError(Exception):
    """The corpus as a whole cannot be read (missing folder, no permission)."""
