"""Repaint only what changed: a cursor move repaints the rows it touches, an unchanged bar
repaints nothing, and an idle screen repaints nothing at all.

What a keystroke costs a reader over SSH is the bytes of the lines Textual repaints, so
these tests watch each widget's ``refresh`` calls (``refresh_lines`` goes through it too)
and check two things on every move: every row whose painted cells changed was refreshed
(nothing is left stale on screen), and nothing else was (no whole-widget repaint). The
byte counts themselves are measured in a real terminal by tests/tui/test_tmux_wire.py and
benchmarks/bench_wire.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from rich.segment import Segment
from rich.text import Text
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widget import Widget
from tuikit import wait_loaded

from reader.tui.app import ReaderApp
from reader.tui.screens.article import ArticleScreen
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.bars import StatusLine, TitleBar
from reader.tui.widgets.entity_panel import EntityPanel
from reader.tui.widgets.line_option_list import LineOptionList


class RefreshSpy:
    """Records a widget's ``refresh`` calls: the regions asked for (none: the whole widget)."""

    def __init__(self, widget: Widget, monkeypatch: pytest.MonkeyPatch) -> None:
        self.widget = widget
        self.calls: list[tuple[Region, ...]] = []
        original = widget.refresh

        def spy(*regions: Region, **kwargs: Any) -> Widget:
            if kwargs.get("repaint", True) or kwargs.get("layout") or kwargs.get("recompose"):
                self.calls.append(regions)
            return original(*regions, **kwargs)

        monkeypatch.setattr(widget, "refresh", spy)

    @property
    def whole(self) -> bool:
        """A refresh of the whole widget was asked for."""
        return any(not regions for regions in self.calls)

    def rows(self) -> set[int]:
        """The rows (in the widget's own coordinates) asked to be repainted."""
        height = self.widget.size.height
        rows: set[int] = set()
        for regions in self.calls:
            for region in regions or (Region(0, 0, self.widget.size.width, height),):
                rows.update(y for y in range(region.y, region.bottom) if 0 <= y < height)
        return rows


def painted(widget: Any) -> list[list[Segment]]:
    """Each visible row as the widget paints it now (the line API's ``render_line``)."""
    return [list(widget.render_line(y)) for y in range(widget.size.height)]


def changed_rows(before: list[list[Segment]], after: list[list[Segment]]) -> set[int]:
    return {y for y, (a, b) in enumerate(zip(before, after, strict=True)) if a != b}


@contextmanager
def watching(widget: Widget, monkeypatch: pytest.MonkeyPatch) -> Iterator[RefreshSpy]:
    with monkeypatch.context() as patch:
        yield RefreshSpy(widget, patch)


async def test_list_cursor_repaints_only_the_two_rows(
    make_app: Callable[..., ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot, app)
        listing = app.screen.query_one(ArticleList)
        for key in ("j", "j", "k", "G", "g"):
            before, old = painted(listing), listing.cursor
            with watching(listing, monkeypatch) as spy:
                await pilot.press(key)
                await pilot.pause()
            assert listing.cursor != old, key
            assert not spy.whole, f"{key}: the whole list was repainted"
            top = int(listing.scroll_offset.y)
            assert spy.rows() == {old - top, listing.cursor - top}, key
            assert changed_rows(before, painted(listing)) <= spy.rows(), key


async def test_list_cursor_that_scrolls_still_repaints_the_view(
    make_app: Callable[..., ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A move off the bottom scrolls; the scroll repaints the view, nothing left stale."""
    app = make_app()
    async with app.run_test(size=(100, 8)) as pilot:  # a list of 3 rows: the 4 articles and separators do not fit
        await wait_loaded(pilot, app)
        listing = app.screen.query_one(ArticleList)
        for _ in range(6):
            before, top = painted(listing), listing.scroll_offset.y
            with watching(listing, monkeypatch) as spy:
                await pilot.press("j")
                await pilot.pause()
            assert changed_rows(before, painted(listing)) <= spy.rows()
            if listing.scroll_offset.y != top:
                break
        else:
            raise AssertionError("the list never scrolled")


async def open_article(pilot: Any, app: ReaderApp) -> ArticleScreen:
    await wait_loaded(pilot, app)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ArticleScreen)
    return app.screen


async def test_paragraph_move_repaints_only_the_gutter_of_two_paragraphs(
    make_app: Callable[..., ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_article(pilot, app)
        body = screen.body
        for key in ("j", "j", "k"):
            before = painted(body)
            marked_before = {y for y, row in enumerate(before) if row and row[0].text.startswith("▌")}
            with watching(body, monkeypatch) as spy:
                await pilot.press(key)
                await pilot.pause()
            after = painted(body)
            marked_after = {y for y, row in enumerate(after) if row and row[0].text.startswith("▌")}
            assert not spy.whole, f"{key}: the whole body was repainted"
            assert spy.rows() == marked_before | marked_after, key
            assert changed_rows(before, after) <= spy.rows(), key
            # only the gutter's cells: the text beside it is unchanged and not resent
            assert all(region.x == 0 and region.width <= 2 for regions in spy.calls for region in regions)


async def test_entity_panel_move_repaints_two_options_and_the_mention_lines(
    make_app: Callable[..., ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_article(pilot, app)
        await pilot.press("e", "j")  # the panel opens with nothing highlighted; j takes the first row
        await pilot.pause()
        panel, body = screen.query_one(EntityPanel), screen.body
        assert panel.has_focus and panel.highlighted == 0
        for key in ("j", "j", "k"):
            old = panel.highlighted
            assert old is not None
            before_panel, before_body = painted(panel), painted(body)
            with watching(panel, monkeypatch) as panel_spy, watching(body, monkeypatch) as body_spy:
                await pilot.press(key)
                await pilot.pause()
            assert panel.highlighted is not None and panel.highlighted != old
            assert not panel_spy.whole and panel_spy.rows() == {old, panel.highlighted}, key
            assert changed_rows(before_panel, painted(panel)) <= panel_spy.rows(), key
            # the chosen entity's mentions change style in the body: those lines, no more
            body_changed = changed_rows(before_body, painted(body))
            assert not body_spy.whole, f"{key}: the whole body was repainted"
            assert body_changed <= body_spy.rows(), key
            assert len(body_spy.rows()) < body.size.height


class Options(App[None]):
    def compose(self) -> ComposeResult:
        yield LineOptionList(*(Text(f"option {n}") for n in range(100)))


async def test_line_option_list_repaints_two_options(monkeypatch: pytest.MonkeyPatch) -> None:
    """The mentions view's, the notes view's and the entity panel's lists."""
    app = Options()
    async with app.run_test(size=(60, 12)) as pilot:
        options = app.query_one(LineOptionList)
        options.focus()
        options.highlighted = 0
        await pilot.pause()
        for key in ("down", "down", "up", "down"):
            old = options.highlighted
            assert old is not None
            before = painted(options)
            with watching(options, monkeypatch) as spy:
                await pilot.press(key)
                await pilot.pause()
            top = int(options.scroll_offset.y)
            assert options.highlighted is not None
            assert not spy.whole and spy.rows() == {old - top, options.highlighted - top}, key
            assert changed_rows(before, painted(options)) <= spy.rows(), key
        # a move that scrolls repaints what the scroll exposed
        await pilot.press("end")
        await pilot.pause()
        assert options.scroll_offset.y > 0
        assert "option 99" in "".join(s.text for row in painted(options) for s in row)


async def test_bars_repaint_only_when_their_text_changes(
    make_app: Callable[..., ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot, app)
        status = app.screen.query_one(StatusLine)
        title = app.screen.query_one(TitleBar)
        status.say("first")
        title.set_parts("corpus", "4 articles")
        await pilot.pause()
        with watching(status, monkeypatch) as status_spy, watching(title, monkeypatch) as title_spy:
            status.say("first")
            title.set_parts("corpus", "4 articles")
            assert status_spy.calls == [] and title_spy.calls == []
            status.say("second")
            title.set_parts("corpus", "5 articles")
            assert status_spy.calls and title_spy.calls
        assert "second" in str(status.render()) and "5 articles" in str(title.render())
        # the same words in another style are a change too
        with watching(status, monkeypatch) as status_spy:
            status.say("second", "bold")
            assert status_spy.calls
        # and a direct update is never mistaken for the text already shown
        status.update(Text("other"))
        with watching(status, monkeypatch) as status_spy:
            status.say("second", "bold")
            assert status_spy.calls
        assert "second" in str(status.render())


def everything(app: App[Any]) -> list[Widget]:
    screen = app.screen
    return [screen, *screen.walk_children(Widget)]


async def test_cursor_moves_repaint_nothing_but_the_list(
    make_app: Callable[..., ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No bar, footer or container repaints because a key was pressed on the list."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot, app)
        await pilot.pause(0.3)  # past the list's settle timer, so its prefetch is done
        listing = app.screen.query_one(ArticleList)
        with monkeypatch.context() as patch:
            spies = [RefreshSpy(widget, patch) for widget in everything(app) if widget is not listing]
            await pilot.press("j", "j", "k")
            await pilot.pause(0.3)
        assert [spy.widget for spy in spies if spy.calls] == []


@pytest.mark.parametrize("where", ["list", "article", "filter bar"])
async def test_idle_screen_repaints_nothing(
    make_app: Callable[..., ReaderApp], monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """No timer, spinner or clock repaints a screen nobody is touching."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot, app)
        if where == "article":
            await open_article(pilot, app)
        if where == "filter bar":
            await pilot.press("slash", "p", "o", "r", "t")  # open, focused, with a query in it
        await pilot.pause(0.5)  # whatever the last key started (the list's settle timer) is over
        with monkeypatch.context() as patch:
            spies = [RefreshSpy(widget, patch) for widget in everything(app)]
            for _ in range(5):
                await pilot.pause(0.2)
        assert [spy.widget for spy in spies if spy.calls] == []


def many_articles(count: int) -> dict[str, str]:
    return {
        f"a{n:03d}.txt": f" date 2024-03-{1 + n % 28:02d}\ntitle: Article number {n}\n\nBody of article {n}.\n"
        for n in range(count)
    }


async def test_list_scrolls_by_half_a_screen(
    make_app: Callable[..., ReaderApp], tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Holding j at the bottom of the view scrolls (a whole-list repaint) once every half
    screen, not once a row: the moves in between repaint two rows."""
    from tuikit import write_corpus

    app = make_app(write_corpus(tmp_path / "many", many_articles(60)))
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_loaded(pilot, app)
        listing = app.screen.query_one(ArticleList)
        height = listing.size.height
        scrolls = 0
        for _ in range(3 * height):
            top = listing.scroll_offset.y
            before = painted(listing)
            with watching(listing, monkeypatch) as spy:
                await pilot.press("j")
                await pilot.pause()
            if listing.scroll_offset.y != top:
                scrolls += 1
            else:
                assert not spy.whole
            assert changed_rows(before, painted(listing)) <= spy.rows()
            row = listing.cursor - int(listing.scroll_offset.y)
            assert 0 <= row < height  # the cursor is always on screen
        assert 2 <= scrolls <= 3 * height // (height // 2 - 1) + 1, scrolls


async def test_paragraph_moves_page_through_a_long_article(
    make_app: Callable[..., ReaderApp], tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Going down, a paragraph that does not fit below comes to the top of the view, so
    the next moves stay on screen and repaint two gutters, not the whole body."""
    from tuikit import write_corpus

    sentence = "The harbour board met again on Tuesday to discuss the ferry timetable and the fares. "
    text = " date 2024-03-12\ntitle: A long article\n\n" + "\n\n".join(
        f"Paragraph {n}. " + sentence * 3 for n in range(16)
    )
    app = make_app(write_corpus(tmp_path / "long", {"long.txt": text + "\n"}))
    async with app.run_test(size=(100, 20)) as pilot:
        screen = await open_article(pilot, app)
        body = screen.body
        scrolls = 0
        for _ in range(15):
            top = body.scroll_offset.y
            before = painted(body)
            with watching(body, monkeypatch) as spy:
                await pilot.press("j")
                await pilot.pause()
            if body.scroll_offset.y != top:
                scrolls += 1
            else:
                assert not spy.whole
            assert changed_rows(before, painted(body)) <= spy.rows()
            rows = [y for y, row in enumerate(painted(body)) if row and row[0].text.startswith("▌")]
            assert rows, "the cursor's paragraph is on screen"
        assert body.cursor == 15
        assert 1 <= scrolls <= 8, scrolls  # about one scroll a screenful, not one a move
