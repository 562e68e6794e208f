"""``reader entities`` end to end, in a subprocess as a user or a script runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED_SAMPLE = ROOT / "tests" / "data" / "seed_format.txt"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader.cli", "entities", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_jsonl_output_and_bad_files(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text(" date 2022-04-26 \nDefence Minister Lena Berg visited Riga on Monday.\n", encoding="utf-8")
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    missing = tmp_path / "missing.txt"
    result = run(str(good), str(missing), str(binary), "--jsonl")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["file"] == str(good)
    text = good.read_text(encoding="utf-8")
    by_text = {e["text"]: e for e in record["entities"]}
    assert by_text["Lena Berg"]["label"] == "PERSON"
    assert by_text["Riga"]["label"] == "GPE"
    for e in record["entities"]:
        assert set(e) == {"start", "end", "label", "text", "key"}
        assert text[e["start"] : e["end"]] == e["text"]
    errors = result.stderr.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"reader: {missing}: ")
    assert errors[1].startswith(f"reader: {binary}: ")


def test_feed_gives_one_object_per_record(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"date": "2022-01-01", "text": "Oslo welcomed Mayor Eva Lund."})
        + "\n"
        + json.dumps({"date": "2022-01-02", "text": "Bergen got rain on Friday."})
        + "\n",
        encoding="utf-8",
    )
    result = run(str(feed), "--jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["record"] for r in records] == [0, 1]
    assert {e["text"] for e in records[1]["entities"]} == {"Bergen", "Friday"}


def test_table_output_strips_control_characters(tmp_path: Path) -> None:
    f = tmp_path / "c.txt"
    f.write_text("Mayor Eva\x1b]0;owned\x07 Lund met Karl Olsen in Oslo.\n", encoding="utf-8")
    result = run(str(f))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "Oslo" in result.stdout and "GPE" in result.stdout


def test_the_seed_format_sample_article() -> None:
    """The project's own sample, body on the date line: offsets index the whole file text
    (read as UTF-8 with newline=""), header included, and count characters, not bytes (the
    sample has € and curly quotes before most of its entities)."""
    result = run(str(SEED_SAMPLE), "--jsonl")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    with open(SEED_SAMPLE, encoding="utf-8", newline="") as f:
        text = f.read()
    entities = record["entities"]
    for e in entities:
        assert text[e["start"] : e["end"]] == e["text"]
    first = entities[0]
    assert (first["text"], first["label"], first["start"]) == ("Portuguese", "NORP", len(" date 2025-03-04 "))
    labels = {(e["text"], e["label"]) for e in entities}
    for name in ("Helena Sarmento", "Rui Valadares", "Marta Quintela"):
        assert (name, "PERSON") in labels
    for place in ("Lisbon", "Rotterdam", "Antwerp", "Brussels", "Setúbal"):
        assert (place, "GPE") in labels
    for org in (
        "Atlantic Harbour Authority",
        "European Investment Bank",
        "Tagus Shipping Group",
        "European Commission",
    ):
        assert (org, "ORG") in labels
    for money in ("€450 million", "€200 million", "$120 million"):
        assert (money, "MONEY") in labels
    assert ("March 3", "DATE") in labels and ("18 percent", "PERCENT") in labels
    keys = {e["key"] for e in entities if e["text"] == "Sarmento"}
    assert keys == {"Helena Sarmento"}
