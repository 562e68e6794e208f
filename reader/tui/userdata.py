"""The TUI's view of the user's data (bookmarks, notes, read state, positions).

Only ``reader.store`` writes user data (ARCHITECTURE.md §2.2); this module is the one place the
TUI talks to it. It keeps the marks the list paints (bookmarked, has notes, read) in
memory, because the list asks for them on every visible row of every frame, and turns the
store's errors into one-line messages the screens can show.

When the store file cannot be parsed, the reader opens with nothing loaded and read-only
(the file is never overwritten) and offers to move it aside; ``reset`` does that.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ..articles import Article
from ..entities.corrections import NO_CORRECTIONS, Corrections
from ..errors import ReaderError
from ..safe_text import safe_line
from ..store import EntityCorrection, EntityNote, Feed, Note, Store, StoreCorruptError, StoreError, move_aside
from ..store.model import now_iso

T = TypeVar("T")


class UserDataError(ReaderError):
    """A change could not be saved; ``str()`` is one line saying why. Nothing changed."""


@dataclass(frozen=True, slots=True)
class NoteInfo:
    """A note as the screens show it (flattened from the store's ``Note``)."""

    id: str
    article_id: str
    paragraph: int
    quote: str
    text: str
    created: str
    updated: str
    title: str
    date: str


def note_info(note: Note) -> NoteInfo:
    return NoteInfo(
        id=note.id,
        article_id=note.article.id,
        paragraph=note.anchor.paragraph,
        quote=note.anchor.quote,
        text=note.text,
        created=note.created,
        updated=note.updated,
        title=note.article.title,
        date=note.article.date or "",
    )


def _unwritable_folder(path: Path) -> str | None:
    """Why nothing could be saved at ``path``, said at start rather than at the first failed
    save: every write puts a temporary file beside the store, so its folder (or the nearest
    one that exists, where the store would create it) must be writable."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if os.access(folder, os.W_OK | os.X_OK):
        return None
    return f"the notes folder {safe_line(str(folder))} is not writable: bookmarks and notes will not be saved"


class UserData:
    """Marks in memory, changes written through the store (or refused, with a reason)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.store: Store | None = None
        self.reason: str | None = None  # why the data is read-only, shown to the reader
        self.corrupt = False
        self.bookmarked: set[str] = set()
        self.read: set[str] = set()
        self._notes: dict[str, NoteInfo] = {}
        self._noted: dict[str, int] = {}  # article id -> number of notes
        self.corrections: Corrections = NO_CORRECTIONS
        """The entity corrections, ready to apply (rebuilt after each change)."""
        self._entity_notes: list[EntityNote] = []
        self._open()

    @property
    def read_only(self) -> bool:
        return self.store is None or self.store.read_only

    def _open(self) -> None:
        try:
            self.store = Store.open(self.path)
        except StoreCorruptError as exc:
            self.corrupt = True
            self.reason = f"notes file unreadable, opened read-only: {safe_line(exc.problem)}"
            return
        except (OSError, ReaderError) as exc:
            self.reason = f"notes file cannot be opened, nothing will be saved: {safe_line(str(exc))}"
            return
        if self.store.read_only_reason:
            self.reason = safe_line(self.store.read_only_reason)
        else:
            self.reason = _unwritable_folder(self.path)
        self._load()

    def _load(self) -> None:
        assert self.store is not None
        self.bookmarked = {record.id for record in self.store.bookmarks()}
        self._notes = {note.id: note_info(note) for note in self.store.notes()}
        self.read = self.store.read_ids()
        self._count_notes()
        self._load_entities()

    def _load_entities(self) -> None:
        assert self.store is not None
        self._entity_notes = self.store.entity_notes()
        self.corrections = Corrections(self.store.entity_corrections(), [n.key for n in self._entity_notes])

    def _count_notes(self) -> None:
        counts: dict[str, int] = {}
        for note in self._notes.values():
            counts[note.article_id] = counts.get(note.article_id, 0) + 1
        self._noted = counts

    def prime_read(self, articles: Iterable[Article]) -> None:
        """Kept for loaders that learn read state lazily; the store gives it in bulk."""

    def reset(self) -> Path | None:
        """Move an unreadable store aside and start afresh; returns where it went."""
        moved = move_aside(self.path) if self.path.exists() else None
        self.store = None
        self.corrupt = False
        self.reason = None
        self.bookmarked, self.read, self._notes = set(), set(), {}
        self.corrections, self._entity_notes = NO_CORRECTIONS, []
        self._open()
        return moved

    # -- queries (memory only: called while painting) -----------------------------------
    def is_bookmarked(self, article_id: str) -> bool:
        return article_id in self.bookmarked

    def is_read(self, article_id: str) -> bool:
        return article_id in self.read

    def has_notes(self, article_id: str) -> bool:
        return article_id in self._noted

    def ids_with(self, mark: str) -> set[str] | None:
        """Every article id with a mark ("bookmarked", "note", "read"), so search can turn
        ``is:bookmarked`` or ``has:note`` into one condition on a few ids."""
        if mark == "bookmarked":
            return self.bookmarked
        if mark == "note":
            return set(self._noted)
        if mark == "read":
            return self.read
        return None

    def notes_for(self, article_id: str) -> list[NoteInfo]:
        if article_id not in self._noted:
            return []
        found = (n for n in self._notes.values() if n.article_id == article_id)
        return sorted(found, key=lambda n: (n.paragraph, n.created))

    def all_notes(self) -> list[NoteInfo]:
        return sorted(self._notes.values(), key=lambda n: n.updated or n.created, reverse=True)

    def note(self, note_id: str) -> NoteInfo | None:
        return self._notes.get(note_id)

    def entity_notes(self, key: str) -> list[EntityNote]:
        """The notes on the entity shown as ``key`` (corrections applied), oldest first."""
        outcome = self.corrections.outcome
        return [n for n in self._entity_notes if outcome(n.key).key == key]

    def position(self, article_id: str) -> int | None:
        return self.store.position(article_id) if self.store is not None else None

    # -- changes ------------------------------------------------------------------------
    def _write(self, what: str, operation: Callable[[Store], T]) -> T:
        if self.store is None:
            raise UserDataError(f"cannot {what}: {self.reason or 'no notes file is open'}")
        try:
            return operation(self.store)
        except StoreError as exc:
            reason = getattr(exc, "reason", None) or str(exc)
            raise UserDataError(f"cannot {what}: {safe_line(str(reason))}") from exc
        except (OSError, ReaderError) as exc:
            raise UserDataError(f"cannot {what}: {safe_line(str(exc)) or type(exc).__name__}") from exc

    def toggle_bookmark(self, article: Article) -> bool:
        on = article.id not in self.bookmarked
        self._write("save the bookmark", lambda store: store.set_bookmark(article, on))
        (self.bookmarked.add if on else self.bookmarked.discard)(article.id)
        return on

    def add_note(self, article: Article, paragraph: int, text: str) -> NoteInfo:
        info = note_info(self._write("save the note", lambda store: store.add_note(article, paragraph, text)))
        self._notes[info.id] = info
        self._count_notes()
        return info

    def edit_note(self, note_id: str, text: str) -> NoteInfo:
        info = note_info(self._write("save the note", lambda store: store.edit_note(note_id, text)))
        self._notes[note_id] = info
        return info

    def delete_note(self, note_id: str) -> None:
        self._write("delete the note", lambda store: store.delete_note(note_id))
        self._notes.pop(note_id, None)
        self._count_notes()

    def correct_entity(self, op: str, key: str, **values: str | bool | None) -> None:
        """Save one correction of the entity shown as ``key`` (stored against the
        extractor key standing for it, as ``reader entity`` does)."""
        origin = self.corrections.origin(key)
        correction = EntityCorrection(op, origin, now_iso(), **values)  # type: ignore[arg-type]
        self._write("save the correction", lambda store: store.correct_entity(correction))
        self._load_entities()

    def uncorrect_entity(self, op: str, key: str) -> None:
        """Remove the ``op`` corrections stored against the extractor key ``key`` (the
        browser's Hidden tab shows those keys: ``H`` there unhides)."""
        self._write("save the correction", lambda store: store.uncorrect_entity(op, key))
        self._load_entities()

    def add_entity_note(self, key: str, text: str) -> EntityNote:
        origin = self.corrections.origin(key)
        note = self._write("save the note", lambda store: store.add_entity_note(origin, text))
        self._load_entities()
        return note

    def mark_read(self, article: Article) -> str | None:
        """Best effort: failing to record 'read' must not stop anyone reading; the reason
        is returned for the status line."""
        if article.id in self.read:
            return None
        self.read.add(article.id)
        if self.read_only:
            return None
        try:
            self._write("mark the article read", lambda store: store.set_read(article, True))
        except UserDataError as exc:
            return str(exc)
        return None

    def save_position(self, article: Article, paragraph: int) -> str | None:
        if self.read_only or self.position(article.id) == paragraph:
            return None
        try:
            self._write("remember the reading position", lambda store: store.set_position(article, max(0, paragraph)))
        except UserDataError as exc:
            return str(exc)
        return None

    # -- feed subscriptions ------------------------------------------------------------------
    def feeds(self) -> list[Feed]:
        """The subscriptions as the file has them now (another reader may have added some)."""
        if self.store is None:
            return []
        with contextlib.suppress(StoreError, OSError):  # else the last good state, in memory
            self.store.reload()
        return self.store.feeds()

    def add_feed(self, url: str) -> bool:
        """Subscribe; False when already subscribed."""
        return bool(self._write("add the feed", lambda store: store.add_feeds([(url, None)])))

    def remove_feed(self, url: str) -> bool:
        return self._write("remove the feed", lambda store: store.remove_feed(url))

    def record_fetches(self, fetched: list[Feed]) -> None:
        self._write("record the fetch", lambda store: store.record_fetches(fetched))
