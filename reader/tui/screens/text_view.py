"""A modal page of plain text (the list of corpus problems)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static


class TextViewScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "close", "Close", id="close")]

    def __init__(self, heading: str, body: Text) -> None:
        super().__init__()
        self.heading = heading
        self.body = body

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static(Text(self.heading, style="bold"), id="heading")
            yield Static(self.body)
        # Its own footer (how to close it): the list's footer below, redrawn while this
        # screen was opening (as the command palette closed), came out blank or not by timing.
        yield Footer()

    def action_close(self) -> None:
        if self.is_active:  # a second Escape in a burst must not close the screen below
            self.dismiss(None)
