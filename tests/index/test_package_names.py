"""``reader.index`` hands out its names lazily (PEP 562): each is the very object its
module defines, the table names exactly ``__all__``, and importing the package alone
loads none of its modules."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import reader.index as index_package

ROOT = Path(__file__).resolve().parents[2]


def test_every_name_is_its_modules_own() -> None:
    assert sorted(index_package._HOMES) == sorted(index_package.__all__)
    for name, home in index_package._HOMES.items():
        module = importlib.import_module(f"reader.index.{home}")
        assert getattr(index_package, name) is getattr(module, name)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        _ = index_package.nothing_here
    with pytest.raises(ImportError):
        from reader.index import nothing_here  # noqa: F401


def test_importing_the_package_loads_no_module_of_it() -> None:
    code = (
        "import json, sys, reader.index\nprint(json.dumps(sorted(m for m in sys.modules if m.startswith('reader.'))))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == ["reader.index"]
