"""A named pipe given where the reader expects a file (the store, the config) is refused
at once, never waited on: each command runs in a child with a timeout, so a regression
fails here instead of hanging the suite."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")


def _reader(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader.cli", *args],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, **(env or {})},
    )


def test_store_that_is_a_named_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "store.json"
    os.mkfifo(fifo)
    done = _reader("bookmark", "list", "--store", str(fifo))
    assert done.returncode == 1
    assert done.stderr == f"reader: cannot read store '{fifo}': not a regular file (a pipe, device or socket)\n"


def test_config_that_is_a_named_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    done = _reader("config", "show", env={"READER_CONFIG": str(fifo)})
    # A config that cannot be read: the defaults are shown, with the warning (exit 1, as
    # for any config with a problem).
    assert done.returncode == 1
    assert (
        done.stderr
        == f"reader: {fifo}: cannot read config (not a regular file (a pipe, device or socket)); using defaults\n"
    )
    assert '"backend": "builtin"' in done.stdout
