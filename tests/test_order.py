"""One list order: articles parsed from files and rows read from the index sort alike."""

from __future__ import annotations

import json
from pathlib import Path

from reader.articles import scan_corpus, sort_key
from reader.index import CorpusIndex, row_of_article, row_sort_key
from reader.order import date_number, newest_first

ROOT = Path(__file__).resolve().parents[1]


def tricky_corpus(root: Path) -> Path:
    """Ties on every part of the key: same dates, titles differing in case only (and
    beyond ASCII), undated articles, and feed records tying on date and title."""
    files = {
        "a.txt": " date 2022-04-26 \ntitle: water talks\n\nFirst body.\n",
        "b.txt": " date 2022-04-26 \ntitle: Water talks\n\nSecond body.\n",
        "c.txt": " date 2022-04-26 \ntitle: Éclair prices rise\n\nThird body.\n",
        "d.txt": " date 2022-04-26 \ntitle: éclair prices\n\nFourth body.\n",
        "sub/e.txt": " date 2021-01-02 \ntitle: Older\n\nFifth body.\n",
        "undated-b.txt": "title: Beta\n\nSixth body.\n",
        "undated-a.txt": "title: beta\n\nSeventh body.\n",
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    records = [{"title": "Same", "date": "2022-05-01", "text": f"Record body {n}."} for n in range(4)]
    (root / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return root


def test_key_of_an_article_and_of_its_row_are_one() -> None:
    for article in scan_corpus(ROOT / "articles").articles:
        assert sort_key(article) == row_sort_key(row_of_article(article))
        assert sort_key(article) == newest_first(article.date_iso, article.title, str(article.path), article.record)


def test_parsed_and_indexed_lists_agree(tmp_path: Path) -> None:
    corpus = tricky_corpus(tmp_path / "corpus")
    parsed = scan_corpus(corpus).articles
    assert [a.title for a in parsed][:4] == ["Same"] * 4  # newest first; records in feed order
    assert [a.record for a in parsed][:4] == [0, 1, 2, 3]
    # ties by title folded beyond ASCII (SQLite's NOCASE would put "Éclair" before "éclair"), then path
    assert [a.title for a in parsed][4:8] == ["water talks", "Water talks", "éclair prices", "Éclair prices rise"]
    assert [a.title for a in parsed][-2:] == ["beta", "Beta"]  # undated last, ties by path
    with CorpusIndex.open(corpus, tmp_path / "cache", extractor=None) as index:
        index.update()
        rows = index.rows()
    assert [r.id for r in sorted(rows, key=row_sort_key)] == [a.id for a in parsed]
    assert [r.id for r in sorted(reversed(rows), key=row_sort_key)] == [a.id for a in parsed]


def test_date_number() -> None:
    assert date_number("2024-03-12") == 20240312
    assert date_number(None) == date_number("") == 0
    assert date_number("yesterday") == 0  # a hand-edited store's date sorts as undated
    assert newest_first("2024-03-12", "B", "/b") < newest_first("2024-03-11", "A", "/a") < newest_first(None, "A", "/a")
