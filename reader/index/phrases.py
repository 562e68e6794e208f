"""Postings of the phrases a user added as entities, found when asked for.

The index holds postings for what the extractor found only (a correction never changes
the index, so undoing one is instant). A phrase the user added is looked for on demand:
an FTS5 phrase query names the few articles whose words contain it (case-insensitive,
a cheap index lookup), and only those files are read again and searched with the
corrections' own matcher, which keeps case and whole words as the user asked and lets
an overlapping phrase win as it does on screen.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from ..articles import Article
from ..entities.corrections import Corrections
from . import update as update_module


def phrase_postings(
    conn: sqlite3.Connection, base: str, phrases: Sequence[str], key: str, corrections: Corrections
) -> dict[int, tuple[str | None, int, int]]:
    """``doc -> (date, count, first)`` of the articles where ``corrections`` mark an added
    phrase as the entity ``key``; ``phrases`` are its FTS5 phrase expressions."""
    candidates: dict[str, list[tuple[int, int | None, str | None]]] = {}
    for phrase in phrases:
        for doc, file, record, date in conn.execute(
            "SELECT a.doc, a.file, a.record, a.date FROM fts JOIN articles a ON a.doc = fts.rowid WHERE fts MATCH ?",
            (phrase,),
        ):
            candidates.setdefault(file, []).append((doc, record, date))
    found: dict[int, tuple[str | None, int, int]] = {}
    for file, docs in candidates.items():
        wanted = {record for _, record, _ in docs}
        by_record: dict[int | None, Article] = {}
        for articles, _ in update_module.read_file(Path(f"{base}/{file}")):
            by_record.update((a.record, a) for a in articles if a.record in wanted)
        for doc, record, date in docs:
            article = by_record.get(record)
            if article is None or doc in found:
                continue  # changed since indexed: the next update re-reads it
            spans = [(p.start, p.end) for p in article.paragraphs]
            hits = [e for e in corrections.find_phrases(article.text, spans) if e.key == key]
            if hits:
                found[doc] = (date, len(hits), hits[0].start)
    return found
