"""Bytes on the wire in a real terminal: a cursor move must not repaint the whole screen.

The reader runs in tmux at 120x36 with truecolor, and ``tmux pipe-pane`` counts what it
writes. A list cursor move and a paragraph move are compared with one whole-screen frame
measured in the same run (a resize), so the check holds on any machine and has no clock in
it: a regression to whole-screen repaints sends about 0.8 of a frame per key, the two
changed rows about 0.05. An idle screen sends nothing. benchmarks/bench_wire.py prints the
figures for every screen.
"""

from __future__ import annotations

import shlex
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tuikit import ROOT, Tmux, WireMeter, poll, subprocess_env, tmux_server, write_corpus

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    with tmux_server("reader-wire") as server:
        yield server


def start(tmux: Tmux, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    env = subprocess_env()
    env.update(READER_CONFIG=str(tmp_path / "none.toml"), READER_CACHE=str(tmp_path / "cache"))
    exports = " ".join(
        f"{k}={shlex.quote(v)}"
        for k, v in env.items()
        if k in ("PYTHONPATH", "TEXTUAL_ANIMATIONS", "READER_CONFIG", "READER_CACHE")
    )
    store = tmp_path / "store.json"
    reader = f"{shlex.quote(sys.executable)} -m reader.cli {shlex.quote(str(corpus))} --store {shlex.quote(str(store))}"
    command = f"cd {shlex.quote(str(ROOT))} && env TERM=xterm-256color COLORTERM=truecolor {exports} {reader}; sleep 60"
    tmux("new-session", "-d", "-s", "reader", "-x", "120", "-y", "36", command)


def test_cursor_moves_send_a_fraction_of_a_frame(tmux: Tmux, tmp_path: Path) -> None:
    start(tmux, tmp_path)
    meter = WireMeter(tmux, "reader", tmp_path / "wire.log")

    def listed() -> bool:
        top = tmux.screen("reader").splitlines()[:1]
        return bool(top) and "4 articles" in top[0] and "loading" not in top[0] and "indexing" not in top[0]

    poll(listed, 30, "the list, loaded")
    frame = meter.full_redraw()
    assert frame > 5000, frame  # a whole 120x36 truecolor screen: the reference is real

    moves = [meter.press(key) for key in ("j", "j", "k", "k")]
    assert all(0 < sent < 0.3 * frame for sent in moves), (moves, frame)
    assert meter.idle(1.0) == 0

    meter.press("Enter")
    poll(lambda: "¶" in tmux.screen("reader"), 20, "the article")
    paragraph_moves = [meter.press(key) for key in ("j", "k")]
    assert all(0 < sent < 0.3 * frame for sent in paragraph_moves), (paragraph_moves, frame)
    assert meter.idle(1.0) == 0
