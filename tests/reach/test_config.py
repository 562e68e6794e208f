"""The config file: remapped keys, theme and entity settings; a broken file falls back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reader.config import load_config

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_config_is_the_defaults(tmp_path: Path) -> None:
    result = load_config(tmp_path / "none.toml")
    assert result.warnings == []
    assert result.config.keys == {} and result.config.backend == "builtin" and result.config.show is None


def test_full_config(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
theme = "nord"
[keys]
bookmark = "f"
next_article = ["l", "right_square_bracket"]
[entities]
backend = "spacy"
show = ["person", "ORG"]
""",
    )
    result = load_config(path)
    assert result.warnings == []
    cfg = result.config
    assert cfg.theme == "nord"
    assert cfg.keys == {"bookmark": "f", "next_article": "l,right_square_bracket"}
    assert cfg.backend == "spacy" and cfg.show == ("PERSON", "ORG")


def test_broken_toml_names_the_line_and_keeps_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nord"\n[keys]\nbookmark = \n')
    result = load_config(path)
    [warning] = result.warnings
    assert str(path) in warning and "line 3" in warning and "using defaults" in warning
    assert result.config.theme is None and result.config.keys == {}


def test_bad_values_are_named_and_skipped(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
colour = "red"
[keys]
bookmark = 5
[entities]
backend = "gpt"
show = ["PERSON", "WIZARD"]
""",
    )
    result = load_config(path)
    text = "\n".join(result.warnings)
    assert "'colour'" in text and "'bookmark'" in text and "'gpt'" in text and "WIZARD" in text
    assert result.config.backend == "builtin" and result.config.show == ("PERSON",)


def test_config_path_command(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "READER_CONFIG": str(tmp_path / "c.toml")}
    proc = subprocess.run(
        [sys.executable, "-m", "reader.cli", "config", "path"], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 0 and proc.stdout.strip() == str(tmp_path / "c.toml")
    (tmp_path / "c.toml").write_text("[keys\n")
    proc = subprocess.run(
        [sys.executable, "-m", "reader.cli", "config", "show"], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 1 and "line 1" in proc.stderr and "Traceback" not in proc.stderr
