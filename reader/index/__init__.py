"""The corpus index: a disposable SQLite cache of a corpus (metadata, full text, entity
postings) that lets the reader start instantly, search, and follow entities.

Everything here can be deleted at any time and is rebuilt (ARCHITECTURE.md §2.3).

The names below are imported from their modules when first asked for (PEP 562), not
when the package is: ``from reader.index import CorpusIndex`` loads what opening and
searching an index needs, and the mentions view's values only load with ``Mentions``.
Every name is also imported under ``TYPE_CHECKING``, so type checkers see them as usual.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (reader/records.py)

if TYPE_CHECKING:
    from .corpus_index import CorpusIndex
    from .mention_model import CoMention, MentionRow, Mentions
    from .model import (
        ArticleRow,
        SearchHit,
        Snippet,
        UpdateProgress,
        UpdateReport,
        row_of_article,
        row_sort_key,
    )
    from .query import Query, QueryError, parse
    from .schema import IndexBusyError
    from .snippets import find_matches, make_snippet, match_spans
    from .store_view import StoreView

_HOMES = {
    "ArticleRow": "model",
    "CoMention": "mention_model",
    "CorpusIndex": "corpus_index",
    "IndexBusyError": "schema",
    "MentionRow": "mention_model",
    "Mentions": "mention_model",
    "Query": "query",
    "QueryError": "query",
    "SearchHit": "model",
    "Snippet": "model",
    "StoreView": "store_view",
    "UpdateProgress": "model",
    "UpdateReport": "model",
    "find_matches": "snippets",
    "make_snippet": "snippets",
    "match_spans": "snippets",
    "parse": "query",
    "row_of_article": "model",
    "row_sort_key": "model",
}
"""Each name of ``__all__`` and the module that defines it."""

__all__ = [
    "ArticleRow",
    "CoMention",
    "CorpusIndex",
    "IndexBusyError",
    "MentionRow",
    "Mentions",
    "Query",
    "QueryError",
    "SearchHit",
    "Snippet",
    "StoreView",
    "UpdateProgress",
    "UpdateReport",
    "find_matches",
    "make_snippet",
    "match_spans",
    "parse",
    "row_of_article",
    "row_sort_key",
]


def __getattr__(name: str) -> object:
    """A public name, imported from its module on first use (then kept here)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
