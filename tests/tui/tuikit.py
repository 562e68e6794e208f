"""Helpers for the TUI tests: a small original corpus, an app factory and waiting for the
loader. A module of its own name (not conftest) so tests can import it."""

from __future__ import annotations

import os
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from textual.pilot import Pilot

from reader.tui.app import ReaderApp

ROOT = Path(__file__).resolve().parents[2]

ARTICLES: dict[str, str] = {
    "harbour.txt": """ date 2024-03-12
title: Harbour authority opens new ferry terminal in Port Elwin
source: Coastal Post

PORT ELWIN — The Harbour Authority opened a new ferry terminal on Tuesday, the first in the town since 1998. Mayor Ines Carvalho cut the ribbon in front of about 300 residents.

The terminal cost 42 million euros and will handle ferries to Norway and Denmark. Ines Carvalho said the Harbour Authority expected two million passengers a year.

Fishermen in Port Elwin said the works had disturbed the spring catch, and asked the Harbour Authority for compensation.
""",
    "orchard.txt": """ date 2024-03-02
title: Late frost damages orchards in the Varda valley
source: Valley Gazette

Growers in the Varda valley counted losses on Saturday after a late frost hit apple and pear blossom across the region.

The farmers' union said about 30 percent of the blossom was lost. Tomas Lind, who grows apples near Brenn, said it was the worst frost in a decade.
""",
    "council.md": """---
title: City council approves cycling budget
date: 2024-02-20
source: Coastal Post
---

The city council of Port Elwin approved a cycling budget of 5 million euros on Monday.

Councillor Ama Mensah said the money would pay for 12 kilometres of new lanes.
""",
    "archive.txt": """title: Notes from the town archive

An undated look at the Port Elwin archive and the volunteers who keep its ledgers.
""",
}


def write_corpus(root: Path, articles: dict[str, str] | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in (articles or ARTICLES).items():
        (root / name).write_text(text, encoding="utf-8")
    return root


async def wait_loaded(pilot: Pilot[int], app: ReaderApp, timeout: float = 10.0) -> None:
    """Pause until the loader's last batch is in (bounded, never a fixed sleep)."""
    waited = 0.0
    while not app.loaded:
        await pilot.pause(0.02)
        waited += 0.02
        if waited > timeout:
            raise AssertionError("the corpus did not finish loading")
    await pilot.pause()


async def wait_for(pilot: Pilot[int], condition: object, timeout: float = 5.0) -> None:
    assert callable(condition)
    waited = 0.0
    while not condition():
        await pilot.pause(0.02)
        waited += 0.02
        if waited > timeout:
            raise AssertionError("condition not reached")


def subprocess_env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TEXTUAL_ANIMATIONS": "none"}
    env.pop("NO_COLOR", None)
    env.pop("READER_STORE", None)
    return env


class Tmux:
    """A tmux server on a private socket, so a developer's own sessions are never touched."""

    def __init__(self, prefix: str = "reader-test") -> None:
        self.socket = f"{prefix}-{uuid.uuid4().hex[:10]}"

    def __call__(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args], capture_output=True, text=True, timeout=20
        )
        return result.stdout

    def screen(self, target: str = "reader", escapes: bool = False) -> str:
        return self("capture-pane", "-p", *(["-e"] if escapes else []), "-t", target)


@contextmanager
def tmux_server(prefix: str = "reader-test") -> Iterator[Tmux]:
    server = Tmux(prefix)
    try:
        yield server
    finally:
        server("kill-server")  # this test's private server only


def poll(condition: Callable[[], bool], timeout: float = 20.0, what: str = "condition") -> None:
    """Wait for ``condition``, bounded; never a fixed sleep."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


class WireMeter:
    """Counts the bytes a program writes to its terminal, through ``tmux pipe-pane``.

    The pane's output is appended to ``log``; ``settle`` waits until nothing more arrives for
    ``quiet`` seconds (bounded), and ``press`` sends one key and returns the bytes it caused.
    What a reader on a slow link pays for a keystroke is exactly these bytes."""

    def __init__(self, tmux: Tmux, target: str, log: Path, quiet: float = 0.4) -> None:
        self.tmux, self.target, self.log, self.quiet = tmux, target, log, quiet
        log.touch()
        tmux("pipe-pane", "-o", "-t", target, f"cat >> {log}")

    def size(self) -> int:
        try:
            return self.log.stat().st_size
        except FileNotFoundError:
            return 0

    def settle(self, changed_from: int | None = None, timeout: float = 20.0) -> int:
        """Wait until the output stops (first, when ``changed_from`` is given, until it grew
        past it: a key's reply may come after a busy moment). Returns the size then."""
        deadline = time.monotonic() + timeout
        if changed_from is not None:
            reply_by = min(deadline, time.monotonic() + 3.0)  # a key may also change nothing
            while self.size() == changed_from and time.monotonic() < reply_by:
                time.sleep(0.02)
        last, quiet_since = self.size(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.05)
            now = self.size()
            if now != last:
                last, quiet_since = now, time.monotonic()
            elif time.monotonic() - quiet_since >= self.quiet:
                break
        return last

    def press(self, key: str) -> int:
        """Send ``key`` (a tmux key name) and return the bytes written until the screen is quiet."""
        before = self.settle()
        self.tmux("send-keys", "-t", self.target, key)
        return self.settle(changed_from=before) - before

    def idle(self, seconds: float = 1.0) -> int:
        """Bytes written during ``seconds`` with no key pressed."""
        before = self.settle()
        time.sleep(seconds)
        return self.size() - before

    def screen_bytes(self) -> int:
        """The bytes of the whole screen with its colours, as tmux itself would write it
        (``capture-pane -e``): the least a whole-screen repaint costs, and so the reference a
        cursor move is compared with. (Textual writes a whole frame in more bytes than this,
        and answers a resize with several frames, so a resize is no clean reference.)"""
        self.settle()
        return len(self.tmux.screen(self.target, escapes=True).encode())
