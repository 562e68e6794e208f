"""The reader app: owns the shared state (library, user data, entities) and the flows
that cross screens (open an article, bookmark, notes, quit).

Screens stay thin: they show things and call back here, so the same action behaves the
same from the list, the article and the notes view, and the command palette can offer
every action by reading the bindings of the screen it was opened on.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import get_current_worker

from ..articles import Article, Problem
from ..articles.problems import CorpusError
from ..config import Config
from ..index import Query
from ..index.model import ArticleRow, UpdateProgress, UpdateReport
from ..index.worker import Progress, WorkerError, follow
from ..index.worker import spawn as spawn_update
from ..locations import default_store_path, styles_dir
from ..safe_text import safe_line, safe_text
from .entity_colors import LABELS
from .entity_source import EntitySource
from .library import Library, row_of_article
from .loader import load_corpus
from .messages import BatchLoaded, IndexProgress, IndexUpdated, LoadFailed, OrderLoaded
from .screens.article import ArticleScreen
from .screens.confirm import ConfirmScreen
from .screens.library import LibraryScreen
from .source import ArticleSource
from .terminal import wants_no_colour
from .userdata import UserData, UserDataError
from .widgets.article_list import ArticleList
from .widgets.bars import StatusLine, TitleBar

if TYPE_CHECKING:  # imported when first used: the first paint needs none of them
    from .screens.note_editor import NoteEditor


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
    ) -> None:
        # Without colour (NO_COLOR, a dumb terminal) ask for Textual's ANSI mode: no colour
        # escapes at all, and cursors in reverse video (see reader/tui/terminal.py).
        super().__init__(ansi_color=True if wants_no_colour() else None)
        self.corpus = corpus
        self.store_path = store_path or default_store_path()
        self.config = config or Config()
        self.warnings = list(warnings or [])
        self.library = Library()
        self.userdata = UserData(self.store_path)
        self.entities = EntitySource(self.config.backend)
        self.hidden_types: frozenset[str] = (
            frozenset() if self.config.show is None else frozenset(LABELS) - frozenset(self.config.show)
        )
        if self.config.keys:
            self.set_keymap(self.config.keys)
        if self.config.theme:
            if self.config.theme in self.available_themes:
                self.theme = self.config.theme
            else:
                self.warnings.append(f"unknown theme {self.config.theme!r} in the config; using the default")
        self.problems: list[Problem] = []
        self.loaded = False
        self.progress = (0, 0)
        self.source = ArticleSource(None)  # the index, opened on mount (or the fallback)
        self.filter_query: Query | None = None  # the filter bar's query, for match highlights
        self.filter_prefix = False  # its last word is still being typed
        self._update_process: subprocess.Popen[str] | None = None  # the index update
        self._changed_ids: set[str] = set()  # changed by update batches, not yet re-read
        self._order_stale = False  # a batch changed the index since the order was read
        self._reordering = False  # a re-read of the order is scheduled or running
        self._order_cost = 0.0  # seconds the last re-read of the order took
        self._report: IndexUpdated | None = None  # the update's end, once it came
        self.title = f"reader: {safe_line(corpus.name or str(corpus))}"

    # -- start-up and loading -----------------------------------------------------------
    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Toasts carry file names and error text, so they are never markup (DESIGN rule 1):
        Textual's default would run ``[@click=...]`` from a file name. Every message is
        sanitised here too, whoever calls."""
        super().notify(safe_text(message), title=safe_line(title), severity=severity, timeout=timeout, markup=False)

    def on_mount(self) -> None:
        self.push_screen(LibraryScreen())
        self.call_after_refresh(self._update_bars)
        self._start()
        if self.userdata.corrupt:
            self.call_after_refresh(self._offer_reset)
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
                self.problems = source.index.problems()
            except sqlite3.Error as exc:
                source.close()
                source, reason = ArticleSource(None), f"the index cannot be read ({exc}); reading the files directly"
        self.source = source
        if source.index is None:
            self.notify(safe_line(reason or "no index"), title="Index", severity="warning", timeout=15)
            self._load()
            return
        self.library.fetcher = source
        for notice in source.index.notices:
            self.notify(safe_line(notice), title="Index", timeout=10)
        if first:
            self.library.seed(first)
            self._rows_changed()
        # After the first paint: reading the order (a Python loop over every row) and
        # starting the update process would compete with it for the GIL and the CPU.
        self.call_after_refresh(self._index_worker, len(first) == FIRST_ROWS)

    @work(thread=True, exclusive=True, group="load")
    def _index_worker(self, more: bool) -> None:
        worker = get_current_worker()
        try:
            if more:
                self._post_order()
            report = self._run_update(lambda: worker.is_cancelled)
        except _Cancelled:
            return
        except (WorkerError, CorpusError, OSError, sqlite3.Error) as exc:
            if not worker.is_cancelled:
                self.post_message(IndexUpdated(None, str(exc)))
            return
        self.post_message(IndexUpdated(report))

    def _run_update(self, cancelled: Callable[[], bool]) -> UpdateReport:
        """The update, in a process of its own (``reader.index.worker``): the folder walk
        and its bookkeeping cost this process no memory and no GIL. If no process can be
        started, the update runs here, in this worker thread."""
        index = self.source.index
        assert index is not None
        try:
            process = spawn_update(index.corpus, index.cache)
        except OSError:
            process = None
        if process is None or process.stdout is None:

            def progress(step: UpdateProgress) -> None:
                if cancelled():
                    raise _Cancelled  # between batches: what is committed stays
                self.post_message(IndexProgress(Progress.of(step)))

            return index.update(progress=progress)
        self._update_process = process
        try:
            report = follow(process.stdout, lambda step: void(self.post_message(IndexProgress(step))))
        except WorkerError:
            if cancelled():
                raise _Cancelled from None
            raise
        finally:
            process.stdout.close()
            if process.poll() is None and cancelled():
                process.terminate()
            process.wait()
            self._update_process = None
        with self.source.lock:
            replaced = index.reopen_if_replaced()  # the worker rebuilt a damaged database
        if replaced:
            self._post_order()
        return report

    def _stop_update(self) -> None:
        """Quitting: stop the update process (what it committed stays)."""
        self.workers.cancel_group(self, "load")
        process = self._update_process
        if process is not None and process.poll() is None:
            process.terminate()

    def _post_order(self) -> None:
        started = time.perf_counter()
        docs, ids, dates = self.source.list_order()
        self.post_message(OrderLoaded(docs, ids, dates, time.perf_counter() - started))

    def on_order_loaded(self, message: OrderLoaded) -> None:
        self.library.set_order(message.docs, message.ids, message.dates)
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
        self.progress = (step.done, step.total)
        if step.changed or step.removed:
            self._changed_ids.update(step.changed)
            self._changed_ids.update(step.removed)
            self._order_stale = True
            self._schedule_reorder()
        self._update_bars()

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
        self.loaded = True
        index = self.source.index
        if message.error is not None:
            self.notify(safe_line(message.error), title="Cannot update the index", severity="error", timeout=30)
        elif message.report is not None and index is not None:
            for notice in message.report.notices:
                self.notify(safe_line(notice), title="Index", timeout=10)
            try:
                with self.source.lock:
                    self.problems = index.problems()
            except sqlite3.Error:
                pass
            if self.library.filter is not None and message.report.touched:
                for screen in self.screen_stack:
                    if isinstance(screen, LibraryScreen):
                        screen.refilter()
        self._update_bars()

    def _rows_changed(self) -> None:
        for article_list in self.query_all(ArticleList):
            article_list.rows_changed()
        self._update_bars()

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
        self.problems.extend(batch.problems)
        self.progress = (batch.done, batch.total)
        self.loaded = batch.finished
        for article_list in self.query_all(ArticleList):
            article_list.rows_changed()
        self._update_bars()

    def on_load_failed(self, message: LoadFailed) -> None:
        self.loaded = True
        self.notify(safe_line(message.reason), title="Cannot load the corpus", severity="error", timeout=30)
        self._update_bars()

    def query_all(self, kind: type[ArticleList]) -> list[ArticleList]:
        found: list[ArticleList] = []
        for screen in self.screen_stack:
            found.extend(screen.query(kind))
        return found

    def _update_bars(self) -> None:
        for screen in self.screen_stack:
            if not isinstance(screen, LibraryScreen) or not screen.is_mounted:
                continue
            count = len(self.library)
            done, total = self.progress
            verb = "indexing" if self.source.index is not None else "loading"
            state = (
                "" if self.loaded else f"{verb} {_bar(done, total)} {done:,}/{total:,} files" if total else f"{verb}…"
            )
            if self.library.filter is not None:
                state = " · ".join(p for p in (f"{self.library.shown:,} shown", state) if p)
            screen.query_one(TitleBar).set_parts(
                self.corpus.name or str(self.corpus), f"{count:,} article{'s' if count != 1 else ''}", state
            )
            parts = []
            if self.problems:
                parts.append(f"{len(self.problems)} file problem(s): see 'Show problems' (Ctrl+P)")
            if self.userdata.reason:
                parts.append(self.userdata.reason)
            if self.loaded and not count:
                parts.insert(0, "No articles found in this corpus.")
            screen.query_one(StatusLine).say(" · ".join(parts), "bold" if self.userdata.reason else "")

    # -- the store --------------------------------------------------------------------
    def _offer_reset(self) -> None:
        question = (
            f"{self.userdata.reason}.\n\nThe reader has opened read-only: nothing you do will be saved, "
            f"and the file ({safe_line(str(self.store_path))}) is left untouched.\n\n"
            "Move it aside (kept, renamed) and start a fresh notes file?"
        )

        def answered(move: bool | None) -> None:
            if move:
                self.action_move_store_aside()

        self.push_screen(ConfirmScreen(question, "Move aside", "Stay read-only"), answered)

    def action_move_store_aside(self) -> None:
        if not self.userdata.corrupt:
            self.notify("The notes file is fine; nothing to move.")
            return
        try:
            moved = self.userdata.reset()
        except (OSError, UserDataError, ImportError) as exc:
            self.notify(safe_line(str(exc)), title="Cannot move the notes file", severity="error")
            return
        self.notify(f"Old notes file kept as {safe_line(str(moved))}" if moved else "Started a fresh notes file.")
        self._marks_changed()

    def _marks_changed(self) -> None:
        for article_list in self.query_all(ArticleList):
            article_list.marks_changed()
        for screen in self.screen_stack:
            if isinstance(screen, ArticleScreen):
                screen.refresh_meta()
        self._update_bars()

    # -- cross-screen flows -------------------------------------------------------------
    def open_article(self, article: Article, paragraph: int | None = None) -> None:
        """Show ``article``. One ArticleScreen is kept installed and reused: building a
        screen's widgets and styles costs more than painting a 10 kB article."""
        if isinstance(self.screen, ArticleScreen):
            self.screen.show_article(article, paragraph)
        elif self.is_screen_installed("article"):
            screen = self.get_screen("article")
            assert isinstance(screen, ArticleScreen)
            if any(s is screen for s in self.screen_stack):  # e.g. notes view opened from an article
                screen.show_article(article, paragraph)
                while self.screen is not screen:
                    self.pop_screen()
            else:
                screen.show_article(article, paragraph)
                self.push_screen("article")
        else:
            self.install_screen(ArticleScreen(article, paragraph), "article")
            self.push_screen("article")
        self.article_changed(article)

    def display_path(self, path: Path) -> str:
        """A file's path as the reader named the corpus (the index keeps absolute ones)."""
        try:
            return str(self.corpus / path.relative_to(self.corpus.absolute()))
        except ValueError:
            return str(path)

    def open_id(self, article_id: str, paragraph: int | None = None) -> bool:
        """Read the article's file and show it; False (with a message) if it is gone."""
        article = self.source.load(article_id)
        if article is None:
            self.notify("This article's file is gone or changed; the list will catch up.", severity="warning")
            return False
        self.open_article(article, paragraph)
        return True

    def article_changed(self, article: Article) -> None:
        """Keep the list's cursor on the open article, so Escape lands where you are."""
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
            if not isinstance(self.screen, (LibraryScreen, ArticleScreen)):
                return  # another view came up meanwhile (e.g. the overview): read nothing
            articles = [a for a in map(source.load, ids) if a is not None]
            if entities.available:
                entities.prefetch(articles)

        self.run_worker(fetch, thread=True, exclusive=True, group="prefetch")

    def on_article_list_highlighted(self, message: ArticleList.Highlighted) -> None:
        self.prefetch([message.article.id])

    def current_article(self) -> Article | None:
        screen = self.screen
        if isinstance(screen, ArticleScreen):
            return screen.article
        if isinstance(screen, LibraryScreen):
            row = screen.article_list.article
            return self.source.load(row.id) if row is not None else None
        return None

    def show_mentions(self, key: str, label: str | None = None) -> None:
        """The mentions view of an entity (a corpus-wide view: it needs the index)."""
        if self.source.index is None:
            self.notify("Mentions need the corpus index, which cannot be used here.", severity="warning")
            return
        from .screens.mentions import MentionsScreen

        self.push_screen(MentionsScreen(key, label))

    def action_toggle_bookmark(self) -> None:
        article = self.current_article()
        if article is None:
            self.bell()
            return
        self.toggle_bookmark_of(article)

    def toggle_bookmark_of(self, article: Article) -> None:
        try:
            on = self.userdata.toggle_bookmark(article)
        except UserDataError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10)
            return
        self.notify("Bookmarked" if on else "Bookmark removed", timeout=2)
        self._marks_changed()

    def new_note(self, article: Article, paragraph: int) -> None:
        from .screens.note_editor import NoteEditor

        if not article.paragraphs:
            self.notify("This article has no paragraphs to anchor a note to.", severity="warning")
            return

        def save(text: str) -> str | None:
            try:
                self.userdata.add_note(article, paragraph, text)
            except UserDataError as exc:
                return str(exc)
            return None

        heading = f"New note on ¶{paragraph + 1} of {safe_line(article.title)}"
        self.push_screen(NoteEditor(heading, article.paragraph_text(paragraph), save), self._after_note)

    def edit_note(self, note_id: str) -> None:
        from .screens.note_editor import NoteEditor

        note = self.userdata.note(note_id)
        if note is None:
            return

        def save(text: str) -> str | None:
            try:
                self.userdata.edit_note(note_id, text)
            except UserDataError as exc:
                return str(exc)
            return None

        self.push_screen(
            NoteEditor(f"Edit note on ¶{note.paragraph + 1}", note.quote, save, note.text), self._after_note
        )

    def delete_note(self, note_id: str) -> None:
        note = self.userdata.note(note_id)
        if note is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.userdata.delete_note(note_id)
            except UserDataError as exc:
                self.notify(str(exc), title="Not deleted", severity="error", timeout=10)
                return
            self.notify("Note deleted", timeout=2)
            self._after_note("")

        excerpt = safe_line(note.text)
        excerpt = excerpt[:80] + ("…" if len(excerpt) > 80 else "")
        self.push_screen(ConfirmScreen(f"Delete this note?\n\n{excerpt}", "Delete", "Keep"), answered)

    def _after_note(self, saved: str | None) -> None:
        if saved is None:
            return
        self._marks_changed()
        from .screens.notes import NotesScreen

        for screen in self.screen_stack:
            if isinstance(screen, NotesScreen):
                screen.reload()

    def action_show_notes(self) -> None:
        from .screens.notes import NotesScreen

        if not isinstance(self.screen, NotesScreen):
            self.push_screen(NotesScreen())

    def action_show_overview(self) -> None:
        from .screens.overview import OverviewScreen

        if not isinstance(self.screen, OverviewScreen):
            self.push_screen(OverviewScreen())

    def action_show_bookmarks(self) -> None:
        from .screens.notes import BookmarksScreen

        if not isinstance(self.screen, BookmarksScreen):
            self.push_screen(BookmarksScreen())

    def action_show_problems(self) -> None:
        body = Text()
        for problem in self.problems:
            body.append(safe_line(str(problem)) + "\n")
        if not self.problems:
            body.append("No problems: every file was read.")
        from .screens.text_view import TextViewScreen

        self.push_screen(TextViewScreen(f"{len(self.problems)} file problem(s)", body))

    def help_sections(self) -> list[tuple[str, Iterable[BindingType]]]:
        from .screens.mentions import MentionsScreen
        from .screens.note_editor import NoteEditor
        from .screens.notes import BookmarksScreen, NotesScreen

        return [
            ("Everywhere", list(self.BINDINGS) + [Binding("ctrl+p", "command_palette", "Command palette")]),
            ("Article list", list(ArticleList.BINDINGS) + list(LibraryScreen.BINDINGS)),
            ("Article", list(ArticleScreen.BINDINGS) + _body_bindings()),
            ("Entity panel", _panel_bindings()),
            ("Filter bar", _filter_bindings()),
            ("Mentions view", list(MentionsScreen.BINDINGS)),
            ("Note editor", list(NoteEditor.BINDINGS)),
            ("Notes view", list(NotesScreen.BINDINGS)),
            ("Bookmarks view", list(BookmarksScreen.BINDINGS)),
        ]

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_sections()))

    # -- quitting ---------------------------------------------------------------------
    def unsaved_editor(self) -> NoteEditor | None:
        if "reader.tui.screens.note_editor" not in sys.modules:
            return None  # no editor was ever opened
        from .screens.note_editor import NoteEditor

        for screen in self.screen_stack:
            if isinstance(screen, NoteEditor) and screen.dirty:
                return screen
        return None

    async def action_quit(self) -> None:
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
        for screen in self.screen_stack:
            if isinstance(screen, ArticleScreen):
                self.userdata.save_position(screen.article, screen.body.cursor)
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


class _Cancelled(Exception):
    """Raised from the update's progress callback when the app is closing."""


def void(_: object) -> None:
    """Drop a value (``post_message`` returns whether it was posted)."""


def _bar(done: int, total: int, width: int = 10) -> str:
    filled = round(width * done / total) if total else 0
    return "▰" * filled + "▱" * (width - filled)


def _filter_bindings() -> list[BindingType]:
    from .widgets.filter_bar import FilterBar

    return list(FilterBar.KEYS_HELP)


def _body_bindings() -> list[BindingType]:
    from .widgets.article_body import ArticleBody

    return list(ArticleBody.BINDINGS)


def _panel_bindings() -> list[BindingType]:
    from .widgets.entity_panel import EntityPanel

    return list(EntityPanel.BINDINGS) + [Binding("enter", "select", "Toggle a type / jump to an entity")]
