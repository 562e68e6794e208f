"""``reader note add|list|edit|delete``: notes on articles, kept in the user's store."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import UsageError
from ..safe_text import safe_line, safe_text
from ..store import Note, Store
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
        "note",
        help=COMMANDS["note"],
        description="Notes on articles, anchored to a paragraph, kept in the store "
        "(--store PATH, else $READER_STORE, else the user-data folder).",
    )
    parser.set_defaults(func=lambda args: _help(parser))
    verbs = parser.add_subparsers(dest="verb", metavar="ACTION")

    add = verbs.add_parser("add", help="add a note to an article", description="Add a note to ARTICLE.")
    add.add_argument(
        "article", metavar="ARTICLE", help="an article file, FEED#N for one record of a feed, or an article id"
    )
    add.add_argument("--text", "-t", required=True, help="the note's text; - reads it from standard input")
    add.add_argument(
        "--paragraph",
        "-p",
        type=int,
        default=1,
        metavar="N",
        help="the paragraph it is about, counting from 1 (default: 1)",
    )
    add_corpus_option(add, "where to look up an article id")
    add_store_option(add)
    add.set_defaults(func=run_add)

    lister = verbs.add_parser(
        "list",
        help="list notes with their articles",
        description="Every note, oldest first, with its article's title, date and path. "
        "Notes whose article file is gone are marked as orphans; give --corpus to find "
        "articles that moved.",
    )
    lister.add_argument("--json", action="store_true", help="print a JSON list")
    add_corpus_option(lister, "also look for moved articles in this corpus")
    lister.set_defaults(corpus=None)
    add_store_option(lister)
    lister.set_defaults(func=run_list)

    edit = verbs.add_parser("edit", help="replace a note's text", description="Replace the text of note ID.")
    edit.add_argument("id", metavar="ID", help="the note's id (or a unique start of it)")
    edit.add_argument("--text", "-t", required=True, help="the new text; - reads it from standard input")
    add_store_option(edit)
    edit.set_defaults(func=run_edit)

    delete = verbs.add_parser("delete", help="delete a note", description="Delete note ID.")
    delete.add_argument("id", metavar="ID", help="the note's id (or a unique start of it)")
    add_store_option(delete)
    delete.set_defaults(func=run_delete)


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def _text(value: str) -> str:
    text = sys.stdin.read() if value == "-" else value
    if not text.strip():
        raise UsageError("the note text is empty")
    return text


def run_add(args: argparse.Namespace) -> int:
    text = _text(args.text)
    article = resolve_article(args.article, corpus_root(args))
    count = len(article.paragraphs)
    if not 1 <= args.paragraph <= max(count, 1):
        raise UsageError(f"--paragraph {args.paragraph}: the article has {count} paragraphs (1 to {count})")
    store = open_store(args)
    note = store.add_note(article, args.paragraph - 1, text)
    print(f"note {note.id} added to {safe_line(article.title)!r}, paragraph {args.paragraph}")
    return 0


def note_json(note: Note, orphan: bool) -> dict[str, Any]:
    out = note.to_json()
    out["orphan"] = orphan
    return out


def run_list(args: argparse.Namespace) -> int:
    store = open_store(args)
    reconcile_for_listing(store, corpus_root(args) if args.corpus else None, referenced_paths(store))
    orphans = {n.id for n in store.orphans()}
    notes = store.notes()
    if args.json:
        print(dumps([note_json(n, n.id in orphans) for n in notes], indent=2))
        return 0
    out = []
    for note in notes:
        record = note.article
        mark = "  [orphan: article not found]" if note.id in orphans else ""
        out.append(
            f"{note.id}  {record.date or 'undated':10}  {safe_line(record.title)}  "
            f"(paragraph {note.anchor.paragraph + 1}){mark}"
        )
        out.append(f"    {safe_line(record.path)}" + (f"#{record.record}" if record.record is not None else ""))
        out.extend(f"    {line}" for line in safe_text(note.text).splitlines())
    if out:
        sys.stdout.write("\n".join(out) + "\n")
    return 0


def find_note(store: Store, ident: str) -> str:
    """The full id of the one note ``ident`` names (a whole id or a unique start)."""
    ids = [n.id for n in store.notes()]
    if ident in ids:
        return ident
    matches = [i for i in ids if i.startswith(ident)] if len(ident) >= 4 else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UsageError(f"note id {safe_line(ident)!r} is ambiguous: give more of it")
    return ident  # let the store say it does not exist


def run_edit(args: argparse.Namespace) -> int:
    text = _text(args.text)
    store = open_store(args)
    note = store.edit_note(find_note(store, args.id), text)
    print(f"note {note.id} updated")
    return 0


def run_delete(args: argparse.Namespace) -> int:
    store = open_store(args)
    ident = find_note(store, args.id)
    store.delete_note(ident)
    print(f"note {ident} deleted")
    return 0
