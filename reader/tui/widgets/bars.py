"""One-line bars built from untrusted text: the title bar, the status line, the legend.

They take plain strings and build ``Text`` themselves, so a caller cannot slip markup in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from ...entities.model import Entity
from ...safe_text import safe_line
from ..entity_colors import badge_style, entity_style, label_name, type_letter
from ..glyphs import glyph, overflow


class TitleBar(Static):
    """The top line: app name, the corpus, a count and what is happening."""

    def set_parts(self, *parts: str) -> None:
        text = Text(" reader", style="bold")
        for part in parts:
            if part:
                text.append(glyph("  ·  "), style="dim")
                text.append(safe_line(part))
        self.update(text)


class StatusLine(Static):
    """Messages for the reader: progress, problems, a read-only store, a failed save."""

    def say(self, message: str, style: str = "") -> None:
        self.update(Text(safe_line(message), style=style))


class Legend(Static):
    """Which colour and attribute mean which entity type, for the types in this article.

    Each entry is a type-letter badge and the type's name drawn in the type's own style,
    so the legend still explains the text when colour is gone."""

    def show(self, mentions: Sequence[Entity], dark: bool, hidden: frozenset[str]) -> None:
        counts = Counter(m.label for m in mentions)
        text = Text(no_wrap=True, overflow=overflow())
        for label, _count in counts.most_common():
            if text:
                text.append("  ")
            off = label in hidden
            # the type letter says the type even without colour (NO_COLOR, monochrome)
            text.append(type_letter(label), style="dim" if off else badge_style(label, dark))
            text.append(" ")
            text.append(label_name(label), style="dim strike" if off else entity_style(label, dark))
        self.update(text)
        self.display = bool(counts)
