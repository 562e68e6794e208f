"""Plain terminals: which marks the reader draws, decided from the locale and TERM.

The decision is tested on environments (and once on a real interpreter started with
``LANG=C``, whose locale coercion rewrites ``LC_CTYPE``); every non-ASCII literal in
``reader/tui`` must have a stand-in in the table and be drawn through ``glyph()``; and a
pilot with ASCII on walks the list (wide and narrow), an article, the note editor, a
confirmation, the entity panel, the overview chart, the notes view and the help, reading
each screen back: no Unicode mark may be on it, and every non-ASCII character left must
come from the corpus (so Textual's own footer keys, borders and ellipses count too).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tuikit import ARTICLES, ROOT, wait_for, wait_loaded, write_corpus

from reader.articles import load_file
from reader.store import Store
from reader.tui import glyphs
from reader.tui.app import ReaderApp
from reader.tui.glyphs import ASCII, wants_ascii
from reader.tui.plain_chrome import KEY_WORDS
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.confirm import ConfirmScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.note_editor import NoteEditor
from reader.tui.screens.notes import NotesScreen
from reader.tui.screens.overview import OverviewScreen

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reach"))
from test_small_screens import screen_lines  # noqa: E402


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "C"}, True),
        ({"LANG": "C", "LC_CTYPE": "C.UTF-8"}, True),  # Python's coercion of LANG=C
        ({"LANG": "POSIX", "LC_CTYPE": "C.utf8"}, True),
        ({"LC_ALL": "C", "LANG": "en_GB.UTF-8"}, True),
        ({"LANG": "en_US.ISO-8859-1"}, True),
        ({"LANG": "de_DE@euro"}, True),
        ({"LANG": "en_GB.UTF-8", "TERM": "linux"}, True),
        ({"LANG": "C.UTF-8", "TERM": "vt100"}, True),
        ({"LANG": "en_GB.UTF-8", "TERM": "xterm-256color"}, False),
        ({"LANG": "C.UTF-8", "TERM": "tmux-256color"}, False),
        ({"LC_ALL": "en_US.utf8", "LANG": "C"}, False),
        ({"LC_CTYPE": "UTF-8"}, False),  # macOS spells it so
        ({}, False),  # no locale at all: Python works in UTF-8 (PEP 538/540), so does the reader
        ({"LANG": "en_GB.UTF-8", "READER_ASCII": "1"}, True),
        ({"LANG": "C", "TERM": "linux", "READER_ASCII": "0"}, False),
        ({"LANG": "C", "READER_ASCII": ""}, True),  # empty: no override
    ],
)
def test_decision(environ: dict[str, str], expected: bool) -> None:
    assert wants_ascii(environ) is expected


@pytest.mark.parametrize(("lang", "expected"), [("C", "True"), ("C.UTF-8", "False")])
def test_decision_in_a_real_interpreter(lang: str, expected: str) -> None:
    """A Python started under LANG=C sees LC_CTYPE=C.UTF-8 (PEP 538) and must still say ASCII."""
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), "LANG": lang, "TERM": "xterm"}
    script = (
        "import os; from reader.tui.glyphs import wants_ascii; "
        "print(os.environ.get('LC_CTYPE'), wants_ascii(os.environ))"
    )
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split()[-1] == expected, out


def test_every_stand_in_is_one_ascii_character() -> None:
    for mark, plain in ASCII.items():
        assert not mark.isascii() and len(mark) == 1, mark
        assert len(plain) == 1 and plain.isascii() and plain.isprintable(), (mark, plain)


WRAPPERS = frozenset({"glyph", "key_display"})  # the calls that pick a mark's table


def _unwrapped(tree: ast.Module) -> Iterator[ast.Constant]:
    """String constants drawn as they are: not a docstring, not inside ``glyph(...)``, and
    not a module-level constant (an UPPER_CASE name, which its users wrap; the pilot below
    sees them drawn)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))
        wrapped = isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in WRAPPERS
        if wrapped:
            skip.update(id(inner) for inner in ast.walk(node))
    for statement in tree.body:
        targets = statement.targets if isinstance(statement, ast.Assign) else []
        if isinstance(statement, ast.AnnAssign):
            targets = [statement.target]
        if targets and all(isinstance(t, ast.Name) and t.id.isupper() for t in targets):
            skip.update(id(inner) for inner in ast.walk(statement))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node


def test_every_mark_in_the_tui_goes_through_the_table() -> None:
    """A non-ASCII literal in reader/tui must have its stand-in in reader/tui/glyphs.py and
    reach the screen through ``glyph()``."""
    unknown: list[str] = []
    unwrapped: list[str] = []
    for path in sorted((ROOT / "reader" / "tui").rglob("*.py")):
        if path.name in ("glyphs.py", "plain_chrome.py"):  # the tables themselves
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for char in sorted({c for c in node.value if not c.isascii()} - set(ASCII) - set(KEY_WORDS)):
                    unknown.append(f"{path.relative_to(ROOT)}:{node.lineno}: {char!r}")
        for node in _unwrapped(tree):
            if not node.value.isascii():
                unwrapped.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert not unknown, "add these to reader/tui/glyphs.py ASCII:\n" + "\n".join(unknown)
    assert not unwrapped, "draw these through glyph() (reader/tui/glyphs.py):\n" + "\n".join(unwrapped)


def test_glyph_follows_the_choice() -> None:
    try:
        glyphs.use_ascii(True)
        assert glyphs.glyph("  ★ bookmarked  ·  ¶ 3") == "  * bookmarked  |  # 3"
        glyphs.use_ascii(False)
        assert glyphs.glyph("  ★ bookmarked") == "  ★ bookmarked"
    finally:
        glyphs.use_ascii(False)


@pytest.fixture
def ascii_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ReaderApp]:
    """The reader started with READER_ASCII=1, on a corpus with a bookmark and a note."""
    monkeypatch.setenv("READER_ASCII", "1")
    corpus = write_corpus(tmp_path / "corpus")
    store = Store.open(tmp_path / "store.json")
    [harbour], _ = load_file(corpus / "harbour.txt")
    store.set_bookmark(harbour, True)
    store.add_note(harbour, 0, "Ask the ferry company.\nAnd the mayor.")
    app = ReaderApp(corpus, tmp_path / "store.json")
    try:
        yield app
    finally:
        glyphs.use_ascii(False)  # the choice is process-wide: leave Unicode for the next test


CORPUS_CHARACTERS = {c for text in ARTICLES.values() for c in text if not c.isascii()}


def check_plain(app: ReaderApp, where: str) -> str:
    """The screen as text, after checking it holds no Unicode mark and no non-ASCII
    character that the corpus did not bring."""
    shown = "\n".join(screen_lines(app))
    marks = sorted(set(shown) & set(ASCII))
    assert not marks, f"{where}: Unicode marks on an ASCII screen: {marks}\n{shown}"
    foreign = sorted({c for c in shown if not c.isascii()} - CORPUS_CHARACTERS)
    assert not foreign, f"{where}: non-ASCII characters not from the corpus: {foreign}\n{shown}"
    return shown


async def test_ascii_screens(ascii_app: ReaderApp) -> None:
    app = ascii_app
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot, app)
        assert glyphs.ascii_on()
        shown = check_plain(app, "the list")
        harbour = next(line for line in shown.splitlines() if "Harbour authority" in line)
        assert "*n+" in harbour  # bookmarked, noted, unread
        assert "reader  |  " in shown.splitlines()[0]  # the title bar's separators
        await pilot.resize_terminal(56, 20)  # titles and sources cut short: no Rich ellipsis
        await pilot.pause()
        narrow = check_plain(app, "the narrow list")
        assert "Harbour authority opens new ferry terminal in Port Elwin" not in narrow
        await pilot.resize_terminal(100, 30)
        await pilot.pause()

        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await pilot.pause()
        shown = check_plain(app, "the article")
        assert "* bookmarked" in shown
        assert "# 1/3" in shown  # the paragraph counter
        assert "> " in shown and ": Ask the ferry company. / And the mayor." in shown  # cursor and note

        await pilot.press("n")  # the note editor: a bordered dialog with a quote
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
        await pilot.pause()
        shown = check_plain(app, "the note editor")
        assert "New note on #1" in shown and '"PORT ELWIN' in shown
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await pilot.press("x")  # deleting the note asks first: a dialog with buttons
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.pause()
        check_plain(app, "the confirmation")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))

        await pilot.press("e")
        await pilot.pause()
        shown = check_plain(app, "the entity panel")
        assert "x " in shown  # a type switched on

        await pilot.press("escape", "escape")
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen))
        await pilot.pause()
        shown = check_plain(app, "the overview")
        assert "#" in shown  # the chart's bars

        await pilot.press("escape", "N")  # the notes view: paragraph number and quote marks
        await wait_for(pilot, lambda: isinstance(app.screen, NotesScreen))
        await pilot.pause()
        shown = check_plain(app, "the notes")
        assert "#1" in shown and "Ask the ferry company." in shown

        await pilot.press("escape", "question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        shown = check_plain(app, "the help")
        assert "Down" in shown
