"""Loading a corpus in batches, for a worker thread (no Textual here, so it is testable).

The screen is up before the first file is read; the loader first lists the files (fast:
directory entries only) so progress can say "n of total", then parses them and hands over
batches: a small first batch so rows appear at once, then larger ones to keep the UI
thread's re-sorting cheap.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..articles import Article, Problem
from ..articles.scan import iter_article_paths, load_with_unique_ids


@dataclass
class Batch:
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    done: int = 0  # files read so far
    total: int = 0  # files found
    finished: bool = False


def load_corpus(
    root: Path,
    deliver: Callable[[Batch], object],
    cancelled: Callable[[], bool] = lambda: False,
    first_batch: int = 64,
    interval: float = 0.1,
) -> None:
    """Read every article under ``root``, calling ``deliver`` with each batch and a final
    batch with ``finished=True``. Problems travel with the batches; nothing is raised for
    a bad file. A missing corpus raises ``CorpusError`` before anything is delivered."""
    problems: list[Problem] = []
    walk = iter_article_paths(root, problems)
    # The first files are parsed before the folder walk finishes, so rows appear at once
    # even on a huge corpus; then the rest is listed, so progress can show a total.
    head = list(itertools.islice(walk, first_batch))
    ids: set[str] = set()
    batch = Batch(problems=list(problems), total=len(head))
    if not _read(head, root, ids, batch, 0, cancelled):
        return
    if len(head) == first_batch:
        deliver(batch)  # the walker's problem list stays ours: the batch got a copy
        batch = Batch(done=len(head), total=len(head))
        seen = len(problems)
        rest = list(walk)
        batch.problems.extend(problems[seen:])
    else:
        rest = []
    total = len(head) + len(rest)
    batch.total = total
    last = time.monotonic()
    done = len(head)
    for path in rest:
        if cancelled():
            return
        done += 1
        _read([path], root, ids, batch, done - 1, cancelled)
        now = time.monotonic()
        if len(batch.articles) >= 4096 or now - last >= interval:
            deliver(batch)
            batch = Batch(done=done, total=total)
            last = now
    batch.done = total
    batch.finished = True
    deliver(batch)


def _read(paths: list[Path], root: Path, ids: set[str], batch: Batch, done: int, cancelled: Callable[[], bool]) -> bool:
    """Parse ``paths`` into ``batch``; False when cancelled."""
    for path in paths:
        if cancelled():
            return False
        articles, trouble = load_with_unique_ids(path, root, ids)
        batch.problems.extend(trouble)
        batch.articles.extend(articles)
        done += 1
        batch.done = done
    return True
