"""Snapshots of every screen, each at 80x24 and 120x40, reached by the keys a reader presses.

Nothing here calls the app's methods or pushes its screens: each test waits until the
library shows the loaded corpus, presses keys, and checks (before the snapshot) that the
screen it names is on top and shows the words it should, so a key that stops reaching its
screen fails with a message instead of quietly snapshotting the wrong thing.

Deterministic by construction: the corpus is written here (fixed text, fixed dates, two
files that cannot be read), the notes file is seeded through the store API (no toast, no
current date on screen), the config, store and index cache live in the test's tmp dir,
animations are off, text cursors do not blink, and the reader runs from the folder that
holds the corpus (``snap_home``), named relatively, so the article view shows
``corpus/harbour.txt``.

Update with ``pytest tests/tui/test_tui_snapshots.py --snapshot-update`` after a deliberate
change, and look at the SVGs (``__snapshots__/test_tui_snapshots/``) before committing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import textual.constants
from textual.pilot import Pilot
from tuikit import write_corpus

from reader.articles import load_file
from reader.store import Store
from reader.tui.app import ReaderApp

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])

SnapCompare = Callable[..., bool]


def _article(head: str, *paragraphs: str) -> str:
    """A file's text: the header lines, a blank line, the paragraphs apart by blank lines."""
    return head + "\n\n" + "\n\n".join(paragraphs) + "\n"


# Six articles over four months (one undated), a person and a place met across them (the
# mentions view and its timeline), and an empty file: with BINARY, the two problems.
CORPUS: dict[str, str] = {
    "bridge.txt": _article(
        " date 2024-04-05\ntitle: Brenn bridge reopens after the spring floods\nsource: Northern Ledger\n"
        "author: Maja Berg",
        "Ines Carvalho, the mayor of Port Elwin, reopened the Brenn bridge on Friday. Ines Carvalho said the "
        "crossing would cut forty minutes from the drive to the coast.",
        "The repairs cost 3.2 million euros, shared by the Varda Regional Council and the Harbour Authority.",
        "Tomas Lind, who drove the first lorry across, said growers in the Varda valley had waited since March.",
    ),
    "harbour.txt": _article(
        " date 2024-03-12\ntitle: Harbour authority opens new ferry terminal in Port Elwin\nsource: Coastal Post",
        "The Harbour Authority opened a new ferry terminal on Tuesday, the first in the town since 1998. Mayor "
        "Ines Carvalho cut the ribbon in front of about 300 residents.",
        "The terminal cost 42 million euros and will handle ferries to Norway and Denmark. Ines Carvalho said the "
        "Harbour Authority expected two million passengers a year.",
        "Fishermen in Port Elwin said the works had disturbed the spring catch, and asked the Harbour Authority "
        "for compensation.",
    ),
    "orchard.txt": _article(
        " date 2024-03-02\ntitle: Late frost damages orchards in the Varda valley\nsource: Valley Gazette",
        "Growers in the Varda valley counted losses on Saturday after a late frost hit apple and pear blossom "
        "across the region.",
        "The farmers' union said about 30 percent of the blossom was lost. Tomas Lind, who grows apples near "
        "Brenn, said it was the worst frost in a decade.",
    ),
    "council.md": _article(
        "---\ntitle: City council approves cycling budget\ndate: 2024-02-20\nsource: Coastal Post\n---",
        "The city council of Port Elwin approved a cycling budget of 5 million euros on Monday.",
        "Councillor Ama Mensah said the money would pay for 12 kilometres of new lanes.",
    ),
    "ferry-strike.txt": _article(
        " date 2024-01-15\ntitle: Ferry crews in Port Elwin strike over winter pay\nsource: Coastal Post",
        "Ferry crews in Port Elwin stopped work on Monday in a dispute over winter pay, stranding about 800 "
        "passengers.",
        "The Harbour Authority offered a 4 percent rise. Ines Carvalho urged both sides to meet again before the "
        "weekend.",
    ),
    "archive.txt": _article(
        "title: Notes from the town archive",
        "An undated look at the Port Elwin archive and the volunteers who keep its ledgers.",
    ),
    "empty.txt": "",
}
BINARY = "scan.txt"  # a scanned page saved under a text name: NUL bytes, reported as binary
NOTE = "Check the 42 million against the council minutes."
TYPED = "Who pays for the bridge"
QUERY = "person:Carvalho"


@pytest.fixture
def snap_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the reader runs in, holding ``corpus/``: the reader is started on the
    relative name ``corpus``, and every view names files as the corpus was named, so
    what the screen shows does not depend on where the test runs."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.chdir(home)
    return home


@pytest.fixture
def snap_app(snap_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ReaderApp:
    """The reader on the corpus above, with two bookmarks and a note already saved."""
    monkeypatch.delenv("NO_COLOR", raising=False)  # colour on, whatever the shell says
    monkeypatch.setenv("TERM", "xterm-256color")  # TERM=dumb would mean no colour too
    # Textual reads TEXTUAL_ANIMATIONS once, when first imported (by the snapshot plugin,
    # before any conftest), so the conftest's setenv never reaches it: set the value it
    # read, which each App copies when it is built.
    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")
    corpus = write_corpus(snap_home / "corpus", CORPUS)
    (corpus / BINARY).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 16)

    store_path = tmp_path / "store.json"
    store = Store.open(store_path)
    [bridge], _ = load_file(corpus / "bridge.txt")
    [harbour], _ = load_file(corpus / "harbour.txt")
    store.set_bookmark(bridge, True)
    store.set_bookmark(harbour, True)
    store.add_note(harbour, 1, NOTE)

    app = ReaderApp(Path("corpus"), store_path)
    assert app.animation_level == "none"
    return app


# -- reading the screen -------------------------------------------------------------------
_CELL = re.compile(
    r'<text class="[^"]*" x="[\d.]+" y="[\d.]+" textLength="[\d.]+" clip-path="url\(#[\w-]*?line-(\d+)\)">(.*?)</text>'
)


def screen_lines(pilot: Pilot[int]) -> list[str]:
    """What the terminal shows, one string per line (read from Textual's own SVG export)."""
    lines: dict[int, str] = {}
    for match in _CELL.finditer(pilot.app.export_screenshot()):
        number = int(match.group(1))
        lines[number] = lines.get(number, "") + html.unescape(match.group(2)).replace("\xa0", " ")
    return [lines.get(n, "") for n in range(max(lines, default=-1) + 1)]


async def wait_shows(pilot: Pilot[int], screen: str, *texts: str, timeout: float = 15.0) -> None:
    """Pause until the screen on top is ``screen`` (its class name) and every one of
    ``texts`` is on it (each within one line); bounded, never a fixed sleep."""
    waited = 0.0
    while True:
        name = type(pilot.app.screen).__name__
        shown = "\n".join(screen_lines(pilot))
        missing = [t for t in texts if t not in shown]
        if name == screen and not missing:
            return
        if waited > timeout:
            raise AssertionError(f"expected {screen} showing {missing}, got {name}:\n{shown}")
        await pilot.pause(0.05)
        waited += 0.05


async def library_loaded(pilot: Pilot[int]) -> None:
    """The list is filled and the index update is over (the problems are counted then)."""
    await wait_shows(pilot, "LibraryScreen", "6 articles", "Brenn bridge reopens", "2 file problem(s)", timeout=60)


async def type_text(pilot: Pilot[int], text: str) -> None:
    await pilot.press(*[{" ": "space", ":": "colon"}.get(ch, ch) for ch in text])


def steady_cursors(pilot: Pilot[int]) -> None:
    """A blinking cursor is on or off depending on when the snapshot is taken: keep it on."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False  # type: ignore[attr-defined]


# -- the screens --------------------------------------------------------------------------
@SIZES
def test_library(snap_compare: SnapCompare, snap_app: ReaderApp, size: tuple[int, int]) -> None:
    """Every article newest first by month, undated last; ★ bookmarked, ✎ noted, • unread."""

    async def run_before(pilot: Pilot[int]) -> None:
        await library_loaded(pilot)
        await wait_shows(pilot, "LibraryScreen", "April 2024", "Undated", "Notes from the town archive")

    assert snap_compare(snap_app, terminal_size=size, run_before=run_before)


@SIZES
def test_article(snap_compare: SnapCompare, snap_app: ReaderApp, size: tuple[int, int]) -> None:
    """The second article (Enter on it): header with its relative path, legend, the body with
    the paragraph cursor, and the saved note under its paragraph."""

    async def run_before(pilot: Pilot[int]) -> None:
        await library_loaded(pilot)
        await pilot.press("j", "enter")
        await wait_shows(pilot, "ArticleScreen", "corpus/harbour.txt", "★ bookmarked", NOTE[:30], "2 of 6")

    assert snap_compare(snap_app, terminal_size=size, run_before=run_before)


@SIZES
def test_article_entity_panel(snap_compare: SnapCompare, snap_app: ReaderApp, size: tuple[int, int]) -> None:
    """``e`` opens the entity panel (beside the body when wide, under it when narrow); the
    first entity is highlighted, and so are its mentions in the body."""

    async def run_before(pilot: Pilot[int]) -> None:
        await library_loaded(pilot)
        await pilot.press("j", "enter", "e", "down", "down")
        await wait_shows(pilot, "ArticleScreen", "● organisation", "Harbour Authority  3", "space Toggle type")

    assert snap_compare(snap_app, terminal_size=size, run_before=run_before)


@SIZES
def test_mentions(snap_compare: SnapCompare, snap_app: ReaderApp, size: tuple[int, int]) -> None:
    """``m`` on the first paragraph of the newest article: Ines Carvalho across the corpus,
    with the timeline, the articles and who is mentioned alongside."""

    async def run_before(pilot: Pilot[int]) -> None:
        await library_loaded(pilot)
        await pilot.press("enter", "m")
        await wait_shows(pilot, "MentionsScreen", "Ines Carvalho", "3 articles", "Mentioned alongside", "×2")

    assert snap_compare(snap_app, terminal_size=size, run_before=run_before)


@SIZES
def test_entity_browser(snap_compare: SnapCompare, snap_app: ReaderApp, size: tuple[int, int]) -> None:
    """``E``: the corpus's entities, most articles first, with counts, dates (from 96
    columns) and each one's sparkline once its months are read."""

    async def run_before(pilot: Pilot[int]) -> None:
        await library_loaded(pilot)
        await pilot.press("E")
        await wait_shows(pilot, "EntityBrowserScreen", "Ines Carvalho", "Harbour Authority", "Enter: mentions")
        table = pilot.app.screen.table  # type: ignore[attr-defined]
        waited = 0.0
        while table._fetching or table._wanted:  # every sparkline on screen drawn
            assert waited < 15, "the sparklines never came"
            await pilot.pause(0.05)
            waited += 0.05
        await pilot.pause()
        steady_cursors(pilot)

    assert snap_compare(snap_app, terminal_size=size, run_before=run_before)


@SIZES
def test_notes_view(snap_compare: SnapCompare, snap_app: ReaderApp, size: tuple[int, int]) -> None:
    """``N``: the saved note with its article, date, paragraph and quoted passage."""

    async def run_before(pilot: Pilot[int]) -> None:
        await library_loaded(pilot)
        await pilot.press("N")
        await wait_shows(pilot, "NotesScreen", "1 note", NOTE, "¶2")

    assert snap_compare(snap_app, terminal_size=size, run_before=run_before)


@SIZES
def test_bookmarks_view(snap_compare: SnapCompare, snap_app: ReaderApp, size: tuple[int, int]) -> None:
    """``B``: the two bookmarked articles, newest first."""

    async def run_before(pilot: Pilot[int]) -> None:
        await library_loaded(pilot)
        await pilot.press("B")
        await wait_shows(pilot, "BookmarksScreen", "2 bookmarked", "Brenn bridge reopens", "Harbour authority opens")

    assert snap_compare(snap_app, terminal_size=size, run_before=run_before)


@SIZES
def test_help(snap_compare: SnapCompare, snap_app: ReaderApp, size: tuple[int, int]) -> None:
    """``?`` over the list: every key, by place (the first sections fit on screen)."""

    async def run_before(pilot: Pilot[int]) -> None:
        await library_loaded(pilot)
        await pilot.press("question_mark")
        await wait_shows(pilot, "HelpScreen", "Keys", "Everywhere", "Command palette")

    assert snap_compare(snap_app, terminal_size=size, run_before=run_before)


@SIZES
def test_corpus_overview(snap_compare: SnapCompare, snap_app: ReaderApp, size: tuple[int, int]) -> None:
    """``o`` on the list: totals, the date range, articles per month and the top sources
    (all from the articles' own dates: nothing depends on today)."""

    async def run_before(pilot: Pilot[int]) -> None:
        await library_loaded(pilot)
        await pilot.press("o")
        await wait_shows(pilot, "OverviewScreen", "From 2024-01-15 to 2024-04-05", "Articles per month", "Top sources")

    assert snap_compare(snap_app, terminal_size=size, run_before=run_before)


@SIZES
def test_problems(snap_compare: SnapCompare, snap_app: ReaderApp, size: tuple[int, int]) -> None:
    """The problems view, from the command palette (Ctrl+P, "show problems", Enter): the
    empty and the binary file, each with why it was skipped."""

    async def run_before(pilot: Pilot[int]) -> None:
        await library_loaded(pilot)
        await pilot.press("ctrl+p")
        await wait_shows(pilot, "CommandPalette")
        await type_text(pilot, "show problems")
        await wait_shows(pilot, "CommandPalette", "Files that could not be read")  # the hit is listed
        await pilot.press("enter")
        await wait_shows(  # "Close": its footer's key
            pilot,
            "TextViewScreen",
            "2 file problem(s)",
            "corpus/empty.txt: empty file",
            "corpus/scan.txt: binary",
            "Close",
        )

    assert snap_compare(snap_app, terminal_size=size, run_before=run_before)


@SIZES
def test_note_editor(snap_compare: SnapCompare, snap_app: ReaderApp, size: tuple[int, int]) -> None:
    """``n`` on the second paragraph of the newest article, with a note being typed."""

    async def run_before(pilot: Pilot[int]) -> None:
        await library_loaded(pilot)
        await pilot.press("enter", "j", "n")
        await wait_shows(pilot, "NoteEditor", "New note on ¶2")
        await type_text(pilot, TYPED)
        steady_cursors(pilot)
        await wait_shows(pilot, "NoteEditor", TYPED, "Ctrl+S save")

    assert snap_compare(snap_app, terminal_size=size, run_before=run_before)


@SIZES
def test_filter_bar(snap_compare: SnapCompare, snap_app: ReaderApp, size: tuple[int, int]) -> None:
    """``/`` and a query typed: the list narrowed to the matches, their count beside it."""

    async def run_before(pilot: Pilot[int]) -> None:
        await library_loaded(pilot)
        await pilot.press("slash")
        await type_text(pilot, QUERY)
        steady_cursors(pilot)
        await wait_shows(pilot, "LibraryScreen", QUERY, "3 matches", "3 shown")

    assert snap_compare(snap_app, terminal_size=size, run_before=run_before)
