"""``reader search QUERY [CORPUS]``: the query language over the corpus index.

The index is brought up to date first (only new and changed files are read), so results
always reflect the folder. Progress goes to stderr, and only when stderr is a terminal, so
scripts see clean output.
"""

from __future__ import annotations

import argparse
import sys

from ..errors import UsageError
from ..index import QueryError, SearchHit, parse
from ..safe_text import safe_line, safe_text
from . import COMMANDS
from ._corpus import open_index
from .common import add_corpus_argument, add_fresh_option, corpus_path, dumps

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (reader/records.py)
if TYPE_CHECKING:
    from typing import Any

BOLD, PLAIN = "\x1b[1m", "\x1b[0m"


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "search",
        help=COMMANDS["search"],
        description='Search the corpus with the query language: words and "quoted phrases" '
        "(ranked by relevance), @2022-04 or @2022-04-01..2022-04-30 or @-7d.. (dates), "
        "person:NAME org:NAME place:NAME entity:NAME (entities), is:bookmarked is:unread "
        "has:note (your store), and -term to exclude anything. The index is updated first.",
    )
    parser.add_argument("query", metavar="QUERY", help="the query (quote it for the shell)")
    add_corpus_argument(parser)
    parser.add_argument(
        "--json",
        action="store_true",
        help="print a JSON list of hits, best first; each has a score (relevance, higher is better, "
        "0 when the query has no words to rank by)",
    )
    parser.add_argument("--limit", type=int, default=50, metavar="N", help="at most N results (default 50)")
    parser.add_argument(
        "--store",
        metavar="PATH",
        help="the notes and bookmarks file, for is:/has: (default: $READER_STORE, else the user-data folder)",
    )
    add_no_update_option(parser)
    add_fresh_option(parser)
    parser.set_defaults(func=run)


def add_no_update_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-update",
        action="store_true",
        help="answer from the index as it is, without looking for new or changed files",
    )


def _marked(text: str, matches: tuple[tuple[int, int], ...], tty: bool) -> str:
    start_mark, end_mark = (BOLD, PLAIN) if tty else ("[", "]")
    out, pos = [], 0
    for start, end in matches:
        out += [safe_text(text[pos:start]), start_mark, safe_text(text[start:end]), end_mark]
        pos = end
    out.append(safe_text(text[pos:]))
    return "".join(out)  # the snippet is already one line (snippets.py folds line breaks)


def json_score(hit: SearchHit) -> float:
    """The relevance a script sees: higher is better, 0.0 when nothing ranks (no words).

    SQLite's BM25 is negative with lower better, which reads backwards; negating it keeps
    the order. Six significant digits, not a fixed number of decimals: a word in most
    articles scores about 1e-6, which four decimals flattened to a column of zeros.
    ``+ 0.0`` turns -0.0 into 0.0."""
    return float(f"{-hit.score:.6g}") + 0.0


def hit_json(hit: SearchHit) -> dict[str, Any]:
    snippet = hit.snippet
    return {
        "id": hit.row.id,
        "date": hit.row.date,
        "title": hit.row.title,
        "path": hit.row.path,
        "record": hit.row.record,
        "score": json_score(hit),
        "snippet": None
        if snippet is None
        else {
            "text": snippet.text,
            "matches": [list(m) for m in snippet.matches],
            "offset": snippet.offset,
        },
    }


def run(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    try:
        query = parse(args.query)
    except QueryError as exc:
        raise UsageError(f"bad query: {exc.message}") from None
    store = None
    corrections = None
    if query.needs_store:
        from ._resolve import open_store  # the store is only read for is:/has: and entity filters

        store = open_store(args)
        from ._corrections import stored_corrections  # only entity and store filters need the store

        corrections = stored_corrections(args, store)
    elif query.entities:
        from ._corrections import stored_corrections

        corrections = stored_corrections(args)
    index = open_index(corpus_path(args), update=not args.no_update, fresh=args.fresh)
    try:
        hits = index.search(query, limit=args.limit, store=store, snippets=args.limit, corrections=corrections)
    except QueryError as exc:
        raise UsageError(f"bad query: {exc.message}") from None
    finally:
        index.close()
    if args.json:
        print(dumps([hit_json(h) for h in hits], indent=2))
        return 0
    tty = sys.stdout.isatty()
    lines = []
    for hit in hits:
        row = hit.row
        path = row.path + (f"#{row.record}" if row.record is not None else "")
        lines.append(f"{row.date or 'undated':10}  {safe_line(row.title)}  {safe_line(path)}")
        if hit.snippet is not None and hit.snippet.text:
            lead = "…" if hit.snippet.offset > 0 else ""
            lines.append(f"            {lead}{_marked(hit.snippet.text, hit.snippet.matches, tty)}…")
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")
    if not hits:
        print("reader: no matches", file=sys.stderr)
    return 0
