"""The mentions view's data: who an entity is, where it appears, when, and with whom."""

from __future__ import annotations

import datetime as dt
import sqlite3

from .model import CoMention, MentionRow, Mentions
from .query import ENTITY_KINDS
from .resolve import resolve
from .search import DATE_ORDER, ROW_COLUMNS, to_row

CO_WINDOW = 2000
CO_LIMIT = 10
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


def mentions(
    conn: sqlite3.Connection, base: str, name: str, label: str | None = None, limit: int | None = None
) -> Mentions | None:
    """None when the name is not an entity of this corpus. ``label`` narrows the lookup
    (a label like "PERSON" or a query kind like "person")."""
    labels: frozenset[str] | None = None
    if label:
        kind = ENTITY_KINDS.get(label.lower(), frozenset({label.upper()}))
        labels = kind
    found = resolve(conn, name, labels)
    if found is None:
        return None
    marks = ",".join("?" * len(found.entities))
    ids = list(found.entities)
    sql = (
        f"SELECT {ROW_COLUMNS}, sum(p.count), min(p.first) FROM postings p JOIN articles a ON a.doc = p.doc"
        f" WHERE p.entity IN ({marks}) GROUP BY a.doc ORDER BY {DATE_ORDER}"
    )
    params: list[object] = list(ids)
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    articles = tuple(MentionRow(to_row(r, base), r[8], r[9]) for r in conn.execute(sql, params))
    total_articles, total_mentions = conn.execute(
        f"SELECT count(DISTINCT doc), coalesce(sum(count), 0) FROM postings WHERE entity IN ({marks})", ids
    ).fetchone()
    per_day = conn.execute(
        f"SELECT a.date, sum(p.count) FROM postings p JOIN articles a ON a.doc = p.doc"
        f" WHERE p.entity IN ({marks}) AND a.date IS NOT NULL GROUP BY a.date ORDER BY a.date",
        ids,
    ).fetchall()
    line, granularity = timeline(per_day)
    co = conn.execute(
        f"""WITH recent AS (
                SELECT DISTINCT p.doc FROM postings p JOIN articles a ON a.doc = p.doc
                WHERE p.entity IN ({marks}) ORDER BY a.date IS NULL, a.date DESC LIMIT ?)
            SELECT e.key, e.label, count(DISTINCT o.doc) AS n FROM recent r
            JOIN postings o ON o.doc = r.doc JOIN entities e ON e.entity = o.entity
            WHERE o.entity NOT IN ({marks}) GROUP BY e.key, e.label ORDER BY n DESC, e.key LIMIT ?""",
        [*ids, CO_WINDOW, *ids, CO_LIMIT],
    ).fetchall()
    return Mentions(
        key=found.key,
        label=found.label,
        keys=found.keys,
        total_articles=total_articles,
        total_mentions=total_mentions,
        articles=articles,
        timeline=line,
        granularity=granularity,
        co_mentions=tuple(CoMention(k, lab, n) for k, lab, n in co),
        co_window=min(CO_WINDOW, total_articles),
    )
