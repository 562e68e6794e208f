"""Every key the reader has, grouped by where it works: what the help screen (``?``) lists.

The bindings stay with the screens and widgets that own them; this module only gathers
them, so a new binding shows up in the help (and in the key-burst test) by itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.binding import Binding, BindingType

from .screens.article import ArticleScreen
from .screens.entity_browser import EntityBrowserScreen
from .screens.feeds import FeedsScreen
from .screens.library import LibraryScreen
from .screens.mentions import MentionsScreen
from .screens.note_editor import NoteEditor
from .screens.notes import BookmarksScreen, NotesScreen
from .widgets.article_body import ArticleBody
from .widgets.article_list import ArticleList
from .widgets.entity_panel import EntityPanel
from .widgets.entity_table import EntityTable
from .widgets.filter_bar import FilterBar


def help_sections(everywhere: Iterable[BindingType]) -> list[tuple[str, Sequence[BindingType]]]:
    """(title, bindings) per place; ``everywhere`` is the app's own bindings."""
    return [
        ("Everywhere", list(everywhere) + [Binding("ctrl+p", "command_palette", "Command palette")]),
        ("Article list", list(ArticleList.BINDINGS) + list(LibraryScreen.BINDINGS)),
        ("Article", list(ArticleScreen.BINDINGS) + list(ArticleBody.BINDINGS)),
        (
            "Entity panel",
            list(EntityPanel.BINDINGS) + [Binding("enter", "select", "Toggle a type / jump to an entity")],
        ),
        ("Filter bar", list(FilterBar.KEYS_HELP)),
        ("Mentions view", list(MentionsScreen.BINDINGS)),
        ("Entity browser", list(EntityTable.BINDINGS) + list(EntityBrowserScreen.BINDINGS)),
        ("Note editor", list(NoteEditor.BINDINGS)),
        ("Notes view", list(NotesScreen.BINDINGS)),
        ("Bookmarks view", list(BookmarksScreen.BINDINGS)),
        ("Feeds view", list(FeedsScreen.BINDINGS)),
    ]
