"""Running a parsed query against the index: SQL for everything SQLite can answer (words,
dates, entities, exclusions), then the user's store for ``is:`` and ``has:``.

User text never reaches SQL or MATCH as syntax: values are bound parameters, and MATCH
expressions are built only from folded word tokens, each phrase quoted (text.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .model import ArticleRow
from .query import Flag, Query, QueryError
from .resolve import resolve
from .text import fts_phrase

ROW_COLUMNS = "a.doc, a.id, a.file, a.record, a.date, a.title, a.source, a.paragraphs"
DATE_ORDER = "a.date IS NULL, a.date DESC, a.title COLLATE NOCASE, a.file"
# BM25 with a title word worth four body words.
RANK = "bm25(fts, 4.0, 1.0)"


class StoreView(Protocol):
    """What search needs of the user's store (reader.store.Store has it)."""

    def is_bookmarked(self, article_id: str) -> bool: ...
    def is_read(self, article_id: str) -> bool: ...
    def notes_for(self, article_id: str) -> Sequence[Any]: ...


@dataclass
class Plan:
    """SQL pieces for one query; ``empty`` when some filter can match nothing."""

    match: str | None = None
    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    empty: bool = False


def match_expression(query: Query, prefix_last: bool = False) -> str | None:
    terms = query.positive_terms
    if not terms:
        return None
    parts = []
    for index, term in enumerate(terms):
        prefix = prefix_last and index == len(terms) - 1 and not term.quoted
        parts.append(fts_phrase(term.tokens, prefix))
    return " AND ".join(parts)


def plan(conn: sqlite3.Connection, query: Query, prefix_last: bool = False) -> Plan:
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
        test = "a.date IS NOT NULL AND " + " AND ".join(conds)
        result.where.append(f"NOT ({test})" if span.negated else f"({test})")
        result.params.extend(params)
    for wanted in query.entities:
        found = resolve(conn, wanted.value, wanted.labels)
        if found is None:
            if not wanted.negated:
                result.empty = True
            continue
        marks = ",".join("?" * len(found.entities))
        op = "NOT IN" if wanted.negated else "IN"
        result.where.append(f"a.doc {op} (SELECT doc FROM postings WHERE entity IN ({marks}))")
        result.params.extend(found.entities)
    return result


def _flag_test(flag: Flag, store: StoreView, article_id: str) -> bool:
    if flag.name == "bookmarked":
        value = store.is_bookmarked(article_id)
    elif flag.name == "read":
        value = store.is_read(article_id)
    elif flag.name == "unread":
        value = not store.is_read(article_id)
    else:
        value = bool(store.notes_for(article_id))
    return value != flag.negated


def check_store(query: Query, store: StoreView | None) -> None:
    if query.flags and store is None:
        flag = query.flags[0]
        raise QueryError(f"{'has:' if flag.name == 'note' else 'is:'}{flag.name} needs the notes and bookmarks store", flag.position)


def run(
    conn: sqlite3.Connection,
    query: Query,
    limit: int | None,
    store: StoreView | None,
    prefix_last: bool = False,
    columns: str = ROW_COLUMNS,
) -> list[tuple[Any, ...]]:
    """Result tuples (``columns`` then the score), best first: by BM25 when the query has
    words, else newest first. Store filters run after SQL, so the limit goes after them."""
    check_store(query, store)
    p = plan(conn, query, prefix_last)
    if p.empty:
        return []
    where = list(p.where)
    params = list(p.params)
    if p.match is not None:
        sql = f"SELECT {columns}, {RANK} AS score FROM fts JOIN articles a ON a.doc = fts.rowid WHERE fts MATCH ?"
        params.insert(0, p.match)
        order = "score"
    else:
        sql = f"SELECT {columns}, 0.0 AS score FROM articles a WHERE 1"
        order = DATE_ORDER
    for cond in where:
        sql += f" AND {cond}"
    sql += f" ORDER BY {order}"
    sql_limit = limit if limit is not None and not query.flags else None
    if sql_limit is not None:
        sql += " LIMIT ?"
        params.append(sql_limit)
    rows = conn.execute(sql, params).fetchall()
    if query.flags and store is not None:
        rows = [r for r in rows if all(_flag_test(f, store, r[1]) for f in query.flags)]
        if limit is not None:
            rows = rows[:limit]
    return rows


def to_row(values: tuple[Any, ...], base: str) -> ArticleRow:
    doc, ident, file, record, date, title, source, paragraphs = values[:8]
    return ArticleRow(doc, ident, f"{base}/{file}", record, date, title, source, paragraphs)
