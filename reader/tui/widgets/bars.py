"""One-line bars built from untrusted text: the title bar, the status line, the legend.

They take plain strings and build ``Text`` themselves, so a caller cannot slip markup in.
Each repaints only when its text changes: screens set them on every cursor move and every
index batch, and an unchanged bar must cost nothing on the wire.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.text import Text
from textual.visual import VisualType
from textual.widgets import Static

from ...entities.model import Entity
from ...safe_text import safe_line
from ..entity_colors import badge_style, entity_style, label_name, type_letter
from ..glyphs import glyph, overflow


class Bar(Static):
    """A ``Static`` that skips ``update`` (and its repaint and layout pass) when the new text
    is the one already shown."""

    _shown: tuple[object, ...] | None = None  # what the bar shows: plain text, spans, style

    def show_text(self, text: Text) -> bool:
        """Show ``text``; False (and no repaint) when it is what the bar already shows."""
        key = (text.plain, tuple(text.spans), text.style, text.justify, text.overflow, text.no_wrap)
        if key == self._shown:
            return False
        # A bar of fixed height (the stylesheet's `height: 1`) needs no layout pass: one
        # would re-measure the screen and repaint the scrollbars beside it on every cursor move.
        height, width = self.styles.height, self.styles.width
        fixed = height is not None and height.is_cells and (width is None or not width.is_auto)
        self.update(text, layout=not fixed)
        self._shown = key
        return True

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        self._shown = None  # set from elsewhere: the next show_text must not be skipped
        super().update(content, layout=layout)


class TitleBar(Bar):
    """The top line: app name, the corpus, a count and what is happening."""

    def set_parts(self, *parts: str) -> None:
        text = Text(" reader", style="bold")
        for part in parts:
            if part:
                text.append(glyph("  ·  "), style="dim")
                text.append(safe_line(part))
        self.show_text(text)


class StatusLine(Bar):
    """Messages for the reader: progress, problems, a read-only store, a failed save."""

    def say(self, message: str, style: str = "") -> None:
        self.show_text(Text(safe_line(message), style=style))


class Legend(Bar):
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
        self.show_text(text)
        if self.display != bool(counts):
            self.display = bool(counts)
