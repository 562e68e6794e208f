"""The mentions view: one entity across the corpus, from the index.

Who it is (key, type, the other names folded into it), every article mentioning it newest
first with counts (Enter opens one), a timeline of mentions, and the entities most often
mentioned alongside (Enter opens theirs). The query runs in a worker so the screen is up
at once even when the entity is everywhere.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ...index import Mentions
from ...safe_text import safe_line
from ..context import ReaderContext
from ..dossier_writer import DossierWriter
from ..entity_colors import entity_style, label_name
from ..glyphs import glyph
from ..messages import OpenArticle, ShowMentions
from ..widgets.bars import StatusLine, TitleBar
from ..widgets.line_option_list import LineOptionList

ARTICLE_LIMIT = 200
BLOCKS = " ▁▂▃▄▅▆▇█"


def _chart() -> Static | Widget:
    """The shared chart widget (reader/tui/widgets/charts.py) when present, else a Static
    for the built-in sparkline."""
    try:
        from ..widgets.charts import Timeline
    except ImportError:
        return Static(id="mentions-chart")
    return Timeline(id="mentions-chart")


def _bucket(period: str) -> tuple[int, int]:
    """``2022-W17`` or ``2022-04`` as the chart's (year, week|month) bucket."""
    year, _, rest = period.partition("-")
    return int(year), int(rest.lstrip("W"))


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def sparkline(counts: Sequence[int], width: int) -> tuple[str, int]:
    """Block characters for ``counts`` squeezed into ``width`` cells (neighbouring periods
    summed when there are more than cells); also how many periods each cell holds."""
    if not counts or width <= 0:
        return "", 1
    per = max(1, -(-len(counts) // width))
    cells = [sum(counts[i : i + per]) for i in range(0, len(counts), per)]
    top = max(cells) or 1
    return glyph("".join(BLOCKS[0 if c == 0 else max(1, round(c / top * (len(BLOCKS) - 1)))] for c in cells)), per


def timeline_text(mentions: Mentions, width: int) -> Text:
    """The timeline as a one-line chart with its first and last period under it."""
    periods = [p for p, _ in mentions.timeline]
    counts = [c for _, c in mentions.timeline]
    text = Text()
    if not counts:
        text.append("No dated mentions to draw.", style="dim")
        return text
    line, per = sparkline(counts, max(10, width))
    unit = mentions.granularity if per == 1 else f"{per} {mentions.granularity}s"
    text.append(f"Mentions by {unit} (peak {max(counts):,} per {mentions.granularity})\n", style="dim")
    text.append(line, style="bold")
    text.append("\n")
    first, last = periods[0], periods[-1]
    gap = max(1, len(line) - len(first) - len(last))
    text.append(first + " " * gap + last if len(periods) > 1 else first, style="dim")
    return text


class MentionsScreen(Screen[None]):
    """``MentionsScreen(key, label)``: the label narrows the lookup when it is known."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
        Binding("j", "entries_down", "Down", show=False, id="down"),
        Binding("k", "entries_up", "Up", show=False, id="up"),
        Binding("enter", "open_entry", "Open article / entity", show=False, id="open"),
        Binding("tab", "app.focus_next", "Articles / entities", id="switch"),
        Binding("d", "dossier", "Write a dossier", show=False, id="dossier"),
    ]

    DEFAULT_CSS = """
    MentionsScreen #mentions-head { height: auto; padding: 0 1; }
    MentionsScreen #mentions-chart { height: 6; padding: 0 1; }
    MentionsScreen Static#mentions-chart { height: auto; }
    MentionsScreen #mentions-main { height: 1fr; }
    MentionsScreen #mention-articles { width: 1fr; }
    MentionsScreen #co-side { width: 36; }
    MentionsScreen #co-mentions { height: 1fr; }
    MentionsScreen .mentions-caption { padding: 0 1; color: $text-muted; }
    """

    def __init__(self, context: ReaderContext, key: str, label: str | None = None) -> None:
        super().__init__()
        self.context = context
        self.key = key
        self.label = label or None
        self.result: Mentions | None = None
        self.loaded = False
        self.writer = DossierWriter(self, context)

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title-bar")
        yield Static(id="mentions-head")
        yield _chart()
        yield Static(id="mentions-chart-caption", classes="mentions-caption")
        with Horizontal(id="mentions-main"):
            with Vertical():
                yield Static(Text("Articles, newest first"), classes="mentions-caption")
                yield LineOptionList(id="mention-articles")
            with Vertical(id="co-side"):
                yield Static(Text("Mentioned alongside"), classes="mentions-caption", id="co-caption")
                yield LineOptionList(id="co-mentions")
        yield StatusLine(id="status")
        yield Footer()

    @property
    def articles(self) -> OptionList:
        return self.query_one("#mention-articles", OptionList)

    @property
    def co_mentions(self) -> OptionList:
        return self.query_one("#co-mentions", OptionList)

    def on_mount(self) -> None:
        self.query_one(TitleBar).set_parts("Mentions", self.key, glyph("looking up…"))
        self.articles.focus()
        self.run_worker(self._fetch, thread=True, exclusive=True, group="mentions")

    def _fetch(self) -> None:
        source = self.context.source
        error: str | None = None
        found: Mentions | None = None
        corrections = self.context.userdata.corrections
        try:
            found = source.mentions(self.key, self.label, ARTICLE_LIMIT, corrections)
            if found is None and self.label is not None:
                # another backend may type it otherwise
                found = source.mentions(self.key, None, ARTICLE_LIMIT, corrections)
        except (sqlite3.Error, OSError) as exc:
            error = str(exc)
        with contextlib.suppress(RuntimeError):  # the app is closing
            self.app.call_from_thread(self._fill, found, error)

    def _fill(self, found: Mentions | None, error: str | None) -> None:
        if not self.is_attached:
            return  # dismissed while the lookup ran
        self.result, self.loaded = found, True
        status = self.query_one(StatusLine)
        if found is None:
            self.query_one(TitleBar).set_parts("Mentions", self.key)
            reason = (
                f"cannot look it up: {error}"
                if error
                else "not in the index (only names are indexed, not dates or numbers)"
            )
            self.query_one("#mentions-head", Static).update(Text(safe_line(f"{self.key}: {reason}")))
            status.say("Escape goes back.")
            return
        dark = self.app.current_theme.dark
        self.query_one(TitleBar).set_parts(
            "Mentions", found.key, _count(found.total_articles, "article"), _count(found.total_mentions, "mention")
        )
        head = Text()
        head.append(safe_line(found.key), style=entity_style(found.label, dark) + Style(bold=True))
        head.append(f"  {label_name(found.label)}", style="dim")
        others = [k for k in found.keys if k != found.key]
        if others:
            head.append("\nalso as ", style="dim")
            head.append(", ".join(safe_line(k) for k in others[:8]) + (glyph(" …") if len(others) > 8 else ""))
        self.query_one("#mentions-head", Static).update(head)
        self._draw_chart()
        options = []
        for mention in found.articles:
            row = mention.row
            prompt = Text(f"{row.date or 'undated':<10}  ", style="dim")
            prompt.append(safe_line(row.title) or "(untitled)")
            prompt.append(f"  {glyph('×')}{mention.count}", style="bold")
            options.append(Option(prompt, id=row.id))
        self.articles.set_options(options)
        if options:
            self.articles.highlighted = 0
        co: list[Option] = []
        for other in found.co_mentions:
            prompt = Text(safe_line(other.key), style=entity_style(other.label, dark))
            prompt.append(f"  {other.articles:,}", style="dim")
            co.append(Option(prompt, id=f"co:{len(co)}"))
        self.co_mentions.set_options(co or [Option(Text("none", style="dim"), disabled=True)])
        if co:
            self.co_mentions.highlighted = 0
        if found.co_window < found.total_articles:  # say the side list's counts are partial
            caption = f"Mentioned alongside (in the newest {found.co_window:,} articles)"
            self.query_one("#co-caption", Static).update(Text(caption))
        shown = len(found.articles)
        more = f" (the newest {shown:,} listed)" if shown < found.total_articles else ""
        status.say(
            f"{_count(found.total_articles, 'article')}{more}"
            + glyph(" · Enter opens · Tab switches lists · Escape goes back")
        )

    def _draw_chart(self) -> None:
        found = self.result
        if found is None:
            return
        chart = self.query_one("#mentions-chart")
        if isinstance(chart, Static):  # no charts module: a one-line sparkline
            width = max(10, self.size.width - 2) if self.size.width else 60
            chart.update(timeline_text(found, width))
            return
        by = "week" if found.granularity == "week" else "month"
        counts = {_bucket(period): count for period, count in found.timeline}
        chart.set_counts(counts, by)  # type: ignore[attr-defined]
        caption = f"mentions by {by}" if counts else "no dated mentions"
        self.query_one("#mentions-chart-caption", Static).update(Text(caption))

    def on_resize(self) -> None:
        self._draw_chart()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option_list, event.option_index)

    def action_open_entry(self) -> None:
        focused = self.focused
        if isinstance(focused, OptionList) and focused.highlighted is not None:
            self._open(focused, focused.highlighted)

    def _open(self, options: OptionList, index: int) -> None:
        if self.result is None:
            return
        if options.id == "co-mentions":
            if 0 <= index < len(self.result.co_mentions):
                other = self.result.co_mentions[index]
                self.post_message(ShowMentions(other.key, other.label))
            return
        option_id = options.get_option_at_index(index).id
        if option_id:
            self.post_message(OpenArticle(option_id))

    def action_entries_down(self) -> None:
        if isinstance(self.focused, OptionList):
            self.focused.action_cursor_down()

    def action_entries_up(self) -> None:
        if isinstance(self.focused, OptionList):
            self.focused.action_cursor_up()

    def action_dossier(self) -> None:
        """Write this entity's dossier (every article, not only the newest listed here)."""
        if self.result is not None:
            self.writer.write(self.result.key, self.result.label)
        else:
            self.writer.write(self.key, self.label)

    def action_back(self) -> None:
        if self.is_active:  # a second Escape in a burst must not pop the screen below
            self.dismiss()
