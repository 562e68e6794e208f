"""A cold build (empty index) takes faster paths than an incremental update: relaxed
syncing, article and entity numbers given in Python, rows written in batches. Whatever
path built it, the index must hold the very same rows."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.articles.scan import iter_article_paths
from reader.index import CorpusIndex, UpdateProgress, schema
from reader.index import update as update_module
from reader.index.schema import connect

SAMPLES = Path(__file__).resolve().parents[2] / "articles"

# Every table, in a total order; the full-text index through fts5vocab (every term's
# every position), since a contentless table cannot be read back.
_TABLES = (
    ("files", "path"),
    ("problems", "file, reason"),
    ("articles", "doc"),
    ("entities", "entity"),
    ("names", "norm, entity"),
    ("postings", "entity, doc"),
    ("fts_docsize", "id"),
    ("meta", "name"),
    ("sqlite_sequence", "name"),
    ("temp.vocab", "term, doc, col, offset"),
)


def _contents(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, fts, 'instance')")
        found = {table: conn.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall() for table, order in _TABLES}
        found["indexes"] = sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'").fetchall())
        return found
    finally:
        conn.close()


def _source(tmp_path: Path) -> Path:
    """The bundled articles plus what takes the rarer paths: a duplicate body (a second
    id), an undated article, a bad file, a Markdown and a JSON Lines feed."""
    source = tmp_path / "source"
    shutil.copytree(SAMPLES, source)
    first = min(p for p in SAMPLES.iterdir() if p.suffix == ".txt")
    (source / "zz-copy.txt").write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    (source / "undated.txt").write_text("title: No date\n\nCopper prices in Chile rose.\n", encoding="utf-8")
    (source / "bad.txt").write_bytes(b"\x00binary")
    (source / "feed.jsonl").write_text(
        '{"date": "2022-03-01", "title": "One", "text": "Ghana and the IMF agreed."}\n'
        '{"date": "2022-03-02", "title": "Two", "text": "Ghana and the IMF agreed."}\nnot json\n',
        encoding="utf-8",
    )
    return source


def _walk_order(root: Path) -> list[Path]:
    return [p.relative_to(root) for p in iter_article_paths(root, [])]


def _copy(source: Path, target: Path, rels: list[Path]) -> None:
    for rel in rels:
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / rel, target / rel)


@pytest.mark.parametrize("batch", [1, 500])
def test_cold_and_incremental_builds_hold_the_same_rows(tmp_path: Path, batch: int) -> None:
    source = _source(tmp_path)
    order = _walk_order(source)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # Incremental: one file (a cold build), then the rest in walk order (an update).
    _copy(source, corpus, order[:1])
    with CorpusIndex.open(corpus, tmp_path / "inc") as index:
        index.update(batch=batch)
        _copy(source, corpus, order[1:])
        report = index.update(batch=batch)
        assert report.added > 40 and report.problems
        incremental = index.db_path
    with CorpusIndex.open(corpus, tmp_path / "cold") as index:
        index.update(batch=batch)
        cold = index.db_path
    built, expected = _contents(cold), _contents(incremental)
    assert built["postings"] and built["names"] and built["problems"]
    for table in expected:
        assert built[table] == expected[table], table


def test_a_cold_build_cut_short_is_finished_by_the_next_update(tmp_path: Path) -> None:
    source = _source(tmp_path)
    with CorpusIndex.open(source, tmp_path / "whole") as index:
        index.update(batch=5)
        whole = index.db_path

    class Killed(Exception):
        pass

    def kill_after_two(step: UpdateProgress) -> None:
        if step.changed and step.done > 10:
            raise Killed

    with CorpusIndex.open(source, tmp_path / "cut") as index:
        with pytest.raises(Killed):
            index.update(progress=kill_after_two, batch=5)
        assert 0 < index.count() < len(_walk_order(source))
        index.update(batch=5)
        cut = index.db_path
    assert _contents(cut) == _contents(whole)


def test_only_a_cold_build_relaxes_syncing(tmp_path: Path) -> None:
    """Cold: ``synchronous = OFF`` while it runs (the index is disposable), back to
    NORMAL after; an update of an index holding files keeps NORMAL throughout."""
    source = _source(tmp_path)
    with CorpusIndex.open(source, tmp_path / "cache", extractor=None) as index:
        db = index.db_path
    conn = connect(db)
    seen: list[int] = []

    def note(step: UpdateProgress) -> None:
        seen.append(conn.execute("PRAGMA synchronous").fetchone()[0])

    try:
        assert schema.boot_id() is not None  # Linux: where a restart can be told from a kill
        update_module.Updater(conn, source, None).run(note, batch=10)
        assert set(seen) == {0}
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1
        assert schema.building_mark(conn) is None
        (source / "new.txt").write_text(" date 2022-01-01 \n\nA new one.\n", encoding="utf-8")
        seen.clear()
        update_module.Updater(conn, source, None).run(note, batch=10)
        assert seen and set(seen) == {1}
    finally:
        conn.close()


def test_article_numbers_are_never_reused(tmp_path: Path) -> None:
    """Numbers given in Python follow AUTOINCREMENT: after the newest article is deleted,
    the next one still gets a new number (a stale full-text row keeps the old one)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"{n}.txt").write_text(f" date 2022-01-0{n + 1} \n\nStory number {n}.\n", encoding="utf-8")
    with CorpusIndex.open(corpus, tmp_path / "cache", extractor=None) as index:
        index.update()
        docs = [doc for (doc,) in index._conn.execute("SELECT doc FROM articles ORDER BY doc")]
        (corpus / "2.txt").unlink()
        index.update()
        (corpus / "3.txt").write_text(" date 2022-01-04 \n\nStory number 3.\n", encoding="utf-8")
        index.update()
        newest = index._conn.execute("SELECT max(doc) FROM articles").fetchone()[0]
        assert docs == [1, 2, 3] and newest == 4
        assert [h.row.title for h in index.search("story")] and not index.search("2")


def test_collections_are_rarer_during_an_update_and_restored_after(tmp_path: Path) -> None:
    import gc

    source = _source(tmp_path)
    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []

    def note(step: UpdateProgress) -> None:
        seen.append(gc.get_threshold())
        if step.done > 20:
            raise RuntimeError("stop")

    with CorpusIndex.open(source, tmp_path / "cache", extractor=None) as index:
        with pytest.raises(RuntimeError):
            index.update(progress=note, batch=10)
        assert gc.get_threshold() == before
        index.update()
        assert gc.get_threshold() == before
    assert seen and all(t[0] >= update_module.YOUNG_COLLECTION_THRESHOLD and t[1:] == before[1:] for t in seen)


def test_readers_during_a_cold_build_get_what_a_complete_index_gives(tmp_path: Path) -> None:
    """A cold build makes the postings indexes last; mentions and entity filters read
    meanwhile answer as they do from the same rows with every index in place."""
    from reader.index.schema import (
        database_path,
        ensure_postings_indexes,
        missing_postings_indexes,
    )

    source = _source(tmp_path)
    checked: list[str] = []

    def answers(index: CorpusIndex, key: str) -> tuple[object, ...]:
        found = index.mentions(key)
        hits = index.search(f'entity:"{key}"', snippets=0)
        return (found, [(h.row.id, h.score) for h in hits], index.match_ids(f'-entity:"{key}" water'))

    def compare(step: UpdateProgress) -> None:
        if step.phase != "entities" or checked:  # the postings come in the second pass
            return
        with CorpusIndex.open(source, tmp_path / "cache") as during:
            conn = during._conn
            assert len(missing_postings_indexes(conn)) == 2  # the build has not made them yet
            keys = [k for (k,) in conn.execute("SELECT key FROM entities ORDER BY df DESC, key LIMIT 5")]
            assert keys
            seen = {key: answers(during, key) for key in keys}
            complete = tmp_path / "complete"
            target = database_path(source, complete)
            target.parent.mkdir(parents=True)
            copy = sqlite3.connect(target)
            conn.backup(copy)
            copy.close()
        with CorpusIndex.open(source, complete) as after:
            ensure_postings_indexes(after._conn)
            assert not missing_postings_indexes(after._conn)
            for key in keys:
                assert answers(after, key) == seen[key], key
                checked.append(key)

    with CorpusIndex.open(source, tmp_path / "cache") as index:
        index.update(progress=compare, batch=10)
        assert not missing_postings_indexes(index._conn)
    assert checked


def test_a_cold_build_marks_the_index_with_its_boot_until_done(tmp_path: Path) -> None:
    source = _source(tmp_path)
    marks: list[str | None] = []
    with CorpusIndex.open(source, tmp_path / "cache", extractor=None) as index:
        index.update(progress=lambda step: marks.append(schema.building_mark(index._conn)), batch=10)
        assert marks and set(marks) == {schema.boot_id()}
        assert schema.building_mark(index._conn) is None


def test_a_build_cut_short_by_a_kill_is_finished_and_unmarked(tmp_path: Path) -> None:
    source = _source(tmp_path)

    def stop(step: UpdateProgress) -> None:
        if step.changed:
            raise KeyboardInterrupt  # as far as the file goes, what a kill leaves

    with CorpusIndex.open(source, tmp_path / "cache", extractor=None) as index:
        with pytest.raises(KeyboardInterrupt):
            index.update(progress=stop, batch=10)
        assert schema.building_mark(index._conn) == schema.boot_id()
    with CorpusIndex.open(source, tmp_path / "cache", extractor=None) as index:
        assert not index.notices  # the same boot: kept, and finished by the update
        report = index.update()
        assert report.added and not report.notices
        assert schema.building_mark(index._conn) is None


def test_a_build_cut_short_by_a_restart_is_rebuilt(tmp_path: Path) -> None:
    source = _source(tmp_path)
    with CorpusIndex.open(source, tmp_path / "cache", extractor=None) as index:
        index.update()
        count = index.count()
        conn = sqlite3.connect(index.db_path)
        conn.execute("INSERT INTO meta VALUES ('building', 'a boot before the restart')")
        conn.commit()
        conn.close()
    with CorpusIndex.open(source, tmp_path / "cache", extractor=None) as index:
        assert any("restart" in notice for notice in index.notices)
        assert index.count() == 0
        index.update()
        assert index.count() == count and schema.building_mark(index._conn) is None


def test_where_the_boot_is_unknown_a_cold_build_syncs_as_usual(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema, "boot_id", lambda: None)
    source = _source(tmp_path)
    with CorpusIndex.open(source, tmp_path / "cache", extractor=None) as index:
        db = index.db_path
    conn = connect(db)
    seen: list[tuple[int, str | None]] = []
    try:
        update_module.Updater(conn, source, None).run(
            lambda step: seen.append((conn.execute("PRAGMA synchronous").fetchone()[0], schema.building_mark(conn))),
            batch=10,
        )
    finally:
        conn.close()
    assert seen and set(seen) == {(1, None)}


@pytest.mark.parametrize(("batch", "keep"), [(1, 0), (500, 0), (1, 10**9), (500, 3000)])
def test_second_pass_postings_equal_a_single_pass(
    tmp_path: Path, batch: int, keep: int, monkeypatch: pytest.MonkeyPatch, count_reads: Callable[[], list[Path]]
) -> None:
    """Entities written after every article (the second pass) or with each article (as
    before it): the same entities, numbers, postings, names and counts, row for row;
    whether the second pass reads every file again (``keep`` 0), none (all kept from the
    first pass) or some."""
    source = _source(tmp_path)
    monkeypatch.setattr(update_module, "KEEP_CHARS", keep)
    reads = count_reads()
    steps: list[UpdateProgress] = []
    with CorpusIndex.open(source, tmp_path / "two") as index:
        index.update(progress=steps.append, batch=batch)
        two = index.db_path
    files = len(_walk_order(source))
    if keep == 0:
        assert len(reads) == 2 * files - 1  # every file again but the bad one (it holds no article)
    elif keep == 10**9:
        assert len(reads) == files
    else:
        assert files < len(reads) < 2 * files - 1
    monkeypatch.setattr(update_module, "DEFER_ENTITIES", False)
    with CorpusIndex.open(source, tmp_path / "one") as index:
        index.update(batch=batch)
        one = index.db_path
    built, expected = _contents(two), _contents(one)
    assert built["postings"] and built["names"]
    assert built == expected
    phases = [step.phase for step in steps]
    assert "entities" in phases and phases.index("entities") > max(i for i, p in enumerate(phases) if p == "files")
    articles = len(built["articles"])
    assert [s.done for s in steps if s.phase == "entities"][-1] == articles


def test_a_second_pass_cut_short_is_resumed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count_reads: Callable[[], list[Path]]
) -> None:
    """Killed in the entity pass: the next update finishes it from its mark, and the index
    is the one an uninterrupted build makes."""
    source = _source(tmp_path)
    with CorpusIndex.open(source, tmp_path / "whole") as index:
        index.update(batch=5)
        whole = index.db_path

    class Killed(Exception):
        pass

    def kill_in_entities(step: UpdateProgress) -> None:
        if step.phase == "entities" and step.done >= 10:
            raise Killed

    monkeypatch.setattr("reader.index.entity_pass.CHUNK", 3)
    with CorpusIndex.open(source, tmp_path / "cut") as index:
        with pytest.raises(Killed):
            index.update(progress=kill_in_entities, batch=5)
        conn = index._conn
        mark = conn.execute("SELECT value FROM meta WHERE name = ?", (update_module.ENTITIES_PENDING,)).fetchone()
        assert mark is not None and int(mark[0]) > 1
        reads = count_reads()
        report = index.update(batch=5)
        assert report.added == 0 and report.reread == 0
        done_before = conn.execute("SELECT count(*) FROM articles WHERE doc < ?", (int(mark[0]),)).fetchone()[0]
        cut = index.db_path
    assert 0 < len(reads) <= len(_walk_order(source)) - done_before + 1  # only what was pending is read again
    assert _contents(cut) == _contents(whole)
