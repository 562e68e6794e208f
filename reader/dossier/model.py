"""What a dossier holds: plain immutable values, so rendering is a pure function of them.

Offsets (``Kwic.start``/``end``, ``Kwic.mentions``) are ``str`` indices into the article's
whole text, as every offset the reader hands out, so a script can find each sentence
again in the file.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..index.entity_stats import EntityStat


@dataclass(frozen=True, slots=True)
class Kwic:
    """One sentence naming the entity (a window of it, when the sentence is very long):
    ``text == article.text[start:end]``; ``mentions`` are the entity's spans within it."""

    start: int
    end: int
    text: str
    mentions: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class ArticleNote:
    """One of the user's notes on an article (``paragraph``: where it is anchored)."""

    paragraph: int | None
    text: str
    created: str


@dataclass(frozen=True, slots=True)
class DossierArticle:
    id: str
    date: str | None
    title: str
    source: str | None
    path: str
    record: int | None
    mentions: int
    sentences: tuple[Kwic, ...]
    bookmarked: bool
    notes: tuple[ArticleNote, ...]
    missing: bool = False  # the file no longer holds it (changed since indexed): no sentences


@dataclass(frozen=True, slots=True)
class Dossier:
    key: str
    label: str
    keys: tuple[str, ...]  # the index's keys it stands for (its own first)
    names: tuple[tuple[str, int], ...]  # surface forms seen, with how often, most used first
    notes: tuple[str, ...]  # notes on the entity itself
    articles_total: int
    mentions_total: int
    first: str | None
    last: str | None
    timeline: tuple[tuple[str, int], ...]  # (YYYY-MM, mentions), every month first..last
    alongside: tuple[EntityStat, ...]
    articles: tuple[DossierArticle, ...]
