"""The feeds screen (``F``): the subscriptions, each with its last fetch, entry count and
error; ``a`` subscribes to a URL, ``d`` unsubscribes, ``R`` fetches them all.

Subscriptions are user data: they are written through the context's ``UserData`` (the
store, ARCHITECTURE.md §2.2). Fetching is the app's job (a worker); the screen posts
``FetchFeeds`` and the app calls ``refresh_feeds`` as feeds come in. Feed titles, URLs and
error text come from strangers' servers, so each row is a ``Text`` built from ``safe_line``
with styles as spans (§2.1).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from ...safe_text import safe_line
from ...store import Feed
from ..context import ReaderContext
from ..glyphs import glyph
from ..messages import FeedsChanged, FetchFeeds
from ..userdata import UserDataError
from .confirm import ConfirmScreen


def feed_row(feed: Feed) -> Text:
    """Two lines: the title and URL, then the last fetch, the entries and the status."""
    row = Text()
    row.append(safe_line(feed.title or "(no title yet)"), style="bold")
    row.append("  " + safe_line(feed.url), style="dim")
    when = (feed.last_fetch or "")[:16].replace("T", " ") or "never fetched"
    row.append(f"\n  {when}" + glyph(" · ") + f"{feed.entries} entries")
    if feed.last_status == "error":
        row.append(glyph(" · error: ") + safe_line(feed.last_error or "unknown"), style="red")
    elif feed.last_status:
        row.append(glyph(" · ") + ("not modified" if feed.last_status == "unchanged" else "ok"))
    if feed.full_text:
        row.append(glyph(" · full text"))
    return row


class FeedsScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
        Binding("a", "add_feed", "Add feed", id="add_feed"),
        Binding("d", "remove_feed", "Remove feed", id="remove_feed"),
        Binding("R", "fetch_feeds", "Fetch all", id="fetch_feeds"),
    ]

    def __init__(self, context: ReaderContext) -> None:
        super().__init__()
        self.context = context
        self._list = OptionList(id="feed-list")
        self._status = Static(id="feeds-status")
        self._urls: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(Text("Feeds", style="bold"), id="feeds-heading")
        yield self._list
        yield self._status
        yield Footer()

    def on_mount(self) -> None:
        self._fill()
        self._list.focus()

    def refresh_feeds(self) -> None:
        """Re-read the subscriptions and the fetch's progress (safe before mount: then
        ``on_mount`` fills the list)."""
        if self.is_mounted:
            self._fill()

    def _fill(self) -> None:
        feeds = self.context.userdata.feeds()
        keep = self._list.highlighted
        self._urls = [f.url for f in feeds]
        self._list.clear_options()
        self._list.add_options([Option(feed_row(f)) for f in feeds])
        if feeds:
            self._list.highlighted = min(keep or 0, len(feeds) - 1)
        state = self.context.feeds
        if state.running:
            status = f"fetching {state.done}/{state.total} feeds" + glyph(" · ") + f"{state.new} new articles"
        elif not feeds:
            status = "No feeds yet: a adds one (or `reader feeds import FILE.opml`)."
        else:
            status = f"{len(feeds)} feed{'s' if len(feeds) != 1 else ''}" + glyph(" · R fetches them all")
        self._status.update(Text(status))

    @property
    def selected_url(self) -> str | None:
        index = self._list.highlighted
        return self._urls[index] if index is not None and 0 <= index < len(self._urls) else None

    def action_back(self) -> None:
        if self.is_active:
            self.dismiss(None)

    def action_fetch_feeds(self) -> None:
        self.post_message(FetchFeeds())

    def action_add_feed(self) -> None:
        from ...feeds.http import FetchError, check_url  # the HTTP code loads only when used

        def added(url: str | None) -> None:
            if not url:
                return
            try:
                checked = check_url(url)
                fresh = self.context.userdata.add_feed(checked)
            except (FetchError, UserDataError) as exc:
                self.notify(safe_line(str(exc)), title="Feed not added", severity="error", markup=False)
                return
            if not fresh:
                self.notify("Already subscribed to that feed.", markup=False)
            self.refresh_feeds()
            self.post_message(FeedsChanged())

        self.app.push_screen(UrlPrompt(), added)

    def action_remove_feed(self) -> None:
        url = self.selected_url
        if url is None:
            self.app.bell()
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.context.userdata.remove_feed(url)
            except UserDataError as exc:
                self.notify(safe_line(str(exc)), title="Feed not removed", severity="error", markup=False)
                return
            self.refresh_feeds()
            self.post_message(FeedsChanged())

        question = f"Unsubscribe from {safe_line(url)}? Its articles stay in the library."
        self.app.push_screen(ConfirmScreen(question, "Unsubscribe", "Keep"), answered)


class UrlPrompt(ModalScreen[str | None]):
    """Asks for a feed's address; Enter answers, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text("Subscribe to the feed at (http or https):"), id="question")
            yield Input(placeholder="https://example.org/feed.xml", id="feed-url")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.is_active:
            self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        if self.is_active:
            self.dismiss(None)
