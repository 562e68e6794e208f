"""``reader search --json`` scores: higher is better, never negative, best first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader import cli

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "articles"


@pytest.mark.parametrize("query", ["water", '"water compact"', "water person:Okonkwo", "person:Okonkwo", "-drought"])
def test_scores_are_non_negative_and_sorted_best_first(
    query: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("READER_CACHE", str(tmp_path / "cache"))
    assert cli.main(["search", "--json", "--", query, str(BUNDLED)]) == 0
    scores = [hit["score"] for hit in json.loads(capsys.readouterr().out)]
    assert len(scores) >= 2
    assert all(s >= 0 for s in scores)
    assert all(str(s) != "-0.0" for s in scores)
    assert scores == sorted(scores, reverse=True)


def test_ranked_scores_tell_articles_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A word in most articles scores about 1e-6: the scores must still differ."""
    monkeypatch.setenv("READER_CACHE", str(tmp_path / "cache"))
    assert cli.main(["search", "--json", "water", str(BUNDLED)]) == 0
    scores = [hit["score"] for hit in json.loads(capsys.readouterr().out)]
    assert scores[0] > scores[-1] > 0
