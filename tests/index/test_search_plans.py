"""The ways search keeps its cost bounded on big corpora give the results they promise:
the BM25 ranking window, entity filters probed or listed, date ranges on the list-order
index, store filters read lazily. Small corpora and module constants turned down stand in
for 100,000 articles; nothing here is timed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.index import CorpusIndex, parse
from reader.index import search as search_module

TODAY = dt.date(2022, 5, 15)


@pytest.fixture
def zebras(tmp_path: Path) -> Iterator[CorpusIndex]:
    """Eight articles; article i says "zebra" i times (1..8), with padding so lengths match."""
    articles = {}
    for i in range(1, 9):
        body = " ".join(["zebra"] * i + ["grass"] * (8 - i))
        articles[f"2022/0{i}/z{i}.txt"] = f" date 2022-0{i}-01 \ntitle: Report {i}\n\n{body}.\n"
    root = tmp_path / "corpus"
    for rel, text in articles.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    idx = CorpusIndex.open(root, tmp_path / "cache")
    idx.update()
    yield idx
    idx.close()


def _docs(index: CorpusIndex) -> dict[str, int]:
    return {title: doc for doc, title in index._conn.execute("SELECT doc, title FROM articles")}


def test_below_the_window_ranking_is_plain_bm25(zebras: CorpusIndex) -> None:
    found = [h.row.title for h in zebras.search("zebra", snippets=0)]
    assert found == [f"Report {i}" for i in range(8, 0, -1)]  # more zebras, better


@pytest.mark.parametrize("window", [3, 10_000])
def test_ranking_before_joining_gives_the_joined_ranking(
    zebras: CorpusIndex, monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    """A limited word query ranks in the full-text table and joins only the top rows;
    without a limit every match is joined, then ranked. Both give the same hits, scores
    and order, inside the window and past it."""
    monkeypatch.setattr(search_module, "RANK_WINDOW", window)
    joined = [(h.row, h.score) for h in zebras.search("zebra", limit=None, snippets=0)]
    assert len(joined) == 8
    for limit in range(1, 10):
        assert [(h.row, h.score) for h in zebras.search("zebra", limit=limit, snippets=0)] == joined[:limit]


def test_the_window_ranks_the_most_recently_indexed_matches(
    zebras: CorpusIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_module, "RANK_WINDOW", 3)
    docs = _docs(zebras)
    newest_first = sorted(docs, key=lambda t: docs[t], reverse=True)
    window, rest = newest_first[:3], newest_first[3:]
    expected = sorted(window, key=lambda t: -int(t.split()[1])) + rest
    hits = zebras.search("zebra", snippets=0)
    assert [h.row.title for h in hits] == expected
    assert all(h.score < 0 for h in hits)  # scores are real BM25 beyond the window too
    assert [h.row.title for h in zebras.search("zebra", limit=4, snippets=0)] == expected[:4]
    assert [h.row.title for h in zebras.search("zebra", limit=2, snippets=0)] == expected[:2]
    by_id = {h.row.id: h.row.title for h in hits}
    assert [by_id[i] for i in zebras.match_ids("zebra")] == expected  # the list narrows in the same order


def test_the_window_applies_filters_before_the_limit(zebras: CorpusIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_module, "RANK_WINDOW", 2)
    everything = {h.row.title for h in zebras.search("zebra", snippets=0)}
    assert len(everything) == 8
    early = [h.row.title for h in zebras.search(parse("zebra @2022-01..2022-03", today=TODAY), snippets=0)]
    assert sorted(early) == ["Report 1", "Report 2", "Report 3"]
    assert [h.row.title for h in zebras.search("zebra -grass", snippets=0)] == ["Report 8"]


def test_exactly_window_many_matches_are_all_ranked(zebras: CorpusIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_module, "RANK_WINDOW", 8)
    assert [h.row.title for h in zebras.search("zebra", snippets=0)] == [f"Report {i}" for i in range(8, 0, -1)]


ENTITY_QUERIES = [
    "person:Guterres",
    "-person:Guterres",
    "place:Geneva",
    "-place:Geneva",
    'org:"Global Water Alliance"',
    "water place:Chile",
    "water -place:Chile",
    "entity:Ghana @2021",
    "place:Kyiv -@2021",
]


@pytest.mark.parametrize("text", ENTITY_QUERIES)
def test_entity_filters_probed_or_listed_agree(index: CorpusIndex, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    query = parse(text, today=TODAY)
    listed = [h.row.id for h in index.search(query, snippets=0)]
    monkeypatch.setattr(search_module, "ENTITY_PROBE_MIN", -1)  # every entity probed per row
    probed = [h.row.id for h in index.search(query, snippets=0)]
    assert probed == listed
    assert index.match_ids(query) == listed


@pytest.mark.parametrize("text", ["@2022-04", "@2021..2022-04-15", "-@2022-04", "@..2021-12-31", "water @2022-04"])
def test_date_ranges_match_the_python_test(index: CorpusIndex, text: str) -> None:
    query = parse(text, today=TODAY)
    found = {h.row.id for h in index.search(query, snippets=0)}
    span = query.dates[0]
    rows = index.rows()
    if query.terms:
        rows = [r for r in rows if r.id in set(index.match_ids(parse("water")))]
    expected = {r.id for r in rows if span.contains(r.date) != span.negated}
    assert found == expected


class CountingStore:
    """Everything unread, nothing bookmarked; counts the questions asked."""

    def __init__(self) -> None:
        self.asked = 0

    def is_bookmarked(self, article_id: str) -> bool:
        self.asked += 1
        return False

    def is_read(self, article_id: str) -> bool:
        self.asked += 1
        return False

    def notes_for(self, article_id: str) -> list[object]:
        self.asked += 1
        return []


def test_store_filters_stop_at_the_limit(index: CorpusIndex) -> None:
    store = CountingStore()
    hits = index.search("is:unread", limit=2, store=store, snippets=0)
    assert store.asked == 2
    assert [h.row for h in hits] == index.rows(2)  # full rows, in list order
    store.asked = 0
    all_hits = index.search("is:unread water", store=store, snippets=0)
    assert [h.row.id for h in all_hits] == [h.row.id for h in index.search("water", snippets=0)]
    assert [h.score for h in all_hits] == [h.score for h in index.search("water", snippets=0)]
    assert index.match_ids("is:unread water", store=store) == index.match_ids("water")
