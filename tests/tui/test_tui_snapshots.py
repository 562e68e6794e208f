"""Snapshots of the main screens at 80x24, on a corpus written here (stable text), run
from inside the tmp dir so the paths shown are relative and the same on every machine.
Update with ``pytest tests/tui --snapshot-update`` after a deliberate change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from tuikit import write_corpus

from reader.tui.app import ReaderApp


@pytest.fixture
def snap_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ReaderApp:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.chdir(tmp_path)
    write_corpus(tmp_path / "corpus")
    return ReaderApp(Path("corpus"), tmp_path / "store.json")


async def _loaded(pilot: Pilot[int]) -> None:
    app = pilot.app
    assert isinstance(app, ReaderApp)
    for _ in range(500):
        if app.loaded:
            break
        await pilot.pause(0.02)
    await pilot.pause()


def test_library_screen(snap_compare: Callable[..., bool], snap_app: ReaderApp) -> None:
    assert snap_compare(snap_app, terminal_size=(80, 24), run_before=_loaded)


def test_article_screen(snap_compare: Callable[..., bool], snap_app: ReaderApp) -> None:
    async def open_article(pilot: Pilot[int]) -> None:
        await _loaded(pilot)
        await pilot.press("enter", "j")

    assert snap_compare(snap_app, terminal_size=(80, 24), run_before=open_article)


def test_article_with_entity_panel_wide(snap_compare: Callable[..., bool], snap_app: ReaderApp) -> None:
    async def open_panel(pilot: Pilot[int]) -> None:
        await _loaded(pilot)
        await pilot.press("enter", "e", "down", "down")

    assert snap_compare(snap_app, terminal_size=(120, 30), run_before=open_panel)


def test_help_screen(snap_compare: Callable[..., bool], snap_app: ReaderApp) -> None:
    async def open_help(pilot: Pilot[int]) -> None:
        await _loaded(pilot)
        await pilot.press("question_mark")

    assert snap_compare(snap_app, terminal_size=(80, 24), run_before=open_help)
