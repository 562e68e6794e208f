"""Problems found while loading a corpus: reported, never fatal."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one file. ``skipped`` says whether the file was left out."""

    path: Path
    reason: str
    skipped: bool

    def __str__(self) -> str:
        what = "skipped" if self.skipped else "loaded"
        return f"{self.path}: {self.reason} ({what})"


class CorpusError(Exception):
    """The corpus as a whole cannot be read (missing folder, no permission)."""
