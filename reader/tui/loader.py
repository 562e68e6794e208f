"""Loading a corpus in batches, for a worker thread (no Textual here, so it is testable).

The screen is up before the first file is read; the loader first lists the files (fast:
directory entries only) so progress can say "n of total", then parses them and hands over
batches: a small first batch so rows appear at once, then larger ones to keep the UI
thread's re-sorting cheap.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..articles import Article, Problem, load_file
from ..articles.parse import content_id
from ..articles.scan import iter_article_paths


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
    paths = list(iter_article_paths(root, problems))
    total = len(paths)
    batch = Batch(problems=problems, total=total)
    ids: set[str] = set()
    last = time.monotonic()
    limit = first_batch
    for done, path in enumerate(paths, start=1):
        if cancelled():
            return
        articles, trouble = load_file(path)
        batch.problems.extend(trouble)
        for article in articles:
            if article.id in ids:
                article = _rename(article, root, ids)
            ids.add(article.id)
            batch.articles.append(article)
        batch.done = done
        now = time.monotonic()
        if len(batch.articles) >= limit or now - last >= interval:
            deliver(batch)
            batch = Batch(done=done, total=total)
            last = now
            limit = 4096
    batch.done = total
    batch.finished = True
    deliver(batch)


def _rename(article: Article, root: Path, ids: set[str]) -> Article:
    """Two files with the same body: the later one's id also hashes its place, as
    ``scan_corpus`` does, so ids match between the TUI and ``reader list``."""
    try:
        where = str(article.path.relative_to(root))
    except ValueError:
        where = str(article.path)
    salt = f"{where}#{article.record}"
    new_id = content_id(f"{article.id}\0{salt}")
    while new_id in ids:
        salt += "#"
        new_id = content_id(f"{article.id}\0{salt}")
    return replace(article, id=new_id)
