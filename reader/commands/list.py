"""``reader list``: the corpus's articles, newest first."""

from __future__ import annotations

import argparse
import shutil
import sys
from typing import Any

from ..articles import Article
from ..safe_text import safe_line
from .common import add_corpus_argument, check_range, corpus_path, date_option, dumps, load_corpus, report_problems


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "list",
        help="list articles newest first: id, date, title, path",
        description="List the corpus's articles, newest first; undated articles come last. "
        "Problem files are reported on stderr and do not stop the listing.",
    )
    add_corpus_argument(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON list of objects")
    parser.add_argument("--since", type=date_option, metavar="DATE", help="only articles dated on or after DATE")
    parser.add_argument("--until", type=date_option, metavar="DATE", help="only articles dated on or before DATE")
    parser.set_defaults(func=run)


def article_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "date": article.date_iso,
        "title": article.title,
        "path": str(article.path),
        "record": article.record,
        "source": article.source,
        "format": article.format,
    }


def run(args: argparse.Namespace) -> int:
    check_range(args.since, args.until)
    result = load_corpus(corpus_path(args))
    articles = [
        a
        for a in result.articles
        if (args.since is None or (a.date is not None and a.date >= args.since))
        and (args.until is None or (a.date is not None and a.date <= args.until))
    ]
    report_problems(result.problems)
    if args.json:
        print(dumps([article_json(a) for a in articles], indent=2))
        return 0
    width = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 0
    lines = []
    for a in articles:
        path = str(a.path) + (f"#{a.record}" if a.record is not None else "")
        title = safe_line(a.title)
        if width:
            room = max(20, width - 12 - 11 - 2 - min(len(path), 40))
            title = title if len(title) <= room else title[: room - 1] + "…"
        lines.append(f"{a.id}  {a.date_iso or 'undated':10}  {title}  {safe_line(path)}")
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")
    return 0
