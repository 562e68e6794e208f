"""The help screen: every key, read from the bindings themselves so it cannot go stale."""

from __future__ import annotations

from typing import ClassVar

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def _bindings(source: Iterable[BindingType]) -> list[Binding]:
    return [b for b in source if isinstance(b, Binding) and b.description]


def key_label(key: str) -> str:
    names = {"enter": "Enter", "escape": "Esc", "pageup": "PgUp", "pagedown": "PgDn", "home": "Home",
             "end": "End", "space": "Space", "down": "↓", "up": "↑", "question_mark": "?",
             "left_square_bracket": "[", "right_square_bracket": "]", "greater_than_sign": ">",
             "less_than_sign": "<", "slash": "/", "ctrl+s": "Ctrl+S", "ctrl+p": "Ctrl+P",
             "ctrl+q": "Ctrl+Q", "ctrl+c": "Ctrl+C"}  # fmt: skip
    return " ".join(names.get(k, k) for k in key.split(","))


class HelpScreen(ModalScreen[None]):
    """Keys by place: ``sections`` is a list of (title, bindings)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "close", "Close", id="close")]

    def __init__(self, sections: list[tuple[str, Iterable[BindingType]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static(Text("Keys", style="bold"), id="heading")
            for title, bindings in self.sections:
                table = Table.grid(padding=(0, 2))
                table.add_column(style="bold", min_width=12)
                table.add_column()
                seen: set[str] = set()
                for binding in _bindings(bindings):
                    if binding.description in seen:
                        continue
                    seen.add(binding.description)
                    table.add_row(Text(key_label(binding.key)), Text(binding.description))
                yield Static(Text(title, style="underline"), classes="help-title")
                yield Static(table)
            yield Static(Text("Ctrl+P opens the command palette: every action, and the themes.", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
