"""``Store``: the user's bookmarks, notes and reading state, one JSON file, safe to share.

Reads come from memory (loaded at ``open``, refreshed by ``reload``). Every change goes
through ``_mutate``: lock, re-read the file (another reader may have written since), apply
that one operation to the fresh copy, write it atomically, and only then adopt the result
in memory. If anything fails on the way, the in-memory state is what it was, so the caller
(the TUI) still shows, and can retry, what the user typed.

A file that cannot be parsed is refused (``StoreCorruptError``) and never written over; a
file from a newer version opens read-only; an older one is migrated after its bytes are
kept as a backup.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from . import fileio
from .anchors import make_anchor
from .errors import CorrectionRefusedError, StoreCorruptError, StoreError, StoreReadOnlyError, StoreWriteError
from .migrations import migrate, schema_of
from .model import (
    SCHEMA_VERSION,
    ArticleRecord,
    Bookmark,
    EntityCorrection,
    EntityNote,
    Feed,
    Note,
    ReadingState,
    ShapeError,
    StoreData,
    now_iso,
)
from .reconcile import ReconcileReport, reconcile_data

if TYPE_CHECKING:
    from reader.articles import Article

T = TypeVar("T")


class NoteNotFoundError(StoreError):
    """No note has the id asked for (it may have been deleted by another reader)."""


def encode(data: StoreData) -> bytes:
    """The file's bytes: indented, keys sorted, UTF-8, so diffs and hand edits stay easy."""
    doc = data.to_json()
    try:
        return (json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (undecodable command-line bytes) cannot be UTF-8; \u-escaping
        # everything keeps it, exactly, in valid JSON.
        return (json.dumps(doc, indent=2, sort_keys=True) + "\n").encode("ascii")


def _parse_json(path: Path, raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StoreCorruptError(path, f"not UTF-8 text (bad byte at offset {exc.start})") from None
    text = text.removeprefix("\ufeff")  # a BOM left by an editor is harmless
    if not text.strip():
        raise StoreCorruptError(path, "the file is empty")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        # json's messages end in " at" before the position it appends ("Invalid control
        # character at"); the line and column are given here instead
        what = exc.msg.removesuffix(" at").lower()
        raise StoreCorruptError(path, f"invalid JSON at line {exc.lineno}, column {exc.colno} ({what})") from None
    except RecursionError:
        raise StoreCorruptError(path, "invalid JSON: nested too deeply") from None


def _decode(path: Path, raw: bytes) -> tuple[StoreData, int]:
    """(data, the file's schema version); StoreCorruptError when it is not a store.

    A newer version is read as far as this version understands it; if even that fails,
    the result is empty (the store is read-only then, so nothing is lost by not showing)."""
    doc = _parse_json(path, raw)
    try:
        version = schema_of(doc)
        if version > SCHEMA_VERSION:
            try:
                return StoreData.from_json(doc), version
            except ShapeError:
                return StoreData(), version
        return StoreData.from_json(migrate(doc)), version
    except ShapeError as exc:
        raise StoreCorruptError(path, f"not a reader store ({exc})") from None


def _newer_reason(path: Path, version: int) -> str:
    return (
        f"store {str(path)!r} was written by a newer version of reader (schema {version}; "
        f"this one knows up to {SCHEMA_VERSION}); opened read-only, upgrade reader to change it"
    )


class Store:
    """The store file at ``path``. Make one with ``Store.open``."""

    def __init__(
        self,
        path: Path,
        data: StoreData,
        read_only_reason: str | None = None,
        lock_timeout: float = fileio.LOCK_TIMEOUT,
    ) -> None:
        self.path = path
        self.read_only_reason = read_only_reason
        self.lock_timeout = lock_timeout
        self.backup_path: Path | None = None
        """Where the pre-migration original was kept, when ``open`` migrated the file."""
        self.last_lock_wait = 0.0
        self._data = data
        self._raw: bytes | None = None
        """The file's bytes when ``_data`` was last read or written: if they are still the
        same, re-reading can reuse ``_data`` instead of parsing and validating again."""
        self._present: set[str] | None = None
        self._guard = threading.RLock()

    # --- opening -------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, lock_timeout: float = fileio.LOCK_TIMEOUT) -> Store:
        """Load the store (an absent file is an empty store, created on the first change).

        Raises StoreCorruptError for a file that is not a store; opens read-only for a
        newer schema; migrates an older one (backup first; read-only if that fails)."""
        path = Path(os.path.realpath(Path(path).expanduser()))
        raw = fileio.read_bytes(path)
        if raw is None:
            return cls(path, StoreData(), None, lock_timeout)
        data, version = _decode(path, raw)
        if version > SCHEMA_VERSION:
            return cls(path, data, _newer_reason(path, version), lock_timeout)
        store = cls(path, data, None, lock_timeout)
        store._raw = raw if version == SCHEMA_VERSION else None
        if version < SCHEMA_VERSION:
            try:
                store._mutate(lambda fresh: (None, False))  # an old file is always rewritten
            except StoreError as exc:
                store.read_only_reason = (
                    f"store {str(path)!r} is from an older version (schema {version}) and could not "
                    f"be upgraded: {exc}; opened read-only"
                )
        return store

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def reload(self) -> None:
        """Pick up changes other processes made. A file that turned corrupt raises
        StoreCorruptError and the last good state stays in memory."""
        raw = fileio.read_bytes(self.path)
        if raw is not None and raw == self._raw:
            return
        if raw is None:
            data, version = StoreData(), SCHEMA_VERSION
        else:
            data, version = _decode(self.path, raw)
        with self._guard:
            self._data = data
            self._raw = raw if version == SCHEMA_VERSION else None
            if version > SCHEMA_VERSION:
                self.read_only_reason = _newer_reason(self.path, version)

    # --- the one write path ----------------------------------------------------------

    def _mutate(self, operation: Callable[[StoreData], tuple[T, bool]]) -> T:
        """Lock, re-read, apply ``operation`` to a fresh copy, write it, adopt it.

        ``operation`` returns (result, changed); nothing is written when it changed nothing.
        """
        if self.read_only_reason is not None:
            raise StoreReadOnlyError(self.read_only_reason, self.path)
        with self._guard:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreWriteError(self.path, fileio.describe(exc)) from exc
            with fileio.FileLock(fileio.lock_path(self.path), self.lock_timeout) as lock:
                self.last_lock_wait = lock.waited
                fileio.sweep_temps(self.path)
                raw = fileio.read_bytes(self.path)
                version = SCHEMA_VERSION
                if raw is None:
                    fresh = StoreData()
                elif raw == self._raw:
                    fresh = self._data.copy()  # nobody wrote since we did: no need to parse
                else:
                    fresh, version = _decode(self.path, raw)
                if version > SCHEMA_VERSION:
                    self._data = fresh
                    self.read_only_reason = _newer_reason(self.path, version)
                    raise StoreReadOnlyError(self.read_only_reason, self.path)
                result, changed = operation(fresh)
                if raw is not None and version < SCHEMA_VERSION:
                    self.backup_path = fileio.write_backup(self.path, raw, f"v{version}.bak")
                    changed = True
                current = raw if version == SCHEMA_VERSION else None  # the bytes `fresh` came from
                if changed:
                    current = encode(fresh)
                    fileio.atomic_write(self.path, current)
            self._data = fresh
            self._raw = current
            return result

    def _check_writable(self) -> None:
        if self.read_only_reason is not None:
            raise StoreReadOnlyError(self.read_only_reason, self.path)

    # --- bookmarks ---------------------------------------------------------------------

    def is_bookmarked(self, article_id: str) -> bool:
        return article_id in self._data.bookmarks

    def bookmarks(self) -> list[ArticleRecord]:
        """Bookmarked articles, most recently bookmarked first."""
        marks = sorted(self._data.bookmarks.values(), key=lambda b: (b.created, b.article.id), reverse=True)
        return [b.article for b in marks]

    def bookmark_entries(self) -> list[Bookmark]:
        """Like ``bookmarks`` but with the time each was made."""
        return sorted(self._data.bookmarks.values(), key=lambda b: (b.created, b.article.id), reverse=True)

    def set_bookmark(self, article: Article, on: bool) -> None:
        record = ArticleRecord.from_article(article)

        def apply(data: StoreData) -> tuple[None, bool]:
            present = data.bookmarks.get(article.id)
            if on:
                if present is not None and present.article == record:
                    return None, False
                created = present.created if present is not None else now_iso()
                data.bookmarks[article.id] = Bookmark(record, created)
                return None, True
            if present is None:
                return None, False
            del data.bookmarks[article.id]
            return None, True

        self._mutate(apply)

    # --- notes -----------------------------------------------------------------------------

    def notes(self) -> list[Note]:
        """Every note, oldest first."""
        return sorted(self._data.notes, key=lambda n: (n.created, n.id))

    def notes_for(self, article_id: str) -> list[Note]:
        """The article's notes in reading order (by paragraph, then age)."""
        found = [n for n in self._data.notes if n.article.id == article_id]
        return sorted(found, key=lambda n: (n.anchor.paragraph, n.created, n.id))

    def note(self, note_id: str) -> Note:
        for note in self._data.notes:
            if note.id == note_id:
                return note
        raise NoteNotFoundError(f"no note with id {note_id!r} in {str(self.path)!r}", self.path)

    def add_note(self, article: Article, paragraph: int, text: str) -> Note:
        """Save a new note on ``article``'s paragraph ``paragraph`` (0-based).

        ValueError for blank text or a paragraph the article does not have (checked before
        anything is locked); StoreWriteError / StoreReadOnlyError / StoreLockedError if it
        could not be saved, in which case nothing changed."""
        if not text.strip():
            raise ValueError("a note needs some text")
        anchor = make_anchor(article, paragraph)
        record = ArticleRecord.from_article(article)
        self._check_writable()

        def apply(data: StoreData) -> tuple[Note, bool]:
            taken = {n.id for n in data.notes}
            note_id = os.urandom(6).hex()
            while note_id in taken:
                note_id = os.urandom(6).hex()
            stamp = now_iso()
            note = Note(note_id, record, stamp, stamp, text, anchor)
            data.notes.append(note)
            return note, True

        return self._mutate(apply)

    def edit_note(self, note_id: str, text: str) -> Note:
        if not text.strip():
            raise ValueError("a note needs some text")

        def apply(data: StoreData) -> tuple[Note, bool]:
            for i, note in enumerate(data.notes):
                if note.id == note_id:
                    if note.text == text:
                        return note, False
                    data.notes[i] = replace(note, text=text, updated=now_iso())
                    return data.notes[i], True
            raise NoteNotFoundError(f"no note with id {note_id!r} in {str(self.path)!r}", self.path)

        return self._mutate(apply)

    def delete_note(self, note_id: str) -> None:
        def apply(data: StoreData) -> tuple[None, bool]:
            kept = [n for n in data.notes if n.id != note_id]
            if len(kept) == len(data.notes):
                raise NoteNotFoundError(f"no note with id {note_id!r} in {str(self.path)!r}", self.path)
            data.notes = kept
            return None, True

        self._mutate(apply)

    # --- reading state ---------------------------------------------------------------------

    def is_read(self, article_id: str) -> bool:
        state = self._data.reading.get(article_id)
        return state is not None and state.read

    def read_ids(self) -> set[str]:
        """Ids of every article marked read (for ``is:unread`` filters)."""
        return {key for key, state in self._data.reading.items() if state.read}

    def ids_with(self, mark: str) -> set[str] | None:
        """Every article id with a mark ("bookmarked", "note", "read"): search turns
        ``is:bookmarked`` or ``has:note`` into one condition on these ids."""
        if mark == "bookmarked":
            return {record.id for record in self.bookmarks()}
        if mark == "note":
            return {note.article.id for note in self.notes()}
        if mark == "read":
            return self.read_ids()
        return None

    def position(self, article_id: str) -> int | None:
        state = self._data.reading.get(article_id)
        return None if state is None else state.position

    def set_read(self, article: Article, read: bool = True) -> None:
        self._set_reading(article, read=read)

    def set_position(self, article: Article, paragraph: int) -> None:
        """Remember the paragraph the reader is at. One locked write per call: call it when
        leaving an article, not on every scroll step."""
        if paragraph < 0:
            raise ValueError("a position cannot be negative")
        self._set_reading(article, position=paragraph)

    def _set_reading(self, article: Article, read: bool | None = None, position: int | None = None) -> None:
        record = ArticleRecord.from_article(article)

        def apply(data: StoreData) -> tuple[None, bool]:
            old = data.reading.get(article.id)
            new_read = (old.read if old else False) if read is None else read
            new_position = (old.position if old else None) if position is None else position
            if old is not None and (old.read, old.position, old.article) == (new_read, new_position, record):
                return None, False
            data.reading[article.id] = ReadingState(record, new_read, new_position, now_iso())
            return None, True

        self._mutate(apply)

    # --- feeds ---------------------------------------------------------------------------------

    def feeds(self) -> list[Feed]:
        """Every subscription, in the order they were added."""
        return list(self._data.feeds)

    def feed(self, url: str) -> Feed | None:
        return next((f for f in self._data.feeds if f.url == url), None)

    def add_feeds(self, wanted: Sequence[tuple[str, str | None]], full_text: bool = False) -> list[Feed]:
        """Subscribe to each (url, title) not subscribed yet, in one write; returns the
        feeds that were added (an OPML import of 300 feeds is one locked write, not 300)."""

        def apply(data: StoreData) -> tuple[list[Feed], bool]:
            have = {f.url for f in data.feeds}
            added: list[Feed] = []
            for url, title in wanted:
                if url in have:
                    continue
                have.add(url)
                feed = Feed(url=url, title=title or None, full_text=full_text, added=now_iso())
                data.feeds.append(feed)
                added.append(feed)
            return added, bool(added)

        return self._mutate(apply)

    def remove_feed(self, url: str) -> bool:
        """Unsubscribe; False when ``url`` was not subscribed. Entries already written to
        the library stay there: they are articles now, and may carry notes."""

        def apply(data: StoreData) -> tuple[bool, bool]:
            kept = [f for f in data.feeds if f.url != url]
            if len(kept) == len(data.feeds):
                return False, False
            data.feeds = kept
            return True, True

        return self._mutate(apply)

    def record_fetches(self, fetched: Sequence[Feed]) -> None:
        """Save what a fetch learnt of each feed (status, validators, counts) in one write.
        A feed removed meanwhile (by another reader) stays removed; its user-set fields
        (title given with ``--title``, full-text flag) are taken from the file, not from
        the fetch, so a concurrent ``feeds add --title`` is not undone."""
        by_url = {f.url: f for f in fetched}

        def apply(data: StoreData) -> tuple[None, bool]:
            changed = False
            for i, old in enumerate(data.feeds):
                new = by_url.get(old.url)
                if new is None:
                    continue
                merged = replace(new, title=old.title or new.title, full_text=old.full_text, added=old.added)
                merged = replace(merged, extra=old.extra)
                if merged != old:
                    data.feeds[i] = merged
                    changed = True
            return None, changed

        self._mutate(apply)

    # --- entity corrections and entity notes -------------------------------------------------
    #
    # One correction per (op, key): a second rename of the same key replaces the first.
    # ``add`` is keyed by its phrase. Undo (unmerge, unhide, drop) removes the entry, so the
    # extractor's own entity is back at once: nothing else was ever changed.

    def entity_corrections(self) -> list[EntityCorrection]:
        """Every correction, in the order made."""
        return list(self._data.entity_corrections)

    def entity_notes(self, key: str | None = None) -> list[EntityNote]:
        """Entity notes (of ``key`` only, when given), oldest first."""
        found = [n for n in self._data.entity_notes if key is None or n.key == key]
        return sorted(found, key=lambda n: (n.created, n.id))

    def correct_entity(self, correction: EntityCorrection) -> EntityCorrection:
        """Save ``correction``, replacing one of the same op on the same key. A merge into
        itself, or one closing a cycle of merges, raises ``CorrectionRefusedError``."""
        if correction.op == "merge" and correction.into == correction.key:
            raise CorrectionRefusedError(f"cannot merge {correction.key!r} into itself", self.path)
        self._check_writable()

        def apply(data: StoreData) -> tuple[EntityCorrection, bool]:
            kept = [c for c in data.entity_corrections if not (c.op == correction.op and c.key == correction.key)]
            if correction.op == "merge":
                into = {c.key: c.into for c in kept if c.op == "merge" and c.into is not None}
                target: str | None = correction.into
                seen: set[str] = set()
                while target is not None and target not in seen:
                    if target == correction.key:
                        raise CorrectionRefusedError(
                            f"cannot merge {correction.key!r} into {correction.into!r}: "
                            f"{correction.into!r} is already merged into {correction.key!r} (unmerge it first)",
                            self.path,
                        )
                    seen.add(target)
                    target = into.get(target)
            before = [c for c in data.entity_corrections if c.op == correction.op and c.key == correction.key]
            if before and all(_same_correction(b, correction) for b in before):
                return before[0], False
            data.entity_corrections = [*kept, correction]
            return correction, True

        return self._mutate(apply)

    def uncorrect_entity(self, op: str, key: str) -> int:
        """Remove the ``op`` corrections of ``key`` (unmerge, unhide, drop); how many went."""

        def apply(data: StoreData) -> tuple[int, bool]:
            kept = [c for c in data.entity_corrections if not (c.op == op and c.key == key)]
            gone = len(data.entity_corrections) - len(kept)
            data.entity_corrections = kept
            return gone, gone > 0

        return self._mutate(apply)

    def add_entity_note(self, key: str, text: str) -> EntityNote:
        if not text.strip():
            raise ValueError("a note needs some text")
        self._check_writable()

        def apply(data: StoreData) -> tuple[EntityNote, bool]:
            taken = {n.id for n in data.entity_notes} | {n.id for n in data.notes}
            note_id = os.urandom(6).hex()
            while note_id in taken:
                note_id = os.urandom(6).hex()
            stamp = now_iso()
            note = EntityNote(note_id, key, text, stamp, stamp)
            data.entity_notes.append(note)
            return note, True

        return self._mutate(apply)

    def edit_entity_note(self, note_id: str, text: str) -> EntityNote:
        if not text.strip():
            raise ValueError("a note needs some text")

        def apply(data: StoreData) -> tuple[EntityNote, bool]:
            for i, note in enumerate(data.entity_notes):
                if note.id == note_id:
                    if note.text == text:
                        return note, False
                    data.entity_notes[i] = replace(note, text=text, updated=now_iso())
                    return data.entity_notes[i], True
            raise NoteNotFoundError(f"no entity note with id {note_id!r} in {str(self.path)!r}", self.path)

        return self._mutate(apply)

    def delete_entity_note(self, note_id: str) -> None:
        def apply(data: StoreData) -> tuple[None, bool]:
            kept = [n for n in data.entity_notes if n.id != note_id]
            if len(kept) == len(data.entity_notes):
                raise NoteNotFoundError(f"no entity note with id {note_id!r} in {str(self.path)!r}", self.path)
            data.entity_notes = kept
            return None, True

        self._mutate(apply)

    # --- identity ----------------------------------------------------------------------------

    def reconcile(self, articles: Sequence[Article], save: bool = True) -> ReconcileReport:
        """Point notes, bookmarks and reading state at ``articles`` (the corpus now open):
        moved files by id, edited ones by place and quote. Orphans are kept and listed.

        Changes are saved unless ``save`` is False or the store is read-only; then they are
        applied in memory only (``report.saved`` says which)."""
        articles = list(articles)
        with self._guard:
            self._present = {a.id for a in articles}
            if save and not self.read_only:

                def apply(data: StoreData) -> tuple[ReconcileReport, bool]:
                    out, report = reconcile_data(data, articles)
                    report.saved = out.to_json() != data.to_json()
                    data.notes, data.bookmarks, data.reading = out.notes, out.bookmarks, out.reading
                    return report, report.saved

                return self._mutate(apply)
            data, report = reconcile_data(self._data, articles)
            self._data = data
            return report

    def orphans(self) -> list[Note]:
        """Notes whose article was not among those given to the last ``reconcile`` (none
        before the first one: without a corpus there is nothing to judge by)."""
        if self._present is None:
            return []
        return [n for n in self.notes() if n.article.id not in self._present]

    def orphan_bookmarks(self) -> list[ArticleRecord]:
        """Bookmarked articles not found by the last ``reconcile`` (kept all the same)."""
        if self._present is None:
            return []
        return [a for a in self.bookmarks() if a.id not in self._present]


def _same_correction(a: EntityCorrection, b: EntityCorrection) -> bool:
    """Equal but for the time made: saving it again changes nothing."""
    return replace(a, created="") == replace(b, created="")
