"""The values the index hands out: light rows, search hits, update reports.

The light row, ``ArticleRow``, is defined with the Article (``reader.articles.row``): a
list shows parsed articles and index rows alike. The mentions view's values are in
``mention_model.py``: a search does not pay for defining them. The values are named
tuples, not dataclasses, for the same reason (``reader/articles/model.py``): immutable,
so a UI thread can hold results while a worker updates; the report an update fills in is
a plain class.
"""

from __future__ import annotations

from ..articles import Problem
from ..articles.row import ArticleRow as ArticleRow  # where the index's modules and the TUI import it from
from ..articles.row import row_of_article as row_of_article
from ..articles.row import row_sort_key as row_sort_key
from ..records import Record


class Snippet(Record):
    """A short excerpt around the best match. ``matches`` are ``(start, end)`` offsets into
    ``text`` (not markup: the caller styles them, so no article text is ever parsed as
    markup). ``offset`` is where ``text`` starts in ``Article.text``."""

    text: str
    matches: tuple[tuple[int, int], ...]
    offset: int


class SearchHit(Record):
    """One result. ``score`` is BM25 as SQLite gives it (lower is better; 0.0 when the
    query has no words and results are in date order). ``snippet`` is filled for the first
    hits only (see ``CorpusIndex.search``); ``CorpusIndex.snippet`` makes one on demand."""

    row: ArticleRow
    score: float
    snippet: Snippet | None = None


class UpdateProgress(Record):
    """One committed batch of an ``update``: ``done`` of ``total`` files looked at, the ids
    of the articles added or changed since the last one (their rows are re-read from the
    database), and the ids removed. The same value whether the update runs in this
    process or in the worker process (``reader.index.worker`` sends it as a JSON line)."""

    done: int
    total: int
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    phase: str = "files"
    """"files" while files are read; "entities" in a cold build's second pass, where
    ``done`` and ``total`` count articles whose entities are written."""


class UpdateReport:
    """What an ``update`` did. ``reread`` counts the files actually opened and parsed;
    ``walked`` is False when the walk token showed nothing changed and no file was
    looked at."""

    __slots__ = (
        "added", "changed", "removed", "moved", "unchanged", "reread", "files", "seconds", "problems", "notices",
        "walked",
    )  # fmt: skip

    def __init__(
        self,
        added: int = 0,
        changed: int = 0,
        removed: int = 0,
        moved: int = 0,
        unchanged: int = 0,
        reread: int = 0,
        files: int = 0,
        seconds: float = 0.0,
        problems: list[Problem] | None = None,
        notices: list[str] | None = None,
        walked: bool = True,
    ) -> None:
        self.added, self.changed, self.removed, self.moved = added, changed, removed, moved
        self.unchanged, self.reread, self.files, self.seconds = unchanged, reread, files, seconds
        self.problems: list[Problem] = [] if problems is None else problems
        self.notices: list[str] = [] if notices is None else notices
        self.walked = walked

    def __repr__(self) -> str:
        return "UpdateReport(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__) + ")"

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.moved)
