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

    def __init__(
        self, sections: Sequence[tuple[str, Iterable[BindingType]]], keymap: Mapping[str, str] | None = None
    ) -> None:
        super().__init__()
        self.sections = sections
        self.keymap: Mapping[str, str] = keymap or {}  # binding id -> keys, as the config remaps them

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static(Text("Keys", style="bold"), id="heading")
            for title, bindings in self.sections:
                yield Static(Text(title, style="underline"), classes="help-title")
                yield Static(self._keys_text(bindings))
            yield Static(Text("Ctrl+P opens the command palette: every action, and the themes.", style="dim"))

    def _keys_text(self, bindings: Iterable[BindingType]) -> Text:
        """Two columns (key, what it does), keys as remapped by the keymap."""
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
            text.append(binding.description + "\n")
        text.rstrip()
        return text

    def action_close(self) -> None:
        if self.is_active:  # a second Escape in a burst must not close the screen below
            self.dismiss(None)
