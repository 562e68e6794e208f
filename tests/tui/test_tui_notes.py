"""Notes and bookmarks: add, edit, delete, cancel, a failed save, the two views."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import OptionList, TextArea
from tuikit import wait_loaded

from reader.articles import load_file
from reader.store import Store, StoreWriteError
from reader.tui.app import ReaderApp
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.confirm import ConfirmScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.note_editor import NoteEditor
from reader.tui.screens.notes import BookmarksScreen, NotesScreen


async def open_first(pilot: object, app: ReaderApp) -> ArticleScreen:
    await wait_loaded(pilot, app)  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]
    assert isinstance(app.screen, ArticleScreen)
    return app.screen


async def type_text(pilot: object, text: str) -> None:
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])  # type: ignore[attr-defined]


async def test_add_note_on_cursor_paragraph(make_app: Callable[..., ReaderApp], store_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot, app)
        await pilot.press("j", "n")
        assert isinstance(app.screen, NoteEditor)
        await type_text(pilot, "check the cost")
        await pilot.press("ctrl+s")
        assert app.screen is screen
        notes = Store.open(store_path).notes()
        assert [(n.text, n.anchor.paragraph) for n in notes] == [("check the cost", 1)]
        assert "terminal cost 42 million" in notes[0].anchor.quote
        # the note is painted under its paragraph, and the list shows the ✎ mark
        lines = [screen.body.render_line(y).text for y in range(screen.body.size.height)]
        assert any("check the cost" in line for line in lines)
        await pilot.press("escape")
        assert "✎" in app.screen.query_one("ArticleList").render_line(1).text  # type: ignore[attr-defined]


async def test_edit_and_delete_a_note(make_app: Callable[..., ReaderApp], store_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, app)
        await pilot.press("n")
        await type_text(pilot, "first")
        await pilot.press("ctrl+s")
        await pilot.press("c")
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "first"
        await type_text(pilot, " draft")
        await pilot.press("ctrl+s")
        assert [n.text for n in Store.open(store_path).notes()] == ["first draft"]
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep it
        assert len(Store.open(store_path).notes()) == 1
        await pilot.press("x")
        await pilot.press("y")
        assert Store.open(store_path).notes() == []
        assert not app.userdata.has_notes(app.library.articles[0].id)


async def test_escape_with_typed_text_asks_first(make_app: Callable[..., ReaderApp], store_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot, app)
        await pilot.press("n", "escape")  # nothing typed: closes at once
        assert app.screen is screen
        await pilot.press("n")
        await type_text(pilot, "half a thought")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "half a thought"
        await pilot.press("escape", "y")  # discard
        assert app.screen is screen
        assert not store_path.exists() or Store.open(store_path).notes() == []


async def test_failed_save_keeps_the_text_and_says_why(
    make_app: Callable[..., ReaderApp], store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, app)

        def disk_full(*args: object, **kwargs: object) -> None:
            raise StoreWriteError(store_path, "no space left on device")

        assert app.userdata.store is not None
        monkeypatch.setattr(app.userdata.store, "add_note", disk_full)
        await pilot.press("n")
        await type_text(pilot, "precious words")
        await pilot.press("ctrl+s")
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        assert editor.query_one(TextArea).text == "precious words"
        assert "no space left on device" in str(editor.query_one("#error").render())
        monkeypatch.undo()  # the disk has room again: the same text saves
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, NoteEditor)
        assert [n.text for n in Store.open(store_path).notes()] == ["precious words"]


async def test_notes_view_lists_and_jumps_to_the_passage(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, app)
        await pilot.press("right_square_bracket", "j", "n")
        await type_text(pilot, "frost losses")
        await pilot.press("ctrl+s", "escape")
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("g", "N")
        assert isinstance(app.screen, NotesScreen)
        entries = app.screen.query_one(OptionList)
        assert entries.option_count == 1
        prompt = str(entries.get_option_at_index(0).prompt)
        assert "Late frost" in prompt and "2024-03-02" in prompt and "frost losses" in prompt
        assert "30 percent" in prompt  # the quote
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.article.title.startswith("Late frost") and screen.body.cursor == 1
        await pilot.press("escape")
        assert isinstance(app.screen, NotesScreen)


async def test_bookmarks_view(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("j", "b", "B")
        assert isinstance(app.screen, BookmarksScreen)
        entries = app.screen.query_one(OptionList)
        assert entries.option_count == 1
        assert "Late frost" in str(entries.get_option_at_index(0).prompt)
        await pilot.press("enter")
        assert isinstance(app.screen, ArticleScreen)
        assert "bookmarked" in str(app.screen.query_one("#article-meta").render())
        await pilot.press("escape", "b")
        assert app.screen.query_one(OptionList).option_count == 0


async def test_bookmark_in_article_updates_header(make_app: Callable[..., ReaderApp], store_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot, app)
        await pilot.press("b")
        assert "bookmarked" in str(screen.query_one("#article-meta").render())
        assert Store.open(store_path).is_bookmarked(screen.article.id)


async def test_notes_view_keeps_line_breaks_and_indents_wrapped_lines(
    make_app: Callable[..., ReaderApp], corpus: Path, store_path: Path
) -> None:
    [harbour], _ = load_file(corpus / "harbour.txt")
    long_line = "the council minutes put the cost higher, " * 4
    Store.open(store_path).add_note(harbour, 0, f"first line\nsecond line\n{long_line}")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("N")
        assert isinstance(app.screen, NotesScreen)
        entries = app.screen.query_one(OptionList)
        await pilot.pause()
        lines = str(entries.get_option_at_index(0).prompt).splitlines()
        width = entries.scrollable_content_region.width
        # the title, then the quote and the note, every line indented and within the list
        assert all(line.startswith("  ") for line in lines[1:])
        assert all(len(line) <= width for line in lines)
        assert "  first line" in lines and "  second line" in lines  # the note's own breaks
        assert lines[1].startswith("  ┃ ") and lines[1].endswith("…")  # the quote, cut to one line
        assert sum("council minutes" in line for line in lines) >= 2  # the long line wrapped


async def test_a_folder_that_cannot_be_written_is_said_at_start(
    make_app: Callable[..., ReaderApp], store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Said when the reader starts, not at the first failed save. Root writes anywhere, so
    the folder's refusal is injected (as the store tests inject EACCES)."""
    real_access = os.access
    folder = store_path.parent
    folder.mkdir(parents=True, exist_ok=True)

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if Path(str(path)) == folder and mode & os.W_OK:
            return False
        return real_access(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_loaded(pilot, app)
        assert app.userdata.reason is not None and "is not writable" in app.userdata.reason
        status = str(app.screen.query_one("#status").render())
        assert "is not writable" in status
