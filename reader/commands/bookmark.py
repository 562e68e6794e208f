"""``reader bookmark add|remove|list``: bookmarked articles, kept in the user's store."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..safe_text import safe_line
from . import COMMANDS
from ._resolve import (
    add_corpus_option,
    add_store_option,
    corpus_root,
    open_store,
    reconcile_for_listing,
    referenced_paths,
    resolve_article,
)
from .common import dumps


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "bookmark",
        help=COMMANDS["bookmark"],
        description="Bookmarked articles, kept in the store "
        "(--store PATH, else $READER_STORE, else the user-data folder).",
    )
    parser.set_defaults(func=lambda args: _help(parser))
    verbs = parser.add_subparsers(dest="verb", metavar="ACTION")
    for verb, summary in (("add", "bookmark an article"), ("remove", "remove an article's bookmark")):
        p = verbs.add_parser(verb, help=summary, description=summary.capitalize() + ".")
        p.add_argument("article", metavar="ARTICLE", help="an article file, FEED#N, or an article id")
        add_corpus_option(p, "where to look up an article id")
        add_store_option(p)
        p.set_defaults(func=run_change, on=verb == "add")
    lister = verbs.add_parser(
        "list", help="list bookmarks, newest first", description="Bookmarked articles, most recently bookmarked first."
    )
    lister.add_argument("--json", action="store_true", help="print a JSON list")
    add_corpus_option(lister, "also look for moved articles in this corpus")
    lister.set_defaults(corpus=None)
    add_store_option(lister)
    lister.set_defaults(func=run_list)


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def run_change(args: argparse.Namespace) -> int:
    article = resolve_article(args.article, corpus_root(args))
    store = open_store(args)
    was = store.is_bookmarked(article.id)
    store.set_bookmark(article, args.on)
    title = safe_line(article.title)
    if args.on:
        print(f"bookmarked {title!r}" + (" (it already was)" if was else ""))
    else:
        print(f"removed the bookmark on {title!r}" if was else f"{title!r} was not bookmarked")
    return 0


def run_list(args: argparse.Namespace) -> int:
    store = open_store(args)
    reconcile_for_listing(store, corpus_root(args) if args.corpus else None, referenced_paths(store))
    orphans = {a.id for a in store.orphan_bookmarks()}
    entries = store.bookmark_entries()
    if args.json:
        rows = []
        for mark in entries:
            row = mark.article.to_json()
            row["bookmarked_at"] = mark.created
            row["orphan"] = mark.article.id in orphans
            rows.append(row)
        print(dumps(rows, indent=2))
        return 0
    lines = []
    for mark in entries:
        record = mark.article
        place = record.path + (f"#{record.record}" if record.record is not None else "")
        mark_text = "  [orphan: article not found]" if record.id in orphans else ""
        lines.append(
            f"{record.id}  {record.date or 'undated':10}  {safe_line(record.title)}  {safe_line(place)}{mark_text}"
        )
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")
    return 0
