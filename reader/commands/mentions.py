"""``reader mentions NAME [CORPUS]``: every article mentioning an entity, newest first.

Names resolve through the canonical keys, so ``reader mentions Guterres`` finds the
articles of "Antonio Guterres" too. Also printed: a small timeline and the entities most
often mentioned alongside.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import ReaderError
from ..index import Mentions
from ..safe_text import safe_line
from . import COMMANDS
from ._corpus import open_index
from ._corrections import stored_corrections
from .common import add_corpus_argument, add_fresh_option, corpus_path, dumps
from .search import add_no_update_option

BARS = " ▁▂▃▄▅▆▇█"


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "mentions",
        help=COMMANDS["mentions"],
        description="Every article mentioning the entity NAME (a person, organisation, place...), "
        "newest first with the number of mentions, a timeline and the entities most often "
        "mentioned alongside. The index is updated first.",
    )
    parser.add_argument("name", metavar="NAME", help='the entity, e.g. Guterres or "United Nations"')
    add_corpus_argument(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.add_argument(
        "--label", metavar="LABEL", help="only entities of this kind (person, org, place or a label like GPE)"
    )
    parser.add_argument(
        "--store",
        metavar="PATH",
        help="the store whose entity corrections apply (default: $READER_STORE, else the user-data folder)",
    )
    add_no_update_option(parser)
    add_fresh_option(parser)
    parser.set_defaults(func=run)


def sparkline(counts: list[int]) -> str:
    top = max(counts, default=0)
    if top == 0:
        return ""
    return "".join(BARS[0 if n == 0 else max(1, round(n / top * (len(BARS) - 1)))] for n in counts)


def mentions_json(found: Mentions) -> dict[str, Any]:
    return {
        "key": found.key,
        "label": found.label,
        "keys": list(found.keys),
        "total_articles": found.total_articles,
        "total_mentions": found.total_mentions,
        "articles": [
            {
                "id": m.row.id,
                "date": m.row.date,
                "title": m.row.title,
                "path": m.row.path,
                "record": m.row.record,
                "count": m.count,
                "first": m.first,
            }
            for m in found.articles
        ],
        "timeline": {"granularity": found.granularity, "periods": [[p, n] for p, n in found.timeline]},
        "co_mentions": [
            {"key": c.key, "label": c.label, "articles": c.articles, "mentions": c.mentions} for c in found.co_mentions
        ],
        "co_window": found.co_window,
        "matches": [{"key": k, "label": lab, "articles": n} for k, lab, n in found.matches],
        "chosen_because": found.why,
    }


def run(args: argparse.Namespace) -> int:
    corrections = stored_corrections(args)
    index = open_index(corpus_path(args), update=not args.no_update, fresh=args.fresh)
    try:
        found = index.mentions(args.name, label=args.label, corrections=corrections)
    finally:
        index.close()
    if found is None:
        raise ReaderError(f"no entity named {safe_line(args.name)!r} in this corpus")
    if args.json:
        print(dumps(mentions_json(found), indent=2))
        return 0
    also = [k for k in found.keys if k != found.key]
    out = [
        f"{safe_line(found.key)} ({found.label}): {_count(found.total_mentions, 'mention')}"
        f" in {_count(found.total_articles, 'article')}"
    ]
    if also:
        out.append("  also as: " + ", ".join(safe_line(k) for k in also))
    if len(found.matches) > 1:
        listed = ", ".join(f"{safe_line(k)} ({lab}, {_count(n, 'article')})" for k, lab, n in found.matches)
        out.append(f"  {safe_line(args.name)!r} matches {len(found.matches)} entities: {listed}")
        out.append(f"  chose {safe_line(found.key)} ({found.label}): {safe_line(found.why)}")
    if found.timeline:
        first, last = found.timeline[0][0], found.timeline[-1][0]
        out.append(f"  by {found.granularity}, {first} .. {last}: {sparkline([n for _, n in found.timeline])}")
    if found.co_mentions:
        partial = (
            f" (counted in the newest {found.co_window:,} of {found.total_articles:,} articles)"
            if found.co_window < found.total_articles
            else ""
        )
        listed = ", ".join(f"{safe_line(c.key)} ({c.articles})" for c in found.co_mentions)
        out.append(f"  mentioned with{partial}: {listed}")
    out.append("")
    for m in found.articles:
        row = m.row
        path = row.path + (f"#{row.record}" if row.record is not None else "")
        out.append(f"{row.date or 'undated':10}  {m.count:3}x  {safe_line(row.title)}  {safe_line(path)}")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
