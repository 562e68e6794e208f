"""Key bursts: keys that arrive together (laggy SSH, a paste, a key held down) must never
crash the reader, whatever screen they land on, mounted or not yet.

A terminal hands a burst over in one read: the driver posts every key to the app before
the app has handled the first, so a second Enter can reach a screen that was pushed but is
not mounted yet, or one already going away. ``Pilot.press`` waits for the app to go idle
after each key and never sends a burst; ``send_burst`` posts the same ``Key`` events that
``App._press_keys`` builds, back to back with no wait between them, and the test waits
once, after the whole burst.

The keys are every key bound by the app and by every screen and widget class of
``reader.tui`` (with what they inherit from Textual), read from their binding lists, so a
new binding joins the bursts by itself; plus the keys people lean on (enter, escape, the
arrows, j/k/g/G, tab), drawn half the time. Left out: the keys that end the app (q,
ctrl+q, ctrl+c), which only ``test_bursts_that_end_in_quit`` sends, last; ctrl+p is in no
binding list (its palette could quit or write a screenshot file) and stays out.

The first article of a session is where screens are still being built (the article
screen is made once and kept), so the seeded runs start a fresh app every few bursts, on
the same store and cache. Two parts: Pilot (in-process) and tmux (the real reader in a
terminal, each burst one ``send-keys`` call), on the bundled corpus and on a one-article
corpus.

``READER_BURST_LOG=/some/file.txt`` collects the crashes found, one entry per place they
were raised, with the keys that triggered each (for whoever fixes them).
"""

from __future__ import annotations

import importlib
import io
import json
import os
import pkgutil
import random
import re
import shlex
import shutil
import subprocess
import sys
import time
import traceback
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rich.console import Console
from textual import events
from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from tuikit import ROOT, Tmux, poll, subprocess_env, tmux_server, wait_for

import reader.tui
from reader.index.model import ArticleRow
from reader.tui.app import ReaderApp
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.confirm import ConfirmScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.widgets.article_list import ArticleList

BUNDLED = ROOT / "articles"
CORPORA = ["bundled", "one-article"]
SIZE = (100, 30)
ENDS_THE_APP = frozenset({"q", "ctrl+q", "ctrl+c"})
QUIT_KEYS = ("q", "ctrl+q")
LEANED_ON = ("enter", "escape", "up", "down", "left", "right", "j", "k", "g", "G", "tab")
SEEDS = (1, 2, 3, 4, 5)
PILOT_BURSTS = 40  # per seeded test, a fresh app every SESSION_BURSTS
SESSION_BURSTS = 10
FRESH_APPS = 12  # the two-Enter case: the user's report was 10 crashes in 12
TMUX_BURSTS = 20  # per corpus, a fresh reader every TMUX_SESSION_BURSTS
TMUX_SESSION_BURSTS = 5
TMUX_FRESH_READERS = 5

Burst = tuple[str, ...]


# -- the keys -----------------------------------------------------------------------------
def binding_keys() -> dict[str, set[str]]:
    """Every key bound by a screen, widget or app class of ``reader.tui`` (with the
    bindings it inherits), and which classes bind it. Lists of bindings kept for the help
    screen only (``FilterBar.KEYS_HELP``: keys its child widgets handle) count too."""
    for info in pkgutil.walk_packages(reader.tui.__path__, "reader.tui."):
        importlib.import_module(info.name)
    found: dict[str, set[str]] = {}
    for name, module in list(sys.modules.items()):
        if name != "reader.tui" and not name.startswith("reader.tui."):
            continue
        for cls in list(vars(module).values()):
            if not (isinstance(cls, type) and issubclass(cls, DOMNode) and cls.__module__ == name):
                continue
            maps = [cls._merge_bindings()]
            maps += [
                BindingsMap(value)
                for attr, value in vars(cls).items()
                if attr != "BINDINGS"
                and isinstance(value, list)
                and value
                and all(isinstance(b, Binding) for b in value)
            ]
            for bindings in maps:
                for key in bindings.key_to_bindings:
                    found.setdefault(key, set()).add(cls.__qualname__)
    return found


def key_pool() -> list[str]:
    return sorted((set(binding_keys()) | set(LEANED_ON)) - ENDS_THE_APP)


def draw_key(rng: random.Random, pool: Sequence[str]) -> str:
    """One of the leaned-on keys half the time (open, back, move: where screens come and
    go), else any key of the pool."""
    return rng.choice(LEANED_ON if rng.random() < 0.5 else pool)


def draw_bursts(seed: int, count: int, pool: Sequence[str]) -> list[Burst]:
    """``count`` bursts of 2 to 8 keys."""
    rng = random.Random(seed)
    return [tuple(draw_key(rng, pool) for _ in range(rng.randint(2, 8))) for _ in range(count)]


def draw_quit_bursts(seed: int, count: int, pool: Sequence[str]) -> list[Burst]:
    """``count`` bursts of 1 to 5 keys and then q or ctrl+q."""
    rng = random.Random(seed)
    return [
        tuple(draw_key(rng, pool) for _ in range(rng.randint(1, 5))) + (rng.choice(QUIT_KEYS),) for _ in range(count)
    ]


def test_the_pool_is_the_bindings() -> None:
    """The pool is read from the binding lists (a sample of every screen's keys is in it)
    and holds no key that ends the app."""
    pool = set(key_pool())
    sample = "enter left_square_bracket right_square_bracket e n m greater_than_sign slash o question_mark space"
    for key in (sample + " ctrl+s y x c b N B pagedown tab shift+tab").split():
        assert key in pool, key
    assert not pool & ENDS_THE_APP


# -- sending a burst ----------------------------------------------------------------------
def key_event(app: App[int], key: str) -> events.Key:
    """The ``Key`` event ``App._press_keys`` (what ``Pilot.press`` calls) builds for ``key``."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    char: str | None
    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    return event


def send_burst(app: App[int], burst: Burst) -> None:
    """Queue every key of the burst before the app handles the first: ``_press_keys``
    (which hands each key to the driver, which posts it to the app) without its waits for
    idle between keys."""
    for key in burst:
        if not app.post_message(key_event(app, key)):
            break  # the app is closing: a quit key earlier in the burst


def alive(app: App[int]) -> bool:
    return app._exception is None and app.return_code is None and app.is_running


def first_row(app: ReaderApp) -> ArticleRow | None:
    """The highlighted row of the list, once the library screen shows one."""
    screen = app.screen
    if not isinstance(screen, LibraryScreen) or not screen.is_mounted:
        return None
    lists = screen.query(ArticleList)
    return lists.first().article if lists else None


async def wait_first_row(pilot: Pilot[int], app: ReaderApp) -> ArticleRow:
    """Until the list shows an article: what a user waits for before the first key (the
    index may still be catching up with the folder underneath)."""
    await wait_for(pilot, lambda: first_row(app) is not None or not alive(app), timeout=30)
    row = first_row(app)
    assert row is not None, "the reader died before showing the list"
    return row


async def settle(pilot: Pilot[int], rounds: int = 3) -> None:
    """Let what the burst set off (screens mounting, timers, workers) run."""
    for _ in range(rounds):
        await pilot.pause()
    await pilot.pause(0.05)


async def quit_app(pilot: Pilot[int], app: ReaderApp) -> None:
    """ctrl+q, and yes to "quit and lose the note?" if asked."""
    for _ in range(3):
        if not alive(app):
            return
        if isinstance(app.screen, ConfirmScreen) and "Quit" in app.screen.question:
            await pilot.press("y")
        else:
            await pilot.press("ctrl+q")
        await settle(pilot, 1)


# -- a run of bursts ----------------------------------------------------------------------
@dataclass
class Run:
    """One session's bursts and what became of them."""

    label: str
    plan: list[Burst]
    offset: int = 0  # bursts of the same seed that earlier sessions sent
    total: int = 0  # bursts of the seed in all
    done: list[Burst] = field(default_factory=list)
    first_row: ArticleRow | None = None  # the highlighted row before the first burst
    looks: list[object] = field(default_factory=list)  # what ``look`` saw after each burst
    quitting: bool = False  # the bursts are over; ctrl+q was pressed
    crash: BaseException | None = None
    trace: str = ""
    quit_code: int | None = None

    def keys(self) -> str:
        """The burst that was sent last, and the ones before it in this session."""
        if not self.done:
            return "(before any key)"
        before = " | ".join(" ".join(b) for b in self.done[:-1][-4:])
        last = " ".join(self.done[-1]) + ("  then ctrl+q after a pause" if self.quitting else "")
        return last + (f"  (after: {'... | ' if len(self.done) > 5 else ''}{before})" if before else "")

    def where(self) -> str:
        number = self.offset + len(self.done)
        return f"{self.label}, burst {number} of {self.total or len(self.plan)}: {self.keys()}"


async def burst_run(
    app: ReaderApp,
    label: str,
    plan: list[Burst],
    look: Callable[[ReaderApp], object] | None = None,
    offset: int = 0,
    total: int = 0,
) -> Run:
    """Start the app, wait for the list's first row, send the bursts (a settle after each,
    then ``look``), stop at the first crash; then quit with ctrl+q (which saves the
    reading position). A crash is kept in the run, with its traceback, not raised."""
    run = Run(label, plan, offset, total)
    errors = keep_errors(app)
    try:
        async with app.run_test(size=SIZE) as pilot:
            run.first_row = await wait_first_row(pilot, app)
            for burst in plan:
                run.done.append(burst)
                send_burst(app, burst)
                await settle(pilot)
                if not alive(app):
                    break
                if look is not None:
                    run.looks.append(look(app))
            if alive(app):
                run.quitting = True
                await quit_app(pilot, app)
    except Exception as exc:  # run_test re-raises what the app died of
        if app._exception is None:
            raise
        run.crash = exc
    run.quit_code = app.return_code
    run.crash = run.crash or app._exception
    if run.crash is not None:
        run.trace = "".join(traceback.format_exception(run.crash))
        record_crash(run.trace, run.keys(), run.label)
        for further in further_errors(errors):
            record_crash(further, run.keys(), run.label + " (a further error, while the app was closing)")
            run.trace += "\nand a further error while the app was closing:\n" + readable(further)
    return run


def keep_errors(app: App[int]) -> list[object]:
    """Every error the app shows on the way out (Textual prints the first and clears the
    list): the app keeps handling messages while it closes, on screens whose widgets are
    going away, and a terminal says only "NOTE: 1 of 2 errors shown"."""
    kept: list[object] = []
    show = app._print_error_renderables

    def keep_then_show() -> None:
        kept.extend(app._exit_renderables)
        show()

    app._print_error_renderables = keep_then_show  # type: ignore[method-assign]
    return kept


def further_errors(errors: list[object]) -> list[str]:
    """The errors after the first, as text."""
    texts = []
    for renderable in errors[1:]:
        out = io.StringIO()
        Console(file=out, width=100, color_system=None).print(renderable)
        texts.append(out.getvalue())
    return texts


def store_parses(store: Path) -> None:
    if store.exists():
        json.loads(store.read_text(encoding="utf-8"))


def one_article_corpus(tmp_path: Path) -> Path:
    first = sorted(p for p in BUNDLED.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")[0]
    folder = tmp_path / "one"
    folder.mkdir(exist_ok=True)
    shutil.copy(first, folder / first.name)
    return folder


def corpus_for(name: str, tmp_path: Path) -> Path:
    return BUNDLED if name == "bundled" else one_article_corpus(tmp_path)


# -- Pilot --------------------------------------------------------------------------------
def shown_article(app: ReaderApp) -> tuple[str, str, str] | None:
    """The open article's id and title, and the title its screen shows (None off the
    article screen)."""
    screen = app.screen
    if not isinstance(screen, ArticleScreen):
        return None
    return screen.article.id, screen.article.title, str(screen.query_one("#article-title").render())


@pytest.mark.parametrize(
    ("corpus_name", "keys"), [("bundled", "enter enter"), ("one-article", "enter enter"), ("bundled", "enter j enter")]
)
async def test_two_enters_on_the_first_article(corpus_name: str, keys: str, tmp_path: Path) -> None:
    """Two Enters in one burst as the first keys of a session (a user crashed the reader
    this way 10 times in 12), and with a move between them (the second opens another
    article), in fresh apps: none crashes, each shows an article with its title (the
    first row's, for two Enters), quits cleanly and leaves a store that is still JSON."""
    corpus = corpus_for(corpus_name, tmp_path)
    burst = tuple(keys.split())
    crashed: list[Run] = []
    for attempt in range(FRESH_APPS):
        store = tmp_path / f"store-{attempt}.json"
        label = f"pilot {keys}, {corpus_name} corpus, fresh app {attempt + 1} of {FRESH_APPS}, first keys"
        run = await burst_run(ReaderApp(corpus, store), label, [burst], shown_article)
        if run.crash is not None:
            crashed.append(run)
            continue
        assert run.first_row is not None
        shown = run.looks[0] if run.looks else None
        assert isinstance(shown, tuple), f"{label}: not on the article screen"
        article_id, title, title_shown = shown
        assert title[:20] in title_shown, (label, shown)
        if keys == "enter enter":
            assert article_id == run.first_row.id, (label, shown, run.first_row)
        assert run.quit_code == 0, f"{label}: ctrl+q returned {run.quit_code}"
        store_parses(store)
    assert not crashed, (
        f"{len(crashed)} of {FRESH_APPS} fresh apps crashed on {keys} in one burst; the first:\n" + crashed[0].trace
    )


async def test_two_opens_from_the_bookmarks_view(tmp_path: Path) -> None:
    """The same from the bookmarks view (its own way to open an article): b, B, then
    Enter, a key and Enter in one burst, in fresh apps: none crashes, each ends on the
    article screen and quits cleanly."""
    crashed: list[Run] = []
    for attempt in range(FRESH_APPS):
        store = tmp_path / f"store-{attempt}.json"
        label = f"pilot bookmarks view, bundled corpus, fresh app {attempt + 1} of {FRESH_APPS}"
        plan = [("b",), ("B",), ("enter", "j", "enter")]
        run = await burst_run(ReaderApp(BUNDLED, store), label, plan, shown_article)
        if run.crash is not None:
            crashed.append(run)
            continue
        assert run.looks[-1] is not None, f"{label}: not on the article screen"
        assert run.quit_code == 0, f"{label}: ctrl+q returned {run.quit_code}"
        store_parses(store)
    assert not crashed, (
        f"{len(crashed)} of {FRESH_APPS} fresh apps crashed on Enter j Enter in the bookmarks view; the first:\n"
        + crashed[0].trace
    )


@pytest.mark.parametrize("corpus_name", CORPORA)
@pytest.mark.parametrize("seed", SEEDS)
async def test_random_bursts(seed: int, corpus_name: str, tmp_path: Path) -> None:
    """Seeded bursts of 2-8 keys from the real bindings, a fresh app every SESSION_BURSTS
    on the same store and cache: after every burst the app is still running; each session
    ends with ctrl+q, return code 0, and the store file is still JSON."""
    corpus = corpus_for(corpus_name, tmp_path)
    store = tmp_path / "data" / "store.json"
    plan = draw_bursts(seed, PILOT_BURSTS, key_pool())
    for offset in range(0, len(plan), SESSION_BURSTS):
        session = plan[offset : offset + SESSION_BURSTS]
        label = f"pilot seed {seed}, {corpus_name} corpus, session {offset // SESSION_BURSTS + 1}"
        run = await burst_run(ReaderApp(corpus, store), label, session, offset=offset, total=len(plan))
        assert run.crash is None, (
            f"the reader crashed at {run.where()}\n(the bursts: draw_bursts({seed}, {PILOT_BURSTS}, key_pool()), "
            f"a fresh app every {SESSION_BURSTS})\n{run.trace}"
        )
        assert len(run.done) == len(session)
        assert run.quit_code == 0, f"{label}: ctrl+q after the bursts returned {run.quit_code}"
        store_parses(store)


@pytest.mark.parametrize("case", ["seed 1", "seed 2", "bookmark, open it from the bookmarks, quit"])
async def test_bursts_that_end_in_quit(case: str, tmp_path: Path) -> None:
    """The first burst of a session ends in q or ctrl+q (open an article and leave at
    once), in fresh apps: seeded bursts, and one found to crash (b B enter q: the article
    screen mounts while the app closes): the app ends with return code 0, never an
    exception; a q typed into a text field does not quit, and the ctrl+q after it does."""
    if case.startswith("seed"):
        bursts = draw_quit_bursts(int(case.split()[1]), FRESH_APPS, key_pool())
    else:
        bursts = [("b", "B", "enter", "q")] * FRESH_APPS
    crashed: list[Run] = []
    for attempt, burst in enumerate(bursts):
        store = tmp_path / f"store-{attempt}.json"
        label = f"pilot quit burst ({case}), bundled corpus, fresh app {attempt + 1} of {len(bursts)}, first keys"
        run = await burst_run(ReaderApp(BUNDLED, store), label, [burst])
        if run.crash is not None:
            crashed.append(run)
            continue
        assert run.quit_code == 0, f"{run.where()}: return code {run.quit_code}"
        store_parses(store)
    assert not crashed, (
        f"{len(crashed)} of {len(bursts)} fresh apps crashed on a burst ending in a quit key: "
        + "; ".join(run.keys() for run in crashed)
        + "\nthe first:\n"
        + crashed[0].trace
    )


# -- tmux ---------------------------------------------------------------------------------
TMUX_NAMES = {
    "enter": "Enter",
    "escape": "Escape",
    "tab": "Tab",
    "space": "Space",
    "up": "Up",
    "down": "Down",
    "left": "Left",
    "right": "Right",
    "home": "Home",
    "end": "End",
    "pageup": "PPage",
    "pagedown": "NPage",
}
TMUX_MODIFIERS = {"ctrl": "C-", "shift": "S-", "alt": "M-", "meta": "M-"}


def tmux_key(key: str) -> str | None:
    """The ``send-keys`` name of a Textual key, or None if a terminal cannot send it."""
    if key == "shift+tab":
        return "BTab"
    *modifiers, base = key.split("+")
    if any(m not in TMUX_MODIFIERS for m in modifiers):
        return None  # super: no terminal sends it
    if base in TMUX_NAMES:
        name = TMUX_NAMES[base]
    elif len(base) == 1:
        name = base
    else:
        try:
            name = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(base, base)))
        except KeyError:
            return None
    if name == ";":
        name = "\\;"  # tmux's command separator
    return "".join(TMUX_MODIFIERS[m] for m in modifiers) + name


def tmux_pool() -> list[str]:
    return [key for key in key_pool() if tmux_key(key) is not None]


def test_every_terminal_key_maps_to_tmux() -> None:
    assert tmux_key("left_square_bracket") == "[" and tmux_key("ctrl+s") == "C-s" and tmux_key("enter") == "Enter"
    assert tmux_key("ctrl+pageup") == "C-PPage" and tmux_key("greater_than_sign") == ">"
    unsent = sorted(set(key_pool()) - set(tmux_pool()))
    assert all(k.startswith("super+") for k in unsent), unsent


def test_tmux_runs_this_checkout(tmp_path: Path) -> None:
    """The reader started in tmux imports this checkout's ``reader`` (PYTHONPATH)."""
    code = "import reader; print(reader.__file__)"
    out = subprocess.run(
        [sys.executable, "-c", code], env=subprocess_env(), cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert Path(out.stdout.strip()).resolve().is_relative_to(ROOT), out


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    with tmux_server("reader-burst") as server:
        yield server


class Pane:
    """The reader in a 100x30 tmux pane. A shell runs it and writes its exit status to a
    file (tmux's own ``pane_dead_status`` sometimes never comes: the pane can stay a
    zombie tmux did not reap); the pane stays after the end (remain-on-exit), so a crash
    leaves its traceback on screen. ``start`` (re)starts the reader in it: a fresh
    session on the same store and cache."""

    def __init__(self, tmux: Tmux, tmp_path: Path, corpus: Path, store: Path) -> None:
        self.tmux = tmux
        self.status_file = tmp_path / "reader-exit-status"
        env = subprocess_env()
        env.update(
            TERM="xterm-256color",
            COLORTERM="truecolor",
            READER_CONFIG=str(tmp_path / "none.toml"),
            READER_CACHE=str(tmp_path / "cache"),
        )
        exports = " ".join(
            f"{k}={shlex.quote(env[k])}"
            for k in ("PYTHONPATH", "TEXTUAL_ANIMATIONS", "TERM", "COLORTERM", "READER_CONFIG", "READER_CACHE")
        )
        self.command = (
            f"cd {shlex.quote(str(ROOT))} && env {exports} {shlex.quote(sys.executable)} -m reader.cli "
            f"{shlex.quote(str(corpus))} --store {shlex.quote(str(store))}; "
            f"echo $? > {shlex.quote(str(self.status_file))}"
        )
        tmux("new-session", "-d", "-s", "burst", "-x", str(SIZE[0]), "-y", str(SIZE[1]), "sleep 600")
        tmux("set-option", "-g", "remain-on-exit", "on")

    def start(self) -> None:
        self.status_file.unlink(missing_ok=True)
        self.tmux("respawn-pane", "-k", "-t", "burst", self.command)
        self.tmux("clear-history", "-t", "burst")
        poll(lambda: self.dead() or re.search(r"\d{4}-\d\d-\d\d", self.screen()) is not None, what="the list")

    def screen(self) -> str:
        return self.tmux.screen("burst")

    def dead(self) -> bool:
        """The reader has ended."""
        return self.status_file.exists()

    def exit_status(self) -> str:
        poll(lambda: self.status_file.read_text().strip() != "", 10, "the exit status")
        return self.status_file.read_text().strip()

    def everything(self) -> str:
        """The screen and the scrollback: a traceback printed on the way out is longer
        than the pane."""
        return self.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "burst")

    def send(self, burst: Burst) -> None:
        """The whole burst in one ``send-keys`` call: tmux writes it to the terminal at once."""
        self.tmux("send-keys", "-t", "burst", *[tmux_key(k) or "" for k in burst])

    def reader_cpu(self) -> float | None:
        """CPU seconds the reader process has used (Linux /proc; None elsewhere)."""
        shell = self.tmux("display", "-p", "-t", "burst", "#{pane_pid}").strip()
        try:
            reader_pid = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()[0]
            fields = Path(f"/proc/{reader_pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime

    def settle(self) -> None:
        """Wait (bounded, never asserted) until the reader has ended, or its screen stopped
        changing and it stopped working (an article's first open can keep it busy
        without a repaint: a still screen alone is not enough)."""
        last_screen: str | None = None
        last_cpu: float | None = None
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            time.sleep(0.15)
            if self.dead():
                return
            screen, cpu = self.screen(), self.reader_cpu()
            busy = cpu is not None and last_cpu is not None and cpu - last_cpu >= 0.03  # 20% of a core
            if screen == last_screen and not busy:
                return
            last_screen, last_cpu = screen, cpu

    def crashed(self) -> str | None:
        """The pane's text if the reader died or shows a traceback, else None."""
        if self.dead():
            return self.everything()
        shown = self.screen()
        return shown if "Traceback" in shown else None

    def quit(self) -> tuple[str, str]:
        """ctrl+q (yes to "quit and lose the note?"): (exit status, the pane's text)."""
        for _ in range(3):
            if self.dead():
                break
            self.send(("y",) if "Quit and lose it" in self.screen() else ("ctrl+q",))
            self.settle()
        poll(self.dead, 15, "the reader to quit")
        return self.exit_status(), self.everything()


@pytest.mark.tmux
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_tmux_two_enters_on_the_first_article(tmux: Tmux, tmp_path: Path) -> None:
    """The user's case in a real terminal: ``send-keys Enter Enter`` as the first keys of
    fresh readers: the article opens, the reader lives, ctrl+q ends it with status 0."""
    store = tmp_path / "store.json"
    pane = Pane(tmux, tmp_path, BUNDLED, store)
    died: list[str] = []
    try:
        for attempt in range(TMUX_FRESH_READERS):
            label = f"tmux two Enters, bundled corpus, fresh reader {attempt + 1} of {TMUX_FRESH_READERS}, first keys"
            pane.start()
            pane.send(("enter", "enter"))
            pane.settle()
            poll(lambda: pane.dead() or "Entities" in pane.screen(), what="the article screen")
            shown = pane.crashed()
            if shown is None:
                status, shown = pane.quit()
                if status == "0":
                    store_parses(store)
                    continue
            record_crash(shown, "enter enter", label)
            status = pane.exit_status() if pane.dead() else "alive, showing a traceback"
            died.append(f"{label}: status {status}\n{tail(readable(shown), 25)}")
    finally:
        tmux("kill-session", "-t", "burst")
    assert not died, f"{len(died)} of {TMUX_FRESH_READERS} readers died on Enter Enter; the first:\n{died[0]}"


@pytest.mark.tmux
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.parametrize("corpus_name", CORPORA)
def test_tmux_bursts(corpus_name: str, tmux: Tmux, tmp_path: Path) -> None:
    """The real reader: seeded bursts, each one ``send-keys`` call, a fresh reader every
    TMUX_SESSION_BURSTS on the same store and cache; after each burst the process is alive
    and shows no traceback; each session ends with ctrl+q, status 0, and the store is
    still JSON."""
    corpus = corpus_for(corpus_name, tmp_path)
    store = tmp_path / "store.json"
    seed = 100 + CORPORA.index(corpus_name)
    plan = draw_bursts(seed, TMUX_BURSTS, tmux_pool())
    pane = Pane(tmux, tmp_path, corpus, store)
    try:
        for offset in range(0, len(plan), TMUX_SESSION_BURSTS):
            session = plan[offset : offset + TMUX_SESSION_BURSTS]
            label = f"tmux seed {seed}, {corpus_name} corpus, session {offset // TMUX_SESSION_BURSTS + 1}"
            run = Run(label, session, offset, len(plan))
            pane.start()
            for burst in session:
                run.done.append(burst)
                pane.send(burst)
                pane.settle()
                shown = pane.crashed()
                if shown is not None:
                    record_crash(shown, run.keys(), label)
                    status = pane.exit_status() if pane.dead() else "alive, showing a traceback"
                    pytest.fail(f"the reader died (status {status}) at {run.where()}\n{readable(shown)}")
            run.quitting = True
            status, shown = pane.quit()
            if status != "0":
                record_crash(shown, run.keys(), label)
            assert status == "0", f"status {status} at {run.where()}\n{readable(shown)}"
            store_parses(store)
    finally:
        tmux("kill-session", "-t", "burst")


# -- the crash log ------------------------------------------------------------------------
FRAME_PLAIN = re.compile(r'File "[^"]*?/(reader/[^"]+\.py)", line (\d+), in (\w+)')
FRAME_RICH = re.compile(r"(reader/[\w/]+\.py):(\d+) in (\w+)")
EXCEPTION_LINE = re.compile(r"^([A-Za-z_][\w.]*): (.*)$")  # the last line of a traceback


def tail(text: str, lines: int = 60) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


def readable(trace: str) -> str:
    """A traceback without Rich's boxes of local variables (a terminal's crash shows them)."""
    return "\n".join(line for line in trace.splitlines() if not re.match(r"^\s*│ [│╭╰]", line)).strip()


def crash_signature(trace: str) -> tuple[str, str]:
    """(where: the reader's frames, outermost first, and the exception type; its message)."""
    frames = FRAME_PLAIN.findall(trace) or FRAME_RICH.findall(trace)
    seen: list[str] = []
    for path, _line, function in frames:
        step = f"{path.removeprefix('reader/tui/')}:{function}"
        if not seen or seen[-1] != step:
            seen.append(step)
    kind, message = "?", ""
    for line in trace.splitlines():
        match = EXCEPTION_LINE.match(line)
        if match and match.group(1) != "NOTE":  # Textual's "NOTE: 1 of 2 errors shown"
            kind, message = match.group(1).rsplit(".", 1)[-1], match.group(2)
    return " > ".join(seen) + f" -> {kind}", f"{kind}: {message}"


def record_crash(trace: str, keys: str, context: str) -> None:
    """Add the crash to ``$READER_BURST_LOG`` (a text file, rewritten from a JSON file
    beside it): one entry per place it was raised, listing the keys that hit it."""
    log = os.environ.get("READER_BURST_LOG")
    if not log:
        return
    where, message = crash_signature(trace)
    state_file = Path(log + ".json")
    try:
        state = json.loads(state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}
    entry = state.setdefault(where, {"message": message, "trace": readable(trace), "keys": {}})
    entry["keys"].setdefault(keys, []).append(context)
    state_file.write_text(json.dumps(state, indent=1), encoding="utf-8")
    out = [f"Key-burst crashes found by tests/tui/test_key_burst.py: {len(state)} distinct\n"]
    for number, (place, crash) in enumerate(state.items(), 1):
        hits = sum(len(c) for c in crash["keys"].values())
        out.append(f"\n{'=' * 100}\nCRASH {number}: {crash['message']}\nraised in: {place}\n")
        out.append(
            f"hit {hits} time(s), by {len(crash['keys'])} key sequence(s) (the burst sent last, and before it):\n"
        )
        for sequence, contexts in list(crash["keys"].items())[:30]:
            shown = "; ".join(contexts[:3]) + (f"; and {len(contexts) - 3} more" if len(contexts) > 3 else "")
            out.append(f"  - {sequence}\n      in: {shown}\n")
        if len(crash["keys"]) > 30:
            out.append(f"  ... and {len(crash['keys']) - 30} more sequences\n")
        out.append("traceback (first seen):\n" + tail(crash["trace"], 80) + "\n")
    Path(log).write_text("".join(out), encoding="utf-8")
