"""Exporting notes and bookmarks: a Markdown document to read, or JSON for other tools.

Notes on entities and the entity corrections they rely on are exported too (JSON: both;
Markdown: the entity notes, in a section of their own after the articles).

Both group everything by article, newest article first (undated last), each note under
its article in reading order with the passage it is anchored to. An article that could
not be found (an orphan) is still exported from what the store remembers of it, and
marked, because the point of an export is that nothing is left out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..order import newest_first
from .model import SCHEMA_VERSION, ArticleRecord, EntityNote, Note, now_iso
from .store import Store


@dataclass
class ArticleGroup:
    article: ArticleRecord
    notes: list[Note] = field(default_factory=list)
    bookmarked_at: str | None = None
    read: bool = False
    orphan: bool = False


def groups(store: Store) -> list[ArticleGroup]:
    """Notes and bookmarks gathered per article, newest article first."""
    orphan_ids = {n.id for n in store.orphans()}
    orphan_articles = {a.id for a in store.orphan_bookmarks()}
    by_id: dict[str, ArticleGroup] = {}
    for note in store.notes():
        group = by_id.setdefault(note.article.id, ArticleGroup(note.article))
        group.notes.append(note)
        group.orphan = group.orphan or note.id in orphan_ids
    for mark in store.bookmark_entries():
        group = by_id.setdefault(mark.article.id, ArticleGroup(mark.article))
        group.bookmarked_at = mark.created
        group.orphan = group.orphan or mark.article.id in orphan_articles
    for group in by_id.values():
        group.read = store.is_read(group.article.id)
        group.notes.sort(key=lambda n: (n.anchor.paragraph, n.created, n.id))
    return sorted(by_id.values(), key=_list_order)


def _list_order(group: ArticleGroup) -> tuple[bool, int, str, str, int]:
    """The order of ``reader list`` and the reader's list (``reader.order``)."""
    article = group.article
    return newest_first(article.date, article.title, article.path, article.record)


def to_json(store: Store) -> dict[str, Any]:
    return {
        "exported": now_iso(),
        "store": str(store.path),
        "schema": SCHEMA_VERSION,
        "articles": [
            {
                "article": g.article.to_json(),
                "orphan": g.orphan,
                "bookmarked": g.bookmarked_at is not None,
                "bookmarked_at": g.bookmarked_at,
                "read": g.read,
                "notes": [n.to_json() for n in g.notes],
            }
            for g in groups(store)
        ],
        "entity_notes": [n.to_json() for n in store.entity_notes()],
        "entity_corrections": [c.to_json() for c in store.entity_corrections()],
    }


def _entity_name(store: Store, key: str) -> str:
    """The name the reader gave the entity, if they renamed it (else its key)."""
    renamed = [c.name for c in store.entity_corrections() if c.op == "rename" and c.key == key and c.name]
    return renamed[-1] if renamed else key


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    """Text shown literally in Markdown (titles come from files, not from the user)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _when(stamp: str) -> str:
    """An ISO timestamp as "2026-11-29 09:18 UTC" (as stored, if it will not parse)."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def to_markdown(store: Store) -> str:
    gathered = groups(store)
    note_count = sum(len(g.notes) for g in gathered)
    mark_count = sum(1 for g in gathered if g.bookmarked_at)
    lines = [
        "# Reading notes",
        "",
        f"*Exported {_when(now_iso())}: {_plural(note_count, 'note')} and {_plural(mark_count, 'bookmark')} "
        f"on {_plural(len(gathered), 'article')}.*",
    ]
    if not gathered:
        lines += ["", "Nothing saved yet: no notes and no bookmarks."]
    for group in gathered:
        record = group.article
        lines += ["", f"## {_md(record.title) or _md(record.id)}", ""]
        facts = [f"**{record.date}**" if record.date else "*undated*"]
        facts.append(_code(record.path + (f"#{record.record}" if record.record is not None else "")))
        if group.bookmarked_at:
            facts.append(f"bookmarked {_when(group.bookmarked_at)}")
        if group.read:
            facts.append("read")
        lines.append(" · ".join(facts))
        if group.orphan:
            lines += ["", "*This article was not found in the corpus; it is shown as last recorded.*"]
        for note in group.notes:
            lines += [""]
            quote = " ".join(note.anchor.quote.split())
            if quote:
                ellipsis = "" if quote.endswith((".", "!", "?", '"', "\u201d")) else " …"
                lines.append(f"> {_md(quote)}{ellipsis}")
                lines.append(">")
            lines.append(f"> — paragraph {note.anchor.paragraph + 1}")
            lines.append("")
            lines.extend(note.text.rstrip().splitlines() or [""])
            edited = f", edited {_when(note.updated)}" if note.updated != note.created else ""
            lines += ["", f"<sub>note {_code(note.id)}, written {_when(note.created)}{edited}</sub>"]
    entity_notes = store.entity_notes()
    if entity_notes:
        lines += ["", "## Notes on entities"]
        by_key: dict[str, list[EntityNote]] = {}
        for entity_note in entity_notes:
            by_key.setdefault(entity_note.key, []).append(entity_note)
        for key in sorted(by_key, key=lambda k: _entity_name(store, k).casefold()):
            lines += ["", f"### {_md(_entity_name(store, key))}"]
            for entity_note in by_key[key]:
                lines.append("")
                lines.extend(entity_note.text.rstrip().splitlines() or [""])
                lines += ["", f"<sub>note {_code(entity_note.id)}, written {_when(entity_note.created)}</sub>"]
    return "\n".join(lines) + "\n"
