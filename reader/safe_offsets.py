"""The sanitiser with its offset map, for text whose raw offsets must still be found
after sanitising (ARCHITECTURE.md §2.1): entity and note offsets index the raw file text.

The sequences removed are ``safe_text``'s, so ``sanitize(t).text == safe_text(t)``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from .safe_text import SEQUENCE


@dataclass(frozen=True, slots=True)
class SafeText:
    """Sanitised text plus the map from raw offsets to offsets in ``text``."""

    text: str
    _raw_starts: tuple[int, ...]  # raw offset where each removed run starts
    _removed_before: tuple[int, ...]  # characters removed up to and including that run
    _raw_ends: tuple[int, ...]

    def offset(self, raw: int) -> int:
        """Where raw offset ``raw`` lands in the clean text (removed chars collapse)."""
        index = bisect.bisect_right(self._raw_starts, raw) - 1
        if index < 0:
            return raw
        if raw < self._raw_ends[index]:  # inside a removed run: snap to its start
            removed_before_run = self._removed_before[index] - (self._raw_ends[index] - self._raw_starts[index])
            return self._raw_starts[index] - removed_before_run
        return raw - self._removed_before[index]


def sanitize(text: str) -> SafeText:
    """Sanitise and keep an offset map (see ``SafeText.offset``)."""
    starts: list[int] = []
    ends: list[int] = []
    removed: list[int] = []
    pieces: list[str] = []
    total = 0
    pos = 0
    for match in SEQUENCE.finditer(text):
        if match.end() == match.start():
            continue
        pieces.append(text[pos : match.start()])
        total += match.end() - match.start()
        starts.append(match.start())
        ends.append(match.end())
        removed.append(total)
        pos = match.end()
    if not starts:
        return SafeText(text, (), (), ())
    pieces.append(text[pos:])
    return SafeText("".join(pieces), tuple(starts), tuple(removed), tuple(ends))
