"""Fixtures for the store tests: a tiny corpus written here (so the tests do not depend on
the sample corpus's wording), articles parsed from it, and a fresh store path."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from storekit import PORT, RIVER, UNDATED, article, reader_cli, write

from reader.articles import Article


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    write(root / "river.txt", RIVER)
    write(root / "port.txt", PORT)
    write(root / "misc" / "undated.txt", UNDATED)
    return root


@pytest.fixture
def river(corpus: Path) -> Article:
    return article(corpus / "river.txt")


@pytest.fixture
def port(corpus: Path) -> Article:
    return article(corpus / "port.txt")


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "store.json"


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """``cli(*args, store=path)``: run the command line in a subprocess."""
    return reader_cli


@pytest.fixture
def load_article() -> Callable[[Path], Article]:
    """``load_article(path)``: the one article in a file."""
    return article
