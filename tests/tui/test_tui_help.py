"""The help screen (``?``): it scrolls with the keys the lists use, and it shows each
binding's id, the name the config's ``[keys]`` table remaps it by."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.widgets import Static
from tuikit import wait_for, wait_loaded

from reader.config import Config
from reader.tui.app import ReaderApp
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.text_view import TextViewScreen


def help_text(screen: DOMNode) -> str:
    return "\n".join(str(static.render()) for static in screen.query(Static))


async def test_help_scrolls_with_j_k_g_and_G(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        scroll = app.screen.query_one(VerticalScroll)
        await wait_for(pilot, lambda: scroll.max_scroll_y > 0)  # longer than the terminal
        await pilot.press("j", "j", "j")
        assert scroll.scroll_y == 3
        await pilot.press("k")
        assert scroll.scroll_y == 2
        await pilot.press("G")
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.press("g")
        assert scroll.scroll_y == 0
        await pilot.press("pagedown")
        assert scroll.scroll_y > 3
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_help_shows_binding_ids_and_remapped_keys(corpus: Path, store_path: Path) -> None:
    app = ReaderApp(corpus, store_path, Config(keys={"bookmark": "f"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = help_text(app.screen).splitlines()
        # each id the README's config example names is listed, on its binding's line
        bookmark = [line for line in lines if line.rstrip().endswith(" bookmark")]
        assert bookmark and all(line.startswith("f ") for line in bookmark)  # remapped from b
        assert any(line.rstrip().endswith(" next_article") and line.startswith("]") for line in lines)
        assert any(line.rstrip().endswith(" quit") for line in lines)


async def test_ctrl_c_names_the_quit_key_in_plain_words(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("ctrl+c")
        await wait_for(pilot, lambda: any("quit" in n.message for n in app._notifications))
        messages = [n.message for n in app._notifications]
        assert any("Press q to quit" in m for m in messages), messages
        assert not any("[b]" in m for m in messages)  # Textual's markup toast would show its tags raw
        assert app.is_running


async def test_p_on_the_list_shows_the_file_problems(corpus: Path, store_path: Path) -> None:
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    app = ReaderApp(corpus, store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        await wait_for(pilot, lambda: bool(app.problems))
        await pilot.press("P")
        assert isinstance(app.screen, TextViewScreen)
        assert "empty.txt: empty file" in help_text(app.screen)
        await pilot.press("escape")
        assert not isinstance(app.screen, TextViewScreen)


async def test_the_reader_lists_a_broken_link_as_reader_list_does(corpus: Path, store_path: Path) -> None:
    """The walk's own problems (a broken symbolic link) are in no file row of the index:
    the update's report carries them from the worker process to the reader."""
    (corpus / "gone.txt").symlink_to(corpus / "missing-target.txt")
    app = ReaderApp(corpus, store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        await wait_for(pilot, lambda: any("broken symbolic link" in p.reason for p in app.problems))
        await pilot.press("P")
        assert isinstance(app.screen, TextViewScreen)
        assert "gone.txt: broken symbolic link" in help_text(app.screen)
