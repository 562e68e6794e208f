"""The top-level command line: its help, a mistyped command, the serve hint."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from reader import cli

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "articles"


def test_top_level_help_shows_the_reader_usage_and_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "reader [CORPUS] [--store PATH]" in out
    assert "CORPUS" in out and "--store" in out
    for command in ("list", "search", "note", "serve"):
        assert re.search(rf"^\s+{command}\s", out, re.M), command


def test_sub_command_usage_keeps_its_own_name(capsys: pytest.CaptureFixture[str]) -> None:
    """The top-level usage is two lines; a sub-command's must not inherit them."""
    with pytest.raises(SystemExit):
        cli.main(["note", "add", "--help"])
    assert capsys.readouterr().out.startswith("usage: reader note add ")


@pytest.fixture
def no_tui(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record what would open in the TUI instead of opening it."""
    import reader.tui.launch as launch_module

    opened: list[str] = []
    monkeypatch.setattr(launch_module, "launch", lambda args: opened.append(args.corpus) or 0)
    return opened


@pytest.mark.parametrize(
    ("word", "line"),
    [
        ("lsit", "reader: no command or folder named 'lsit'; did you mean 'list'?\n"),
        ("serach", "reader: no command or folder named 'serach'; did you mean 'search'?\n"),
        ("bogus", "reader: no command or folder named 'bogus'\n"),
    ],
)
def test_a_word_that_is_no_command_and_no_folder_is_a_usage_error(
    word: str,
    line: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    no_tui: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main([word]) == 2
    captured = capsys.readouterr()
    assert captured.err == line
    assert captured.out == ""
    assert no_tui == []


@pytest.mark.parametrize("name", ["lsit", "bogus", "./list"])
def test_an_existing_folder_named_like_a_command_opens_as_a_corpus(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_tui: list[str]
) -> None:
    (tmp_path / name).mkdir()
    monkeypatch.chdir(tmp_path)
    assert cli.main([name]) == 0
    assert no_tui == [name]


def test_a_missing_path_keeps_the_corpus_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Something that looks like a path is not a mistyped command."""
    monkeypatch.chdir(tmp_path)
    assert cli.main(["./lsit"]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_the_serve_hint_matches_the_readme(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Without textual-serve the hint names the same install command as the README (which
    installs from a clone), and the PyPI form for those who installed from PyPI."""
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # the import fails
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (readme_hint,) = set(re.findall(r"`(pip install '[^`]*\[serve\]')`", readme))
    assert cli.main(["serve", str(BUNDLED)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert readme_hint in err
    assert "pip install 'newsreader-tui[serve]'" in err
