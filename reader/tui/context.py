"""What every screen is given: the reader's shared state, passed in rather than reached for.

Screens and widgets never import the app (ARCHITECTURE.md §4). They get a ``ReaderContext``
when they are built, read from it, write user data through its ``UserData``, and post a
message (``reader.tui.messages``) when something should happen beyond their own walls:
open an article, show an entity's mentions, say that marks changed. The app owns the one
context, fills it as the corpus loads, and routes the messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..articles import Problem
from ..index import Query
from .entity_source import EntitySource
from .list_model import Library
from .source import ArticleSource
from .userdata import UserData


@dataclass
class ActiveFilter:
    """The filter bar's query, kept so an opened article can highlight its matches."""

    query: Query | None = None
    prefix: bool = False  # its last word is still being typed


@dataclass
class LoadState:
    """How far loading or indexing the corpus has got, for the library's bars."""

    loaded: bool = False
    done: int = 0
    total: int = 0
    indexing: bool = True  # False: the files are read directly (no usable index)
    phase: str = "files"  # "entities": a first build's second pass (done/total count articles)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class FeedsState:
    """A fetch of the subscribed feeds (``R``), for the bars and the feeds screen."""

    running: bool = False
    done: int = 0
    total: int = 0
    new: int = 0


@dataclass
class ReaderContext:
    """The corpus being read and everything built over it (one per app)."""

    corpus: Path
    library: Library
    userdata: UserData
    entities: EntitySource
    source: ArticleSource = field(default_factory=lambda: ArticleSource(None))
    hidden_types: frozenset[str] = frozenset()  # entity types the config hides
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> keys, as configured
    filter: ActiveFilter = field(default_factory=ActiveFilter)
    load: LoadState = field(default_factory=LoadState)
    feed_library: Path | None = None  # where ``R`` writes fetched entries
    feeds: FeedsState = field(default_factory=FeedsState)

    def display_path(self, path: Path) -> str:
        """A file's path as the reader named the corpus (the index keeps absolute ones)."""
        try:
            return str(self.corpus / path.relative_to(self.corpus.absolute()))
        except ValueError:
            return str(path)
