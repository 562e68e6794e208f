"""``reader config show`` reports remaps the app would refuse: a key taken twice in one
place, an unknown binding id, each with its line, and prints only the remaps applied."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader import cli

README_BEFORE = 'theme = "gruvbox"\n\n[keys]\nbookmark = "B"\nnext_article = "l,right_square_bracket"\n'


def show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], text: str
) -> tuple[int, dict[str, object], str]:
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv("READER_CONFIG", str(config))
    status = cli.main(["config", "show"])
    out, err = capsys.readouterr()
    return status, json.loads(out), err


def test_a_key_taken_from_another_action_is_reported_with_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, shown, err = show(tmp_path, monkeypatch, capsys, README_BEFORE)
    assert status == 1
    assert "line 4" in err and "'bookmark'" in err and "'bookmarks_view'" in err
    assert shown["keys"] == {"next_article": "l,right_square_bracket"}  # the rest still applies


def test_a_key_taken_from_quit_and_spelled_as_a_character_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = show(tmp_path, monkeypatch, capsys, '[keys]\nbookmark = "q"\nnew_note = "?"\n')
    assert status == 1
    assert "line 2" in err and "'quit'" in err
    assert "line 3" in err and "'help'" in err  # "?" is question_mark


def test_an_unknown_binding_id_is_reported_with_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, shown, err = show(tmp_path, monkeypatch, capsys, '# mine\nkeys.bookmrk = "f"\n')
    assert status == 1
    assert "line 2" in err and "unknown binding id 'bookmrk'" in err
    assert shown["keys"] == {}


def test_the_readme_config_example_is_clean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    status, shown, err = show(tmp_path, monkeypatch, capsys, example)
    assert (status, err) == (0, "")
    assert shown["keys"]
