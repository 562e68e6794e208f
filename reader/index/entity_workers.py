"""A cold build's entity extraction spread over worker processes, results in ``doc`` order.

Extraction is most of a cold build's time and needs no database, so on a machine with
two or more cores to spare (``worker_count``) the second pass hands its chunks to workers
while this process numbers and writes what they found (``update.Updater._entity_pass``).

The workers are made with ``fork``, and only when the process has a single thread:

- ``spawn`` and ``forkserver`` both re-import the caller's main module in each worker
  (as ``__mp_main__``): a script without a ``__main__`` guard would start builds of its
  own. A forked worker runs nothing but ``_chunk``.
- ``fork`` with other threads running can copy a lock one of them holds (stdio, logging)
  into the child, held forever. With one thread there is none. The TUI updates in a
  process of its own (``reader.index.worker``, one thread), ``reader index`` draws its bar
  without a refresh thread, pytest runs one thread; anything else runs in-process.
- A forked worker inherits the extractor (loaded here by the first chunk, done before
  the fork), the rows and the articles the first pass kept, so nothing is pickled on the
  way in (a task is two ints) and nothing is loaded again; only the postings come back.

The workers ignore Ctrl-C (this process stops them: each finishes its chunk, a fraction
of a second) and leave on their own if this process dies (a kill leaves no orphans
waiting forever on their queue). If one dies (out of memory), the pass goes on in-process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..articles import Article
from . import entity_pass
from .entity_pass import Part, ReadFileFn, ReadRecordFn, Row, extract_chunk
from .extract import ArticleExtractor, Posting

MAX_WORKERS = 4
"""Workers at most, whatever the core count. Each costs memory of its own: ~80 MB (PSS)
at 100,000 articles, mostly the pages of the inherited heap it touches (the extractor's
tables, the rows, the kept articles) and the extractor's caches; and this process, which
writes every posting, would be the bottleneck at about eight."""

MIN_ROWS = 2_000
"""Articles below which the pass stays in-process: starting workers costs tens of
milliseconds and their memory, more than a small corpus's extraction (tests and small
folders pay nothing)."""

AHEAD = 2
"""Chunks handed out per worker before their results are taken: enough to keep every
worker busy, few enough that results waiting for this process stay small."""

_Job = tuple[Path, Sequence[Row], ArticleExtractor, ReadRecordFn, "dict[int, Article] | None", ReadFileFn]

_job: _Job | None = None
"""What the workers work on, set just before they are forked (they inherit it)."""


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use (containers, taskset)
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _load() -> float:
    """Processes running or waiting for a core, averaged over the last minute (this one
    included); 0 where the system does not say."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


def worker_count(rows: int) -> int:
    """Workers for a pass over ``rows`` articles; 0 to run it in-process: too few
    articles, no safe ``fork`` here (see the module doc), or fewer than two cores to
    spare. Cores busy with other work are not counted: on a 2-core machine with four
    other busy processes, a 20,000-article build with workers measured no faster than
    one without (all share the same cores), and the workers cost their memory."""
    if rows < MIN_ROWS:
        return 0
    if sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods():
        return 0  # macOS: system libraries are not fork-safe
    if threading.active_count() != 1:
        return 0
    cpus = _cpus()
    spare = min(cpus, int(cpus + 1 - _load() + 0.5))  # this process counts in the load
    # One worker would only overlap extraction with this process's writing, a few percent.
    return min(spare, MAX_WORKERS) if spare > 1 else 0


def _watch_parent(parent: int) -> None:
    """In a worker: leave when the process that made it is gone (its pid is re-parented)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _start_worker(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the workers
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


_Wire = tuple[int, int, list[tuple[int, str | None, list[tuple[str, str, int, int, set[str]]]]]]
"""A ``Part`` as it travels back from a worker: its postings as plain tuples. Pickling a
``Posting`` (a slotted dataclass: Python-level state methods) cost ~7 us there and back,
a tuple under 1 us; at ~30 postings an article that was a third of a worker's time."""


def _chunk(start: int, end: int) -> _Wire:
    """In a worker: the postings of rows ``start`` to ``end`` of the inherited job."""
    assert _job is not None
    base, rows, extractor, read_record, kept, read_file = _job
    part = extract_chunk(base, list(rows[start:end]), extractor, read_record, kept, read_file)
    found = [(doc, date, [(p.key, p.label, p.count, p.first, p.names) for p in ps]) for doc, date, ps in part.found]
    return part.rows, part.last_doc, found


def _part(wire: _Wire) -> Part:
    rows, last_doc, found = wire
    return Part(rows, last_doc, [(doc, date, [Posting(*p) for p in ps]) for doc, date, ps in found])


def parallel_postings(
    base: Path,
    rows: Sequence[Row],
    extractor: ArticleExtractor,
    read_record: ReadRecordFn,
    kept: dict[int, Article] | None,
    read_file: ReadFileFn,
    workers: int,
) -> Generator[Part, None, None]:
    """What ``entity_pass.entity_postings`` gives, from ``workers`` processes: the same
    parts in the same order. ``kept`` is emptied here once the workers hold it. Close the
    iterator (or exhaust it) to stop the workers."""
    global _job
    step = entity_pass.CHUNK
    bounds = [(start, min(start + step, len(rows))) for start in range(0, len(rows), step)]
    # The first chunk here: it loads the extractor's tables (~25 MB) once, before the
    # fork, for the workers to share rather than each load its own.
    yield extract_chunk(base, list(rows[: bounds[0][1]]), extractor, read_record, kept, read_file)
    bounds = bounds[1:]
    if not bounds:
        return
    if threading.active_count() != 1:  # a thread started since ``worker_count``: no fork
        for start, end in bounds:
            yield extract_chunk(base, list(rows[start:end]), extractor, read_record, kept, read_file)
        return
    _job = (base, rows, extractor, read_record, kept, read_file)
    pool = ProcessPoolExecutor(workers, multiprocessing.get_context("fork"), _start_worker, (os.getpid(),))
    waiting: deque[Future[_Wire]] = deque()
    given = taken = 0
    try:
        # Objects that exist now are left out of the workers' garbage collections: a
        # collection writes to every object it walks, copying the pages of the inherited
        # heap it walks into the worker (~5 MB a worker at 20,000 articles).
        gc.freeze()
        try:
            # The first submit forks every worker, before the pool's own thread starts.
            while given < len(bounds) and len(waiting) < workers * AHEAD:
                waiting.append(pool.submit(_chunk, *bounds[given]))
                given += 1
        finally:
            _job = None
            gc.unfreeze()
        if kept:
            kept.clear()  # the workers have their copies; this process no longer needs them
        while waiting:
            part = _part(waiting.popleft().result())
            if given < len(bounds):
                waiting.append(pool.submit(_chunk, *bounds[given]))
                given += 1
            taken += 1
            yield part
    except BrokenProcessPool:
        # A worker died (out of memory?): the rest is done here, reading the files again.
        pool.shutdown(wait=True, cancel_futures=True)
        for start, end in bounds[taken:]:
            yield extract_chunk(base, list(rows[start:end]), extractor, read_record, None, read_file)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
