"""A non-editable install carries its sample corpus and styles (they live outside the package
in the repository and are mapped into the wheel)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_ships_corpus_and_styles(tmp_path: Path) -> None:
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    [wheel] = list((tmp_path / "dist").glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "reader/_data/styles/reader.tcss" in names
    assert sum(n.startswith("reader/_data/articles/") for n in names) >= 40
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "reader = reader.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()

    target = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    env = {**os.environ, "PYTHONPATH": str(target)}
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import reader, reader.locations as l; print(reader.__file__); "
            "print(l.styles_dir()); print(l.sample_corpus())",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    module, styles, corpus = probe.stdout.split("\n")[:3]
    assert module.startswith(str(target)), probe.stderr
    assert Path(styles, "reader.tcss").is_file() and styles.startswith(str(target))
    assert corpus.startswith(str(target))
    listed = subprocess.run(
        [sys.executable, "-m", "reader.cli", "list", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) >= 40
