"""The notes view (every note: article, date, quote, text) and the bookmarks view.

Both are short lists (a person's notes, not the corpus), so a plain OptionList is fine
here; the corpus-sized list is the line-API ArticleList.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from ...safe_text import safe_line
from ..widgets.bars import StatusLine, TitleBar

if TYPE_CHECKING:
    from ..app import ReaderApp


class _ListScreen(Screen[None]):
    """Shared shape: a title bar, one option list, a status line, the footer."""

    TITLE_TEXT = ""

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title-bar")
        yield OptionList(id="entries")
        yield StatusLine(id="status")
        yield Footer()

    def reader(self) -> ReaderApp:
        from ..app import ReaderApp

        app = self.app
        assert isinstance(app, ReaderApp)
        return app

    @property
    def entries(self) -> OptionList:
        return self.query_one(OptionList)

    def on_mount(self) -> None:
        self.reload()
        self.entries.focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    def action_back(self) -> None:
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
        app = self.reader()
        notes = app.userdata.all_notes()
        keep = self.selected_id()
        options: list[Option] = []
        for note in notes:
            article = app.library.get(note.article_id)
            prompt = Text()
            title = safe_line(article.title if article else note.title) or "(article not in this corpus)"
            prompt.append(title, style="bold")
            date = article.date if article else note.date
            prompt.append(f"  {safe_line(date or 'undated')}", style="dim")
            prompt.append(f"  ¶{note.paragraph + 1}", style="dim")
            if note.quote:
                quote = safe_line(note.quote)
                prompt.append(f"\n  ┃ {quote[:120]}{'…' if len(quote) > 120 else ''}", style="italic")
            prompt.append("\n  ")
            prompt.append(safe_line(note.text))
            options.append(Option(prompt, id=note.id))
        self.entries.set_options(options)
        self.keep_highlight(keep)
        self.query_one(TitleBar).set_parts("Notes", f"{len(notes)} note{'' if len(notes) == 1 else 's'}")
        self.query_one(StatusLine).say(
            "Enter jumps to the passage · c edits · x deletes"
            if notes
            else "No notes yet: open an article and press n."
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        app = self.reader()
        note = app.userdata.note(event.option.id or "")
        if note is None:
            return
        article = app.library.get(note.article_id)
        if article is None:
            self.query_one(StatusLine).say("This note's article is not in the open corpus (kept in the store).", "bold")
            return
        app.open_id(article.id, note.paragraph)

    def action_edit(self) -> None:
        note_id = self.selected_id()
        if note_id is not None:
            self.reader().edit_note(note_id)

    def action_delete(self) -> None:
        note_id = self.selected_id()
        if note_id is not None:
            self.reader().delete_note(note_id)


class BookmarksScreen(_ListScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
        Binding("j", "entries_down", "Down", show=False, id="down"),
        Binding("k", "entries_up", "Up", show=False, id="up"),
        Binding("b", "unbookmark", "Remove bookmark", id="bookmark"),
    ]

    def reload(self) -> None:
        app = self.reader()
        options: list[Option] = []
        missing = 0
        library = app.library
        for index, article_id in enumerate(library.ids):  # ids only: rows for the bookmarked
            if app.userdata.is_bookmarked(article_id):
                article = library.article_at(index)
                prompt = Text(f"{article.date or 'undated':<10}  ", style="dim")
                prompt.append(safe_line(article.title) or "(untitled)")
                options.append(Option(prompt, id=article.id))
        missing = len(app.userdata.bookmarked) - len(options)
        keep = self.selected_id()
        self.entries.set_options(options)
        self.keep_highlight(keep)
        self.query_one(TitleBar).set_parts("Bookmarks", f"{len(options)} bookmarked")
        message = "Enter opens · b removes the bookmark" if options else "No bookmarks yet: press b on an article."
        if missing > 0:
            message += f" · {missing} bookmarked article(s) not in this corpus"
        self.query_one(StatusLine).say(message)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        app = self.reader()
        article = app.library.get(event.option.id or "")
        if article is not None:
            app.open_id(article.id)

    def action_unbookmark(self) -> None:
        article_id = self.selected_id()
        app = self.reader()
        article = app.source.load(article_id or "")
        if article is not None:
            app.toggle_bookmark_of(article)
            self.reload()
