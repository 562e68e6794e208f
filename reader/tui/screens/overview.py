"""The corpus overview: articles per month as a chart, and the totals behind it.

Everything comes from what the app already holds (``app.library``: the dates column for
the months, and the index's per-source counts), so opening it reads no article file and
builds no row per article. While the loader is still reading, the figures are refreshed every half
second and say that they are partial.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from ...articles import Article
from ...index.model import ArticleRow
from ...safe_text import safe_line
from ..context import ReaderContext
from ..glyphs import glyph
from ..list_model import Library
from ..widgets.bars import TitleBar
from ..widgets.charts import Timeline


@dataclass(frozen=True, slots=True)
class CorpusStats:
    total: int
    dated: int
    first: dt.date | None
    last: dt.date | None
    per_month: dict[tuple[int, int], int]
    sources: list[tuple[str, int]]  # most common first
    unnamed_sources: int  # articles with no source


def corpus_stats(articles: Sequence[Article | ArticleRow], top: int = 5) -> CorpusStats:
    per_month: Counter[tuple[int, int]] = Counter()
    sources: Counter[str] = Counter()
    first: dt.date | None = None
    last: dt.date | None = None
    dated = unnamed = 0
    for article in articles:
        # the library holds index rows (ISO date strings); Article has a date
        day = article.date_value if isinstance(article, ArticleRow) else article.date
        if day is not None:
            dated += 1
            per_month[(day.year, day.month)] += 1
            first = day if first is None or day < first else first
            last = day if last is None or day > last else last
        source = safe_line(article.source or "").strip()
        if source:
            sources[source] += 1
        else:
            unnamed += 1
    return CorpusStats(len(articles), dated, first, last, dict(per_month), sources.most_common(top), unnamed)


def library_stats(library: Library, top: int = 5) -> CorpusStats:
    """``corpus_stats`` from the library's columns: dates as ``YYYYMMDD`` integers and
    counts per source, so 100,000 articles cost no row object each."""
    dated_days = [d for d in library.dates if d]
    first = last = None
    if dated_days:
        lo, hi = min(dated_days), max(dated_days)
        first = dt.date(lo // 10000, lo // 100 % 100, lo % 100)
        last = dt.date(hi // 10000, hi // 100 % 100, hi % 100)
    sources: Counter[str] = Counter()
    unnamed = 0
    for source, count in library.source_counts():
        name = safe_line(source or "").strip()
        if name:
            sources[name] += count
        else:
            unnamed += count
    total = len(library)
    named = sum(sources.values())
    if named + unnamed != total:  # the index moved on since the order was read
        unnamed = max(0, total - named)
    return CorpusStats(total, len(dated_days), first, last, library.month_counts(), sources.most_common(top), unnamed)


def stats_text(stats: CorpusStats, loading: bool = False) -> Text:
    """The totals as Text (source names are data: appended, never markup)."""
    text = Text()
    text.append(f"{stats.total:,}", style="bold")
    text.append(f" article{'s' if stats.total != 1 else ''}")
    text.append(glyph("  ·  ") + f"{stats.dated:,} dated, {stats.total - stats.dated:,} undated")
    if loading:
        text.append(glyph("  ·  still loading: figures so far"), style="italic")
    text.append("\n")
    if stats.first is not None and stats.last is not None:
        text.append("From ")
        text.append(stats.first.isoformat(), style="bold")
        text.append(" to ")
        text.append(stats.last.isoformat(), style="bold")
        text.append(
            glyph("  ·  ") + f"{len(stats.per_month):,} month{'s' if len(stats.per_month) != 1 else ''} with articles"
        )
    else:
        text.append("No dated articles.")
    return text


def sources_text(stats: CorpusStats) -> Text:
    text = Text()
    if not stats.sources:
        text.append("No sources named in the articles.", style="dim")
        return text
    text.append("Top sources", style="bold")
    for name, count in stats.sources:
        text.append("\n  ")
        text.append(f"{count:>6,}  ")
        text.append(name)
    if stats.unnamed_sources:
        text.append(f"\n  {stats.unnamed_sources:>6,}  ", style="dim")
        text.append("(no source)", style="dim")
    return text


class OverviewScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self, context: ReaderContext) -> None:
        super().__init__()
        self.context = context
        self._poll: Timer | None = None
        self.stats: CorpusStats | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title-bar")
        with Vertical(id="overview"):
            yield Static(id="overview-totals")
            yield Static(Text("Articles per month", style="bold"), id="overview-chart-title")
            yield Timeline(id="overview-chart")
            yield Static(id="overview-sources")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_stats()

    def refresh_stats(self) -> None:
        context = self.context
        loading = not context.load.loaded
        self.stats = stats = library_stats(context.library)
        self.query_one(TitleBar).set_parts(context.corpus.name or str(context.corpus), "corpus overview")
        self.query_one("#overview-totals", Static).update(stats_text(stats, loading))
        self.query_one(Timeline).set_counts(stats.per_month)
        self.query_one("#overview-sources", Static).update(sources_text(stats))
        if loading and self._poll is None:
            self._poll = self.set_interval(0.5, self.refresh_stats)
        elif not loading and self._poll is not None:
            self._poll.stop()
            self._poll = None

    def action_back(self) -> None:
        if self.is_active:  # a second Escape in a burst must not pop the screen below
            self.dismiss()
