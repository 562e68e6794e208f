"""Messages the background loader posts to the app (thread-safe via ``post_message``)."""

from __future__ import annotations

from textual.message import Message

from .loader import Batch


class BatchLoaded(Message):
    def __init__(self, batch: Batch) -> None:
        super().__init__()
        self.batch = batch


class LoadFailed(Message):
    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason
