"""The reader at 80x24 and 60x20: what must be on screen is on screen.

Each flow (library, article, entity panel, note editor, corpus overview) runs in a pilot at
both sizes; the screen is read back as text from Textual's own screenshot, so the test sees
what a terminal would show, clipping included.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tui"))
from tuikit import wait_for, wait_loaded, write_corpus  # noqa: E402

from reader.tui.app import ReaderApp  # noqa: E402
from reader.tui.screens.article import ArticleScreen  # noqa: E402
from reader.tui.screens.note_editor import NoteEditor  # noqa: E402
from reader.tui.screens.overview import OverviewScreen  # noqa: E402

SIZES = [(80, 24), (60, 20)]
_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="([\d.]+)" '
    r'clip-path="url\(#terminal-(?:\d+-)?line-(\d+)\)">([^<]*)</text>'
)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("READER_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("READER_STORE", raising=False)


def screen_lines(app: ReaderApp) -> list[str]:
    """The screen as plain text lines, from the SVG screenshot: each run of text carries
    its line number and x position (blank runs are left out of the SVG, so place by x)."""
    width, height = app.size
    grid = [[" "] * width for _ in range(height)]
    for x, length, line, text in _TEXT.findall(app.export_screenshot()):
        text = html.unescape(text).replace("\xa0", " ")
        if not text:
            continue
        cell = float(length) / len(text)
        column = round(float(x) / cell)
        for offset, char in enumerate(text):
            if 0 <= column + offset < width and int(line) < height:
                grid[int(line)][column + offset] = char
    return ["".join(row).rstrip() for row in grid]


def footer(app: ReaderApp) -> str:
    return screen_lines(app)[-1]


def make(tmp_path: Path) -> ReaderApp:
    return ReaderApp(write_corpus(tmp_path / "corpus"), tmp_path / "store.json")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_library_fits(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make(tmp_path)
    async with app.run_test(size=size) as pilot:
        await wait_loaded(pilot, app)
        lines = screen_lines(app)
        assert len(lines) == size[1]
        assert "4 articles" in lines[0]
        rows = [line for line in lines if "2024-03-12" in line]
        assert rows and "Harbour authority" in rows[0]  # date and title on one row
        assert any("undated" in line and "Notes from the town archive" in line for line in lines)
        for key in ("Open", "q Quit", "? Help"):
            assert key in footer(app), footer(app)
        assert all(len(line) <= size[0] for line in lines)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_article_and_entity_panel_fit(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make(tmp_path)
    async with app.run_test(size=size) as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await pilot.pause()
        lines = screen_lines(app)
        text = "\n".join(lines)
        assert "Harbour authority opens new ferry terminal" in lines[0]
        assert "2024-03-12" in lines[1]
        assert "O organisation" in text and "P person" in text  # legend with type letters
        assert "PORT ELWIN" in text and "Ines Carvalho" in text
        for key in ("esc Back", "[]", "e Entities", "q Quit", "? Help"):
            assert key in footer(app), footer(app)

        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen) and screen.panel.display
        lines = screen_lines(app)
        text = "\n".join(lines)
        # narrow: the panel folds under the body; both stay readable
        assert "organisation" in text and "Harbour Authority" in text
        assert "PORT ELWIN" in text
        assert screen.panel.region.height >= 5 and screen.body.region.height >= 3
        assert "Toggle type" in footer(app)

        await pilot.press("escape")  # leaves the article (the panel had focus)
        await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_note_editor_fits(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make(tmp_path)
    async with app.run_test(size=size) as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
        await pilot.press(*"ferry note")
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "New note on ¶1" in text
        assert "ferry note" in text  # what is typed is visible
        assert "Ctrl+S save" in text and "Escape cancel" in text
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        assert any(note.text == "ferry note" for note in app.userdata.notes_for(app.screen.article.id))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_overview_fits(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make(tmp_path)
    async with app.run_test(size=size) as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen))
        await pilot.pause()
        lines = screen_lines(app)
        text = "\n".join(lines)
        assert "4 articles" in text and "3 dated, 1 undated" in text
        assert "From 2024-02-20 to 2024-03-12" in text
        assert "Articles per month" in text
        assert any("█" in line and "│" in line for line in lines)  # the bars and the axis
        assert any("2024-02" in line and "2024-03" in line and "█" not in line for line in lines)
        assert "Top sources" in text and "Coastal Post" in text
        assert "esc Back" in footer(app) and "q Quit" in footer(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, OverviewScreen)


async def test_overview_from_the_command_palette(tmp_path: Path) -> None:
    app = make(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Corpus overview")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen))


async def test_overview_reads_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The figures come from the articles in memory: opening the overview opens no file."""
    app = make(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        opened: list[str] = []
        real_open = Path.open

        def spy(self: Path, *args: object, **kwargs: object) -> object:
            opened.append(str(self))
            return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr(Path, "open", spy)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen))
        await pilot.pause()
        assert not [p for p in opened if "corpus" in p]


async def test_entity_panel_on_a_tiny_terminal_leaves_text_and_footer(tmp_path: Path) -> None:
    """At 40x12 the entity panel folds under the body: the two share the height, so a few
    lines of the article stay readable and the footer keeps its row."""
    app = make(tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("enter", "e")
        screen = app.screen
        assert isinstance(screen, ArticleScreen) and screen.panel.display
        await pilot.pause()
        assert screen.body.region.height >= 3
        assert screen.panel.region.height >= 2
        assert "esc Back" in footer(app), footer(app)  # the footer keeps its row
