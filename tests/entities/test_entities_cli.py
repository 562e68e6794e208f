"""``reader entities`` end to end, in a subprocess as a user or a script runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


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


def test_the_shared_sample_article() -> None:
    sample = ROOT.parent / "shared" / "samples" / "000_05692198d123f811.txt"
    if not sample.exists():
        import pytest

        pytest.skip("shared sample not present")
    result = run(str(sample), "--jsonl")
    assert result.returncode == 0
    labels = {(e["text"], e["label"]) for e in json.loads(result.stdout)["entities"]}
    for name in ("Antonio Guterres", "Sergei Lavrov", "Lloyd Austin", "Vladimir Putin", "Dmytro Kuleba", "Joe Biden"):
        assert (name, "PERSON") in labels
    for place in ("Ukraine", "Moscow", "Mariupol", "Kyiv", "Germany", "Washington"):
        assert (place, "GPE") in labels
    for org in ("NATO", "United Nations", "Reuters"):
        assert (org, "ORG") in labels
    assert ("$700 million", "MONEY") in labels and ("$4 billion", "MONEY") in labels
    assert ("April 26", "DATE") in labels
