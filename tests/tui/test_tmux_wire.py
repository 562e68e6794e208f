"""Bytes on the wire in a real terminal: a cursor move must not repaint the whole screen.

The reader runs in tmux at 120x36 with truecolor, and ``tmux pipe-pane`` counts what it
writes. A list cursor move and a paragraph move are compared with the whole screen's
bytes taken in the same run (``capture-pane -e``, the least a whole-screen repaint costs),
so the check holds on any machine and has no clock in it: a regression to whole-widget
repaints sends more than the screen itself per key (~16 kB against ~12 kB), the two
changed rows under a tenth of it. An idle screen sends nothing. benchmarks/bench_wire.py prints the
figures for every screen.
"""

from __future__ import annotations

import shlex
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tuikit import ROOT, Tmux, WireMeter, poll, subprocess_env, tmux_server

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    with tmux_server("reader-wire") as server:
        yield server


def start(tmux: Tmux, tmp_path: Path) -> None:
    corpus = ROOT / "articles"  # the bundled sample: enough rows to fill the screen (only read)
    env = subprocess_env()
    env.update(READER_CONFIG=str(tmp_path / "none.toml"), READER_CACHE=str(tmp_path / "cache"))
    exports = " ".join(
        f"{k}={shlex.quote(v)}"
        for k, v in env.items()
        if k in ("PYTHONPATH", "TEXTUAL_ANIMATIONS", "READER_CONFIG", "READER_CACHE")
    )
    store = tmp_path / "store.json"
    reader = f"{shlex.quote(sys.executable)} -m reader.cli {shlex.quote(str(corpus))} --store {shlex.quote(str(store))}"
    # COLUMNS/LINES from the test runner would reach the app through the tmux server's
    # environment and pin it to 80 columns whatever the window's size.
    terminal = "env -u COLUMNS -u LINES TERM=xterm-256color COLORTERM=truecolor"
    command = f"cd {shlex.quote(str(ROOT))} && {terminal} {exports} {reader}; sleep 60"
    tmux("new-session", "-d", "-s", "reader", "-x", "120", "-y", "36", command)


def test_cursor_moves_send_a_fraction_of_the_screen(tmux: Tmux, tmp_path: Path) -> None:
    start(tmux, tmp_path)
    meter = WireMeter(tmux, "reader", tmp_path / "wire.log")

    def listed() -> bool:
        top = tmux.screen("reader").splitlines()[:1]
        return bool(top) and " articles" in top[0] and "loading" not in top[0] and "indexing" not in top[0]

    poll(listed, 30, "the list, loaded")
    screen = meter.screen_bytes()
    assert screen > 5000, screen  # a whole 120x36 truecolor screen of rows: the reference is real

    meter.press("g")  # from the first row, wherever the first index build left the cursor
    moves = [meter.press(key) for key in ("j", "j", "k", "k")]  # near the top: no scroll
    assert all(0 < sent < 0.3 * screen for sent in moves), (moves, screen)
    assert meter.idle(1.0) == 0

    meter.press("Enter")
    poll(lambda: "¶" in tmux.screen("reader"), 20, "the article")
    screen = meter.screen_bytes()
    paragraph_moves = [meter.press(key) for key in ("j", "k")]
    assert all(0 < sent < 0.3 * screen for sent in paragraph_moves), (paragraph_moves, screen)
    assert meter.idle(1.0) == 0
