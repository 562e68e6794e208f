"""The library screen: the title bar, the article list, a status line and the footer."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer

from ..widgets.article_list import ArticleList
from ..widgets.bars import StatusLine, TitleBar


class LibraryScreen(Screen[None]):
    """What ``reader [CORPUS]`` opens. The app feeds it batches as the loader reads."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "app.toggle_bookmark", "Bookmark", id="bookmark"),
        Binding("N", "app.show_notes", "Notes", id="notes_view"),
        Binding("B", "app.show_bookmarks", "Bookmarks", id="bookmarks_view"),
        Binding("o", "app.show_overview", "Corpus overview", show=False, id="overview"),
    ]

    def compose(self) -> ComposeResult:
        from ..app import ReaderApp

        app = self.app
        assert isinstance(app, ReaderApp)
        yield TitleBar(id="title-bar")
        yield ArticleList(app.library, app.userdata, id="article-list")
        yield StatusLine(id="status")
        yield Footer()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    def on_mount(self) -> None:
        self.article_list.focus()

    def on_article_list_opened(self, event: ArticleList.Opened) -> None:
        from ..app import ReaderApp

        app = self.app
        assert isinstance(app, ReaderApp)
        app.open_article(event.article)
