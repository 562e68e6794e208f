"""Running a parsed query against the index: SQL for everything SQLite can answer (words,
dates, entities, exclusions), then the user's store for ``is:`` and ``has:``.

Costs, and how each is kept bounded at 100,000 articles:

- BM25 is computed by FTS5 row by row (about 1 µs a match here), and an ``ORDER BY score
  LIMIT`` must score every match: a word in nearly every article costs ~100 ms. Ranking
  therefore looks at a *window*: the ``RANK_WINDOW`` most recently indexed matches (the
  highest ``doc`` numbers, found by walking the match list backwards, which scores
  nothing) are ranked by BM25; a query matching more articles lists the older matches
  after those, most recently indexed first. Below the window size (every query on a
  corpus of up to ``RANK_WINDOW`` articles) the ranking is exact BM25 over all matches.
- Entity filters: a rare entity's postings are read into a list (``IN``); a common one
  is probed per candidate row through the postings primary key (``EXISTS``), so "newest
  50 mentioning X" is a short walk of the list-order index instead of a 50,000-row sort.
- Date ranges are written as the list-order index's leading expression, so a range is
  one index range scan already in list order.
- Store filters (``is:``, ``has:``) read candidates lazily, ``doc`` and ``id`` only, and
  stop once ``limit`` pass; full rows are fetched for those alone.

User text never reaches SQL or MATCH as syntax: values are bound parameters, and MATCH
expressions are built only from folded word tokens, each phrase quoted (text.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence

from .model import ArticleRow
from .query import Flag, Query, QueryError
from .text import fts_phrase

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (reader/records.py)
if TYPE_CHECKING:
    from typing import Any

    from ..entities.corrections import Corrections
    from .store_view import StoreView

ROW_COLUMNS = "a.doc, a.id, a.file, a.record, a.date, a.title, a.source, a.paragraphs"
DATE_ORDER = "a.date IS NULL, a.date DESC, a.title COLLATE NOCASE, a.file"
# BM25 with a title word worth four body words.
RANK = "bm25(fts, 4.0, 1.0)"
RANK_WINDOW = 10_000
"""How many matches (the most recently indexed) are ranked by BM25; see the module doc."""
ENTITY_PROBE_MIN = 2_000
"""Entities in more articles than this are probed per row (EXISTS) rather than listed (IN)."""
KEY_COLUMNS = "a.doc, a.id"


# A store that can also hand over whole id sets (``ids_with("bookmarked")``,
# ``ids_with("note")``, ``ids_with("read")``) lets a positive filter become one SQL
# condition on a few ids instead of a test on every candidate row.
NARROW_LIMIT = 5000


def _narrowing_ids(query: Query, store: StoreView | None) -> set[str] | None:
    """Ids every result must be among, from the positive store filters; None: no narrowing."""
    ids_with = getattr(store, "ids_with", None)
    if ids_with is None:
        return None
    narrowed: set[str] | None = None
    for flag in query.flags:
        name = {"bookmarked": "bookmarked", "note": "note", "read": "read"}.get(flag.name)
        if name is None or flag.negated:
            continue  # "is:unread" and exclusions are large sets: tested row by row
        ids = ids_with(name)
        if ids is None:
            continue
        narrowed = set(ids) if narrowed is None else narrowed & set(ids)
    if narrowed is not None and len(narrowed) > NARROW_LIMIT:
        return None
    return narrowed


class Plan:
    """SQL pieces for one query; ``empty`` when some filter can match nothing. (A plain
    class: ``reader search`` does not import ``dataclasses``.)"""

    __slots__ = ("match", "where", "params", "empty")

    def __init__(self, match: str | None = None) -> None:
        self.match = match
        self.where: list[str] = []
        self.params: list[Any] = []
        self.empty = False


def match_expression(query: Query, prefix_last: bool = False) -> str | None:
    terms = query.positive_terms
    if not terms:
        return None
    parts = []
    for index, term in enumerate(terms):
        prefix = prefix_last and index == len(terms) - 1 and not term.quoted
        parts.append(fts_phrase(term.tokens, prefix))
    return " AND ".join(parts)


def plan(
    conn: sqlite3.Connection, query: Query, prefix_last: bool = False, corrections: Corrections | None = None
) -> Plan:
    result = Plan(match=match_expression(query, prefix_last))
    negatives = query.negative_terms
    if negatives:
        result.where.append("a.doc NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
        result.params.append(" OR ".join(fts_phrase(t.tokens) for t in negatives))
    for span in query.dates:
        conds, params = [], []
        if span.start is not None:
            conds.append("a.date >= ?")
            params.append(span.start.isoformat())
        if span.end is not None:
            conds.append("a.date <= ?")
            params.append(span.end.isoformat())
        # "(a.date IS NULL) = 0" is the list-order index's first column (schema.py), so the
        # range is an index range scan in list order when that index is there.
        test = "(a.date IS NULL) = 0 AND " + " AND ".join(conds)
        result.where.append(f"NOT ({test})" if span.negated else f"({test})")
        result.params.extend(params)
    if query.entities:
        # Only an entity filter needs the resolver (and the gazetteers it loads).
        from .resolve import resolve_corrected
    for wanted in query.entities:
        found = resolve_corrected(conn, wanted.value, wanted.labels, corrections)
        if found is None:
            if not wanted.negated:
                result.empty = True
            continue
        if found.phrases:
            # A phrase the user added has no postings: its articles come from the full text.
            tests = ["a.doc IN (SELECT rowid FROM fts WHERE fts MATCH ?)" for _ in found.phrases]
            bound: list[Any] = list(found.phrases)
            if found.entities:
                tests.append(
                    f"a.doc IN (SELECT doc FROM postings WHERE entity IN ({','.join('?' * len(found.entities))}))"
                )
                bound.extend(found.entities)
            either = " OR ".join(tests)
            result.where.append(f"NOT ({either})" if wanted.negated else f"({either})")
            result.params.extend(bound)
            continue
        marks = ",".join("?" * len(found.entities))
        df = conn.execute(
            f"SELECT coalesce(sum(df), 0) FROM entities WHERE entity IN ({marks})", found.entities
        ).fetchone()[0]
        if wanted.negated or df > ENTITY_PROBE_MIN:
            op = "NOT EXISTS" if wanted.negated else "EXISTS"
            result.where.append(f"{op} (SELECT 1 FROM postings p WHERE p.entity IN ({marks}) AND p.doc = a.doc)")
        else:
            result.where.append(f"a.doc IN (SELECT doc FROM postings WHERE entity IN ({marks}))")
        result.params.extend(found.entities)
    return result


def _flag_predicate(flag: Flag, store: StoreView) -> tuple[Callable[[str], object], bool]:
    """``(test, wanted)``: the article passes when ``bool(test(id)) == wanted``; the same
    store's method is looked up once per query, not once per candidate row."""
    if flag.name == "bookmarked":
        return store.is_bookmarked, not flag.negated
    if flag.name == "read":
        return store.is_read, not flag.negated
    if flag.name == "unread":
        return store.is_read, flag.negated
    return store.notes_for, not flag.negated


def check_store(query: Query, store: StoreView | None) -> None:
    if query.flags and store is None:
        flag = query.flags[0]
        raise QueryError(
            f"{'has:' if flag.name == 'note' else 'is:'}{flag.name} needs the notes and bookmarks store", flag.position
        )


def _window_start(conn: sqlite3.Connection, match: str) -> int | None:
    """The lowest ``doc`` of the ``RANK_WINDOW`` most recently indexed matches, or None
    when there are no more matches than that (then everything is ranked). FTS5 walks its
    match list backwards by rowid without scoring, so this costs a fraction of ranking."""
    row = conn.execute(
        "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?", (match, RANK_WINDOW - 1)
    ).fetchone()
    if row is None:
        return None
    more = conn.execute("SELECT 1 FROM fts WHERE fts MATCH ? AND rowid < ? LIMIT 1", (match, row[0])).fetchone()
    return int(row[0]) if more else None


def _top_ranked(
    columns: str, p: Plan, limit: int | None, where: str, window: str, window_params: list[Any]
) -> tuple[str, list[Any]]:
    """The SQL of the best ``limit`` matches by BM25 (within ``window``).

    With no condition on the article rows, the matches are ranked and cut to ``limit``
    in the full-text table alone, and only those few rows are joined to ``articles``:
    joining first made SQLite read every match's row and carry it through the sort
    (2 to 3 ms of a 1,000-match ``reader search``, a third of that when ranked first)."""
    if limit is not None and not where:
        top = f"SELECT fts.rowid AS doc, {RANK} AS score FROM fts WHERE fts MATCH ?{window} ORDER BY score LIMIT ?"
        sql = f"SELECT {columns}, top.score FROM ({top}) AS top JOIN articles a ON a.doc = top.doc ORDER BY top.score"
        return sql, [p.match, *window_params, limit]
    sql = f"SELECT {columns}, {RANK} AS score FROM fts JOIN articles a ON a.doc = fts.rowid WHERE fts MATCH ?"
    sql += f"{window}{where} ORDER BY score"
    params = [p.match, *window_params, *p.params]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return sql, params


def _ordered(
    conn: sqlite3.Connection, p: Plan, columns: str, limit: int | None, scored: bool = True
) -> Iterator[tuple[Any, ...]]:
    """Result tuples (``columns`` then the score) in result order, read lazily.
    ``scored=False``: past the ranking window the score is 0.0, not computed (callers
    that only want the order, like ``match_ids``)."""
    where = "".join(f" AND {cond}" for cond in p.where)
    if p.match is None:
        sql = f"SELECT {columns}, 0.0 AS score FROM articles a WHERE 1{where} ORDER BY {DATE_ORDER}"
        params: list[Any] = list(p.params)
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        yield from conn.execute(sql, params)
        return
    head = f"SELECT {columns}, {RANK} AS score FROM fts JOIN articles a ON a.doc = fts.rowid WHERE fts MATCH ?"
    start = _window_start(conn, p.match)
    if start is None:
        sql, params = _top_ranked(columns, p, limit, where, "", [])
        yield from conn.execute(sql, params)
        return
    sql, params = _top_ranked(columns, p, limit, where, " AND fts.rowid >= ?", [start])
    count = 0
    for values in conn.execute(sql, params):
        count += 1
        yield values
    if limit is not None and count >= limit:
        return
    # Beyond the window: most recently indexed first; BM25 is computed for the rows
    # returned only (the select list is evaluated per output row, after the LIMIT).
    if not scored:
        head = head.replace(RANK, "0.0")
    sql = f"{head} AND fts.rowid < ?{where} ORDER BY fts.rowid DESC"
    params = [p.match, start, *p.params]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit - count)
    yield from conn.execute(sql, params)


def run(
    conn: sqlite3.Connection,
    query: Query,
    limit: int | None,
    store: StoreView | None,
    prefix_last: bool = False,
    columns: str = ROW_COLUMNS,
    scored: bool = True,
    corrections: Corrections | None = None,
) -> list[tuple[Any, ...]]:
    """Result tuples (``columns`` then the score), best first: by BM25 when the query has
    words (see ``RANK_WINDOW``), else newest first. Store filters run after SQL, on
    candidates read lazily, so the limit goes after them. ``scored=False`` may leave
    scores at 0.0 where the order does not need them."""
    check_store(query, store)
    p = plan(conn, query, prefix_last, corrections)
    if (
        store is not None
        and corrections is not None
        and corrections.noted
        and any(f.name == "note" for f in query.flags)
    ):
        store = _EntityNoted(store, _noted_ids(conn, corrections))
    if p.empty:
        return []
    narrow = _narrowing_ids(query, store)
    if narrow is not None:
        if not narrow:
            return []
        p.where.append(f"a.id IN ({','.join('?' * len(narrow))})")
        p.params.extend(sorted(narrow))
    if not query.flags or store is None:
        return list(_ordered(conn, p, columns, limit, scored))
    tests = [_flag_predicate(f, store) for f in query.flags]
    kept: list[tuple[Any, ...]] = []
    cursor = _ordered(conn, p, KEY_COLUMNS, None, scored)
    for values in cursor:
        ident = values[1]
        for test, wanted in tests:
            if bool(test(ident)) != wanted:
                break
        else:
            kept.append(values)
            if limit is not None and len(kept) >= limit:
                break
    if columns == KEY_COLUMNS:
        return kept
    full: dict[int, tuple[Any, ...]] = {}
    docs = [values[0] for values in kept]
    for begin in range(0, len(docs), 500):
        part = docs[begin : begin + 500]
        marks = ",".join("?" * len(part))
        for values in conn.execute(f"SELECT a.doc, {columns} FROM articles a WHERE a.doc IN ({marks})", part):
            full[values[0]] = tuple(values[1:])
    return [(*full[doc], score) for doc, _, score in kept if doc in full]


def _noted_ids(conn: sqlite3.Connection, corrections: Corrections) -> frozenset[str]:
    """Ids of the articles mentioning an entity that has an entity note."""
    from .resolve import resolve_corrected

    ids: set[str] = set()
    for key in sorted(corrections.noted):
        found = resolve_corrected(conn, key, None, corrections)
        if found is None:
            continue
        for entity in found.entities:
            ids.update(
                i
                for (i,) in conn.execute(
                    "SELECT a.id FROM postings p JOIN articles a ON a.doc = p.doc WHERE p.entity = ?", (entity,)
                )
            )
        for phrase in found.phrases:
            ids.update(
                i
                for (i,) in conn.execute(
                    "SELECT a.id FROM fts JOIN articles a ON a.doc = fts.rowid WHERE fts MATCH ?", (phrase,)
                )
            )
    return frozenset(ids)


class _EntityNoted:
    """The store, with ``has:note`` also true of articles naming an entity with a note."""

    def __init__(self, store: StoreView, noted: frozenset[str]) -> None:
        self._store = store
        self._noted = noted

    def is_bookmarked(self, article_id: str) -> bool:
        return self._store.is_bookmarked(article_id)

    def is_read(self, article_id: str) -> bool:
        return self._store.is_read(article_id)

    def notes_for(self, article_id: str) -> Sequence[Any]:
        own = self._store.notes_for(article_id)
        return own if own or article_id not in self._noted else ("entity note",)

    def ids_with(self, mark: str) -> set[str] | None:
        ids_with = getattr(self._store, "ids_with", None)
        found: set[str] | None = ids_with(mark) if ids_with is not None else None
        if mark != "note":
            return found
        return None if found is None else set(found) | self._noted


def to_row(values: tuple[Any, ...], base: str) -> ArticleRow:
    doc, ident, file, record, date, title, source, paragraphs = values[:8]
    return ArticleRow(doc, ident, f"{base}/{file}", record, date, title, source, paragraphs)
