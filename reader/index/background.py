"""Bringing an open index up to date in the background, for a client that keeps reading it.

The TUI reads the index on its own connection while the folder is re-checked, so the
update runs in a process of its own (``reader.index.worker``): walking 100,000 files costs
the reader neither memory nor the GIL, and a crashed update never takes it down. Where no
process can be started, the update runs in the calling thread instead. Either way the
caller sees the same thing: one ``UpdateProgress`` per committed batch, then the report.

Nothing here knows about Textual: the TUI runs ``BackgroundUpdate.run`` in a worker thread
and turns each progress value into a message (ARCHITECTURE.md §3).
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager

from .corpus_index import CorpusIndex
from .model import UpdateProgress, UpdateReport
from .worker import WorkerError, follow, spawn


class UpdateCancelled(Exception):
    """The client asked to stop: what the update committed so far stays."""


class BackgroundUpdate:
    """One incremental update of ``index``, run once with ``run`` and stoppable from any
    thread with ``stop``. ``lock`` guards the client's own use of the index connection."""

    def __init__(self, index: CorpusIndex, lock: AbstractContextManager[object] | None = None) -> None:
        self.index = index
        self._lock = lock if lock is not None else threading.RLock()
        self._process: subprocess.Popen[str] | None = None
        self._stopped = False
        self.replaced = False  # the worker rebuilt a damaged database, reopened here

    def run(self, on_progress: Callable[[UpdateProgress], None]) -> UpdateReport:
        """Run the update to its end. Raises ``UpdateCancelled`` after ``stop``, and
        ``WorkerError`` (one line for the user) when the update cannot run."""
        try:
            process = spawn(self.index.corpus, self.index.cache)
        except OSError:
            process = None
        if process is None or process.stdout is None:
            return self._run_here(on_progress)
        self._process = process
        try:
            report = follow(process.stdout, on_progress)
        except WorkerError:
            if self._stopped:
                raise UpdateCancelled from None
            raise
        finally:
            process.stdout.close()
            if process.poll() is None and self._stopped:
                process.terminate()
            process.wait()
            self._process = None
        with self._lock:
            self.replaced = self.index.reopen_if_replaced()
        return report

    def _run_here(self, on_progress: Callable[[UpdateProgress], None]) -> UpdateReport:
        def progress(step: UpdateProgress) -> None:
            if self._stopped:
                raise UpdateCancelled  # between batches: what is committed stays
            on_progress(step)

        return self.index.update(progress=progress)

    def stop(self) -> None:
        """Stop the update (from any thread): the worker process is terminated."""
        self._stopped = True
        process = self._process
        if process is not None and process.poll() is None:
            process.terminate()
