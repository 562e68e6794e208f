"""The light row of an article: what a list of 100,000 articles is made of.

A list needs, of each article, its id, date, title, source, place and length, never its
text: a named tuple of plain strings and ints (no ``Path``, no ``date`` objects), about
half a kilobyte each. The corpus index hands out rows without touching the files; an
article parsed from its file becomes one with ``row_of_article``. Either way a list sorts
them with ``row_sort_key``, the one list order (ARCHITECTURE.md §3, §2.4).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..order import newest_first
from ..records import Record
from .model import Article


class ArticleRow(Record):
    """One article as a list shows it, read from the index without touching the
    article's file, or made from a parsed article (``row_of_article``).

    ``date`` is ISO ``YYYY-MM-DD`` or None (undated); ``path`` is the file path as text
    (absolute from the index); ``record`` is the position inside a JSON / JSON Lines feed
    (None for one-article files); ``doc`` is the index's internal number (stable while the
    content is unchanged), -1 for a row not read from an index.
    """

    doc: int
    id: str
    path: str
    record: int | None
    date: str | None
    title: str
    source: str | None
    paragraphs: int

    @property
    def date_value(self) -> dt.date | None:
        return dt.date.fromisoformat(self.date) if self.date else None

    @property
    def file(self) -> Path:
        return Path(self.path)


def row_sort_key(row: ArticleRow) -> tuple[bool, int, str, str, int]:
    """Newest first, undated last: the one list order (``reader.order.newest_first``), the
    order of ``reader list`` and of ``rows()``, for a UI merging updated rows into its list."""
    return newest_first(row.date, row.title, row.path, row.record)


def row_of_article(article: Article, doc: int = -1) -> ArticleRow:
    """The light row of an article read from its file (``doc`` -1: not from an index),
    for lists that show parsed articles and index rows alike."""
    return ArticleRow(
        doc, article.id, str(article.path), article.record, article.date_iso, article.title, article.source,
        len(article.paragraphs),
    )  # fmt: skip
