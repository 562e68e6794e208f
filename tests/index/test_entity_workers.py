"""A cold build's entity pass in worker processes (``entity_workers``) writes the very
postings the in-process pass writes, stops its workers however it ends, and is used only
where forking is safe and worth it."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from reader import forked
from reader.index import CorpusIndex, UpdateProgress, entity_workers
from reader.index import update as update_module

ROOT = Path(__file__).resolve().parents[2]
CHUNK = 7

_TABLES = (
    ("articles", "doc"),
    ("entities", "entity"),
    ("names", "norm, entity"),
    ("postings", "entity, doc"),
    ("fts_docsize", "id"),
)

pytestmark = pytest.mark.skipif(
    sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods(), reason="workers need fork"
)


def _contents(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        found = {table: conn.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall() for table, order in _TABLES}
        found["meta"] = conn.execute("SELECT name FROM meta ORDER BY name").fetchall()  # no pass left pending
        return found
    finally:
        conn.close()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 generated news articles plus the bundled samples."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from gen_corpus import generate
    finally:
        sys.path.pop(0)
    root = tmp_path_factory.mktemp("generated")
    generate(300, root / "gen", seed=5)
    shutil.copytree(ROOT / "articles", root / "samples")
    return root


@pytest.fixture
def forced(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers for any pass, two of them whatever the machine, small chunks (many more
    chunks than are handed out at once)."""
    monkeypatch.setattr(entity_workers, "MIN_ROWS", 0)
    monkeypatch.setattr(forked, "_cpus", lambda: 2)
    monkeypatch.setattr(forked, "_load", lambda: 0.0)
    monkeypatch.setattr("reader.index.entity_pass.CHUNK", CHUNK)


@pytest.mark.parametrize("keep", [0, 10**9])
def test_workers_write_the_postings_of_an_in_process_pass(
    generated: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    forced: None,
    keep: int,
    count_reads: Callable[[], list[Path]],
) -> None:
    """Same entities, numbers, postings and names as one pass in this process, whether the
    workers read the files again (``keep`` 0) or use the articles the first pass kept;
    the files read again are read in the workers, not here."""
    monkeypatch.setattr(update_module, "KEEP_CHARS", keep)
    reads = count_reads()
    steps: list[UpdateProgress] = []
    with CorpusIndex.open(generated, tmp_path / "workers") as index:
        report = index.update(progress=steps.append, batch=50)
        parallel = index.db_path
    # This process read each file once (the first pass), and again only those of the first
    # pass's first small batch when not kept (extracted here, loading the extractor before
    # the fork): the workers read the rest.
    assert report.reread <= len(reads) <= report.reread + update_module.FIRST_COLD_BATCH
    assert [s.done for s in steps if s.phase == "entities"][-1] == report.added

    monkeypatch.setattr(entity_workers, "MIN_ROWS", 10**9)
    before = len(reads)
    with CorpusIndex.open(generated, tmp_path / "alone") as index:
        index.update(batch=50)
        alone = index.db_path
    again = len(reads) - before  # in-process, keep 0: every file read twice here
    assert again > 2 * report.reread - 5 if keep == 0 else again == report.reread
    built = _contents(parallel)
    assert len(built["postings"]) > 1000
    assert built == _contents(alone)


def _built_whole(generated: Path, tmp_path: Path, folder: str = "whole") -> Path:
    """An index of ``generated`` built in one go: what a cut or broken pass must end as."""
    with CorpusIndex.open(generated, tmp_path / folder) as index:
        index.update(batch=50)
        return index.db_path


def test_a_pass_cut_short_stops_its_workers_and_resumes(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forced: None
) -> None:
    whole = _built_whole(generated, tmp_path)

    class Killed(Exception):
        pass

    def kill_in_entities(step: UpdateProgress) -> None:
        if step.phase == "entities" and step.done >= 100:
            raise Killed

    with CorpusIndex.open(generated, tmp_path / "cut") as index:
        with pytest.raises(Killed):
            index.update(progress=kill_in_entities, batch=50)
        assert multiprocessing.active_children() == []  # every worker stopped and reaped
        mark = index._conn.execute("SELECT value FROM meta WHERE name = ?", (update_module.ENTITIES_PENDING,))
        assert int(mark.fetchone()[0]) > 100
        index.update(batch=50)
        cut = index.db_path
    assert _contents(cut) == _contents(whole)


def test_a_worker_that_dies_leaves_the_rest_to_this_process(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forced: None
) -> None:
    whole = _built_whole(generated, tmp_path)
    real = entity_workers.extract_chunk
    here = os.getpid()

    def dying(*args: object) -> object:
        if os.getpid() != here:
            os._exit(3)  # a worker killed mid-chunk (out of memory)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(entity_workers, "extract_chunk", dying)
    with CorpusIndex.open(generated, tmp_path / "broken") as index:
        index.update(batch=50)
        broken = index.db_path
    assert multiprocessing.active_children() == []
    assert _contents(broken) == _contents(whole)


def test_workers_only_where_forking_is_safe_and_worth_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "_load", lambda: 1.0)  # this process, nothing else
    monkeypatch.setattr(forked, "_cpus", lambda: 3)
    assert entity_workers.worker_count(entity_workers.MIN_ROWS) == 3
    assert entity_workers.worker_count(entity_workers.MIN_ROWS - 1) == 0  # too few: a process start costs more
    monkeypatch.setattr(forked, "_cpus", lambda: 64)
    assert entity_workers.worker_count(10**6) == forked.MAX_WORKERS
    monkeypatch.setattr(forked, "_cpus", lambda: 1)
    assert entity_workers.worker_count(10**6) == 0
    monkeypatch.setattr(forked, "_cpus", lambda: 4)
    monkeypatch.setattr(forked, "_load", lambda: 3.0)  # two other busy processes
    assert entity_workers.worker_count(10**6) == 2
    monkeypatch.setattr(forked, "_load", lambda: 4.2)  # one core to spare: not worth it
    assert entity_workers.worker_count(10**6) == 0
    monkeypatch.setattr(forked, "_load", lambda: 1.0)
    monkeypatch.setattr(forked, "_cpus", lambda: 4)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert entity_workers.worker_count(10**6) == 0  # another thread: fork could copy a held lock
    finally:
        stop.set()
        other.join()
    assert entity_workers.worker_count(10**6) == 4


@pytest.fixture
def overlapping(monkeypatch: pytest.MonkeyPatch, forced: None) -> None:
    """Between two batches of the first pass the build takes at least one finished chunk
    from the workers (it takes only those done already otherwise): the overlap then does
    not depend on how fast the machine is."""
    real = entity_workers.StreamedPostings.ready
    monkeypatch.setattr(entity_workers.StreamedPostings, "ready", lambda self, wait=False: real(self, True))
    monkeypatch.setattr(update_module, "PUMP_FILES", 10**9)  # only between batches


def _postings_written(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM postings").fetchone()[0])
    finally:
        conn.close()


def _built_here(generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An index of ``generated`` built without workers: what the workers must build."""
    with monkeypatch.context() as m:
        m.setattr(entity_workers, "MIN_ROWS", 10**9)
        return _built_whole(generated, tmp_path, "here")


def test_entities_are_written_while_the_first_pass_runs(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, overlapping: None
) -> None:
    """The workers start with the first pass: postings are committed before the list is
    complete (each after its articles' rows), and the index is the one built without
    workers."""
    here = _built_here(generated, tmp_path, monkeypatch)
    seen: list[tuple[str, int, int]] = []
    with CorpusIndex.open(generated, tmp_path / "overlap") as index:
        db = index.db_path

        def look(step: UpdateProgress) -> None:
            seen.append((step.phase, step.done, _postings_written(db)))

        report = index.update(progress=look, batch=10)
    files = [(done, postings) for phase, done, postings in seen if phase == "files"]
    assert files[-1][0] == report.files
    assert any(postings for done, postings in files if done < report.files)  # before the list is complete
    assert multiprocessing.active_children() == []
    assert _contents(db) == _contents(here)


def test_a_build_killed_in_its_first_pass_with_entities_written_resumes(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, overlapping: None
) -> None:
    here = _built_here(generated, tmp_path, monkeypatch)

    class Killed(Exception):
        pass

    with CorpusIndex.open(generated, tmp_path / "cut") as index:
        db = index.db_path

        def kill_once_postings_are_written(step: UpdateProgress) -> None:
            if step.phase == "files" and _postings_written(db):
                raise Killed

        with pytest.raises(Killed):
            index.update(progress=kill_once_postings_are_written, batch=10)
        assert multiprocessing.active_children() == []  # every worker stopped and reaped
        conn = index._conn
        mark = int(
            conn.execute("SELECT value FROM meta WHERE name = ?", (update_module.ENTITIES_PENDING,)).fetchone()[0]
        )
        listed = conn.execute("SELECT count(*), max(doc) FROM articles").fetchone()
        assert 1 < mark <= listed[1] and listed[0] < 339  # cut in the middle of both passes
        index.update(batch=50)
    assert _contents(db) == _contents(here)


def test_workers_start_mid_pass_when_cores_come_free(
    generated: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    overlapping: None,
    count_reads: Callable[[], list[Path]],
) -> None:
    """Busy cores after the walk: no workers yet; once they are free (after a few
    batches), the workers start on every article written so far, with the articles the
    first pass kept (not read again), and the index is the one built without them."""
    here = _built_here(generated, tmp_path, monkeypatch)
    looks: list[float] = []

    def load() -> float:
        looks.append(0.0)
        return 9.0 if len(looks) <= 3 else 0.0  # the walk and two batches: busy

    monkeypatch.setattr(forked, "_load", load)
    monkeypatch.setattr(update_module, "STREAM_LOOK_EVERY", 0.0)  # a look after every batch
    monkeypatch.setattr(update_module, "KEEP_CHARS", 10**9)
    handed: list[int] = []
    real_add = entity_workers.StreamedPostings.add
    monkeypatch.setattr(
        entity_workers.StreamedPostings, "add", lambda self, rows: (handed.append(len(rows)), real_add(self, rows))[1]
    )
    reads = count_reads()
    with CorpusIndex.open(generated, tmp_path / "late") as index:
        report = index.update(batch=10)
        db = index.db_path
    assert len(looks) > 3
    assert handed[0] > 40 - CHUNK  # the first three batches' articles, at once (all but a chunk done here)
    assert len(reads) == report.reread  # none read again in this process (the first chunk was kept)
    assert multiprocessing.active_children() == []
    assert _contents(db) == _contents(here)


def test_a_build_on_busy_cores_looks_again_only_now_and_then(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, overlapping: None
) -> None:
    """Each look for spare cores watches them for a tenth of a second: a build whose
    cores stay busy looks after the walk, then once every ``STREAM_LOOK_EVERY`` seconds,
    not after every batch."""
    looks: list[float] = []

    def busy() -> float:
        looks.append(9.0)
        return 9.0

    monkeypatch.setattr(forked, "_load", busy)
    monkeypatch.setattr(update_module, "STREAM_LOOK_EVERY", 10.0**6)
    with CorpusIndex.open(generated, tmp_path / "seldom") as index:
        index.update(batch=10)
    assert len(looks) == 2  # after the walk, and the second pass's own look at the end
    looks.clear()
    monkeypatch.setattr(update_module, "STREAM_LOOK_EVERY", 0.0)
    with CorpusIndex.open(generated, tmp_path / "often") as index:
        index.update(batch=10)
    assert len(looks) > 4  # after every batch
