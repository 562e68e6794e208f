"""Where the TUI gets articles: the corpus index, or the files directly when it cannot.

With the index (the normal case) the list is made of rows read from the database, and an
article's file is read only when it is opened or prefetched. Without it (e.g. the cache
folder is not writable) the direct loader reads every file and the articles are kept.

The index's one connection is shared by the UI thread and short worker jobs (loading the
remaining rows, filtering, prefetching), so every use goes through ``lock``; the update
runs on a connection of its own and needs no lock.
"""

from __future__ import annotations

import sqlite3
import threading
from array import array
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

from ..articles import Article
from ..entities.corrections import Corrections
from ..index import CorpusIndex, Mentions, Query, StoreView
from ..index.entity_stats import EntityDetail, EntityStat
from ..index.model import ArticleRow


class ArticleSource:
    """Load articles by id, from the index or from memory (fallback)."""

    def __init__(self, index: CorpusIndex | None = None, recent: int = 16) -> None:
        self.index = index
        self.lock = threading.RLock()
        self._articles: dict[str, Article] = {}  # fallback: everything the loader read
        self._recent: OrderedDict[str, Article] = OrderedDict()
        self._size = recent

    @classmethod
    def open(cls, corpus: Path) -> tuple[ArticleSource, str | None]:
        """The index for ``corpus``, or a fallback source and the reason it is one."""
        try:
            index = CorpusIndex.open(corpus)
        except (OSError, sqlite3.Error) as exc:
            return cls(None), f"the index cannot be used ({exc}); reading the files directly"
        return cls(index), None

    def close(self) -> None:
        if self.index is not None:
            with self.lock:
                self.index.close()

    def keep(self, articles: list[Article]) -> None:
        """Fallback: hold the loader's articles."""
        for article in articles:
            self._articles[article.id] = article

    def first_rows(self, limit: int) -> list[ArticleRow]:
        if self.index is None:
            return []
        with self.lock:
            return self.index.rows(limit)

    def all_rows(self) -> list[ArticleRow]:
        if self.index is None:
            return []
        with self.lock:
            return self.index.rows()

    def list_order(self) -> tuple[array[int], list[str], array[int]]:
        """The whole list order in compact columns (see ``CorpusIndex.list_order``)."""
        if self.index is None:
            return array("q"), [], array("i")
        with self.lock:
            return self.index.list_order()

    def rows_by_doc(self, docs: Sequence[int]) -> dict[int, ArticleRow]:
        """Full rows for the list's visible places (the library's ``RowFetcher``)."""
        if self.index is None:
            return {}
        try:
            with self.lock:
                return self.index.rows_by_doc(docs)
        except sqlite3.Error:
            return {}

    def source_counts(self) -> list[tuple[str | None, int]]:
        if self.index is None:
            return []
        try:
            with self.lock:
                return self.index.source_counts()
        except sqlite3.Error:
            return []

    def load(self, article_id: str) -> Article | None:
        """The article, read afresh from its file (a few kept for going back and forth)."""
        with self.lock:
            found = self._articles.get(article_id) or self._recent.get(article_id)
            if found is not None:
                self._recent.pop(article_id, None)
                self._recent[article_id] = found
                return found
            if self.index is None:
                return None
            try:
                found = self.index.load_article(article_id)
            except (OSError, sqlite3.Error):
                found = None
            if found is not None and not self._articles:
                self._recent[article_id] = found
                while len(self._recent) > self._size:
                    self._recent.popitem(last=False)
            return found

    def forget(self, ids: set[str]) -> None:
        """Changed or removed articles: drop the copies kept for going back and forth."""
        with self.lock:
            for article_id in ids:
                self._recent.pop(article_id, None)

    def match_ids(self, query: Query, store: StoreView, prefix_last: bool) -> list[str]:
        assert self.index is not None
        with self.lock:
            # the user's data carries the entity corrections the filters resolve through
            corrections = getattr(store, "corrections", None)
            return self.index.match_ids(query, store=store, prefix_last=prefix_last, corrections=corrections)

    def mentions(
        self, key: str, label: str | None, limit: int = 200, corrections: Corrections | None = None
    ) -> Mentions | None:
        if self.index is None:
            return None
        with self.lock:
            return self.index.mentions(key, limit=limit, label=label, corrections=corrections)

    # -- entities across the corpus (the entity browser) ---------------------------------
    def ranked_entities(
        self, corrections: Corrections | None = None, wait: bool = True
    ) -> tuple[list[EntityStat], tuple[str, ...]] | None:
        """Every named entity of the corpus, most articles first (mentions and dates
        not counted yet: ``entity_detail``), and the months of the corpus (the
        sparklines' common axis). ``wait=False``: None at once when the index is busy."""
        if self.index is None:
            return [], ()
        if not self.lock.acquire(blocking=wait):
            return None
        try:
            entities = self.index.ranked_entities(corrections=corrections)
            months = self.index.corpus_months()
        finally:
            self.lock.release()
        return entities, month_axis(months)

    def hidden_entities(self, keys: frozenset[str], wait: bool = True) -> list[EntityStat] | None:
        """The entities hidden by the reader (``keys``: extractor keys, as the store keeps
        them), uncorrected, most articles first; ``wait=False``: None when the index is busy."""
        if self.index is None or not keys:
            return []
        if not self.lock.acquire(blocking=wait):
            return None
        try:
            return [e for e in self.index.ranked_entities() if e.key in keys]
        finally:
            self.lock.release()

    def entity_detail(self, entities: Sequence[int]) -> EntityDetail:
        """An entity's mentions, first and last date and mentions per month, for its row."""
        if self.index is None:
            return EntityDetail(0, None, None, {})
        try:
            with self.lock:
                return self.index.entity_detail(entities)
        except sqlite3.Error:
            return EntityDetail(0, None, None, {})


def month_axis(months: tuple[str, str] | None) -> tuple[str, ...]:
    """Every ``YYYY-MM`` from the first month to the last (none: no dated article)."""
    if months is None:
        return ()
    (year, month), (last_year, last_month) = ((int(m[:4]), int(m[5:7])) for m in months)
    out: list[str] = []
    while (year, month) <= (last_year, last_month):
        out.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(out)
