"""An OptionList whose highlight repaints two options, not the whole list.

Textual's ``OptionList.highlighted`` repaints the widget on every move: at 120x36 that is
about 13 kB written to the terminal per keystroke, which a reader over a slow SSH link
feels. The option the highlight left and the one it reached are the only lines that
change, so this subclass repaints just those (a scroll still repaints the view, as it
must). Everything else is Textual's OptionList.
"""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import OptionList


class LineOptionList(OptionList):
    """An ``OptionList`` that repaints only the options a highlight move touches."""

    highlighted: reactive[int | None] = reactive(None, repaint=False)
    _painted_highlight: int | None = None  # the option drawn highlighted last

    def watch_highlighted(self, highlighted: int | None) -> None:
        previous, self._painted_highlight = self._painted_highlight, highlighted
        if previous != highlighted:
            self.refresh_option(previous)
            self.refresh_option(highlighted)
        super().watch_highlighted(highlighted)

    def refresh_option(self, index: int | None) -> None:
        """Repaint the lines of option ``index`` (nothing for None or an unknown index)."""
        if index is None or not self.is_mounted:
            return
        line = self._index_to_line.get(index)
        if line is not None:
            self.refresh_lines(line, self._heights.get(index, 1))
