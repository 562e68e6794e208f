"""Scanning a corpus folder: every article file, once, with every problem reported.

Bad files never stop a load. Hidden files and folders are skipped; symbolic links are
followed, but a folder or file reached twice (a link loop, or two links to one file) is
read only once.

The readers of CSV files, saved pages and feeds (``csv_file``, ``page_file``,
``feed_file``, with the csv and HTML parsers behind them) are imported when a file of
theirs is read, not with this module: a warm ``reader search`` reads a few plain-text
articles for its snippets, and importing them cost it about 10 ms.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from ..order import newest_first
from ..regular_file import NotRegularFileError, open_regular
from .decode import decode_article_bytes
from .formats import parse_file_text
from .model import Article
from .parse import content_id, file_format
from .problems import CorpusError, Problem
from .row import ArticleRow, row_of_article, row_sort_key

MAX_ARTICLE_BYTES = 8 * 1024 * 1024
MAX_FEED_BYTES = 256 * 1024 * 1024
MAX_FEED_FILE_BYTES = 64 * 1024 * 1024
"""An RSS or Atom file is parsed whole (feedparser keeps the document and its entries in
memory), so it gets a cap of its own; CSV files have none, being streamed."""
FEED_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson"})
# Files that document a corpus rather than belong to it.
IGNORED_STEMS = frozenset({"readme", "license", "licence", "copying", "changelog"})
FOLDER_UNREADABLE = "cannot read folder"
"""How the walk's problem with a folder it cannot enter begins (``walk_position``)."""


class ScanResult:
    """Every article of a corpus parsed, and every problem met (a plain class, as
    ``ParseResult``)."""

    __slots__ = ("articles", "problems")

    def __init__(self) -> None:
        self.articles: list[Article] = []
        self.problems: list[Problem] = []


def _skip_name(name: str) -> bool:
    return name.startswith(".") or name.startswith("~") or name.endswith("~")


def iter_article_paths(root: Path, problems: list[Problem]) -> Iterator[Path]:
    """Every candidate article file under ``root``, sorted within each folder."""
    for path, _ in iter_article_files(root, problems):
        yield path


def iter_article_files(
    root: Path, problems: list[Problem], folders: list[tuple[Path, os.stat_result]] | None = None
) -> Iterator[tuple[Path, os.stat_result]]:
    """``iter_article_paths`` with each file's ``stat`` (symlinks followed), which the walk
    takes anyway to read each file once: the index compares size and modification time
    without a second ``stat`` a file. Given ``folders``, each folder entered is appended
    to it with the ``stat`` taken before listing it (the index's walk token)."""
    if not root.exists():
        raise CorpusError(f"corpus folder {str(root)!r} does not exist")
    if root.is_file():
        try:
            yield root, root.stat()
        except OSError as exc:
            problems.append(Problem(root, f"cannot read: {exc.strerror}", True))
        return
    if not root.is_dir():
        raise CorpusError(f"{str(root)!r} is neither a folder nor a file")
    if not os.access(root, os.R_OK | os.X_OK):
        raise CorpusError(f"corpus folder {str(root)!r} is not readable (permission denied)")

    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()

    def walk(folder: Path) -> Iterator[tuple[Path, os.stat_result]]:
        try:
            info = folder.stat()
        except OSError as exc:
            problems.append(Problem(folder, f"{FOLDER_UNREADABLE}: {exc.strerror}", True))
            return
        key = (info.st_dev, info.st_ino)
        if key in seen_dirs:
            return  # a symlink loop or a second link to a folder already read
        seen_dirs.add(key)
        if folders is not None:
            folders.append((folder, info))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problems.append(Problem(folder, f"{FOLDER_UNREADABLE}: {exc.strerror}", True))
            return
        subfolders: list[Path] = []
        for entry in entries:
            if _skip_name(entry.name):
                continue
            path = Path(entry.path)
            try:
                if entry.is_dir(follow_symlinks=True):
                    subfolders.append(path)
                    continue
                if not entry.is_file(follow_symlinks=True):
                    if entry.is_symlink():
                        problems.append(Problem(path, "broken symbolic link", True))
                    continue
                stat = entry.stat(follow_symlinks=True)
            except OSError as exc:
                problems.append(Problem(path, f"cannot read: {exc.strerror}", True))
                continue
            file_key = (stat.st_dev, stat.st_ino)
            if file_key in seen_files:
                continue
            seen_files.add(file_key)
            if path.stem.lower() in IGNORED_STEMS:
                continue
            yield path, stat
        for sub in subfolders:
            yield from walk(sub)

    yield from walk(root)


def walk_position(root: Path, problem: Problem) -> tuple[tuple[bool, str], ...]:
    """Where a walk of ``root`` (``iter_article_files``) meets ``problem``'s path: sorted
    by this, problems gathered in any order (the corpus index keeps them by file) come in
    the order a scan reports them.

    In each folder the walk takes its entries by name, reading files and reporting the
    entries it cannot use, then goes into its subfolders by name, where a folder it cannot
    read is reported first. So each step of the path is (is a folder, name), the last one
    a folder only for that problem.
    """
    try:
        parts = problem.path.relative_to(root).parts
    except ValueError:
        return ()
    if not parts:
        return ()
    last = (problem.reason.startswith(FOLDER_UNREADABLE), parts[-1])
    return (*((True, part) for part in parts[:-1]), last)


def with_walk_problems(root: Path, recorded: list[Problem], reported: list[Problem]) -> list[Problem]:
    """Every problem of the corpus, in the order a scan reports them: ``recorded`` are the
    problems the index keeps by file; ``reported`` is an update's report, which repeats
    those of the files it read anew and adds the walk's own (broken links, unreadable
    folders), which no file row holds. ``reader list`` and the TUI both show these."""
    pending = Counter(recorded)
    walked = []
    for problem in reported:
        if pending[problem]:
            pending[problem] -= 1
        else:
            walked.append(problem)
    return sorted(walked + recorded, key=lambda p: walk_position(root, p))


_READ_ON_CHUNK = 1024 * 1024


class _TooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def _read_at_most(path: Path, most: int) -> bytes:
    """The file's bytes, at most ``most`` of them; ``_TooLarge`` when its size (``fstat`` on
    the open file, no second path lookup) is ``most`` or more.

    Reads what the size says plus one byte, not ``most``: ``read(most)`` makes CPython
    allocate the whole ``most``-byte buffer (8 MiB) before shrinking it, which cost about
    20 us a file, more than the read itself. A file that does not end where its size said
    (it grew since, or reports no size, as ``/proc`` files do) is read on to its end or
    ``most`` bytes, exactly as ``read(most)`` would have read it.
    """
    fd, info = open_regular(path)  # a named pipe is refused, not waited on
    try:
        size = info.st_size
        if size >= most:
            raise _TooLarge(size)
        data = os.read(fd, size + 1)
        if len(data) == size:
            return data
        parts = [data]
        total = len(data)
        while total < most:
            chunk = os.read(fd, min(most - total, _READ_ON_CHUNK))
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
        return b"".join(parts)
    finally:
        os.close(fd)


def _read_bytes(path: Path, limit: int) -> tuple[bytes | None, str | None]:
    """(bytes, problem): bytes None when the file must be skipped (empty, too large,
    unreadable)."""
    try:
        data = _read_at_most(path, limit + 1)
    except NotRegularFileError:
        return None, "not a regular file (a pipe, device or socket): give an article file"
    except _TooLarge as big:
        return None, f"file too large ({big.size // (1024 * 1024)} MiB; limit {limit // (1024 * 1024)} MiB)"
    except PermissionError:
        return None, "cannot read: permission denied"
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"
    if not data or data.isspace():  # bytes.isspace: the very set bytes.strip() strips, no copy
        return None, "empty file"
    return data, None


def read_article_text(path: Path) -> tuple[str | None, str | None]:
    """(text, problem). Text is None when the file must be skipped."""
    limit = MAX_FEED_BYTES if path.suffix.lower() in FEED_SUFFIXES else MAX_ARTICLE_BYTES
    data, trouble = _read_bytes(path, limit)
    if data is None:
        return None, trouble
    return decode_article_bytes(data)


def iter_file(path: Path, batch: int | None = None) -> Iterator[tuple[list[Article], list[Problem]]]:
    """One file's articles and problems, in batches: a CSV file a batch of rows at a time
    as it is read (never whole: exports run to hundreds of megabytes; ``batch`` rows, by
    default ``csv_file.BATCH_ROWS``), any other file in one batch. The one way every
    loader reads a file."""
    fmt = file_format(path)
    if fmt == "csv":
        from .csv_file import iter_csv

        yield from (iter_csv(path) if batch is None else iter_csv(path, batch))
        return
    if fmt == "feed":
        data, trouble = _read_bytes(path, MAX_FEED_FILE_BYTES)
        if data is None:
            yield [], [Problem(path, trouble or "unreadable", True)]
            return
        from .feed_file import parse_feed_file

        yield parse_feed_file(path, data)  # the bytes: a feed declares its own encoding
        return
    if fmt == "html":
        from .page_file import decode_page

        data, trouble = _read_bytes(path, MAX_ARTICLE_BYTES)
        text, trouble = decode_page(data) if data is not None else (None, trouble)
    else:
        text, trouble = read_article_text(path)
    if text is None:
        yield [], [Problem(path, trouble or "unreadable", True)]
        return
    problems = [Problem(path, trouble, False)] if trouble else []
    result = parse_file_text(path, text)
    skipped = not result.articles
    problems.extend(Problem(path, reason, skipped) for reason in result.problems)
    yield result.articles, problems


def load_file(path: Path) -> tuple[list[Article], list[Problem]]:
    """Parse one file: all its articles and its problems (``iter_file``, gathered)."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for found, trouble in iter_file(path):
        articles.extend(found)
        problems.extend(trouble)
    return articles, problems


def load_record(path: Path, record: int | None, offset: int | None = None) -> Article | None:
    """The one article of ``path`` at ``record`` (None for a one-article file), or None.
    A CSV row is read alone, from ``offset`` when the index remembers it; other files are
    read whole, as they are small."""
    if record is not None and file_format(path) == "csv":
        from .csv_file import read_csv_row

        return read_csv_row(path, record, offset)
    for article in load_file(path)[0]:
        if article.record == record:
            return article
    return None


def sort_key(article: Article) -> tuple[bool, int, str, str, int]:
    """Newest first, undated last: the one list order (``reader.order.newest_first``)."""
    return newest_first(article.date_iso, article.title, str(article.path), article.record)


def load_with_unique_ids(path: Path, root: Path, ids: set[str]) -> tuple[list[Article], list[Problem]]:
    """``load_file(path)`` with each article's id made unique among ``ids`` (the shared
    rule, ``with_unique_id``), and added to them: how every walk of a corpus loads a file."""
    articles, problems = load_file(path)
    unique = []
    for article in articles:
        article = with_unique_id(article, root, ids)
        ids.add(article.id)
        unique.append(article)
    return unique, problems


def scan_corpus(root: Path, progress: Callable[[int], None] | None = None) -> ScanResult:
    """Load every article under ``root``, newest first; problems are collected, not raised."""
    result = ScanResult()
    ids: set[str] = set()
    for count, path in enumerate(iter_article_paths(root, result.problems), start=1):
        articles, problems = load_with_unique_ids(path, root, ids)
        result.problems.extend(problems)
        result.articles.extend(articles)
        if progress is not None:
            progress(count)
    result.articles.sort(key=sort_key)
    return result


def scan_rows(root: Path) -> tuple[list[ArticleRow], list[Problem]]:
    """``scan_corpus`` as light rows, newest first: each batch of articles is dropped once
    its rows are made, so a corpus holding a CSV export bigger than memory still lists."""
    rows: list[ArticleRow] = []
    problems: list[Problem] = []
    ids: set[str] = set()
    for path in iter_article_paths(root, problems):
        for articles, trouble in iter_file(path):
            problems.extend(trouble)
            for article in articles:
                article = with_unique_id(article, root, ids)
                ids.add(article.id)
                rows.append(row_of_article(article))
    rows.sort(key=row_sort_key)
    return rows, problems


def with_unique_id(article: Article, root: Path, ids: set[str]) -> Article:
    """``article`` itself, or, when its id is taken (two files with the same body), a copy
    whose id also hashes its place in the corpus. Every loader calls this in walk order,
    so ``reader list``, the TUI and the index agree on ids."""
    if article.id not in ids:
        return article
    try:
        where = str(article.path.relative_to(root))
    except ValueError:
        where = str(article.path)
    salt = f"{where}#{article.record}"
    new_id = content_id(f"{article.id}\0{salt}")
    while new_id in ids:
        salt += "#"
        new_id = content_id(f"{article.id}\0{salt}")
    return article._replace(id=new_id)
