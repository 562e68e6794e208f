"""``python -m reader`` is the ``reader`` console script under another name: same output,
same exit status, for success, a runtime error and a usage error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "articles"


def _entry_point() -> tuple[str, str]:
    """The console script's target as pyproject.toml declares it (``module:function``)."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        target = tomllib.load(f)["project"]["scripts"]["reader"]
    module, _, function = target.partition(":")
    return module, function


def _console_script() -> list[str]:
    """What the installed ``reader`` script runs: pip's wrapper imports the entry point and
    exits with its return value. Built from pyproject.toml so the test needs no install."""
    module, function = _entry_point()
    return [sys.executable, "-c", f"import sys; from {module} import {function}; sys.exit({function}())"]


def _run(command: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([*command, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


CASES = [
    pytest.param(("--version",), 0, id="version"),
    pytest.param(("list", str(BUNDLED), "--json"), 0, id="list-json"),
    pytest.param(("list", str(ROOT / "no-such-corpus")), 1, id="missing-corpus"),
    pytest.param(("list", "--since", "someday"), 2, id="usage-error"),
]


@pytest.mark.parametrize(("args", "status"), CASES)
def test_python_m_reader_matches_the_console_script(args: tuple[str, ...], status: int) -> None:
    as_module = _run([sys.executable, "-m", "reader"], *args)
    as_script = _run(_console_script(), *args)
    assert as_module.returncode == as_script.returncode == status, as_module.stderr
    assert as_module.stdout == as_script.stdout
    assert as_module.stderr == as_script.stderr


def test_python_m_reader_lists_the_bundled_corpus() -> None:
    proc = _run([sys.executable, "-m", "reader"], "list", str(BUNDLED), "--json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert len(rows) >= 40 and {"id", "date", "title", "path"} <= set(rows[0])


def test_installed_script_when_present() -> None:
    """Where the package is installed (the README's ``pip install -e ".[test]"``), the real
    script beside the interpreter agrees too."""
    script = Path(sys.executable).parent / "reader"
    if not script.is_file():
        pytest.skip("no installed `reader` script beside this interpreter")
    as_module = _run([sys.executable, "-m", "reader"], "--version")
    as_script = _run([str(script)], "--version")
    assert as_script.returncode == 0 and as_script.stdout.startswith("reader ")
    assert (as_module.returncode, as_module.stdout) == (as_script.returncode, as_script.stdout)
