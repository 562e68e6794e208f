"""The tree is lint-clean and formatted: ``ruff check`` and ``ruff format --check`` (rules
and line length in pyproject.toml) must pass, so a change that breaks either fails here
rather than in a reviewer's eye."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("ruff")
    # --no-cache: a test run leaves nothing behind in the checkout.
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--no-cache", "."], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_ruff_check_is_clean() -> None:
    proc = _ruff("check", "--output-format", "concise")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format_is_clean() -> None:
    proc = _ruff("format", "--check")
    assert proc.returncode == 0, "run `ruff format .`:\n" + proc.stdout + proc.stderr
