"""App-wide flows: help, the command palette, quitting, a corrupt store, hostile text,
and the config (key remaps by binding id)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import SystemCommand
from textual.widgets import TextArea
from tuikit import wait_loaded

from reader.config import Config
from reader.tui.app import ReaderApp
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.confirm import ConfirmScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.note_editor import NoteEditor
from reader.tui.widgets.article_list import ArticleList

HOSTILE = (
    " date 2024-01-05\n"
    "title: Evil [bold]title[/bold] [@click=app.quit]click[/] \x1b]0;pwned\x07 here\n\n"
    "Body with \x1b]52;c;aGVsbG8=\x07 clipboard, \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ and "
    "\x1b[2J clear, \x9b31m C1 CSI, bell\x07, del\x7f and [red]markup[/red] and [@click=app.bell]x[/].\n"
)


async def test_help_lists_every_key(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = " ".join(str(s.render()) for s in app.screen.query("Static"))
        for words in ("Bookmark", "Note", "Entities", "Next article", "Previous article", "Next mention",
                      "Quit", "Help", "Save", "Cancel", "Open", "Command palette", "Toggle type"):  # fmt: skip
            assert words in shown, words
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_palette_offers_the_screen_actions(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("enter")
        commands: list[SystemCommand] = list(app.get_system_commands(app.screen))
        titles = {c.title for c in commands}
        expected_commands = (
            "Bookmark", "Note", "Entities", "Next article", "Previous article", "Notes", "Bookmarks", "Theme", "Help",
        )  # fmt: skip
        for expected in expected_commands:
            assert expected in titles, expected
        bookmark = next(c for c in commands if c.title == "Bookmark")
        result = bookmark.callback()
        if result is not None:
            await result
        assert app.userdata.is_bookmarked(app.library.articles[0].id)
        # the palette itself opens with ctrl+p
        await pilot.press("ctrl+p")
        assert app.screen.__class__.__name__ == "CommandPalette"


async def test_q_quits(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("enter", "q")
        await pilot.pause()
    assert app.return_code == 0


async def test_quit_with_unsaved_note_asks(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("enter", "n", "a", "q")  # q is typed into the note
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "aq"
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
    assert app.return_code == 0


async def test_corrupt_store_opens_read_only_and_can_move_aside(
    make_app: Callable[..., ReaderApp], store_path: Path
) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_text("{ not json", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        assert app.userdata.corrupt and app.userdata.read_only
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # stay read-only
        assert "read-only" in str(app.screen.query_one("#status").render())
        await pilot.press("b")  # refused, file untouched
        assert store_path.read_text(encoding="utf-8") == "{ not json"
        assert not app.userdata.is_bookmarked(app.library.articles[0].id)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Move the notes file aside"].callback()
        await pilot.pause()
        assert not app.userdata.read_only
        kept = list(store_path.parent.glob("store.json.corrupt-*"))
        assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "{ not json"
        await pilot.press("b")
        assert app.userdata.is_bookmarked(app.library.articles[0].id)
        assert store_path.exists()


async def test_hostile_article_renders_inert(make_app: Callable[..., ReaderApp], corpus: Path) -> None:
    (corpus / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot, app)
        listing = app.screen.query_one(ArticleList)
        listing.select_article(next(a.id for a in app.library.articles if "Evil" in a.title))
        await pilot.pause()
        row = listing.render_line(listing.cursor).text
        assert "[bold]title[/bold]" in row and "\x1b" not in row and "\x07" not in row
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        title = str(screen.query_one("#article-title").render())
        assert "[@click=app.quit]click[/]" in title
        body = "\n".join(screen.body.render_line(y).text for y in range(screen.body.size.height))
        assert "[red]markup[/red]" in body and "[@click=app.bell]x[/]" in body
        for bad in ("\x1b", "\x07", "\x9b", "\x7f", "aGVsbG8", "evil.example"):
            assert bad not in body + title, repr(bad)
        # clicking where the [@click] text is must not quit
        await pilot.click("#article-title", offset=(30, 0))
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ArticleScreen)


async def test_config_remaps_keys_by_binding_id(corpus: Path, store_path: Path) -> None:
    app = ReaderApp(corpus, store_path, Config(keys={"bookmark": "a"}, theme="textual-light"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        assert app.theme == "textual-light"
        await pilot.press("b")
        assert not app.userdata.bookmarked
        await pilot.press("a")
        assert app.userdata.is_bookmarked(app.library.articles[0].id)


async def test_config_can_start_with_types_switched_off(corpus: Path, store_path: Path) -> None:
    app = ReaderApp(corpus, store_path, Config(show=("PERSON",)))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert "GPE" in screen.hidden and "PERSON" not in screen.hidden


async def test_notifications_never_run_markup(make_app: Callable[..., ReaderApp]) -> None:
    """Toasts show file names and error text: Textual would read them as markup."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot, app)
        app.notify("cannot read [@click=app.quit]evil[/].txt \x1b]0;pwned\x07[bold]x", title="[red]t\x1b[2J")
        await pilot.pause()
        [notification] = [n for n in app._notifications if "evil" in n.message]
        assert notification.markup is False
        assert notification.message == "cannot read [@click=app.quit]evil[/].txt [bold]x"
        assert notification.title == "[red]t"
        await pilot.pause()
        assert app.is_running
