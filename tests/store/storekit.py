"""Helpers for the store tests: sample article texts, writing and loading them, and running
the command line. A module of its own (not conftest) so tests can import it by a name no
other test folder uses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reader.articles import Article, load_file

ROOT = Path(__file__).resolve().parents[2]

RIVER = """ date 2022-04-26
title: River levels fall across the delta

Water levels in the delta fell for the third week running, the basin authority said on Tuesday.

Farmers near the estuary reported salt in their wells, and several villages began trucking in drinking water.

The authority expects rain in May but warned that the reservoirs upstream are at a record low for April.
"""

PORT = """ date 2022-03-01
title: Port workers vote to strike

Dock workers at the northern port voted to strike from Monday after talks on pay broke down overnight.

The union said the stoppage would last five days unless the operator returned with a better offer.
"""

UNDATED = """title: Notes from the archive

An undated piece about the archive and the people who keep it.
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def article(path: Path) -> Article:
    articles, problems = load_file(path)
    assert len(articles) == 1, problems
    return articles[0]


def reader_cli(*args: str, store: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``python -m reader.cli`` as a user would, with the store given by environment."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("READER_STORE", None)
    if store is not None:
        env["READER_STORE"] = str(store)
    return subprocess.run(
        [sys.executable, "-m", "reader.cli", *args], capture_output=True, text=True, env=env, timeout=timeout
    )
