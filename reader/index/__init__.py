"""The corpus index: a disposable SQLite cache of a corpus (metadata, full text, entity
postings) that lets the reader start instantly, search, and follow entities.

Everything here can be deleted at any time and is rebuilt (ARCHITECTURE.md §2.3).
"""

from .corpus_index import CorpusIndex
from .model import (
    ArticleRow,
    CoMention,
    MentionRow,
    Mentions,
    SearchHit,
    Snippet,
    UpdateProgress,
    UpdateReport,
    row_of_article,
    row_sort_key,
)
from .query import Query, QueryError, parse
from .schema import IndexBusyError
from .search import StoreView
from .snippets import find_matches, make_snippet, match_spans

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
