"""The filter bar of the library screen: a query input and a line saying what it found.

The bar only collects text and shows results; the library screen runs the query (in a
worker, against the index) after a short pause in typing, so a fast typist does not queue
a query per key on a 100,000-article corpus.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static

from ...safe_text import safe_line

DEBOUNCE = 0.12  # seconds of quiet typing before the query runs


class FilterBar(Horizontal):
    """``/`` shows it; typing narrows the list; Enter goes to the list; Escape clears."""

    # For the help screen only: the keys themselves are the library screen's and Input's.
    KEYS_HELP: ClassVar[list[Binding]] = [
        Binding(
            "slash",
            "filter",
            "Search and filter the list (query language: words, \"phrases\", @dates, person:, is:, -term)",
        ),
        Binding("enter", "submit", "Go to the filtered list"),
        Binding("escape", "clear", "Clear the filter"),
    ]  # fmt: skip

    DEFAULT_CSS = """
    FilterBar { height: auto; display: none; }
    FilterBar.-shown { display: block; }
    FilterBar > Input, FilterBar > Input:focus { width: 1fr; border: none; height: 1; padding: 0 1; }
    FilterBar > #filter-info { width: auto; max-width: 50%; height: 1; padding: 0 1; color: $text-muted; }
    FilterBar > #filter-info.-error { color: $error; text-style: bold; }
    """

    class Changed(Message):
        """The query text after a pause in typing."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._timer: Timer | None = None
        self._field: Input | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="filter-info")

    @property
    def input(self) -> Input:
        """The query field, mounted the first time it is asked for (the bar opens). Built
        with the hidden bar, an ``Input`` took 12 to 17 ms of a warm start's 55 to 85 ms
        to the list on screen, for a field most starts never show."""
        if self._field is None:
            field = Input(placeholder='search: words "phrase" @2024-03 person:Name is:unread -word', id="filter-input")
            # A blinking cursor repaints the bar twice a second for as long as it is open: bytes
            # on the wire of an idle screen, felt over a slow SSH link. A steady cursor shows as well.
            field.cursor_blink = False
            self._field = field
            self.mount(field, before=0)
        return self._field

    @property
    def text(self) -> str:
        return self._field.value if self._field is not None else ""

    def open(self) -> None:
        self.add_class("-shown")
        self.input.focus()

    def close(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._field is not None:
            self._field.value = ""
        self.say("")
        self.remove_class("-shown")

    @property
    def shown(self) -> bool:
        return self.has_class("-shown")

    def say(self, message: str, error: bool = False) -> None:
        info = self.query_one("#filter-info", Static)
        info.update(Text(safe_line(message)))
        info.set_class(error, "-error")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self._fire)

    def _fire(self) -> None:
        self._timer = None
        self.post_message(self.Changed(self.text))

    def flush(self) -> None:
        """Run a pending query now (Enter pressed before the pause ended)."""
        if self._timer is not None:
            self._timer.stop()
            self._fire()
