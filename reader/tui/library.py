"""The list model: every loaded article newest first, plus the rows the list paints.

Articles arrive from the loader in batches in file order, not date order. Each batch is
appended and the list re-sorted (Timsort merges the already sorted run with the new one in
near-linear time), then the row table (month separators + articles) is rebuilt. Rows are
plain ints so 100,000 of them cost little: ``row >= 0`` is an article index, ``row < 0``
is the separator for month ``-row - 1`` in ``months``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..articles import Article, sort_key


class Library:
    """Articles in list order, with lookup by id and the separator-annotated rows."""

    def __init__(self) -> None:
        self.articles: list[Article] = []
        self.rows: list[int] = []
        self.months: list[str] = []
        self._index: dict[str, int] = {}
        self._row_of: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self.articles)

    def add(self, batch: Iterable[Article]) -> None:
        self.articles.extend(batch)
        self.articles.sort(key=sort_key)
        self._reindex()

    def replace(self, articles: list[Article]) -> None:
        self.articles = sorted(articles, key=sort_key)
        self._reindex()

    def _reindex(self) -> None:
        self._index = {a.id: i for i, a in enumerate(self.articles)}
        rows: list[int] = []
        months: list[str] = []
        row_of: dict[int, int] = {}
        current: str | None = None
        for i, article in enumerate(self.articles):
            month = article.date.strftime("%B %Y") if article.date else "Undated"
            if month != current:
                current = month
                months.append(month)
                rows.append(-len(months))
            row_of[i] = len(rows)
            rows.append(i)
        self.rows, self.months, self._row_of = rows, months, row_of

    def index_of(self, article_id: str) -> int | None:
        return self._index.get(article_id)

    def get(self, article_id: str) -> Article | None:
        index = self._index.get(article_id)
        return self.articles[index] if index is not None else None

    def row_of(self, index: int) -> int:
        return self._row_of.get(index, 0)

    def neighbour(self, article_id: str, step: int) -> Article | None:
        """The article ``step`` places away in list order, or None at either end."""
        index = self._index.get(article_id)
        if index is None:
            return None
        target = index + step
        return self.articles[target] if 0 <= target < len(self.articles) else None
