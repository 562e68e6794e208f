"""How the commands reach a corpus: through its index, or by parsing every file.

``reader search`` and ``reader mentions`` need the index and build it when there is none
(``open_index``). ``reader list`` and article ids (``reader note add ID``, ``reader
bookmark add ID``) only need what the index holds of each article, so they read it when
it was built before and can serve, after bringing it up to date as search does (only new
and changed files are read); with no usable index they parse every file, as they always
did. Building an index is not their job: the first build extracts every article's
entities, far slower than the parse it would replace.

Bringing the index up to date walks the folder only when the walk token
(``reader.index.freshness``: the times of its folders) says something was added, removed
or renamed, or when ``--fresh`` asks (``reader index`` always walks); an id the index
does not know is looked for again after a walk, since an article edited in place keeps
its folder's time.

Both ways give the same answer (ARCHITECTURE.md §3): the same articles and ids in the one
list order (``reader.order``), paths spelt from the corpus folder as the user gave it,
and every problem, each once, in the order a walk of the folder meets them (§2.5).
"""

from __future__ import annotations

import contextlib
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from ..articles import Article, CorpusError, Problem, ScanResult, scan_corpus
from ..articles.row import ArticleRow, row_sort_key
from ..articles.scan import scan_rows, with_walk_problems
from ..errors import ReaderError
from ..locations import cache_dir, database_path
from ..records import Record
from ..safe_text import safe_line
from .common import report_problems

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (reader/records.py)
if TYPE_CHECKING:
    from ..index import CorpusIndex, UpdateProgress, UpdateReport


def parse_corpus(root: Path) -> ScanResult:
    """Parse every file under ``root`` (``scan_corpus``); a corpus that cannot be read at
    all is one clear error line."""
    try:
        return scan_corpus(root)
    except CorpusError as exc:
        raise ReaderError(str(exc)) from None


def _progress(update: UpdateProgress) -> None:
    unit = "articles' entities" if update.phase == "entities" else "files"
    sys.stderr.write(f"\rreader: indexing {update.done}/{update.total} {unit}\x1b[K")
    if update.done >= update.total:
        sys.stderr.write("\r\x1b[K")
    sys.stderr.flush()


def _print_notices(notices: list[str]) -> None:
    for notice in notices:
        print(f"reader: {safe_line(notice)}", file=sys.stderr)


def open_index(corpus: Path, update: bool = True, fresh: bool = False) -> CorpusIndex:
    """Open and update the corpus's index, reporting notices and new problems on stderr.
    Without ``update`` an index never built is still built (an empty answer would lie).
    The update walks the folder only when the walk token says it changed, or ``fresh``."""
    with _index_errors(corpus):
        from ..index import CorpusIndex

        index = CorpusIndex.open(corpus)
        notices = list(index.notices)
        if update or index.count() == 0:
            report = index.refresh(progress=_progress if sys.stderr.isatty() else None, fresh=fresh)
            notices += report.notices
            report_problems(report.problems)
    _print_notices(notices)
    return index


def update_index(corpus: Path, progress: Callable[[UpdateProgress], None] | None) -> UpdateReport:
    """Bring the corpus's index up to date with a full walk (``reader index``); the report
    holds its notices and problems, for the caller to show as it sees fit."""
    with _index_errors(corpus):
        from ..index import CorpusIndex

        with CorpusIndex.open(corpus) as index:
            notices = list(index.notices)
            report = index.update(progress=progress)
    report.notices[:0] = notices
    return report


@contextlib.contextmanager
def _index_errors(corpus: Path) -> Iterator[None]:
    """The index's failures as one-line user errors."""
    from ..index import IndexBusyError

    try:
        yield
    except CorpusError as exc:
        raise ReaderError(str(exc)) from None
    except IndexBusyError:
        raise ReaderError(
            f"the index of {str(corpus)!r} is busy (another reader is writing it); try again in a moment"
        ) from None
    except sqlite3.Error as exc:
        raise ReaderError(
            f"cannot use the index of {str(corpus)!r}: {exc}; delete {cache_dir()} to rebuild it"
        ) from None


def _built_index(root: Path, fresh: bool = False) -> tuple[CorpusIndex, UpdateReport] | None:
    """The index of ``root`` brought up to date, and what the update found, if an index
    was built before (to its end) and can be used; None: parse the files instead (no
    index, a first build still running or cut short, a busy or broken database, a cache
    that cannot be written, a corpus that cannot be read: the parse then says so in its
    own words)."""
    try:
        if not database_path(root).is_file():
            return None  # and the index package is not even imported
        from ..index import CorpusIndex

        index = CorpusIndex.open(root)
    except (OSError, sqlite3.Error):
        return None
    notices = list(index.notices)  # e.g. a damaged database deleted: said, then parsed
    try:
        if index.count() == 0 or not index.built():
            index.close()
            _print_notices(notices)
            return None
        report = index.refresh(progress=_progress if sys.stderr.isatty() else None, fresh=fresh)
    except (CorpusError, OSError, sqlite3.Error):
        index.close()
        _print_notices(notices)
        return None
    _print_notices(notices + report.notices)
    return index, report


class _Spelling:
    """Paths as a walk from the corpus folder as given spells them (``articles/x.txt``
    for ``reader list articles``), from the absolute ones the index hands out."""

    def __init__(self, index: CorpusIndex, given: Path) -> None:
        self.given = str(given)
        self.single = index.corpus.is_file()  # a corpus that is one file: its only path
        base = str(index.corpus.parent if self.single else index.corpus)
        self.base = base if base.endswith("/") else base + "/"
        shown = self.given
        self.prefix = "" if shown == "." else shown if shown.endswith("/") else shown + "/"
        self.same = self.prefix == self.base

    def __call__(self, path: str) -> str:
        if self.single:
            return self.given
        if self.same or not path.startswith(self.base):
            return path
        return self.prefix + path[len(self.base) :]


class Listing(Record):
    """Every article of a corpus, newest first, and every problem found in its files."""

    rows: list[ArticleRow]
    problems: list[Problem]


def list_corpus(root: Path, fresh: bool = False) -> Listing:
    """The corpus's articles and problems, from its index when one can serve, else parsed
    (``fresh``: the index's update walks the folder even if the walk token holds)."""
    built = _built_index(root, fresh)
    if built is None:
        return _parsed_listing(root)
    index, report = built
    try:
        rows = index.rows()
        recorded = index.problems()
    except sqlite3.Error:  # e.g. damaged since it was opened: the files still answer
        return _parsed_listing(root)
    finally:
        index.close()
    spell = _Spelling(index, root)
    if not spell.same:
        rows = [ArticleRow(r.doc, r.id, spell(r.path), r.record, r.date, r.title, r.source, r.paragraphs) for r in rows]
    # The database's order is the list order but for ties it cannot see (reader.order).
    rows.sort(key=row_sort_key)
    problems = with_walk_problems(index.corpus, recorded, report.problems)
    if not spell.same:
        problems = [Problem(Path(spell(str(p.path))), p.reason, p.skipped) for p in problems]
    return Listing(rows, problems)


def _parsed_listing(root: Path) -> Listing:
    """Every file parsed, kept as light rows only (a CSV export is streamed)."""
    try:
        rows, problems = scan_rows(root)
    except CorpusError as exc:
        raise ReaderError(str(exc)) from None
    return Listing(rows, problems)


def article_by_id(ident: str, root: Path, fresh: bool = False) -> Article:
    """The article whose id is ``ident`` or, given six characters or more, the one article
    whose id starts with it; ReaderError (one line) when there is none or more than one."""
    built = _built_index(root, fresh)
    if built is not None:
        index, report = built
        try:
            found = _indexed_article(index, ident, root)
        except ReaderError:
            if report.walked:
                raise
            found = None  # not in an index the walk token vouched for: maybe an in-place edit
        except (OSError, sqlite3.Error):
            found = None
        finally:
            index.close()
        if found is not None:
            return found
        if not report.walked:
            return article_by_id(ident, root, fresh=True)  # walk once before parsing every file
    articles = parse_corpus(root).articles
    exact = [a for a in articles if a.id == ident]
    if exact:
        return exact[0]
    matches = [a for a in articles if a.id.startswith(ident)]
    _check_prefix(ident, root, len(matches))
    return matches[0]


def _indexed_article(index: CorpusIndex, ident: str, root: Path) -> Article | None:
    """``article_by_id`` from the index: one file read; None when that file no longer
    holds the article (changed since the update: the caller parses)."""
    if index.row(ident) is None:
        matches = index.ids_starting(ident, limit=2)
        _check_prefix(ident, root, len(matches))
        ident = matches[0]
    article = index.load_article(ident)
    if article is None:
        return None
    return article._replace(path=Path(_Spelling(index, root)(str(article.path))))


def _check_prefix(ident: str, root: Path, matches: int) -> None:
    """Nothing when ``ident`` starts the id of exactly one article and is long enough to
    be trusted to (six characters); else the one-line error saying which it is."""
    if matches == 1 and len(ident) >= 6:
        return
    if matches:
        raise ReaderError(f"article id {ident!r} is ambiguous in {safe_line(str(root))}: give more of it")
    raise ReaderError(f"no article with id {ident!r} in {safe_line(str(root))} (use --corpus DIR, or give a file path)")
