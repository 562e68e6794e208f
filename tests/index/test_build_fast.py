"""The cold-build fast paths: ids as ``reader list`` gives them, batched writes, and
names-only entity postings that match what the article view highlights."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.articles.scan import load_file, scan_corpus
from reader.entities import NAME_LABELS, extract_article
from reader.index import CorpusIndex
from reader.index.text import normalize_name

BODY = "The Global Water Alliance met in Geneva. Antonio Guterres said Chile would join.\n"


def _dupes(root: Path) -> Path:
    """Three files with one body, in an order where the walk meets the copies first."""
    for rel in ("a/first.txt", "b/second.txt", "c/third.txt"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f" date 2022-04-0{len(rel) % 9} \ntitle: {rel}\n\n{BODY}", encoding="utf-8")
    (root / "other.txt").write_text(" date 2022-05-01 \n\nSomething else entirely, in Peru.\n", encoding="utf-8")
    return root


def test_cold_build_ids_equal_reader_list(tmp_path: Path) -> None:
    corpus = _dupes(tmp_path / "corpus")
    listed = {str(a.path): a.id for a in scan_corpus(corpus).articles}
    with CorpusIndex.open(corpus, tmp_path / "cache") as index:
        index.update(batch=2)  # duplicates across batches too
        indexed = {r.path: r.id for r in index.rows()}
    assert indexed == listed
    assert len(set(indexed.values())) == 4


def test_incremental_update_keeps_given_ids(tmp_path: Path) -> None:
    corpus = _dupes(tmp_path / "corpus")
    with CorpusIndex.open(corpus, tmp_path / "cache") as index:
        index.update()
        before = {r.path: r.id for r in index.rows()}
        (corpus / "d").mkdir()
        (corpus / "d/fourth.txt").write_text(" date 2022-04-09 \n\n" + BODY, encoding="utf-8")
        report = index.update()
        after = {r.path: r.id for r in index.rows()}
    assert report.added == 1
    assert {p: after[p] for p in before} == before
    assert len(set(after.values())) == 5
    assert after == {str(a.path): a.id for a in scan_corpus(corpus).articles}  # appended last in walk order


@pytest.mark.parametrize("batch", [1, 500])
def test_postings_match_the_article_view(tmp_path: Path, batch: int) -> None:
    corpus = _dupes(tmp_path / "corpus")
    with CorpusIndex.open(corpus, tmp_path / "cache") as index:
        index.update(batch=batch)
        conn = index._conn
        for row in index.rows():
            article = next(a for a in load_file(Path(row.path))[0])
            view = [e for e in extract_article(article) if e.label in NAME_LABELS]
            expected: dict[tuple[str, str], tuple[int, int]] = {}
            for e in view:
                count, first = expected.get((e.key, e.label), (0, e.start))
                expected[(e.key, e.label)] = (count + 1, min(first, e.start))
            got = {
                (key, label): (count, first)
                for key, label, count, first in conn.execute(
                    "SELECT e.key, e.label, p.count, p.first FROM postings p JOIN entities e USING (entity)"
                    " WHERE p.doc = ?",
                    (row.doc,),
                )
            }
            assert got == expected
            names = {n for (n,) in conn.execute("SELECT norm FROM names")}
            assert {normalize_name(e.text) for e in view} <= names
