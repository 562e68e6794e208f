"""``reader show ARTICLE [CORPUS] [--json] [--entities]``: one article as the reader sees it.

Metadata, the text, its paragraphs with their offsets and, with ``--entities``, the
entities the article view colours: what a script needs to check what the reader made of a
file (a saved page, a fetched entry) without opening the TUI. Offsets index
``text`` (ARCHITECTURE.md §6), so ``text[start:end]`` is a paragraph or an entity.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..safe_text import safe_line, safe_text
from . import COMMANDS
from ._corrections import stored_corrections
from ._resolve import add_store_option, corpus_root, resolve_article
from .common import dumps


def register(sub: Any) -> None:
    p = sub.add_parser(
        "show",
        help=COMMANDS["show"],
        description="Print one article as the reader sees it. ARTICLE is a file, FILE#N, or an article id "
        "(looked up in CORPUS, default: the bundled sample corpus).",
    )
    p.add_argument("article", metavar="ARTICLE", help="an article file, FILE#N, or an article id")
    p.add_argument("corpus", nargs="?", metavar="CORPUS", help="where to look up an article id")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument(
        "--entities", action="store_true", help="also list the named entities (with your entity corrections)"
    )
    add_store_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    article = resolve_article(args.article, corpus_root(args))
    entities: list[dict[str, object]] = []
    if args.entities:
        from ..entities import get_extractor

        found = get_extractor().extract(article.text, article.paragraphs)
        corrections = stored_corrections(args)  # as the article view shows them
        if corrections is not None:
            spans = [(p.start, p.end) for p in article.paragraphs]
            found = corrections.apply(found, article.text, spans)
        entities = [e.to_json() for e in found]
    if args.json:
        doc: dict[str, object] = {
            "id": article.id,
            "path": str(article.path),
            "record": article.record,
            "format": article.format,
            "title": article.title,
            "date": article.date_iso,
            "source": article.source,
            "author": article.author,
            "url": article.url,
            "text": article.text,
            "paragraphs": [{"start": p.start, "end": p.end} for p in article.paragraphs],
        }
        if args.entities:
            doc["entities"] = entities
        print(dumps(doc, indent=2))
        return 0
    place = str(article.path) + (f"#{article.record}" if article.record is not None else "")
    head = [
        ("title", article.title),
        ("date", article.date_iso or "undated"),
        ("source", article.source),
        ("author", article.author),
        ("url", article.url),
        ("id", article.id),
        ("path", place),
    ]
    out = [f"{key}: {safe_line(value)}" for key, value in head if value]
    out.append("")
    for index, span in enumerate(article.paragraphs):
        out.append(f"[{index}] {span.start}-{span.end}")
        out.append(safe_text(article.text[span.start : span.end]))
        out.append("")
    if args.entities:
        out.append(f"{len(entities)} entities")
        for e in entities:
            out.append(f"  {e['start']:>7}-{e['end']:<7} {e['label']}  {safe_line(str(e['text']))}")
    sys.stdout.write("\n".join(out).rstrip("\n") + "\n")
    return 0
