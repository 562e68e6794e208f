"""``reader entity top [CORPUS]``: the corpus's people, organisations and places, most
articles first, with their mentions and first and last date.

``add_top_parser`` adds the ``top`` sub-command to a ``reader entity`` parser, so the
entity commands can live in one group; the counting is ``reader.index.entity_stats``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..entities.model import NAME_LABELS
from ..errors import UsageError
from ..index.entity_stats import labels_for
from ..safe_text import safe_line
from ._corpus import open_index
from ._corrections import stored_corrections
from ._resolve import add_store_option
from .common import add_corpus_argument, corpus_path, dumps
from .search import add_no_update_option

DEFAULT_LIMIT = 50


def add_top_parser(entity_sub: Any) -> None:
    parser = entity_sub.add_parser(
        "top",
        help="the corpus's entities by number of articles",
        description="The corpus's people, organisations and places (or another kind with --label), "
        "most articles first, with their number of mentions and the dates of their first and last "
        "article. The index is updated first.",
    )
    add_corpus_argument(parser)
    parser.add_argument(
        "--label",
        metavar="L",
        help="only this kind: person, org, place, a label like GPE or NORP, or all (default: people, "
        "organisations and places)",
    )
    parser.add_argument(
        "--limit", type=int, default=DEFAULT_LIMIT, metavar="N", help=f"at most N entities (default {DEFAULT_LIMIT})"
    )
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    add_no_update_option(parser)
    add_store_option(parser)  # the user's entity corrections (merges, renames, hidden ones) apply
    parser.set_defaults(func=run_top)


def run_top(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    labels = labels_for(args.label)
    if not labels <= NAME_LABELS:
        known = ", ".join(sorted(NAME_LABELS))
        raise UsageError(f"unknown label {safe_line(args.label)!r}: use person, org, place, all or one of {known}")
    corrections = stored_corrections(args)
    index = open_index(corpus_path(args), update=not args.no_update)
    try:
        top = index.top_entities(labels, args.limit, corrections)
    finally:
        index.close()
    if args.json:
        print(dumps([stat.to_json() for stat in top], indent=2))
        return 0
    if not top:
        print("no entities of that kind in this corpus", file=sys.stderr)
        return 0
    width = min(40, max(len(safe_line(s.key)) for s in top))
    lines = [f"{'entity':<{width}}  {'label':<7} {'articles':>8} {'mentions':>8}  first .. last"]
    for stat in top:
        key = safe_line(stat.key)
        if len(key) > width:
            key = key[: width - 1] + "…"
        dates = f"{stat.first} .. {stat.last}" if stat.first else "undated"
        lines.append(f"{key:<{width}}  {stat.label:<7} {stat.articles:>8,} {stat.mentions:>8,}  {dates}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
