"""The benchmark runners still run against the code they measure (a renamed internal
must not leave a runner broken until someone next needs its figures). Tiny sizes: this
checks that each runs and prints its table, never how fast anything is."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

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


def test_corrections_benchmark_runs() -> None:
    out = _run("benchmarks/bench_corrections.py", "--corrections", "50", "--articles", "20", "--runs", "1",
               "--repeat", "1")  # fmt: skip
    assert "extract + 1,000 corrections" not in out  # the count given is the count used
    assert "extract + 50 corrections" in out and "TUI opens it, 50 corrections" in out


def test_formats_benchmark_runs(tmp_path: Path) -> None:
    out = _run(
        "benchmarks/bench_formats.py", "--rows", "40", "--entries", "5", "--pages", "2", "--repeat", "1",
        "--dir", str(tmp_path),
    )  # fmt: skip
    assert "feed parsing (5 entries" in out and "page extraction (2 pages)" in out
    assert re.search(r"CSV indexing \(40 rows.*articles/s", out) and "peak RSS of the indexing process" in out
