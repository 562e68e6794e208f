"""The article screen: header, paragraph cursor, next/previous, read state and position,
entity colours, the entity panel and its toggles, mention jumps."""

from __future__ import annotations

from collections.abc import Callable

from tuikit import wait_loaded

from reader.tui.app import ReaderApp
from reader.tui.entity_colors import entity_style
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.mentions import MentionsScreen
from reader.tui.widgets.article_body import ArticleBody
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.entity_panel import EntityPanel


async def open_first(pilot: object, app: ReaderApp) -> ArticleScreen:
    await wait_loaded(pilot, app)  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]
    assert isinstance(app.screen, ArticleScreen)
    return app.screen


def body_text(body: ArticleBody) -> str:
    return "\n".join(body.render_line(y).text for y in range(body.size.height))


async def test_header_and_body(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot, app)
        assert "Harbour authority opens" in str(screen.query_one("#article-title").render())
        meta = str(screen.query_one("#article-meta").render())
        assert "2024-03-12" in meta and "Coastal Post" in meta
        assert "harbour.txt" in str(screen.query_one("#article-path").render())
        text = body_text(screen.body)
        assert "PORT ELWIN" in text and "ferry terminal" in text


async def test_paragraph_cursor_moves_with_keys_and_mouse(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot, app)
        body = screen.body
        assert body.cursor == 0
        await pilot.press("j")
        assert body.cursor == 1
        await pilot.press("j", "j", "j")
        assert body.cursor == 2  # clamped at the last paragraph
        await pilot.press("k", "g")
        assert body.cursor == 0
        await pilot.press("G")
        assert body.cursor == 2
        # a click on the first line of the body puts the cursor on paragraph 0
        await pilot.click(ArticleBody, offset=(5, 0))
        assert body.cursor == 0
        assert "▌" in body.render_line(0).text


async def test_next_and_previous_article_without_the_list(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot, app)
        await pilot.press("right_square_bracket")
        assert screen.article.title.startswith("Late frost")
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.article.title.startswith("Notes from the town archive")
        await pilot.press("right_square_bracket")  # at the end: stays, says so
        assert screen.article.title.startswith("Notes from the town archive")
        assert "No next article" in str(screen.query_one("#status").render())
        await pilot.press("left_square_bracket")
        assert screen.article.title.startswith("City council")
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        listing = app.screen.query_one(ArticleList)
        assert listing.article is not None and listing.article.title.startswith("City council")
        # every article visited is now read
        assert {a.id for a in app.library.articles} == app.userdata.read


async def test_reading_position_is_restored(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot, app)
        await pilot.press("j", "j", "escape")
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.body.cursor == 2
    # and across runs, from the store file
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot, again)
        assert screen.body.cursor == 2


async def test_entities_are_coloured_by_type(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot, app)
        assert screen.mentions, "the entities layer found nothing"
        people = [m for m in screen.mentions if m.label == "PERSON"]
        assert any(m.text == "Ines Carvalho" for m in people)
        person_style = entity_style("PERSON", app.current_theme.dark)
        styled = [
            segment.text
            for y in range(screen.body.size.height)
            for segment in screen.body.render_line(y)
            if segment.style is not None and segment.style.color == person_style.color
        ]
        assert "Ines Carvalho" in "".join(styled)
        legend = str(screen.query_one("#legend").render())
        assert "person" in legend


async def test_entity_panel_groups_selects_jumps_and_toggles(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot, app)
        await pilot.press("e")
        panel = screen.query_one(EntityPanel)
        assert panel.display and panel.has_focus
        prompts = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        type_rows = [p for p in prompts if p.startswith("● ")]
        counts = [int(p.rsplit(" ", 1)[1]) for p in type_rows]
        assert counts == sorted(counts, reverse=True)  # types sorted by mentions
        # choose the entity "Harbour Authority" (3 mentions) and jump through them
        index = next(i for i, p in enumerate(prompts) if p.strip().startswith("Harbour Authority"))
        panel.highlighted = index
        await pilot.pause()
        assert screen.selected is not None and "Harbour Authority" in screen.selected
        await pilot.press("greater_than_sign")
        first = screen.current
        assert first is not None and first.text == "Harbour Authority"
        await pilot.press("greater_than_sign")
        second = screen.current
        assert second is not None and second.start > first.start
        assert screen.body.cursor == 1
        await pilot.press("less_than_sign")
        assert screen.current == first
        # switch the person type off: Ines Carvalho loses her colour
        person_row = next(i for i, p in enumerate(prompts) if p.startswith("● person"))
        panel.highlighted = person_row
        await pilot.press("space")
        assert "PERSON" in screen.hidden
        person_colour = entity_style("PERSON", app.current_theme.dark).color
        coloured = [
            s.text
            for y in range(screen.body.size.height)
            for s in screen.body.render_line(y)
            if s.style is not None and s.style.color == person_colour
        ]
        assert not coloured
        await pilot.press("space")
        assert "PERSON" not in screen.hidden
        await pilot.press("e")
        assert not panel.display and screen.body.has_focus


async def test_panel_folds_under_the_body_when_narrow(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot, app)
        await pilot.press("e")
        panel = screen.query_one(EntityPanel)
        assert panel.region.width == 80  # below the body, full width
    wide = make_app()
    async with wide.run_test(size=(140, 30)) as pilot:
        screen = await open_first(pilot, wide)
        await pilot.press("e")
        panel = screen.query_one(EntityPanel)
        assert panel.region.width < 60 and panel.region.x > 60  # beside the body


async def test_theme_switch_repaints_entities(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot, app)
        app.theme = "textual-light"
        await pilot.pause()
        light = entity_style("PERSON", False).color
        coloured = [
            s.text
            for y in range(screen.body.size.height)
            for s in screen.body.render_line(y)
            if s.style is not None and s.style.color == light
        ]
        assert "Ines Carvalho" in "".join(coloured)


async def test_m_follows_the_cursor_once_the_panel_is_closed(make_app: Callable[..., ReaderApp]) -> None:
    """A choice left in a closed entity panel is not what the reader looks at: ``m`` takes
    the entity of the paragraph under the cursor (it used to take the panel's old one)."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first(pilot, app)
        paragraphs = screen.article.paragraphs

        def keys_in(index: int) -> set[str]:
            span = paragraphs[index]
            return {m.key for m in screen.mentions if span.start <= m.start < span.end}

        def elsewhere(key: str | None) -> int | None:
            """A paragraph with entities, none of them ``key``."""
            return next((i for i in range(len(paragraphs)) if keys_in(i) and key not in keys_in(i)), None)

        await pilot.press("e")
        for _ in range(20):  # move down the panel to an entity some paragraph does not name
            await pilot.press("j")
            if screen.selected is not None and elsewhere(screen.selected) is not None:
                break
        chosen, target = screen.selected, elsewhere(screen.selected)
        assert chosen is not None and target is not None
        await pilot.press("m")  # with the panel open, m is about the panel's choice
        assert isinstance(app.screen, MentionsScreen) and app.screen.key == chosen
        await pilot.press("escape", "e")  # back, and close the panel
        screen.body.cursor = target
        await pilot.pause()
        await pilot.press("m")
        assert isinstance(app.screen, MentionsScreen)
        assert app.screen.key != chosen and app.screen.key in keys_in(target)
