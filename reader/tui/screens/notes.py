"""The notes view (every note: article, date, quote, text) and the bookmarks view.

Both are short lists (a person's notes, not the corpus), so a plain OptionList is fine
here; the corpus-sized list is the line-API ArticleList.
"""

from __future__ import annotations

import textwrap
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from ...safe_text import safe_line, safe_text
from .. import flows
from ..context import ReaderContext
from ..glyphs import glyph
from ..messages import OpenArticle
from ..widgets.bars import StatusLine, TitleBar


def indented(text: str, width: int, prefix: str) -> list[str]:
    """A note's text as lines of at most ``width`` columns, each starting with ``prefix``:
    the note keeps its own line breaks, and a long line wraps under its indent instead of
    back at column 0 (an OptionList wraps a prompt's long line from the left edge)."""
    lines: list[str] = []
    for paragraph in safe_text(text).expandtabs(4).splitlines() or [""]:
        wrapped = textwrap.wrap(paragraph, max(1, width - len(prefix))) or [""]
        lines.extend(prefix + part for part in wrapped)
    return lines


class _ListScreen(Screen[None]):
    """Shared shape: a title bar, one option list, a status line, the footer."""

    TITLE_TEXT = ""

    def __init__(self, context: ReaderContext) -> None:
        super().__init__()
        self.context = context

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title-bar")
        yield OptionList(id="entries")
        yield StatusLine(id="status")
        yield Footer()

    @property
    def entries(self) -> OptionList:
        return self.query_one(OptionList)

    def on_mount(self) -> None:
        self.reload()
        self.entries.focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        self.refresh_marks()  # the entries are wrapped to the width

    def _text_width(self) -> int:
        """Columns an entry's text may use (the list's width, less its padding)."""
        width = self.entries.scrollable_content_region.width or self.size.width or 80
        return max(20, width - 2)

    def reload(self) -> None:
        raise NotImplementedError

    def refresh_marks(self) -> None:
        """Bookmarks or notes changed: list them again (once mounted; on_mount lists them)."""
        if self.is_mounted:
            self.reload()

    def action_back(self) -> None:
        if self.is_active:  # a second Escape in a burst must not pop the screen below
            self.dismiss(None)

    def action_entries_down(self) -> None:
        self.entries.action_cursor_down()

    def action_entries_up(self) -> None:
        self.entries.action_cursor_up()

    def keep_highlight(self, option_id: str | None) -> None:
        """After a reload, stay on the same entry (or the first): Enter must act at once."""
        entries = self.entries
        if not entries.option_count:
            return
        entries.highlighted = 0
        for index in range(entries.option_count):
            if option_id is not None and entries.get_option_at_index(index).id == option_id:
                entries.highlighted = index

    def selected_id(self) -> str | None:
        index = self.entries.highlighted
        if index is None or not self.entries.option_count:
            return None
        return self.entries.get_option_at_index(index).id


class NotesScreen(_ListScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
        Binding("j", "entries_down", "Down", show=False, id="down"),
        Binding("k", "entries_up", "Up", show=False, id="up"),
        Binding("c", "edit", "Edit note", id="edit_note"),
        Binding("x", "delete", "Delete note", id="delete_note"),
    ]

    def reload(self) -> None:
        context = self.context
        notes = context.userdata.all_notes()
        keep = self.selected_id()
        options: list[Option] = []
        for note in notes:
            article = context.library.get(note.article_id)
            prompt = Text()
            title = safe_line(article.title if article else note.title) or "(article not in this corpus)"
            prompt.append(title, style="bold")
            date = article.date if article else note.date
            prompt.append(f"  {safe_line(date or 'undated')}", style="dim")
            prompt.append(f"  {glyph('¶')}{note.paragraph + 1}", style="dim")
            width = self._text_width()
            if note.quote:
                quote = safe_line(note.quote)
                room = width - 4
                shown = quote if len(quote) <= room else quote[: max(1, room - 1)] + glyph("…")
                prompt.append(glyph("\n  ┃ ") + shown, style="italic")
            for line in indented(note.text, width, "  "):
                prompt.append("\n" + line)
            options.append(Option(prompt, id=note.id))
        self.entries.set_options(options)
        self.keep_highlight(keep)
        self.query_one(TitleBar).set_parts("Notes", f"{len(notes)} note{'' if len(notes) == 1 else 's'}")
        self.query_one(StatusLine).say(
            glyph("Enter jumps to the passage · c edits · x deletes")
            if notes
            else "No notes yet: open an article and press n."
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        note = self.context.userdata.note(event.option.id or "")
        if note is None:
            return
        article = self.context.library.get(note.article_id)
        if article is None:
            self.query_one(StatusLine).say("This note's article is not in the open corpus (kept in the store).", "bold")
            return
        self.post_message(OpenArticle(article.id, note.paragraph))

    def action_edit(self) -> None:
        note_id = self.selected_id()
        if note_id is not None:
            flows.edit_note(self, self.context.userdata, note_id)

    def action_delete(self) -> None:
        note_id = self.selected_id()
        if note_id is not None:
            flows.delete_note(self, self.context.userdata, note_id)


class BookmarksScreen(_ListScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
        Binding("j", "entries_down", "Down", show=False, id="down"),
        Binding("k", "entries_up", "Up", show=False, id="up"),
        Binding("b", "unbookmark", "Remove bookmark", id="bookmark"),
    ]

    def reload(self) -> None:
        userdata = self.context.userdata
        options: list[Option] = []
        missing = 0
        library = self.context.library
        for index, article_id in enumerate(library.ids):  # ids only: rows for the bookmarked
            if userdata.is_bookmarked(article_id):
                article = library.article_at(index)
                prompt = Text(f"{article.date or 'undated':<10}  ", style="dim")
                prompt.append(safe_line(article.title) or "(untitled)")
                options.append(Option(prompt, id=article.id))
        missing = len(userdata.bookmarked) - len(options)
        keep = self.selected_id()
        self.entries.set_options(options)
        self.keep_highlight(keep)
        self.query_one(TitleBar).set_parts("Bookmarks", f"{len(options)} bookmarked")
        message = (
            glyph("Enter opens · b removes the bookmark") if options else "No bookmarks yet: press b on an article."
        )
        if missing > 0:
            message += glyph(" · ") + f"{missing} bookmarked article(s) not in this corpus"
        self.query_one(StatusLine).say(message)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        article = self.context.library.get(event.option.id or "")
        if article is not None:
            self.post_message(OpenArticle(article.id))

    def action_unbookmark(self) -> None:
        article_id = self.selected_id()
        article = self.context.source.load(article_id or "")
        if article is not None:
            flows.toggle_bookmark(self, self.context.userdata, article)
            self.reload()
