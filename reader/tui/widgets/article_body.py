"""The article body: paragraphs with coloured entities, a paragraph cursor and notes.

A line-API ScrollView (like the list): each paragraph is wrapped once per width and
highlight state, and only visible lines are painted, so an 8 MB article opens as quickly
as a short one. Notes are painted under the paragraph they are anchored to, marked in the
gutter. Everything from the file is sanitised with an offset map first, so entity offsets
(raw file offsets) still land on the right characters.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...articles import Article, Span
from ...entities.model import Entity
from ...safe_offsets import SafeText, sanitize
from ..entity_colors import CURRENT_MENTION, entity_style, selected_style
from ..glyphs import glyph
from ..userdata import NoteInfo

GUTTER = 2
SEARCH_MATCH = Style(reverse=True)  # a search match (the filter bar's words)


@dataclass(frozen=True, slots=True)
class Highlight:
    """What the entity panel asks the body to show."""

    hidden: frozenset[str] = frozenset()  # labels switched off
    selected: str | None = None  # entity key whose mentions stand out
    current: Entity | None = None  # the mention last jumped to
    matches: tuple[Span, ...] = ()  # search matches (offsets into Article.text), in order
    match: Span | None = None  # the match last jumped to


@dataclass(frozen=True, slots=True)
class _Line:
    paragraph: int
    text: Text  # one wrapped line, without the gutter (painted per frame: it shows the cursor)
    start: int  # raw offset of the line's first character (for jumps); -1 otherwise
    kind: str = "text"  # "text", "first" (a paragraph's first line), "note" or "gap"


class ArticleBody(ScrollView, can_focus=True):
    """The body of one article; ``cursor`` is the paragraph a new note will anchor to."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "next_paragraph", "Next paragraph", show=False, id="down"),
        Binding("k,up", "previous_paragraph", "Previous paragraph", show=False, id="up"),
        Binding("g,home", "first_paragraph", "First paragraph", show=False, id="first"),
        Binding("G,end", "last_paragraph", "Last paragraph", show=False, id="last"),
        Binding("pageup", "page_up_lines", "Page up", show=False, id="page_up"),
        Binding("pagedown", "page_down_lines", "Page down", show=False, id="page_down"),
    ]

    COMPONENT_CLASSES = {"article-body--cursor", "article-body--note", "article-body--note-mark"}

    DEFAULT_CSS = """
    ArticleBody { height: 1fr; }
    ArticleBody > .article-body--cursor { color: $accent; text-style: bold; }
    ArticleBody > .article-body--note { color: $text-muted; text-style: italic; }
    ArticleBody > .article-body--note-mark { color: $warning; }
    """

    # No repaint of its own: the watcher repaints the lines of the paragraph the cursor left
    # and of the one it reached (the gutter mark), not the whole body.
    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    class CursorMoved(Message):
        def __init__(self, paragraph: int) -> None:
            super().__init__()
            self.paragraph = paragraph

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.mentions: tuple[Entity, ...] = ()
        self.notes: list[NoteInfo] = []
        self.highlight = Highlight()
        self._lines: list[_Line] = []
        self._first_line: list[int] = []  # first line index of each paragraph
        self._layout_key: tuple[object, ...] | None = None
        self._built_key: tuple[object, ...] | None = None  # what _lines were built for (None: repaint all)
        self._starts: list[int] = []  # mention starts, for bisect
        self._noted: set[int] = set()  # paragraphs with notes
        self._pending_scroll = False  # scroll to the cursor once laid out
        self.painted_at: float | None = None  # when this article's text was first painted
        self._strips: dict[int, Strip] = {}  # line index -> rendered text (lazily: only what is seen)
        self._text_width = 10

    # -- content ------------------------------------------------------------------------
    def show(
        self,
        article: Article,
        mentions: Sequence[Entity],
        notes: list[NoteInfo],
        paragraph: int = 0,
        highlight: Highlight | None = None,
    ) -> None:
        self.article = article
        self.mentions = tuple(mentions)
        self._starts = [m.start for m in self.mentions]
        self.notes = notes
        self.highlight = highlight or Highlight()
        self._layout_key = self._built_key = None
        self.set_reactive(ArticleBody.cursor, self.validate_cursor(paragraph))
        self._pending_scroll = True
        self.painted_at = None
        self._relayout()

    def set_notes(self, notes: list[NoteInfo]) -> None:
        self.notes = notes
        self._layout_key = None
        self._relayout()

    def set_highlight(self, highlight: Highlight) -> None:
        self.highlight = highlight
        self._layout_key = None
        self._relayout()

    def theme_changed(self) -> None:
        self._layout_key = None
        self._relayout()

    # -- layout -------------------------------------------------------------------------
    def _relayout(self) -> None:
        if not self.size.width:
            return  # not laid out yet: on_resize will call again with the real width
        width = max(self.scrollable_content_region.width, 20)
        dark = self.app.current_theme.dark if self.is_attached else True
        key = (id(self.article), width, dark)
        if key == self._layout_key:
            return
        self._layout_key = key
        old_lines, old_strips, old_noted = self._lines, self._strips, self._noted
        self._lines, self._first_line = self._build(width, dark)
        self._strips = {}
        self._text_width = max(10, width - GUTTER)
        self.virtual_size = Size(width, len(self._lines))
        if self._built_key == key and len(old_lines) == len(self._lines) and old_noted == self._noted:
            self._refresh_changed(old_lines, old_strips)
        else:
            self.refresh()
        self._built_key = key
        if self._pending_scroll:
            self._pending_scroll = False
            self.scroll_to_paragraph(self.cursor, top=True)

    def _refresh_changed(self, old_lines: list[_Line], old_strips: dict[int, Strip]) -> None:
        """The same article at the same width with new highlights (an entity chosen in the
        panel, a jump): repaint only the cells whose styles changed, and keep the rendered
        strips of the lines that did not change. Moving through the entity panel then costs
        the cells of the entity's mentions, not the whole body."""
        top = int(self.scroll_offset.y)
        for index, (old, new) in enumerate(zip(old_lines, self._lines, strict=True)):
            if old == new:
                if index in old_strips:
                    self._strips[index] = old_strips[index]
                continue
            cells = _changed_cells(old, new)
            if cells is None:
                self.refresh_lines(index)
            else:
                start, end = cells
                self.refresh(Region(GUTTER + start, index - top, end - start, 1))

    def _build(self, width: int, dark: bool) -> tuple[list[_Line], list[int]]:
        article = self.article
        lines: list[_Line] = []
        first: list[int] = []
        if article is None:
            return lines, first
        console = self.app.console
        note_style = self.get_component_rich_style("article-body--note")
        mark_style = self.get_component_rich_style("article-body--note-mark")
        notes_by_paragraph: dict[int, list[NoteInfo]] = {}
        for note in self.notes:
            notes_by_paragraph.setdefault(note.paragraph, []).append(note)
        text_width = max(10, width - GUTTER)
        for index, span in enumerate(article.paragraphs):
            if index:
                lines.append(_Line(index, Text(), -1, "gap"))
            first.append(len(lines))
            text, clean = self._paragraph_text(index, dark)
            position = 0
            for number, line in enumerate(text.wrap(console, text_width)):
                raw = span.start + _raw_offset(clean.offset, span.end - span.start, position)
                lines.append(_Line(index, line, raw, "first" if number == 0 else "text"))
                position += len(line.plain)
            for note in notes_by_paragraph.get(index, ()):
                note_text = Text(glyph("  ┆ "), style=mark_style)
                note_text.append(note.text.replace("\n", glyph(" ⏎ ")) or "(empty note)", style=note_style)
                for line in note_text.wrap(console, text_width):
                    lines.append(_Line(index, line, -1, "note"))
        self._noted = set(notes_by_paragraph)
        return lines, first

    def _paragraph_text(self, index: int, dark: bool) -> tuple[Text, SafeText]:
        """The sanitised paragraph with entity styles, and the raw offset of each char."""
        assert self.article is not None
        span = self.article.paragraphs[index]
        raw = self.article.text[span.start : span.end]
        clean = sanitize(raw)
        plain = clean.text.replace("\n", " ").replace("\t", " ")
        text = Text(plain)
        highlight = self.highlight
        lo = bisect.bisect_left(self._starts, span.start)
        for mention in self.mentions[lo:]:
            if mention.start >= span.end:
                break
            if mention.label in highlight.hidden:
                continue
            start = clean.offset(mention.start - span.start)
            end = clean.offset(min(mention.end, span.end) - span.start)
            if end <= start:
                continue
            if highlight.current == mention:
                style = CURRENT_MENTION + entity_style(mention.label, dark)
            elif highlight.selected is not None and mention.key == highlight.selected:
                style = selected_style(mention.label, dark)
            else:
                style = entity_style(mention.label, dark)
            text.stylize(style, start, end)
        matches = highlight.matches
        at = bisect.bisect_left(matches, span.start, key=lambda m: m.end)
        for match in matches[at:]:
            if match.start >= span.end:
                break
            start = clean.offset(max(match.start, span.start) - span.start)
            end = clean.offset(min(match.end, span.end) - span.start)
            if end > start:
                text.stylize(CURRENT_MENTION if match == highlight.match else SEARCH_MATCH, start, end)
        return text, clean

    def _strip(self, line: Text, width: int, base: Style) -> Strip:
        segments = list(line.render(self.app.console))
        return Strip(Segment.apply_style(segments, base), line.cell_len).adjust_cell_length(width, base)

    # -- painting -----------------------------------------------------------------------
    def on_resize(self) -> None:
        self._relayout()

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not 0 <= index < len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[index]
        strip = self._strips.get(index)
        if strip is None:
            strip = self._strips[index] = self._strip(line.text, self._text_width, base)
        if self.painted_at is None:
            self.painted_at = time.perf_counter()  # for the benchmark: text reached the screen
        if line.paragraph == self.cursor and line.kind in ("first", "text"):
            gutter = Strip([Segment(glyph("▌ "), base + self.get_component_rich_style("article-body--cursor"))], GUTTER)
        elif line.kind == "first" and line.paragraph in self._noted:
            gutter = Strip(
                [Segment(glyph("✎ "), base + self.get_component_rich_style("article-body--note-mark"))], GUTTER
            )
        else:
            gutter = Strip.blank(GUTTER, base)
        return Strip.join([gutter, strip]).crop_extend(0, width, base)

    # -- cursor and scrolling -----------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        count = len(self.article.paragraphs) if self.article is not None else 0
        return max(0, min(value, count - 1)) if count else 0

    def watch_cursor(self, old: int, new: int) -> None:
        if old != new:
            self._refresh_paragraph(old)
            self._refresh_paragraph(new)
        self._scroll_for_move(new, down=new > old)
        self.post_message(self.CursorMoved(new))

    def _paragraph_lines(self, paragraph: int) -> tuple[int, int]:
        """The paragraph's first line and how many lines it has (its notes included)."""
        if not 0 <= paragraph < len(self._first_line):
            return 0, 0
        start = self._first_line[paragraph]
        end = self._first_line[paragraph + 1] - 1 if paragraph + 1 < len(self._first_line) else len(self._lines)
        return start, end - start

    def _refresh_paragraph(self, paragraph: int) -> None:
        """Repaint the gutter of a paragraph's lines: the cursor mark is all that changes
        there, and the gutter's two cells cost a few bytes a line where the whole line costs
        hundreds (a paragraph move at 120x36 went from ~5 kB to well under 1 kB)."""
        start, count = self._paragraph_lines(paragraph)
        if count:
            self.refresh(Region(0, start - int(self.scroll_offset.y), GUTTER, count))

    def _scroll_for_move(self, paragraph: int, down: bool) -> None:
        """Bring the cursor's paragraph into view after a move, scrolling as seldom as
        possible: a scroll repaints the whole body (12 to 16 kB at 120x36 truecolor), a move
        within the view only two gutters. Going down, a paragraph that does not fit below
        comes to the top of the view (the text after it follows on screen); going up, one
        above the view comes to the bottom. Moving on from there stays on screen."""
        start, count = self._paragraph_lines(paragraph)
        view, height = int(self.scroll_offset.y), self.size.height
        if not count or not height:
            self.scroll_to_paragraph(paragraph)
            return
        if start >= view and start + count <= view + height:
            return  # all of it on screen
        y = start if down or count >= height else start + count - height
        self.scroll_to(y=max(0, y), animate=False, immediate=True)

    def scroll_to_paragraph(self, paragraph: int, top: bool = False) -> None:
        if not self._first_line or not 0 <= paragraph < len(self._first_line):
            return
        start, count = self._paragraph_lines(paragraph)
        height = max(1, min(count, self.size.height))
        if top:
            self.scroll_to(y=start, animate=False, immediate=True)
        else:
            self.scroll_to_region(Region(0, start, 1, height), animate=False, immediate=True)

    def scroll_to_offset(self, raw: int) -> None:
        """Bring the line holding raw offset ``raw`` into view (mention jumps)."""
        best = None
        for number, line in enumerate(self._lines):
            if line.start >= 0 and line.start <= raw:
                best = number
            elif line.start > raw:
                break
        if best is not None:
            self.scroll_to_region(Region(0, best, 1, 1), animate=False, immediate=True)

    def action_next_paragraph(self) -> None:
        self.cursor += 1

    def action_previous_paragraph(self) -> None:
        self.cursor -= 1

    def action_first_paragraph(self) -> None:
        self.cursor = 0

    def action_last_paragraph(self) -> None:
        self.cursor = len(self.article.paragraphs) - 1 if self.article else 0

    def action_page_down_lines(self) -> None:
        self.scroll_page_down(animate=False)
        self._cursor_to_view()

    def action_page_up_lines(self) -> None:
        self.scroll_page_up(animate=False)
        self._cursor_to_view()

    def _cursor_to_view(self) -> None:
        top = int(self.scroll_target_y)
        for paragraph, first in enumerate(self._first_line):
            if first >= top:
                self.cursor = paragraph
                return

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y
        if 0 <= index < len(self._lines):
            self.cursor = self._lines[index].paragraph


def _changed_cells(old: _Line, new: _Line) -> tuple[int, int] | None:
    """The cells (start, end) of the text that differ between two versions of one line when
    only their styles changed; None when anything else did (repaint the whole line)."""
    if (old.paragraph, old.start, old.kind, old.text.plain) != (new.paragraph, new.start, new.kind, new.text.plain):
        return None
    before, after = old.text.spans, new.text.spans
    changed = set(before) ^ set(after)
    if not changed:
        return None  # the same spans in another order can style a character differently
    plain = new.text.plain
    start = min(span.start for span in changed)
    end = max(span.end for span in changed)
    return cell_len(plain[:start]), max(cell_len(plain[:end]), cell_len(plain[:start]) + 1)


def _raw_offset(forward: Callable[[int], int], raw_len: int, clean: int) -> int:
    """The smallest raw offset that ``forward`` maps to ``clean`` or beyond (forward is
    monotonic, so a binary search does): where a wrapped line starts in the file."""
    lo, hi = 0, raw_len
    while lo < hi:
        mid = (lo + hi) // 2
        if forward(mid) < clean:
            lo = mid + 1
        else:
            hi = mid
    return lo
