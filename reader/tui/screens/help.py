"""The help screen: every key, read from the bindings themselves so it cannot go stale."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..glyphs import glyph
from ..plain_chrome import key_display


def _bindings(source: Iterable[BindingType]) -> list[Binding]:
    return [b for b in source if isinstance(b, Binding) and b.description]


def key_label(key: str) -> str:
    names = {"enter": "Enter", "escape": "Esc", "pageup": "PgUp", "pagedown": "PgDn", "home": "Home",
             "end": "End", "space": "Space", "down": key_display("↓"), "up": key_display("↑"), "question_mark": "?",
             "left_square_bracket": "[", "right_square_bracket": "]", "greater_than_sign": ">",
             "less_than_sign": "<", "slash": "/", "ctrl+s": "Ctrl+S", "ctrl+p": "Ctrl+P",
             "ctrl+q": "Ctrl+Q", "ctrl+c": "Ctrl+C"}  # fmt: skip
    return " ".join(names.get(k, k) for k in key.split(","))


class HelpScreen(ModalScreen[None]):
    """Keys by place: ``sections`` is a list of (title, bindings)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close", id="close"),
        # the list is longer than a terminal: it scrolls with the keys the lists use
        Binding("j,down", "scroll_by(1)", "Scroll down", show=False, id="help_down"),
        Binding("k,up", "scroll_by(-1)", "Scroll up", show=False, id="help_up"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="help_page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="help_page_up"),
        Binding("g,home", "top", "Top", show=False, id="help_top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="help_bottom"),
    ]

    def __init__(
        self, sections: Sequence[tuple[str, Iterable[BindingType]]], keymap: Mapping[str, str] | None = None
    ) -> None:
        super().__init__()
        self.sections = sections
        self.keymap: Mapping[str, str] = keymap or {}  # binding id -> keys, as the config remaps them
        self._scroll = VerticalScroll(id="dialog")

    def compose(self) -> ComposeResult:
        with self._scroll:
            heading = Text("Keys", style="bold")
            heading.append(glyph("  dim: its id for the config's [keys] · j/k g/G scroll · Esc"), style="dim")
            yield Static(heading, id="heading")
            for title, bindings in self.sections:
                yield Static(Text(title, style="underline"), classes="help-title")
                yield Static(self._keys_text(bindings))
            yield Static(Text("Ctrl+P opens the command palette: every action, and the themes.", style="dim"))

    def _keys_text(self, bindings: Iterable[BindingType]) -> Text:
        """Three columns: key (as remapped by the keymap), what it does, and the binding's
        id, which is what the config's ``[keys]`` table names."""
        text = Text()
        seen: set[str] = set()
        keymap = self.keymap
        for binding in _bindings(bindings):
            if binding.description in seen:
                continue
            seen.add(binding.description)
            key = keymap.get(binding.id, binding.key) if binding.id else binding.key
            label = binding.key_display if binding.key_display and key == binding.key else key_label(key)
            text.append(f"{label:<14}", style="bold")
            text.append(f"{binding.description:<36}")
            if binding.id:
                text.append(f" {binding.id}", style="dim")
            text.append("\n")
        text.rstrip()
        return text

    def action_scroll_by(self, lines: int) -> None:
        self._scroll.scroll_relative(y=lines, animate=False)

    def action_page(self, pages: int) -> None:
        self._scroll.scroll_relative(y=pages * max(1, self._scroll.scrollable_content_region.height - 1), animate=False)

    def action_top(self) -> None:
        self._scroll.scroll_home(animate=False)

    def action_bottom(self) -> None:
        self._scroll.scroll_end(animate=False)

    def action_close(self) -> None:
        if self.is_active:  # a second Escape in a burst must not close the screen below
            self.dismiss(None)
