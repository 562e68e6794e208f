"""A CSV export in the index: written a transaction at a time as it streams, each row
opened alone from the byte offset the index keeps, offsets kept right when rows move."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.articles import Article, Problem
from reader.articles.scan import iter_file, load_record
from reader.index import CorpusIndex, UpdateProgress
from reader.index import update as update_module


def export(path: Path, rows: range, first: str = "Row") -> None:
    lines = ["title,date,text,desk"]
    lines += [
        f'"{first if n == rows.start else "Row"} {n}",2024-01-{n % 28 + 1:02d},"Body of row {n}.\n\nSecond {n}",d{n}'
        for n in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def csv_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    export(root / "rows.csv", range(120))
    return root


def test_a_big_export_is_written_a_batch_at_a_time(
    csv_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(update_module, "ARTICLES_PER_TRANSACTION", 25)
    batches: list[int] = []

    def counting(path: Path) -> Iterator[tuple[list[Article], list[Problem]]]:
        for articles, problems in iter_file(path, batch=10):
            batches.append(len(articles))
            yield articles, problems

    monkeypatch.setattr(update_module, "read_file", counting)
    seen: list[UpdateProgress] = []
    with CorpusIndex.open(csv_corpus, tmp_path / "cache") as index:
        report = index.update(progress=seen.append)
        assert report.added == 120 and index.count() == 120
    assert sum(batches) == 120 and max(batches) == 10  # the file came in pieces, never as one list
    # rows were handed over while the file was still being read: several progress
    # reports carry rows, not one at the end
    assert len([p for p in seen if p.changed]) >= 4
    assert sum(len(p.changed) for p in seen) == 120


def test_a_row_opens_from_its_offset(csv_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[tuple[int | None, int | None]] = []

    def recording(path: Path, record: int | None, offset: int | None) -> Article | None:
        reads.append((record, offset))
        return load_record(path, record, offset)

    monkeypatch.setattr(update_module, "read_record", recording)
    with CorpusIndex.open(csv_corpus, tmp_path / "cache") as index:
        index.update()
        row = next(r for r in index.rows() if r.title == "Row 77")
        article = index.load_article(row.id)
        assert article is not None and (article.title, article.record) == ("Row 77", 77)
        assert article.extra == (("desk", "d77"),)
        assert reads == [(77, article.offset)] and article.offset

        # an earlier row grows: every later row moves, and the update keeps up
        export(csv_corpus / "rows.csv", range(120), first="A much longer title for the first row")
        stat = (csv_corpus / "rows.csv").stat()
        os.utime(csv_corpus / "rows.csv", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        report = index.update()
        assert report.changed == 1 and report.removed == 0
        reads.clear()
        moved = index.load_article(row.id)
        assert moved is not None and moved.title == "Row 77"
        assert reads == [(77, moved.offset)] and (moved.offset or 0) > article.offset  # one seek, no scan


def test_a_stale_offset_falls_back_to_the_row_number(csv_corpus: Path, tmp_path: Path) -> None:
    with CorpusIndex.open(csv_corpus, tmp_path / "cache") as index:
        index.update()
        row = next(r for r in index.rows() if r.title == "Row 5")
        # changed behind the index's back (no update yet): the offset now points elsewhere
        export(csv_corpus / "rows.csv", range(120), first="Shifted")
        article = index.load_article(row.id)
        assert article is not None and article.title == "Row 5"


def test_an_update_cut_short_inside_an_export_finishes_next_time(
    csv_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(update_module, "ARTICLES_PER_TRANSACTION", 25)

    def cut_short(path: Path) -> Iterator[tuple[list[Article], list[Problem]]]:
        for number, batch in enumerate(iter_file(path, batch=10)):
            if number == 6:
                raise KeyboardInterrupt  # killed part way: 60 rows written, in two transactions
            yield batch

    cache = tmp_path / "cache"
    monkeypatch.setattr(update_module, "read_file", cut_short)
    with CorpusIndex.open(csv_corpus, cache) as index, pytest.raises(KeyboardInterrupt):
        index.update()
    monkeypatch.setattr(update_module, "read_file", iter_file)
    with CorpusIndex.open(csv_corpus, cache) as index:
        assert index.count() == 60  # what was written stays
        index.update()
        rows = index.rows()
        assert sorted(r.record or 0 for r in rows) == list(range(120))  # each row once
        assert index.update().reread == 0  # and the file is now recorded as read
