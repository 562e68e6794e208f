"""The entity browser (``E``): the corpus's people, organisations and places at a glance.

Every named entity of the index, most articles first, with its mentions, first and last
date and a sparkline of its mentions over the corpus's months. Tab switches the type
shown, ``/`` filters by name as you type, Enter opens the entity's mentions (a
``ShowMentions`` message for the app) and ``d`` writes its dossier. ``H`` hides the
highlighted entity everywhere (a correction in the store), and on the last tab, which
lists the hidden ones, shows it again. The list is read again whenever an index update
writes entities (the app says when). The table is virtual (``EntityTable``).
"""

from __future__ import annotations

import contextlib
import sqlite3
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from ...index.entity_stats import EntityStat
from ...safe_text import safe_line
from .. import flows
from ..context import ReaderContext
from ..dossier_writer import DossierWriter
from ..glyphs import glyph
from ..messages import MarksChanged, ShowMentions
from ..userdata import UserDataError
from ..widgets.bars import StatusLine, TitleBar
from ..widgets.entity_table import EntityTable

TYPES: tuple[tuple[str, str, frozenset[str] | None], ...] = (
    ("All", "entities", None),
    ("People", "people", frozenset({"PERSON"})),
    ("Organisations", "organisations", frozenset({"ORG"})),
    ("Places", "places", frozenset({"GPE", "LOC", "FAC"})),
    ("Hidden", "hidden entities", None),
)
HIDDEN_TAB = len(TYPES) - 1
"""The tab of the entities the reader hid: never listed elsewhere, shown again with ``H``."""

Lists = tuple[list[EntityStat], list[EntityStat], tuple[str, ...]]
"""What the browser reads: the entities shown, those hidden, the months of the corpus."""


class EntityBrowserScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
        Binding("tab", "next_type", "Type", id="next_type"),
        Binding("shift+tab", "previous_type", "Previous type", show=False, id="previous_type"),
        Binding("slash", "filter", "Filter", key_display="/", id="search"),
        Binding("d", "dossier", "Dossier", id="dossier"),
        Binding("H", "hide", "Hide/show", id="hide_entity"),
    ]

    DEFAULT_CSS = """
    EntityBrowserScreen #entity-types { height: 1; padding: 0 1; }
    EntityBrowserScreen #entity-filter { height: 1; border: none; padding: 0 1; }
    EntityBrowserScreen #entity-header { height: 1; padding: 0 0 0 0; color: $text-muted; text-style: bold; }
    """

    def __init__(self, context: ReaderContext) -> None:
        super().__init__()
        self.context = context
        self.type_index = 0
        self.loaded = False
        self._reading = False  # a read of the list is under way
        self._stale = False  # the entities changed during that read: read them again after it
        self.entities_listed: list[EntityStat] = []  # what the first tabs list
        self.entities_hidden: list[EntityStat] = []  # what the Hidden tab lists
        self.axis: tuple[str, ...] = ()
        self.table = EntityTable(context.source.entity_detail, id="entity-table")
        self.filter_input = Input(placeholder="/ filter by name", id="entity-filter")
        self.types_line = Static(id="entity-types")
        self.header_line = Static(id="entity-header")
        self.writer = DossierWriter(self, context)

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title-bar")
        yield self.types_line
        yield self.filter_input
        yield self.header_line
        yield self.table
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TitleBar).set_parts("Entities", glyph("loading…"))
        self._draw_types()
        self.table.focus()
        self.query_one(StatusLine).say(glyph("Reading the corpus's entities…"))
        self._read()

    def entities_changed(self) -> None:
        """The index's entities changed (an update wrote a batch of them, or ended): read
        the list again, keeping the type, the filter and the highlighted entity. A read
        under way is followed by one more, which sees the change."""
        if self._reading:
            self._stale = True
        else:
            self._read()

    def _read(self) -> None:
        self._reading = True
        # The list is read here when the index is free: one query of the entities table
        # (about 15 ms at 100,000 articles). A worker thread took 90-250 ms for the same
        # query, its many small steps each waiting for the busy UI thread's turn at the
        # GIL; it is kept for an index busy with an update, so the screen never blocks.
        try:
            ready = self._lists(wait=False)
        except (sqlite3.Error, OSError) as exc:
            self._fill(([], [], ()), str(exc))
            return
        if ready is None:
            self.run_worker(self._load, thread=True, exclusive=True, group="entities")
        else:
            self._fill(ready, None)

    def _lists(self, wait: bool) -> Lists | None:
        """The entities shown and hidden, and the corpus's months; None when the index
        is busy and ``wait`` is False."""
        source = self.context.source
        corrections = self.context.userdata.corrections
        ranked = source.ranked_entities(corrections, wait=wait)
        hidden = source.hidden_entities(corrections.hidden, wait=wait) if ranked is not None else None
        if ranked is None or hidden is None:
            return None
        return ranked[0], hidden, ranked[1]

    def _load(self) -> None:
        error: str | None = None
        lists: Lists = ([], [], ())
        try:
            lists = self._lists(wait=True) or lists
        except (sqlite3.Error, OSError) as exc:
            error = str(exc)
        with contextlib.suppress(RuntimeError):  # the app is closing
            self.app.call_from_thread(self._fill, lists, error)

    def _fill(self, lists: Lists, error: str | None) -> None:
        self._reading = False
        if not self.is_attached:
            return  # dismissed while loading
        if error is None or not self.loaded:  # a failed re-read keeps the list shown
            kept = self.table.entity if self.loaded else None
            self.loaded = True
            self.entities_listed, self.entities_hidden, self.axis = lists
            self._apply()
            if kept is not None:
                self.table.highlight(kept.key, kept.label)
        if self._stale:
            self._stale = False
            self._read()
            return
        if error:
            self.query_one(StatusLine).say(safe_line(f"Cannot read the entities: {error}"), "bold")
        elif self.context.source.index is None:
            self.query_one(StatusLine).say("The entity browser needs the corpus index, which cannot be used here.")

    # -- what is shown ------------------------------------------------------------------
    def _apply(self) -> None:
        """Show the entities of the current type whose name holds the filter's text."""
        labels = TYPES[self.type_index][2]
        needle = self.filter_input.value.strip().casefold()
        entities = self.entities_hidden if self.type_index == HIDDEN_TAB else self.entities_listed
        if self.table.entities is not entities:
            self.table.set_entities(entities, self.axis)
        shown = [
            i
            for i, e in enumerate(entities)
            if (labels is None or e.label in labels) and (not needle or needle in e.key.casefold())
        ]
        self.table.show(shown)
        self._draw_types()
        self.call_after_refresh(self._draw_header)  # once the table's scrollbar is laid out
        if self.loaded:
            kind = TYPES[self.type_index][1]
            self.query_one(TitleBar).set_parts("Entities", f"{len(shown):,} {kind}")
            self.show_status()

    def show_status(self) -> None:
        """The status line: how far an index update got (the app has the list read
        again as it goes), or what the keys do."""
        if not self.loaded:
            return  # "Reading the corpus's entities…" until the list is in
        load = self.context.load
        if load.indexing and not load.loaded:
            what = "articles" if load.phase == "entities" else "files"
            done = f" ({load.done:,} of {load.total:,} {what} done)" if load.total else ""
            step = "entities" if load.phase == "entities" else "the corpus"
            text = f"Still indexing {step}{done}: this list fills in as it goes."
        elif self.type_index == HIDDEN_TAB:
            text = (
                glyph("H: show again · Enter: mentions · Tab: type · /: filter · Escape: back")
                if self.table.shown
                else "No hidden entity: H on another tab hides the highlighted one everywhere."
            )
        elif not self.table.shown:
            text = "No entity matches."
        else:
            text = glyph("Enter: mentions · d: dossier · H: hide · Tab: type · /: filter · Escape: back")
        self.query_one(StatusLine).say(text)

    def _draw_types(self) -> None:
        text = Text()
        for i, (name, _, _) in enumerate(TYPES):
            text.append(f" {name} ", style="reverse bold" if i == self.type_index else "dim")
            text.append(" ")
        self.types_line.update(text)

    def _draw_header(self) -> None:
        width = self.table.scrollable_content_region.width or self.size.width
        self.header_line.update(self.table.header(width))

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._draw_header)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._apply()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    def on_entity_table_opened(self, event: EntityTable.Opened) -> None:
        event.stop()
        self.post_message(ShowMentions(event.entity.key, event.entity.label))

    # -- actions ------------------------------------------------------------------------
    def action_next_type(self) -> None:
        self.type_index = (self.type_index + 1) % len(TYPES)
        self._apply()

    def action_previous_type(self) -> None:
        self.type_index = (self.type_index - 1) % len(TYPES)
        self._apply()

    def action_filter(self) -> None:
        self.filter_input.focus()

    def action_dossier(self) -> None:
        entity = self.table.entity
        if entity is not None:
            self.writer.write(entity.key, entity.label)

    def action_hide(self) -> None:
        """Hide the highlighted entity everywhere, or on the Hidden tab show it again."""
        entity = self.table.entity
        if entity is None:
            return
        userdata = self.context.userdata
        if self.type_index != HIDDEN_TAB:
            flows.correct_entity(self, userdata, "hide", entity.key, entity.label, lambda _name: None)
        else:
            try:
                userdata.uncorrect_entity("hide", entity.key)
            except UserDataError as exc:
                self.notify(str(exc), title="Not saved", severity="error", timeout=10)
                return
            self.notify(f"{safe_line(entity.key)} is shown again", timeout=4)
            self.post_message(MarksChanged())  # the article screens re-apply the corrections
        self.entities_changed()

    def action_back(self) -> None:
        if self.focused is self.filter_input:
            if self.filter_input.value:
                self.filter_input.value = ""  # Changed re-applies
            self.table.focus()
            return
        if self.is_active:  # a second Escape in a burst must not pop the screen below
            self.dismiss()
