"""The library screen: the title bar, the filter bar, the article list, a status line and
the footer."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input
from textual.worker import get_current_worker

from ...index import Query, QueryError, parse
from ..widgets.article_list import ArticleList
from ..widgets.bars import StatusLine, TitleBar
from ..widgets.filter_bar import FilterBar

if TYPE_CHECKING:
    from ..app import ReaderApp


class LibraryScreen(Screen[None]):
    """What ``reader [CORPUS]`` opens. The app feeds it batches as the loader reads."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "app.toggle_bookmark", "Bookmark", id="bookmark"),
        Binding("N", "app.show_notes", "Notes", id="notes_view"),
        Binding("B", "app.show_bookmarks", "Bookmarks", id="bookmarks_view"),
        Binding("o", "app.show_overview", "Corpus overview", show=False, id="overview"),
        Binding("slash", "filter", "Find", key_display="/", id="search"),  # short: the footer fits 60 columns
        Binding("escape", "clear_filter", "Clear filter", show=False, id="clear_filter"),
    ]

    def compose(self) -> ComposeResult:
        from ..app import ReaderApp

        app = self.app
        assert isinstance(app, ReaderApp)
        yield TitleBar(id="title-bar")
        yield FilterBar(id="filter-bar")
        yield ArticleList(app.library, app.userdata, id="article-list")
        yield StatusLine(id="status")
        yield Footer()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    def on_mount(self) -> None:
        self.article_list.focus()

    def on_article_list_opened(self, event: ArticleList.Opened) -> None:
        self._reader().open_id(event.article.id)

    def _reader(self) -> ReaderApp:
        from ..app import ReaderApp

        app = self.app
        assert isinstance(app, ReaderApp)
        return app

    # -- search and filter ----------------------------------------------------------------
    @property
    def filter_bar(self) -> FilterBar:
        return self.query_one(FilterBar)

    def action_filter(self) -> None:
        self.filter_bar.open()

    def action_clear_filter(self) -> None:
        app = self._reader()
        if not self.filter_bar.shown and app.library.filter is None:
            return
        self.filter_bar.close()
        self._show(None, None, False)
        self.article_list.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.filter_bar.flush()
        self.article_list.focus()

    def on_filter_bar_changed(self, event: FilterBar.Changed) -> None:
        self._run(event.text)

    def refilter(self) -> None:
        """The index changed under an active filter: run it again."""
        if self.filter_bar.shown and self.filter_bar.text.strip():
            self._run(self.filter_bar.text)

    def _run(self, text: str) -> None:
        app = self._reader()
        if not text.strip():
            self._show(None, None, False)
            self.filter_bar.say("")
            return
        try:
            query = parse(text)
        except QueryError as exc:
            self.filter_bar.say(str(exc), error=True)
            return
        if app.source.index is None:
            self.filter_bar.say("search needs the corpus index, which cannot be used here", error=True)
            return
        self._search(text, query, not text.endswith(" "))

    @work(thread=True, exclusive=True, group="filter")
    def _search(self, text: str, query: Query, prefix: bool) -> None:
        app = self._reader()
        worker = get_current_worker()
        error: str | None = None
        ids: list[str] = []
        try:
            ids = app.source.match_ids(query, app.userdata, prefix)
        except QueryError as exc:
            error = str(exc)
        except sqlite3.Error as exc:
            error = f"search failed: {exc}"
        if worker.is_cancelled:
            return
        try:
            app.call_from_thread(self._found, text, query, prefix, ids, error)
        except RuntimeError:
            pass  # the app is closing

    def _found(self, text: str, query: Query, prefix: bool, ids: list[str], error: str | None) -> None:
        if text != self.filter_bar.text:
            return  # the reader typed on: a newer query is on its way
        if error is not None:
            self.filter_bar.say(error, error=True)
            return
        self._show(ids, query, prefix)
        self.filter_bar.say(f"{len(ids):,} match{'es' if len(ids) != 1 else ''}")

    def _show(self, ids: list[str] | None, query: Query | None, prefix: bool) -> None:
        app = self._reader()
        app.filter_query, app.filter_prefix = query, prefix
        app.library.set_filter(ids)
        self.article_list.rows_changed()
        app.call_after_refresh(app._update_bars)
