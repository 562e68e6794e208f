"""``CorpusIndex``: the one object the CLI and the TUI use to reach a corpus's index.

Opening is cheap and never reads article files; ``rows()`` paints a list from the database
alone (the warm start); ``update()`` then catches up with the folder, reporting progress in
batches a UI can merge in place. One index may be open in several processes at once:
readers use WAL snapshots, and updates take a file lock so two updates take turns.
"""

from __future__ import annotations

import contextlib
import sqlite3
from array import array
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..articles import Article, Problem, Span
from . import freshness
from . import search as search_module
from . import update as update_module
from .extract import ArticleExtractor, auto_extractor_name, load_extractor
from .model import ArticleRow, SearchHit, Snippet, UpdateProgress, UpdateReport
from .query import ENTITY_KINDS, Query, parse
from .schema import (
    BUSY_TIMEOUT_MS,
    IndexBusyError,
    connect,
    delete_database,
    is_corruption,
    missing_postings_indexes,
    open_database,
)
from .search import DATE_ORDER, ROW_COLUMNS, to_row
from .snippets import make_snippet, match_spans

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (reader/records.py)
if TYPE_CHECKING:
    from typing import Literal

    # What only the entity methods use is imported in them: a search, a list or one
    # article never loads the entity statistics, the resolver (and its gazetteers) or
    # the user's corrections (see ``reader.commands``, ARCHITECTURE.md §3).
    from ..entities.corrections import Corrections
    from .entity_stats import EntityDetail, EntityStat
    from .mention_model import Mentions
    from .resolve import Resolved
    from .store_view import StoreView

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: updates are not serialised across processes
    fcntl = None  # type: ignore[assignment]

COMPACT_MIN_GARBAGE = 1000
SNIPPETS_DEFAULT = 20
DOCS_PER_QUERY = 500  # bound parameters per ``rows_by_doc`` query
SCAN_CACHE_KIB = 1024  # page cache while ``list_order`` reads the whole order index once

# The list order as an index, so the first screenful is a short index walk and the whole
# order (``list_order``) a scan with no sort. The expressions are DATE_ORDER's, verbatim
# (SQLite matches ORDER BY terms to index expressions); ``id`` makes ``list_order`` a
# covering scan. Created when an index is opened (see ``_ensure_order_index``), so
# databases made before it existed gain it without a schema bump.
ORDER_INDEX = (
    "CREATE INDEX IF NOT EXISTS articles_order ON articles(date IS NULL, date DESC, title COLLATE NOCASE, file, id)"
)


def _inode(path: Path) -> int:
    try:
        return path.stat().st_ino
    except OSError:
        return -1


def _ensure_order_index(conn: sqlite3.Connection, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    """Add the list-order index if the database lacks it. Never waits for another
    writer (a running update holds the write lock): without the index the list is still
    right, only its first screenful is slower, and the next open adds it."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'articles_order'").fetchone():
        return
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute(ORDER_INDEX)
    except sqlite3.Error:
        pass
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")


_is_corruption = is_corruption  # the name this module used before schema.py had it
__all__ = ["CorpusIndex", "IndexBusyError"]


class CorpusIndex:
    """The index of one corpus folder (or single file). Use ``CorpusIndex.open``."""

    def __init__(
        self,
        corpus: Path,
        cache: Path | None,
        conn: sqlite3.Connection,
        db_path: Path,
        notices: list[str],
        extractor: ArticleExtractor | None | Literal["auto"],
        extractor_name: str,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    ) -> None:
        self.corpus = corpus
        self.busy_timeout_ms = busy_timeout_ms
        self.cache = cache
        self.db_path = db_path
        self.notices = notices
        self._conn = conn
        self._extractor = extractor
        self._extractor_name = extractor_name
        self._base = str(update_module.base_folder(corpus))
        self._inode = _inode(db_path)

    @classmethod
    def open(
        cls,
        corpus: Path,
        cache: Path | None = None,
        extractor: ArticleExtractor | None | str = "auto",
        busy_timeout: float | None = None,
    ) -> CorpusIndex:
        """Open the corpus's index, creating it empty if needed (fill it with ``update``).

        ``extractor``: "auto" uses the entities layer when present; None indexes no
        entities; a callable is used as given (tests). An index built with another kind of
        extraction is rebuilt, with a notice.

        Opening an existing current index writes nothing, so it never waits for a running
        update. ``busy_timeout`` (seconds, default ``BUSY_TIMEOUT_MS``) bounds the wait
        when it must write (a new database) or the file is exclusively locked; past it,
        ``IndexBusyError`` (an ``sqlite3.OperationalError``) is raised and the database is
        left as it is: a busy index is never taken for a damaged one.
        """
        busy_ms = BUSY_TIMEOUT_MS if busy_timeout is None else max(0, int(busy_timeout * 1000))
        root = corpus.expanduser().absolute()
        found: ArticleExtractor | None | Literal["auto"]
        if extractor == "auto":
            found, name = "auto", auto_extractor_name()  # loaded by the first update that reads files
        elif extractor is None:
            found, name = None, "none"
        else:
            assert callable(extractor)
            found, name = extractor, getattr(extractor, "__name__", "custom")
        conn, db_path, notices = open_database(root, cache, busy_ms)
        row = conn.execute("SELECT value FROM meta WHERE name = 'extractor'").fetchone()
        if row is None:
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('extractor', ?)", (name,))
        elif row[0] != name:
            conn.close()
            delete_database(db_path)
            notices.append(f"the index was built with entity extraction {row[0]!r}, now {name!r}; it will be rebuilt")
            conn, db_path, more = open_database(root, cache, busy_ms)
            notices.extend(more)
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('extractor', ?)", (name,))
        _ensure_order_index(conn, busy_ms)
        return cls(root, cache, conn, db_path, notices, found, name, busy_ms)

    def close(self) -> None:
        self._conn.close()

    def reopen_if_replaced(self) -> bool:
        """Reconnect if the database file was replaced (another process found it damaged
        and rebuilt it) since this object connected; True if it did."""
        try:
            now = self.db_path.stat().st_ino
        except OSError:
            return False
        if now == self._inode:
            return False
        self._conn.close()
        self._conn = connect(self.db_path, self.busy_timeout_ms)
        self._inode = now
        _ensure_order_index(self._conn, self.busy_timeout_ms)
        return True

    def __enter__(self) -> CorpusIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the list -------------------------------------------------------------------------

    def rows(self, limit: int | None = None) -> list[ArticleRow]:
        """Every indexed article, newest first (undated last), from the database alone.
        ``limit`` gives just the first rows: a UI paints a screenful before fetching all."""
        base = self._base
        make = ArticleRow
        sql = f"SELECT {ROW_COLUMNS} FROM articles a ORDER BY {DATE_ORDER}"
        return [
            make(doc, ident, f"{base}/{file}", record, date, title, source, paragraphs)
            for doc, ident, file, record, date, title, source, paragraphs in self._conn.execute(
                sql if limit is None else f"{sql} LIMIT ?", () if limit is None else (max(0, limit),)
            )
        ]

    def list_order(self) -> tuple[array[int], list[str], array[int]]:
        """The whole list order in compact columns, newest first (undated last): ``doc``
        numbers, ids, and dates as ``YYYYMMDD`` integers (0: undated).

        What a virtual list needs for every row (its place, its id for marks and filters,
        its month for separators) at about 100 bytes an article instead of an
        ``ArticleRow``'s 1 kB; the rest of a row comes from ``rows_by_doc`` when it is shown.

        The scan runs with a small page cache: it reads the whole order index once (30 MB
        at 100,000 articles, titles and paths included), and the connection's usual cache
        would keep those pages, nearly all never read again, in the TUI's memory (its peak
        was 119 MB at 100,000 articles, 88 MB with this).
        """
        docs: array[int] = array("q")
        ids: list[str] = []
        dates: array[int] = array("i")
        sql = (
            "SELECT a.doc, a.id, coalesce(CAST(replace(a.date, '-', '') AS INTEGER), 0) "
            f"FROM articles a ORDER BY {DATE_ORDER}"
        )
        conn = self._conn
        (cache_size,) = conn.execute("PRAGMA cache_size").fetchone()
        conn.execute(f"PRAGMA cache_size = -{SCAN_CACHE_KIB}")
        try:
            cursor = conn.execute(sql)
            add_doc, add_id, add_date = docs.append, ids.append, dates.append
            while chunk := cursor.fetchmany(4096):
                for doc, ident, date in chunk:
                    add_doc(doc)
                    add_id(ident)
                    add_date(date)
        finally:
            conn.execute(f"PRAGMA cache_size = {int(cache_size)}")
        return docs, ids, dates

    def rows_by_doc(self, docs: Sequence[int]) -> dict[int, ArticleRow]:
        """The rows of these ``doc`` numbers (those still indexed), by doc."""
        base = self._base
        found: dict[int, ArticleRow] = {}
        wanted = list(dict.fromkeys(docs))
        for start in range(0, len(wanted), DOCS_PER_QUERY):
            part = wanted[start : start + DOCS_PER_QUERY]
            marks = ",".join("?" * len(part))
            for values in self._conn.execute(f"SELECT {ROW_COLUMNS} FROM articles a WHERE a.doc IN ({marks})", part):
                found[values[0]] = to_row(values, base)
        return found

    def source_counts(self) -> list[tuple[str | None, int]]:
        """How many articles each source has (None: no source), for corpus totals."""
        return [
            (source, int(n))
            for source, n in self._conn.execute("SELECT source, count(*) FROM articles GROUP BY source")
        ]

    def count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def problems(self) -> list[Problem]:
        """Every problem recorded for the corpus's files when they were last read, by file,
        each file's in the order reading it found them (the order they were recorded in)."""
        return [
            Problem(Path(f"{self._base}/{file}"), reason, bool(skipped))
            for file, reason, skipped in self._conn.execute(
                "SELECT file, reason, skipped FROM problems ORDER BY file, rowid"
            )
        ]

    def built(self) -> bool:
        """Whether the first build of this index ran to its end. One still running (in
        another process) or cut short holds only part of the corpus until an update
        finishes it; it leaves out the postings' secondary indexes, made last."""
        return not missing_postings_indexes(self._conn)

    # -- keeping up with the folder -------------------------------------------------------

    @contextlib.contextmanager
    def _update_lock(self) -> Iterator[None]:
        if fcntl is None:
            yield
            return
        with open(f"{self.db_path}.lock", "a") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def update(self, progress: Callable[[UpdateProgress], None] | None = None, batch: int = 500) -> UpdateReport:
        """Catch up with the folder: read new and changed files, drop deleted ones.

        Runs on a connection of its own, so a UI may call it in a worker thread while its
        own thread keeps querying this object (it sees each batch once committed).
        Raises ``CorpusError`` when the corpus folder itself is missing or unreadable. A
        database found damaged on the way is deleted and rebuilt, with a notice.
        """
        with self._update_lock():
            try:
                report = self._run_update(progress, batch)
            except sqlite3.DatabaseError as exc:
                if not is_corruption(exc):
                    raise
                self._reset(f"the index was damaged ({exc}); it was deleted and rebuilt")
                report = self._run_update(progress, batch)
                report.notices.append(self.notices[-1])
        return report

    def refresh(self, progress: Callable[[UpdateProgress], None] | None = None, fresh: bool = False) -> UpdateReport:
        """``update`` unless the walk token (``freshness``) says the folder is as the last
        full update left it: then nothing is walked and the report (``walked`` False)
        repeats the problems that walk found. ``fresh`` always walks. An index whose
        first build has not finished is always updated."""
        if not fresh and self.built():
            try:
                fresh_token = freshness.still_fresh(self._conn, Path(self._base))
            except sqlite3.Error:
                fresh_token = None
            if fresh_token is not None:
                problems, files = fresh_token
                if files is None:  # a token from before tokens kept the count
                    files = int(self._conn.execute("SELECT count(*) FROM files").fetchone()[0])
                return UpdateReport(unchanged=files, files=files, problems=problems, walked=False)
        return self.update(progress=progress)

    def _run_update(self, progress: Callable[[UpdateProgress], None] | None, batch: int) -> UpdateReport:
        writer = connect(self.db_path, self.busy_timeout_ms)
        try:
            report = update_module.Updater(writer, self.corpus, self._loaded_extractor()).run(progress, batch)
            self._maybe_compact(writer, report, batch)
        finally:
            writer.close()
        return report

    def _loaded_extractor(self) -> ArticleExtractor | None:
        """The extractor an update runs. "auto" is loaded here, by the first update, not
        when the index is opened: a search, a list or one article read from a current
        index never runs it, and importing the entities layer cost them ~2 ms."""
        if self._extractor == "auto":
            found, name = load_extractor()
            if name != self._extractor_name:  # found at open, yet it does not import
                raise ImportError(f"the entities layer ({self._extractor_name}) cannot be imported")
            self._extractor = found
        return self._extractor

    def _reset(self, notice: str) -> None:
        self._conn.close()
        delete_database(self.db_path)
        self._conn, self.db_path, more = open_database(self.corpus, self.cache, self.busy_timeout_ms)
        self._inode = _inode(self.db_path)
        self._conn.execute("INSERT OR REPLACE INTO meta VALUES ('extractor', ?)", (self._extractor_name,))
        _ensure_order_index(self._conn, self.busy_timeout_ms)
        self.notices.extend(more)
        self.notices.append(notice)

    def _maybe_compact(
        self, conn: sqlite3.Connection, report: UpdateReport, batch: int, threshold: int | None = None
    ) -> None:
        """Rebuild the full-text table once deleted articles' rows outweigh a quarter of it
        (contentless FTS5 in SQLite 3.40 cannot delete them one by one)."""
        garbage = int(conn.execute("SELECT value FROM meta WHERE name = 'garbage'").fetchone()[0])
        live = int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        if garbage <= max(COMPACT_MIN_GARBAGE if threshold is None else threshold, live // 4):
            return
        self._compact(conn)
        report.notices.append(f"full-text index compacted ({garbage} stale entries dropped)")

    def compact(self) -> None:
        """Re-read every indexed file and refill the full-text table from scratch."""
        with self._update_lock():
            writer = connect(self.db_path, self.busy_timeout_ms)
            try:
                self._compact(writer)
            finally:
                writer.close()

    def _compact(self, conn: sqlite3.Connection) -> None:
        files = [f for (f,) in conn.execute("SELECT DISTINCT file FROM articles ORDER BY file")]
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("INSERT INTO fts (fts) VALUES ('delete-all')")
            for file in files:
                wanted = {
                    (record, fingerprint): doc
                    for doc, record, fingerprint in conn.execute(
                        "SELECT doc, record, fingerprint FROM articles WHERE file = ?", (file,)
                    )
                }
                for articles, _ in update_module.read_file(Path(f"{self._base}/{file}")):
                    for article in articles:
                        doc = wanted.get((article.record, article.fingerprint))
                        if doc is None:
                            continue  # changed since indexed: the next update re-reads it
                        spans = article.paragraphs
                        body = article.text[spans[0].start : spans[-1].end] if spans else ""
                        conn.execute(
                            "INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)", (doc, article.title, body)
                        )
            conn.execute("UPDATE meta SET value = '0' WHERE name = 'garbage'")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    # -- one article ----------------------------------------------------------------------

    def row(self, article_id: str) -> ArticleRow | None:
        found = self._conn.execute(f"SELECT {ROW_COLUMNS} FROM articles a WHERE a.id = ?", (article_id,)).fetchone()
        return to_row(found, self._base) if found else None

    def ids_starting(self, prefix: str, limit: int | None = None) -> list[str]:
        """Ids that start with ``prefix``, in id order (at most ``limit``): a range of
        the ids' own index, for ids given in part (``reader note add 3fa9c1``)."""
        sql = "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id"
        params: list[object] = [prefix, prefix + "\U0010ffff"]  # every id starting so sorts below this
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(0, limit))
        return [ident for (ident,) in self._conn.execute(sql, params)]

    def load_article(self, article_id: str) -> Article | None:
        """The article read afresh from its file; None if it is gone from the file (or the
        index). Its ``id`` is the index's, even if a duplicate body made it differ."""
        found = self._conn.execute(
            "SELECT file, record, offset, fingerprint FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if found is None:
            return None
        file, record, offset, fingerprint = found
        path = Path(f"{self._base}/{file}")
        article = update_module.read_record(path, record, offset)
        if offset is not None and (article is None or article.fingerprint != fingerprint):
            # The file changed since the update and the row moved: look for it by number.
            article = update_module.read_record(path, record, None)
        if article is None:
            return None
        return article if article.id == article_id else article._replace(id=article_id)

    # -- search ---------------------------------------------------------------------------

    def parse(self, text: str) -> Query:
        return parse(text)

    def search(
        self,
        query: str | Query,
        limit: int | None = 200,
        store: StoreView | None = None,
        snippets: int = SNIPPETS_DEFAULT,
        prefix_last: bool = False,
        corrections: Corrections | None = None,
    ) -> list[SearchHit]:
        """Ranked hits (BM25 when the query has words, else newest first).

        Raises ``QueryError`` for a malformed query, or for ``is:``/``has:`` without a
        store. Snippets are made for the first ``snippets`` hits (each re-reads one file);
        ``snippet(hit.row, query)`` makes more on demand. ``prefix_last`` treats the last
        word as a prefix, for search-as-you-type.
        """
        q = parse(query) if isinstance(query, str) else query
        found = search_module.run(self._conn, q, limit, store, prefix_last, corrections=corrections)
        base = self._base
        hits = []
        for index, values in enumerate(found):
            row = to_row(values, base)
            snip = self.snippet(row, q, prefix_last) if index < snippets else None
            hits.append(SearchHit(row, float(values[8]), snip))
        return hits

    def match_ids(
        self,
        query: str | Query,
        store: StoreView | None = None,
        prefix_last: bool = False,
        corrections: Corrections | None = None,
    ) -> list[str]:
        """Ids of every article the query matches, best first: what a list narrowing as
        the user types needs (it already holds the rows), without building hits."""
        q = parse(query) if isinstance(query, str) else query
        return [
            values[1]
            for values in search_module.run(
                self._conn, q, None, store, prefix_last, "a.doc, a.id", scored=False, corrections=corrections
            )
        ]

    def snippet(self, row: ArticleRow, query: str | Query, prefix_last: bool = False) -> Snippet | None:
        q = parse(query) if isinstance(query, str) else query
        article = self.load_article(row.id)
        return make_snippet(q, article, prefix_last=prefix_last) if article else None

    def match_spans(self, article: Article, query: str | Query, prefix_last: bool = False) -> list[Span]:
        """Offsets of every match in ``article.text``: for highlighting and ``>``/``<``."""
        return match_spans(parse(query) if isinstance(query, str) else query, article, prefix_last)

    # -- entities across the corpus ---------------------------------------------------------

    def top_entities(
        self, labels: frozenset[str] | None = None, limit: int | None = None, corrections: Corrections | None = None
    ) -> list[EntityStat]:
        """The corpus's entities of ``labels`` (None: people, organisations and places;
        empty: every name label), most articles first, as ``corrections`` have them
        (``entity_stats.top_entities``)."""
        from . import entity_stats

        chosen = entity_stats.BROWSED_LABELS if labels is None else labels
        return entity_stats.top_entities(self._conn, chosen, limit, corrections)

    def ranked_entities(
        self, labels: frozenset[str] = frozenset(), corrections: Corrections | None = None
    ) -> list[EntityStat]:
        """Every entity of ``labels`` by articles, counts of mentions left out (fast)."""
        from . import entity_stats

        return entity_stats.ranked_entities(self._conn, labels, corrections)

    def entity_detail(self, entities: Sequence[int]) -> EntityDetail:
        from . import entity_stats

        return entity_stats.entity_detail(self._conn, entities)

    def corpus_months(self) -> tuple[str, str] | None:
        from . import entity_stats

        return entity_stats.corpus_months(self._conn)

    def monthly_mentions(self, entities: Sequence[int]) -> dict[str, int]:
        from . import entity_stats

        return entity_stats.monthly_mentions(self._conn, entities)

    def co_occurring(
        self, entities: Sequence[int], limit: int = 20, corrections: Corrections | None = None
    ) -> list[EntityStat]:
        from . import entity_stats

        return entity_stats.co_occurring(self._conn, entities, limit, corrections)

    def resolve(self, name: str, label: str | None = None, corrections: Corrections | None = None) -> Resolved | None:
        """The entity ``name`` stands for, as ``mentions`` finds it (``resolve.resolve``),
        with the user's ``corrections`` applied (``resolve.resolve_corrected``)."""
        from .resolve import resolve as resolve_entity
        from .resolve import resolve_corrected

        labels = (ENTITY_KINDS.get(label.lower()) or frozenset({label.upper()})) if label else None
        if corrections is not None and not corrections.empty:
            return resolve_corrected(self._conn, name, labels, corrections)
        return resolve_entity(self._conn, name, labels)

    def nearest_keys(self, name: str, limit: int = 3) -> list[str]:
        """Keys spelt most like ``name``, for a "did you mean" when nothing resolves."""
        import difflib

        keys = [key for (key,) in self._conn.execute("SELECT DISTINCT key FROM entities WHERE df > 0")]
        return difflib.get_close_matches(name, keys, n=limit, cutoff=0.5)

    def mention_docs(self, entities: Sequence[int]) -> list[tuple[ArticleRow, int]]:
        """Every article mentioning any of ``entities`` with its mention count, oldest
        first (undated last): the order a dossier tells an entity's story in."""
        from . import mentions as mentions_module  # only mentions and dossiers need it: a search does not

        newest = mentions_module._newest(self._conn, list(entities), None)
        rows = self.rows_by_doc([doc for doc, _, _, _ in newest])
        found = [(rows[doc], count) for doc, _, count, _ in newest if doc in rows]
        found.sort(key=lambda rc: (rc[0].date is None, rc[0].date or "", rc[0].path, rc[0].record or 0))
        return found

    def mention_spans(self, entities: Sequence[int]) -> dict[int, list[tuple[int, int]]]:
        """``doc -> (start, end)`` of every mention of any of ``entities`` in each article
        (offsets in ``Article.text``, sorted, as the extractor found them at indexing)."""
        from .spans import unpack_spans

        found: dict[int, list[tuple[int, int]]] = {}
        if not entities:
            return found
        marks = ",".join("?" * len(entities))
        for doc, blob in self._conn.execute(f"SELECT doc, spans FROM postings WHERE entity IN ({marks})", entities):
            spans = unpack_spans(blob)
            if doc in found:
                found[doc] = sorted(found[doc] + spans)
            else:
                found[doc] = spans
        return found

    def articles_of(self, rows: Sequence[ArticleRow]) -> Iterator[tuple[ArticleRow, Article | None]]:
        """Each row with its article read afresh (None: gone from its file since the
        update), in the order given; a file holding several of them is read once."""
        wanted: dict[str, set[int | None]] = {}
        for row in rows:
            wanted.setdefault(row.path, set()).add(row.record)
        by_file: dict[str, dict[int | None, Article]] = {}
        last_file: str | None = None
        for row in rows:
            if row.path != last_file:
                if row.path not in by_file:
                    records = wanted[row.path]
                    kept = {  # only the rows asked for: a CSV export is read in batches, not held whole
                        a.record: a
                        for batch, _ in update_module.read_file(Path(row.path))
                        for a in batch
                        if a.record in records
                    }
                    by_file = {row.path: kept}  # keep one file: bounded memory
                last_file = row.path
            article = by_file[row.path].get(row.record)
            if article is not None and article.id != row.id:
                article = article._replace(id=row.id)
            yield row, article

    def entity_norms(self, entities: Sequence[int]) -> set[str]:
        """Every normalised name (``text.normalize_name``) these entities were seen under."""
        if not entities:
            return set()
        marks = ",".join("?" * len(entities))
        return {norm for (norm,) in self._conn.execute(f"SELECT norm FROM names WHERE entity IN ({marks})", entities)}

    def entity_labels(self, entities: Sequence[int]) -> set[tuple[str, str]]:
        """The (key, label) of each of these index entities: what the extractor calls the
        mentions the index counts for them (a person's family may hold a lone surname the
        extractor guessed an organisation, counted for the person corpus-wide)."""
        if not entities:
            return set()
        marks = ",".join("?" * len(entities))
        sql = f"SELECT key, label FROM entities WHERE entity IN ({marks})"
        return {(str(key), str(label)) for key, label in self._conn.execute(sql, entities)}

    def resolve_name(self, name: str, corrections: Corrections | None = None) -> Resolved | None:
        """The entity a typed name means (as ``reader mentions`` finds it), or None."""
        from .resolve import resolve_corrected

        return resolve_corrected(self._conn, name, None, corrections)

    def entity_keys(self) -> list[str]:
        """Every key with a live mention, most mentioned first (for suggestions)."""
        return [key for (key,) in self._conn.execute("SELECT key FROM entities WHERE df > 0 ORDER BY df DESC, key")]

    def mentions(
        self, name: str, limit: int | None = None, label: str | None = None, corrections: Corrections | None = None
    ) -> Mentions | None:
        """The entity ``name`` resolves to (as ``corrections`` have it) and its mentions;
        None if no entity matches."""
        from . import mentions as mentions_module  # only ``mentions`` needs it: a search does not load it

        return mentions_module.mentions(self._conn, self._base, name, label, limit, corrections)
