"""The mentions view's data: who an entity is, where it appears, when, and with whom."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from ..entities.corrections import Corrections
from .mention_model import CoMention, MentionRow, Mentions
from .phrases import phrase_postings
from .query import ENTITY_KINDS
from .resolve import resolve_corrected
from .search import ROW_COLUMNS, to_row

CO_WINDOW = 2000
CO_LIMIT = 20  # the side list scrolls; 10 dropped people seen as often as the last shown
WEEKLY_UP_TO_DAYS = 183  # a timeline shorter than about six months is drawn by week


def _period(day: dt.date, weekly: bool) -> str:
    if weekly:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}"


def _periods(first: dt.date, last: dt.date, weekly: bool) -> list[str]:
    """Every period from ``first`` to ``last``, so an empty week shows as a gap."""
    out: list[str] = []
    if weekly:
        day = first - dt.timedelta(days=first.weekday())
        while day <= last:
            out.append(_period(day, True))
            day += dt.timedelta(weeks=1)
    else:
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            out.append(f"{year}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def timeline(per_day: list[tuple[str, int]]) -> tuple[tuple[tuple[str, int], ...], str]:
    if not per_day:
        return (), "month"
    days = [(dt.date.fromisoformat(d), n) for d, n in per_day]
    first, last = days[0][0], days[-1][0]
    weekly = (last - first).days <= WEEKLY_UP_TO_DAYS
    counts = dict.fromkeys(_periods(first, last, weekly), 0)
    for day, n in days:
        counts[_period(day, weekly)] += n
    return tuple(counts.items()), ("week" if weekly else "month")


def _newest(conn: sqlite3.Connection, ids: list[int], limit: int | None) -> list[tuple[int, str | None, int, int]]:
    """``(doc, date, count, first)`` of the ``limit`` newest articles mentioning any of
    ``ids``, newest first (undated last). Each entity's postings are read in date order
    from an index, at most ``limit`` of them, then merged: the top ``limit`` of a union
    is within the top ``limit`` of each part, so nothing is missed."""
    merged: dict[int, tuple[str | None, int, int]] = {}
    sql = "SELECT doc, date, count, first FROM postings WHERE entity = ? ORDER BY date DESC, doc DESC"
    for entity in ids:
        params: list[object] = [entity]
        query = sql
        if limit is not None:
            query += " LIMIT ?"
            params.append(limit)
        for doc, date, count, first in conn.execute(query, params):
            seen = merged.get(doc)
            merged[doc] = (date, count, first) if seen is None else (date, seen[1] + count, min(seen[2], first))
    # Newest first, undated last (ISO dates sort as text).
    ordered = sorted(merged.items(), key=lambda kv: (kv[1][0] is not None, kv[1][0] or "", kv[0]), reverse=True)
    out = [(doc, date, count, first) for doc, (date, count, first) in ordered]
    return out if limit is None else out[:limit]


def _mention_rows(
    conn: sqlite3.Connection, base: str, newest: list[tuple[int, str | None, int, int]]
) -> tuple[MentionRow, ...]:
    rows: dict[int, tuple[object, ...]] = {}
    docs = [doc for doc, _, _, _ in newest]
    for start in range(0, len(docs), 500):
        chunk = docs[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for values in conn.execute(f"SELECT {ROW_COLUMNS} FROM articles a WHERE a.doc IN ({marks})", chunk):
            rows[values[0]] = values
    return tuple(MentionRow(to_row(rows[doc], base), count, first) for doc, _, count, first in newest if doc in rows)


def _totals(conn: sqlite3.Connection, ids: list[int]) -> tuple[int, int, list[tuple[str, int]]]:
    """(articles, mentions, mentions per day) of the entities ``ids``."""
    if len(ids) == 1:
        # One pass over the entity's postings (the covering postings_date index) gives the
        # timeline and both totals.
        per_day = []
        total_articles = total_mentions = 0
        for date, n_docs, n_mentions in conn.execute(
            "SELECT date, count(*), sum(count) FROM postings WHERE entity = ? GROUP BY date ORDER BY date", ids
        ):
            total_articles += n_docs
            total_mentions += n_mentions
            if date is not None:
                per_day.append((date, n_mentions))
        return total_articles, total_mentions, per_day
    marks = ",".join("?" * len(ids))
    total_articles, total_mentions = conn.execute(
        f"SELECT count(DISTINCT doc), coalesce(sum(count), 0) FROM postings WHERE entity IN ({marks})", ids
    ).fetchone()
    per_day = conn.execute(
        f"SELECT date, sum(count) FROM postings WHERE entity IN ({marks}) AND date IS NOT NULL"
        " GROUP BY date ORDER BY date",
        ids,
    ).fetchall()
    return int(total_articles), int(total_mentions), [(d, int(n)) for d, n in per_day]


def _corrected_co(
    conn: sqlite3.Connection, recent: list[int], ids: list[int], corrections: Corrections, own: str
) -> list[tuple[str, str, int, int]]:
    """Co-mentions as corrected: hidden entities dropped, merged ones counted as one (an
    article naming two merged spellings counts once), at most ``CO_LIMIT``. Read per
    article, so a merge can be counted right: a few thousand rows for ``CO_WINDOW``."""
    marks = ",".join("?" * len(ids))
    merged: dict[str, tuple[str, set[int], list[int]]] = {}
    for key, label, doc, count in conn.execute(
        f"""SELECT e.key, e.label, o.doc, o.count FROM postings o JOIN entities e ON e.entity = o.entity
            WHERE o.doc IN (SELECT value FROM json_each(?)) AND o.entity NOT IN ({marks})""",
        [json.dumps(recent), *ids],
    ):
        now = corrections.resolve_key(key)
        if now is None or now == own:
            continue
        entry = merged.get(now)
        if entry is None:
            entry = merged[now] = (corrections.label_of(key, label), set(), [0])
        entry[1].add(doc)
        entry[2][0] += count
    ranked = sorted(merged.items(), key=lambda kv: (-len(kv[1][1]), -kv[1][2][0], kv[0]))
    return [(key, label, len(docs), total[0]) for key, (label, docs, total) in ranked[:CO_LIMIT]]


def mentions(
    conn: sqlite3.Connection,
    base: str,
    name: str,
    label: str | None = None,
    limit: int | None = None,
    corrections: Corrections | None = None,
) -> Mentions | None:
    """None when the name is not an entity of this corpus. ``label`` narrows the lookup
    (a label like "PERSON" or a query kind like "person")."""
    labels: frozenset[str] | None = None
    if label:
        kind = ENTITY_KINDS.get(label.lower(), frozenset({label.upper()}))
        labels = kind
    found = resolve_corrected(conn, name, labels, corrections)
    if found is None:
        return None
    extra: dict[int, tuple[str | None, int, int]] = {}
    if found.phrases and corrections is not None:
        extra = phrase_postings(conn, base, found.phrases, found.key, corrections)
    if not found.entities and not extra:
        return None
    ids = list(found.entities)
    if extra:
        # A phrase the user added: its postings were just found (phrases.py); the
        # extractor's, if any, are added to them here instead of in SQL.
        merged = dict(extra)
        for doc, date, count, first in _newest(conn, ids, None) if ids else []:
            seen = merged.get(doc)
            merged[doc] = (date, count, first) if seen is None else (date, seen[1] + count, min(seen[2], first))
        ordered = sorted(merged.items(), key=lambda kv: (kv[1][0] is not None, kv[1][0] or "", kv[0]), reverse=True)
        everything = [(doc, date, count, first) for doc, (date, count, first) in ordered]
        newest = everything if limit is None else everything[:limit]
        articles = _mention_rows(conn, base, newest)
        total_articles = len(everything)
        total_mentions = sum(count for _, _, count, _ in everything)
        days: dict[str, int] = {}
        for _, date, count, _ in everything:
            if date is not None:
                days[date] = days.get(date, 0) + count
        per_day = sorted(days.items())
        recent = [doc for doc, _, _, _ in everything[:CO_WINDOW]]
    else:
        newest = _newest(conn, ids, limit)
        articles = _mention_rows(conn, base, newest)
        total_articles, total_mentions, per_day = _totals(conn, ids)
        recent = [
            doc
            for doc, _, _, _ in (newest if limit is not None and limit >= CO_WINDOW else _newest(conn, ids, CO_WINDOW))
        ]
    line, granularity = timeline(per_day)
    if corrections is not None and not corrections.empty:
        co = _corrected_co(conn, recent[:CO_WINDOW], ids, corrections, found.key)
    else:
        co = _co(conn, recent[:CO_WINDOW], ids)
    return Mentions(
        key=found.key,
        label=found.label,
        keys=found.keys,
        total_articles=total_articles,
        total_mentions=total_mentions,
        articles=articles,
        timeline=line,
        granularity=granularity,
        co_mentions=tuple(CoMention(k, lab, n, m) for k, lab, n, m in co),
        co_window=min(CO_WINDOW, len(recent)),
        matches=found.matches,
        why=found.why,
    )


def _co(conn: sqlite3.Connection, recent: list[int], ids: list[int]) -> list[tuple[str, str, int, int]]:
    marks = ",".join("?" * len(ids))
    rows: list[tuple[str, str, int, int]] = conn.execute(
        # Count per entity first, then look up the keys: joining before grouping looked
        # up an entity row for every posting (~20,000 for a common name).
        f"""SELECT e.key, e.label, t.n, t.m FROM (
                SELECT o.entity, count(*) AS n, sum(o.count) AS m FROM postings o
                WHERE o.doc IN (SELECT value FROM json_each(?)) AND o.entity NOT IN ({marks})
                GROUP BY o.entity
            ) t JOIN entities e ON e.entity = t.entity
            ORDER BY t.n DESC, t.m DESC, e.key LIMIT ?""",
        [json.dumps(recent), *ids, CO_LIMIT],
    ).fetchall()
    return rows
