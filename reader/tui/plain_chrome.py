"""Textual's own chrome on a plain terminal: key names, scrollbars and borders in ASCII.

``reader/tui/glyphs.py`` covers what the reader draws; Textual draws a few non-ASCII
characters of its own: key names in the footer (⏎ ↑ ↓ ...), the eighth-block ends of a
scrollbar's thumb, and box-drawing borders. When the glyph table is ASCII, ``dress`` spells
the keys out, gives scrollbars thumbs of whole cells (still shown by their colour or
reverse video) and sets the ``-ascii`` class on the app, which ``styles/reader.tcss`` uses
to switch the borders to Textual's ``ascii`` style. Called once per app, right after the
table is chosen; it also undoes itself when Unicode is chosen, since the scrollbar renderer
is Textual's class-wide setting.
"""

from __future__ import annotations

from typing import ClassVar

from textual.dom import DOMNode
from textual.scrollbar import ScrollBar, ScrollBarRender

from .glyphs import ascii_on

KEY_WORDS = {"⏎": "Enter", "↑": "Up", "↓": "Down", "←": "Left", "→": "Right", "⌫": "Backspace"}


class PlainScrollBarRender(ScrollBarRender):
    """A thumb drawn in whole cells of blank space: no partial block characters."""

    VERTICAL_BARS: ClassVar[list[str]] = [" "]
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "]


def dress(app: DOMNode) -> None:
    plain = ascii_on()
    app.set_class(plain, "-ascii", update=False)
    ScrollBar.renderer = PlainScrollBarRender if plain else ScrollBarRender


def key_display(shown: str) -> str:
    """A key as Textual would show it, with its arrow symbols in words on a plain terminal."""
    if not ascii_on():
        return shown
    for symbol, word in KEY_WORDS.items():
        shown = shown.replace(symbol, word)
    return shown
