"""The reader app: builds the shared state, composes the screens and routes what they post.

Screens never reach into the app (ARCHITECTURE.md §4). Each is given the ``ReaderContext``
(the list, the user data, the article source, the entities) and posts a message when
something should happen beyond it: ``OpenArticle``, ``ShowMentions``, ``ArticleShown``,
``MarksChanged``. What is left here is what only the app can do: start loading the corpus
(the index update itself runs in ``reader.index.background``), fold the loaders' messages
into the list, route the screens' messages, and quit.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from rich.text import Text
from textual import work
from textual.app import App, ScreenStackError, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import get_current_worker

from ..articles import Article, Problem, row_of_article
from ..articles.problems import CorpusError
from ..articles.scan import with_walk_problems
from ..config import Config
from ..errors import ReaderError
from ..index.background import BackgroundUpdate, UpdateCancelled
from ..index.model import ArticleRow
from ..index.worker import WorkerError
from ..keymap import check_keymap
from ..locations import default_library_path, default_store_path, styles_dir
from ..safe_text import safe_line, safe_text
from ..store import Feed
from . import flows
from .context import ReaderContext
from .entity_colors import LABELS
from .entity_source import EntitySource
from .glyphs import choose as choose_glyphs
from .heap import freeze_startup_heap
from .list_model import Library, id_order
from .loader import load_corpus
from .messages import (
    ArticleShown,
    BatchLoaded,
    FeedFetched,
    FeedsChanged,
    FeedsFetched,
    FetchFeeds,
    IndexProgress,
    IndexUpdated,
    LoadFailed,
    MarksChanged,
    OpenArticle,
    OrderLoaded,
    ShowMentions,
)
from .plain_chrome import dress, key_display
from .screens.help import HelpScreen, key_label
from .screens.library import LibraryScreen
from .source import ArticleSource
from .terminal import wants_no_colour
from .userdata import UserData
from .widgets.article_list import ArticleList

if TYPE_CHECKING:
    from .screens.note_editor import NoteEditor

S = TypeVar("S", bound=Screen[Any])


class ReaderApp(App[int]):
    CSS_PATH = [str(styles_dir() / "reader.tcss")]
    TITLE = "reader"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
    ]

    def __init__(
        self,
        corpus: Path,
        store_path: Path | None = None,
        config: Config | None = None,
        warnings: list[str] | None = None,
        feed_library: Path | None = None,
    ) -> None:
        freeze_startup_heap()  # the imports' objects: no full collection walks them (heap.py)
        # Without colour (NO_COLOR, a dumb terminal) ask for Textual's ANSI mode: no colour
        # escapes at all, and cursors in reverse video (see reader/tui/terminal.py).
        super().__init__(ansi_color=True if wants_no_colour() else None)
        choose_glyphs()  # Unicode marks, or ASCII on a plain terminal (reader/tui/glyphs.py)
        dress(self)  # and Textual's own keys, scrollbars and borders to match
        self.corpus = corpus
        self.store_path = store_path or default_store_path()
        self.config = config or Config()
        self.warnings = list(warnings or [])
        shown = self.config.show
        # Only the remaps that name a real binding and take no other action's key are applied;
        # the rest keep their defaults and are reported with the other config warnings.
        where = str(self.config.path) if self.config.path else "config"
        keymap = check_keymap(self.config.keys, self.config.key_lines, where)
        self.warnings.extend(keymap.warnings)
        userdata = UserData(self.store_path)
        self.context = ReaderContext(
            corpus=corpus,
            library=Library(),
            userdata=userdata,
            entities=EntitySource(self.config.backend, corrections=lambda: userdata.corrections),
            hidden_types=frozenset() if shown is None else frozenset(LABELS) - frozenset(shown),
            keymap=dict(keymap.valid),
            feed_library=feed_library or default_library_path(),
        )
        if keymap.valid:
            self.set_keymap(keymap.valid)
        if self.config.theme:
            if self.config.theme in self.available_themes:
                self.theme = self.config.theme
            else:
                self.warnings.append(f"unknown theme {self.config.theme!r} in the config; using the default")
        self._update: BackgroundUpdate | None = None  # the index update, while it runs
        self._changed_ids: set[str] = set()  # changed by update batches, not yet re-read
        self._order_stale = False  # a batch changed the index since the order was read
        self._reordering = False  # a re-read of the order is scheduled or running
        self._order_cost = 0.0  # seconds the last re-read of the order took
        self._report: IndexUpdated | None = None  # the update's end, once it came
        self._indexing = False  # an index update is running (one at a time)
        self._reindex = False  # files landed (a feed fetch) while it ran: update again after
        self._entities_read = 0.0  # when open entity browsers last re-read the list (monotonic)
        self.title = f"reader: {safe_line(corpus.name or str(corpus))}"

    # The shared state, by the names scripts and tests know it.
    @property
    def library(self) -> Library:
        return self.context.library

    @property
    def userdata(self) -> UserData:
        return self.context.userdata

    @property
    def entities(self) -> EntitySource:
        return self.context.entities

    @property
    def source(self) -> ArticleSource:
        return self.context.source

    @property
    def loaded(self) -> bool:
        return self.context.load.loaded

    @property
    def problems(self) -> list[Problem]:
        return self.context.load.problems

    # -- start-up and loading -----------------------------------------------------------
    def get_key_display(self, binding: Binding) -> str:
        return key_display(super().get_key_display(binding))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Toasts carry file names and error text, so they are never markup (ARCHITECTURE.md
        §2.1): Textual's default would run ``[@click=...]`` from a file name. Every message
        is sanitised here too, whoever calls."""
        super().notify(safe_text(message), title=safe_line(title), severity=severity, timeout=timeout, markup=False)

    def action_help_quit(self) -> None:
        """Ctrl+C (Textual's reminder that it does not quit): say which key does, in plain
        text. Textual's own toast is markup, which ``notify`` above never renders."""
        quits = [(active.binding.id != "quit", key) for key, active in self.active_bindings.items()
                 if active.binding.action in ("quit", "app.quit")]  # fmt: skip
        keys = [key for _, key in sorted(quits)]  # the reader's own (remappable) quit key first
        if keys:
            self.notify(f"Press {key_label(keys[0])} to quit the reader.", title="Do you want to quit?")

    def on_mount(self) -> None:
        self.push_screen(LibraryScreen(self.context))
        self._start()
        if self.userdata.corrupt:
            self.call_after_refresh(flows.offer_store_reset, self, self.userdata, str(self.store_path))
        for warning in self.warnings:
            self.notify(safe_line(warning), title="Config", severity="warning", timeout=15)

    def _start(self) -> None:
        """Warm start: paint the first screenful of rows straight from the index (no
        article file is read), then read the whole list order (compact columns) and
        catch up with the folder in a worker process. Without a usable index, fall back
        to reading every file."""
        source, reason = ArticleSource.open(self.corpus)
        first: list[ArticleRow] = []
        if source.index is not None:
            try:
                first = source.first_rows(FIRST_ROWS)
                self.context.load.problems = source.index.problems()
            except sqlite3.Error as exc:
                source.close()
                source, reason = ArticleSource(None), f"the index cannot be read ({exc}); reading the files directly"
        self.context.source = source
        if source.index is None:
            self.context.load.indexing = False
            self.notify(safe_line(reason or "no index"), title="Index", severity="warning", timeout=15)
            self._load()
            self._refresh_bars()
            return
        self.library.fetcher = source
        for notice in source.index.notices:
            self.notify(safe_line(notice), title="Index", timeout=10)
        if first:
            self.library.seed(first)
            self._rows_changed()
        self._refresh_bars()
        # After the first paint: reading the order (a Python loop over every row) and
        # starting the update process would compete with it for the GIL and the CPU.
        self._indexing = True
        self.call_after_refresh(self._index_worker, len(first) == FIRST_ROWS)

    @work(thread=True, exclusive=True, group="load")
    def _index_worker(self, more: bool) -> None:
        worker = get_current_worker()
        index = self.source.index
        assert index is not None
        update = BackgroundUpdate(index, self.source.lock)
        self._update = update
        try:
            if more:
                self._post_order()
            if worker.is_cancelled:
                return
            report = update.run(lambda step: void(self.post_message(IndexProgress(step))))
        except UpdateCancelled:
            return
        except (WorkerError, CorpusError, OSError, sqlite3.Error) as exc:
            if not worker.is_cancelled:
                self.post_message(IndexUpdated(None, str(exc)))
            return
        finally:
            self._update = None
        if update.replaced:
            self._post_order()  # the worker rebuilt a damaged database
        self.post_message(IndexUpdated(report))

    def _stop_update(self) -> None:
        """Quitting: stop the update (what it committed stays)."""
        self.workers.cancel_group(self, "load")
        update = self._update
        if update is not None:
            update.stop()

    def _post_order(self) -> None:
        started = time.perf_counter()
        docs, ids, dates = self.source.list_order()
        by_id = id_order(ids)  # here, not on the UI thread: sorting 100,000 ids takes 0.1 s
        self.post_message(OrderLoaded(docs, ids, dates, time.perf_counter() - started, by_id))

    def on_order_loaded(self, message: OrderLoaded) -> None:
        self.library.set_order(message.docs, message.ids, message.dates, message.by_id)
        self._order_cost = message.seconds
        self._reordering = False
        self._rows_changed()
        if self._order_stale:
            self._schedule_reorder()
        elif self._report is not None:
            self._finish_update()

    def on_index_progress(self, message: IndexProgress) -> None:
        """An update batch is committed: what changed is re-read from the database, the
        whole order at once (a few times a second at most: it re-lays the list)."""
        step = message.progress
        load = self.context.load
        load.done, load.total = step.done, step.total
        load.phase = step.phase
        if step.changed or step.removed:
            self._changed_ids.update(step.changed)
            self._changed_ids.update(step.removed)
            self._order_stale = True
            self._schedule_reorder()
        if (step.changed or step.removed or step.phase == "entities") and (
            time.monotonic() - self._entities_read >= ENTITIES_INTERVAL
        ):
            self._entities_changed()  # a cold build writes entities in both passes
        self._refresh_bars()

    def _entities_changed(self, changed: bool = True) -> None:
        """Open entity browsers read their list again (an update wrote entities), or
        only say how far the update got (``changed`` False: it ended, writing none)."""
        from .screens.entity_browser import EntityBrowserScreen

        self._entities_read = time.monotonic()
        for screen in self._screens(EntityBrowserScreen):
            if changed:
                screen.entities_changed()
            else:
                screen.show_status()

    def _schedule_reorder(self) -> None:
        if self._reordering:
            return  # the one running re-checks when done
        self._reordering = True
        delay = max(MERGE_INTERVAL, 3 * self._order_cost) if len(self.library) and self._report is None else 0
        if delay:
            self.set_timer(delay, self._reorder)
        else:
            self._reorder()  # cold start (show the first rows at once) or the last batch

    def _reorder(self) -> None:
        changed, self._changed_ids = self._changed_ids, set()
        self._order_stale = False
        self.source.forget(changed)
        self.library.forget(changed)
        self.run_worker(self._post_order, thread=True, group="order")

    def on_index_updated(self, message: IndexUpdated) -> None:
        self._report = message
        if not self._reordering:
            if self._order_stale:
                self._schedule_reorder()
            else:
                self._finish_update()

    def _finish_update(self) -> None:
        message = self._report
        assert message is not None
        self._indexing = False
        if self._reindex:
            self._reindex = False
            if message.report is not None and message.report.touched:
                self._entities_changed()  # the next update may change nothing
            self._update_index()
            return
        self.context.load.loaded = True
        index = self.source.index
        if message.error is not None:
            self.notify(safe_line(message.error), title="Cannot update the index", severity="error", timeout=30)
        elif message.report is not None and index is not None:
            for notice in message.report.notices:
                self.notify(safe_line(notice), title="Index", timeout=10)
            try:
                with self.source.lock:
                    recorded = index.problems()
                self.context.load.problems = with_walk_problems(index.corpus, recorded, message.report.problems)
            except sqlite3.Error:
                pass
            if self.library.filter is not None and message.report.touched:
                for screen in self._screens(LibraryScreen):
                    screen.refilter()
        # articles added, changed or removed: their entities too
        self._entities_changed(message.report is not None and message.report.touched)
        self._refresh_bars()

    def _rows_changed(self) -> None:
        for article_list in self.query_all(ArticleList):
            article_list.rows_changed()
        self._refresh_bars()

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        worker = get_current_worker()
        try:
            load_corpus(self.corpus, lambda batch: self.post_message(BatchLoaded(batch)), lambda: worker.is_cancelled)
        except (CorpusError, OSError) as exc:
            self.post_message(LoadFailed(str(exc)))

    def on_batch_loaded(self, message: BatchLoaded) -> None:
        batch = message.batch
        if batch.articles:
            self.source.keep(batch.articles)
            self.library.add([row_of_article(a) for a in batch.articles])
            self.userdata.prime_read(batch.articles)
        load = self.context.load
        load.problems.extend(batch.problems)
        load.done, load.total = batch.done, batch.total
        load.loaded = batch.finished
        self._rows_changed()

    def on_load_failed(self, message: LoadFailed) -> None:
        self.context.load.loaded = True
        self.notify(safe_line(message.reason), title="Cannot load the corpus", severity="error", timeout=30)
        self._refresh_bars()

    def _screens(self, kind: type[S]) -> list[S]:
        """The screens of ``kind`` in the stack (the installed article screen included)."""
        return [screen for screen in self.screen_stack if isinstance(screen, kind)]

    def query_all(self, kind: type[ArticleList]) -> list[ArticleList]:
        found: list[ArticleList] = []
        for screen in self.screen_stack:
            found.extend(screen.query(kind))
        return found

    def _refresh_bars(self) -> None:
        for screen in self._screens(LibraryScreen):
            screen.refresh_bars()

    # -- what screens post --------------------------------------------------------------
    def on_open_article(self, message: OpenArticle) -> None:
        """Read the article's file and show it (a message if it is gone)."""
        message.stop()
        article = self.source.load(message.article_id)
        if article is None:
            self.notify("This article's file is gone or changed; the list will catch up.", severity="warning")
            return
        self.open_article(article, message.paragraph)

    def open_article(self, article: Article, paragraph: int | None = None) -> None:
        """Show ``article``. One ArticleScreen is kept installed and reused: building a
        screen's widgets and styles costs more than painting a 10 kB article. Opening is
        idempotent: a second request in a burst re-targets the same screen."""
        from .screens.article import ArticleScreen  # imported on first use, as every view but the list

        if not self.is_screen_installed("article"):
            self.install_screen(ArticleScreen(self.context, article, paragraph), "article")
            self.push_screen("article")
            return
        screen = self.get_screen("article")
        assert isinstance(screen, ArticleScreen)
        screen.show_article(article, paragraph)
        if any(s is screen for s in self.screen_stack):  # e.g. the notes view opened from an article
            while self.screen is not screen:
                self.pop_screen()
        else:
            self.push_screen("article")

    def on_article_shown(self, message: ArticleShown) -> None:
        """Keep the list's cursor on the open article, so Escape lands where you are, and
        read its neighbours ahead."""
        article = message.article
        for article_list in self.query_all(ArticleList):
            article_list.select_article(article.id)
            article_list.marks_changed()
        neighbours = [self.library.neighbour(article.id, step) for step in (1, -1)]
        self.prefetch([a.id for a in neighbours if a is not None])

    def prefetch(self, ids: list[str]) -> None:
        """Read and extract entities for articles the reader is likely to open next (the
        highlighted row, the neighbours of the open article) while they read, so opening
        is instant."""
        if not ids:
            return
        source, entities = self.source, self.entities

        def fetch() -> None:
            if not self.prefetch_wanted():
                return  # another view came up meanwhile (e.g. the overview): read nothing
            articles = [a for a in map(source.load, ids) if a is not None]
            if entities.available:
                entities.prefetch(articles)

        self.run_worker(fetch, thread=True, exclusive=True, group="prefetch")

    def prefetch_wanted(self) -> bool:
        """Whether reading ahead still serves the reader: the article view or the list is
        on top. Asked from the prefetch thread, so a stack emptied by the app closing
        meanwhile answers no instead of raising in a worker (which would fail the exit)."""
        try:
            screen = self.screen
        except ScreenStackError:
            return False
        # The article view is the one installed as "article" (and its module is not
        # imported before an article is opened: the list's first highlight lands here).
        article = self.is_screen_installed("article") and screen is self.get_screen("article")
        return article or isinstance(screen, LibraryScreen)

    def on_article_list_highlighted(self, message: ArticleList.Highlighted) -> None:
        self.prefetch([message.article.id])

    def on_show_mentions(self, message: ShowMentions) -> None:
        """The mentions view of an entity (a corpus-wide view: it needs the index)."""
        message.stop()
        from .screens.mentions import MentionsScreen

        if self.source.index is None:
            self.notify("Mentions need the corpus index, which cannot be used here.", severity="warning")
            return
        self.push_screen(MentionsScreen(self.context, message.key, message.label))

    def on_marks_changed(self, message: MarksChanged) -> None:
        """A bookmark or note was written: repaint everything that shows marks."""
        message.stop()
        from .screens.article import ArticleScreen
        from .screens.notes import BookmarksScreen, NotesScreen

        for article_list in self.query_all(ArticleList):
            article_list.marks_changed()
        for screen in self.screen_stack:
            if isinstance(screen, ArticleScreen):
                screen.refresh_meta()
            elif isinstance(screen, NotesScreen | BookmarksScreen):
                screen.refresh_marks()
        self._refresh_bars()

    # -- feeds ---------------------------------------------------------------------------
    def on_fetch_feeds(self, message: FetchFeeds) -> None:
        """``R``: fetch every subscribed feed into the library, in a worker thread."""
        message.stop()
        state = self.context.feeds
        if state.running:
            self.notify("The feeds are being fetched already.")
            return
        feeds = self.userdata.feeds()
        if not feeds:
            self.notify("No feeds to fetch: F lists the subscriptions, and a there adds one.")
            return
        state.running, state.done, state.total, state.new = True, 0, len(feeds), 0
        self._feeds_changed()
        self._fetch_worker(feeds)

    @work(thread=True, exclusive=True, group="feeds")
    def _fetch_worker(self, feeds: list[Feed]) -> None:
        from ..feeds.fetch import fetch_feeds
        from ..feeds.library import Library as FeedLibrary

        root = self.context.feed_library or default_library_path()
        try:
            root.mkdir(parents=True, exist_ok=True)
            outcomes = fetch_feeds(feeds, FeedLibrary(root), on_done=lambda o: void(self.post_message(FeedFetched(o))))
        except OSError as exc:
            self.post_message(FeedsFetched([], f"cannot write into the library {root}: {exc.strerror or exc}"))
            return
        except ReaderError as exc:  # another reader is fetching into the same library
            self.post_message(FeedsFetched([], str(exc)))
            return
        self.post_message(FeedsFetched(outcomes))

    def on_feed_fetched(self, message: FeedFetched) -> None:
        """One feed is in: its new articles join the list (when the library is what is open)."""
        outcome = message.outcome
        state = self.context.feeds
        state.done += 1
        state.new += outcome.new
        if outcome.error:
            self.notify(f"{outcome.url}: {outcome.error}", title="Feed failed", severity="warning", timeout=10)
        if (outcome.new or outcome.updated) and self._reading_library():
            self._update_index()
        self._feeds_changed()

    def on_feeds_fetched(self, message: FeedsFetched) -> None:
        state = self.context.feeds
        state.running = False
        if message.error is not None:
            self.notify(message.error, title="Cannot fetch the feeds", severity="error", timeout=30)
        else:
            try:
                self.userdata.record_fetches([o.feed for o in message.outcomes])
            except ReaderError as exc:
                self.notify(str(exc), title="Feeds", severity="warning", timeout=15)
            failed = sum(1 for o in message.outcomes if o.error)
            where = "" if self._reading_library() else f" in {self.context.feed_library} (open it with `reader`)"
            tail = f", {failed} failed" if failed else ""
            self.notify(f"{state.new} new article{'s' if state.new != 1 else ''}{where}{tail}.", title="Feeds")
        self._feeds_changed()

    def on_feeds_changed(self, message: FeedsChanged) -> None:
        message.stop()
        self._feeds_changed()

    def _feeds_changed(self) -> None:
        from .screens.feeds import FeedsScreen

        for screen in self._screens(FeedsScreen):
            screen.refresh_feeds()
        self._refresh_bars()

    def _reading_library(self) -> bool:
        """Whether the corpus open is the library fetched entries land in (or holds it)."""
        library = self.context.feed_library
        if library is None:
            return False
        try:
            return library.resolve().is_relative_to(self.corpus.resolve())
        except OSError:
            return False

    def _update_index(self) -> None:
        """Bring the index up to date with files written since it was (one update at a
        time: a request during one runs it again once it ends)."""
        if self.source.index is None:
            self.notify("New articles were written; restart the reader to see them (no index here).")
            return
        if self._indexing:
            self._reindex = True
            return
        self._indexing = True
        self._report = None
        self.context.load.loaded = False
        self._index_worker(False)

    def action_show_feeds(self) -> None:
        from .screens.feeds import FeedsScreen

        if not isinstance(self.screen, FeedsScreen):
            self.push_screen(FeedsScreen(self.context))

    # -- views the app opens -------------------------------------------------------------
    def action_move_store_aside(self) -> None:
        flows.move_store_aside(self, self.userdata)

    def action_show_notes(self) -> None:
        from .screens.notes import NotesScreen

        if not isinstance(self.screen, NotesScreen):
            self.push_screen(NotesScreen(self.context))

    def action_show_overview(self) -> None:
        from .screens.overview import OverviewScreen

        if not isinstance(self.screen, OverviewScreen):
            self.push_screen(OverviewScreen(self.context))

    def action_show_bookmarks(self) -> None:
        from .screens.notes import BookmarksScreen

        if not isinstance(self.screen, BookmarksScreen):
            self.push_screen(BookmarksScreen(self.context))

    def action_show_entity_browser(self) -> None:
        from .screens.entity_browser import EntityBrowserScreen

        if isinstance(self.screen, EntityBrowserScreen):
            return
        if self.source.index is None:
            self.notify("The entity browser needs the corpus index, which cannot be used here.", severity="warning")
            return
        self.push_screen(EntityBrowserScreen(self.context))

    def action_show_problems(self) -> None:
        from .screens.text_view import TextViewScreen

        if isinstance(self.screen, TextViewScreen):
            return
        problems = self.problems
        body = Text()
        for problem in problems:
            body.append(safe_line(problem.shown_as(self.context.display_path(problem.path))) + "\n")
        if not problems:
            body.append("No problems: every file was read.")
        self.push_screen(TextViewScreen(f"{len(problems)} file problem(s)", body))

    def action_help(self) -> None:
        from .key_help import help_sections  # it imports every screen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(help_sections(self.BINDINGS), self.context.keymap))

    # -- quitting ---------------------------------------------------------------------
    def unsaved_editor(self) -> NoteEditor | None:
        from .screens.note_editor import NoteEditor

        for screen in self._screens(NoteEditor):
            if screen.dirty:
                return screen
        return None

    async def action_quit(self) -> None:
        from .screens.confirm import ConfirmScreen

        if self.unsaved_editor() is not None:

            def answered(yes: bool | None) -> None:
                if yes:
                    self._leave()

            self.push_screen(
                ConfirmScreen("A note has unsaved text. Quit and lose it?", "Quit", "Keep editing"), answered
            )
            return
        self._leave()

    def _leave(self) -> None:
        from .screens.article import ArticleScreen

        for screen in self._screens(ArticleScreen):
            screen.save_position()
        self._stop_update()
        self.exit(0)

    def on_unmount(self) -> None:
        self._stop_update()

    # -- the command palette ------------------------------------------------------------
    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.description in seen or binding.action in ("quit", "command_palette"):
                continue
            seen.add(binding.description)
            node, action = active.node, binding.action
            yield SystemCommand(
                binding.description,
                f"key: {binding.key_display or binding.key}",
                lambda node=node, action=action: self.run_action(action, node),
            )
        if isinstance(screen, LibraryScreen):
            yield SystemCommand("Search and filter", "Narrow the list with a query (key: /)", screen.action_filter)
        yield SystemCommand("Notes", "Every note, with its passage", self.action_show_notes)
        yield SystemCommand("Feeds", "Subscriptions: add, remove, last fetch (key: F)", self.action_show_feeds)
        yield SystemCommand("Bookmarks", "Every bookmarked article", self.action_show_bookmarks)
        if "Corpus overview" not in seen:  # the library screen already offers it by its key
            yield SystemCommand(
                "Corpus overview", "Articles per month, date range, top sources", self.action_show_overview
            )
        yield SystemCommand("Help", "Every key", self.action_help)
        yield SystemCommand("Show problems", "Files that could not be read, and why", self.action_show_problems)
        if self.userdata.corrupt:
            yield SystemCommand(
                "Move the notes file aside", "Keep the unreadable file, start afresh", self.action_move_store_aside
            )


FIRST_ROWS = 200  # painted before the rest are fetched: more than any screen shows
MERGE_INTERVAL = 0.25  # seconds between merges of update batches into the list
ENTITIES_INTERVAL = 2.0
"""Seconds between re-reads of an open entity browser's list while a first build writes
entities (each re-read repaints the table: over SSH, a few KB)."""


def void(_: object) -> None:
    """Drop a value (``post_message`` returns whether it was posted)."""
