"""``reader dossier NAME [CORPUS]``: one entity written up, as Markdown or JSON.

Names resolve as in ``reader mentions``. The user's notes and bookmarks on the articles
come from the store (read, never written). A big dossier shows a progress bar on stderr
when it is a terminal.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..dossier import ArticleNote, gather, to_json, to_markdown
from ..errors import ReaderError
from ..safe_text import safe_line
from . import COMMANDS
from ._corpus import _Spelling, open_index
from ._corrections import corrections_of
from .common import add_corpus_argument, corpus_path, dumps
from .search import add_no_update_option

BAR_FROM = 50  # articles; a smaller dossier is written before a bar would be seen


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "dossier",
        help=COMMANDS["dossier"],
        description="Write up the entity NAME (resolved as `reader mentions` does): its names and label, "
        "its notes, mentions per month, every article that mentions it with the sentences that do, the "
        "entities most often alongside it, and your own notes and bookmarks on those articles.",
    )
    parser.add_argument("name", metavar="NAME", help='the entity, e.g. Guterres or "United Nations"')
    add_corpus_argument(parser)
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown", help="default: markdown")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("--label", metavar="LABEL", help="only entities of this kind (person, org, place, GPE...)")
    parser.add_argument(
        "--store",
        metavar="PATH",
        help="the notes and bookmarks file (default: $READER_STORE, else the user-data folder)",
    )
    add_no_update_option(parser)
    parser.set_defaults(func=run)


def store_marks(args: argparse.Namespace) -> tuple[Callable[[str], Sequence[ArticleNote]], Callable[[str], bool]]:
    """The user's notes and bookmarks by article id, from the store (read only)."""
    from ._resolve import open_store

    store = open_store(args)
    args.opened_store = store  # the entity notes and corrections come from the same read

    def notes_for(article_id: str) -> list[ArticleNote]:
        return [ArticleNote(n.anchor.paragraph, n.text, n.created) for n in store.notes_for(article_id)]

    return notes_for, store.is_bookmarked


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr while articles are read, or None (no terminal)."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("reading articles"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        auto_refresh=False,  # no refresh thread: a process with one thread may fork workers (reader.forked)
    ) as bar:
        task = bar.add_task("articles", total=None)

        def advance(done: int, total: int) -> None:
            if total >= BAR_FROM and (done % 25 == 0 or done == total):
                bar.update(task, completed=done, total=total)
                bar.refresh()

        yield advance


def run(args: argparse.Namespace) -> int:
    root = corpus_path(args)
    notes_for, bookmarked = store_marks(args)
    store = args.opened_store
    corrections = corrections_of(store)

    def entity_notes(key: str, label: str) -> list[str]:
        return [n.text for n in store.entity_notes() if corrections.outcome(n.key).key == key]

    index = open_index(root, update=not args.no_update)
    try:
        with progress_bar(sys.stderr.isatty()) as advance:
            found = gather(
                index,
                args.name,
                args.label,
                notes_for=notes_for,
                bookmarked=bookmarked,
                progress=advance,
                spell=_Spelling(index, root),
                corrections=corrections,
                entity_notes=entity_notes,
            )
        if found is None:
            near = index.nearest_keys(args.name)
            hint = f"; nearest: {', '.join(repr(safe_line(k)) for k in near)}" if near else ""
            raise ReaderError(f"no entity named {safe_line(args.name)!r} in {safe_line(str(root))}{hint}")
    finally:
        index.close()
    text = dumps(to_json(found), indent=2) + "\n" if args.format == "json" else to_markdown(found)
    if args.output:
        write_output(Path(args.output).expanduser(), text)
        print(f"reader: dossier of {safe_line(found.key)} written to {safe_line(args.output)}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def write_output(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ReaderError(f"cannot write the dossier to {safe_line(str(path))}: {exc.strerror or exc}") from None
