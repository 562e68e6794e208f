"""Work spread over forked processes (``reader/forked.py``): the same results in the same
order as in-process, no workers where forking is unsafe, and a dead worker's ranges
done here."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reader import forked
from reader.dossier import gather, to_markdown
from reader.index import CorpusIndex

SAMPLES = Path(__file__).resolve().parents[1] / "articles"


def test_results_come_back_in_order_from_other_processes() -> None:
    parent = os.getpid()
    bounds = forked.ranges(103, 10)
    assert bounds[0] == (0, 10) and bounds[-1] == (100, 103)
    results = list(forked.forked_map(lambda s, e: (s, e, os.getpid()), bounds, workers=2))
    assert [(s, e) for s, e, _ in results] == bounds
    assert all(pid != parent for _, _, pid in results)


def test_no_workers_while_another_thread_runs() -> None:
    assert forked.worker_count(10, minimum=100) == 0  # too small
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert forked.worker_count(10**6, minimum=1) == 0
    finally:
        stop.set()
        other.join()


def test_the_ranges_a_dead_worker_left_are_done_here() -> None:
    parent = os.getpid()

    def work(start: int, end: int) -> tuple[int, int, bool]:
        if os.getpid() != parent and start == 30:
            os._exit(3)  # a worker killed (out of memory) in the middle of the job
        return start, end, os.getpid() == parent

    results = list(forked.forked_map(work, forked.ranges(100, 10), workers=2))
    assert [(s, e) for s, e, _ in results] == forked.ranges(100, 10)
    assert results[-1][2]  # the last ranges were worked in this process


def test_a_dossier_made_by_workers_is_the_dossier_made_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = importlib.import_module("reader.dossier.gather")  # the package's ``gather`` is the function
    monkeypatch.setattr(module, "CHUNK", 3)
    monkeypatch.setattr(module, "PARALLEL_FROM", 1)
    with CorpusIndex.open(SAMPLES, tmp_path / "cache") as index:
        index.update()
        top = index.top_entities(frozenset(), limit=1)[0]
        monkeypatch.setattr(forked, "worker_count", lambda size, minimum: 2)
        shared = gather(index, top.key, top.label)
        assert shared is not None
        shared_text = to_markdown(shared)
        assert threading.active_count() == 1  # the pool is gone: the next job may fork again
        monkeypatch.setattr(forked, "worker_count", lambda size, minimum: 0)
        alone = gather(index, top.key, top.label)
    assert alone is not None
    assert shared.articles_total > 3 and any(a.sentences for a in shared.articles)
    assert shared == alone
    assert shared_text == to_markdown(alone)


def _task(rows: list[int]) -> tuple[list[int], int, int]:
    return rows, os.getpid(), os.nice(0)


def test_a_stream_gives_every_result_in_order_as_tasks_arrive() -> None:
    """Tasks handed in while results are taken (a cold build's first pass feeding its
    entity workers): every result, in order, from workers running at a lower priority."""
    parent, niceness = os.getpid(), os.nice(0)
    stream = forked.ForkedStream(_task, workers=2, niceness=3)
    try:
        assert threading.active_count() > 1  # forked already: the pool's thread runs
        got = []
        for n in range(12):
            stream.submit([n, n])
            got.extend(stream.ready(wait=n % 3 == 0))
        assert 4 <= len(got) <= 12
        got.extend(stream.drain())
        assert stream.pending() == 0
    finally:
        stream.close()
    assert threading.active_count() == 1
    assert [rows for rows, _, _ in got] == [[n, n] for n in range(12)]
    assert all(pid != parent for _, pid, _ in got)
    assert {nice for _, _, nice in got} == {min(niceness + 3, 19)}


def test_a_stream_whose_worker_dies_finishes_here() -> None:
    parent = os.getpid()

    def work(task: int) -> tuple[int, bool]:
        if os.getpid() != parent and task == 3:
            os._exit(3)  # a worker killed (out of memory)
        return task, os.getpid() == parent

    stream = forked.ForkedStream(work, workers=2)
    try:
        for task in range(10):
            stream.submit(task)
        got = list(stream.drain())
    finally:
        stream.close()
    assert [task for task, _ in got] == list(range(10))
    assert got[3][1] and got[-1][1]  # the dead worker's task, and those not handed out yet: here


def test_a_stream_without_workers_works_here() -> None:
    parent = os.getpid()
    stream = forked.ForkedStream(lambda task: (task, os.getpid()), workers=0)
    stream.submit(1)
    stream.submit(2)
    assert stream.ready() == []  # nothing is done before it is asked for
    assert stream.ready(wait=True) == [(1, parent)]
    assert list(stream.drain()) == [(2, parent)]
    stream.close()


def test_the_load_is_what_the_cores_did_while_this_process_slept(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two looks at the counters: the busy share of the ticks between them, in cores."""
    looks = iter([(1_000, 600, 4), (1_400, 900, 4)])  # 400 ticks, 300 idle: a quarter busy
    monkeypatch.setattr(forked, "_cpu_times", lambda: next(looks))
    monkeypatch.setattr(forked.time, "sleep", lambda seconds: None)
    assert forked._busy_cores(0.1) == pytest.approx(1.0)  # one core of four
    looks = iter([(1_000, 600, 4), (1_400, 900, 4)])
    assert forked._load() == pytest.approx(2.0)  # that core, and this process
    monkeypatch.setattr(forked, "_cpu_times", lambda: None)  # no /proc/stat here
    monkeypatch.setattr(forked.os, "getloadavg", lambda: (3.5, 1.0, 0.5))
    assert forked._load() == 3.5  # the minute's average, as the system says it


def test_a_core_kept_busy_by_another_process_is_seen_at_once() -> None:
    """A process spinning right now is counted, though the minute's average has not
    caught up with it (it started a moment ago)."""
    if forked._cpu_times() is None:
        pytest.skip("no /proc/stat on this system: the minute's load average is used")
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        forked._busy_cores(0.2)  # the spinner is surely running by the end of this
        busy = forked._busy_cores(0.5)
    finally:
        spinner.kill()
        spinner.wait()
    assert busy is not None and busy >= 0.8
