"""Search over a real index: ranking, dates, entities, the store, exclusions, snippets."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.index import CorpusIndex, QueryError, parse

TODAY = dt.date(2022, 5, 15)


def titles(index: CorpusIndex, query: str, **kwargs: object) -> list[str]:
    return [h.row.title for h in index.search(parse(query, today=TODAY), **kwargs)]  # type: ignore[arg-type]


def test_rows_come_from_the_index_newest_first(index: CorpusIndex) -> None:
    rows = index.rows()
    assert [r.date for r in rows] == ["2022-05-03", "2022-04-26", "2022-04-10", "2021-06-01", None]
    assert rows[0].title == "Trade talks resume" and rows[0].paragraphs == 2
    assert Path(rows[0].path).is_file()


def test_more_matches_rank_higher(index: CorpusIndex) -> None:
    found = titles(index, "water")
    assert found[0] == "Water summit opens in Geneva"  # water in the title and five times in the body
    assert found[-1] == "Trade talks resume"  # water once
    hits = index.search("water")
    assert hits[0].score < hits[-1].score  # BM25 in SQLite: lower is better


def test_phrase_and_words(index: CorpusIndex) -> None:
    assert titles(index, '"trade talks"') == ["Trade talks resume"]
    assert titles(index, '"talks trade"') == []
    assert titles(index, "guterres kyiv") == ["Guterres visits Kyiv"]


def test_date_ranges(index: CorpusIndex) -> None:
    assert titles(index, "@2022-04") == ["Guterres visits Kyiv", "Water summit opens in Geneva"]
    assert titles(index, "@2021") == ["IMF approves loan for Ghana"]
    assert titles(index, "@..2022-04-15") == ["Water summit opens in Geneva", "IMF approves loan for Ghana"]
    assert titles(index, "@-14d..") == ["Trade talks resume"]  # today is 2022-05-15
    assert titles(index, "@-1m..") == ["Trade talks resume", "Guterres visits Kyiv"]
    assert "Notes without a date" not in titles(index, "@..2030")  # undated never matches a date
    assert titles(index, "water @2022-05") == ["Trade talks resume"]


def test_exclusions(index: CorpusIndex) -> None:
    assert titles(index, "water -summit") == ["Trade talks resume"]
    assert titles(index, 'water -"water summit"') == ["Trade talks resume"]
    assert "Guterres visits Kyiv" not in titles(index, "@2022 -person:Guterres")
    assert len(titles(index, "-@2022")) == 2  # the 2021 article and the undated one


def test_entity_filters_resolve_names(index: CorpusIndex) -> None:
    assert titles(index, "person:Guterres") == ["Guterres visits Kyiv"]
    assert titles(index, 'person:"Antonio Guterres"') == ["Guterres visits Kyiv"]
    assert titles(index, "person:antonio") == ["Guterres visits Kyiv"]  # a word of the key
    assert titles(index, "place:Chile") == ["Water summit opens in Geneva", "Notes without a date"]
    assert titles(index, "org:Chile") == []
    assert titles(index, "entity:Ghana") == ["IMF approves loan for Ghana"]
    assert titles(index, "person:Nobody") == []
    assert len(titles(index, "-person:Nobody")) == 5


class FakeStore:
    def __init__(self, bookmarked: set[str], read: set[str], noted: set[str]) -> None:
        self.bookmarked, self.read, self.noted = bookmarked, read, noted

    def is_bookmarked(self, article_id: str) -> bool:
        return article_id in self.bookmarked

    def is_read(self, article_id: str) -> bool:
        return article_id in self.read

    def notes_for(self, article_id: str) -> Sequence[object]:
        return ["a note"] if article_id in self.noted else []


def test_store_filters(index: CorpusIndex) -> None:
    ids = {r.title: r.id for r in index.rows()}
    store = FakeStore(
        {ids["Trade talks resume"], ids["Guterres visits Kyiv"]},
        {ids["Trade talks resume"]},
        {ids["IMF approves loan for Ghana"]},
    )
    assert titles(index, "is:bookmarked", store=store) == ["Trade talks resume", "Guterres visits Kyiv"]
    assert titles(index, "is:bookmarked is:unread", store=store) == ["Guterres visits Kyiv"]
    assert titles(index, "has:note", store=store) == ["IMF approves loan for Ghana"]
    assert len(titles(index, "-is:bookmarked", store=store)) == 3
    assert titles(index, "is:bookmarked", store=store, limit=1) == ["Trade talks resume"]
    with pytest.raises(QueryError, match="needs the notes and bookmarks store"):
        index.search("is:bookmarked")


class SetStore(FakeStore):
    """A store that also hands over whole id sets, as the TUI's does."""

    def __init__(self, *args: set[str]) -> None:
        super().__init__(*args)
        self.asked: list[str] = []

    def ids_with(self, mark: str) -> set[str] | None:
        self.asked.append(mark)
        return {"bookmarked": self.bookmarked, "read": self.read, "note": self.noted}.get(mark)


@pytest.mark.parametrize(
    "query",
    [
        "is:bookmarked",
        "has:note",
        "is:bookmarked is:unread",
        "is:bookmarked has:note",
        "-is:bookmarked",
        "is:read",
        "is:unread",
        "talks is:bookmarked",
        "is:bookmarked @2022",
        "-has:note is:bookmarked",
    ],
)
def test_id_sets_narrow_without_changing_results(index: CorpusIndex, query: str) -> None:
    ids = {r.title: r.id for r in index.rows()}
    sets = (
        {ids["Trade talks resume"], ids["Guterres visits Kyiv"]},
        {ids["Trade talks resume"]},
        {ids["IMF approves loan for Ghana"], ids["Trade talks resume"]},
    )
    plain, narrowing = FakeStore(*sets), SetStore(*sets)
    assert titles(index, query, store=narrowing) == titles(index, query, store=plain)
    assert [h.row.id for h in index.search(query, store=narrowing, limit=1)] == [
        h.row.id for h in index.search(query, store=plain, limit=1)
    ]


def test_empty_id_set_matches_nothing(index: CorpusIndex) -> None:
    store = SetStore(set(), set(), set())
    assert titles(index, "is:bookmarked", store=store) == []
    assert store.asked == ["bookmarked"]


def test_real_store(index: CorpusIndex, tmp_path: Path) -> None:
    from reader.store import Store

    store = Store.open(tmp_path / "store.json")
    article = index.load_article(index.rows()[1].id)
    assert article is not None
    store.set_bookmark(article, True)
    assert titles(index, "is:bookmarked", store=store) == [article.title]


def test_snippets_carry_match_offsets(index: CorpusIndex) -> None:
    hit = index.search('"water summit"')[0]
    assert hit.snippet is not None
    text, matches = hit.snippet.text, hit.snippet.matches
    assert [text[s:e].lower() for s, e in matches] == ["water summit"]
    article = index.load_article(hit.row.id)
    assert article is not None
    spans = index.match_spans(article, "water")
    assert len(spans) == 6 and all(article.text[s.start : s.end].lower() == "water" for s in spans)
    assert index.search("wat", prefix_last=True)[0].row.title == "Water summit opens in Geneva"
    assert index.match_ids("wat") == []


def test_match_ids_narrow_a_list(index: CorpusIndex) -> None:
    ids = index.match_ids("water")
    assert len(ids) == 2 and set(ids) <= {r.id for r in index.rows()}
    assert len(index.match_ids("")) == 5


def test_mentions(index: CorpusIndex) -> None:
    found = index.mentions("Guterres")
    assert found is not None
    assert found.key == "Antonio Guterres" and found.label == "PERSON"
    assert [m.row.title for m in found.articles] == ["Guterres visits Kyiv"]
    assert found.articles[0].count == 3  # the title header is not scanned
    assert found.timeline == (("2022-W17", 3),) and found.granularity == "week"
    assert "Kyiv" in {c.key for c in found.co_mentions}
    assert index.mentions("Nobody Atall") is None
    chile = index.mentions("Chile")
    assert chile is not None and [m.row.date for m in chile.articles] == ["2022-04-10", None]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(list('ab "-*^():@.wØ\x00') + ["NEAR", "OR", "AND", "NOT", "person:", "is:read"]), max_size=12
    ).map("".join)
)
def test_any_query_runs_or_is_a_query_error(index: CorpusIndex, text: str) -> None:
    with contextlib.suppress(QueryError):
        index.search(text, store=FakeStore(set(), set(), set()))
