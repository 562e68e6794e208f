"""The entity panel: this article's entities grouped by type, with mention counts.

Types are ordered by how many mentions they have, entities within a type likewise. A type
row switches that type's colouring off and on; moving onto an entity highlights all its
mentions in the body, and Enter on it jumps to the next one. The reader's notes on an
entity show under it; ``n`` writes one, and ``M``/``r``/``L``/``H`` merge, rename,
relabel or hide the entity under the cursor. The panel only reports what the reader chose
(messages); the article screen owns the highlight state and the flows write the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...entities.model import Entity
from ...safe_text import safe_line
from ..entity_colors import entity_style, label_name
from ..glyphs import glyph
from .line_option_list import LineOptionList


class EntityPanel(LineOptionList):
    """Types and entities as options; ids are ``type:<LABEL>`` and ``key:<n>``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="down"),
        Binding("k", "cursor_up", "Up", show=False, id="up"),
        Binding("space", "toggle_type", "Toggle type", id="toggle_type"),
        Binding("n", "entity_note", "Note", id="entity_note"),
        Binding("M", "correct('merge')", "Merge into", show=False, id="merge_entity"),
        Binding("r", "correct('rename')", "Rename", show=False, id="rename_entity"),
        Binding("L", "correct('label')", "Relabel", show=False, id="label_entity"),
        Binding("H", "correct('hide')", "Hide", show=False, id="hide_entity"),
    ]

    class CorrectionAsked(Message):
        """The reader asked to correct (``op``: merge, rename, label, hide) or, with
        ``op`` "note", to write a note on the entity ``key`` of ``label``."""

        def __init__(self, op: str, key: str, label: str) -> None:
            super().__init__()
            self.op = op
            self.key = key
            self.label = label

    class TypesChanged(Message):
        def __init__(self, hidden: frozenset[str]) -> None:
            super().__init__()
            self.hidden = hidden

    class EntityChosen(Message):
        """``jump`` is True for Enter (go to the next mention), False for a highlight."""

        def __init__(self, key: str | None, jump: bool) -> None:
            super().__init__()
            self.key = key
            self.jump = jump

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hidden: set[str] = set()
        self._keys: list[str] = []
        self._labels: list[tuple[str, int]] = []
        self._entities: dict[str, list[tuple[str, str, int]]] = {}
        self._key_labels: list[str] = []
        self._notes: Mapping[str, Sequence[str]] = {}
        self._dark = True

    def show(self, mentions: Sequence[Entity], dark: bool, notes: Mapping[str, Sequence[str]] | None = None) -> None:
        """Fill the panel from an article's mentions (type toggles are kept); ``notes``
        are the reader's notes on these entities, by key."""
        self._dark = dark
        self._notes = notes or {}
        by_label: dict[str, Counter[str]] = {}
        names: dict[str, str] = {}
        for mention in mentions:
            by_label.setdefault(mention.label, Counter())[mention.key] += 1
            names.setdefault(mention.key, mention.key or mention.text)
        self._labels = sorted(((label, sum(c.values())) for label, c in by_label.items()), key=lambda x: (-x[1], x[0]))
        self._entities = {
            label: [(key, names[key], n) for key, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0].lower()))]
            for label, counter in by_label.items()
        }
        self._rebuild()

    def _rebuild(self) -> None:
        highlighted = self.highlighted
        self._keys = []
        self._key_labels = []
        options: list[Option] = []
        if not self._labels:
            options.append(Option(Text("No entities found in this article."), disabled=True))
        for label, total in self._labels:
            off = label in self.hidden
            row = Text(glyph("○ " if off else "● "), style="dim" if off else entity_style(label, self._dark))
            row.append(label_name(label), style="dim" if off else entity_style(label, self._dark))
            row.append(f"  {total}", style="dim")
            options.append(Option(row, id=f"type:{label}"))
            for key, name, count in self._entities[label]:
                entry = Text("   ")
                entry.append(safe_line(name), style="dim" if off else entity_style(label, self._dark))
                entry.append(f"  {count}", style="dim")
                options.append(Option(entry, id=f"key:{len(self._keys)}"))
                self._keys.append(key)
                self._key_labels.append(label)
                for text in self._notes.get(key, ()):
                    line = " ".join(safe_line(text).split())
                    note = Text(glyph("     ✎ "), style="dim")
                    note.append(line[:200] + (glyph("…") if len(line) > 200 else ""), style="italic")
                    options.append(Option(note, disabled=True))
        self.set_options(options)
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    def _key_of(self, option_id: str | None) -> str | None:
        if option_id and option_id.startswith("key:"):
            return self._keys[int(option_id[4:])]
        return None

    def _entity_at_cursor(self) -> tuple[str, str] | None:
        if self.highlighted is None:
            return None
        option_id = self.get_option_at_index(self.highlighted).id or ""
        if not option_id.startswith("key:"):
            return None
        index = int(option_id[4:])
        return self._keys[index], self._key_labels[index]

    def action_correct(self, op: str) -> None:
        found = self._entity_at_cursor()
        if found is None:
            self.app.bell()
            return
        self.post_message(self.CorrectionAsked(op, *found))

    def action_entity_note(self) -> None:
        self.action_correct("note")

    def toggle(self, label: str) -> None:
        (self.hidden.discard if label in self.hidden else self.hidden.add)(label)
        self._rebuild()
        self.post_message(self.TypesChanged(frozenset(self.hidden)))

    def action_toggle_type(self) -> None:
        if self.highlighted is None:
            return
        option_id = self.get_option_at_index(self.highlighted).id or ""
        if option_id.startswith("type:"):
            self.toggle(option_id[5:])
        else:
            # toggle the type this entity belongs to: walk up to its type row
            for index in range(self.highlighted, -1, -1):
                found = self.get_option_at_index(index).id or ""
                if found.startswith("type:"):
                    self.toggle(found[5:])
                    return

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.EntityChosen(self._key_of(event.option.id), jump=False))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("type:"):
            self.toggle(option_id[5:])
        else:
            self.post_message(self.EntityChosen(self._key_of(option_id), jump=True))
