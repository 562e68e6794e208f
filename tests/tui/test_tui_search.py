"""The index in the TUI: warm start from the database, updates merged in place, the filter
bar, search matches in the article, and the mentions view. The cache is the test's own
(READER_CACHE is set by conftest)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rich.style import Style
from textual.widgets import OptionList, Static
from tuikit import wait_for, wait_loaded

import reader.index.corpus_index as corpus_index_module
import reader.index.update as update_module
from reader.index import CorpusIndex
from reader.tui.app import ReaderApp
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.mentions import MentionsScreen, sparkline
from reader.tui.widgets.article_body import SEARCH_MATCH
from reader.tui.widgets.entity_panel import EntityPanel
from reader.tui.widgets.filter_bar import FilterBar


def _info(app: ReaderApp) -> str:
    return str(app.screen.query_one("#filter-info", Static).render())


async def _type(pilot: object, text: str) -> None:
    keys = {" ": "space", '"': "quotation_mark", "-": "minus", ":": "colon", "@": "at"}
    await pilot.press(*[keys.get(c, c) for c in text])  # type: ignore[attr-defined]


async def test_filter_narrows_the_list_and_counts(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot, app)
        assert app.source.index is not None
        await pilot.press("slash")
        assert app.screen.query_one(FilterBar).shown
        await _type(pilot, "harbour")
        await wait_for(pilot, lambda: app.library.filter is not None)
        assert app.library.shown == 1
        assert [app.library.articles[i].title for i in app.library.rows if i >= 0][0].startswith("Harbour")
        await wait_for(pilot, lambda: "1 match" in _info(app))
        # a prefix while typing: "port el" finds Port Elwin in three articles
        await pilot.press(*["backspace"] * 7)
        await _type(pilot, "port el")
        await wait_for(pilot, lambda: app.library.shown == 3)
        assert "3 matches" in _info(app)
        # Enter goes to the list, Escape clears the filter
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert screen.focused is screen.article_list
        await pilot.press("escape")
        assert app.library.filter is None and app.library.shown == 4
        assert not screen.query_one(FilterBar).shown


async def test_malformed_query_says_where(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("slash")
        await _type(pilot, 'ferry "terminal')
        await wait_for(pilot, lambda: "column" in _info(app))
        assert "quote" in _info(app)
        assert app.screen.query_one("#filter-info").has_class("-error")
        assert app.library.filter is None or app.library.shown >= 1  # the list is untouched
        # store filters work too: nothing is bookmarked yet
        await pilot.press(*["backspace"] * 15)
        await _type(pilot, "is:bookmarked")
        await wait_for(pilot, lambda: "0 matches" in _info(app))


async def test_opening_a_result_highlights_and_walks_matches(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("slash")
        await _type(pilot, "harbour authority ")
        await wait_for(pilot, lambda: app.library.shown == 1)
        await pilot.press("enter", "enter")
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert len(screen.matches) >= 3  # "Harbour Authority" in each paragraph
        text = screen.article.text
        assert all(
            text[m.start : m.end].lower() in ("harbour", "authority", "harbour authority") for m in screen.matches
        )
        # the matches are painted (reverse video) in the body
        styled = [span for line in screen.body._lines for span in line.text.spans if span.style == SEARCH_MATCH]
        assert styled
        await pilot.press("greater_than_sign")
        first = screen.match
        assert first == screen.matches[0]
        assert "match 1 of" in str(screen.query_one("#status", Static).render())
        await pilot.press("greater_than_sign")
        assert screen.match == screen.matches[1]
        assert screen.body.cursor == screen.article.paragraph_at(screen.matches[1].start)
        await pilot.press("less_than_sign")
        assert screen.match == first


async def test_mentions_view_from_the_entity_panel(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("enter", "e")  # Harbour article, entity panel
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        panel = screen.query_one(EntityPanel)
        # move to the "Port Elwin" entity (mentioned in three articles)
        for index in range(panel.option_count):
            if "Port Elwin" in str(panel.get_option_at_index(index).prompt):
                panel.highlighted = index
                break
        await pilot.pause()
        assert screen.selected is not None
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, MentionsScreen) and app.screen.loaded)
        view = app.screen
        assert isinstance(view, MentionsScreen)
        assert view.result is not None
        assert view.result.total_articles >= 2
        articles = view.query_one("#mention-articles", OptionList)
        assert articles.option_count == len(view.result.articles)
        dates = [m.row.date or "" for m in view.result.articles]
        assert dates == sorted(dates, reverse=True)  # newest first
        chart = view.query_one("#mentions-chart")
        assert any(block in str(chart.render()) for block in "▁▂▃▄▅▆▇█")
        assert view.query_one("#co-mentions", OptionList).option_count >= 1
        # Enter on an article opens it
        await pilot.press("enter")
        assert isinstance(app.screen, ArticleScreen)


async def test_warm_start_paints_rows_without_reading_files(
    make_app: Callable[..., ReaderApp], corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with CorpusIndex.open(corpus) as index:
        index.update()
    reads: list[Path] = []
    real = update_module.read_file
    real_record = update_module.read_record

    def counting(path: Path, *args: object, **kwargs: object) -> object:
        reads.append(path)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    def counting_record(path: Path, *args: object) -> object:
        reads.append(path)
        return real_record(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(update_module, "read_file", counting)
    monkeypatch.setattr(corpus_index_module.update_module, "read_file", counting)
    monkeypatch.setattr(update_module, "read_record", counting_record)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        listing = app.screen.query_one("#article-list")
        assert len(app.library) == 4  # from the database, before any update ran
        await wait_loaded(pilot, app)
        # Nothing changed on disk: the update only looked at sizes and times. The one file
        # that may be read is the highlighted article's, prefetched so it opens at once.
        highlighted = listing.article  # type: ignore[attr-defined]
        assert {str(p) for p in reads} <= {highlighted.path}
        assert listing.painted_at is not None  # type: ignore[attr-defined]


async def test_update_merges_new_and_removed_files_in_place(make_app: Callable[..., ReaderApp], corpus: Path) -> None:
    with CorpusIndex.open(corpus) as index:
        index.update()
    (corpus / "newest.txt").write_text(
        " date 2024-05-01\ntitle: Ferry line extended to Brenn\n\nThe ferry now calls at Brenn.\n"
    )
    (corpus / "orchard.txt").unlink()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot, app)
        titles = [a.title for a in app.library.articles]
        assert titles[0] == "Ferry line extended to Brenn"  # at its place: newest first
        assert not any(t.startswith("Late frost") for t in titles)
        assert len(app.library) == 4
        assert app.library.months[0] == "May 2024"


async def test_unusable_cache_falls_back_to_reading_files(
    make_app: Callable[..., ReaderApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("READER_CACHE", str(blocker / "cache"))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot, app)
        assert app.source.index is None
        assert len(app.library) == 4
        await pilot.press("enter")
        assert isinstance(app.screen, ArticleScreen)


def test_sparkline_squeezes_and_scales() -> None:
    line, per = sparkline([0, 1, 2, 4], 10)
    assert per == 1 and line[0] == " " and line[-1] == "█"
    line, per = sparkline(list(range(100)), 10)
    assert per == 10 and len(line) == 10
    assert Style(reverse=True) == SEARCH_MATCH
