"""``StoreView``: what a search needs of the user's store (``reader.store.Store`` has it).

A protocol, used in annotations only. It lives apart from ``search.py`` because a
``Protocol`` needs ``typing`` at run time, which ``reader search`` does not import
(``reader/records.py``); the TUI, which names it, loads it from ``reader.index``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol


class StoreView(Protocol):
    """Whether an article is bookmarked or read, and its notes."""

    def is_bookmarked(self, article_id: str) -> bool: ...
    def is_read(self, article_id: str) -> bool: ...
    def notes_for(self, article_id: str) -> Sequence[Any]: ...
