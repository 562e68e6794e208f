"""A lone surname resolves to the person the corpus names in full, unless two share it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.index import CorpusIndex

ROOT = Path(__file__).resolve().parents[2]

ARTICLES = {
    "a/full.txt": (
        " date 2021-01-20 \ntitle: Inauguration day\n\n"
        "Senator Amelia Fairbrook was sworn in as governor on Wednesday. Fairbrook thanked voters.\n"
    ),
    "a/lone.txt": (
        " date 2021-02-03 \ntitle: Budget plan\n\nThe plan was backed by Fairbrook, aides said on Monday.\n"
    ),
    "a/lone2.txt": (" date 2021-02-09 \ntitle: Road works\n\nGovernor Fairbrook opened the bridge on Tuesday.\n"),
    "b/first.txt": (
        " date 2021-03-01 \ntitle: Mayor wins\n\nTobias Quennell won the mayoral race. Quennell said he was grateful.\n"
    ),
    "b/second.txt": (
        " date 2021-03-05 \ntitle: Court ruling\n\nJudge Marta Quennell ruled on Friday. Quennell wrote the opinion.\n"
    ),
    "b/lone.txt": (" date 2021-03-08 \ntitle: Town hall\n\nMr Quennell spoke at the town hall on Monday.\n"),
}


@pytest.fixture
def index(tmp_path: Path) -> Iterator[CorpusIndex]:
    root = tmp_path / "corpus"
    for rel, text in ARTICLES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    idx = CorpusIndex.open(root, tmp_path / "cache")
    idx.update()
    yield idx
    idx.close()


def test_lone_surname_resolves_to_the_one_person_named_in_full(index: CorpusIndex) -> None:
    found = index.mentions("Fairbrook")
    assert found is not None
    assert (found.key, found.label) == ("Amelia Fairbrook", "PERSON")
    assert found.total_articles == 3  # the articles that only say "Fairbrook" count too
    assert "Fairbrook" in found.keys
    assert "names in full" in found.why


def test_the_full_name_takes_in_articles_that_only_give_the_surname(index: CorpusIndex) -> None:
    found = index.mentions("Amelia Fairbrook")
    assert found is not None
    assert found.total_articles == 3


def test_a_shared_surname_stays_its_own_person_and_lists_every_match(index: CorpusIndex) -> None:
    found = index.mentions("Quennell")
    assert found is not None
    assert (found.key, found.label) == ("Quennell", "PERSON")
    assert found.total_articles == 1
    listed = {key for key, _, _ in found.matches}
    assert {"Tobias Quennell", "Marta Quennell", "Quennell"} <= listed
    assert "2 people" in found.why


def test_people_sharing_a_surname_do_not_take_in_its_lone_mentions(index: CorpusIndex) -> None:
    for name in ("Tobias Quennell", "Marta Quennell"):
        found = index.mentions(name)
        assert found is not None
        assert found.key == name
        assert "Quennell" not in found.keys
        assert found.total_articles == 1


def test_mentions_command_says_what_it_chose(index: CorpusIndex, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "READER_CACHE": str(tmp_path / "cache")}
    args = [sys.executable, "-m", "reader.cli", "mentions", "Quennell", str(tmp_path / "corpus"), "--no-update"]
    proc = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "'Quennell' matches 3 entities" in proc.stdout
    assert "chose Quennell (PERSON)" in proc.stdout
    proc = subprocess.run([*args, "--json"], capture_output=True, text=True, env=env, timeout=120)
    data = json.loads(proc.stdout)
    assert {m["key"] for m in data["matches"]} >= {"Tobias Quennell", "Marta Quennell"}
    assert data["chosen_because"]
