"""The library screen: the title bar, the filter bar, the article list, a status line and
the footer.

It draws its own bars from the context's load state; the app calls ``refresh_bars`` when
loading moves on. Opening an article is a message (``OpenArticle``) for the app to route.
"""

from __future__ import annotations

import contextlib
import sqlite3
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input
from textual.worker import get_current_worker

from ...index import Query, QueryError, parse
from .. import flows
from ..context import ReaderContext
from ..glyphs import glyph
from ..messages import OpenArticle
from ..widgets.article_list import ArticleList
from ..widgets.bars import StatusLine, TitleBar
from ..widgets.filter_bar import FilterBar


class LibraryScreen(Screen[None]):
    """What ``reader [CORPUS]`` opens. The app feeds it batches as the loader reads."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "toggle_bookmark", "Bookmark", id="bookmark"),
        Binding("N", "app.show_notes", "Notes", id="notes_view"),
        Binding("B", "app.show_bookmarks", "Bookmarks", id="bookmarks_view"),
        Binding("o", "app.show_overview", "Corpus overview", show=False, id="overview"),
        Binding("P", "app.show_problems", "File problems", show=False, id="problems"),
        Binding("slash", "filter", "Find", key_display="/", id="search"),  # short: the footer fits 60 columns
        Binding("escape", "clear_filter", "Clear filter", show=False, id="clear_filter"),
    ]

    def __init__(self, context: ReaderContext) -> None:
        super().__init__()
        self.context = context

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title-bar")
        yield FilterBar(id="filter-bar")
        yield ArticleList(self.context.library, self.context.userdata, id="article-list")
        yield StatusLine(id="status")
        yield Footer()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    def on_mount(self) -> None:
        self.article_list.focus()
        self.refresh_bars()

    def on_article_list_opened(self, event: ArticleList.Opened) -> None:
        event.stop()
        self.post_message(OpenArticle(event.article.id))

    def action_toggle_bookmark(self) -> None:
        row = self.article_list.article
        article = self.context.source.load(row.id) if row is not None else None
        if article is None:
            self.app.bell()
            return
        flows.toggle_bookmark(self, self.context.userdata, article)

    def refresh_bars(self) -> None:
        """The title bar (corpus, count, progress) and the status line (problems, store)."""
        if not self.is_mounted:
            return  # on_mount draws them
        context = self.context
        library, load, userdata = context.library, context.load, context.userdata
        count = len(library)
        verb = "indexing" if load.indexing else "loading"
        state = ""
        if not load.loaded:
            state = (
                f"{verb} {_bar(load.done, load.total)} {load.done:,}/{load.total:,} files"
                if load.total
                else f"{verb}{glyph('…')}"
            )
        if library.filter is not None:
            state = glyph(" · ").join(p for p in (f"{library.shown:,} shown", state) if p)
        corpus = context.corpus.name or str(context.corpus)
        self.query_one(TitleBar).set_parts(corpus, f"{count:,} article{'s' if count != 1 else ''}", state)
        parts = []
        if load.problems:
            parts.append(f"{len(load.problems)} file problem(s): P lists them")
        if userdata.reason:
            parts.append(userdata.reason)
        if load.loaded and not count:
            parts.insert(0, "No articles found in this corpus.")
        self.query_one(StatusLine).say(glyph(" · ").join(parts), "bold" if userdata.reason else "")

    # -- search and filter ----------------------------------------------------------------
    @property
    def filter_bar(self) -> FilterBar:
        return self.query_one(FilterBar)

    def action_filter(self) -> None:
        self.filter_bar.open()

    def action_clear_filter(self) -> None:
        if not self.filter_bar.shown and self.context.library.filter is None:
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
        if not text.strip():
            self._show(None, None, False)
            self.filter_bar.say("")
            return
        try:
            query = parse(text)
        except QueryError as exc:
            self.filter_bar.say(str(exc), error=True)
            return
        if self.context.source.index is None:
            self.filter_bar.say("search needs the corpus index, which cannot be used here", error=True)
            return
        self._search(text, query, not text.endswith(" "))

    @work(thread=True, exclusive=True, group="filter")
    def _search(self, text: str, query: Query, prefix: bool) -> None:
        worker = get_current_worker()
        error: str | None = None
        ids: list[str] = []
        try:
            ids = self.context.source.match_ids(query, self.context.userdata, prefix)
        except QueryError as exc:
            error = str(exc)
        except sqlite3.Error as exc:
            error = f"search failed: {exc}"
        if worker.is_cancelled:
            return
        with contextlib.suppress(RuntimeError):  # the app is closing
            self.app.call_from_thread(self._found, text, query, prefix, ids, error)

    def _found(self, text: str, query: Query, prefix: bool, ids: list[str], error: str | None) -> None:
        if text != self.filter_bar.text:
            return  # the reader typed on: a newer query is on its way
        if error is not None:
            self.filter_bar.say(error, error=True)
            return
        self._show(ids, query, prefix)
        self.filter_bar.say(f"{len(ids):,} match{'es' if len(ids) != 1 else ''}")

    def _show(self, ids: list[str] | None, query: Query | None, prefix: bool) -> None:
        self.context.filter.query, self.context.filter.prefix = query, prefix
        self.context.library.set_filter(ids)
        self.article_list.rows_changed()
        self.refresh_bars()


def _bar(done: int, total: int, width: int = 10) -> str:
    filled = round(width * done / total) if total else 0
    return glyph("▰") * filled + glyph("▱") * (width - filled)
