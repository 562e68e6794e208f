"""The messages of the TUI: what the loaders post to the app, and what screens post up.

Screens never call the app (ARCHITECTURE.md §4): when something should happen beyond the
screen itself they post one of these, it bubbles from the screen to the app, and the app
routes it. Background workers post the loading messages (``post_message`` is thread-safe).
"""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING

from textual.message import Message

from ..articles import Article
from ..index.model import UpdateProgress, UpdateReport
from .loader import Batch

if TYPE_CHECKING:  # the HTTP code loads only when feeds are fetched, not at every start
    from ..feeds.fetch import Outcome

# -- from the background loaders ---------------------------------------------------------


class BatchLoaded(Message):
    def __init__(self, batch: Batch) -> None:
        super().__init__()
        self.batch = batch


class LoadFailed(Message):
    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class OrderLoaded(Message):
    """The whole list order of the index, in compact columns (``CorpusIndex.list_order``),
    read in a worker after the first screenful was painted, and after update batches."""

    def __init__(
        self, docs: array[int], ids: list[str], dates: array[int], seconds: float, by_id: array[int] | None = None
    ) -> None:
        super().__init__()
        self.docs = docs
        self.ids = ids
        self.dates = dates
        self.by_id = by_id  # the places sorted by id (``id_order``), sorted in the worker too
        self.seconds = seconds  # how long reading it took (paces the next re-read)


class IndexProgress(Message):
    """A batch of the index update: ids new or changed, ids removed, files done/total."""

    def __init__(self, progress: UpdateProgress) -> None:
        super().__init__()
        self.progress = progress


class IndexUpdated(Message):
    """The index update finished (``report``) or failed (``error``)."""

    def __init__(self, report: UpdateReport | None, error: str | None = None) -> None:
        super().__init__()
        self.report = report
        self.error = error


# -- from the screens, for the app to route ------------------------------------------------


class OpenArticle(Message):
    """Show this article (read from its file), at ``paragraph`` or where the reader left
    it. However many arrive in a burst, the article screen ends up showing the last one."""

    def __init__(self, article_id: str, paragraph: int | None = None) -> None:
        super().__init__()
        self.article_id = article_id
        self.paragraph = paragraph


class ArticleShown(Message):
    """The article screen now shows ``article`` (opened, or stepped to with ``[``/``]``):
    the list's cursor follows it and its neighbours are read ahead."""

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article


class ShowMentions(Message):
    """Open the corpus-wide mentions view of an entity."""

    def __init__(self, key: str, label: str | None = None) -> None:
        super().__init__()
        self.key = key
        self.label = label


class MarksChanged(Message):
    """A bookmark or a note was written: every list, header and notes view repaints."""


class FetchFeeds(Message):
    """Fetch every subscribed feed into the library (``R``), in a worker."""


class FeedFetched(Message):
    """One feed of a running fetch is done (posted from the fetch worker)."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__()
        self.outcome = outcome


class FeedsFetched(Message):
    """The fetch is over: every feed's outcome, or why it could not run at all."""

    def __init__(self, outcomes: list[Outcome], error: str | None = None) -> None:
        super().__init__()
        self.outcomes = outcomes
        self.error = error


class FeedsChanged(Message):
    """A subscription was added or removed (the feeds screen), or a fetch recorded."""
