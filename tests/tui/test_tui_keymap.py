"""The config's key remaps at start: a remap taking another action's key, or naming no
binding, is refused with a toast and the binding keeps its default; sound remaps apply.
Also: reader/keymap.py's Textual-free table matches the real bindings."""

from __future__ import annotations

import inspect
import pkgutil
import string
from importlib import import_module
from pathlib import Path

from textual.binding import Binding, BindingType
from textual.keys import _character_to_key
from tuikit import wait_for, wait_loaded

import reader.tui.screens
import reader.tui.widgets
from reader.config import Config
from reader.keymap import CONTEXTS, GLOBAL, normalize_key
from reader.tui.app import ReaderApp
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.confirm import ConfirmScreen
from reader.tui.screens.entity_browser import EntityBrowserScreen
from reader.tui.screens.feeds import FeedsScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.mentions import MentionsScreen
from reader.tui.screens.note_editor import NoteEditor
from reader.tui.screens.notes import BookmarksScreen, NotesScreen
from reader.tui.screens.overview import OverviewScreen
from reader.tui.screens.text_view import TextViewScreen
from reader.tui.widgets.article_body import ArticleBody
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.entity_panel import EntityPanel
from reader.tui.widgets.entity_table import EntityTable

# Each place of reader/keymap.py: the focused widget, then its screen (Textual's order).
PLACES: dict[str, tuple[type, ...]] = {
    "article list": (ArticleList, LibraryScreen),
    "article": (ArticleBody, ArticleScreen),
    "entity panel": (EntityPanel, ArticleScreen),
    "mentions view": (MentionsScreen,),
    "entity browser": (EntityTable, EntityBrowserScreen),
    "note editor": (NoteEditor,),
    "notes view": (NotesScreen,),
    "bookmarks view": (BookmarksScreen,),
    "corpus overview": (OverviewScreen,),
    "help": (HelpScreen,),
    "file problems": (TextViewScreen,),
    "confirmation": (ConfirmScreen,),
    "feeds view": (FeedsScreen,),
}


def ids_and_keys(bindings: list[BindingType]) -> list[tuple[str, str]]:
    return [(b.id or "", b.key) for b in bindings if isinstance(b, Binding)]


def test_the_keymap_table_matches_the_real_bindings() -> None:
    assert list(GLOBAL) == ids_and_keys(ReaderApp.BINDINGS)
    assert list(CONTEXTS) == list(PLACES)
    for place, classes in PLACES.items():
        real = [pair for cls in classes for pair in ids_and_keys(cls.__dict__.get("BINDINGS", []))]
        assert sorted(CONTEXTS[place]) == sorted(real), place


def test_every_screen_and_widget_with_bindings_has_a_place() -> None:
    placed = {cls for classes in PLACES.values() for cls in classes}
    for package in (reader.tui.screens, reader.tui.widgets):
        for info in pkgutil.iter_modules(package.__path__):
            module = import_module(f"{package.__name__}.{info.name}")
            for _, cls in inspect.getmembers(module, inspect.isclass):
                own = [b for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]
                if cls.__module__ == module.__name__ and any(b.id for b in own):
                    assert cls in placed, cls


def test_characters_and_textual_key_names_are_one_key() -> None:
    for character in string.punctuation + " ":
        assert normalize_key(character) == _character_to_key(character), character
    assert normalize_key("?") == normalize_key("question_mark")
    assert normalize_key("B") != normalize_key("b")  # letters keep their case, as Textual's keys do
    assert normalize_key("Ctrl+Shift+x") == normalize_key("shift+ctrl+x")


async def test_a_remap_taking_quit_is_refused_and_named_in_a_toast(corpus: Path, store_path: Path) -> None:
    config = Config(keys={"bookmark": "q"}, path=Path("/home/me/config.toml"), key_lines={"bookmark": 7})
    app = ReaderApp(corpus, store_path, config)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        await wait_for(pilot, lambda: any("bookmark" in n.message for n in app._notifications))
        [toast] = [n.message for n in app._notifications if "bookmark" in n.message]
        assert "line 7" in toast and "'quit'" in toast
        await pilot.press("b")  # the bookmark keeps b
        assert app.userdata.is_bookmarked(app.library.articles[0].id)
        await pilot.press("q")  # and q still quits
        await pilot.pause()
        assert not app.is_running


async def test_an_unknown_binding_id_is_named_in_a_toast(corpus: Path, store_path: Path) -> None:
    app = ReaderApp(corpus, store_path, Config(keys={"bookmrk": "f", "new_note": "a"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        await wait_for(pilot, lambda: any("bookmrk" in n.message for n in app._notifications))
        assert app.context.keymap == {"new_note": "a"}


async def test_a_remap_to_two_keys_still_works(corpus: Path, store_path: Path) -> None:
    app = ReaderApp(corpus, store_path, Config(keys={"next_article": "l,right_square_bracket", "bookmark": "f"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        assert not [n for n in app._notifications if n.title == "Config"]
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        ids = [a.id for a in app.library.articles]
        assert screen.article.id == ids[0]
        await pilot.press("l")
        await wait_for(pilot, lambda: screen.article.id == ids[1])
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: screen.article.id == ids[2])
        await pilot.press("f")
        await wait_for(pilot, lambda: app.userdata.is_bookmarked(ids[2]))
