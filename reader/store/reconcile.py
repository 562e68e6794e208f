"""Re-attaching notes, bookmarks and reading state to the articles of the corpus at hand.

An article's id comes from its body, so it survives a rename, a move, or the corpus being
opened through another path: those are found by id and only their remembered path is
updated. Editing the body changes the id; such an article is found again at its old place
(same resolved path and feed record), but only if it is recognisably the same text: one
of its notes' quotes is found in it, or, with no quote to go by, its title is close. That
guard keeps notes from jumping onto an unrelated article that merely took over a file name.

What cannot be found is an orphan: kept exactly as it was, and listed. Nothing is dropped.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .anchors import find_paragraph, make_anchor, make_quote, normalise
from .model import Anchor, ArticleRecord, Bookmark, Note, ReadingState, StoreData, now_iso, resolved

if TYPE_CHECKING:
    from reader.articles import Article


@dataclass
class ReconcileReport:
    """What ``Store.reconcile`` changed and what it could not place."""

    moved: list[tuple[str, str, str]] = field(default_factory=list)
    """(article id, old path, new path): found by id at another path."""
    edited: list[tuple[str, str, str]] = field(default_factory=list)
    """(old id, new id, path): the body changed; re-attached at the same place."""
    reanchored: list[str] = field(default_factory=list)
    """Note ids whose passage was found at another paragraph (or needed a fresh quote)."""
    unanchored: list[str] = field(default_factory=list)
    """Note ids whose article was found but whose passage was not; left where they were."""
    orphans: list[Note] = field(default_factory=list)
    orphan_bookmarks: list[ArticleRecord] = field(default_factory=list)
    saved: bool = False
    """True when the changes were written to the store (False: read-only, or no change)."""

    @property
    def changed(self) -> bool:
        return bool(self.moved or self.edited or self.reanchored)


_TITLE_LIKENESS = 0.6


class _Locator:
    def __init__(self, articles: Iterable[Article]) -> None:
        self.by_id: dict[str, Article] = {}
        self.by_place: dict[tuple[str, int | None], Article] = {}
        for article in articles:
            self.by_id.setdefault(article.id, article)
            self.by_place.setdefault((resolved(article.path), article.record), article)

    def find(self, record: ArticleRecord, quotes: Sequence[tuple[str, int]]) -> Article | None:
        article = self.by_id.get(record.id)
        if article is not None:
            return article
        article = self.by_place.get((record.path, record.record))
        if article is None or article.id == record.id:
            return article
        if _same_text(article, record, quotes):
            return article
        return None


def _same_text(article: Article, record: ArticleRecord, quotes: Sequence[tuple[str, int]]) -> bool:
    quoted = [(q, hint) for q, hint in quotes if normalise(q)]
    if quoted:
        return any(find_paragraph(article, q, hint) is not None for q, hint in quoted)
    if not record.title:
        return False
    ratio = difflib.SequenceMatcher(None, normalise(record.title).lower(), normalise(article.title).lower()).ratio()
    return ratio >= _TITLE_LIKENESS


def reconcile_data(data: StoreData, articles: Sequence[Article]) -> tuple[StoreData, ReconcileReport]:
    """A new StoreData with every reference pointed at the matching article, and a report."""
    locator = _Locator(articles)
    report = ReconcileReport()
    out = data.copy()

    # Quotes per old article id: the evidence that an edited file is still "the same".
    quotes: dict[str, list[tuple[str, int]]] = {}
    for note in data.notes:
        quotes.setdefault(note.article.id, []).append((note.anchor.quote, note.anchor.paragraph))

    located: dict[str, Article | None] = {}

    def locate(record: ArticleRecord) -> Article | None:
        if record.id not in located:
            article = locator.find(record, quotes.get(record.id, ()))
            located[record.id] = article
            if article is not None and article.id != record.id:
                report.edited.append((record.id, article.id, resolved(article.path)))
            elif article is not None and resolved(article.path) != record.path:
                report.moved.append((record.id, record.path, resolved(article.path)))
        return located[record.id]

    def refreshed(record: ArticleRecord, article: Article) -> ArticleRecord:
        fresh = ArticleRecord.from_article(article)
        return record if fresh == record else fresh

    notes: list[Note] = []
    for note in data.notes:
        article = locate(note.article)
        if article is None:
            report.orphans.append(note)
            notes.append(note)
            continue
        record = refreshed(note.article, article)
        anchor = note.anchor
        if not _anchor_holds(article, anchor):
            found = find_paragraph(article, anchor.quote, anchor.paragraph)
            if found is None:
                report.unanchored.append(note.id)
            else:
                anchor = make_anchor(article, found[0])
                report.reanchored.append(note.id)
        if record != note.article or anchor != note.anchor:
            note = replace(note, article=record, anchor=anchor)
        notes.append(note)
    out.notes = notes

    bookmarks: dict[str, Bookmark] = {}
    for key, mark in data.bookmarks.items():
        article = locate(mark.article)
        if article is None:
            report.orphan_bookmarks.append(mark.article)
            bookmarks.setdefault(key, mark)
            continue
        mark = replace(mark, article=refreshed(mark.article, article))
        earlier = bookmarks.get(article.id)
        if earlier is None or mark.created < earlier.created:
            bookmarks[article.id] = mark
    out.bookmarks = bookmarks

    reading: dict[str, ReadingState] = {}
    for key, state in data.reading.items():
        article = locate(state.article)
        if article is None:
            reading.setdefault(key, state)
            continue
        state = replace(state, article=refreshed(state.article, article))
        if article.id != key and state.position is not None and state.position >= len(article.paragraphs):
            state = replace(state, position=max(len(article.paragraphs) - 1, 0), updated=now_iso())
        current = reading.get(article.id)
        if current is None or state.updated > current.updated:
            reading[article.id] = state
    out.reading = reading

    return out, report


def _anchor_holds(article: Article, anchor: Anchor) -> bool:
    """The anchor's paragraph still opens with its quote (and the quote is not empty)."""
    if not anchor.quote or not 0 <= anchor.paragraph < len(article.paragraphs):
        return False
    span = article.paragraphs[anchor.paragraph]
    if anchor.offset is not None and anchor.offset != span.start:
        return False
    return make_quote(article.paragraph_text(anchor.paragraph)) == anchor.quote
