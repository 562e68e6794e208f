"""The list model: every article as a light row, newest first, plus the rows the list paints.

Rows are the index's ``ArticleRow`` (a slots object of plain strings, about half a
kilobyte), never a whole ``Article``: 100,000 of them fit in a few tens of megabytes, and
the article itself is read from its file only when opened. When the index cannot be used,
the direct loader's articles are turned into the same rows (``row_of_article``).

``rows`` is the painted table: ``row >= 0`` is an index into ``articles``, ``row < 0`` is
the separator for month ``-row - 1`` in ``months``. A filter (the search bar) keeps only
the articles whose ids it holds, in list order, so separators still make sense.
"""

from __future__ import annotations

import bisect
import calendar
from collections.abc import Collection, Iterable

from ..articles import Article
from ..index.model import ArticleRow, row_sort_key

# Below this share of the list, new rows are inserted one by one (a binary search and a
# memmove each); above it, appended and the whole list re-sorted.
INSERT_FRACTION = 0.05


def row_of_article(article: Article) -> ArticleRow:
    """The light row for an article read directly (the fallback when there is no index)."""
    return ArticleRow(
        -1, article.id, str(article.path), article.record, article.date_iso, article.title, article.source,
        len(article.paragraphs),
    )  # fmt: skip


def month_label(date: str | None) -> str:
    if not date:
        return "Undated"
    return f"{calendar.month_name[int(date[5:7])]} {date[:4]}"


class Library:
    """Rows in list order, with lookup by id, an optional filter, and the painted table."""

    def __init__(self) -> None:
        self.articles: list[ArticleRow] = []
        self.rows: list[int] = []
        self.months: list[str] = []
        self.filter: frozenset[str] | None = None
        self._index: dict[str, int] = {}
        self._row_of: list[int] = []  # article index -> row in ``rows`` (-1: filtered out)
        self._shown: list[int] = []  # article indexes shown, in list order

    def __len__(self) -> int:
        return len(self.articles)

    @property
    def shown(self) -> int:
        """How many articles the list shows (all of them unless filtered)."""
        return len(self._shown)

    # -- filling ----------------------------------------------------------------------
    def add(self, batch: Iterable[ArticleRow]) -> None:
        self.merge(batch, ())

    def replace(self, rows: list[ArticleRow], sort: bool = True) -> None:
        """All rows at once; ``sort=False`` trusts the caller's order (the index's)."""
        self.articles = sorted(rows, key=row_sort_key) if sort else list(rows)
        self._reindex()

    def merge(self, rows: Iterable[ArticleRow], removed: Iterable[str]) -> None:
        """New and changed rows go to their place by ``row_sort_key`` (a changed row
        replaces the one with its id); ``removed`` ids drop out."""
        incoming = {row.id: row for row in rows}
        drop = set(removed)
        drop.update(i for i in incoming if i in self._index)
        if not incoming and not drop & self._index.keys():
            return
        articles = self.articles
        if drop:
            articles = [a for a in articles if a.id not in drop]
        new = list(incoming.values())
        if len(new) <= max(16, int(len(articles) * INSERT_FRACTION)):
            for row in new:
                bisect.insort(articles, row, key=row_sort_key)
        else:
            articles.extend(new)
            articles.sort(key=row_sort_key)
        self.articles = articles
        self._reindex()

    def set_filter(self, ids: Collection[str] | None) -> None:
        """Show only these ids (None: everything)."""
        self.filter = None if ids is None else frozenset(ids)
        self._rebuild_rows()

    def _reindex(self) -> None:
        self._index = {a.id: i for i, a in enumerate(self.articles)}
        self._rebuild_rows()

    def _rebuild_rows(self) -> None:
        keep = self.filter
        articles = self.articles
        rows: list[int] = []
        months: list[str] = []
        row_of = [-1] * len(articles)
        shown: list[int] = []
        current: str | None = "?"
        for i, article in enumerate(articles):
            if keep is not None and article.id not in keep:
                continue
            date = article.date
            month = date[:7] if date else None
            if month != current:
                current = month
                months.append(month_label(date))
                rows.append(-len(months))
            row_of[i] = len(rows)
            rows.append(i)
            shown.append(i)
        self.rows, self.months, self._row_of, self._shown = rows, months, row_of, shown

    # -- lookups ----------------------------------------------------------------------
    def index_of(self, article_id: str) -> int | None:
        return self._index.get(article_id)

    def get(self, article_id: str) -> ArticleRow | None:
        index = self._index.get(article_id)
        return self.articles[index] if index is not None else None

    def row_of(self, index: int) -> int:
        """The painted row of article ``index``; -1 if the filter hides it."""
        return self._row_of[index] if 0 <= index < len(self._row_of) else -1

    def position(self, article_id: str) -> int | None:
        """Where the article is among those shown (for "3 of 120")."""
        index = self._index.get(article_id)
        if index is None or self.row_of(index) < 0:
            return None
        return bisect.bisect_left(self._shown, index)

    def neighbour(self, article_id: str, step: int) -> ArticleRow | None:
        """The article ``step`` places away among those shown, or None at either end."""
        index = self._index.get(article_id)
        if index is None:
            return None
        at = bisect.bisect_left(self._shown, index)
        if at < len(self._shown) and self._shown[at] == index:
            target = at + step
        else:  # filtered out: the nearest shown one that way
            target = at if step > 0 else at - 1
        return self.articles[self._shown[target]] if 0 <= target < len(self._shown) else None
