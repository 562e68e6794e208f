"""The values the index hands out: light rows, search hits, update reports, mentions.

``ArticleRow`` is what a list of 100,000 articles is made of, so it is a slots dataclass of
plain strings and ints (no ``Path``, no ``date`` objects): about half a kilobyte each.
Everything here is immutable so a UI thread can hold results while a worker updates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..articles import Article, Problem
from ..order import newest_first


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One article as the index knows it, read without touching the article's file.

    ``date`` is ISO ``YYYY-MM-DD`` or None (undated); ``path`` is the absolute file path as
    text; ``record`` is the position inside a JSON / JSON Lines feed (None for one-article
    files); ``doc`` is the index's internal number (stable while the content is unchanged).
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


@dataclass(frozen=True, slots=True)
class Snippet:
    """A short excerpt around the best match. ``matches`` are ``(start, end)`` offsets into
    ``text`` (not markup: the caller styles them, so no article text is ever parsed as
    markup). ``offset`` is where ``text`` starts in ``Article.text``."""

    text: str
    matches: tuple[tuple[int, int], ...]
    offset: int


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result. ``score`` is BM25 as SQLite gives it (lower is better; 0.0 when the
    query has no words and results are in date order). ``snippet`` is filled for the first
    hits only (see ``CorpusIndex.search``); ``CorpusIndex.snippet`` makes one on demand."""

    row: ArticleRow
    score: float
    snippet: Snippet | None = None


@dataclass(frozen=True, slots=True)
class UpdateProgress:
    """Sent during ``update``: ``done`` of ``total`` files looked at, and the rows added or
    changed since the last message (so a list can update in place), and the ids removed."""

    done: int
    total: int
    rows: tuple[ArticleRow, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass
class UpdateReport:
    """What an ``update`` did. ``reread`` counts the files actually opened and parsed."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    moved: int = 0
    unchanged: int = 0
    reread: int = 0
    files: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.moved)


@dataclass(frozen=True, slots=True)
class MentionRow:
    """One article mentioning the entity: how many times and where first."""

    row: ArticleRow
    count: int
    first: int


@dataclass(frozen=True, slots=True)
class CoMention:
    """An entity seen in the same articles: in how many of them."""

    key: str
    label: str
    articles: int


@dataclass(frozen=True, slots=True)
class Mentions:
    """Everything the mentions view shows for one entity.

    ``keys`` lists every canonical key folded in ("Guterres" alone in one article and
    "Antonio Guterres" in another are one person here). ``timeline`` is ``(period, count)``
    in time order, every period present (zeros included) so it can be drawn directly;
    ``granularity`` is "week" (periods like ``2022-W17``) or "month" (``2022-04``).
    ``co_mentions`` are counted over the ``co_window`` newest articles, which keeps the
    query fast for an entity mentioned in half the corpus.
    """

    key: str
    label: str
    keys: tuple[str, ...]
    total_articles: int
    total_mentions: int
    articles: tuple[MentionRow, ...]
    timeline: tuple[tuple[str, int], ...]
    granularity: str
    co_mentions: tuple[CoMention, ...]
    co_window: int
