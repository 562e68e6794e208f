"""Every query README.md shows finds something in the bundled corpus.

The queries are read from the README itself, so an edit that shows a query finding
nothing fails here: the one in the intro paragraph ("the query language (`...`)") and
every backticked example after the colon of each list item in the query-language section
(the list after "The query language, the same in").

Each runs through ``reader search --json -- QUERY articles/`` (``reader.cli.main``, the
console script's entry point) with a temporary ``READER_CACHE`` and ``READER_STORE``. The
store filters (``is:bookmarked``, ``has:note``, ``is:unread``) need user data, so the store
is given one bookmark and one note first, through ``reader bookmark add`` and ``reader note
add``. Relative dates (``@-7d..``) would depend on the day the test runs, so ``today`` is
pinned to the newest article's date, as for someone reading a corpus that just arrived;
absolute queries do not look at it.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from pathlib import Path

import pytest

from reader import cli
from reader.commands import search as search_command
from reader.index import parse

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
BUNDLED = ROOT / "articles"
BACKTICKED = re.compile(r"`([^`]+)`")


def intro_queries(text: str) -> list[str]:
    flat = " ".join(text.split())
    return re.findall(r"the query language \(`([^`]+)`\)", flat)


def section_queries(text: str) -> list[str]:
    start = text.index("The query language, the same in")
    lines = text[start:].splitlines()
    queries: list[str] = []
    in_list = False
    for line in lines[1:]:
        if line.startswith("#"):
            break
        if line.startswith("- "):
            in_list = True
            _, _, examples = line.partition(": ")
            queries += BACKTICKED.findall(examples)
        elif in_list and not line.strip():
            break
    return queries


def readme_queries() -> list[str]:
    text = README.read_text(encoding="utf-8")
    return intro_queries(text) + section_queries(text)


QUERIES = readme_queries()


def test_the_readme_shows_queries_this_test_can_find() -> None:
    """Guards the parsing: a README reshaped so that no query is found would otherwise
    pass every test below by running none."""
    text = README.read_text(encoding="utf-8")
    assert len(intro_queries(text)) == 1
    assert len(section_queries(text)) >= 10
    for needed in ("is:bookmarked", "has:note", "@-7d..", "-drought"):
        assert needed in QUERIES


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.fixture(scope="module")
def dirs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("readme-queries")
    return base / "cache", base / "store.json"


@pytest.fixture
def corpus(dirs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> dt.date:
    """The environment every query runs in; returns the newest article's date."""
    cache, store = dirs
    monkeypatch.setenv("READER_CACHE", str(cache))
    monkeypatch.setenv("READER_STORE", str(store))
    rows = json.loads(_run(capsys, "list", str(BUNDLED), "--json"))
    if not store.exists():
        first = rows[0]["id"]
        _run(capsys, "bookmark", "add", first, "--corpus", str(BUNDLED))
        _run(capsys, "note", "add", first, "--text", "a note for the README's has:note", "--corpus", str(BUNDLED))
    newest = max(r["date"] for r in rows if r["date"])
    today = dt.date.fromisoformat(newest)
    monkeypatch.setattr(search_command, "parse", functools.partial(parse, today=today))
    return today


@pytest.mark.parametrize("query", QUERIES)
def test_every_readme_query_finds_an_article(query: str, corpus: dt.date, capsys: pytest.CaptureFixture[str]) -> None:
    hits = json.loads(_run(capsys, "search", "--json", "--", query, str(BUNDLED)))
    assert hits, f"the README's query {query!r} finds nothing in articles/"


def test_the_showcase_query_uses_every_kind_of_clause() -> None:
    """The intro's query stands for the language: a word, an entity, a date, an exclusion."""
    (showcase,) = intro_queries(README.read_text(encoding="utf-8"))
    q = parse(showcase)
    assert q.positive_terms and q.entities and q.dates and (q.negative_terms or any(e.negated for e in q.entities))
