"""Sentences around a mention: where one starts and ends within its paragraph.

A rule, not a parser: a sentence ends at ``.``, ``!`` or ``?`` (and any closing quotes
or brackets) followed by space and a capital, a digit or an opening quote. A boundary
inside an entity ("U.S. President", "St. Louis") is no boundary: the extractor's spans
are passed in as places never to cut. A very long sentence (a paragraph with no stops)
is cut to a window around its mentions, at spaces, so a dossier quotes, not copies.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9À-Þ])")
WINDOW = 160  # characters either side of the mentions in an over-long sentence
LONG = 600


def sentence_cuts(
    text: str, start: int, end: int, protected: Sequence[tuple[int, int]], starts: Sequence[int]
) -> list[int]:
    """Where the sentences of ``text[start:end]`` (one paragraph) end: the offset after
    each sentence's stop and the spaces that follow it, the paragraph's own end left out.
    ``protected`` spans (sorted by start; ``starts`` their starts) are never cut."""
    cuts: list[int] = []
    for match in _END.finditer(text, start, end):
        cut = match.start() + 1
        i = bisect_right(starts, cut) - 1
        if i >= 0 and protected[i][0] < cut < protected[i][1]:
            continue  # a full stop inside an entity's name
        if match.end() < end:
            cuts.append(match.end())
    return cuts


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start, end`` moved inwards past any space at either edge."""
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip())
    return start, start + len(piece.strip())


def window(text: str, start: int, end: int, first: int, last: int) -> tuple[int, int]:
    """``(start, end)`` cut to about ``WINDOW`` characters either side of ``first..last``
    (the mentions in it), at spaces, when the sentence is longer than ``LONG``."""
    if end - start <= LONG:
        return start, end
    lo = max(start, first - WINDOW)
    hi = min(end, last + WINDOW)
    if lo > start:
        space = text.find(" ", lo, first)
        lo = space + 1 if space >= 0 else lo
    if hi < end:
        space = text.rfind(" ", last, hi)
        hi = space if space >= 0 else hi
    return lo, hi
