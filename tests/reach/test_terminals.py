"""The reader in real terminals without rich colour: TERM=linux (16 colours) and NO_COLOR.

In tmux (a private socket per test, bounded polling, never a fixed-time assertion) the
reader opens an article; ``capture-pane -e`` shows the attributes tmux holds for every
cell. Entity words must still be marked by an attribute (bold, underline, italic, reverse),
since colour alone is lost on a 16-colour console and absent under NO_COLOR; under
NO_COLOR no colour escape may reach the terminal at all; and the selected row must stay
visible (reverse video) without colour.
"""

from __future__ import annotations

import re
import shlex
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tui"))
from tuikit import ROOT, Tmux, poll, tmux_server, write_corpus  # noqa: E402

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

SGR = re.compile(r"\x1b\[([0-9;:]*)m")
COLOUR_SGR = re.compile(r"\x1b\[(?:[0-9;:]*;)?(?:3[0-7]|9[0-7]|4[0-7]|10[0-7]|38[;:][25]|48[;:][25])(?:[;:][0-9;:]*)?m")
ATTRS = {1: "bold", 2: "dim", 3: "italic", 4: "underline", 7: "reverse"}
RESETS = {22: ("bold", "dim"), 23: ("italic",), 24: ("underline",), 27: ("reverse",)}


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    with tmux_server("reader-reach") as server:
        yield server


def cells(line: str) -> list[tuple[str, frozenset[str]]]:
    """Each visible character of a captured line with the attributes active on it."""
    out: list[tuple[str, frozenset[str]]] = []
    active: set[str] = set()
    position = 0
    for match in SGR.finditer(line + "\x1b[m"):
        out.extend((char, frozenset(active)) for char in line[position : match.start()])
        position = match.end()
        params = [p for p in re.split(r"[;:]", match.group(1))] or ["0"]
        i = 0
        while i < len(params):
            code = int(params[i] or 0)
            if code == 0:
                active.clear()
            elif code in ATTRS:
                active.add(ATTRS[code])
            elif code in RESETS:
                active.difference_update(RESETS[code])
            elif code in (38, 48, 58) and i + 1 < len(params):
                i += 2 if params[i + 1] == "5" else 4 if params[i + 1] == "2" else 0
            i += 1
    return out


def attributes_of(screen: str, word: str) -> frozenset[str]:
    """The attributes on every character of the first occurrence of ``word``."""
    for line in screen.splitlines():
        row = cells(line)
        plain = "".join(c for c, _ in row)
        at = plain.find(word)
        if at >= 0:
            sets = [attrs for _, attrs in row[at : at + len(word)]]
            common = frozenset.intersection(*sets)
            return common
    raise AssertionError(f"{word!r} is not on screen")


def start(tmux: Tmux, tmp_path: Path, term: str, no_colour: bool, size: tuple[int, int] = (100, 30)) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    exports = {
        "PYTHONPATH": str(ROOT), "TEXTUAL_ANIMATIONS": "none", "TERM": term,
        "READER_CONFIG": str(tmp_path / "none.toml"), "READER_CACHE": str(tmp_path / "cache"),
    }  # fmt: skip
    if no_colour:
        exports["NO_COLOR"] = "1"
    env = " ".join(f"{k}={shlex.quote(v)}" for k, v in exports.items())
    command = (
        f"cd {shlex.quote(str(ROOT))} && env -u COLORTERM -u NO_COLOR -u READER_STORE {env} "
        f"{shlex.quote(sys.executable)} -m reader.cli {shlex.quote(str(corpus))} "
        f"--store {shlex.quote(str(tmp_path / 'store.json'))}; sleep 60"
    )
    tmux("new-session", "-d", "-s", "reader", "-x", str(size[0]), "-y", str(size[1]), command)
    # The header's count can be painted a frame before the rows: wait for both.
    poll(lambda: "4 articles" in (shown := tmux.screen()) and "Harbour authority opens" in shown, what="the list")


def open_harbour(tmux: Tmux) -> str:
    tmux("send-keys", "-t", "reader", "Enter")  # the newest article is the first row
    poll(lambda: "Ines Carvalho" in tmux.screen() and "organisation" in tmux.screen(), what="the article")
    return tmux.screen(escapes=True)


def check_entities_marked(screen: str, no_colour: bool) -> None:
    """Each type has its own attributes, so types stay apart where colour is lost."""
    person, org = attributes_of(screen, "Ines Carvalho"), attributes_of(screen, "Harbour Authority")
    place = attributes_of(screen, "Norway")
    date, money = attributes_of(screen, "1998"), attributes_of(screen, "42 million euros")
    assert "bold" in person and "underline" not in person  # person: bold
    assert {"bold", "underline"} <= org  # organisation: bold and underlined
    assert "underline" in place and "bold" not in place  # place: underlined
    # numbers: dim, which reaches the terminal only without colour; a date also italic
    assert {"underline", "italic"} <= date  # a date: italic and underlined
    assert "underline" in money and "italic" not in money  # money: underlined, not italic
    if no_colour:  # all five apart by attributes alone (with colour, money and a place
        # are both underlined, Textual having folded money's dim into its colour)
        assert "dim" in date and "dim" in money
        assert len({person, org, place, date, money}) == 5
    assert not attributes_of(screen, "residents")  # plain words stay plain
    # the legend: a reversed type letter per type, then the name in the type's style
    assert "reverse" in attributes_of(screen, "O organisation"[0])
    assert "bold" in attributes_of(screen, "organisation")


def test_linux_console_16_colours(tmux: Tmux, tmp_path: Path) -> None:
    start(tmux, tmp_path, "linux", no_colour=False)
    listing = tmux.screen(escapes=True)
    assert "38;5;" not in listing and "38;2;" not in listing  # downgraded to 16 colours
    screen = open_harbour(tmux)
    assert "38;5;" not in screen and "38;2;" not in screen
    check_entities_marked(screen, no_colour=False)
    tmux("send-keys", "-t", "reader", "q")
    poll(lambda: "4 articles" not in tmux.screen(), what="the reader to quit")


def test_no_color(tmux: Tmux, tmp_path: Path) -> None:
    start(tmux, tmp_path, "xterm-256color", no_colour=True)
    listing = tmux.screen(escapes=True)
    assert not COLOUR_SGR.search(listing), COLOUR_SGR.search(listing)
    # the selected row is shown without colour: reverse video over date and title
    assert "reverse" in attributes_of(listing, "Harbour authority opens")
    assert "reverse" not in attributes_of(listing, "Late frost damages")
    screen = open_harbour(tmux)
    assert not COLOUR_SGR.search(screen), COLOUR_SGR.search(screen)
    check_entities_marked(screen, no_colour=True)

    # the entity panel: its highlighted row and the chosen entity's mentions, reversed
    tmux("send-keys", "-t", "reader", "e")
    poll(lambda: "Toggle type" in tmux.screen(), what="the entity panel")
    tmux("send-keys", "-t", "reader", "Down", "Down")  # the first type row, then its first entity

    def chosen() -> bool:
        return "reverse" in attributes_of(tmux.screen(escapes=True), "Harbour Authority")

    poll(chosen, what="the chosen entity's mentions in reverse video")
    # the panel's highlighted row: a full-width bold underline (Textual drops reverse there)
    assert {"bold", "underline"} <= attributes_of(tmux.screen(escapes=True), "Harbour Authority  3")
    panel = tmux.screen(escapes=True)
    assert not COLOUR_SGR.search(panel)
    tmux("send-keys", "-t", "reader", "q")
    poll(lambda: "4 articles" not in tmux.screen(), what="the reader to quit")
