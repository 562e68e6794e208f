"""``reader list``: the corpus's articles, newest first.

Read from the corpus index when one was built (brought up to date first), else by parsing
every file: the same rows and problems either way (``_corpus.list_corpus``).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from ..articles.parse import file_format
from ..safe_text import safe_line
from . import COMMANDS
from ._corpus import list_corpus
from .common import add_corpus_argument, add_fresh_option, check_range, corpus_path, date_option, dumps, report_problems

if TYPE_CHECKING:
    from ..articles.row import ArticleRow


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "list",
        help=COMMANDS["list"],
        description="List the corpus's articles, newest first; undated articles come last. "
        "Problem files are reported on stderr and do not stop the listing.",
    )
    add_corpus_argument(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON list of objects")
    parser.add_argument("--since", type=date_option, metavar="DATE", help="only articles dated on or after DATE")
    parser.add_argument("--until", type=date_option, metavar="DATE", help="only articles dated on or before DATE")
    add_fresh_option(parser)
    parser.set_defaults(func=run)


def article_json(row: ArticleRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "date": row.date,
        "title": row.title,
        "path": row.path,
        "record": row.record,
        "source": row.source,
        "format": file_format(row.path),  # what the parser made of it (chosen by extension)
    }


def run(args: argparse.Namespace) -> int:
    check_range(args.since, args.until)
    listing = list_corpus(corpus_path(args), fresh=args.fresh)
    since = args.since.isoformat() if args.since else None  # ISO dates compare as text
    until = args.until.isoformat() if args.until else None
    rows = [
        r
        for r in listing.rows
        if (since is None or (r.date is not None and r.date >= since))
        and (until is None or (r.date is not None and r.date <= until))
    ]
    report_problems(listing.problems)
    if args.json:
        print(dumps([article_json(r) for r in rows], indent=2))
        return 0
    width = 0
    if sys.stdout.isatty():
        import shutil  # for the width only: a pipe gets whole titles

        width = shutil.get_terminal_size((100, 24)).columns
    lines = []
    for r in rows:
        path = r.path + (f"#{r.record}" if r.record is not None else "")
        title = safe_line(r.title)
        if width:
            room = max(20, width - 12 - 11 - 2 - min(len(path), 40))
            title = title if len(title) <= room else title[: room - 1] + "…"
        lines.append(f"{r.id}  {r.date or 'undated':10}  {title}  {safe_line(path)}")
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")
    return 0
