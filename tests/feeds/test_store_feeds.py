"""Subscriptions in the store: a round trip keeps every field and unknown keys, a file
without feeds reads as none, and every change goes through the store's one write path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.store import SCHEMA_VERSION, Feed, Store, StoreCorruptError
from reader.store.model import StoreData
from reader.store.store import encode

text = st.text(max_size=40)
maybe = st.none() | text
feeds = st.builds(
    Feed,
    url=st.text(min_size=1, max_size=60),
    title=maybe,
    full_text=st.booleans(),
    added=text,
    last_fetch=maybe,
    last_status=st.none() | st.sampled_from(["ok", "unchanged", "error"]),
    last_error=maybe,
    etag=maybe,
    last_modified=maybe,
    entries=st.integers(min_value=0, max_value=10**9),
    extra=st.dictionaries(st.text(min_size=1, max_size=8).filter(lambda k: k not in Feed.__slots__), st.integers()),
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(feeds, max_size=6, unique_by=lambda f: f.url))
def test_feeds_round_trip(listed: list[Feed]) -> None:
    data = StoreData(feeds=listed, extra={"future_thing": [1, 2]})
    again = StoreData.from_json(json.loads(encode(data)))
    assert again.feeds == listed
    assert again.extra == {"future_thing": [1, 2]}


def test_file_without_feeds_reads_as_none_and_keeps_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    doc = {"schema": SCHEMA_VERSION, "notes": [], "bookmarks": {}, "reading": {}, "someone_elses": {"x": 1}}
    path.write_text(json.dumps(doc))
    store = Store.open(path)
    assert store.feeds() == []
    store.add_feeds([("http://a.example/feed", None)])
    written = json.loads(path.read_text())
    assert written["someone_elses"] == {"x": 1} and written["schema"] == SCHEMA_VERSION
    assert [f["url"] for f in written["feeds"]] == ["http://a.example/feed"]


def test_two_stores_do_not_lose_each_others_feeds(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    one, two = Store.open(path), Store.open(path)
    one.add_feeds([("http://one.example/", None)])
    two.add_feeds([("http://two.example/", "Two")])
    assert [f.url for f in Store.open(path).feeds()] == ["http://one.example/", "http://two.example/"]
    one.record_fetches([Feed("http://two.example/", title="From the feed", entries=3, last_status="ok")])
    [_, feed] = Store.open(path).feeds()
    assert (feed.title, feed.entries, feed.last_status) == ("Two", 3, "ok")  # the user's title kept
    assert two.remove_feed("http://one.example/") and not two.remove_feed("http://one.example/")


@pytest.mark.parametrize(
    ("feeds_json", "where"),
    [
        ("{}", "feeds"),
        ('[{"title": "no url"}]', "feeds[0]: missing 'url'"),
        ('[{"url": "u", "entries": "3"}]', "feeds[0].entries"),
        ('[{"url": "u"}, {"url": "u"}]', "subscribed twice"),
    ],
)
def test_bad_feeds_are_named(tmp_path: Path, feeds_json: str, where: str) -> None:
    path = tmp_path / "store.json"
    path.write_text(
        f'{{"schema": {SCHEMA_VERSION}, "notes": [], "bookmarks": {{}}, "reading": {{}}, "feeds": {feeds_json}}}'
    )
    with pytest.raises(StoreCorruptError, match=where.replace("[", r"\[").replace("]", r"\]")):
        Store.open(path)
