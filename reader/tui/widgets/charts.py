"""Charts in the terminal: counts per month (or week) as block-character bars.

``render_timeline`` is the function: it takes counts keyed by date (bucketed here) or by a
``(year, month)`` pair and returns a Rich ``Text`` a given number of cells wide, with the
largest count on the left axis and the first and last period under the bars. ``Timeline``
is the widget that fills its own size with it. Both are used by the corpus overview and
can be used by any view that has dated counts (an entity's mentions, a search).

Only ``Text.append`` builds the output, never markup, so a label can hold anything. The
characters are block elements (U+2581-2588) and a box-drawing axis; no colour is needed to
read the chart. On a plain terminal (reader/tui/glyphs.py) they become an ASCII ramp
(``.,:-=+*#``) and ``|``, so the bars keep their heights.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Literal, TypeAlias

from rich.style import Style, StyleType
from rich.text import Text
from textual.widget import Widget

from ..glyphs import glyph

Bucket: TypeAlias = tuple[int, int]  # (year, month) or (ISO year, ISO week)
Counts: TypeAlias = "Mapping[dt.date, int] | Mapping[tuple[int, int], int]"
By: TypeAlias = Literal["month", "week"]

EIGHTHS = " ▁▂▃▄▅▆▇█"
AXIS = "│"
MAX_BAR_CELLS = 3  # a few buckets on a wide screen get bars this wide, not one huge block


def bucket_of(day: dt.date, by: By = "month") -> Bucket:
    if by == "week":
        year, week, _ = day.isocalendar()
        return (year, week)
    return (day.year, day.month)


def _next(bucket: Bucket, by: By) -> Bucket:
    year, n = bucket
    if by == "week":
        monday = dt.date.fromisocalendar(year, n, 1) + dt.timedelta(days=7)
        iso = monday.isocalendar()
        return (iso[0], iso[1])
    return (year + 1, 1) if n == 12 else (year, n + 1)


def bucket_label(bucket: Bucket, by: By = "month") -> str:
    year, n = bucket
    return f"{year}-W{n:02d}" if by == "week" else f"{year}-{n:02d}"


def bucket_counts(counts: Counts, by: By = "month") -> list[tuple[Bucket, int]]:
    """Every bucket from the first to the last (empty ones as 0), in time order."""
    summed: dict[Bucket, int] = {}
    items: list[tuple[dt.date | Bucket, int]] = list(counts.items())
    for key, count in items:
        bucket = bucket_of(key, by) if isinstance(key, dt.date) else (int(key[0]), int(key[1]))
        summed[bucket] = summed.get(bucket, 0) + max(0, int(count))
    if not summed:
        return []
    first, last = min(summed), max(summed)
    out: list[tuple[Bucket, int]] = []
    bucket = first
    while bucket <= last:
        out.append((bucket, summed.get(bucket, 0)))
        bucket = _next(bucket, by)
    return out


def render_timeline(
    counts: Counts,
    width: int,
    *,
    height: int = 4,
    by: By = "month",
    bar_style: StyleType = "",
    axis_style: StyleType = "dim",
    empty: str = "no dated items",
) -> Text:
    """Bars for ``counts``, at most ``width`` cells wide and ``height`` + 1 lines high.

    Buckets run from the first to the last key with empty ones shown as gaps. When there
    are more buckets than columns, neighbours are summed (the first and last labels stay
    exact). A non-zero count always shows at least a sliver, so one article in a busy
    corpus is not lost.
    """
    width = max(1, width)
    height = max(1, height)
    buckets = bucket_counts(counts, by)
    if not buckets:
        return Text(empty[:width], style=axis_style, no_wrap=True)
    peak = sum(c for _, c in buckets)  # wide enough for any summed column
    gutter = len(f"{peak:,}") + 1  # the largest count, then the axis
    if width < gutter + 2:
        gutter = 0  # too narrow for an axis: bars only
    room = max(1, width - gutter)
    group = math.ceil(len(buckets) / room)
    columns = [sum(c for _, c in buckets[i : i + group]) for i in range(0, len(buckets), group)]
    top = max(columns) or 1
    cells = max(1, min(MAX_BAR_CELLS, room // len(columns)))
    levels = [0 if c <= 0 else max(1, round(c / top * height * 8)) for c in columns]

    text = Text(no_wrap=True, overflow="crop", end="")
    for row in range(height):
        floor = (height - 1 - row) * 8
        if gutter:
            label = f"{top:,}" if row == 0 else ("0" if row == height - 1 else "")
            text.append(label.rjust(gutter - 1) + glyph(AXIS), style=axis_style)
        bar = glyph("".join(EIGHTHS[max(0, min(8, level - floor))] * cells for level in levels))
        text.append(bar, style=bar_style)
        text.append("\n")
    span = len(columns) * cells
    first, last = bucket_label(buckets[0][0], by), bucket_label(buckets[-1][0], by)
    axis = " " * gutter + first
    if last != first and len(axis) + 2 + len(last) <= width:
        # under the end of the bars, or just after the first label when the bars are short
        axis = axis + " " * max(2, gutter + span - len(axis) - len(last)) + last
    text.append(axis[:width], style=axis_style)
    return text


class Timeline(Widget):
    """A chart that fills its width and height (one line goes to the period labels)."""

    DEFAULT_CSS = """
    Timeline { height: 6; min-height: 2; }
    Timeline > .timeline--bars { color: $accent; }
    Timeline > .timeline--axis { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"timeline--bars", "timeline--axis"}

    def __init__(self, counts: Counts | None = None, *, by: By = "month", id: str | None = None) -> None:
        super().__init__(id=id)
        self.counts: Counts = dict(counts or {})
        self.by: By = by

    def set_counts(self, counts: Counts, by: By | None = None) -> None:
        self.counts = dict(counts)
        if by is not None:
            self.by = by
        self.refresh()

    def render(self) -> Text:
        size = self.content_size
        bars: Style = self.get_component_rich_style("timeline--bars", partial=True)
        axis: Style = self.get_component_rich_style("timeline--axis", partial=True)
        return render_timeline(
            self.counts, size.width or 40, height=max(1, (size.height or 5) - 1), by=self.by,
            bar_style=bars, axis_style=axis,
        )  # fmt: skip
