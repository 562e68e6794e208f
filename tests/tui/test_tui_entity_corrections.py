"""Corrections and entity notes from the entity panel: each key writes the store through
the user-data layer, and the article, its panel and other articles show the result."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import TextArea
from tuikit import wait_for, wait_loaded

from reader.store import EntityCorrection, Store
from reader.store.model import now_iso
from reader.tui.app import ReaderApp
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.note_editor import NoteEditor
from reader.tui.widgets.entity_panel import EntityPanel


async def open_harbour(pilot: object, app: ReaderApp) -> ArticleScreen:
    await wait_loaded(pilot, app)  # type: ignore[arg-type]
    await pilot.press("enter", "e")  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, ArticleScreen) and "ferry terminal" in screen.article.title
    return screen


async def choose(pilot: object, screen: ArticleScreen, name: str) -> None:
    """Move the panel's cursor to the entity shown as ``name``."""
    panel = screen.query_one(EntityPanel)
    for index in range(panel.option_count):
        option = panel.get_option_at_index(index)
        if (option.id or "").startswith("key:") and str(option.prompt).strip().startswith(name):
            panel.highlighted = index
            await pilot.pause()  # type: ignore[attr-defined]
            assert screen.selected is not None
            return
    raise AssertionError(f"{name} is not in the panel")


async def type_and_save(pilot: object, text: str) -> None:
    editor = pilot.app.screen  # type: ignore[attr-defined]
    assert isinstance(editor, NoteEditor)
    editor.query_one(TextArea).insert(text)
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]


def panel_lines(screen: ArticleScreen) -> list[str]:
    panel = screen.query_one(EntityPanel)
    return [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]


async def test_a_note_on_an_entity_shows_beside_every_article_naming_it(
    make_app: Callable[..., ReaderApp], store_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_harbour(pilot, app)
        await choose(pilot, screen, "Port Elwin")
        await pilot.press("n")
        await type_and_save(pilot, "the town the paper covers")
        assert app.screen is screen
        notes = Store.open(store_path).entity_notes()
        assert [(n.key, n.text) for n in notes] == [("Port Elwin", "the town the paper covers")]
        assert any("✎ the town the paper covers" in line for line in panel_lines(screen))
        assert not Store.open(store_path).notes()  # an entity note, not a note on the article

        await pilot.press("escape", "escape", "G", "enter", "e")  # the archive article names it too
        archive = app.screen
        assert isinstance(archive, ArticleScreen) and "archive" in archive.article.title
        await wait_for(pilot, lambda: any("✎ the town" in line for line in panel_lines(archive)))


async def test_merge_from_the_panel_and_a_target_that_does_not_exist(
    make_app: Callable[..., ReaderApp], store_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_harbour(pilot, app)
        await choose(pilot, screen, "Harbour Authority")
        await pilot.press("M")
        await type_and_save(pilot, "Nowhere Land")
        assert isinstance(app.screen, NoteEditor)  # kept open, with the reason
        assert "no entity named 'Nowhere Land'" in str(app.screen.query_one("#error").render())
        assert Store.open(store_path).entity_corrections() == []
        app.screen.query_one(TextArea).clear()
        await type_and_save(pilot, "Ines Carvalho")
        assert app.screen is screen
        merged = [(c.op, c.key, c.into) for c in Store.open(store_path).entity_corrections()]
        assert merged == [("merge", "Harbour Authority", "Ines Carvalho")]
        authority = [m for m in screen.mentions if m.text == "Harbour Authority"]
        assert authority and all(m.key == "Ines Carvalho" and m.label == "PERSON" for m in authority)
        assert not any(line.strip().startswith("Harbour Authority") for line in panel_lines(screen))


async def test_hide_rename_and_relabel_from_the_panel(make_app: Callable[..., ReaderApp], store_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_harbour(pilot, app)
        await choose(pilot, screen, "Norway")
        await pilot.press("H")
        await pilot.pause()
        assert "Norway" not in {m.text for m in screen.mentions}
        assert not any(line.strip().startswith("Norway") for line in panel_lines(screen))

        await choose(pilot, screen, "Ines Carvalho")
        await pilot.press("r")
        await type_and_save(pilot, "Mayor Carvalho")
        assert {m.key for m in screen.mentions if "Carvalho" in m.text} == {"Mayor Carvalho"}

        await choose(pilot, screen, "Mayor Carvalho")
        await pilot.press("L")
        await type_and_save(pilot, "city")
        assert isinstance(app.screen, NoteEditor)
        assert "unknown label 'city'" in str(app.screen.query_one("#error").render())
        app.screen.query_one(TextArea).clear()
        await type_and_save(pilot, "org")
        assert app.screen is screen
        assert {m.label for m in screen.mentions if "Carvalho" in m.text} == {"ORG"}
        ops = [(c.op, c.key) for c in Store.open(store_path).entity_corrections()]
        assert ops == [("hide", "Norway"), ("rename", "Ines Carvalho"), ("label", "Ines Carvalho")]


async def test_the_filter_bar_finds_articles_through_corrections_and_entity_notes(
    make_app: Callable[..., ReaderApp], store_path: Path
) -> None:
    store = Store.open(store_path)
    store.add_entity_note("Port Elwin", "the paper's town")
    store.correct_entity(EntityCorrection("merge", "Tomas Lind", now_iso(), into="Ines Carvalho", label="PERSON"))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot, app)
        assert app.source.index is not None
        await pilot.press("slash")
        await pilot.press(*"has", "colon", *"note")
        await wait_for(pilot, lambda: app.library.filter is not None and app.library.shown == 3)
        titles = sorted(app.library.articles[i].title for i in app.library.rows if i >= 0)
        assert all("Port Elwin" in t or "cycling" in t or "archive" in t for t in titles)
        await pilot.press(*["backspace"] * 8, *"person", "colon", *"Lind")
        # "Tomas Lind" is merged into Ines Carvalho: the filter finds her articles, his included
        await wait_for(pilot, lambda: app.library.shown == 2)
        titles = sorted(app.library.articles[i].title for i in app.library.rows if i >= 0)
        assert any("orchards" in t for t in titles) and any("ferry" in t for t in titles)
