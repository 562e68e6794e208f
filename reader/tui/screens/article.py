"""The article screen: header, legend, body with paragraph cursor, and the entity panel.

``[`` and ``]`` swap the article in place (no trip back to the list). Leaving an article
(either way) records the reading position; opening one marks it read and restores it.

The app keeps one of these installed and hands it each article to show. An article can
arrive before the screen is mounted (two Enters in one burst), so ``show_article`` only
records it until ``on_mount`` has built the widgets; after that it shows it at once.
Whatever arrives, the screen shows the last article it was given (ARCHITECTURE.md §4).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...articles import Article, Span
from ...entities.model import NAME_LABELS as NAMED  # the labels the index keeps mentions of
from ...entities.model import Entity
from ...safe_text import safe_line
from .. import flows
from ..context import ReaderContext
from ..glyphs import glyph, overflow
from ..messages import ArticleShown, ShowMentions
from ..widgets.article_body import ArticleBody, Highlight
from ..widgets.bars import Legend, StatusLine
from ..widgets.entity_panel import EntityPanel

EXTRA_SHOWN = 4
"""A CSV row's other columns the header shows (the line ends in an ellipsis anyway)."""

_STEP = Binding.Group("article", compact=True)


class ArticleScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
        # one footer entry "[]article" for the pair, so the footer fits 60-80 columns
        Binding("left_square_bracket", "step(-1)", "Previous article", key_display="[", id="previous_article",
                group=_STEP),
        Binding("right_square_bracket", "step(1)", "Next article", key_display="]", id="next_article", group=_STEP),
        Binding("b", "toggle_bookmark", "Bookmark", show=False, id="bookmark"),  # footer room; in help
        Binding("n", "new_note", "Note", id="new_note"),
        Binding("c", "edit_note", "Edit note", show=False, id="edit_note"),
        Binding("x", "delete_note", "Delete note", show=False, id="delete_note"),
        Binding("e", "toggle_entities", "Entities", id="entities"),
        Binding("greater_than_sign", "mention(1)", "Next mention", key_display=">", show=False, id="next_mention"),
        Binding("less_than_sign", "mention(-1)", "Previous mention", key_display="<", show=False,
                id="previous_mention"),
        Binding("m", "mentions", "Mentions", show=False, id="mentions"),
        Binding("N", "app.show_notes", "Notes", show=False, id="notes_view"),
        Binding("B", "app.show_bookmarks", "Bookmarks", show=False, id="bookmarks_view"),
    ]  # fmt: skip

    def __init__(self, context: ReaderContext, article: Article, paragraph: int | None = None) -> None:
        super().__init__()
        self.context = context
        self.article = article
        self.start_paragraph = paragraph
        self.mentions: tuple[Entity, ...] = ()
        self.selected: str | None = None
        self.current: Entity | None = None
        self.hidden: frozenset[str] = frozenset()  # set from the app's config on mount
        self.matches: tuple[Span, ...] = ()  # the filter bar's matches in this article
        self.match: Span | None = None  # the match last jumped to
        self._jumped: str | None = None  # what a jump says, kept over the cursor's own status
        self._built = False  # on_mount has run: the widgets below exist
        # Built here, not looked up: a call can come while the screen is being torn down
        # (a quit in the same burst as the open), when a query would find nothing.
        self._title = Static(id="article-title")
        self._meta = Static(id="article-meta")
        self._path = Static(id="article-path")
        self._legend = Legend(id="legend")
        self._body = ArticleBody(id="body")
        self._panel = EntityPanel(id="entity-panel")
        self._status_line = StatusLine(id="status")

    def compose(self) -> ComposeResult:
        with Vertical(id="article-head"):
            yield self._title
            yield self._meta
            yield self._path
            yield self._legend
        with Horizontal(id="article-main"):
            yield self._body
            yield self._panel
        yield self._status_line
        yield Footer()

    @property
    def body(self) -> ArticleBody:
        return self._body

    @property
    def panel(self) -> EntityPanel:
        return self._panel

    @property
    def cursor(self) -> int:
        """The paragraph under the cursor (before mount: the one it will open at)."""
        return self._body.cursor if self._built else (self.start_paragraph or 0)

    def on_mount(self) -> None:
        self.hidden = self.context.hidden_types
        self.panel.hidden = set(self.hidden)
        self.panel.display = False
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._repaint_entities())
        self._built = True
        self._show(self.article, self.start_paragraph)
        self.body.focus()

    # -- showing an article -------------------------------------------------------------
    def show_article(self, article: Article, paragraph: int | None = None) -> None:
        """Show ``article``; before mount, remember it (the last one given wins)."""
        if not self._built:
            if article.id != self.article.id or paragraph is not None:
                self.start_paragraph = paragraph
            self.article = article
            return
        self._show(article, paragraph)

    def save_position(self) -> None:
        """Record where the reader is in the article (safe at any point of the screen's life)."""
        self.context.userdata.save_position(self.article, self.cursor)

    def _show(self, article: Article, paragraph: int | None) -> None:
        userdata = self.context.userdata
        if article is not self.article:
            userdata.save_position(self.article, self.body.cursor)
        self.article = article
        userdata.mark_read(article)
        if paragraph is None:
            paragraph = userdata.position(article.id) or 0
        self.mentions = self.context.entities.mentions(article)
        self.selected = None
        self.current = None
        self.matches, self.match = self._search_matches(article), None
        dark = self.app.current_theme.dark
        title = Text(safe_line(article.title) or "(untitled)", style="bold")
        self._title.update(title)
        self.show_header()
        self._legend.show(self.mentions, dark, self.hidden)
        self.body.show(article, self.mentions, userdata.notes_for(article.id), paragraph, self._highlight())
        self.panel.show(self.mentions, dark, self._entity_notes())
        self._status()
        self.post_message(ArticleShown(article))

    def refresh_meta(self) -> None:
        """After a bookmark, note or entity correction: repaint the header marks, the
        notes, and the entities as now corrected."""
        if not self._built:
            return  # on_mount paints them
        mentions = self.context.entities.mentions(self.article)
        if mentions != self.mentions:
            self.mentions = mentions
            if self.selected is not None and all(m.key != self.selected for m in mentions):
                self.selected, self.current = None, None
            self.body.show(
                self.article, mentions, self.context.userdata.notes_for(self.article.id), self.body.cursor,
                self._highlight(),
            )  # fmt: skip
            self._legend.show(mentions, self.app.current_theme.dark, self.hidden)
            self._status()
        else:
            self.body.set_notes(self.context.userdata.notes_for(self.article.id))
        self.panel.show(mentions, self.app.current_theme.dark, self._entity_notes())
        self.show_header()

    def _entity_notes(self) -> dict[str, list[str]]:
        """The reader's notes on the entities of this article, by key."""
        userdata = self.context.userdata
        if not userdata.corrections.noted:
            return {}
        keys = {m.key for m in self.mentions} & userdata.corrections.noted
        return {key: [n.text for n in userdata.entity_notes(key)] for key in keys}

    def show_header(self) -> None:
        article = self.article
        meta = Text(no_wrap=True, overflow=overflow())
        meta.append(article.date_iso or "undated")
        for part, style in ((article.source, "italic"), (article.author, "")):
            if part:
                meta.append(glyph("  ·  "))
                meta.append(safe_line(part), style=style)
        if self.context.userdata.is_bookmarked(article.id):
            meta.append(glyph("  ★ bookmarked"), style="bold")
        for name, value in article.extra[:EXTRA_SHOWN]:  # a CSV row's other columns, after the rest
            meta.append(glyph("  ·  "))
            meta.append(f"{safe_line(name)[:24]}: ", style="dim")
            meta.append(" ".join(safe_line(value).split())[:60])
        where = Text(safe_line(self.context.display_path(article.path)), style="dim", no_wrap=True, overflow=overflow())
        if article.record is not None:
            where.append(f" (record {article.record + 1})", style="dim")
        self._meta.update(meta)
        self._path.update(where)

    def _status(self, message: str | None = None, style: str = "") -> None:
        context = self.context
        status = self._status_line
        if message is not None:
            status.say(message, style)
            return
        index = context.library.position(self.article.id)
        where = f"{index + 1} of {context.library.shown}" if index is not None else ""
        paragraphs = len(self.article.paragraphs)
        parts = [where, f"{glyph('¶')} {self.body.cursor + 1}/{paragraphs}", f"{len(self.mentions)} mentions"]
        if self.matches:
            parts.append(f"{len(self.matches)} search matches (> and <)")
        if context.entities.problem:
            parts.append(context.entities.problem)
        if context.userdata.reason:
            parts.append(context.userdata.reason)
        status.say(glyph("  ·  ").join(p for p in parts if p))

    def _repaint_entities(self) -> None:
        if not self._built:
            return
        dark = self.app.current_theme.dark
        self.body.theme_changed()
        self.panel.show(self.mentions, dark, self._entity_notes())
        self._legend.show(self.mentions, dark, self.hidden)

    def on_article_body_cursor_moved(self, event: ArticleBody.CursorMoved) -> None:
        jumped, self._jumped = self._jumped, None
        self._status(jumped)

    # -- actions ------------------------------------------------------------------------
    def action_back(self) -> None:
        if not self.is_active:
            return  # a second Escape in a burst: this screen is already gone
        self.save_position()
        self.dismiss()

    def action_step(self, step: int) -> None:
        context = self.context
        row = context.library.neighbour(self.article.id, step)
        target = context.source.load(row.id) if row is not None else None
        if target is None:
            self._status("No previous article." if step < 0 else "No next article.")
            self.app.bell()
            return
        self.show_article(target)

    def action_toggle_bookmark(self) -> None:
        flows.toggle_bookmark(self, self.context.userdata, self.article)

    def action_toggle_entities(self) -> None:
        panel = self.panel
        panel.display = not panel.display
        if panel.display:
            panel.focus()
        else:
            self.body.focus()

    def _highlight(self) -> Highlight:
        return Highlight(self.hidden, self.selected, self.current, self.matches, self.match)

    def _search_matches(self, article: Article) -> tuple[Span, ...]:
        active, index = self.context.filter, self.context.source.index
        if active.query is None or index is None:
            return ()
        with self.context.source.lock:
            return tuple(index.match_spans(article, active.query, active.prefix))

    def action_mention(self, step: int) -> None:
        if self.selected is None and self.matches:
            self._walk_matches(step)
            return
        if self.selected is None:
            self._status("Choose an entity in the entity panel (e) first, or search with / in the list.")
            return
        mentions = [m for m in self.mentions if m.key == self.selected and m.label not in self.hidden]
        if not mentions:
            return
        if self.current in mentions:
            index = (mentions.index(self.current) + step) % len(mentions)
        else:
            index = 0 if step > 0 else len(mentions) - 1
        self.current = mentions[index]
        self.body.set_highlight(self._highlight())
        paragraph = self.article.paragraph_at(self.current.start)
        if paragraph is not None:
            self.body.cursor = paragraph
        self.body.scroll_to_offset(self.current.start)
        self._jumped = f"mention {index + 1} of {len(mentions)}: {safe_line(self.current.text)}"
        self._status(self._jumped)

    def on_entity_panel_types_changed(self, event: EntityPanel.TypesChanged) -> None:
        self.hidden = event.hidden
        self.body.set_highlight(self._highlight())
        self._legend.show(self.mentions, self.app.current_theme.dark, self.hidden)

    def on_entity_panel_entity_chosen(self, event: EntityPanel.EntityChosen) -> None:
        if event.key != self.selected:
            self.selected = event.key
            self.current = None
            self.body.set_highlight(self._highlight())
        if event.jump and event.key is not None:
            self.action_mention(1)

    def on_entity_panel_correction_asked(self, event: EntityPanel.CorrectionAsked) -> None:
        event.stop()
        flows.correct_entity(self, self.context.userdata, event.op, event.key, event.label, self._find_entity)

    def _find_entity(self, name: str) -> tuple[str, str] | None:
        """A typed name as the corpus index resolves it (corrections applied), else an
        entity of this article spelled so."""
        source = self.context.source
        corrections = self.context.userdata.corrections
        if source.index is not None:
            with source.lock:
                found = source.index.resolve_name(name, corrections)
            if found is not None:
                return found.key, found.label
        wanted = " ".join(name.split()).casefold()
        for mention in self.mentions:
            if mention.key.casefold() == wanted or mention.text.casefold() == wanted:
                return mention.key, mention.label
        return None

    def _walk_matches(self, step: int) -> None:
        matches = self.matches
        if self.match in matches:
            index = (matches.index(self.match) + step) % len(matches)
        else:
            index = 0 if step > 0 else len(matches) - 1
        self.match = matches[index]
        self.body.set_highlight(self._highlight())
        paragraph = self.article.paragraph_at(self.match.start)
        if paragraph is not None:
            self.body.cursor = paragraph
        self.body.scroll_to_offset(self.match.start)
        found = safe_line(self.article.text[self.match.start : self.match.end])
        self._jumped = f"match {index + 1} of {len(matches)}: {found}"
        self._status(self._jumped)

    def entity_for_mentions(self) -> tuple[str, str] | None:
        """The entity ``m`` is about: the one chosen in the panel while the panel is open,
        else the mention last jumped to if it is in the paragraph under the cursor, else
        that paragraph's most mentioned entity. A choice left in a closed panel, or a jump
        the reader has since moved away from, is not what they are looking at."""
        paragraphs = self.article.paragraphs
        if self.selected is not None and self.panel.display:
            label = next((m.label for m in self.mentions if m.key == self.selected), "")
            return self.selected, label
        if not paragraphs:
            return None
        span = paragraphs[min(self.cursor, len(paragraphs) - 1)]
        if self.current is not None and span.start <= self.current.start < span.end:
            return self.current.key, self.current.label
        inside = [m for m in self.mentions if span.start <= m.start < span.end and m.label not in self.hidden]
        if not inside:
            return None
        counts: dict[str, int] = {}
        for mention in inside:
            counts[mention.key] = counts.get(mention.key, 0) + 1
        best = max(inside, key=lambda m: (m.label in NAMED, counts[m.key], -m.start))
        return best.key, best.label

    def action_mentions(self) -> None:
        found = self.entity_for_mentions()
        if found is None:
            self._status("No entity here: choose one in the entity panel (e) or move to a paragraph with one.")
            self.app.bell()
            return
        self.post_message(ShowMentions(*found))

    def action_new_note(self) -> None:
        flows.new_note(self, self.context.userdata, self.article, self.cursor)

    def _cursor_note_id(self) -> str | None:
        notes = [n for n in self.context.userdata.notes_for(self.article.id) if n.paragraph == self.cursor]
        return notes[-1].id if notes else None

    def action_edit_note(self) -> None:
        note_id = self._cursor_note_id()
        if note_id is None:
            self._status("No note on this paragraph (n adds one).")
            return
        flows.edit_note(self, self.context.userdata, note_id)

    def action_delete_note(self) -> None:
        note_id = self._cursor_note_id()
        if note_id is None:
            self._status("No note on this paragraph.")
            return
        flows.delete_note(self, self.context.userdata, note_id)
