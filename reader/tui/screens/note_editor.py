"""The note editor: a TextArea anchored to one paragraph.

Saving is done by a callback the opener passes in, so a failed save can keep the dialog
open with the typed text intact and the reason shown under it (ARCHITECTURE.md §2.5). Escape
asks before throwing typed text away.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from ...safe_text import safe_line, safe_text
from ..glyphs import glyph
from .confirm import ConfirmScreen

SaveCallback = Callable[[str], str | None]  # returns an error message, or None when saved


class NoteEditor(ModalScreen[str | None]):
    """Dismisses with the saved text, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, id="save_note"),
        Binding("escape", "cancel", "Cancel", id="cancel_note"),
    ]

    def __init__(self, heading: str, quote: str, save: SaveCallback, text: str = "") -> None:
        super().__init__()
        self.heading = heading
        self.quote = quote
        self.save = save
        self.initial = text
        self._answered = False  # saved or cancelled: a second Ctrl+S in a burst writes nothing

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(safe_line(self.heading), style="bold"), id="heading")
            quote = safe_line(self.quote)
            yield Static(
                Text(glyph("“") + quote[:200] + glyph("…" if len(quote) > 200 else "") + glyph("”"), style="italic"),
                id="quote",
            )
            yield TextArea(self.initial, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static(Text(glyph("Ctrl+S save · Escape cancel"), style="dim"), id="hint")
            yield Static(id="error")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    @property
    def dirty(self) -> bool:
        return self.text != self.initial

    def action_save(self) -> None:
        if self._answered or not self.is_active:
            return
        text = safe_text(self.text).strip()
        if not text:
            self.show_error("The note is empty: type something, or Escape to cancel.")
            return
        error = self.save(text)
        if error is not None:
            self.show_error(error)
            return
        self._close(text)

    def _close(self, result: str | None) -> None:
        if self._answered or not self.is_active:
            return
        self._answered = True
        self.dismiss(result)

    def show_error(self, message: str) -> None:
        error = self.query_one("#error", Static)
        error.update(Text(safe_line(message), style="bold red"))
        error.add_class("-shown")

    def action_cancel(self) -> None:
        if self._answered or not self.is_active:
            return
        if not self.dirty:
            self._close(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self._close(None)

        self.app.push_screen(ConfirmScreen("Discard the text you typed?", "Discard", "Keep editing"), answered)
