"""The library screen: loading, order, separators, navigation, marks, bookmarks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tuikit import wait_loaded

from reader.articles import load_file, row_of_article
from reader.store import Store
from reader.tui.app import ReaderApp
from reader.tui.list_model import Library
from reader.tui.loader import Batch, load_corpus
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.widgets.article_list import ArticleList


def titles(app: ReaderApp) -> list[str]:
    return [a.title for a in app.library.articles]


async def test_list_shows_every_article_newest_first(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        assert isinstance(app.screen, LibraryScreen)
        assert titles(app) == [
            "Harbour authority opens new ferry terminal in Port Elwin",
            "Late frost damages orchards in the Varda valley",
            "City council approves cycling budget",
            "Notes from the town archive",
        ]
        listing = app.screen.query_one(ArticleList)
        # month separators come before their articles; the undated go last
        assert app.library.months == ["March 2024", "February 2024", "Undated"]
        assert list(app.library.rows) == [-1, 0, 1, -2, 2, -3, 3]
        assert listing.article is not None and listing.article.title.startswith("Harbour")
        lines = [listing.render_line(y).text for y in range(7)]
        assert "March 2024" in lines[0]
        assert "2024-03-12" in lines[1] and "Harbour authority" in lines[1] and "Coastal Post" in lines[1]
        assert "•" in lines[1]  # unread


async def test_navigation_skips_separators(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        listing = app.screen.query_one(ArticleList)

        def current() -> str:
            assert listing.article is not None
            return listing.article.title

        await pilot.press("j", "j")
        assert current() == "City council approves cycling budget"
        await pilot.press("G")
        assert current() == "Notes from the town archive"
        await pilot.press("k")
        assert current() == "City council approves cycling budget"
        await pilot.press("g")
        assert current().startswith("Harbour")
        await pilot.press("end")
        assert current() == "Notes from the town archive"
        await pilot.press("home", "down")
        assert current().startswith("Late frost")


async def test_enter_opens_and_escape_returns(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("j", "enter")
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article.title.startswith("Late frost")
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_click_selects_then_opens(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        listing = app.screen.query_one(ArticleList)
        await pilot.click(ArticleList, offset=(10, 4))  # row 4: the council article
        assert listing.article is not None and listing.article.title.startswith("City council")
        await pilot.click(ArticleList, offset=(10, 4))
        assert isinstance(app.screen, ArticleScreen)


async def test_bookmark_from_list_marks_row_and_writes_store(
    make_app: Callable[..., ReaderApp], store_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        listing = app.screen.query_one(ArticleList)
        await pilot.press("b")
        assert "★" in listing.render_line(1).text
        assert store_path.exists()
        first = app.library.articles[0]
        assert Store.open(store_path).is_bookmarked(first.id)
        await pilot.press("b")
        assert "★" not in listing.render_line(1).text
        assert not Store.open(store_path).is_bookmarked(first.id)


async def test_read_articles_lose_the_unread_mark(make_app: Callable[..., ReaderApp], store_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("enter", "escape")
        listing = app.screen.query_one(ArticleList)
        assert "•" not in listing.render_line(1).text[:4]
        assert Store.open(store_path).is_read(app.library.articles[0].id)


async def test_empty_corpus_says_so(make_app: Callable[..., ReaderApp], tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app(root=empty)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        assert "No articles found" in str(app.screen.query_one("#status").render())
        await pilot.press("enter", "b", "j")  # nothing to act on: no crash
        assert isinstance(app.screen, LibraryScreen)


async def test_bad_files_are_counted_not_fatal(make_app: Callable[..., ReaderApp], corpus: Path) -> None:
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        assert len(app.library) == 4
        assert len(app.problems) == 1
        assert "1 file problem" in str(app.screen.query_one("#status").render())


def test_loader_delivers_batches_then_finishes(corpus: Path) -> None:
    batches: list[Batch] = []
    load_corpus(corpus, batches.append, first_batch=1)
    assert batches[-1].finished
    assert sum(len(b.articles) for b in batches) == 4
    assert len(batches) >= 2  # a small first batch, so rows appear at once
    assert batches[-1].total == 4


def test_library_keeps_order_across_batches(corpus: Path) -> None:
    library = Library()
    loaded = [a for path in sorted(corpus.iterdir()) for a in load_file(path)[0]]
    for article in loaded:
        library.add([row_of_article(article)])
    assert [a.date for a in library.articles] == ["2024-03-12", "2024-03-02", "2024-02-20", None]
    first, second = library.articles[0], library.articles[1]
    assert library.neighbour(first.id, 1) is second
    assert library.neighbour(first.id, -1) is None
