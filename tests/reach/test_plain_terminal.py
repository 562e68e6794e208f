"""The reader in a real terminal with a plain locale or the Linux console: ASCII only.

In tmux (a private socket, bounded polling) the reader runs under ``LANG=C`` (with the
``LC_CTYPE=C.UTF-8`` Python's locale coercion then sets), and under ``TERM=linux``; the
corpus is ASCII, so every character in the pane must be ASCII: the list with its bookmark,
note and unread marks, an article with its cursor gutter and note, and the overview's
chart. The same run under a UTF-8 locale must show the Unicode marks, which proves the
capture would have seen them.
"""

from __future__ import annotations

import shlex
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tui"))
from tuikit import ARTICLES, ROOT, Tmux, poll, tmux_server, write_corpus  # noqa: E402

from reader.articles import load_file  # noqa: E402
from reader.store import Store  # noqa: E402

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

ASCII_ARTICLES = {name: text.replace("\u2014", "-") for name, text in ARTICLES.items()}


@pytest.fixture
def tmux(monkeypatch: pytest.MonkeyPatch) -> Iterator[Tmux]:
    # the tmux client itself must read UTF-8, or a capture could hide the marks as "_"
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    with tmux_server("reader-plain") as server:
        yield server


def start(tmux: Tmux, tmp_path: Path, locale: dict[str, str], term: str) -> None:
    corpus = write_corpus(tmp_path / "corpus", ASCII_ARTICLES)
    assert all(text.isascii() for text in ASCII_ARTICLES.values())
    store_path = tmp_path / "store.json"
    store = Store.open(store_path)
    [harbour], _ = load_file(corpus / "harbour.txt")
    store.set_bookmark(harbour, True)
    store.add_note(harbour, 0, "Ask the ferry company.\nAnd the mayor.")
    exports = {
        "PYTHONPATH": str(ROOT), "TEXTUAL_ANIMATIONS": "none", "TERM": term, "COLORTERM": "truecolor",
        "READER_CONFIG": str(tmp_path / "none.toml"), "READER_CACHE": str(tmp_path / "cache"), **locale,
    }  # fmt: skip
    env = " ".join(f"{k}={shlex.quote(v)}" for k, v in exports.items())
    command = (
        f"cd {shlex.quote(str(ROOT))} && env -u LC_ALL -u LC_CTYPE -u LANG -u READER_ASCII -u NO_COLOR "
        f"-u READER_STORE {env} {shlex.quote(sys.executable)} -m reader {shlex.quote(str(corpus))} "
        f"--store {shlex.quote(str(store_path))}; sleep 60"
    )
    tmux("new-session", "-d", "-s", "reader", "-x", "100", "-y", "30", command)
    poll(lambda: "4 articles" in (shown := tmux.screen()) and "Harbour authority opens" in shown, what="the list")


def walk(tmux: Tmux) -> dict[str, str]:
    """The list, an article and the overview, as the pane shows them."""
    seen = {"list": tmux.screen()}
    tmux("send-keys", "-t", "reader", "Enter")
    poll(lambda: "Ask the ferry company." in tmux.screen(), what="the article with its note")
    seen["article"] = tmux.screen()
    tmux("send-keys", "-t", "reader", "Escape")
    poll(lambda: "Ask the ferry company." not in tmux.screen(), what="the list again")
    tmux("send-keys", "-t", "reader", "o")
    poll(lambda: "Articles per month" in tmux.screen() and "Top sources" in tmux.screen(), what="the overview")
    seen["overview"] = tmux.screen()
    tmux("send-keys", "-t", "reader", "Escape")
    poll(lambda: "Articles per month" not in tmux.screen(), what="the list before quitting")
    tmux("send-keys", "-t", "reader", "q")
    poll(lambda: "4 articles" not in tmux.screen(), what="the reader to quit")
    return seen


@pytest.mark.parametrize(
    ("locale", "term"),
    [({"LANG": "C"}, "xterm-256color"), ({"LC_ALL": "C"}, "xterm-256color"), ({"LANG": "C.UTF-8"}, "linux")],
    ids=["LANG=C", "LC_ALL=C", "TERM=linux"],
)
def test_only_ascii_on_screen(tmux: Tmux, tmp_path: Path, locale: dict[str, str], term: str) -> None:
    start(tmux, tmp_path, locale, term)
    seen = walk(tmux)
    for where, shown in seen.items():
        foreign = sorted({c for c in shown if not c.isascii()})
        assert not foreign, f"{where}: {foreign}\n{shown}"
    harbour = next(line for line in seen["list"].splitlines() if "Harbour authority" in line)
    assert "*n+" in harbour  # bookmarked, noted, unread
    assert "* bookmarked" in seen["article"]
    assert ": Ask the ferry company. / And the mayor." in seen["article"]
    assert "#" in seen["overview"]  # the chart's bars


def test_unicode_marks_under_a_utf8_locale(tmux: Tmux, tmp_path: Path) -> None:
    start(tmux, tmp_path, {"LANG": "C.UTF-8"}, "xterm-256color")
    seen = walk(tmux)
    harbour = next(line for line in seen["list"].splitlines() if "Harbour authority" in line)
    assert "★✎•" in harbour
    assert "★ bookmarked" in seen["article"] and "┆ Ask the ferry company. ⏎ And the mayor." in seen["article"]
    assert any(block in seen["overview"] for block in "▁▂▃▄▅▆▇█")
