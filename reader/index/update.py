"""Bringing the index up to date with the corpus folder, reading only what changed.

A file is re-read only when its size or modification time differs from what the index
recorded. A re-read article whose id and fingerprint the index already holds keeps its
index entry (a rename, a move, a ``touch``): no entity extraction, no full-text insert.
Work is committed in batches, each in one transaction, so another process reading the
index sees either a batch or nothing, and a killed update loses at most one batch.

Changed and deleted files are settled last, in one transaction: until then their old
articles stay, so a rename whose new name is read after the old one vanished is still
recognised, and a crash leaves a state the next update repairs.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import sqlite3
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from pathlib import Path

from ..articles import Article, Problem
from ..articles.scan import iter_article_files, iter_file, load_record, with_unique_id
from ..records import Record
from . import freshness, schema
from .model import ArticleRow, UpdateProgress, UpdateReport
from .schema import (
    building_mark,
    drop_postings_indexes,
    ensure_postings_indexes,
    set_building_mark,
    sync_files,
)
from .text import normalize_name

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (reader/records.py)
if TYPE_CHECKING:
    from typing import Any

    # The entity pass and the extraction run only when files are read: a search that
    # reads one article for its snippet (``read_record``) does not import them.
    from .entity_pass import Part, Row
    from .entity_workers import StreamedPostings
    from .extract import ArticleExtractor, PostingRow

read_file: Callable[[Path], Iterable[tuple[list[Article], list[Problem]]]] = iter_file
"""The one place files are read, a batch of articles at a time (a CSV file is streamed):
tests replace it to count reads."""

read_record: Callable[[Path, int | None, int | None], Article | None] = load_record
"""Where one article is read again (a CSV row from its offset); tests replace it too."""

ProgressFn = Callable[[UpdateProgress], None]


class _Old(Record):
    """An article the index holds for a file that changed or vanished."""

    doc: int
    id: str
    fingerprint: str
    file: str


def base_folder(root: Path) -> Path:
    return root if not root.is_file() else root.parent


def relative(path: str, prefix: str, base: Path) -> str:
    """``path`` relative to ``base`` ('/'-separated); ``prefix`` is ``str(base) + os.sep``
    (the walk yields paths under it, so slicing is enough and keeps a no-change update of
    100,000 files quick)."""
    rel = path[len(prefix) :] if path.startswith(prefix) else os.path.relpath(path, base)
    return rel if os.sep == "/" else rel.replace(os.sep, "/")


def _pack(size: int, mtime_ns: int) -> int:
    """A file's recorded state as one int (one small object per file, not a tuple of two):
    equal exactly when size and modification time both are."""
    return size << 64 | (mtime_ns & 0xFFFF_FFFF_FFFF_FFFF)


_Item = tuple[str, Path, tuple[int, int]]
"""A file to read: path relative to the corpus folder, full path, (size, mtime_ns)."""


FIRST_COLD_BATCH = 48
"""Articles read before the walk goes on, on a first build: rows on screen at once."""


COLD_BATCH_GROWTH = 4
"""A first build doubles its batches up to this many times the asked size: every commit
flushes the full-text index's pending terms into a new segment that is merged later, so
fewer, larger transactions build faster (2,000-article batches: ~5% less time at 10,000
articles than 500), while the first batches still come quickly for the list on screen."""


def _batches(items: list[_Item], size: int, grow_to: int | None = None) -> Iterator[list[_Item]]:
    """``items`` in slices of ``size``; with ``grow_to``, each slice twice the last, up to it."""
    start = 0
    while start < len(items):
        yield items[start : start + size]
        start += size
        if grow_to is not None:
            size = min(size * 2, grow_to)


ARTICLES_PER_TRANSACTION = 2_000
"""Articles read and waiting that are written at once, before the chunk of files is read
to its end: what bounds the memory an update of one huge CSV export takes."""

DEFER_ENTITIES = True
"""A cold build writes every article's row and full text first and its entity postings in
a second pass (``Updater._entity_pass``): the list and search are complete sooner, and
entities follow. Off (tests), entities are written with each article, as updates do."""

KEEP_CHARS = 16_000_000
"""Article text a cold build keeps in memory for its second pass (about 20 MB): those
articles are not read and parsed again (at 10,000 articles of 3 kB, all of them; that
second read cost a fifth of the build). Past it, the second pass reads the files again."""

PUMP_FILES = 32
"""Files read between two looks at the entity workers' results in a cold build's first
pass: a worker done with its chunk gets the next one within a few milliseconds."""

STREAM_LOOK_EVERY = 5.0
"""Seconds between two looks for spare cores while a cold build's first pass runs without
its workers: each look watches the cores for ``forked.LOOK_SECONDS`` (0.1 s), which after
every batch would cost a busy machine's build ~5% more."""

ENTITIES_PENDING = "entities_pending"
"""The ``meta`` row of a second pass still to run: the first ``doc`` whose postings are
not written yet. An update finding it (a build cut short) finishes the pass first."""


YOUNG_COLLECTION_THRESHOLD = 10_000
"""Allocations between young garbage collections while an update runs (Python's default:
700). An update allocates a few dozen objects an article that live until its batch is
written (rows, spans, postings; the extractor more), so by default the collector ran
every ten-odd articles and a full collection every thousand or so, walking every object
in the process: ~23 us an article in a 10k cold build with entities, ~9 us with this."""


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Raise the young-generation threshold for the update, then restore it. Collections
    still run (cyclic garbage is still freed), just less often; the setting is the
    process's, and is put back however the update ends."""
    before = gc.get_threshold()
    if before[0]:  # 0: automatic collection is off, and stays off
        gc.set_threshold(max(before[0], YOUNG_COLLECTION_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


class Updater:
    """One update run over one corpus; use ``run`` once."""

    def __init__(self, conn: sqlite3.Connection, root: Path, extractor: ArticleExtractor | None) -> None:
        from .extract import posting_rows  # an update reads files; opening an index to search does not

        self.conn = conn
        self.root = root
        self.base = base_folder(root)
        self.extractor = extractor
        self._extract_rows = posting_rows
        self.report = UpdateReport()
        self._entities: dict[tuple[str, str], int] | None = None
        self._names: dict[int, set[str]] = {}  # entity -> surface forms written this run
        self._df: dict[int, int] = {}
        self._old: dict[str, _Old] = {}  # id -> article of a changed or vanished file
        self._changed: set[str] = set()  # files the index holds that changed
        self._added_to_known = 0  # articles added to files that existed before
        self._ids: set[str] | None = None  # ids of the live articles, loaded when first needed
        # Rows of the batch being written, inserted with one executemany each. Articles
        # and entities get their numbers here (``_next_doc``, ``_next_entity``, read when a
        # batch starts) rather than from one INSERT each for its ``lastrowid``: the very
        # numbers SQLite would give (AUTOINCREMENT's next ``doc``; the next ``entity``
        # after the largest), since nothing else writes while the update lock is held.
        self._article_rows: list[
            tuple[int, str, str, int | None, str | None, str, str | None, str, int, int | None]
        ] = []
        self._entity_rows: list[tuple[int, str, str, str]] = []
        self._next_doc = 0
        self._next_entity = 0
        self._fts_rows: list[tuple[int, str, str]] = []
        self._posting_rows: list[tuple[int, int, str | None, int, int, bytes]] = []
        self._name_rows: list[tuple[str, int]] = []
        self._defer = False  # this pass leaves entities to ``_entity_pass``
        self._kept: dict[int, Article] = {}  # doc -> article read in the first pass, for the second
        self._kept_chars = 0
        # A cold build with workers: its entities extracted while the first pass runs.
        self._stream: StreamedPostings | None = None
        self._fresh: list[Row] = []  # rows of the batch being written, for the stream
        self._streamed: list[Part] = []  # parts the stream gave, not written yet
        self._streamed_done = 0  # rows whose postings the stream's parts wrote
        self._stream_head = 0  # rows written before the stream started (extracted here)
        self._stream_looked = float("-inf")  # when ``_start_stream`` last looked for spare cores
        self._folders: list[tuple[Path, os.stat_result]] = []  # what the walk entered (the walk token)
        self._walk_problems: list[Problem] = []

    # -- the walk -------------------------------------------------------------------------

    def run(self, progress: ProgressFn | None = None, batch: int = 500) -> UpdateReport:
        started = time.perf_counter()
        started_ns = time.time_ns()
        freshness.forget(self.conn)
        # What the index recorded, compared with the walk as it goes: only files to read
        # are kept (a no-change update of 100,000 files holds one small int per file,
        # not a Path and a tuple per file, and no second set of names).
        known = {
            path: _pack(size, mtime)
            for path, size, mtime in self.conn.execute("SELECT path, size, mtime_ns FROM files")
        }
        with _fewer_collections():
            self._build_or_update(known, progress, batch)
        self._record_walk(started_ns)
        self.report.seconds = time.perf_counter() - started
        return self.report

    def _record_walk(self, started_ns: int) -> None:
        """Keep the walk token of this finished update, for the cheap check (``freshness``)."""
        files = int(self.conn.execute("SELECT count(*) FROM files").fetchone()[0])
        if self.root.is_file():
            token = freshness.file_token(self.root, started_ns, files)
        else:
            token = freshness.make_token(self.base, self._folders, self._walk_problems, started_ns, files)
        freshness.store(self.conn, token)

    def _build_or_update(self, known: dict[str, int], progress: ProgressFn | None, batch: int) -> None:
        conn = self.conn
        if known:
            ensure_postings_indexes(conn)  # a cold build cut short left them out
            self._entity_pass(progress, batch)  # and maybe its entities
            self._run(known, False, progress, batch)
            if building_mark(conn) is not None:
                # This finished a cold build a kill cut short (a restart would have had
                # the index rebuilt on opening): put it on disk as that build would have.
                sync_files(conn)
                set_building_mark(conn, None)
            return
        # A cold build (an empty index) commits without waiting for the disk: the index
        # is derived data (ARCHITECTURE.md §2.3). WAL stays (readers such as the TUI
        # read while it builds); only the syncs at each checkpoint go (~20 us an article
        # here, far more on slow disks). A build cut short by a kill is finished by the next
        # update, as before. One cut short by a restart of the system may have left the
        # file damaged, so the build marks the index with the boot it started in, and an
        # index marked by another boot is rebuilt when opened (``schema.boot_id``);
        # where the boot cannot be known, the build syncs as usual. At the end both
        # files are synced and the mark removed.
        #
        # The postings table is filled without its two secondary indexes, made at the
        # end by one sort each: a random insert into both per posting cost ~15 us an
        # article at 10,000 articles and ~26 at 100,000; making them at the end, ~7.
        # Readers meanwhile get the same answers (tested): the primary key (entity,
        # doc) serves mentions and entity filters; only co-mentions scan the postings
        # written so far. An update finding them missing (a build cut short) makes them.
        boot = schema.boot_id()
        if boot is not None:
            set_building_mark(conn, boot)
            conn.execute("PRAGMA synchronous = OFF")
        try:
            drop_postings_indexes(conn)
            self._defer = DEFER_ENTITIES and self.extractor is not None
            if self._defer:
                conn.execute(
                    "INSERT OR REPLACE INTO meta VALUES (?, ?)", (ENTITIES_PENDING, str(self._first_free_doc()))
                )
            self._run(known, True, progress, batch)
            self._defer = False
            self._entity_pass(progress, batch * COLD_BATCH_GROWTH)
            ensure_postings_indexes(conn)
        finally:
            if self._stream is not None:
                self._stream.close()  # stops the workers however the build ends
                self._stream = None
            conn.execute("PRAGMA synchronous = NORMAL")
        if boot is not None:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            sync_files(conn)
            set_building_mark(conn, None)

    def _run(self, known: dict[str, int], cold: bool, progress: ProgressFn | None, batch: int) -> None:
        report = self.report
        problems: list[Problem] = []
        prefix = os.path.join(str(self.base), "")
        changed = self._changed
        counts = {"files": 0}

        def walk() -> Iterator[_Item]:
            """Files to read, in walk order; unchanged ones are only counted."""
            for path, info in iter_article_files(self.root, problems, self._folders):
                stat = (info.st_size, info.st_mtime_ns)  # the walk's own stat (a vanished file is a problem there)
                counts["files"] += 1
                rel = relative(str(path), prefix, self.base)
                old = known.pop(rel, None)
                if old is not None:
                    if old == _pack(*stat):
                        continue
                    changed.add(rel)
                yield (rel, path, stat)

        pending = walk()
        done = 0
        seen = 0

        def emit(rows: list[ArticleRow]) -> None:
            """Rows written part way through a file (a big CSV export): shown at once."""
            if progress is not None:
                progress(UpdateProgress(done, max(done, seen), tuple(row.id for row in rows)))

        if cold:
            # A first build shows its first articles before the whole folder is walked
            # (a big corpus takes seconds to walk): a small batch straight from the walk.
            head = list(itertools.islice(pending, min(FIRST_COLD_BATCH, max(1, batch))))
            if head:
                rows = self._read_batch(head, emit)
                done = len(head)
                if progress is not None:
                    progress(UpdateProgress(done, done, tuple(row.id for row in rows)))
        to_read = list(pending)
        files = counts["files"]
        vanished = list(known)  # recorded, not walked
        known.clear()  # the walk is done: free what it left (the caller's dict too)
        report.problems.extend(problems)
        self._walk_problems = list(problems)
        changed_files = [rel for rel, _, _ in to_read if rel in changed]
        report.files = files
        report.unchanged = files - done - len(to_read)
        self._load_old(changed_files + vanished)
        seen = files
        done += report.unchanged
        if cold and self._defer:
            self._start_stream(done + len(to_read))
        if progress is not None:
            progress(UpdateProgress(done, seen))
        step = max(1, batch)
        for chunk in _batches(to_read, step, step * COLD_BATCH_GROWTH if cold else None):
            rows = self._read_batch(chunk, emit)
            done += len(chunk)
            if self._stream is not None:
                self._write_streamed(step * COLD_BATCH_GROWTH)
            elif cold and self._defer and time.monotonic() - self._stream_looked >= STREAM_LOOK_EVERY:
                self._start_stream(seen)  # no cores to spare after the walk: maybe now
            if progress is not None:
                progress(UpdateProgress(done, seen, tuple(row.id for row in rows)))
        removed = self._settle([(rel, stat) for rel, _, stat in to_read if rel in changed], vanished)
        if progress is not None and removed:
            progress(UpdateProgress(done, seen, (), tuple(removed)))

    def _load_old(self, files: list[str]) -> None:
        for rel in files:
            for doc, ident, fingerprint in self.conn.execute(
                "SELECT doc, id, fingerprint FROM articles WHERE file = ?", (rel,)
            ):
                self._old[ident] = _Old(doc, ident, fingerprint, rel)

    # -- reading --------------------------------------------------------------------------

    def _read_batch(self, chunk: list[_Item], emit: Callable[[list[ArticleRow]], None]) -> list[ArticleRow]:
        """Read and index the files of ``chunk``; the rows to show (those not handed to
        ``emit`` already).

        A file's articles arrive in batches (a CSV file is streamed), and once
        ``ARTICLES_PER_TRANSACTION`` articles wait they are written in a transaction of
        their own, so a huge export is never held whole. A file is recorded (``files``, its problems) only in the
        transaction of its last articles: a run killed inside a file reads it again, and
        the articles already written are recognised there as unchanged (``_place``).
        """
        rows: list[ArticleRow] = []
        finished: list[tuple[str, tuple[int, int], list[Problem]]] = []
        waiting: list[tuple[str, str, Article]] = []
        stream = self._stream
        for n, (rel, path, stat) in enumerate(chunk):
            if stream is not None and not n % PUMP_FILES:
                self._streamed.extend(stream.ready())  # the worker gets its next chunk
            problems: list[Problem] = []
            for articles, trouble in read_file(path):
                problems.extend(trouble)
                waiting.extend((rel, str(path), article) for article in articles)
                if len(waiting) >= ARTICLES_PER_TRANSACTION:
                    written = self._write(finished, waiting)
                    finished, waiting = [], []
                    emit(written)
            self.report.reread += 1
            self.report.problems.extend(problems)
            finished.append((rel, stat, problems))
        rows.extend(self._write(finished, waiting))
        return rows

    def _write(
        self, finished: list[tuple[str, tuple[int, int], list[Problem]]], waiting: list[tuple[str, str, Article]]
    ) -> list[ArticleRow]:
        """One transaction: the articles waiting, and the files read to their end."""
        rows: list[ArticleRow] = []
        known = self._changed  # of the files read, those the index held before
        conn = self.conn
        if self._ids is None:
            self._ids = {ident for (ident,) in conn.execute("SELECT id FROM articles")}
        conn.execute("BEGIN IMMEDIATE")
        try:
            self._next_doc = self._first_free_doc()
            self._next_entity = self._first_free_entity()
            # New files are recorded now; changed ones when settled (see module doc). A new
            # file has no problems recorded (files and problems change in one transaction).
            conn.executemany(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?)",
                [(rel, stat[0], stat[1]) for rel, stat, _ in finished if rel not in known],
            )
            conn.executemany("DELETE FROM problems WHERE file = ?", [(rel,) for rel, _, _ in finished if rel in known])
            conn.executemany(
                "INSERT INTO problems VALUES (?, ?, ?)",
                [(rel, p.reason, int(p.skipped)) for rel, _, problems in finished for p in problems],
            )
            for rel, text, article in waiting:
                row = self._place(article, rel, text)
                if row is not None:
                    rows.append(row)
            self._flush_rows()
            self._flush_df()
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            self._ids = None  # what the rolled-back batch added is gone again
            self._fresh = []
            for _, pending in self._pending():
                pending.clear()
            raise
        if self._stream is not None and self._fresh:
            self._stream.add(self._fresh)  # committed: the workers may read them
            self._fresh = []
        return rows

    def _first_free_doc(self) -> int:
        return 1 + int(
            self.conn.execute(
                "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'articles'), 0),"
                " coalesce((SELECT max(doc) FROM articles), 0))"
            ).fetchone()[0]
        )

    def _first_free_entity(self) -> int:
        return 1 + int(self.conn.execute("SELECT coalesce(max(entity), 0) FROM entities").fetchone()[0])

    def _pending(self) -> tuple[tuple[str, list[Any]], ...]:
        """Each table's insert and the batch's rows waiting for it, in write order."""
        return (
            (
                "INSERT INTO articles (doc, id, file, record, date, title, source, fingerprint, paragraphs, offset)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self._article_rows,
            ),
            ("INSERT INTO entities (entity, key, label, norm) VALUES (?, ?, ?, ?)", self._entity_rows),
            ("INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)", self._fts_rows),
            ("INSERT OR REPLACE INTO postings VALUES (?, ?, ?, ?, ?, ?)", self._posting_rows),
            ("INSERT OR IGNORE INTO names VALUES (?, ?)", self._name_rows),
        )

    def _flush_rows(self) -> None:
        """Write the batch's pending rows; before any query that must see them."""
        for statement, rows in self._pending():
            if rows:
                self.conn.executemany(statement, rows)
                rows.clear()

    def _place(self, article: Article, rel: str, path: str) -> ArticleRow | None:
        """Index one article read from ``rel``; the row to show, or None if nothing changed.

        The id is the body's, or, when another live article has that body, the next one
        ``with_unique_id`` gives (the rule ``reader list`` follows, in the same walk order,
        so a cold build gives the ids of ``reader list``). An incremental update keeps the
        ids already given: a new file never takes an id from an indexed one.
        """
        live = self._ids
        assert live is not None
        tried: set[str] = set()
        while True:
            ident = with_unique_id(article, self.base, tried).id if tried else article.id
            tried.add(ident)
            if ident not in live:
                break  # free: the common case, no query
            self._flush_rows()  # the article holding the id may still be pending
            hit = self.conn.execute(
                "SELECT doc, fingerprint, file, record, offset FROM articles WHERE id = ?", (ident,)
            ).fetchone()
            if hit is None:
                break
            doc, fingerprint, file, record, offset = hit
            old = self._old.get(ident)
            if fingerprint == article.fingerprint and (old is not None or (file, record) == (rel, article.record)):
                # The same content: moved, renamed, touched, or already indexed by a killed run.
                self._old.pop(ident, None)
                if (file, record) == (rel, article.record):
                    if offset != article.offset:  # a CSV row moved within its file
                        self.conn.execute("UPDATE articles SET offset = ? WHERE doc = ?", (article.offset, doc))
                    return None
                self.conn.execute(
                    "UPDATE articles SET file = ?, record = ?, offset = ? WHERE doc = ?",
                    (rel, article.record, article.offset, doc),
                )
                self.report.moved += 1
                return self._row(doc, ident, article, path)
            if old is not None:
                # Same id, new fingerprint (a header edit): the old entry is replaced.
                self._old.pop(ident)
                self._delete(doc)
                self.report.changed += 1
                return self._insert(article, ident, rel, path, replacing=True)
            # Another live article has this body: try the next id the shared rule gives.
        return self._insert(article, ident, rel, path)

    def _insert(self, article: Article, ident: str, rel: str, path: str, replacing: bool = False) -> ArticleRow:
        doc = self._next_doc
        self._next_doc = doc + 1
        self._article_rows.append(
            (doc, ident, rel, article.record, article.date_iso, article.title, article.source,
             article.fingerprint, len(article.paragraphs), article.offset)
        )  # fmt: skip
        assert self._ids is not None
        self._ids.add(ident)
        spans = article.paragraphs
        body = article.text[spans[0].start : spans[-1].end] if spans else ""
        self._fts_rows.append((doc, article.title, body))
        if not self._defer:
            self._index_entities(doc, article)
        elif self._stream is not None:
            self._fresh.append((doc, rel, article.record, article.offset))
        elif self._kept_chars + len(article.text) <= KEEP_CHARS:
            self._kept[doc] = article
            self._kept_chars += len(article.text)
        if not replacing:
            self.report.added += 1
            if rel in self._changed:
                self._added_to_known += 1
        return self._row(doc, ident, article, path)

    def _row(self, doc: int, ident: str, article: Article, path: str) -> ArticleRow:
        return ArticleRow(
            doc, ident, path, article.record, article.date_iso, article.title, article.source, len(article.paragraphs)
        )

    # -- entities -------------------------------------------------------------------------

    def _entity_ids(self) -> dict[tuple[str, str], int]:
        if self._entities is None:
            self._entities = {
                (key, label): entity
                for entity, key, label in self.conn.execute("SELECT entity, key, label FROM entities")
            }
        return self._entities

    def _index_entities(self, doc: int, article: Article) -> None:
        self._add_postings(doc, article.date_iso, self._extract_rows(article, self.extractor))

    def _add_postings(self, doc: int, date: str | None, found: list[PostingRow]) -> None:
        """Rows for one article's postings; entities new to the index get their numbers."""
        if not found:
            return
        ids = self._entity_ids()
        rows = self._posting_rows
        df = self._df
        written = self._names
        for key, label, count, first, names, spans in found:
            entity = ids.get((key, label))
            if entity is None:
                norm = normalize_name(key)
                entity = ids[(key, label)] = self._next_entity
                self._next_entity = entity + 1
                self._entity_rows.append((entity, key, label, norm))
                names.add(norm)
            rows.append((entity, doc, date, count, first, spans))
            df[entity] = df.get(entity, 0) + 1
            # Names rows: each (surface form, entity) once a run; one set test per posting
            # in the common case that every form was written already.
            known = written.get(entity)
            if known is None:
                known = written[entity] = set()
            if not names <= known:
                new = names - known
                known |= new
                self._name_rows.extend((name, entity) for name in new if name)

    def _entity_pass(self, progress: ProgressFn | None, batch: int) -> None:
        """The second pass of a cold build: the entity postings of every article from the
        pending mark on, in ``doc`` order (entities are numbered as a single pass would
        number them), each file read again once, committed in batches that move the mark
        on, so a pass cut short resumes where it stopped. Files are read and their
        entities extracted by ``entity_postings``, or for a big pass on a machine with
        more cores by ``parallel_postings`` in worker processes (``entity_workers``);
        this process numbers and writes them. In a cold build with workers the pass
        began with the first pass (``_start_stream``, ``_write_streamed``): here it
        takes the rest of what the workers give."""
        conn = self.conn
        mark = conn.execute("SELECT value FROM meta WHERE name = ?", (ENTITIES_PENDING,)).fetchone()
        if mark is None:
            return
        if self.extractor is not None:
            from .entity_pass import entity_postings
            from .entity_workers import parallel_postings, worker_count

            found: list[tuple[int, str | None, list[PostingRow]]] = []
            parts: Generator[Part, None, None]
            if self._stream is not None:  # started by the first pass, part done already
                parts = self._stream.all_in(self._streamed)
                total = self._stream_head + self._stream.given
                done = written = self._streamed_done
                shown = -1  # the pass says where it stands at least once
                self._streamed = []
            else:
                todo = conn.execute(
                    "SELECT doc, file, record, offset FROM articles WHERE doc >= ? ORDER BY doc", (int(mark[0]),)
                ).fetchall()
                total, done, written, shown = len(todo), 0, 0, 0
                workers = worker_count(len(todo))
                parts = (
                    parallel_postings(self.base, todo, self.extractor, read_record, self._kept, read_file, workers)
                    if workers
                    else entity_postings(self.base, todo, self.extractor, read_record, self._kept, read_file)
                )
            with contextlib.closing(parts):  # stops the workers however the pass ends
                for part in parts:
                    found.extend(part.found)
                    done += part.rows
                    if done - written >= batch or done == total:
                        self._write_postings(found, part.last_doc + 1)
                        found, written = [], done
                        if progress is not None:
                            progress(UpdateProgress(done, total, phase="entities"))
                            shown = done
            if progress is not None and shown != done:  # the first pass wrote every posting
                progress(UpdateProgress(done, total, phase="entities"))
        self._kept.clear()
        conn.execute("DELETE FROM meta WHERE name = ?", (ENTITIES_PENDING,))

    def _start_stream(self, size: int) -> None:
        """With workers to spare for a cold build of about ``size`` articles, start
        extracting entities now, while the first pass runs (``StreamedPostings``): right
        after the walk, or after a batch once cores come free. Of the articles written so
        far, the first chunk is extracted here, which loads the extractor for the workers
        to share; the workers get the others, with the articles kept so far, and from
        now on articles are not kept (the workers read them again)."""
        from .entity_pass import CHUNK, extract_chunk
        from .entity_workers import StreamedPostings, worker_count

        assert self.extractor is not None
        workers = worker_count(size)
        self._stream_looked = time.monotonic()
        if not workers:
            return
        mark = self.conn.execute("SELECT value FROM meta WHERE name = ?", (ENTITIES_PENDING,)).fetchone()
        written = self.conn.execute(
            "SELECT doc, file, record, offset FROM articles WHERE doc >= ? ORDER BY doc", (int(mark[0]),)
        ).fetchall()
        first = written[:CHUNK]
        if first:
            self._streamed.append(extract_chunk(self.base, first, self.extractor, read_record, self._kept, read_file))
        self._stream_head = len(first)
        self._stream = StreamedPostings(self.base, self.extractor, read_record, read_file, workers, self._kept)
        self._kept_chars = 0
        self._stream.add(written[CHUNK:])

    def _write_streamed(self, at_least: int) -> None:
        """Between two batches of the first pass: write the postings the stream has given
        so far, once they cover ``at_least`` articles (few, big transactions)."""
        assert self._stream is not None
        self._streamed.extend(self._stream.ready())
        rows = sum(part.rows for part in self._streamed)
        if rows < at_least:
            return
        self._write_postings(
            [found for part in self._streamed for found in part.found], self._streamed[-1].last_doc + 1
        )
        self._streamed_done += rows
        self._streamed = []

    def _write_postings(self, found: list[tuple[int, str | None, list[PostingRow]]], next_pending: int) -> None:
        """One committed batch of the second pass; the mark moves to ``next_pending``."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            self._next_entity = self._first_free_entity()
            for doc, date, postings_of_doc in found:
                self._add_postings(doc, date, postings_of_doc)
            # In key order, each page of the postings table is visited once a batch, not
            # once a posting: the rows of 2,000 articles name a few thousand entities,
            # scattered over the whole table. (entity, doc) is unique: no tie.
            self._posting_rows.sort()
            self._flush_rows()
            self._flush_df()
            conn.execute("UPDATE meta SET value = ? WHERE name = ?", (str(next_pending), ENTITIES_PENDING))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            self._entities = None  # numbers given in the rolled-back batch are free again
            self._names.clear()
            self._df.clear()
            for _, pending in self._pending():
                pending.clear()
            raise

    def _flush_df(self) -> None:
        if self._df:
            self.conn.executemany(
                "UPDATE entities SET df = df + ? WHERE entity = ?", [(n, e) for e, n in self._df.items()]
            )
            self._df.clear()

    # -- settling changed and vanished files ----------------------------------------------

    def _delete(self, doc: int) -> None:
        self._flush_rows()  # rows of this batch may belong to ``doc``
        for (entity,) in self.conn.execute("SELECT entity FROM postings WHERE doc = ?", (doc,)).fetchall():
            self._df[entity] = self._df.get(entity, 0) - 1
        self.conn.execute("DELETE FROM postings WHERE doc = ?", (doc,))
        self.conn.execute("DELETE FROM articles WHERE doc = ?", (doc,))
        # The full-text row stays as garbage (see schema.py); count it for compaction.
        self.conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE name = 'garbage'")

    def _settle(self, changed: list[tuple[str, tuple[int, int]]], vanished: list[str]) -> list[str]:
        """Drop what the changed and vanished files no longer hold; record their new state."""
        conn = self.conn
        removed: list[str] = []
        conn.execute("BEGIN IMMEDIATE")
        try:
            for old in self._old.values():
                self._delete(old.doc)
                removed.append(old.id)
                if self._ids is not None:
                    self._ids.discard(old.id)
            for rel, stat in changed:
                conn.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?)", (rel, stat[0], stat[1]))
            for rel in vanished:
                conn.execute("DELETE FROM files WHERE path = ?", (rel,))
                conn.execute("DELETE FROM problems WHERE file = ?", (rel,))
            self._flush_df()
            if removed:
                conn.execute("DELETE FROM names WHERE entity IN (SELECT entity FROM entities WHERE df <= 0)")
                conn.execute("DELETE FROM entities WHERE df <= 0")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        # An edited article (its body changed, so its id did) is one change, not one
        # addition plus one removal: pair what left changed files with what arrived in them.
        changed_files = {rel for rel, _ in changed}
        left_changed = sum(1 for old in self._old.values() if old.file in changed_files)
        replaced = min(left_changed, self._added_to_known)
        self.report.changed += replaced
        self.report.added -= replaced
        self.report.removed += len(removed) - replaced
        return removed
