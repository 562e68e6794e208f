"""The corpus's entities counted: by articles and mentions, with first and last date.

What the entity browser and ``reader entity top`` list, and what a dossier's "mentioned
alongside" counts. One grouped query over the postings' covering index
(``postings_date``: entity, date, count) gives every entity's article count, mention
count and date range in a single pass with no sort of the postings, so listing all of a
100,000-article corpus's entities costs one index scan, not one query per entity.

Every entity handed out passes through ``entity_view``: the one place where the user's
own view of an entity (merged spellings, a new label, hidden ones, notes) is applied to
what the index counted, so the browser, the command and dossiers cannot disagree.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .query import ENTITY_KINDS

if TYPE_CHECKING:
    from ..entities.corrections import Corrections

BROWSED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
"""What the browser and ``entity top`` list by default: people, organisations and places
(GPE, LOC and FAC, as ``place:`` in queries has them)."""


@dataclass(frozen=True, slots=True)
class EntityStat:
    """One entity of the corpus as counted by the index. ``entities`` are the index's
    row numbers it stands for (one, unless several were folded together); ``first`` and
    ``last`` are ISO dates of its oldest and newest dated article (None: none dated)."""

    key: str
    label: str
    articles: int
    mentions: int | None  # None: not counted yet (``ranked_entities``; see ``entity_detail``)
    first: str | None
    last: str | None
    entities: tuple[int, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "label": self.label,
            "articles": self.articles,
            "mentions": self.mentions,
            "first": self.first,
            "last": self.last,
        }


def entity_view(
    stats: Iterable[EntityStat],
    corrections: Corrections | None = None,
    conn: sqlite3.Connection | None = None,
    labels: frozenset[str] = frozenset(),
) -> list[EntityStat]:
    """The entities as the user sees them: the user's corrections applied to what the
    index counted. A hidden entity is dropped, a renamed or relabelled one shows its new
    key and label, and the spellings merged into one entity become one row, whose counts
    and dates are those of the articles naming any of them (counted again from the
    postings when ``conn`` is given, as two spellings often share an article). ``labels``
    (empty: any) filters by the label after corrections, since a relabel moves an entity
    between types. Without corrections, the rows in the order given.
    """
    if corrections is None or corrections.empty:
        rows = list(stats)
        return [s for s in rows if s.label in labels] if labels else rows
    groups: dict[tuple[str, str], list[EntityStat]] = {}
    for stat in stats:
        found = corrections.outcome(stat.key)
        if found.hidden:
            continue
        label = found.label or stat.label
        if labels and label not in labels:
            continue
        groups.setdefault((found.key, label), []).append(stat)
    out: list[EntityStat] = []
    for (key, label), members in groups.items():
        if len(members) == 1:
            out.append(replace(members[0], key=key, label=label))
        else:
            out.append(_merged(conn, key, label, members))
    out.sort(key=lambda s: (-s.articles, -(s.mentions or 0), s.key, s.label))
    return out


def _merged(conn: sqlite3.Connection | None, key: str, label: str, members: list[EntityStat]) -> EntityStat:
    """One row for several entities the user merged."""
    entities = tuple(e for m in members for e in m.entities)
    if conn is not None:
        marks = ",".join("?" * len(entities))
        n, m, first, last = conn.execute(
            f"SELECT count(DISTINCT doc), sum(count), min(date), max(date) FROM postings WHERE entity IN ({marks})",
            entities,
        ).fetchone()
        counted = all(s.mentions is not None for s in members)
        return EntityStat(key, label, int(n or 0), int(m or 0) if counted else None, first, last, entities)
    firsts = [s.first for s in members if s.first]
    lasts = [s.last for s in members if s.last]
    mentions = [s.mentions for s in members]
    return EntityStat(
        key,
        label,
        sum(s.articles for s in members),  # an upper bound: an article may name two spellings
        None if None in mentions else sum(m or 0 for m in mentions),
        min(firsts) if firsts else None,
        max(lasts) if lasts else None,
        entities,
    )


def labels_for(kind: str | None) -> frozenset[str]:
    """``--label`` as labels: a query kind (person, org, place), a label (GPE), or
    "all" (every name label); None gives the browsed ones."""
    if kind is None:
        return BROWSED_LABELS
    lowered = kind.strip().lower()
    if lowered in ("all", "entity"):
        return frozenset()
    return ENTITY_KINDS.get(lowered) or frozenset({kind.strip().upper()})


_TOP = """
SELECT e.entity, e.key, e.label, t.n, t.m, t.first, t.last FROM (
    SELECT entity, count(*) AS n, sum(count) AS m, min(date) AS first, max(date) AS last
    FROM postings GROUP BY entity
) t JOIN entities e ON e.entity = t.entity
{where}
ORDER BY t.n DESC, t.m DESC, e.key, e.label
{limit}
"""


def top_entities(
    conn: sqlite3.Connection,
    labels: frozenset[str] = BROWSED_LABELS,
    limit: int | None = None,
    corrections: Corrections | None = None,
) -> list[EntityStat]:
    """The corpus's entities of ``labels`` (empty: every label), most articles first.

    The inner query groups the postings by entity straight off the covering index (no
    temporary B-tree: the index is in entity order); the join then looks up each
    entity's key once. Filtering by label after grouping costs one pass for every label,
    which is what the browser wants anyway (it switches type without asking again).
    """
    corrected = corrections is not None and not corrections.empty
    params: list[object] = []
    where = ""
    if labels and not corrected:  # with corrections, labels are filtered after them
        where = f"WHERE e.label IN ({','.join('?' * len(labels))})"
        params.extend(sorted(labels))
    limit_sql = ""
    if limit is not None and not corrected:
        limit_sql = "LIMIT ?"
        params.append(max(0, limit))
    sql = _TOP.format(where=where, limit=limit_sql)
    rows = entity_view(
        (
            EntityStat(key, label, int(n), int(m or 0), first, last, (entity,))
            for entity, key, label, n, m, first, last in conn.execute(sql, params)
        ),
        corrections,
        conn,
        labels if corrected else frozenset(),
    )
    return rows[: max(0, limit)] if limit is not None and corrected else rows


def ranked_entities(
    conn: sqlite3.Connection, labels: frozenset[str] = frozenset(), corrections: Corrections | None = None
) -> list[EntityStat]:
    """The entities of ``labels`` (empty: all) by number of articles, without their
    mentions and dates (``mentions`` None): the ``entities`` table keeps each one's live
    article count (``df``), so this reads one small table and never the postings. What
    the browser lists at once; ``entity_detail`` fills in the rows on screen.

    At 20,000 articles this took 23 ms where ``top_entities``' scan of the postings took
    350-440 ms, and the scan grows with the corpus while this grows with its names.
    """
    corrected = corrections is not None and not corrections.empty
    where, params = "", []
    if labels and not corrected:
        where = f" AND label IN ({','.join('?' * len(labels))})"
        params = sorted(labels)
    return entity_view(
        (
            EntityStat(key, label, int(df), None, None, None, (entity,))
            for entity, key, label, df in conn.execute(
                f"SELECT entity, key, label, df FROM entities WHERE df > 0{where} ORDER BY df DESC, key, label", params
            )
        ),
        corrections,
        conn,
        labels if corrected else frozenset(),
    )


@dataclass(frozen=True, slots=True)
class EntityDetail:
    """What one entity's row needs beyond its article count: its mentions, the dates of
    its first and last dated article and its mentions per month (``YYYY-MM``)."""

    mentions: int
    first: str | None
    last: str | None
    months: dict[str, int]


def entity_detail(conn: sqlite3.Connection, entities: Sequence[int]) -> EntityDetail:
    """One range of the covering index per entity (a few ms for a common one)."""
    if not entities:
        return EntityDetail(0, None, None, {})
    marks = ",".join("?" * len(entities))
    mentions, first, last, months = 0, None, None, {}
    for month, n, low, high in conn.execute(
        f"SELECT substr(date, 1, 7), sum(count), min(date), max(date) FROM postings WHERE entity IN ({marks})"
        " GROUP BY 1 ORDER BY 1",
        list(entities),
    ):
        mentions += int(n)
        if month is None:
            continue  # undated articles: counted, on no month
        months[month] = int(n)
        first = low if first is None else min(first, low)
        last = high if last is None else max(last, high)
    return EntityDetail(mentions, first, last, months)


def corpus_months(conn: sqlite3.Connection) -> tuple[str, str] | None:
    """The first and last month (``YYYY-MM``) of the corpus's dated articles, the common
    time axis of every entity's sparkline (so columns line up from row to row)."""
    # Two queries, not one: SQLite answers a lone min() or max() from the end of the date
    # index, but both in one SELECT scan every row (37 ms at 100,000 articles).
    first = conn.execute("SELECT min(date) FROM articles WHERE date IS NOT NULL").fetchone()
    last = conn.execute("SELECT max(date) FROM articles").fetchone()
    if first is None or first[0] is None or last is None or last[0] is None:
        return None
    return str(first[0])[:7], str(last[0])[:7]


def monthly_mentions(conn: sqlite3.Connection, entities: Sequence[int]) -> dict[str, int]:
    """Mentions per month (``YYYY-MM`` -> count) of these index entities together: a range
    of the covering index per entity, so a row's sparkline costs about a millisecond."""
    if not entities:
        return {}
    marks = ",".join("?" * len(entities))
    return {
        month: int(n)
        for month, n in conn.execute(
            f"SELECT substr(date, 1, 7), sum(count) FROM postings WHERE entity IN ({marks}) AND date IS NOT NULL"
            " GROUP BY 1 ORDER BY 1",
            list(entities),
        )
    }


def co_occurring(
    conn: sqlite3.Connection, entities: Sequence[int], limit: int = 20, corrections: Corrections | None = None
) -> list[EntityStat]:
    """Who appears alongside these entities most: other entities by the number of the
    articles they share (then by their mentions in them), over every such article.

    ``first``/``last`` are the shared articles' date range. The shared articles are found
    from the entities' own postings (their primary key), the others' postings of those
    articles through ``postings_doc``.
    """
    if not entities:
        return []
    marks = ",".join("?" * len(entities))
    rows = conn.execute(
        f"""SELECT e.entity, e.key, e.label, t.n, t.m, t.first, t.last FROM (
                SELECT o.entity, count(*) AS n, sum(o.count) AS m, min(o.date) AS first, max(o.date) AS last
                FROM postings o
                WHERE o.doc IN (SELECT DISTINCT doc FROM postings WHERE entity IN (SELECT value FROM json_each(?)))
                  AND o.entity NOT IN ({marks})
                GROUP BY o.entity
            ) t JOIN entities e ON e.entity = t.entity
            ORDER BY t.n DESC, t.m DESC, e.key, e.label LIMIT ?""",
        [json.dumps(list(entities)), *entities, max(0, limit)],
    )
    return entity_view(
        (
            EntityStat(key, label, int(n), int(m or 0), first, last, (entity,))
            for entity, key, label, n, m, first, last in rows
        ),
        corrections,
    )
