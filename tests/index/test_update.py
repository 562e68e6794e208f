"""Incremental updates, a damaged or foreign database, and two connections at once."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.articles import Article, Problem
from reader.articles.scan import iter_file
from reader.index import CorpusIndex, UpdateProgress
from reader.index import update as update_module
from reader.index.schema import database_path


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the index reads, in order."""
    seen: list[str] = []

    def counting(path: Path) -> Iterator[tuple[list[Article], list[Problem]]]:
        seen.append(path.name)
        return iter_file(path)

    monkeypatch.setattr(update_module, "read_file", counting)
    return seen


def test_only_changed_files_are_read(corpus: Path, cache: Path, reads: list[str]) -> None:
    with CorpusIndex.open(corpus, cache) as index:
        first = index.update()
        assert (first.added, first.reread, first.files) == (5, 5, 5)
        reads.clear()
        again = index.update()
        assert reads == [] and not again.touched and again.unchanged == 5

        (corpus / "2022/05/new.txt").write_text(" date 2022-05-10 \ntitle: Copper rally\n\nCopper rose.\n")
        water = corpus / "2022/04/water.txt"
        water.write_text(water.read_text().replace("calm", "x") + "\nA new closing paragraph about water.\n")
        (corpus / "2021/imf.txt").unlink()
        (corpus / "2022/04/guterres.txt").rename(corpus / "2022/04/renamed.txt")
        reads.clear()
        report = index.update()
        assert sorted(reads) == ["new.txt", "renamed.txt", "water.txt"]
        assert (report.added, report.changed, report.removed, report.moved) == (1, 1, 1, 1)
        titles = [r.title for r in index.rows()]
        assert "IMF approves loan for Ghana" not in titles and "Copper rally" in titles
        assert index.search("closing paragraph")[0].row.title == "Water summit opens in Geneva"
        assert index.search("ghana") == []  # the deleted article's full text is gone too
        moved = index.search("person:Guterres")[0].row
        assert moved.path.endswith("renamed.txt")  # entities kept, no re-extraction
        found = index.mentions("Guterres")
        assert found is not None and found.articles[0].row.path.endswith("renamed.txt")


def test_touch_and_header_edit(corpus: Path, cache: Path, reads: list[str]) -> None:
    with CorpusIndex.open(corpus, cache) as index:
        index.update()
        trade = corpus / "2022/05/trade.txt"
        os.utime(trade, ns=(1, 1))
        report = index.update()
        assert report.reread == 1 and not report.touched
        trade.write_text(trade.read_text().replace("Trade talks resume", "Trade talks resume in Delhi"))
        report = index.update()
        assert (report.added, report.changed, report.removed) == (0, 1, 0)
        assert index.rows()[0].title == "Trade talks resume in Delhi"
        assert len(index.rows()) == 5


def test_progress_reports_batches(corpus: Path, cache: Path) -> None:
    seen: list[UpdateProgress] = []
    with CorpusIndex.open(corpus, cache) as index:
        index.update(progress=seen.append, batch=2)
    # a first build hands over its first rows before the folder walk ends
    assert seen[0].done == len(seen[0].changed) == 2
    assert seen[-1].done == seen[-1].total == 5
    assert [p.done for p in seen] == sorted(p.done for p in seen)
    assert sum(len(p.changed) for p in seen) == 5
    assert all(len(p.changed) <= 2 for p in seen)
    # a later update with nothing new reports where it stands without rows
    again: list[UpdateProgress] = []
    with CorpusIndex.open(corpus, cache) as index:
        index.update(progress=again.append, batch=2)
    assert again[0].done == again[0].total == 5 and not any(p.changed for p in again)


def test_first_build_grows_its_batches_and_updates_keep_theirs(tmp_path: Path, cache: Path) -> None:
    """A first build commits larger and larger batches (up to four times the asked size:
    fewer full-text segments to merge); later updates commit the size asked."""
    from reader.index.update import COLD_BATCH_GROWTH

    corpus = tmp_path / "many"
    corpus.mkdir()
    for n in range(30):
        (corpus / f"a{n:02}.txt").write_text(
            f"title: Report {n}\n\nA report numbered {n} about copper in Chile.\n", encoding="utf-8"
        )
    seen: list[UpdateProgress] = []
    with CorpusIndex.open(corpus, cache) as index:
        index.update(progress=seen.append, batch=2)
    sizes = [len(p.changed) for p in seen if p.changed]
    assert sizes == [2, 2, 4, 8, 8, 6] and max(sizes) == 2 * COLD_BATCH_GROWTH
    for n in range(30, 50):
        (corpus / f"a{n:02}.txt").write_text(f"title: Late {n}\n\nA late report {n} on tin.\n", encoding="utf-8")
    later: list[UpdateProgress] = []
    with CorpusIndex.open(corpus, cache) as index:
        index.update(progress=later.append, batch=2)
    assert [len(p.changed) for p in later if p.changed] == [2] * 10


def test_deleting_the_database_loses_nothing(corpus: Path, cache: Path) -> None:
    with CorpusIndex.open(corpus, cache) as index:
        index.update()
        before = [(r.id, r.title) for r in index.rows()]
        path = index.db_path
    os.unlink(path)
    with CorpusIndex.open(corpus, cache) as index:
        index.update()
        assert [(r.id, r.title) for r in index.rows()] == before


def test_corrupt_database_is_rebuilt_with_a_notice(corpus: Path, cache: Path) -> None:
    path = database_path(corpus.absolute(), cache)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database at all" * 100)
    with CorpusIndex.open(corpus, cache) as index:
        assert any("deleted and will be rebuilt" in n for n in index.notices)
        index.update()
        assert len(index.rows()) == 5


def test_damaged_pages_are_rebuilt(corpus: Path, cache: Path) -> None:
    with CorpusIndex.open(corpus, cache) as index:
        index.update()
        path = index.db_path
        index._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 2, len(data), page):  # scribble over every page but the first
        data[offset : offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    with CorpusIndex.open(corpus, cache) as index:
        report = index.update()
        notices = index.notices + report.notices
        assert notices and any("rebuilt" in n for n in notices)
        assert len(index.rows()) == 5


def test_foreign_version_is_rebuilt(corpus: Path, cache: Path) -> None:
    with CorpusIndex.open(corpus, cache) as index:
        index.update()
        index._conn.execute("PRAGMA user_version = 99")
    with CorpusIndex.open(corpus, cache) as index:
        assert any("schema version 99" in n for n in index.notices)
        assert index.rows() == []
        index.update()
        assert len(index.rows()) == 5


def test_a_reader_while_a_writer_updates(tmp_path: Path, cache: Path, make_corpus: Callable[..., Path]) -> None:
    corpus = make_corpus(
        tmp_path / "big",
        {
            f"{n:03d}.txt": f" date 2022-01-{n % 28 + 1:02d} \ntitle: Story {n}\n\nCopper and water story {n}.\n"
            for n in range(300)
        },
    )
    writer = CorpusIndex.open(corpus, cache, extractor=None)
    reader = CorpusIndex.open(corpus, cache, extractor=None)
    counts: list[int] = []
    errors: list[BaseException] = []

    def read_while_writing(update: UpdateProgress) -> None:
        try:
            counts.append(len(reader.rows()))
            assert len(writer.rows()) == counts[-1]  # the updating object itself stays usable
            reader.search("copper")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    thread = threading.Thread(target=lambda: writer.update(progress=read_while_writing, batch=50))
    thread.start()
    thread.join(60)
    assert not errors
    assert counts == sorted(counts) and counts[-1] == 300  # batches appear whole, in order
    assert len(reader.match_ids("copper")) == 300
    other = CorpusIndex.open(corpus, cache, extractor=None)
    assert not other.update().touched  # a second process finds nothing to do
    for idx in (writer, reader, other):
        idx.close()


def test_stale_full_text_is_compacted(corpus: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.index import corpus_index

    monkeypatch.setattr(corpus_index, "COMPACT_MIN_GARBAGE", 1)
    with CorpusIndex.open(corpus, cache) as index:
        index.update()
        for name in ("2021/imf.txt", "undated.txt"):
            (corpus / name).unlink()
        water = corpus / "2022/04/water.txt"
        water.write_text(water.read_text() + "\nMore.\n")
        report = index.update()
        index._maybe_compact(index._conn, report, 500, threshold=1)
        assert any("compacted" in n for n in report.notices)
        assert index._conn.execute("SELECT value FROM meta WHERE name='garbage'").fetchone()[0] == "0"
        fts_rows = index._conn.execute(
            "SELECT count(*) FROM fts WHERE fts MATCH 'water OR guterres OR trade'"
        ).fetchone()[0]
        assert fts_rows == 3
        assert [h.row.title for h in index.search("more")] == ["Water summit opens in Geneva"]


def test_bad_files_are_reported_and_not_reread(corpus: Path, cache: Path, reads: list[str]) -> None:
    (corpus / "bin.txt").write_bytes(b"\x00\x01junk")
    with CorpusIndex.open(corpus, cache) as index:
        report = index.update()
        assert [p.path.name for p in report.problems] == ["bin.txt"]
        reads.clear()
        assert index.update().problems == [] and reads == []
        assert [p.path.name for p in index.problems()] == ["bin.txt"]


def test_duplicate_bodies_get_distinct_ids(corpus: Path, cache: Path) -> None:
    (corpus / "copy.txt").write_text((corpus / "2021/imf.txt").read_text())
    with CorpusIndex.open(corpus, cache) as index:
        index.update()
        ids = [r.id for r in index.rows()]
        assert len(ids) == len(set(ids)) == 6
        assert index.update().touched is False


def test_missing_corpus_folder(tmp_path: Path, cache: Path) -> None:
    from reader.articles import CorpusError

    with CorpusIndex.open(tmp_path / "nope", cache) as index, pytest.raises(CorpusError):
        index.update()


def test_database_is_in_wal_mode(index: CorpusIndex) -> None:
    conn = sqlite3.connect(index.db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
