"""``reader export``: every note and bookmark, grouped by article, as Markdown or JSON."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..safe_text import safe_text
from ..store.export import to_json, to_markdown
from . import COMMANDS
from ._resolve import (
    add_corpus_option,
    add_store_option,
    corpus_root,
    open_store,
    reconcile_for_listing,
    referenced_paths,
)
from .common import dumps


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "export",
        help=COMMANDS["export"],
        description="All notes and bookmarks, grouped by article (newest article first), each note "
        "with the passage it is anchored to. Markdown reads as a document; JSON is for other tools.",
    )
    parser.add_argument(
        "--format", "-f", choices=("markdown", "json"), default="markdown", help="output format (default: markdown)"
    )
    add_corpus_option(parser, "also look for moved articles in this corpus")
    parser.set_defaults(corpus=None)
    add_store_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store = open_store(args)
    reconcile_for_listing(store, corpus_root(args) if args.corpus else None, referenced_paths(store))
    if args.format == "json":
        print(dumps(to_json(store), indent=2))
        return 0
    text = to_markdown(store)
    # Markdown goes to a terminal as often as to a file: no control sequences either way.
    sys.stdout.write(safe_text(text))
    return 0
