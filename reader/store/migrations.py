"""Bringing an older store up to the current layout, one version step at a time.

Each step is a pure function from the JSON document of version N to version N + 1, so a
chain of them upgrades any old file and each can be tested alone. The store keeps the
original bytes as a backup before it writes the result (see ``store.py``).

Schema 1 is the first, minimal layout: notes and bookmarks named their article by id, path
and title only, with no date, fingerprint, passage quote or reading position. Fields it
never had are filled with "unknown" values; ``Store.reconcile`` fills them in properly the
next time the article is seen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .model import SCHEMA_VERSION, ShapeError

Document = dict[str, Any]


def schema_of(doc: Any) -> int:
    """The document's schema number, or ShapeError when there is none that makes sense."""
    if not isinstance(doc, dict):
        raise ShapeError("the file: expected a JSON object at the top")
    version = doc.get("schema")
    if version is None:
        raise ShapeError('the file: no "schema" version number')
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ShapeError(f'the file: "schema" must be a positive integer, found {version!r}')
    return version


def _str(obj: Any, key: str, where: str, default: str | None = None) -> str:
    value = obj.get(key, default) if isinstance(obj, dict) else None
    if not isinstance(value, str):
        raise ShapeError(f"{where}.{key}: expected a string")
    return value


def _v1_article(obj: Any, where: str, id_key: str) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise ShapeError(f"{where}: expected an object")
    return {
        "id": _str(obj, id_key, where),
        "path": _str(obj, "path", where, ""),
        "title": _str(obj, "title", where, ""),
        "date": None,
        "fingerprint": "",
        "record": None,
    }


def _v1_to_v2(doc: Document) -> Document:
    notes_in = doc.get("notes", [])
    bookmarks_in = doc.get("bookmarks", [])
    read_in = doc.get("read", [])
    for key, value in (("notes", notes_in), ("bookmarks", bookmarks_in), ("read", read_in)):
        if not isinstance(value, list):
            raise ShapeError(f"the file: {key!r} must be a list in schema 1")
    notes = []
    for i, raw in enumerate(notes_in):
        where = f"notes[{i}]"
        article = _v1_article(raw, where, "article_id")
        paragraph = raw.get("paragraph", 0)
        if not isinstance(paragraph, int) or isinstance(paragraph, bool) or paragraph < 0:
            raise ShapeError(f"{where}.paragraph: expected a non-negative integer")
        created = _str(raw, "created", where)
        extra = {
            k: v
            for k, v in raw.items()
            if k not in ("id", "article_id", "path", "title", "paragraph", "text", "created")
        }
        notes.append(
            {
                **extra,
                "id": _str(raw, "id", where),
                "article": article,
                "created": created,
                "updated": created,
                "text": _str(raw, "text", where),
                "anchor": {"paragraph": paragraph, "quote": "", "offset": None},
            }
        )
    bookmarks = {}
    for i, raw in enumerate(bookmarks_in):
        article = _v1_article(raw, f"bookmarks[{i}]", "id")
        bookmarks[article["id"]] = {"article": article, "created": _str(raw, "created", f"bookmarks[{i}]", "")}
    reading = {}
    for i, raw in enumerate(read_in):
        article = _v1_article(raw, f"read[{i}]", "id")
        reading[article["id"]] = {"article": article, "read": True, "position": None, "updated": ""}
    rest = {k: v for k, v in doc.items() if k not in ("schema", "notes", "bookmarks", "read")}
    return {**rest, "schema": 2, "notes": notes, "bookmarks": bookmarks, "reading": reading}


STEPS: dict[int, Callable[[Document], Document]] = {1: _v1_to_v2}
"""``STEPS[n]`` turns a version-n document into a version n + 1 one."""


def migrate(doc: Document) -> Document:
    """Upgrade ``doc`` to ``SCHEMA_VERSION``; ShapeError if it is malformed on the way."""
    version = schema_of(doc)
    while version < SCHEMA_VERSION:
        doc = STEPS[version](doc)
        version = schema_of(doc)
    return doc
