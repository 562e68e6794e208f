"""A cold build's entity extraction spread over worker processes, results in ``doc`` order.

Extraction is most of a cold build's time and needs no database, so on a machine with
two or more cores to spare (``worker_count``) the second pass hands its chunks to workers
while this process numbers and writes what they found (``update.Updater._entity_pass``).
A cold build hands them its articles from its first pass on (``StreamedPostings``), so
that extraction overlaps it; a pass resumed after a kill uses ``parallel_postings``.

The workers are forked by ``reader.forked`` (when it is safe: one thread; and worth it:
two cores to spare), and inherit the extractor (loaded here by the first chunk, done
before the fork), the rows and the articles the first pass kept: nothing is pickled on
the way in (a streamed pass sends its rows, a path and three ints each) and nothing is
loaded again; only the postings come back, as tuples. If a worker dies (out of memory),
the pass goes on in-process, reading the files again.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from pathlib import Path

from .. import forked
from ..articles import Article
from . import entity_pass
from .entity_pass import Found, Part, ReadFileFn, ReadRecordFn, Row, extract_chunk
from .extract import ArticleExtractor

MIN_ROWS = 2_000
"""Articles below which the pass stays in-process: starting workers costs tens of
milliseconds and their memory, more than a small corpus's extraction (tests and small
folders pay nothing)."""

NICENESS = 5
"""How much less the workers of a build's overlapping entity pass get of a busy core than
the process writing the index (``os.nice``): that process's first pass is the build's
serial part, and what makes the list complete."""

_Wire = tuple[int, int, list[Found]]
"""A ``Part`` as it travels back from a worker: plain tuples (its postings are
``extract.PostingRow`` tuples already: pickling a ``Posting``, a slotted dataclass, cost
~7 us there and back, a tuple under 1 us)."""


def worker_count(rows: int) -> int:
    """Workers for a pass over ``rows`` articles (0: in-process; see ``reader.forked``)."""
    return forked.worker_count(rows, MIN_ROWS)


def _wire(part: Part) -> _Wire:
    return part.rows, part.last_doc, part.found


def _part(wire: _Wire) -> Part:
    return Part(*wire)


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


class StreamedPostings:
    """The postings of articles handed in while a cold build's first pass runs, from
    worker processes, parts in ``doc`` order: what ``parallel_postings`` gives, started
    before the pass knows every article, so extraction overlaps the first pass.

    The first pass commits a batch's rows, then hands them in (``add``); the workers read
    those files again and extract their entities, at a lower priority (``NICENESS``): on
    a two-core machine this process keeps a core for the first pass (the list is complete
    about as soon as without workers) and the workers share the other, and all of them
    once the first pass is done (``all_in``). Make it after the extractor is loaded here
    (it is shared with the workers by the fork); close it however the build ends."""

    def __init__(
        self,
        base: Path,
        extractor: ArticleExtractor,
        read_record: ReadRecordFn,
        read_file: ReadFileFn,
        workers: int,
        kept: dict[int, Article] | None = None,
    ) -> None:
        """``kept``: articles the first pass kept (by ``doc``), for the workers, who
        inherit them; emptied here once they do (a worker that died leaves its rows to
        this process, which reads them again)."""

        def chunk(rows: list[Row]) -> _Wire:
            return _wire(extract_chunk(base, rows, extractor, read_record, kept, read_file))

        self._stream = forked.ForkedStream(chunk, workers, niceness=NICENESS)
        if kept:
            kept.clear()  # the workers have their copies
        self._rows: list[Row] = []  # handed in, not yet a whole chunk
        self.given = 0  # rows handed in

    def add(self, rows: Sequence[Row]) -> None:
        """Rows committed by the first pass, in ``doc`` order."""
        self._rows.extend(rows)
        self.given += len(rows)
        size = entity_pass.CHUNK
        while len(self._rows) >= size:
            self._stream.submit(self._rows[:size])
            del self._rows[:size]

    def ready(self, wait: bool = False) -> list[Part]:
        """The parts done so far, in order, without waiting (the workers get more to do);
        with ``wait``, at least the next one (see ``ForkedStream.ready``)."""
        return [_part(wire) for wire in self._stream.ready(wait)]

    def all_in(self, taken: list[Part]) -> Generator[Part, None, None]:
        """Every row is handed in: ``taken`` (parts given by ``ready`` and not used yet),
        then the parts not taken yet, in order, from every worker."""
        yield from taken
        if self._rows:
            self._stream.submit(self._rows)
            self._rows = []
        for wire in self._stream.drain():
            yield _part(wire)

    def close(self) -> None:
        self._stream.close()
