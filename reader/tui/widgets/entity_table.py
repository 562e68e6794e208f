"""The entity browser's table: a line-API ScrollView painting only the rows on screen.

A corpus of 100,000 articles has tens of thousands of entities; one widget per row would
take seconds to mount (ARCHITECTURE.md §2.4), so like the article list this widget has no
children, builds a row's strip only when it is on screen and caches the last few hundred.
The list arrives with each entity's article count only (``ranked_entities``: no scan
of the postings); a row's mentions, dates and sparkline need a query of their own
(``details_of``), made only for rows on screen, in a worker after the rows are painted
(those cells stay blank until then), and kept: the names are on screen without waiting
for forty queries, and scrolling never waits on the database.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
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

from ...index.entity_stats import EntityDetail, EntityStat
from ...safe_text import safe_line
from ..glyphs import glyph
from .charts import EIGHTHS

SPARK_CELLS = 16
LABEL_CELLS = 7
COUNT_CELLS = 8
DATES_CELLS = 22  # "2025-01-21..2026-06-09"

DetailsOf = Callable[[Sequence[int]], EntityDetail]


def sparkline(per_month: dict[str, int], axis: Sequence[str], cells: int) -> str:
    """``per_month`` drawn on the common ``axis`` (every month of the corpus) in ``cells``
    block characters, neighbouring months summed when there are more months than cells.
    Scaled to the entity's own peak: the shape over time, not the size, is what it shows."""
    if not axis or cells <= 0:
        return ""
    per = max(1, -(-len(axis) // cells))
    sums = [sum(per_month.get(month, 0) for month in axis[i : i + per]) for i in range(0, len(axis), per)]
    top = max(sums, default=0)
    if top == 0:
        return " " * len(sums)
    steps = len(EIGHTHS) - 1
    return "".join(EIGHTHS[0 if n == 0 else max(1, round(n / top * steps))] for n in sums)


class EntityTable(ScrollView, can_focus=True):
    """Entities one per row: name, label, articles, mentions, first..last, sparkline."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="up"),
        Binding("g,home", "first", "First", show=False, id="first"),
        Binding("G,end", "last", "Last", show=False, id="last"),
        Binding("pageup", "page_up_rows", "Page up", show=False, id="page_up"),
        Binding("pagedown", "page_down_rows", "Page down", show=False, id="page_down"),
        Binding("enter", "open", "Mentions", id="open"),
    ]

    COMPONENT_CLASSES = {"entity-table--cursor", "entity-table--dim", "entity-table--spark"}

    DEFAULT_CSS = """
    EntityTable { height: 1fr; overflow-x: hidden; }
    EntityTable > .entity-table--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    EntityTable > .entity-table--dim { color: $text-muted; }
    EntityTable > .entity-table--spark { color: $accent; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)  # an index into ``shown``

    class Opened(Message):
        """Enter (or a click on the highlighted row) on an entity."""

        def __init__(self, entity: EntityStat) -> None:
            super().__init__()
            self.entity = entity

    def __init__(self, details_of: DetailsOf | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entities: list[EntityStat] = []
        self.shown: list[int] = []  # indexes into ``entities``, in display order
        self.axis: tuple[str, ...] = ()
        self.details_of = details_of
        self.lines_rendered = 0  # rows built (not served from the cache): what a test counts
        self.painted_at: float | None = None  # when the first entity row was painted (the benchmark)
        self._details: LRUCache[tuple[int, ...], EntityDetail] = LRUCache(4096)
        self._wanted: dict[tuple[int, ...], None] = {}  # on screen, not fetched yet (in order)
        self._fetching = False
        self._cache: LRUCache[tuple[object, ...], Strip] = LRUCache(512)

    # -- the model ----------------------------------------------------------------------
    def set_entities(self, entities: list[EntityStat], axis: Sequence[str] = ()) -> None:
        """A new list (the load finished): shown whole until ``show`` narrows it."""
        self.entities = entities
        self.axis = tuple(axis)
        self._details.clear()
        self._wanted.clear()
        self.show(list(range(len(entities))))

    def show(self, indexes: list[int]) -> None:
        """Show these entities (indexes into ``entities``), cursor back on the first."""
        self.shown = indexes
        self._cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(indexes))
        self.set_reactive(EntityTable.cursor, 0)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def highlight(self, key: str, label: str) -> None:
        """Put the cursor on this entity when it is shown (a list read again keeps the
        reader's place); otherwise it stays where ``show`` put it."""
        entities = self.entities
        for row, index in enumerate(self.shown):
            entity = entities[index]
            if entity.key == key and entity.label == label:
                self.cursor = row
                return

    @property
    def entity(self) -> EntityStat | None:
        """The highlighted entity."""
        if 0 <= self.cursor < len(self.shown):
            return self.entities[self.shown[self.cursor]]
        return None

    # -- cursor -------------------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, max(0, len(self.shown) - 1)))

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self.scroll_to_region(Region(0, new, 1, 1), animate=False, immediate=True)

    def refresh_line(self, row: int) -> None:
        self.refresh(Region(0, row - int(self.scroll_offset.y), self.size.width, 1))

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.shown) - 1

    def action_page_down_rows(self) -> None:
        self.cursor += max(1, self.size.height - 1)

    def action_page_up_rows(self) -> None:
        self.cursor -= max(1, self.size.height - 1)

    def action_open(self) -> None:
        entity = self.entity
        if entity is not None:
            self.post_message(self.Opened(entity))

    def on_click(self, event: events.Click) -> None:
        row = int(self.scroll_offset.y) + event.y
        if not 0 <= row < len(self.shown):
            return
        if row == self.cursor or event.chain > 1:
            self.cursor = row
            self.action_open()
        else:
            self.cursor = row

    # -- painting -----------------------------------------------------------------------
    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.shown))

    def layout_for(self, width: int) -> tuple[int, bool, int]:
        """(name cells, show dates, sparkline cells) at ``width``: the name gets what the
        number columns leave; dates and the sparkline go first on a narrow screen."""
        spark = SPARK_CELLS if width >= 60 else 0
        dates = width >= 96
        fixed = (
            1 + LABEL_CELLS + 2 * (COUNT_CELLS + 1) + (DATES_CELLS + 2 if dates else 0) + (spark + 2 if spark else 0)
        )
        return max(8, width - fixed), dates, spark

    def header(self, width: int) -> Text:
        """The column titles, laid out as the rows are (the screen shows it above)."""
        name_cells, dates, spark = self.layout_for(width)
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{'entity':<{name_cells}} {'label':<{LABEL_CELLS}}")
        text.append(f"{'articles':>{COUNT_CELLS + 1}}{'mentions':>{COUNT_CELLS + 1}}")
        if dates:
            text.append(f"  {'first..last':<{DATES_CELLS}}")
        if spark:
            span = f"{self.axis[0]}" + glyph("→") + f"{self.axis[-1]}" if self.axis else "mentions"
            text.append(f"  {span if len(span) <= spark else 'mentions':<{spark}}")
        return text

    def render_line(self, y: int) -> Strip:
        row = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not 0 <= row < len(self.shown):
            return Strip.blank(width, base)
        index = self.shown[row]
        if self.painted_at is None:
            self.painted_at = time.perf_counter()
        ready = self.details_of is None or self._details.get(self.entities[index].entities) is not None
        key = (index, width, row == self.cursor, base, ready)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(self.entities[index], width, base, row == self.cursor)
            self._cache[key] = strip
        return strip

    def detail(self, entity: EntityStat) -> EntityDetail | None:
        """The entity's mentions, dates and months: from the list itself when it has
        them, else as fetched; None while not fetched yet (it is then asked for)."""
        if entity.mentions is not None:
            months = self._details.get(entity.entities)
            return EntityDetail(entity.mentions, entity.first, entity.last, months.months if months else {})
        found = self._details.get(entity.entities)
        if found is None and self.details_of is not None:
            self._wanted[entity.entities] = None
            if not self._fetching:
                self._fetching = True
                self.call_after_refresh(self._fetch)
        return found

    def _fetch(self) -> None:
        """Fetch the details of the rows that were on screen without them, in a worker."""
        details_of = self.details_of
        wanted = list(self._wanted)
        self._wanted.clear()
        if details_of is None or not wanted:
            self._fetching = False
            return

        def run() -> None:
            found = {entities: details_of(entities) for entities in wanted}
            with contextlib.suppress(RuntimeError):  # the app is closing
                self.app.call_from_thread(self._fetched, found)

        self.run_worker(run, thread=True, group="sparklines")

    def _fetched(self, found: dict[tuple[int, ...], EntityDetail]) -> None:
        for entities, detail in found.items():
            self._details[entities] = detail
        self._fetching = False
        self.refresh()  # rows now ready are built again (their cache key changed)
        if self._wanted:  # rows scrolled into view meanwhile
            self._fetching = True
            self.call_after_refresh(self._fetch)

    def _render_row(self, entity: EntityStat, width: int, base: Style, is_cursor: bool) -> Strip:
        self.lines_rendered += 1
        style = self.get_component_rich_style
        name_cells, dates, spark = self.layout_for(width)
        text = Text(no_wrap=True, overflow="ellipsis")
        name = Text(safe_line(entity.key) or "?")
        name.truncate(name_cells, overflow="ellipsis", pad=True)
        text.append_text(name)
        text.append(f" {entity.label[:LABEL_CELLS]:<{LABEL_CELLS}}", style("entity-table--dim"))
        detail = self.detail(entity)
        mentions = f"{detail.mentions:,}" if detail is not None else ""
        text.append(f"{entity.articles:>{COUNT_CELLS + 1},}{mentions:>{COUNT_CELLS + 1}}")
        if dates:
            span = "" if detail is None else f"{detail.first}..{detail.last}" if detail.first else "undated"
            text.append(f"  {span:<{DATES_CELLS}}", style("entity-table--dim"))
        if spark:
            line = sparkline(detail.months, self.axis, spark) if detail is not None else ""
            text.append("  ")
            text.append(f"{line:<{spark}}", style("entity-table--spark"))
        line_style = base + style("entity-table--cursor") if is_cursor else base
        if is_cursor:
            text.stylize(style("entity-table--cursor"))
        segments = list(text.render(self.app.console))
        strip = Strip(Segment.apply_style(segments, line_style), cell_len(text.plain))
        return strip.adjust_cell_length(width, line_style)
