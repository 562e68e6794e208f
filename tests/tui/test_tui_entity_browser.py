"""The entity browser (``E``): it opens on the corpus's entities, filters as you type,
switches type, opens an entity's mentions and writes dossiers (also from the mentions
view); its table paints only the rows on screen, however many entities there are."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from tuikit import wait_for, wait_loaded

from reader.index.entity_stats import EntityDetail, EntityStat
from reader.tui.app import ReaderApp
from reader.tui.screens.entity_browser import EntityBrowserScreen
from reader.tui.screens.mentions import MentionsScreen
from reader.tui.widgets.entity_table import EntityTable, sparkline


async def open_browser(pilot: object, app: ReaderApp) -> EntityBrowserScreen:
    await wait_loaded(pilot, app)  # type: ignore[arg-type]
    await wait_for(pilot, lambda: app._report is not None, timeout=20)  # the index holds the entities
    await pilot.press("E")  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, EntityBrowserScreen)
    await wait_for(pilot, lambda: screen.loaded)
    return screen


def keys_shown(screen: EntityBrowserScreen) -> list[str]:
    return [screen.table.entities[i].key for i in screen.table.shown]


async def test_e_opens_the_browser_on_the_corpus_entities(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_browser(pilot, app)
        shown = keys_shown(screen)
        assert {"Ines Carvalho", "Harbour Authority", "Port Elwin"} <= set(shown)
        counts = [(e.articles, e.mentions) for e in (screen.table.entities[i] for i in screen.table.shown)]
        assert [c[0] for c in counts] == sorted((c[0] for c in counts), reverse=True)  # most articles first
        port = next(e for e in screen.table.entities if e.key == "Port Elwin")
        await wait_for(pilot, lambda: screen.table.detail(port) is not None)  # fetched for the rows on screen
        detail = screen.table.detail(port)
        assert detail is not None
        # Three articles, one undated: the dates are those of the dated two; every mention counts.
        assert port.articles == 3 and (detail.first, detail.last) == ("2024-02-20", "2024-03-12")
        assert detail.mentions == 3 and detail.months == {"2024-02": 1, "2024-03": 1}
        await pilot.press("escape")
        assert not isinstance(app.screen, EntityBrowserScreen)


async def test_typing_filters_and_tab_switches_type(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_browser(pilot, app)
        everyone = len(screen.table.shown)
        await pilot.press("slash", *"carv")
        assert keys_shown(screen) == ["Ines Carvalho"]
        await pilot.press("escape")  # clears the filter, back on the table
        assert len(screen.table.shown) == everyone and screen.focused is screen.table
        await pilot.press("tab")  # All -> People
        labels = {screen.table.entities[i].label for i in screen.table.shown}
        assert labels == {"PERSON"} and "Ines Carvalho" in keys_shown(screen)
        await pilot.press("tab", "tab")  # -> Places
        assert {screen.table.entities[i].label for i in screen.table.shown} <= {"GPE", "LOC", "FAC"}
        assert "Norway" in keys_shown(screen) and "Ines Carvalho" not in keys_shown(screen)


async def test_enter_opens_the_entity_mentions(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_browser(pilot, app)
        await pilot.press("slash", *"harbour", "enter")  # Enter in the filter goes to the table
        assert screen.focused is screen.table
        await pilot.press("enter")
        assert isinstance(app.screen, MentionsScreen)
        assert app.screen.key == "Harbour Authority" and app.screen.label == "ORG"


async def test_d_writes_a_dossier_beside_the_store(make_app: Callable[..., ReaderApp], store_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_browser(pilot, app)
        await pilot.press("slash", *"ines", "enter", "d")
        await wait_for(pilot, lambda: screen.writer.last is not None, timeout=20)
        path = screen.writer.last
        assert path == store_path.parent / "dossiers" / "Ines-Carvalho.md"
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# Ines Carvalho\n")
        assert "> Mayor **Ines Carvalho** cut the ribbon in front of about 300 residents." in text


async def test_d_in_the_mentions_view_writes_its_dossier(make_app: Callable[..., ReaderApp], store_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_browser(pilot, app)
        await pilot.press("slash", *"port elwin", "enter", "enter")
        mentions = app.screen
        assert isinstance(mentions, MentionsScreen)
        await wait_for(pilot, lambda: mentions.loaded)
        await pilot.press("d")
        await wait_for(pilot, lambda: mentions.writer.last is not None, timeout=20)
        text = (store_path.parent / "dossiers" / "Port-Elwin.md").read_text(encoding="utf-8")
        assert "## Articles (3, oldest first)" in text and "City council approves cycling budget" in text
        assert screen.writer.last is None


# -- the table paints only what is on screen ------------------------------------------


class TableApp(App[None]):
    def __init__(self, details_of: Callable[[Sequence[int]], EntityDetail]) -> None:
        super().__init__()
        self.table = EntityTable(details_of)

    def compose(self) -> ComposeResult:
        yield self.table


async def test_fifty_thousand_entities_paint_only_the_visible_rows() -> None:
    asked: list[tuple[int, ...]] = []

    def details_of(entities: Sequence[int]) -> EntityDetail:
        asked.append(tuple(entities))
        return EntityDetail(9, "2024-01-02", "2024-03-04", {"2024-01": entities[0] % 7, "2024-03": 3})

    entities = [EntityStat(f"Entity {n:05d}", "PERSON", 50_000 - n, None, None, None, (n,)) for n in range(50_000)]
    app = TableApp(details_of)
    async with app.run_test(size=(100, 20)) as pilot:
        table = app.table
        table.set_entities(entities, ("2024-01", "2024-02", "2024-03"))
        await wait_for(pilot, lambda: asked and not table._fetching)
        await pilot.pause()
        # 20 rows on screen: each built once without its sparkline, once with it.
        first = table.lines_rendered
        assert 0 < first <= 40 and len(asked) <= 20
        assert "9  2024-01-02..2024-03-04    █" in table.render_line(0).text  # the details arrived
        table.focus()
        await pilot.press("G")  # the very last entity
        await wait_for(pilot, lambda: len(asked) > 20 and not table._fetching)
        await pilot.pause()
        assert table.entity is not None and table.entity.key == "Entity 49999"
        assert table.lines_rendered - first <= 45 and len(asked) <= 40
        assert table.scroll_offset.y >= 49_980


def test_sparklines_share_the_corpus_axis() -> None:
    axis = ("2024-01", "2024-02", "2024-03", "2024-04")
    assert sparkline({"2024-01": 4, "2024-04": 2}, axis, 4) == "█  ▄"
    assert sparkline({"2024-01": 1, "2024-02": 1, "2024-04": 2}, axis, 2) == "██"  # two months a cell
    assert sparkline({}, axis, 4) == "    "


async def test_a_busy_index_loads_the_list_in_a_worker(make_app: Callable[..., ReaderApp]) -> None:
    """The list is read at once when the index is free; when another thread holds it (an
    update applying a batch), the screen opens anyway and a worker fills it afterwards."""
    import threading

    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_loaded(pilot, app)
        await wait_for(pilot, lambda: app._report is not None, timeout=20)
        held, release = threading.Event(), threading.Event()

        def hold() -> None:
            with app.source.lock:
                held.set()
                release.wait(10)

        holder = threading.Thread(target=hold)
        holder.start()
        held.wait(10)
        try:
            await pilot.press("E")
            screen = app.screen
            assert isinstance(screen, EntityBrowserScreen)
            await pilot.pause()
            assert not screen.loaded  # not read on the UI thread while the index is busy
        finally:
            release.set()
            holder.join()
        await wait_for(pilot, lambda: screen.loaded)
        assert "Ines Carvalho" in keys_shown(screen)


async def test_the_open_browser_follows_an_index_update(make_app: Callable[..., ReaderApp], corpus: Path) -> None:
    """Articles written while the browser is open (a feed fetch, ``reader add``) reach it
    when the update ends, without reopening it; the highlighted entity stays highlighted."""
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_browser(pilot, app)
        screen.table.highlight("Port Elwin", "GPE")
        assert screen.table.entity is not None and screen.table.entity.key == "Port Elwin"
        (corpus / "2024-04-02-new.txt").write_text(
            "date: 2024-04-02\ntitle: A new harbour master\n\n"
            "Oskar Lindqvist was named harbour master of Port Elwin on Tuesday. "
            "Oskar Lindqvist starts in May.\n",
            encoding="utf-8",
        )
        app._update_index()
        await wait_for(pilot, lambda: "Oskar Lindqvist" in keys_shown(screen), timeout=20)
        assert app.screen is screen
        highlighted = screen.table.entity
        assert highlighted is not None and highlighted.key == "Port Elwin"
        port = next(e for e in screen.table.entities if e.key == "Port Elwin")
        assert port.articles == 4  # counted again: three before, and the new one


async def test_a_first_build_refreshes_the_browser_as_it_writes_entities(
    make_app: Callable[..., ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """While an update writes entities (a batch that changed articles, or a first build's
    entity pass) the open browser reads its list again, at most every
    ``ENTITIES_INTERVAL`` seconds, and says the list is still filling in; once the
    update ends it says what the keys do."""
    import reader.tui.app as app_module
    from reader.index.model import UpdateProgress
    from reader.tui.messages import IndexProgress
    from reader.tui.widgets.bars import StatusLine

    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_browser(pilot, app)
        reads: list[int] = []
        real = screen._read

        def counted() -> None:  # one read of the list (in place, or in a worker)
            reads.append(1)
            real()

        def status() -> str:
            return str(screen.query_one(StatusLine).render())

        monkeypatch.setattr(screen, "_read", counted)
        app._report = None  # as while an update runs
        app.context.load.loaded = False
        monkeypatch.setattr(app_module, "ENTITIES_INTERVAL", 0.0)
        app.post_message(IndexProgress(UpdateProgress(2, 4, phase="entities")))
        await wait_for(pilot, lambda: len(reads) == 1)
        await pilot.pause()
        assert "Still indexing entities (2 of 4 articles done)" in status()
        app.post_message(IndexProgress(UpdateProgress(3, 4, phase="files")))  # changed nothing
        await pilot.pause()
        await pilot.pause()
        assert len(reads) == 1
        app.post_message(IndexProgress(UpdateProgress(3, 4, changed=("a1",), phase="files")))
        await wait_for(pilot, lambda: len(reads) == 2)
        await pilot.pause()
        assert "Still indexing the corpus (3 of 4 files done)" in status()
        monkeypatch.setattr(app_module, "ENTITIES_INTERVAL", 3600.0)
        app.post_message(IndexProgress(UpdateProgress(4, 4, phase="entities")))
        await pilot.pause()
        await pilot.pause()
        assert len(reads) == 2  # within the interval
        app._update_index()  # a real update, which changes nothing: no re-read, the keys again
        await wait_for(pilot, lambda: app.context.load.loaded, timeout=20)
        await pilot.pause()
        assert len(reads) == 2
        assert "Enter: mentions" in status()


async def test_h_hides_an_entity_and_the_hidden_tab_shows_it_again(
    make_app: Callable[..., ReaderApp], store_path: Path
) -> None:
    """``H`` hides the highlighted entity everywhere (a correction in the store); the last
    tab lists the hidden ones, where ``H`` shows one again; articles follow both."""
    from reader.store import Store
    from reader.tui.screens.article import ArticleScreen
    from reader.tui.widgets.bars import StatusLine

    def stored_hides() -> list[str]:
        return [c.key for c in Store.open(store_path).entity_corrections() if c.op == "hide"]

    async def first_article_keys() -> set[str]:
        await pilot.press("escape", "enter")  # back to the list, open its first article
        article = app.screen
        assert isinstance(article, ArticleScreen) and "ferry terminal" in article.article.title
        keys = {m.key for m in article.mentions}
        await pilot.press("escape", "E")
        return keys

    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_browser(pilot, app)
        await pilot.press("shift+tab")  # All -> Hidden (the tabs wrap)
        assert keys_shown(screen) == []
        assert "No hidden entity" in str(screen.query_one(StatusLine).render())
        await pilot.press("tab")  # back to All
        screen.table.highlight("Port Elwin", "GPE")
        await pilot.press("H")
        await wait_for(pilot, lambda: "Port Elwin" not in keys_shown(screen))
        assert stored_hides() == ["Port Elwin"]
        assert "Port Elwin" not in await first_article_keys()

        screen = app.screen
        assert isinstance(screen, EntityBrowserScreen)
        await wait_for(pilot, lambda: screen.loaded)
        await pilot.press("shift+tab")
        assert keys_shown(screen) == ["Port Elwin"]
        await pilot.press("H")
        await wait_for(pilot, lambda: keys_shown(screen) == [])
        assert stored_hides() == []
        await pilot.press("tab")
        assert "Port Elwin" in keys_shown(screen)
        assert "Port Elwin" in await first_article_keys()
