"""The list model: every article's place, id and date in compact columns; the rest of a
row fetched for the rows on screen.

A list of 100,000 articles needs, for every row, only its place in the order, its id
(marks, the filter, finding an article) and its date (month separators). Those are kept
as columns (an ``array`` of doc numbers, a list of ids, an ``array`` of ``YYYYMMDD``
dates): about 100 bytes an article, against 1 kB for an ``ArticleRow`` object. Titles,
sources and paths are fetched from the index by doc number for the rows being painted,
a page at a time, and kept in a small LRU cache (toolong's line cache, for rows).

Two ways to fill it:

- from the index (the normal case): ``set_order`` takes the columns read by
  ``CorpusIndex.list_order`` (in the database's order) and a ``RowFetcher``; ``seed``
  holds the first screenful of full rows so the list paints before the order is read.
  An update re-reads the order rather than merging rows into it: sorting needs every
  title, which this model deliberately does not hold.
- from rows in memory (the fallback loader, which holds every article anyway): ``add``,
  ``replace`` and ``merge`` keep the rows and sort them with ``row_sort_key``.

``rows`` is the painted table: ``row >= 0`` is an index into the order, ``row < 0`` is
the separator for month ``-row - 1`` in ``months``. A filter (the search bar) keeps only
the articles whose ids it holds, in list order, so separators still make sense.
"""

from __future__ import annotations

import bisect
import calendar
from array import array
from collections import Counter, OrderedDict
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Protocol, overload

from ..articles.row import ArticleRow, row_sort_key
from ..order import date_number

PAGE = 64  # rows fetched together when one on screen is missing
CACHED_ROWS = 2048  # full rows kept (a few screens' worth around every place visited)


class RowFetcher(Protocol):
    """Where full rows come from (the app's ``ArticleSource`` over the index)."""

    def rows_by_doc(self, docs: Sequence[int]) -> dict[int, ArticleRow]: ...

    def source_counts(self) -> list[tuple[str | None, int]]: ...


def month_label(date: str | None) -> str:
    if not date:
        return "Undated"
    return f"{calendar.month_name[int(date[5:7])]} {date[:4]}"


def _month_label(month: int) -> str:
    """``month`` is ``YYYYMM`` (0: undated)."""
    return f"{calendar.month_name[month % 100]} {month // 100}" if month else "Undated"


class RowsView(Sequence[ArticleRow]):
    """The library's rows as a read-only sequence (fetched page by page as iterated),
    for code that walks the whole list (the bookmarks view, tests)."""

    def __init__(self, library: Library) -> None:
        self._library = library

    def __len__(self) -> int:
        return len(self._library)

    @overload
    def __getitem__(self, index: int) -> ArticleRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[ArticleRow]: ...

    def __getitem__(self, index: int | slice) -> ArticleRow | list[ArticleRow]:
        library = self._library
        if isinstance(index, slice):
            return [library.article_at(i) for i in range(*index.indices(len(library)))]
        if index < 0:
            index += len(library)
        if not 0 <= index < len(library):
            raise IndexError(index)
        return library.article_at(index)

    def __iter__(self) -> Iterator[ArticleRow]:
        library = self._library
        for start in range(0, len(library), PAGE * 8):
            stop = min(start + PAGE * 8, len(library))
            yield from library.articles_between(start, stop)


class Library:
    """Articles in list order (compact columns), rows on demand, an optional filter, and
    the painted table."""

    def __init__(self, fetcher: RowFetcher | None = None) -> None:
        self.fetcher = fetcher
        self.ids: list[str] = []
        self.docs: array[int] = array("q")
        self.dates: array[int] = array("i")  # YYYYMMDD, 0 when undated
        self.rows: array[int] = array("i")
        self.months: list[str] = []
        self.filter: frozenset[str] | None = None
        self._memory: dict[str, ArticleRow] = {}  # rows held whole (fallback; the seed)
        self._sorted: list[ArticleRow] = []  # fallback: the held rows in order
        self._cache: OrderedDict[int, ArticleRow] = OrderedDict()  # doc -> row, LRU
        self._by_id: array[int] | None = None  # places in id order; built when first asked
        self._row_of: array[int] = array("i")  # place -> row in ``rows`` (-1: filtered out)
        self._shown: array[int] = array("i")  # places shown, in list order

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def shown(self) -> int:
        """How many articles the list shows (all of them unless filtered)."""
        return len(self._shown)

    @property
    def articles(self) -> RowsView:
        """Every row in list order, as a sequence (fetched as walked: prefer ``ids``,
        ``dates`` and ``article_at`` where they are enough)."""
        return RowsView(self)

    # -- filling from the index -------------------------------------------------------
    def seed(self, rows: list[ArticleRow]) -> None:
        """The first rows in the index's order, whole: painted before the order is read."""
        self._memory = {row.id: row for row in rows}
        self._sorted = []
        self._set_columns(array("q", [row.doc for row in rows]), [row.id for row in rows],
                          array("i", [date_number(row.date) for row in rows]))  # fmt: skip

    def set_order(self, docs: array[int], ids: list[str], dates: array[int], by_id: array[int] | None = None) -> None:
        """The whole order from the index (``CorpusIndex.list_order``), and ``id_order(ids)``
        if the caller has it (else it is sorted when first needed). Cached rows stay: a
        doc's row changes only by a move, and ``forget`` drops those."""
        for row in self._memory.values():  # the seed's rows: still good, keep them cached
            if row.doc >= 0:
                self._cache[row.doc] = row
        self._memory = {}
        self._sorted = []
        self._set_columns(docs, ids, dates)
        self._by_id = by_id if by_id is not None and len(by_id) == len(ids) else None

    def forget(self, ids: Iterable[str]) -> None:
        """Changed or removed articles: drop their cached rows (re-fetched when shown)."""
        drop = set(ids)
        if not drop:
            return
        for doc, row in list(self._cache.items()):
            if row.id in drop:
                del self._cache[doc]

    # -- filling from memory (the fallback loader) ------------------------------------
    def add(self, batch: Iterable[ArticleRow]) -> None:
        self.merge(batch, ())

    def replace(self, rows: list[ArticleRow], sort: bool = True) -> None:
        """All rows at once, held in memory; ``sort=False`` trusts the caller's order."""
        self._sorted = sorted(rows, key=row_sort_key) if sort else list(rows)
        self._memory = {row.id: row for row in self._sorted}
        self._columns_from_sorted()

    def merge(self, rows: Iterable[ArticleRow], removed: Iterable[str]) -> None:
        """New and changed rows go to their place by ``row_sort_key`` (a changed row
        replaces the one with its id); ``removed`` ids drop out. Rows held in memory."""
        incoming = {row.id: row for row in rows}
        drop = set(removed)
        current = self._sorted if self._sorted or not self.ids else list(self.articles)
        drop.update(i for i in incoming if i in self._memory)
        if not incoming and not drop & self._memory.keys():
            return
        if drop:
            current = [a for a in current if a.id not in drop]
        current.extend(incoming.values())
        current.sort(key=row_sort_key)
        self._sorted = current
        self._memory = {row.id: row for row in current}
        self.forget(drop)
        self._columns_from_sorted()

    def _columns_from_sorted(self) -> None:
        rows = self._sorted
        self._set_columns(array("q", [row.doc for row in rows]), [row.id for row in rows],
                          array("i", [date_number(row.date) for row in rows]))  # fmt: skip

    def _set_columns(self, docs: array[int], ids: list[str], dates: array[int]) -> None:
        self.docs, self.ids, self.dates = docs, ids, dates
        self._by_id = None
        self._rebuild_rows()

    # -- the filter and the painted table ---------------------------------------------
    def set_filter(self, ids: Collection[str] | None) -> None:
        """Show only these ids (None: everything)."""
        self.filter = None if ids is None else frozenset(ids)
        self._rebuild_rows()

    def _rebuild_rows(self) -> None:
        keep = self.filter
        dates = self.dates
        rows: array[int] = array("i")
        months: list[str] = []
        shown: array[int] = array("i")
        add_row, add_shown = rows.append, shown.append
        current = -1
        if keep is None:
            places: Iterable[int] = range(len(dates))
        else:
            places = [i for i, ident in enumerate(self.ids) if ident in keep]
        row_of = array("i", [-1]) * len(dates)
        for i in places:
            month = dates[i] // 100
            if month != current:
                current = month
                months.append(_month_label(month))
                add_row(-len(months))
            row_of[i] = len(rows)
            add_row(i)
            add_shown(i)
        self.rows, self.months, self._row_of, self._shown = rows, months, row_of, shown

    # -- rows ---------------------------------------------------------------------------
    def article_at(self, index: int) -> ArticleRow:
        """The full row at place ``index`` (fetched with its page if not at hand)."""
        found = self._memory.get(self.ids[index])
        if found is not None:
            return found
        doc = self.docs[index]
        cached = self._cache.get(doc)
        if cached is not None:
            self._cache.move_to_end(doc)
            return cached
        start = index - index % PAGE
        cache = self._cache
        for doc_, row in self._fetch(range(start, min(start + PAGE, len(self.ids)))).items():
            cache[doc_] = row
        while len(cache) > CACHED_ROWS:
            cache.popitem(last=False)
        return cache.get(doc) or self._gone(index)

    def articles_between(self, start: int, stop: int) -> list[ArticleRow]:
        """Rows at places ``start`` to ``stop``, in one query for those not at hand; not
        cached (a walk over the whole list must not flush the rows on screen)."""
        found = self._fetch(range(start, stop))
        memory, cache, ids, docs = self._memory, self._cache, self.ids, self.docs
        return [
            memory.get(ids[i]) or cache.get(docs[i]) or found.get(docs[i]) or self._gone(i) for i in range(start, stop)
        ]

    def _fetch(self, places: range) -> dict[int, ArticleRow]:
        """Rows of these places that are neither held nor cached, by doc."""
        if self.fetcher is None:
            return {}
        cache, ids, docs, memory = self._cache, self.ids, self.docs, self._memory
        wanted = [docs[i] for i in places if ids[i] not in memory and docs[i] not in cache]
        return self.fetcher.rows_by_doc(wanted) if wanted else {}

    def _gone(self, index: int) -> ArticleRow:
        """A stand-in for a row gone from the index since the order was read (the next
        re-read of the order drops it)."""
        return ArticleRow(self.docs[index], self.ids[index], "", None, _iso(self.dates[index]), "(gone)", None, 0)

    def month_counts(self) -> dict[tuple[int, int], int]:
        """Articles per (year, month), undated left out: for the overview."""
        counts: Counter[int] = Counter(d // 100 for d in self.dates if d)
        return {(month // 100, month % 100): n for month, n in counts.items()}

    def source_counts(self) -> list[tuple[str | None, int]]:
        """Articles per source (None: no source): from the index, or the rows held."""
        if self.fetcher is not None and not self._sorted:
            return self.fetcher.source_counts()
        return list(Counter(row.source for row in self._memory.values()).items())

    # -- lookups ----------------------------------------------------------------------
    def index_of(self, article_id: str) -> int | None:
        """The place of ``article_id``, by bisection over the places sorted by id: 400 kB
        at 100,000 articles, where a dict from id to place took 9 MB (its int objects
        included) of the TUI's 119 MB peak."""
        ids = self.ids
        by_id = self._by_id
        if by_id is None:
            by_id = self._by_id = id_order(ids)
        # the last of equal ids (a stable sort keeps them in list order): the place a dict
        # built in list order gave, should the fallback loader hold one article twice
        at = bisect.bisect_right(by_id, article_id, key=ids.__getitem__) - 1
        if at >= 0 and ids[by_id[at]] == article_id:
            return by_id[at]
        return None

    def get(self, article_id: str) -> ArticleRow | None:
        index = self.index_of(article_id)
        return self.article_at(index) if index is not None else None

    def row_of(self, index: int) -> int:
        """The painted row of article ``index``; -1 if the filter hides it."""
        return self._row_of[index] if 0 <= index < len(self._row_of) else -1

    def position(self, article_id: str) -> int | None:
        """Where the article is among those shown (for "3 of 120")."""
        index = self.index_of(article_id)
        if index is None or self.row_of(index) < 0:
            return None
        return bisect.bisect_left(self._shown, index)

    def neighbour(self, article_id: str, step: int) -> ArticleRow | None:
        """The article ``step`` places away among those shown, or None at either end."""
        index = self.index_of(article_id)
        if index is None:
            return None
        at = bisect.bisect_left(self._shown, index)
        shown_here = at < len(self._shown) and self._shown[at] == index
        # filtered out: the nearest shown one that way
        target = at + step if shown_here else (at if step > 0 else at - 1)
        return self.article_at(self._shown[target]) if 0 <= target < len(self._shown) else None


def id_order(ids: Sequence[str]) -> array[int]:
    """The places of ``ids`` sorted by id, for ``Library.index_of`` to bisect."""
    return array("i", sorted(range(len(ids)), key=ids.__getitem__))


def _iso(date: int) -> str | None:
    return f"{date // 10000:04d}-{date // 100 % 100:02d}-{date % 100:02d}" if date else None
