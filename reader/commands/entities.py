"""``reader entities FILE...``: the named entities of article files, as JSON or a table.

The extractor is imported inside ``run`` so that registering this command (which every
``reader`` invocation does) costs nothing: gazetteers load only when entities are asked for.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..safe_text import safe_line
from . import COMMANDS
from .common import dumps

if TYPE_CHECKING:
    from ..articles import Article
    from ..entities import Entity


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "entities",
        help=COMMANDS["entities"],
        description="Find people, places, organisations, dates, amounts and more in each FILE. "
        "Offsets are character indices into the whole file text, header included.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="article files (plain, Markdown, JSON, JSON Lines)")
    p.add_argument("--jsonl", action="store_true", help="one JSON object per file (per article of a feed) per line")
    p.add_argument(
        "--backend",
        default="builtin",
        choices=("builtin", "spacy"),
        help="builtin (default: fast, offline rules) or spacy (needs spaCy and an English model)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..articles import load_file
    from ..entities import get_extractor

    extractor = get_extractor(args.backend)
    failed = False
    for name in args.files:
        articles, problems = load_file(Path(name))
        fatal = [p for p in problems if p.skipped]
        if not articles:
            reason = fatal[0].reason if fatal else "no article found"
            print(f"reader: {safe_line(name)}: {safe_line(reason)}", file=sys.stderr)
            failed = True
            continue
        for article in articles:
            entities = extractor.extract(article.text, article.paragraphs)
            if args.jsonl:
                print(dumps(_record(name, article, entities)))
            else:
                _print_table(name, article, entities)
        sys.stdout.flush()
    return 1 if failed else 0


def _record(name: str, article: Article, entities: list[Entity]) -> dict[str, object]:
    record: dict[str, object] = {"file": name}
    if article.record is not None:
        record["record"] = article.record
    record["entities"] = [e.to_json() for e in entities]
    return record


def _print_table(name: str, article: Article, entities: list[Entity]) -> None:
    where = safe_line(name) + (f" (record {article.record})" if article.record is not None else "")
    print(f"{where}: {len(entities)} entities")
    width = max((len(e.label) for e in entities), default=5)
    for e in entities:
        text = safe_line(e.text)
        key = "" if e.key == e.text else f"  -> {safe_line(e.key)}"
        print(f"  {e.start:>7}-{e.end:<7} {e.label:<{width}}  {text}{key}")
