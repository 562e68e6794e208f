"""``reader list`` and the command line's promises: exit codes, one-line errors, no Textual."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED_SAMPLE = ROOT / "tests" / "data" / "seed_format.txt"


def reader(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "reader.cli", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "old.txt").write_text(" date 2021-06-01 \ntitle: Older news\n\nBody one.\n")
    (root / "new.txt").write_text(" date 2022-04-26 The newest story. It has two sentences.\n")
    (root / "none.txt").write_text("title: No date\n\nBody.\n")
    (root / "bin.txt").write_bytes(b"\x00\x00junk")
    (root / "evil.txt").write_text(" date 2020-01-01 \ntitle: Evil \x1b]0;pwned\x07title \x9b2J\n\nBody.\n")
    return root


def test_list_json_newest_first(corpus: Path) -> None:
    proc = reader("list", str(corpus), "--json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert [r["title"] for r in rows][:2] == ["The newest story.", "Older news"]
    assert rows[0]["date"] == "2022-04-26" and rows[-1]["date"] is None
    assert {"id", "date", "title", "path"} <= set(rows[0])
    assert "bin.txt: binary file" in proc.stderr
    assert "\x1b" not in proc.stdout and "\x9b" not in proc.stdout


def test_list_table_is_sanitised_and_filtered(corpus: Path) -> None:
    proc = reader("list", str(corpus), "--since", "2021-01-01", "--until", "April 30, 2022")
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert len(lines) == 2 and "2022-04-26" in lines[0] and "Older news" in lines[1]
    proc = reader("list", str(corpus))
    assert "\x1b" not in proc.stdout and "\x9b" not in proc.stdout
    assert "Evil title 2J" in proc.stdout or "Evil title" in proc.stdout


def test_seed_format_sample_title(tmp_path: Path) -> None:
    """The project's own sample in the plain format: the body starts on the date line, and
    with no title header the title is the first sentence, cut at a word boundary."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / SEED_SAMPLE.name).write_bytes(SEED_SAMPLE.read_bytes())
    proc = reader("list", str(corpus), "--json")
    assert proc.returncode == 0, proc.stderr
    [row] = json.loads(proc.stdout)
    assert row["date"] == "2025-03-04"
    assert row["title"] == "Portuguese Maritime Minister Helena Sarmento has told the board of the Atlantic Harbour..."
    text = SEED_SAMPLE.read_text(encoding="utf-8")
    first_sentence = text[len(" date 2025-03-04 ") : text.index(".\n") + 1]
    head = row["title"].removesuffix("...")
    assert len(row["title"]) <= 90 < len(first_sentence)
    assert first_sentence.startswith(head + " ")  # cut between two words, not inside one


def test_errors_are_one_line_with_exit_codes(tmp_path: Path) -> None:
    missing = reader("list", str(tmp_path / "nope"))
    assert missing.returncode == 1
    assert missing.stderr.strip().count("\n") == 0 and "does not exist" in missing.stderr
    assert "Traceback" not in missing.stderr
    usage = reader("list", "--since", "someday")
    assert usage.returncode == 2 and "not a date" in usage.stderr
    backwards = reader("list", str(tmp_path), "--since", "2022-01-02", "--until", "2022-01-01")
    assert backwards.returncode == 2
    tui_missing = reader(str(tmp_path / "nope"))
    assert tui_missing.returncode == 1 and "does not exist" in tui_missing.stderr


def test_version_and_help() -> None:
    version = reader("--version")
    assert version.returncode == 0 and version.stdout.startswith("reader ")
    helped = reader("--help")
    assert helped.returncode == 0 and "list" in helped.stdout
    assert reader("list", "--help").returncode == 0


def test_bundled_corpus_lists_without_arguments() -> None:
    proc = reader("list", "--json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert len(rows) >= 40


def test_cli_commands_do_not_import_textual(corpus: Path) -> None:
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['reader', 'list', {str(corpus)!r}, '--json']\n"
        "from reader.cli import main\n"
        "import io, contextlib\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    main()\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_list_shows_files_in_other_encodings(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    header = "title: Café in München\ndate: {}\n\nDer Bürgermeister eröffnete das Café.\n"
    (corpus / "latin.txt").write_bytes(header.format("2023-01-02").encode("latin-1"))
    (corpus / "wide.txt").write_bytes(header.format("2023-01-03").encode("utf-16"))  # with a BOM
    (corpus / "plain.txt").write_text(header.format("2023-01-04"), encoding="utf-8")
    (corpus / "bin.txt").write_bytes(b"date 2023-01-05\n\n\x00\x01\x02 payload")
    proc = reader("list", str(corpus), "--json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert [(r["date"], r["title"]) for r in rows] == [
        ("2023-01-04", "Café in München"),
        ("2023-01-03", "Café in München"),
        ("2023-01-02", "Café in München"),
    ]
    assert "latin.txt: decoded as " in proc.stderr and "wide.txt: decoded as UTF-16-LE" in proc.stderr
    assert "bin.txt: binary file" in proc.stderr and "plain.txt" not in proc.stderr
