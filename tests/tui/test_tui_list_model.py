"""The compact list model and the update worker: columns instead of row objects, rows
fetched a page at a time for the screen, the worker's JSON-lines protocol, and a warm
start at more rows than the first screenful."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from array import array
from collections.abc import Callable, Sequence
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from tuikit import wait_for, wait_loaded

import reader.index.background as background_module
from reader.index import CorpusIndex
from reader.index import worker as worker_module
from reader.index.model import ArticleRow, UpdateProgress, UpdateReport, row_sort_key
from reader.index.worker import WorkerError, follow, parse_line
from reader.tui.app import FIRST_ROWS, ReaderApp
from reader.tui.list_model import CACHED_ROWS, PAGE, Library, date_number, id_order
from reader.tui.screens.overview import OverviewScreen, corpus_stats, library_stats
from reader.tui.widgets.article_list import ArticleList


def _row(doc: int, day: dt.date | None) -> ArticleRow:
    date = day.isoformat() if day else None
    return ArticleRow(doc, f"id{doc:05d}", f"/c/{doc:05d}.txt", None, date, f"Title {doc:05d}", f"src{doc % 3}", 2)


class FakeIndex:
    """A ``RowFetcher`` over rows in memory that counts what it is asked."""

    def __init__(self, rows: list[ArticleRow]) -> None:
        self.rows = {row.doc: row for row in rows}
        self.asked: list[int] = []

    def rows_by_doc(self, docs: Sequence[int]) -> dict[int, ArticleRow]:
        self.asked.extend(docs)
        return {doc: self.rows[doc] for doc in docs if doc in self.rows}

    def source_counts(self) -> list[tuple[str | None, int]]:
        counts: dict[str | None, int] = {}
        for row in self.rows.values():
            counts[row.source] = counts.get(row.source, 0) + 1
        return list(counts.items())


def _library(count: int) -> tuple[Library, FakeIndex, list[ArticleRow]]:
    start = dt.date(2020, 1, 1)
    rows = sorted((_row(doc, start + dt.timedelta(days=doc % 400) if doc % 50 else None) for doc in range(count)),
                  key=row_sort_key)  # fmt: skip
    fake = FakeIndex(rows)
    library = Library(fake)
    library.set_order(
        array("q", [r.doc for r in rows]), [r.id for r in rows], array("i", [date_number(r.date) for r in rows])
    )
    return library, fake, rows


def test_order_alone_builds_no_row_objects() -> None:
    library, fake, rows = _library(5000)
    assert len(library) == 5000 and library.shown == 5000
    assert not fake.asked and not library._cache and not library._memory  # nothing fetched yet
    # separators from the dates column alone: one per month, undated last
    months = {r.date[:7] for r in rows if r.date}
    assert len(library.months) == len(months) + 1 and library.months[-1] == "Undated"
    assert library.months[0] == dt.date.fromisoformat(rows[0].date or "").strftime("%B %Y")


def test_rows_come_a_page_at_a_time_and_the_cache_is_bounded() -> None:
    library, fake, rows = _library(5000)
    assert library.article_at(5) == rows[5]
    assert len(fake.asked) == PAGE  # the whole page around it, in one query
    assert library.article_at(PAGE - 1) == rows[PAGE - 1]
    assert len(fake.asked) == PAGE  # same page: no query
    for i in range(0, 5000, 7):
        assert library.article_at(i) == rows[i]
    assert len(library._cache) <= CACHED_ROWS
    # walking every row (the bookmarks view) does not flush the screen's page
    library.article_at(0)
    assert [a.id for a in library.articles] == [r.id for r in rows]
    asked = len(fake.asked)
    library.article_at(0)
    assert len(fake.asked) == asked


def test_lookups_filter_and_forget_on_columns() -> None:
    library, fake, rows = _library(1000)
    target = rows[500]
    assert library.get(target.id) == target
    assert library.neighbour(target.id, 1) == rows[501]
    assert library.neighbour(target.id, -1) == rows[499]
    library.set_filter({rows[10].id, target.id, rows[900].id})
    assert library.shown == 3
    assert library.position(target.id) == 1
    assert library.neighbour(target.id, 1) == rows[900]
    assert library.neighbour(rows[11].id, 1) == target  # filtered out: the next shown one
    library.set_filter(None)
    asked = len(fake.asked)
    library.forget([target.id])
    assert library.article_at(500) == target and len(fake.asked) > asked  # fetched again


def test_index_of_finds_every_id_and_nothing_else() -> None:
    library, _, rows = _library(2000)
    assert [r.id for r in rows] != sorted(r.id for r in rows)  # list order is not id order
    for place, row in enumerate(rows):
        assert library.index_of(row.id) == place
    for stranger in ("", "id", "id99999", "id00000x", "zz", rows[7].id.upper()):
        assert library.index_of(stranger) is None
    # the same with the id order handed in (as the app's order worker does), and a stale
    # one (another length) is not trusted
    docs, ids, dates = library.docs, library.ids, library.dates
    library.set_order(docs, ids, dates, id_order(ids))
    assert all(library.index_of(row.id) == place for place, row in enumerate(rows))
    library.set_order(docs, ids, dates, id_order(ids[:-1]))
    assert library.index_of(rows[-1].id) == len(rows) - 1 and library.index_of(rows[0].id) == 0
    # one id twice (the fallback loader reading two copies of an article): its last place
    library.set_order(array("q", [1, 2, 3]), ["b", "a", "b"], array("i", [0, 0, 0]))
    assert library.index_of("b") == 2 and library.index_of("a") == 1


def test_overview_figures_from_columns_match_the_rows() -> None:
    library, _, rows = _library(3000)
    assert library_stats(library) == corpus_stats(rows)


def test_memory_rows_still_merge_in_place() -> None:
    library = Library()
    start = dt.date(2021, 5, 1)
    rows = [_row(doc, start + dt.timedelta(days=doc)) for doc in range(10)]
    library.add(rows[:5])
    library.add(rows[5:])
    assert [a.id for a in library.articles] == [r.id for r in sorted(rows, key=row_sort_key)]
    library.merge([], [rows[9].id])
    assert len(library) == 9 and library.get(rows[9].id) is None


# -- the update worker ----------------------------------------------------------------


def test_protocol_lines_parse_and_garbage_is_ignored() -> None:
    line = '{"done": 3, "total": 9, "changed": ["a"], "removed": ["b"]}'
    assert parse_line(line) == UpdateProgress(3, 9, ("a",), ("b",))
    report = parse_line('{"report": {"added": 2, "reread": 2, "files": 2, "seconds": 0.5, "notices": ["n"]}}')
    assert isinstance(report, UpdateReport) and report.added == 2 and report.notices == ["n"] and report.touched
    assert isinstance(parse_line('{"error": "no such folder"}'), WorkerError)
    assert parse_line("DeprecationWarning: something") is None
    assert parse_line("[1, 2]") is None


def test_follow_passes_batches_and_reports_a_silent_death() -> None:
    seen: list[UpdateProgress] = []
    lines = ['{"done": 1, "total": 2, "changed": ["x"], "removed": []}\n', '{"report": {"added": 1}}\n']
    assert follow(lines, seen.append).added == 1
    assert seen == [UpdateProgress(1, 2, ("x",), ())]
    with pytest.raises(WorkerError, match="Traceback line 3"):
        follow(["Traceback line 1\n", "Traceback line 3\n"], seen.append)
    with pytest.raises(WorkerError, match="gone"):
        follow(['{"error": "gone"}\n'], seen.append)


def test_worker_main_writes_the_protocol(corpus: Path, tmp_path: Path) -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        assert worker_module.main([str(corpus), "--cache", str(tmp_path / "c")]) == 0
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines[-1]["report"]["added"] == 4
    assert sorted(i for line in lines[:-1] for i in line.get("changed", [])) == sorted(
        r.id for r in CorpusIndex.open(corpus, tmp_path / "c").rows()
    )
    out = io.StringIO()
    with redirect_stdout(out):
        assert worker_module.main([str(tmp_path / "missing"), "--cache", str(tmp_path / "c")]) == 1
    assert "error" in json.loads(out.getvalue().splitlines()[-1])


def test_worker_process_warm_run_reads_no_article_file(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    for expected in (4, 0):
        process = worker_module.spawn(corpus, cache)
        assert process.stdout is not None
        report = follow(process.stdout, lambda step: None)
        process.stdout.close()
        assert process.wait() == 0
        assert report.reread == expected  # warm: sizes and times only, no file opened


def test_worker_runs_as_a_module() -> None:
    done = subprocess.run([sys.executable, "-m", "reader.index.worker", "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "CORPUS" in done.stdout.upper()


# -- the app ----------------------------------------------------------------------------


def _big_corpus(root: Path, count: int) -> Path:
    root.mkdir(parents=True)
    start = dt.date(2022, 1, 1)
    for i in range(count):
        day = start + dt.timedelta(days=i % 90)
        (root / f"a{i:04d}.txt").write_text(
            f" date {day}\ntitle: Item {i:04d} about Port Elwin\n\nBody {i}.\n", encoding="utf-8"
        )
    return root


async def test_warm_start_beyond_the_first_screenful(tmp_path: Path, store_path: Path) -> None:
    corpus = _big_corpus(tmp_path / "big", FIRST_ROWS + 150)
    with CorpusIndex.open(corpus) as index:
        index.update()
        expected = [r.id for r in index.rows()]
    (corpus / "a9999.txt").write_text(" date 2030-01-01\ntitle: Newest of all\n\nNew.\n", encoding="utf-8")
    app = ReaderApp(corpus, store_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot, app)
        library = app.library
        assert len(library) == len(expected) + 1
        assert library.articles[0].title == "Newest of all"  # the worker's batch, re-read in place
        assert library.ids[1:] == expected
        assert len(library._cache) <= CACHED_ROWS and not library._memory  # no row per article
        listing = app.screen.query_one(ArticleList)
        await pilot.press("G")
        assert listing.article is not None and listing.article.id == expected[-1]
        app.push_screen(OverviewScreen(app.context))
        await pilot.pause()
        overview = app.screen
        assert isinstance(overview, OverviewScreen) and overview.stats is not None
        assert overview.stats == corpus_stats(list(library.articles))


async def test_update_runs_in_a_thread_when_no_process_starts(
    make_app: Callable[..., ReaderApp], corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> object:
        raise OSError("no processes here")

    monkeypatch.setattr(background_module, "spawn", refuse)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot, app)
        await wait_for(pilot, lambda: len(app.library) == 4)
        assert app.library.articles[0].title.startswith("Harbour")


# -- the index side of the list ---------------------------------------------------------


def test_order_index_serves_the_first_screenful_and_the_whole_order(corpus: Path, tmp_path: Path) -> None:
    with CorpusIndex.open(corpus, tmp_path / "c") as index:
        index.update()
        plan = " ".join(str(step) for step in index._conn.execute(
            "EXPLAIN QUERY PLAN SELECT a.doc FROM articles a ORDER BY "
            "a.date IS NULL, a.date DESC, a.title COLLATE NOCASE, a.file LIMIT 10"
        ))  # fmt: skip
        assert "articles_order" in plan and "TEMP B-TREE" not in plan  # no sort of every row
        rows = index.rows()
        cache_size = index._conn.execute("PRAGMA cache_size").fetchone()[0]
        seen: list[str] = []
        index._conn.set_trace_callback(seen.append)
        docs, ids, dates = index.list_order()
        index._conn.set_trace_callback(None)
        # the one full scan runs with a small page cache, and the connection's is restored
        scan = next(i for i, sql in enumerate(seen) if "FROM articles" in sql)
        assert any("cache_size = -" in sql for sql in seen[:scan])
        assert index._conn.execute("PRAGMA cache_size").fetchone()[0] == cache_size
        assert list(docs) == [r.doc for r in rows] and ids == [r.id for r in rows]
        assert list(dates) == [date_number(r.date) for r in rows]
        assert index.rows_by_doc([rows[2].doc, 10**9]) == {rows[2].doc: rows[2]}
        assert sorted(index.source_counts(), key=str) == sorted(
            [("Coastal Post", 2), ("Valley Gazette", 1), (None, 1)], key=str
        )


def test_order_index_is_added_later_when_the_database_is_busy(corpus: Path, tmp_path: Path) -> None:
    import sqlite3

    from reader.index.corpus_index import _ensure_order_index
    from reader.index.schema import connect

    cache = tmp_path / "c"
    with CorpusIndex.open(corpus, cache) as index:
        index.update()
        index._conn.execute("DROP INDEX articles_order")
        path = index.db_path
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process writing
    conn = connect(path)
    try:
        _ensure_order_index(conn)  # gives up at once rather than wait for the writer
        assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles_order'").fetchone()
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0  # restored
    finally:
        other.execute("ROLLBACK")
        other.close()
        conn.close()
    with CorpusIndex.open(corpus, cache) as index:
        assert index._conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles_order'").fetchone()
        assert len(index.rows(2)) == 2


def test_reader_reconnects_when_the_worker_replaced_the_database(corpus: Path, tmp_path: Path) -> None:
    from reader.index.schema import delete_database

    cache = tmp_path / "c"
    reader_side = CorpusIndex.open(corpus, cache)
    reader_side.update()
    assert not reader_side.reopen_if_replaced()
    delete_database(reader_side.db_path)  # what a worker does with a damaged database
    with CorpusIndex.open(corpus, cache) as worker_side:
        worker_side.update()
    (corpus / "extra.txt").write_text(" date 2024-06-01\ntitle: Extra\n\nMore.\n", encoding="utf-8")
    with CorpusIndex.open(corpus, cache) as worker_side:
        worker_side.update()
    assert reader_side.reopen_if_replaced()
    assert reader_side.count() == 5
    reader_side.close()


def test_the_worker_report_carries_the_walk_problems() -> None:
    from reader.articles import Problem
    from reader.index.model import UpdateReport
    from reader.index.worker import report_line

    report = UpdateReport()
    report.problems = [
        Problem(Path("/c/gone.txt"), "broken symbolic link", True),
        Problem(Path("/c/a.txt"), "x", False),
    ]
    back = parse_line(report_line(report))
    assert isinstance(back, UpdateReport)
    assert back.problems == report.problems
