"""``reader index [CORPUS]``: bring the corpus index up to date and say what changed.

The other commands check the folders' times only (the walk token) and so miss a file
edited in place; this one always looks at every file, as the TUI's background update
does. On a terminal a progress bar (Rich, on stderr) follows the update; the summary goes
to stdout, as text or, with ``--json``, one object for scripts.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ..safe_text import safe_line
from . import COMMANDS
from ._corpus import update_index
from .common import add_corpus_argument, corpus_path, dumps, report_problems

if TYPE_CHECKING:
    from ..index import UpdateProgress, UpdateReport


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "index",
        help=COMMANDS["index"],
        description="Bring the corpus's index up to date: every file is looked at (size and "
        "modification time), new and changed ones are read, removed ones dropped. Prints how "
        "many articles were added, changed, moved and removed, and the problems found.",
    )
    add_corpus_argument(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON object: the counts and the problems")
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="accepted for symmetry with search, mentions and list: this command always looks at every file",
    )
    parser.set_defaults(func=run)


@contextmanager
def _progress_bar() -> Iterator[Callable[[UpdateProgress], None] | None]:
    """A progress callback drawing a bar on stderr when it is a terminal, else None."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console  # only when there is a terminal to draw on
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    # Drawn at each step rather than by Rich's refresh thread: a process with one thread
    # may fork the entity pass's workers (``index.entity_workers``), one with two may not.
    with Progress(*columns, console=Console(stderr=True), transient=True, auto_refresh=False) as bar:
        task = bar.add_task("files", total=None)

        def step(update: UpdateProgress) -> None:
            # a first build reads the files, then extracts the entities (a second pass)
            what = "entities" if update.phase == "entities" else "files"
            bar.update(task, description=what, completed=update.done, total=max(update.total, update.done))
            bar.refresh()

        yield step


def summary_json(corpus: str, report: UpdateReport) -> dict[str, Any]:
    return {
        "corpus": corpus,
        "files": report.files,
        "added": report.added,
        "changed": report.changed,
        "moved": report.moved,
        "removed": report.removed,
        "unchanged": report.unchanged,
        "reread": report.reread,
        "seconds": round(report.seconds, 3),
        "problems": [{"path": str(p.path), "reason": p.reason, "skipped": p.skipped} for p in report.problems],
        "notices": list(report.notices),
    }


def run(args: argparse.Namespace) -> int:
    corpus = corpus_path(args)
    with _progress_bar() as progress:
        report = update_index(corpus, progress)
    if args.json:
        print(dumps(summary_json(str(corpus), report), indent=2))
        return 0
    for notice in report.notices:
        print(f"reader: {safe_line(notice)}", file=sys.stderr)
    report_problems(report.problems)
    problems = len(report.problems)
    print(
        f"{safe_line(str(corpus))}: {report.added} added, {report.changed} changed, {report.moved} moved, "
        f"{report.removed} removed, {report.unchanged} unchanged ({report.files} files, "
        f"{problems} problem{'' if problems == 1 else 's'}, {report.seconds:.2f} s)"
    )
    return 0
