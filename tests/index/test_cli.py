"""``reader search`` and ``reader mentions`` as scripts see them: exit codes and JSON."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def reader(*args: str, cache: Path, store: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "READER_CACHE": str(cache)}
    if store is not None:
        env["READER_STORE"] = str(store)
    return subprocess.run(
        [sys.executable, "-m", "reader.cli", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_search_json(corpus: Path, cache: Path) -> None:
    proc = reader("search", "water", str(corpus), "--json", cache=cache)
    assert proc.returncode == 0, proc.stderr
    hits = json.loads(proc.stdout)
    assert [h["title"] for h in hits] == ["Water summit opens in Geneva", "Trade talks resume"]
    assert set(hits[0]) == {"id", "date", "title", "path", "record", "score", "snippet"}
    snippet = hits[0]["snippet"]
    assert all(snippet["text"][s:e].lower() == "water" for s, e in snippet["matches"])
    assert proc.stderr == ""  # no progress when stderr is not a terminal


def test_search_text_marks_matches(corpus: Path, cache: Path) -> None:
    proc = reader("search", '"trade talks" @2022', str(corpus), cache=cache)
    assert proc.returncode == 0
    assert proc.stdout.startswith("2022-05-03  Trade talks resume")
    assert "[trade talks]" in proc.stdout


def test_malformed_query_exits_2_with_the_position(corpus: Path, cache: Path) -> None:
    proc = reader("search", "water foo:bar", str(corpus), cache=cache)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and 'unknown filter "foo:" at column 7' in proc.stderr
    proc = reader("search", "@2022-13", str(corpus), cache=cache)
    assert proc.returncode == 2 and "column 2" in proc.stderr


def test_store_filters_use_the_store(corpus: Path, cache: Path, tmp_path: Path) -> None:
    store = tmp_path / "store.json"
    added = reader("bookmark", "add", str(corpus / "2021/imf.txt"), "--store", str(store), cache=cache)
    assert added.returncode == 0, added.stderr
    proc = reader("search", "is:bookmarked", str(corpus), "--json", "--store", str(store), cache=cache)
    assert proc.returncode == 0, proc.stderr
    assert [h["title"] for h in json.loads(proc.stdout)] == ["IMF approves loan for Ghana"]


def test_missing_corpus_is_one_line_exit_1(tmp_path: Path, cache: Path) -> None:
    proc = reader("search", "water", str(tmp_path / "nope"), cache=cache)
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "does not exist" in proc.stderr


def test_mentions_json_and_text(corpus: Path, cache: Path) -> None:
    proc = reader("mentions", "Guterres", str(corpus), "--json", cache=cache)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["key"] == "Antonio Guterres" and data["label"] == "PERSON"
    assert [a["count"] for a in data["articles"]] == [3]
    assert data["timeline"]["periods"] == [["2022-W17", 3]]
    assert {"key", "label", "articles"} <= set(data["co_mentions"][0])
    text = reader("mentions", "Guterres", str(corpus), cache=cache)
    assert text.returncode == 0 and text.stdout.startswith("Antonio Guterres (PERSON): 3 mentions in 1 article\n")
    fast = reader("mentions", "Guterres", str(corpus), "--no-update", cache=cache)
    assert fast.returncode == 0 and fast.stdout == text.stdout
    missing = reader("mentions", "Nobody", str(corpus), cache=cache)
    assert missing.returncode == 1 and "no entity named" in missing.stderr


def test_busy_or_broken_index_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A locked or unusable index ends the command with one readable error, not a traceback."""
    import sqlite3

    from reader.commands import search as search_command
    from reader.errors import ReaderError
    from reader.index import CorpusIndex, IndexBusyError

    def busy(*args: object, **kwargs: object) -> CorpusIndex:
        raise IndexBusyError("database is locked")

    monkeypatch.setattr(CorpusIndex, "open", busy)
    with pytest.raises(ReaderError, match="is busy"):
        search_command.open_index(tmp_path)

    def broken(*args: object, **kwargs: object) -> CorpusIndex:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(CorpusIndex, "open", broken)
    with pytest.raises(ReaderError, match="disk I/O error.*to rebuild it"):
        search_command.open_index(tmp_path)


def test_mentions_says_when_co_mention_counts_are_partial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Co-mentions are counted over the newest CO_WINDOW articles: when the entity is in
    more, the output says so instead of passing a partial count off as the whole."""
    import reader.index.mentions as mentions_module
    from reader.cli import main

    monkeypatch.setenv("READER_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(mentions_module, "CO_WINDOW", 1)
    corpus = Path(__file__).resolve().parents[2] / "articles"
    assert main(["mentions", "Okonkwo", str(corpus)]) == 0
    out = capsys.readouterr().out
    total = int(re.search(r"mentions? in ([\d,]+) articles?", out).group(1).replace(",", ""))  # type: ignore[union-attr]
    assert total > 1
    assert f"mentioned with (counted in the newest 1 of {total:,} articles):" in out
    assert main(["mentions", "Okonkwo", str(corpus), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["co_window"] == 1
