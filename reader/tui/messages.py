"""Messages the background loader posts to the app (thread-safe via ``post_message``)."""

from __future__ import annotations

from array import array

from textual.message import Message

from ..index.model import UpdateReport
from ..index.worker import Progress
from .loader import Batch


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

    def __init__(self, docs: array[int], ids: list[str], dates: array[int], seconds: float) -> None:
        super().__init__()
        self.docs = docs
        self.ids = ids
        self.dates = dates
        self.seconds = seconds  # how long reading it took (paces the next re-read)


class IndexProgress(Message):
    """A batch of the index update: ids new or changed, ids removed, files done/total."""

    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self.progress = progress


class IndexUpdated(Message):
    """The index update finished (``report``) or failed (``error``)."""

    def __init__(self, report: UpdateReport | None, error: str | None = None) -> None:
        super().__init__()
        self.report = report
        self.error = error
