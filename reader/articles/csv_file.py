"""CSV and TSV exports: one data row, one article, read row by row.

Dataset exports run to hundreds of megabytes, so a CSV file is never read whole: its
rows are parsed as the file is read and handed on in batches (``iter_csv``), and each
article remembers the byte offset its row starts at (``Article.offset``), so opening one
row later seeks there (``read_csv_row``) instead of parsing every row before it.

The header row names the columns; they are recognised by name, ignoring case, spaces,
``_`` and ``-`` (``COLUMN_ROLES``); any other column is kept as a (name, value) pair in
``Article.extra``. The delimiter is sniffed among ``,`` ``;`` tab and ``|`` from the
head of the file. A row that cannot be used (no body, the wrong number of fields, a
broken quote, a field over the csv module's limit) is a problem naming its data row and
line; the other rows load. Offsets index the row's body cell.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..regular_file import open_regular
from .decode import bom_encoding
from .model import Article
from .parse import build_article, split_paragraphs
from .problems import Problem

DELIMITERS = (",", ";", "\t", "|")
SAMPLE_BYTES = 64 * 1024
"""The head of the file the delimiter and encoding are judged from."""
BATCH_ROWS = 256
"""Articles handed on at a time: the reader holds a batch, never the file."""

_ROLE_NAMES = {
    "date": ("date", "published", "published_at", "publish_date", "pubdate", "datetime", "timestamp"),
    "title": ("title", "headline"),
    "body": ("text", "body", "content", "article", "full_text", "maintext"),
    "source": ("source", "publisher", "outlet", "site", "domain"),
    "url": ("url", "link"),
    "author": ("author", "authors", "byline"),
    "id": ("id", "guid", "uuid"),
}
_IGNORED_IN_NAMES = re.compile(r"[\s_\-\ufeff]+")


def column_key(name: str) -> str:
    """A header cell as it is matched: lower case, without spaces, ``_`` and ``-``."""
    return _IGNORED_IN_NAMES.sub("", name).lower()


COLUMN_ROLES = {column_key(name): role for role, names in _ROLE_NAMES.items() for name in names}
_EPOCH = re.compile(r"\d{9,13}(?:\.\d+)?")


@dataclass
class _Layout:
    """What the head of a file says about all of it."""

    encoding: str
    start: int  # where the header row starts (past a byte-order mark)
    delimiter: str
    problem: str | None = None  # the whole file cannot be read as CSV
    note: str | None = None  # said of the file, which still loads


@dataclass
class _Columns:
    names: list[str]
    roles: dict[str, int] = field(default_factory=dict)  # role -> column index
    others: list[int] = field(default_factory=list)  # kept as extras

    @classmethod
    def of(cls, header: list[str]) -> _Columns:
        columns = cls([cell.strip().lstrip("\ufeff") for cell in header])
        for index, name in enumerate(columns.names):
            role = COLUMN_ROLES.get(column_key(name))
            if role is not None and role not in columns.roles:
                columns.roles[role] = index
            else:
                columns.others.append(index)
        return columns


def _layout(head: bytes, suffix: str) -> _Layout:
    bom = bom_encoding(head)
    if bom is not None and bom != "utf-8":
        return _Layout(bom, 0, ",", f"a {bom.upper()} CSV file cannot be streamed; save it as UTF-8")
    start = 3 if bom == "utf-8" else 0
    sample = head[start:]
    encoding = "utf-8"
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        encoding = _guess_encoding(sample)
        text = sample.decode(encoding, errors="replace")
        return _Layout(
            encoding, start, _sniff(text, suffix), note=f"decoded as {encoding} (not UTF-8; encoding guessed)"
        )
    return _Layout(encoding, start, _sniff(text, suffix))


def _guess_encoding(sample: bytes) -> str:
    from .decode import _guess  # noqa: PLC0415 - charset-normalizer only for a file that is not UTF-8

    guessed = _guess(sample)
    return guessed[0] if guessed is not None else "cp1252"


def _sniff(text: str, suffix: str) -> str:
    """The delimiter that splits the head's rows most consistently into the most fields.

    A complete last line only: the sample may end inside a row. A ``.tsv`` file is tab
    separated unless tabs split nothing.
    """
    cut = text.rfind("\n")
    lines = text[: cut + 1] if cut > 0 else text
    best, best_score = "\t" if suffix == ".tsv" else ",", (0, 0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = [row for row in csv.reader(io.StringIO(lines), delimiter=delimiter) if row][:50]
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        consistent = sum(1 for row in rows if len(row) == width)
        preferred = int(suffix == ".tsv" and delimiter == "\t")
        score = (consistent, preferred, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


class _Lines:
    """The file's lines, decoded, with where the record being parsed started: the csv
    module pulls lines one by one, so the first line pulled after a row was returned is
    the first line of the next row."""

    def __init__(self, handle: IO[bytes], encoding: str, offset: int, line: int) -> None:
        self.handle = handle
        self.encoding = encoding
        self.offset = offset  # byte offset of the next line
        self.line = line  # number (from 1) of the next line
        self.record_offset = offset
        self.record_line = line
        self.new_record = True
        self.bad_bytes = False

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        raw = self.handle.readline()
        if not raw:
            raise StopIteration
        if self.new_record:
            self.record_offset, self.record_line = self.offset, self.line
            self.new_record = False
            self.bad_bytes = False
        self.offset += len(raw)
        self.line += 1
        try:
            return raw.decode(self.encoding)
        except UnicodeDecodeError:
            self.bad_bytes = True
            return raw.decode(self.encoding, errors="replace")


def _reader(lines: _Lines, delimiter: str) -> Iterator[list[str]]:
    return csv.reader(lines, delimiter=delimiter, strict=True)


@dataclass
class _Row:
    cells: list[str] | None  # None: malformed
    offset: int
    line: int
    bad_bytes: bool
    error: str = ""


def _rows(lines: _Lines, delimiter: str) -> Iterator[_Row]:
    """Every record, blank lines left out; a malformed one as a ``_Row`` without cells,
    after which parsing starts afresh on the next line."""
    reader = _reader(lines, delimiter)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            row = _Row(None, lines.record_offset, lines.record_line, lines.bad_bytes, str(exc))
            lines.new_record = True
            reader = _reader(lines, delimiter)  # the failed reader's state is mid-field
            yield row
            continue
        row = _Row(cells, lines.record_offset, lines.record_line, lines.bad_bytes)
        lines.new_record = True
        if cells:
            yield row


def _describe(error: str) -> str:
    if "field larger than field limit" in error:
        return f"a field longer than {csv.field_size_limit():,} characters (a broken quote?)"
    if "unexpected end of data" in error or "expected after" in error:
        return f"a broken quote ({error})"
    return f"not valid CSV ({error})"


def _date_value(raw: str) -> str:
    """A cell's date as the date parser reads it; a Unix timestamp (seconds or
    milliseconds) becomes its UTC date."""
    raw = raw.strip()
    if _EPOCH.fullmatch(raw):
        seconds = float(raw) / (1000 if len(raw.split(".")[0]) == 13 else 1)
        try:
            return dt.datetime.fromtimestamp(seconds, dt.UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return raw
    return raw


def _article(path: Path, columns: _Columns, row: _Row, record: int, problems: list[str]) -> Article | None:
    """The row's article, or None (with the reason in ``problems``)."""
    where = f"data row {record + 1} (line {row.line})"
    cells = row.cells
    if cells is None:
        problems.append(f"{where}: {_describe(row.error)}; skipped")
        return None
    if len(cells) != len(columns.names):
        problems.append(f"{where}: {len(cells)} fields where the header has {len(columns.names)}; skipped")
        return None
    body = cells[columns.roles["body"]]
    if not body.strip():
        problems.append(f"{where}: no text in the {columns.names[columns.roles['body']]!r} column; skipped")
        return None
    meta = {}
    for role in ("date", "title", "source", "url", "author"):
        index = columns.roles.get(role)
        if index is not None and cells[index].strip():
            meta[role] = _date_value(cells[index]) if role == "date" else cells[index].strip()
    extra: list[tuple[str, str]] = []
    ident = columns.roles.get("id")
    if ident is not None and cells[ident].strip():
        extra.append((columns.names[ident] or "id", cells[ident].strip()))
    extra.extend((columns.names[i] or f"column {i + 1}", cells[i]) for i in columns.others if cells[i].strip())
    notes: list[str] = []
    paragraphs = split_paragraphs(body, 0, len(body))
    article = build_article(path, body, paragraphs, meta, "csv", notes, record, tuple(extra), row.offset)
    if row.bad_bytes:
        notes.append("undecodable bytes shown as \ufffd")
    problems.extend(f"{where}: {note}" for note in notes)
    return article


class _Open:
    """An open CSV file: its layout and columns, positioned after the header row."""

    def __init__(self, path: Path, handle: IO[bytes]) -> None:
        self.path = path
        self.handle = handle
        self.layout = _layout(handle.read(SAMPLE_BYTES), path.suffix.lower())
        self.columns: _Columns | None = None
        self.problem = self.layout.problem
        self.lines = _Lines(handle, self.layout.encoding, self.layout.start, 1)
        if self.problem is not None:
            return
        handle.seek(self.layout.start)
        header = next(_rows(self.lines, self.layout.delimiter), None)
        if header is None or header.cells is None:
            self.problem = "no header row naming the columns" if header is None else "the header row is not valid CSV"
            return
        self.columns = _Columns.of(header.cells)
        if "body" not in self.columns.roles:
            names = ", ".join(_ROLE_NAMES["body"])
            self.problem = f"no body column (a header named one of: {names})"


def _open_file(path: Path) -> IO[bytes]:
    fd, _ = open_regular(path)  # a named pipe is refused, not waited on
    return open(fd, "rb")  # noqa: SIM115 - the callers close it


def iter_csv(path: Path, batch: int = BATCH_ROWS) -> Iterator[tuple[list[Article], list[Problem]]]:
    """The file's articles and problems, a batch of rows at a time."""
    try:
        handle = _open_file(path)
    except OSError as exc:
        yield [], [Problem(path, f"cannot read: {exc.strerror or exc}", True)]
        return
    with handle:
        opened = _Open(path, handle)
        if opened.problem is not None or opened.columns is None:
            yield [], [Problem(path, opened.problem or "not a CSV file", True)]
            return
        articles: list[Article] = []
        reasons: list[str] = [opened.layout.note] if opened.layout.note else []
        found = 0
        try:
            for record, row in enumerate(_rows(opened.lines, opened.layout.delimiter)):
                article = _article(path, opened.columns, row, record, reasons)
                if article is not None:
                    articles.append(article)
                    found += 1
                if len(articles) >= batch or len(reasons) >= batch:
                    yield articles, [Problem(path, reason, False) for reason in reasons]
                    articles, reasons = [], []
        except OSError as exc:
            reasons.append(f"cannot read on: {exc.strerror or exc}")
        if not found and not any(r.startswith("data row") for r in reasons):
            reasons.append("no data rows under the header")
        yield articles, [Problem(path, reason, not found) for reason in reasons]


def read_csv_row(path: Path, record: int, offset: int | None = None) -> Article | None:
    """Data row ``record`` (from 0) of the file as an article, or None when it has no such
    usable row. With ``offset`` (where the index saw it start) the row is read from there;
    without, the rows before it are parsed (not made into articles) to reach it."""
    with _open_file(path) as handle:
        opened = _Open(path, handle)
        if opened.columns is None:
            return None
        rows = _rows(opened.lines, opened.layout.delimiter)
        if offset is not None:
            handle.seek(offset)
            opened.lines.offset = opened.lines.record_offset = offset
            row = next(rows, None)
        else:
            row = next((r for number, r in enumerate(rows) if number == record), None)
        if row is None:
            return None
        return _article(path, opened.columns, row, record, [])


def parse_csv_bytes(path: Path, data: bytes) -> tuple[list[Article], list[str]]:
    """A CSV file already in memory, read as ``iter_csv`` reads one on disk (for callers
    that hold the text, such as ``parse_file_text``)."""
    handle = io.BytesIO(data)
    opened = _Open(path, handle)
    if opened.problem is not None or opened.columns is None:
        return [], [opened.problem or "not a CSV file"]
    articles: list[Article] = []
    reasons: list[str] = [opened.layout.note] if opened.layout.note else []
    for record, row in enumerate(_rows(opened.lines, opened.layout.delimiter)):
        article = _article(path, opened.columns, row, record, reasons)
        if article is not None:
            articles.append(article)
    if not articles and not any(r.startswith("data row") for r in reasons):
        reasons.append("no data rows under the header")
    return articles, reasons
