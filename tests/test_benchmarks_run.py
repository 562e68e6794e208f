"""The benchmark runners still run against the code they measure (a renamed internal
must not leave a runner broken until someone next needs its figures). Tiny sizes: this
checks that each runs and prints its table, never how fast anything is."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> str:
    done = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_entities_benchmark_runs() -> None:
    out = _run("benchmarks/bench_entities.py", "--size", "20000", "--repeat", "1")
    assert "names only (what the index runs)" in out and "load (import + gazetteers)" in out


def test_index_benchmark_runs(tmp_path: Path) -> None:
    out = _run(
        "benchmarks/bench_index.py",
        "--articles",
        "60",
        "--corpus",
        str(tmp_path / "corpus"),
        "--cache",
        str(tmp_path / "cache"),
        "--rounds",
        "1",
        "--builds",
        "2",
    )
    assert "cold build" in out and "mentions" in out
    assert re.search(r"cold build, 2 fresh processes +median [\d,]+ articles/s", out), out


@pytest.mark.tmux
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_wire_benchmark_runs() -> None:
    out = _run("benchmarks/bench_wire.py", "--articles", "30", "--keys", "2", "--no-sample")
    assert "bare OptionList of 30 rows" in out, out
    for screen in ("idle second", "list cursor j/k", "article paragraph j/k", "entity panel j/k", "mentions view j/k"):
        assert re.search(rf"^{re.escape(screen)} +[\d,]+ ", out, re.MULTILINE), out
