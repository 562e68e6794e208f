"""Mentions totals, timeline and co-mentions agree with the postings, counted plainly."""

from __future__ import annotations

from collections import Counter

import pytest

from reader.index import CorpusIndex
from reader.index.mentions import CO_LIMIT


@pytest.mark.parametrize("name", ["Chile", "Guterres", "Geneva", "Ghana"])
def test_totals_timeline_and_co_mentions(index: CorpusIndex, name: str) -> None:
    found = index.mentions(name)
    assert found is not None
    conn = index._conn
    entities = [
        e
        for (e,) in conn.execute(
            f"SELECT entity FROM entities WHERE key IN ({','.join('?' * len(found.keys))}) AND label = ?",
            [*found.keys, found.label],
        )
    ]
    postings = conn.execute(
        f"SELECT doc, date, count FROM postings WHERE entity IN ({','.join('?' * len(entities))})", entities
    ).fetchall()
    assert found.total_articles == len({doc for doc, _, _ in postings})
    assert found.total_mentions == sum(count for _, _, count in postings)
    assert sum(n for _, n in found.timeline) == sum(count for _, date, count in postings if date is not None)
    docs = {doc for doc, _, _ in postings}
    co: Counter[tuple[str, str]] = Counter()
    times: Counter[tuple[str, str]] = Counter()
    for doc in docs:
        for key, label, count in conn.execute(
            "SELECT e.key, e.label, p.count FROM postings p JOIN entities e ON e.entity = p.entity WHERE p.doc = ?",
            (doc,),
        ):
            if key not in found.keys or label != found.label:
                co[(key, label)] += 1
                times[(key, label)] += count
    # most articles together first; a tie goes to the one mentioned more often there
    expected = sorted(co, key=lambda kl: (-co[kl], -times[kl], kl[0]))[:CO_LIMIT]
    assert [(c.key, c.label, c.articles, c.mentions) for c in found.co_mentions] == [
        (k, lab, co[(k, lab)], times[(k, lab)]) for k, lab in expected
    ]
