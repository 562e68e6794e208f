"""A cold build's entity extraction spread over worker processes, results in ``doc`` order.

Extraction is most of a cold build's time and needs no database, so on a machine with
two or more cores to spare (``worker_count``) the second pass hands its chunks to workers
while this process numbers and writes what they found (``update.Updater._entity_pass``).

The workers are forked by ``reader.forked`` (when it is safe: one thread; and worth it:
two cores to spare), and inherit the extractor (loaded here by the first chunk, done
before the fork), the rows and the articles the first pass kept: nothing is pickled on
the way in and nothing is loaded again; only the postings come back, as tuples. If a
worker dies (out of memory), the pass goes on in-process, reading the files again.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from pathlib import Path

from .. import forked
from ..articles import Article
from . import entity_pass
from .entity_pass import Part, ReadFileFn, ReadRecordFn, Row, extract_chunk
from .extract import ArticleExtractor, Posting

MIN_ROWS = 2_000
"""Articles below which the pass stays in-process: starting workers costs tens of
milliseconds and their memory, more than a small corpus's extraction (tests and small
folders pay nothing)."""

_Wire = tuple[int, int, list[tuple[int, str | None, list[tuple[str, str, int, int, set[str], list[int]]]]]]
"""A ``Part`` as it travels back from a worker: its postings as plain tuples. Pickling a
``Posting`` (a slotted dataclass: Python-level state methods) cost ~7 us there and back,
a tuple under 1 us; at ~30 postings an article that was a third of a worker's time."""


def worker_count(rows: int) -> int:
    """Workers for a pass over ``rows`` articles (0: in-process; see ``reader.forked``)."""
    return forked.worker_count(rows, MIN_ROWS)


def _wire(part: Part) -> _Wire:
    found = [
        (doc, date, [(p.key, p.label, p.count, p.first, p.names, p.spans) for p in ps]) for doc, date, ps in part.found
    ]
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
    bounds = forked.ranges(len(rows), entity_pass.CHUNK)
    if not bounds:
        return
    # The first chunk here: it loads the extractor's tables (~25 MB) once, before the
    # fork, for the workers to share rather than each load its own.
    yield extract_chunk(base, list(rows[: bounds[0][1]]), extractor, read_record, kept, read_file)

    def chunk(start: int, end: int) -> _Wire:
        return _wire(extract_chunk(base, list(rows[start:end]), extractor, read_record, kept, read_file))

    def again(start: int, end: int) -> _Wire:  # after a worker died: ``kept`` is let go of
        return _wire(extract_chunk(base, list(rows[start:end]), extractor, read_record, None, read_file))

    def let_go() -> None:
        if kept:
            kept.clear()  # the workers have their copies; this process no longer needs them

    parts = forked.forked_map(chunk, bounds[1:], workers, again, let_go)
    try:
        for wire in parts:
            yield _part(wire)
    finally:
        parts.close()
