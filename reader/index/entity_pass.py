"""The entities of a cold build's second pass: each file read again, its articles'
entities extracted, chunk by chunk in ``doc`` order.

Kept apart from the updater, which numbers the entities and writes the postings
(``update.Updater._entity_pass``): this part needs no database, so it also runs in
worker processes. Extraction is most of a cold build's time; on a machine with more
than one core a big pass hands these chunks to forked workers (``entity_workers``, which
says why ``fork``, and only in a process with one thread: ``spawn`` would re-run the
caller's main module). Here is the in-process pass, and what a worker runs per chunk.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..articles import Article, Problem
from ..articles.scan import iter_file, load_record
from .extract import ArticleExtractor, PostingRow, posting_rows

Row = tuple[int, str, int | None, int | None]
"""An article to do: ``doc``, its file relative to the corpus folder, its record, and the
byte offset its record starts at (a CSV row) or None."""

Found = tuple[int, str | None, list[PostingRow]]
"""One article's postings: ``doc``, its date, what ``extract.posting_rows`` gives."""

ReadRecordFn = Callable[[Path, int | None, int | None], Article | None]
ReadFileFn = Callable[[Path], Iterable[tuple[list[Article], list[Problem]]]]

CHUNK = 250
"""Articles read and extracted at a time, between two looks at the results."""


@dataclass(frozen=True, slots=True)
class Part:
    """The result of one chunk: how many of the pass's rows it covered, the last one's
    ``doc``, and the postings of the articles still in their files."""

    rows: int
    last_doc: int
    found: list[Found]


def entity_postings(
    base: Path,
    rows: Sequence[Row],
    extractor: ArticleExtractor,
    read_record: ReadRecordFn = load_record,
    kept: dict[int, Article] | None = None,
    read_file: ReadFileFn = iter_file,
) -> Generator[Part, None, None]:
    """The postings of ``rows`` (in ``doc`` order), chunk by chunk, in order. ``kept``:
    articles the first pass kept by ``doc`` (each taken out as used), not read again."""
    for start in range(0, len(rows), CHUNK):
        yield extract_chunk(base, list(rows[start : start + CHUNK]), extractor, read_record, kept, read_file)


def extract_chunk(
    base: Path,
    rows: list[Row],
    extractor: ArticleExtractor,
    read_record: ReadRecordFn = load_record,
    kept: dict[int, Article] | None = None,
    read_file: ReadFileFn = iter_file,
) -> Part:
    """The postings of the articles of ``rows``: those in ``kept`` as they are, a row with
    a byte offset (a CSV export's) read alone from there, the others read with their file,
    each file once (a feed's records are consecutive docs). A whole CSV export is never
    read for a chunk: that would hold it in memory, once per chunk. One no longer in its
    file (changed since the first pass) is left out: the next update sees the file changed
    and re-indexes it."""
    last: str | None = None
    by_record: dict[int | None, Article] = {}
    found: list[Found] = []
    for doc, file, record, offset in rows:
        article = kept.pop(doc, None) if kept else None
        if article is None and offset is not None:
            article = read_record(base / file, record, offset)
            if article is not None and article.record != record:
                article = None
        elif article is None:
            if file != last:
                last = file
                by_record = {article.record: article for batch, _ in read_file(base / file) for article in batch}
            article = by_record.get(record)
        if article is not None:
            found.append((doc, article.date_iso, posting_rows(article, extractor)))
    return Part(len(rows), rows[-1][0] if rows else 0, found)
