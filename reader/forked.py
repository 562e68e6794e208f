"""Work spread over forked worker processes, results in order.

For the few jobs that are big, need no database and split into ranges: a cold build's
entity extraction (``reader.index.entity_workers``), a dossier's reading of every
article naming an entity (``reader.dossier.gather``). The caller
gives a function of a range ``(start, end)`` of its own list; workers forked from this
process inherit that function with everything it reaches (the loaded extractor, the
rows), so a task crossing to a worker is two ints and only results come back.

Workers are made with ``fork``, and only when this process has a single thread:

- ``spawn`` and ``forkserver`` re-import the caller's main module in each worker (as
  ``__mp_main__``): a script without a ``__main__`` guard would start work of its own.
- ``fork`` with other threads running can copy a lock one of them holds (stdio, logging)
  into the child, held forever. With one thread there is none. The TUI's index update
  runs in a process of its own with one thread; the CLI's progress bars draw without a
  refresh thread; a TUI worker thread gets no workers and runs the job in-process.

Workers ignore Ctrl-C (this process stops them when the results' iterator closes) and
leave on their own when this process dies. If one dies (out of memory), the ranges not
yet done are worked in-process.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Generic, TypeVar

T = TypeVar("T")
A = TypeVar("A")
Work = Callable[[int, int], T]

MAX_WORKERS = 4
"""Workers at most, whatever the core count. Each costs memory of its own (~80 MB PSS in
a 100,000-article build: the pages of the inherited heap it touches and its own caches),
and this one process, which takes every result, becomes the bottleneck at about eight."""

AHEAD = 2
"""Ranges handed out per worker before their results are taken: every worker stays
busy, and few results wait in memory."""

_work: Callable[..., Any] | None = None
"""The job, set just before the workers are forked (they inherit it)."""


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use (containers, taskset)
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


LOOK_SECONDS = 0.1
"""How long ``_load`` watches the cores before workers are made: long enough for Linux's
CPU counters (100 ticks a second) to tell a busy core from a free one, short beside the
job (at least a couple of thousand articles, seconds of work)."""


def _load() -> float:
    """Processes running or waiting for a core now, this one included: the cores other
    processes kept busy while this one slept ``LOOK_SECONDS`` (``_busy_cores``), plus
    this one; where the system does not show that, the load averaged over the last
    minute; 0 where it says neither.

    The minute's average lags: for most of a minute after other work ended (a package
    install, a benchmark's previous step, a first build run twice) it still counted
    those cores as taken, and a 100,000-article build on two cores went without its
    workers, 1.7x slower (129 s instead of 75 s)."""
    busy = _busy_cores(LOOK_SECONDS)
    if busy is not None:
        return busy + 1.0
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


def _busy_cores(seconds: float) -> float | None:
    """Cores kept busy over the next ``seconds`` (this process sleeps meanwhile, so by
    others), from the time counters of ``/proc/stat`` (Linux); None where they cannot be
    read. Time a hypervisor took for other machines counts as busy: it was not free."""
    before = _cpu_times()
    if before is None:
        return None
    time.sleep(seconds)
    after = _cpu_times()
    if after is None:
        return None
    total = after[0] - before[0]
    idle = after[1] - before[1]
    if total <= 0:
        return None
    return (total - idle) / total * after[2]


def _cpu_times() -> tuple[int, int, int] | None:
    """All cores' time so far from ``/proc/stat``: (total ticks, idle ticks, cores), or
    None. Idle counts the time waiting for the disk too: the core was free."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            lines = stat.read().splitlines()
        # user nice system idle iowait irq softirq steal (guest time is counted in user)
        ticks = [int(value) for value in lines[0].split()[1:9]]
        cores = sum(1 for line in lines[1:] if line.startswith("cpu"))
    except (OSError, ValueError, IndexError, UnicodeDecodeError):
        return None
    if len(ticks) < 5 or not lines[0].startswith("cpu ") or cores < 1:
        return None
    return sum(ticks), ticks[3] + ticks[4], cores


def worker_count(size: int, minimum: int) -> int:
    """Workers for a job over ``size`` items; 0 to work in-process: fewer than
    ``minimum`` items (a worker costs tens of milliseconds and its memory), no safe
    ``fork`` here (see the module doc), or fewer than two cores to spare. Cores busy
    with other work are not counted: on a 2-core machine with four other busy
    processes, a 20,000-article build with workers was no faster than one without (all
    share the same cores), and the workers cost their memory."""
    if size < minimum:
        return 0
    if sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods():
        return 0  # macOS: system libraries are not fork-safe
    if threading.active_count() != 1:
        return 0
    cpus = _cpus()
    if cpus < 2:
        return 0  # no look at the load needed (it takes ``LOOK_SECONDS``)
    spare = min(cpus, int(cpus + 1 - _load() + 0.5))  # this process counts in the load
    # One worker would only overlap the job with this process's share of it, a few percent.
    return min(spare, MAX_WORKERS) if spare > 1 else 0


def ranges(size: int, step: int) -> list[tuple[int, int]]:
    """``(start, end)`` ranges of ``step`` items covering ``0..size``."""
    return [(start, min(start + step, size)) for start in range(0, size, step)]


def _watch_parent(parent: int) -> None:
    """In a worker: leave when the process that made it is gone (its pid is re-parented)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _start_worker(parent: int, niceness: int = 0) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the workers
    if niceness:
        with contextlib.suppress(OSError, AttributeError):  # not on every platform
            os.nice(niceness)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _run(start: int, end: int) -> Any:
    assert _work is not None
    return _work(start, end)


def _run_one(task: Any) -> Any:
    assert _work is not None
    return _work(task)


def _nothing() -> None:
    """The task that makes a ``ForkedStream``'s pool fork its workers."""


@contextlib.contextmanager
def _forking(work: Callable[..., Any]) -> Generator[None, None, None]:
    """While the workers are forked: they inherit ``work`` as the job, and the objects
    that exist now are left out of their garbage collections (a collection writes to
    every object it walks, copying the pages of the inherited heap into the worker:
    ~5 MB a worker in a 20,000-article build). A heap frozen before stays frozen (a
    TUI freezes its start-up heap for good)."""
    global _work
    _work = work
    frozen_before = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        _work = None
        if not frozen_before:
            gc.unfreeze()


def forked_map(
    work: Work[T],
    bounds: Sequence[tuple[int, int]],
    workers: int,
    fallback: Work[T] | None = None,
    forked: Callable[[], None] | None = None,
) -> Generator[T, None, None]:
    """``work(start, end)`` for each of ``bounds``, in order, from ``workers`` forked
    processes (0, or another thread running by now: in this process). ``fallback`` does
    the ranges left when a worker died (default: ``work``); ``forked`` is called once the
    workers exist (to let go of what only they need). Close the iterator (or exhaust it)
    to stop the workers."""
    if workers <= 0 or threading.active_count() != 1:
        for start, end in bounds:
            yield work(start, end)
        return
    pool = ProcessPoolExecutor(workers, multiprocessing.get_context("fork"), _start_worker, (os.getpid(),))
    waiting: deque[Future[T]] = deque()
    given = taken = 0
    try:
        with _forking(work):
            # The first submit forks every worker, before the pool's own thread starts.
            while given < len(bounds) and len(waiting) < workers * AHEAD:
                waiting.append(pool.submit(_run, *bounds[given]))
                given += 1
        if forked is not None:
            forked()
        while waiting:
            result = waiting.popleft().result()
            if given < len(bounds):
                waiting.append(pool.submit(_run, *bounds[given]))
                given += 1
            taken += 1
            yield result
    except BrokenProcessPool:
        pool.shutdown(wait=True, cancel_futures=True)
        for start, end in bounds[taken:]:
            yield (fallback or work)(start, end)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class ForkedStream(Generic[A, T]):
    """Tasks handed in as they become known, results taken back in order: ``forked_map``
    for a job whose ranges are not all known when it starts (a cold build's entities,
    extracted while its first pass is still finding the articles).

    The workers are forked when this is made (``work`` and everything it reaches is
    theirs then; a task crossing to a worker is ``A``, small). ``AHEAD`` tasks a worker
    are with the workers at a time, the rest wait here, handed out as results are taken
    (``ready`` or ``drain``). ``niceness``: the workers' (``os.nice``), so that this
    process, busy with other work while they run, keeps its core. If a worker dies,
    every task not yet taken is done in this process by ``fallback``. Without workers
    (0, or another thread running) each task is done here when taken."""

    def __init__(
        self, work: Callable[[A], T], workers: int, fallback: Callable[[A], T] | None = None, niceness: int = 0
    ) -> None:
        self._work = work
        self._fallback = fallback or work
        self._waiting: deque[A] = deque()  # not handed out yet
        self._out: deque[tuple[A, Future[T]]] = deque()  # handed out, in order
        self._pool: ProcessPoolExecutor | None = None
        self.limit = max(1, workers) * AHEAD
        if workers <= 0 or threading.active_count() != 1:
            return
        self._pool = ProcessPoolExecutor(
            workers, multiprocessing.get_context("fork"), _start_worker, (os.getpid(), niceness)
        )
        with _forking(work):
            self._pool.submit(_nothing).result()  # forks every worker now, before the pool's thread starts

    def submit(self, task: A) -> None:
        self._waiting.append(task)
        self._hand_out()

    def pending(self) -> int:
        """Tasks given and not yet taken back."""
        return len(self._waiting) + len(self._out)

    def ready(self, wait: bool = False) -> list[T]:
        """The results done so far, in order, without waiting for any; with ``wait``, at
        least the next one (tests: an overlap that does not depend on timing)."""
        found: list[T] = []
        if wait and self._out:
            found.append(self._take())
        elif wait and self._waiting and self._pool is None:
            found.append(self._work(self._waiting.popleft()))
        while self._out and self._out[0][1].done():  # in-process, nothing is out: done in ``drain``
            found.append(self._take())
        return found

    def drain(self) -> Generator[T, None, None]:
        """Every result not taken yet, in order, waiting for each."""
        while self._out or self._waiting:
            if self._out:
                yield self._take()
            elif self._pool is None:
                yield self._work(self._waiting.popleft())
            else:
                self._hand_out()

    def close(self) -> None:
        """Stop the workers (tasks not taken are dropped)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        self._waiting.clear()
        self._out.clear()

    def _hand_out(self) -> None:
        pool = self._pool
        if pool is None:
            return
        while self._waiting and len(self._out) < self.limit:
            task = self._waiting.popleft()
            self._out.append((task, pool.submit(_run_one, task)))

    def _take(self) -> T:
        task, future = self._out.popleft()
        try:
            result = future.result()
        except BrokenProcessPool:
            self._broken(task)
            return self._fallback(task)
        self._hand_out()
        return result

    def _broken(self, task: A) -> None:
        """A worker died: every task not taken back goes to this process, in order."""
        left = [t for t, _ in self._out] + list(self._waiting)
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        self._out.clear()
        self._waiting = deque(left)
        self._work = self._fallback
