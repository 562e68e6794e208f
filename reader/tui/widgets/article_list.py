"""The library's article list: a line-API ScrollView that paints only the visible rows.

One widget per article does not scale (ARCHITECTURE.md §2.4): this widget holds no children and
builds a row only when it is on screen, caching the last few hundred rendered rows (the
toolong approach). Month separators are rows too, but the cursor skips them.
"""

from __future__ import annotations

import time
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from ...index.model import ArticleRow
from ...safe_text import safe_line
from ..glyphs import glyph, overflow
from ..list_model import Library
from ..userdata import UserData

SOURCE_COLUMN = 16  # cells; long source names end in an ellipsis
MARK_BOOKMARK = "★"
MARK_NOTE = "✎"
MARK_UNREAD = "•"


class ArticleList(ScrollView, can_focus=True):
    """Every article, newest first, one row each: marks, date, title, source."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="up"),
        Binding("g,home", "first", "First", show=False, id="first"),
        Binding("G,end", "last", "Last", show=False, id="last"),
        Binding("pageup", "page_up_rows", "Page up", show=False, id="page_up"),
        Binding("pagedown", "page_down_rows", "Page down", show=False, id="page_down"),
        Binding("enter", "open", "Open", id="open"),
    ]

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--separator",
        "article-list--date",
        "article-list--source",
        "article-list--mark",
        "article-list--unread",
    }

    DEFAULT_CSS = """
    ArticleList { height: 1fr; }
    ArticleList > .article-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    ArticleList > .article-list--separator { color: $accent; text-style: bold; }
    ArticleList > .article-list--date { color: $text-muted; }
    ArticleList > .article-list--source { color: $text-muted; text-style: italic; }
    ArticleList > .article-list--mark { color: $warning; }
    ArticleList > .article-list--unread { text-style: bold; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)  # an index into library.rows

    class Opened(Message):
        """Enter (or a click on the highlighted row) on an article."""

        def __init__(self, article: ArticleRow) -> None:
            super().__init__()
            self.article = article

    class Highlighted(Message):
        """The cursor rested on an article (sent after a short pause, for prefetching)."""

        def __init__(self, article: ArticleRow) -> None:
            super().__init__()
            self.article = article

    def __init__(self, library: Library, userdata: UserData, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library = library
        self.userdata = userdata
        self._cache: LRUCache[tuple[object, ...], Strip] = LRUCache(512)
        self.painted_at: float | None = None  # when the first article row was painted
        self._cursor_id: str | None = None  # the highlighted article, kept across re-orders
        self._settle: Timer | None = None

    # -- model updates ------------------------------------------------------------------
    @property
    def article(self) -> ArticleRow | None:
        """The highlighted article's row (``app.source.load(row.id)`` reads the article)."""
        rows = self.library.rows
        if 0 <= self.cursor < len(rows) and rows[self.cursor] >= 0:
            return self.library.article_at(rows[self.cursor])
        return None

    def rows_changed(self) -> None:
        """The library changed (a batch arrived): keep the cursor on the same article."""
        keep = self._cursor_id
        self._cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.library.rows))
        index = self.library.index_of(keep) if keep is not None else None
        row = self.library.row_of(index) if index is not None else -1
        if row >= 0:
            self.set_reactive(ArticleList.cursor, row)
        else:
            self.set_reactive(ArticleList.cursor, self._article_row(self.cursor, 1))
        self._cursor_id = self._id_at(self.cursor)
        self.refresh()

    def _id_at(self, row: int) -> str | None:
        rows = self.library.rows
        return self.library.ids[rows[row]] if 0 <= row < len(rows) and rows[row] >= 0 else None

    def marks_changed(self) -> None:
        self._cache.clear()
        self.refresh()

    def select_article(self, article_id: str) -> None:
        index = self.library.index_of(article_id)
        if index is not None and self.library.row_of(index) >= 0:
            self.cursor = self.library.row_of(index)

    # -- cursor -------------------------------------------------------------------------
    def _article_row(self, row: int, step: int) -> int:
        """The nearest article row from ``row`` going ``step`` (+1/-1), skipping separators."""
        rows = self.library.rows
        if not rows:
            return 0
        row = max(0, min(row, len(rows) - 1))
        while 0 <= row < len(rows) and rows[row] < 0:
            row += step
        if not 0 <= row < len(rows):
            return self._article_row(row - step, -step) if 0 <= row - step < len(rows) else 0
        return row

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, max(0, len(self.library.rows) - 1)))

    def watch_cursor(self, old: int, new: int) -> None:
        self._cursor_id = self._id_at(new)
        self.refresh_line(old)
        self.refresh_line(new)
        self.scroll_to_row(new)
        if self._settle is not None:
            self._settle.stop()
        self._settle = self.set_timer(0.2, self._settled)

    def _settled(self) -> None:
        self._settle = None
        article = self.article
        if article is not None and self.screen.is_current:  # not from under another screen
            self.post_message(self.Highlighted(article))

    def refresh_line(self, row: int) -> None:
        self.refresh(Region(0, row - int(self.scroll_offset.y), self.size.width, 1))

    def scroll_to_row(self, row: int) -> None:
        top = row - 1 if row > 0 and self.library.rows[row - 1] < 0 else row
        self.scroll_to_region(Region(0, top, 1, row - top + 1), animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        self.cursor = self._article_row(self.cursor + 1, 1)

    def action_cursor_up(self) -> None:
        self.cursor = self._article_row(self.cursor - 1, -1)

    def action_first(self) -> None:
        self.cursor = self._article_row(0, 1)

    def action_last(self) -> None:
        self.cursor = self._article_row(len(self.library.rows) - 1, -1)

    def action_page_down_rows(self) -> None:
        self.cursor = self._article_row(self.cursor + max(1, self.size.height - 1), 1)

    def action_page_up_rows(self) -> None:
        self.cursor = self._article_row(self.cursor - max(1, self.size.height - 1), -1)

    def action_open(self) -> None:
        article = self.article
        if article is not None:
            self.post_message(self.Opened(article))

    def on_click(self, event: events.Click) -> None:
        row = int(self.scroll_offset.y) + event.y
        if not 0 <= row < len(self.library.rows) or self.library.rows[row] < 0:
            return
        if row == self.cursor or event.chain > 1:
            self.cursor = row
            self.action_open()
        else:
            self.cursor = row

    # -- painting -----------------------------------------------------------------------
    def on_mount(self) -> None:
        self.rows_changed()  # rows may be in before the list is (a warm index paints at once)

    def on_resize(self) -> None:
        # No cache clear: strips are keyed by width, so a height change (the first layout
        # among them) keeps the rows already rendered.
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.library.rows))

    def render_line(self, y: int) -> Strip:
        row = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not 0 <= row < len(self.library.rows):
            return Strip.blank(width, base)
        value = self.library.rows[row]
        if self.painted_at is None and value >= 0:
            self.painted_at = time.perf_counter()  # for the benchmark: rows reached the screen
        if value < 0:
            key: tuple[object, ...] = ("sep", value, width, base)
        else:
            ident = self.library.ids[value]  # no row fetch when the strip is cached
            ud = self.userdata
            marks = (ud.is_bookmarked(ident), ud.has_notes(ident), not ud.is_read(ident))
            key = (ident, width, marks, row == self.cursor, base)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(value, width, base, row == self.cursor)
            self._cache[key] = strip
        return strip

    def _render_row(self, value: int, width: int, base: Style, is_cursor: bool) -> Strip:
        style = self.get_component_rich_style
        if value < 0:
            text = Text(f" {self.library.months[-value - 1]} ", style=style("article-list--separator"))
            text.append(glyph("─") * max(0, width - cell_len(text.plain)), style=style("article-list--separator"))
            return self._strip(text, width, base)
        article = self.library.article_at(value)
        ud = self.userdata
        text = Text(no_wrap=True, overflow=overflow())
        mark_style = style("article-list--mark")
        text.append(glyph(MARK_BOOKMARK) if ud.is_bookmarked(article.id) else " ", mark_style)
        text.append(glyph(MARK_NOTE) if ud.has_notes(article.id) else " ", mark_style)
        unread = not ud.is_read(article.id)
        text.append(glyph(MARK_UNREAD) if unread else " ", mark_style)
        text.append(" ")
        text.append(f"{article.date or 'undated':<10}", style("article-list--date"))
        text.append("  ")
        source = safe_line(article.source or "")
        # A fixed source column (from 70 columns up) keeps every title starting and ending
        # at the same place, so the eye can run down the list.
        source_cells = SOURCE_COLUMN if width >= 70 else 0
        title_room = max(4, width - cell_len(text.plain) - (source_cells + 2 if source_cells else 0))
        title = Text(safe_line(article.title) or "(untitled)", style=style("article-list--unread") if unread else "")
        title.truncate(title_room, overflow=overflow(), pad=True)
        text.append_text(title)
        if source_cells:
            src = Text(source, style=style("article-list--source"))
            src.truncate(source_cells, overflow=overflow(), pad=True)
            text.append("  ")
            text.append_text(src)
        if is_cursor:
            text.stylize(style("article-list--cursor"))
        return self._strip(text, width, base if not is_cursor else base + style("article-list--cursor"))

    def _strip(self, text: Text, width: int, base: Style) -> Strip:
        segments = list(text.render(self.app.console))
        strip = Strip(Segment.apply_style(segments, base), cell_len(text.plain))
        return strip.adjust_cell_length(width, base)
