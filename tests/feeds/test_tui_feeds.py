"""The TUI's feeds, in Pilot against the loopback server: ``R`` fetches in a worker and the
new articles join the open library's list; ``F`` lists the subscriptions, ``a`` adds one,
``d`` removes one; ``reader`` with no CORPUS opens the library once it holds articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from feedkit import Server, entry, rss, send
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from reader.feeds.library import Library
from reader.feeds.parse import Entry
from reader.locations import sample_corpus
from reader.store import Store
from reader.tui.app import ReaderApp
from reader.tui.launch import default_corpus
from reader.tui.screens.feeds import FeedsScreen
from reader.tui.screens.library import LibraryScreen


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("READER_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("READER_STORE", raising=False)


async def until(pilot: Pilot[int], condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    """Pause until ``condition`` holds (bounded so a broken feature fails, never a fixed sleep)."""
    waited = 0.0
    while not condition():
        await pilot.pause(0.05)
        waited += 0.05
        if waited > timeout:
            raise AssertionError(f"never happened: {what}")


def _seed(library: Path) -> None:
    first = Entry(
        "An article already here",
        "http://example.org/old",
        "urn:old",
        dt.datetime(2026, 1, 2, tzinfo=dt.UTC),
        None,
        "Text of the old article about the harbour.",
        False,
    )
    lib = Library(library)
    lib.write_entry("old-feed", "Old", first)
    lib.save_index()


def _titles(app: ReaderApp) -> set[str]:
    return {a.title for a in app.library.articles}


async def test_r_fetches_and_new_articles_join_the_list(server: Server, tmp_path: Path, store_path: Path) -> None:
    library = tmp_path / "library"
    _seed(library)
    server.routes["/feed.xml"] = lambda h: send(h, 200, rss([entry(1), entry(2)]).encode())
    server.routes["/broken.xml"] = lambda h: send(h, 500, b"", Content_Type="text/plain")
    store = Store.open(store_path)
    store.add_feeds([(server.url("/feed.xml"), None), (server.url("/broken.xml"), "Broken")])
    app = ReaderApp(library, store_path, feed_library=library)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.loaded and len(app.library) == 1, "the library loaded")
        await pilot.press("R")
        await until(pilot, lambda: app.context.feeds.running or app.context.feeds.done == 2, "the fetch started")
        await until(pilot, lambda: not app.context.feeds.running, "the fetch ended")
        await until(pilot, lambda: app.loaded and len(app.library) == 3, "new articles in the list")
        assert _titles(app) == {"An article already here", "Story number 1", "Story number 2"}
        assert isinstance(app.screen, LibraryScreen)
        assert app.context.feeds.new == 2
    feeds = {f.url.rsplit("/", 1)[1]: f for f in Store.open(store_path).feeds()}
    assert feeds["feed.xml"].entries == 2 and feeds["feed.xml"].last_status == "ok"
    assert feeds["broken.xml"].last_status == "error" and "HTTP 500" in (feeds["broken.xml"].last_error or "")


async def test_r_into_a_library_that_is_not_open(server: Server, tmp_path: Path, store_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(" date 2024-03-01 \ntitle: Local\n\nBody.\n")
    library = tmp_path / "library"
    server.routes["/feed.xml"] = lambda h: send(h, 200, rss([entry(1)]).encode())
    Store.open(store_path).add_feeds([(server.url("/feed.xml"), None)])
    app = ReaderApp(corpus, store_path, feed_library=library)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.loaded, "loaded")
        await pilot.press("R")
        await until(pilot, lambda: app.context.feeds.done == 1 and not app.context.feeds.running, "fetched")
        assert _titles(app) == {"Local"}  # the open corpus is not where entries land
    assert len(list(library.rglob("*.md"))) == 1


async def test_f_lists_adds_and_removes_feeds(server: Server, tmp_path: Path, store_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(" date 2024-03-01 \ntitle: Local\n\nBody.\n")
    store = Store.open(store_path)
    store.add_feeds([(server.url("/evil.xml"), "Evil \x1b]0;pwned\x07 [bold]feed[/bold]")])
    app = ReaderApp(corpus, store_path, feed_library=tmp_path / "library")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.loaded, "loaded")
        await pilot.press("F")
        await until(pilot, lambda: isinstance(app.screen, FeedsScreen), "the feeds screen")
        options = app.screen.query_one(OptionList)
        await until(pilot, lambda: options.option_count == 1, "one feed listed")
        prompt = str(options.get_option_at_index(0).prompt)
        assert "Evil [bold]feed[/bold]" in prompt and "\x1b" not in prompt and "never fetched" in prompt
        await pilot.press("a")
        await until(pilot, lambda: bool(app.screen.query(Input)), "the URL prompt")
        app.screen.query_one(Input).value = server.url("/second.xml")
        await pilot.press("enter")
        await until(pilot, lambda: options.option_count == 2, "two feeds listed")
        assert [f.url for f in Store.open(store_path).feeds()][1] == server.url("/second.xml")
        await pilot.press("a")
        await until(pilot, lambda: bool(app.screen.query(Input)), "the URL prompt again")
        app.screen.query_one(Input).value = "file:///etc/passwd"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, FeedsScreen), "back on the feeds screen")
        assert len(Store.open(store_path).feeds()) == 2  # refused
        options.highlighted = 0
        await pilot.press("d")
        await pilot.press("y")
        await until(pilot, lambda: options.option_count == 1, "one feed left")
        assert [f.url for f in Store.open(store_path).feeds()] == [server.url("/second.xml")]
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "back to the list")


def test_no_corpus_opens_the_library_once_it_holds_articles(tmp_path: Path) -> None:
    library = tmp_path / "library"
    assert default_corpus(library) == sample_corpus()
    library.mkdir()
    (library / ".index.json").write_text("{}")
    assert default_corpus(library) == sample_corpus()
    _seed(library)
    assert default_corpus(library) == library
