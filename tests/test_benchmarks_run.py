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
        "--before",
        str(ROOT),  # another checkout: here this one again, timed in turn
    )
    assert "cold build" in out and "mentions" in out
    assert re.search(r"cold build, 2 fresh processes, this checkout +median [\d,]+ articles/s", out), out
    assert re.search(r"cold build, 2 fresh processes, before +median [\d,]+ articles/s", out), out
    assert re.search(r"cold build speed, this checkout / before +median [\d.]+x", out), out


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


def test_feeds_benchmark_runs() -> None:
    out = _run("benchmarks/bench_feeds.py", "--feeds", "3", "--entries", "2", "--latency", "0.01")
    assert "every feed at once (fetch_feeds)" in out and "articles written: 6 of 6" in out


def test_entity_browser_benchmark_runs(tmp_path: Path) -> None:
    out = _run(
        "benchmarks/bench_entity_browser.py",
        "--articles",
        "40",
        "--corpus",
        str(tmp_path / "corpus"),
        "--cache",
        str(tmp_path / "cache"),
    )
    assert "E to the browser on screen" in out and "dossier, most-mentioned entity" in out
    assert re.search(r"peak RSS, reader \+ browser process +[\d,]+ entities +\d+ MB +[\d.]+x", out), out


def test_cli_benchmark_runs() -> None:
    out = _run("benchmarks/bench_cli.py", "--articles", "30", "--runs", "1")
    assert "floor: python -c 'import sqlite3'" in out
    assert re.search(r"warm reader search water +\d+ ms +\d+ ms = [\d.]+x", out), out  # the row's floor, then it


@pytest.mark.tmux
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_wire_benchmark_runs() -> None:
    out = _run("benchmarks/bench_wire.py", "--articles", "30", "--keys", "2", "--no-sample")
    assert "bare OptionList of 30 rows" in out, out
    for screen in ("idle second", "list cursor j/k", "article paragraph j/k", "entity panel j/k", "mentions view j/k"):
        assert re.search(rf"^{re.escape(screen)} +[\d,]+ ", out, re.MULTILINE), out
