"""The store's data model and its JSON shape, checked field by field on the way in.

Everything is a frozen dataclass so an operation builds a new value instead of editing one
another part of the program still holds. Validation names the exact place that is wrong
(``notes[3].anchor.paragraph: expected an integer``), because the user may have to open
the file and fix it by hand. Keys this version does not know are carried through
untouched (``extra``), so hand-made additions are never silently dropped by a rewrite.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from reader.articles import Article

SCHEMA_VERSION = 2
"""The layout this code writes. 1: the first draft (notes pointed at bare article ids)."""

T = TypeVar("T")


class ShapeError(ValueError):
    """The JSON parsed but is not the shape of a store; the message says where."""


def now_iso() -> str:
    """UTC, to the millisecond: sorts as text and orders notes made in the same second."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _field(obj: Mapping[str, Any], key: str, kind: type[T], where: str, optional: bool = False) -> T:
    if key not in obj:
        if optional:
            return None  # type: ignore[return-value]
        raise ShapeError(f"{where}: missing {key!r}")
    value = obj[key]
    if value is None and optional:
        return None  # type: ignore[return-value]
    # bool is an int in Python; a paragraph index of `true` is still wrong.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ShapeError(f"{where}.{key}: expected {_kind_name(kind)}, found {_json_name(value)}")
    return value


def _kind_name(kind: type) -> str:
    return {str: "a string", int: "an integer", bool: "true or false", dict: "an object", list: "a list"}.get(
        kind, kind.__name__
    )


def _json_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _object(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ShapeError(f"{where}: expected an object, found {_json_name(value)}")
    return value


def _extra(obj: Mapping[str, Any], known: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if k not in known}


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """What the store remembers of an article: enough to find it again and to show it
    (title, date, path) when the article itself is gone."""

    id: str
    path: str
    title: str
    date: str | None
    fingerprint: str
    record: int | None = None  # position inside a JSON feed file

    @classmethod
    def from_article(cls, article: Article) -> ArticleRecord:
        return cls(
            id=article.id,
            path=resolved(article.path),
            title=article.title,
            date=article.date_iso,
            fingerprint=article.fingerprint,
            record=article.record,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "date": self.date,
            "fingerprint": self.fingerprint,
            "record": self.record,
        }

    @classmethod
    def from_json(cls, value: Any, where: str) -> ArticleRecord:
        obj = _object(value, where)
        return cls(
            id=_field(obj, "id", str, where),
            path=_field(obj, "path", str, where),
            title=_field(obj, "title", str, where),
            date=_field(obj, "date", str, where, optional=True),
            fingerprint=_field(obj, "fingerprint", str, where),
            record=_field(obj, "record", int, where, optional=True),
        )


def resolved(path: os.PathLike[str] | str) -> str:
    """The absolute, symlink-free spelling of a path: the form paths are compared in."""
    return os.path.realpath(os.fspath(path))


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a note sits: a paragraph index, a quote of that paragraph's start (to find it
    again after an edit) and the paragraph's character offset in the article text."""

    paragraph: int
    quote: str
    offset: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"paragraph": self.paragraph, "quote": self.quote, "offset": self.offset}

    @classmethod
    def from_json(cls, value: Any, where: str) -> Anchor:
        obj = _object(value, where)
        paragraph = _field(obj, "paragraph", int, where)
        if paragraph < 0:
            raise ShapeError(f"{where}.paragraph: must not be negative")
        return cls(paragraph, _field(obj, "quote", str, where), _field(obj, "offset", int, where, optional=True))


_NOTE_KEYS = frozenset({"id", "article", "created", "updated", "text", "anchor"})


@dataclass(frozen=True, slots=True)
class Note:
    id: str
    article: ArticleRecord
    created: str
    updated: str
    text: str
    anchor: Anchor
    extra: Mapping[str, Any] = field(default_factory=dict, compare=True)

    def to_json(self) -> dict[str, Any]:
        out = dict(self.extra)
        out.update(
            id=self.id,
            article=self.article.to_json(),
            created=self.created,
            updated=self.updated,
            text=self.text,
            anchor=self.anchor.to_json(),
        )
        return out

    @classmethod
    def from_json(cls, value: Any, where: str) -> Note:
        obj = _object(value, where)
        return cls(
            id=_field(obj, "id", str, where),
            article=ArticleRecord.from_json(obj.get("article"), f"{where}.article"),
            created=_field(obj, "created", str, where),
            updated=_field(obj, "updated", str, where),
            text=_field(obj, "text", str, where),
            anchor=Anchor.from_json(obj.get("anchor"), f"{where}.anchor"),
            extra=_extra(obj, _NOTE_KEYS),
        )


@dataclass(frozen=True, slots=True)
class Bookmark:
    article: ArticleRecord
    created: str

    def to_json(self) -> dict[str, Any]:
        return {"article": self.article.to_json(), "created": self.created}

    @classmethod
    def from_json(cls, value: Any, where: str) -> Bookmark:
        obj = _object(value, where)
        return cls(ArticleRecord.from_json(obj.get("article"), f"{where}.article"), _field(obj, "created", str, where))


@dataclass(frozen=True, slots=True)
class ReadingState:
    """Read or not, and the paragraph the reader was last at."""

    article: ArticleRecord
    read: bool
    position: int | None
    updated: str

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article.to_json(),
            "read": self.read,
            "position": self.position,
            "updated": self.updated,
        }

    @classmethod
    def from_json(cls, value: Any, where: str) -> ReadingState:
        obj = _object(value, where)
        return cls(
            ArticleRecord.from_json(obj.get("article"), f"{where}.article"),
            _field(obj, "read", bool, where),
            _field(obj, "position", int, where, optional=True),
            _field(obj, "updated", str, where),
        )


_FEED_KEYS = frozenset(
    {
        "url",
        "title",
        "full_text",
        "added",
        "last_fetch",
        "last_status",
        "last_error",
        "etag",
        "last_modified",
        "entries",
    }
)


@dataclass(frozen=True, slots=True)
class Feed:
    """One subscription and what its last fetch left behind. ``etag`` and
    ``last_modified`` are the server's validators, sent back so an unchanged feed costs
    one 304; ``last_status`` is "ok", "unchanged" or "error" (``last_error`` says why)."""

    url: str
    title: str | None = None
    full_text: bool = False
    added: str = ""
    last_fetch: str | None = None
    last_status: str | None = None
    last_error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    entries: int = 0
    extra: Mapping[str, Any] = field(default_factory=dict, compare=True)

    def to_json(self) -> dict[str, Any]:
        out = dict(self.extra)
        out.update(
            url=self.url,
            title=self.title,
            full_text=self.full_text,
            added=self.added,
            last_fetch=self.last_fetch,
            last_status=self.last_status,
            last_error=self.last_error,
            etag=self.etag,
            last_modified=self.last_modified,
            entries=self.entries,
        )
        return out

    @classmethod
    def from_json(cls, value: Any, where: str) -> Feed:
        obj = _object(value, where)
        entries = _field(obj, "entries", int, where, optional=True)
        full_text = _field(obj, "full_text", bool, where, optional=True)
        return cls(
            url=_field(obj, "url", str, where),
            title=_field(obj, "title", str, where, optional=True),
            full_text=bool(full_text),
            added=_field(obj, "added", str, where, optional=True) or "",
            last_fetch=_field(obj, "last_fetch", str, where, optional=True),
            last_status=_field(obj, "last_status", str, where, optional=True),
            last_error=_field(obj, "last_error", str, where, optional=True),
            etag=_field(obj, "etag", str, where, optional=True),
            last_modified=_field(obj, "last_modified", str, where, optional=True),
            entries=entries if entries is not None and entries >= 0 else 0,
            extra=_extra(obj, _FEED_KEYS),
        )


def _feeds_from_json(obj: Mapping[str, Any]) -> list[Feed]:
    """The subscriptions; a file written before feeds existed has none (the field is
    optional on read and always written, so no schema step was needed)."""
    raw = _field(obj, "feeds", list, "the file", optional=True) or []
    feeds = [Feed.from_json(f, f"feeds[{i}]") for i, f in enumerate(raw)]
    seen: set[str] = set()
    for i, feed in enumerate(feeds):
        if feed.url in seen:
            raise ShapeError(f"feeds[{i}].url: {feed.url!r} is subscribed twice")
        seen.add(feed.url)
    return feeds


CORRECTION_OPS = ("merge", "rename", "label", "hide", "add")
"""What a user's correction of an entity can do (reader/entities/corrections.py applies them)."""

_CORRECTION_KEYS = frozenset({"op", "key", "into", "name", "label", "phrase", "case_sensitive", "created"})


@dataclass(frozen=True, slots=True)
class EntityCorrection:
    """One correction of the entities the extractor found, applied whenever entities are shown.

    ``key`` is the entity's key (for ``add``, the phrase itself, which becomes the added
    entity's key). ``merge`` uses ``into`` (and ``label``: the target's label when the
    merge was made); ``rename`` uses ``name``; ``label`` and ``add`` use ``label``; ``add``
    uses ``phrase`` and ``case_sensitive``."""

    op: str
    key: str
    created: str
    into: str | None = None
    name: str | None = None
    label: str | None = None
    phrase: str | None = None
    case_sensitive: bool = True
    extra: Mapping[str, Any] = field(default_factory=dict, compare=True)

    def to_json(self) -> dict[str, Any]:
        out = dict(self.extra)
        out.update(op=self.op, key=self.key, created=self.created)
        for name in ("into", "name", "label", "phrase"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.op == "add":
            out["case_sensitive"] = self.case_sensitive
        return out

    @classmethod
    def from_json(cls, value: Any, where: str) -> EntityCorrection:
        obj = _object(value, where)
        op = _field(obj, "op", str, where)
        if op not in CORRECTION_OPS:
            raise ShapeError(f"{where}.op: {op!r} is not one of {', '.join(CORRECTION_OPS)}")
        needs = {"merge": "into", "rename": "name", "label": "label", "add": "phrase"}.get(op)
        correction = cls(
            op=op,
            key=_field(obj, "key", str, where),
            created=_field(obj, "created", str, where),
            into=_field(obj, "into", str, where, optional=True),
            name=_field(obj, "name", str, where, optional=True),
            label=_field(obj, "label", str, where, optional=True),
            phrase=_field(obj, "phrase", str, where, optional=True),
            case_sensitive=_field(obj, "case_sensitive", bool, where, optional=True) is not False,
            extra=_extra(obj, _CORRECTION_KEYS),
        )
        if needs is not None and getattr(correction, needs) is None:
            raise ShapeError(f"{where}: a {op!r} correction needs {needs!r}")
        if op == "add" and correction.label is None:
            raise ShapeError(f"{where}: an 'add' correction needs 'label'")
        return correction


_ENTITY_NOTE_KEYS = frozenset({"id", "key", "text", "created", "updated"})


@dataclass(frozen=True, slots=True)
class EntityNote:
    """A note about an entity itself (not one article), shown beside every article naming it."""

    id: str
    key: str
    text: str
    created: str
    updated: str
    extra: Mapping[str, Any] = field(default_factory=dict, compare=True)

    def to_json(self) -> dict[str, Any]:
        out = dict(self.extra)
        out.update(id=self.id, key=self.key, text=self.text, created=self.created, updated=self.updated)
        return out

    @classmethod
    def from_json(cls, value: Any, where: str) -> EntityNote:
        obj = _object(value, where)
        return cls(
            id=_field(obj, "id", str, where),
            key=_field(obj, "key", str, where),
            text=_field(obj, "text", str, where),
            created=_field(obj, "created", str, where),
            updated=_field(obj, "updated", str, where),
            extra=_extra(obj, _ENTITY_NOTE_KEYS),
        )


_TOP_KEYS = frozenset({"schema", "notes", "bookmarks", "reading", "feeds", "entity_corrections", "entity_notes"})


@dataclass(slots=True)
class StoreData:
    """The whole file, in memory. Bookmarks and reading state are keyed by article id."""

    notes: list[Note] = field(default_factory=list)
    bookmarks: dict[str, Bookmark] = field(default_factory=dict)
    reading: dict[str, ReadingState] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    # Added after schema 2 without a bump: optional on read (absent means none), always
    # written, so an older file gains them on its first write and nothing else changes.
    feeds: list[Feed] = field(default_factory=list)
    entity_corrections: list[EntityCorrection] = field(default_factory=list)
    entity_notes: list[EntityNote] = field(default_factory=list)

    def copy(self) -> StoreData:
        return StoreData(
            list(self.notes),
            dict(self.bookmarks),
            dict(self.reading),
            dict(self.extra),
            feeds=list(self.feeds),
            entity_corrections=list(self.entity_corrections),
            entity_notes=list(self.entity_notes),
        )

    def to_json(self) -> dict[str, Any]:
        out = dict(self.extra)
        out.update(
            schema=SCHEMA_VERSION,
            notes=[n.to_json() for n in sorted(self.notes, key=lambda n: (n.created, n.id))],
            bookmarks={k: b.to_json() for k, b in self.bookmarks.items()},
            reading={k: r.to_json() for k, r in self.reading.items()},
            feeds=[f.to_json() for f in self.feeds],
            entity_corrections=[c.to_json() for c in self.entity_corrections],
            entity_notes=[n.to_json() for n in sorted(self.entity_notes, key=lambda n: (n.created, n.id))],
        )
        return out

    @classmethod
    def from_json(cls, value: Any) -> StoreData:
        """Parse a document already migrated to ``SCHEMA_VERSION``."""
        obj = _object(value, "the file")
        notes_raw = _field(obj, "notes", list, "the file")
        notes = [Note.from_json(n, f"notes[{i}]") for i, n in enumerate(notes_raw)]
        seen: set[str] = set()
        for i, note in enumerate(notes):
            if note.id in seen:
                raise ShapeError(f"notes[{i}].id: {note.id!r} is used by two notes")
            seen.add(note.id)
        bookmarks: dict[str, Bookmark] = {}
        for key, raw in _field(obj, "bookmarks", dict, "the file").items():
            bookmarks[key] = _keyed(Bookmark.from_json(raw, f"bookmarks[{key!r}]"), key, "bookmarks")
        reading: dict[str, ReadingState] = {}
        for key, raw in _field(obj, "reading", dict, "the file").items():
            reading[key] = _keyed(ReadingState.from_json(raw, f"reading[{key!r}]"), key, "reading")
        corrections_raw = _field(obj, "entity_corrections", list, "the file", optional=True) or []
        corrections = [EntityCorrection.from_json(c, f"entity_corrections[{i}]") for i, c in enumerate(corrections_raw)]
        entity_notes_raw = _field(obj, "entity_notes", list, "the file", optional=True) or []
        entity_notes = [EntityNote.from_json(n, f"entity_notes[{i}]") for i, n in enumerate(entity_notes_raw)]
        taken: set[str] = set()
        for i, entity_note in enumerate(entity_notes):
            if entity_note.id in taken:
                raise ShapeError(f"entity_notes[{i}].id: {entity_note.id!r} is used by two entity notes")
            taken.add(entity_note.id)
        return cls(
            notes,
            bookmarks,
            reading,
            _extra(obj, _TOP_KEYS),
            feeds=_feeds_from_json(obj),
            entity_corrections=corrections,
            entity_notes=entity_notes,
        )


_Keyed = TypeVar("_Keyed", Bookmark, ReadingState)


def _keyed(entry: _Keyed, key: str, section: str) -> _Keyed:
    if entry.article.id != key:
        raise ShapeError(f"{section}[{key!r}].article.id: is {entry.article.id!r}, not the key it is filed under")
    return entry
