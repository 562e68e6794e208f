"""The reader in a real terminal (tmux): what only a terminal shows.

Entity words must arrive with colour escapes; a hostile article must not change the
pane title (OSC 0), create a paste buffer (OSC 52) or otherwise reach the terminal; and
pressing ``b`` must write the store. The tmux server runs on its own socket so the
developer's sessions are never touched, and every wait is a bounded poll.
"""

from __future__ import annotations

import json
import shlex
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tuikit import ROOT, Tmux, poll, subprocess_env, tmux_server, write_corpus

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

HOSTILE = (
    " date 2030-01-01\n"
    "title: Hostile [bold]title[/bold] [@click=app.quit]x[/] \x1b]0;PWNED-TITLE\x07 end\n\n"
    "Clipboard \x1b]52;c;UFdORUQ=\x07 here, title again \x1b]2;PWNED-TWO\x1b\\ there, "
    "link \x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\ and clear \x1b[2J and "
    "C1 \x9b2J and \x9d0;PWNED-C1\x9c and bell \x07 and del \x7f done.\n\n"
    "Second paragraph with \x1bP1$qm\x1b\\ a DCS request.\n"
)


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    with tmux_server("reader-test") as server:
        yield server


def start_reader(tmux: Tmux, tmp_path: Path, corpus: Path, store: Path) -> str:
    env = subprocess_env()
    env.update(TERM="xterm-256color", COLORTERM="truecolor")
    exports = " ".join(
        f"{k}={shlex.quote(v)}"
        for k, v in env.items()
        if k in ("PYTHONPATH", "TEXTUAL_ANIMATIONS", "COLORTERM", "READER_CONFIG", "READER_CACHE")
    )
    reader = f"{shlex.quote(sys.executable)} -m reader.cli {shlex.quote(str(corpus))} --store {shlex.quote(str(store))}"
    command = f"cd {shlex.quote(str(ROOT))} && env {exports} {reader}; sleep 60"
    tmux("new-session", "-d", "-s", "reader", "-x", "100", "-y", "30", command)
    tmux("set-option", "-g", "set-clipboard", "on")
    tmux("set-option", "-g", "allow-rename", "on")
    return "reader"


def test_real_terminal(tmux: Tmux, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    (corpus / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    store = tmp_path / "store.json"
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("READER_CACHE", str(tmp_path / "cache"))

    # The check is only meaningful if this tmux does honour those sequences: prove it on a
    # throwaway session first (OSC 52 makes a buffer, OSC 0 sets the title).
    tmux("new-session", "-d", "-s", "control", "-x", "80", "-y", "10", "sleep 60")
    tmux("set-option", "-g", "set-clipboard", "on")
    canary = tmp_path / "canary.sh"
    canary.write_text("printf '\\033]0;CANARY\\007\\033]52;c;Y2FuYXJ5\\007'; sleep 60\n")
    tmux("respawn-pane", "-k", "-t", "control", f"sh {shlex.quote(str(canary))}")
    poll(lambda: tmux("display", "-p", "-t", "control", "#{pane_title}").strip() == "CANARY", 10, "the canary title")
    poll(lambda: bool(tmux("list-buffers").strip()), 10, "the canary buffer")
    tmux("kill-session", "-t", "control")
    tmux("delete-buffer")
    assert tmux("list-buffers").strip() == ""

    target = start_reader(tmux, tmp_path, corpus, store)
    title_before = tmux("display", "-p", "-t", target, "#{pane_title}").strip()
    # the hostile article is newest (2030): it is the first row (the header's count can be
    # painted a frame before the rows: wait for both); open it
    poll(
        lambda: "5 articles" in (shown := tmux.screen(target)) and "Hostile [bold]title[/bold]" in shown,
        what="the list",
    )
    tmux("send-keys", "-t", target, "Enter")
    poll(lambda: "Clipboard" in tmux.screen(target), what="the hostile article")
    time.sleep(0.3)  # let any stray sequence reach tmux before looking (not an assertion)
    shown = tmux.screen(target)
    assert "[@click=app.quit]x[/]" in shown
    assert "PWNED" not in shown and "UFdORUQ" not in shown
    assert tmux("display", "-p", "-t", target, "#{pane_title}").strip() == title_before
    assert tmux("list-buffers").strip() == ""

    # an ordinary article: entity words carry colour escapes
    tmux("send-keys", "-t", target, "]")
    poll(lambda: "Ines Carvalho" in tmux.screen(target), what="the harbour article")
    coloured = tmux.screen(target, escapes=True)
    line = next(row for row in coloured.splitlines() if "Ines Carvalho" in row)
    before = line[: line.index("Ines Carvalho")]
    assert "\x1b[" in before and ("38;2;" in before or "38;5;" in before), repr(before[-40:])

    # b writes the store
    tmux("send-keys", "-t", target, "b")

    def bookmarks() -> int:
        try:
            return len(json.loads(store.read_text(encoding="utf-8"))["bookmarks"])
        except (OSError, ValueError, KeyError):
            return 0

    poll(lambda: bookmarks() == 1, what="the bookmark in the store file")
    tmux("send-keys", "-t", target, "q")
    poll(lambda: "5 articles" not in tmux.screen(target), what="the reader to quit")
    assert tmux("display", "-p", "-t", target, "#{pane_title}").strip() == title_before
