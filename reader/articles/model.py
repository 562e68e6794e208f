"""The Article: what one article file (or one record of a JSON feed) holds.

Offsets everywhere in the reader are ``str`` indices into ``Article.text``. For plain and
Markdown files ``text`` is the whole file as read with ``encoding="utf-8", newline=""``,
header included, so an offset can be checked against the file itself (a file that is not
UTF-8 is decoded first, ``reader/articles/decode.py``, and its offsets index that text).
For a record of a JSON or JSON Lines feed, ``text`` is that record's body string (the
file's own text is JSON-escaped and has no stable offsets to give); likewise for a row of
a CSV file (its body cell) and an entry of a feed file. A saved web page's ``text`` is
the main text extracted from it (``reader/articles/html_text.py``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..records import Record

# Named tuples (``reader/records.py``), not dataclasses: a warm ``reader search`` defines
# every value class it meets, and a frozen dataclass costs about 0.5 ms to define (plus
# 5 ms to import ``dataclasses`` and ``inspect``), a named tuple about 0.07 ms. Both are
# immutable and compare and hash by value; ``_replace`` stands for ``dataclasses.replace``.


class Span(Record):
    """A half-open ``[start, end)`` range of ``Article.text``."""

    start: int
    end: int


class Article(Record):
    """One article, parsed.

    ``id`` is derived from the body's content, so the same file gives the same id on every
    run and keeps it when the file is renamed or moved. ``fingerprint`` hashes the whole
    text, header included, so any edit changes it (the index uses it to spot changes).
    """

    id: str
    path: Path
    text: str
    paragraphs: tuple[Span, ...]
    title: str
    date: dt.date | None
    fingerprint: str
    format: str  # "plain", "markdown", "json", "jsonl", "csv", "html" or "feed"
    source: str | None = None
    author: str | None = None
    url: str | None = None
    record: int | None = None  # position inside a JSON / JSON Lines / CSV / feed file
    title_derived: bool = False
    extra: tuple[tuple[str, str], ...] = ()
    """Further (name, value) pairs a record carried: a CSV row's unrecognised columns."""
    offset: int | None = None
    """Where the record starts in the file, in bytes (CSV rows): re-reading one row seeks
    there instead of parsing every row before it."""

    def paragraph_text(self, index: int) -> str:
        span = self.paragraphs[index]
        return self.text[span.start : span.end]

    @property
    def body(self) -> str:
        """The paragraphs joined by blank lines (no header)."""
        return "\n\n".join(self.text[p.start : p.end] for p in self.paragraphs)

    @property
    def date_iso(self) -> str | None:
        return self.date.isoformat() if self.date else None

    def paragraph_at(self, offset: int) -> int | None:
        """Index of the paragraph holding ``offset``, or None between paragraphs."""
        lo, hi = 0, len(self.paragraphs)
        while lo < hi:
            mid = (lo + hi) // 2
            span = self.paragraphs[mid]
            if offset < span.start:
                hi = mid
            elif offset >= span.end:
                lo = mid + 1
            else:
                return mid
        return None
