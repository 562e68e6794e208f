"""The user's data: bookmarks, notes and reading state in one crash-safe JSON file.

Only this package writes user data (ARCHITECTURE.md §2.2). It imports nothing outside
the standard library at run time (``Article`` is only a type here), so commands that use
it start fast.
"""

from .errors import (
    CorrectionRefusedError,
    StoreCorruptError,
    StoreError,
    StoreLockedError,
    StoreReadOnlyError,
    StoreWriteError,
)
from .fileio import move_aside
from .model import (
    SCHEMA_VERSION,
    Anchor,
    ArticleRecord,
    Bookmark,
    EntityCorrection,
    EntityNote,
    Feed,
    Note,
    ReadingState,
)
from .reconcile import ReconcileReport
from .store import NoteNotFoundError, Store

__all__ = [
    "SCHEMA_VERSION",
    "Anchor",
    "ArticleRecord",
    "Bookmark",
    "Feed",
    "CorrectionRefusedError",
    "EntityCorrection",
    "EntityNote",
    "Note",
    "NoteNotFoundError",
    "ReadingState",
    "ReconcileReport",
    "Store",
    "StoreCorruptError",
    "StoreError",
    "StoreLockedError",
    "StoreReadOnlyError",
    "StoreWriteError",
    "move_aside",
]
