"""Fixtures for the TUI tests: a corpus and a store in the test's own tmp dir, and a
config path that does not exist (so the developer's own config never leaks in)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tuikit import write_corpus

from reader.tui.app import ReaderApp


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("READER_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("READER_STORE", raising=False)
    monkeypatch.setenv("READER_ASCII", "0")  # Unicode marks whatever the developer's locale


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "store.json"


@pytest.fixture
def make_app(corpus: Path, store_path: Path) -> Callable[..., ReaderApp]:
    def make(root: Path | None = None, store: Path | None = None) -> ReaderApp:
        return ReaderApp(root or corpus, store or store_path)

    return make
