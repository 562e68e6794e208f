"""``reader feeds add|remove|list|fetch|import|export``: subscriptions and fetching.

Subscriptions are user data, kept in the store (ARCHITECTURE.md §2.2); fetched entries
are articles, written into the library folder (``--library``, ``READER_LIBRARY``, else the
user-data folder). A feed that fails prints one line and never stops the others; the
command then exits 1. The network code is imported only by ``fetch`` and ``import``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ReaderError, UsageError
from ..locations import default_library_path
from ..safe_text import safe_line
from . import COMMANDS
from ._resolve import add_store_option, open_store
from .common import dumps

if TYPE_CHECKING:
    from ..feeds.fetch import Outcome
    from ..store import Feed


def add_library_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library",
        metavar="DIR",
        help="where fetched entries and added pages are written (default: $READER_LIBRARY, else the user-data folder)",
    )


def library_path(args: argparse.Namespace) -> Path:
    value = getattr(args, "library", None)
    return Path(value).expanduser() if value else default_library_path()


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "feeds",
        help=COMMANDS["feeds"],
        description="Feed subscriptions, kept in the store (--store PATH, else $READER_STORE, else the "
        "user-data folder); `fetch` writes new entries as article files into the library.",
    )
    parser.set_defaults(func=lambda args: _help(parser))
    verbs = parser.add_subparsers(dest="verb", metavar="ACTION")

    p = verbs.add_parser("add", help="subscribe to a feed", description="Subscribe to the feed at URL.")
    p.add_argument("url", metavar="URL", help="the feed's http(s) address")
    p.add_argument("--title", help="the name to show for it (default: the feed's own title)")
    p.add_argument("--full-text", action="store_true", help="always fetch each entry's page for its full text")
    add_store_option(p)
    p.set_defaults(func=run_add)

    p = verbs.add_parser("remove", help="unsubscribe", description="Unsubscribe from URL (its articles stay).")
    p.add_argument("url", metavar="URL")
    add_store_option(p)
    p.set_defaults(func=run_remove)

    p = verbs.add_parser("list", help="list subscriptions", description="Subscriptions, with their last fetch.")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    add_store_option(p)
    p.set_defaults(func=run_list)

    p = verbs.add_parser(
        "fetch",
        help="fetch feeds into the library",
        description="Fetch every feed (or the URLs given) and write new entries into the library.",
    )
    p.add_argument("urls", nargs="*", metavar="URL", help="only these subscribed feeds")
    p.add_argument("--full-text", action="store_true", help="fetch the page of entries that carry only a summary")
    p.add_argument("--json", action="store_true", help="print a JSON summary per feed")
    add_library_option(p)
    add_store_option(p)
    p.set_defaults(func=run_fetch)

    p = verbs.add_parser("import", help="subscribe to the feeds of an OPML file", description="Import FILE.opml.")
    p.add_argument("file", metavar="FILE", help="an OPML file (newsboat, elfeed, any feed reader)")
    add_store_option(p)
    p.set_defaults(func=run_import)

    p = verbs.add_parser("export", help="write the subscriptions as OPML", description="OPML 2.0 on stdout.")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    add_store_option(p)
    p.set_defaults(func=run_export)


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def _checked(url: str) -> str:
    from ..feeds.http import FetchError, check_url

    try:
        return check_url(url)
    except FetchError as exc:
        raise UsageError(f"{safe_line(url)}: {exc}") from None


def run_add(args: argparse.Namespace) -> int:
    url = _checked(args.url)
    store = open_store(args)
    added = store.add_feeds([(url, args.title)], full_text=args.full_text)
    print(f"subscribed to {safe_line(url)}" if added else f"already subscribed to {safe_line(url)}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    store = open_store(args)
    if not store.remove_feed(args.url.strip()):
        raise ReaderError(f"not subscribed to {safe_line(args.url)} (see `reader feeds list`)")
    print(f"unsubscribed from {safe_line(args.url.strip())}")
    return 0


def _feed_json(feed: Feed) -> dict[str, Any]:
    return {k: v for k, v in feed.to_json().items() if k in _LIST_KEYS}


_LIST_KEYS = (
    "url",
    "title",
    "full_text",
    "added",
    "last_fetch",
    "last_status",
    "last_error",
    "entries",
)


def run_list(args: argparse.Namespace) -> int:
    feeds = open_store(args).feeds()
    if args.json:
        print(dumps([_feed_json(f) for f in feeds], indent=2))
        return 0
    lines = []
    for feed in feeds:
        when = (feed.last_fetch or "never fetched")[:16].replace("T", " ")
        status = feed.last_status or "-"
        if feed.last_error:
            status += f": {feed.last_error}"
        title = feed.title or "(no title yet)"
        lines.append(safe_line(f"{title}  {feed.url}  {feed.entries} entries  {when}  {status}"))
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")
    return 0


def run_fetch(args: argparse.Namespace) -> int:
    from ..feeds.fetch import fetch_feeds
    from ..feeds.library import Library

    store = open_store(args)
    feeds = store.feeds()
    if args.urls:
        wanted = {u.strip() for u in args.urls}
        unknown = sorted(wanted - {f.url for f in feeds})
        if unknown:
            raise UsageError(f"not subscribed to {safe_line(unknown[0])} (add it with `reader feeds add URL`)")
        feeds = [f for f in feeds if f.url in wanted]
    if not feeds:
        if not args.json:
            print("no feeds to fetch (add one with `reader feeds add URL` or `reader feeds import FILE.opml`)")
        else:
            print(dumps([], indent=2))
        return 0
    root = library_path(args)
    try:
        root.mkdir(parents=True, exist_ok=True)
        library = Library(root)
    except OSError as exc:
        raise ReaderError(f"cannot use the library {safe_line(str(root))}: {exc.strerror or exc}") from None
    show_bar = sys.stderr.isatty() and not args.json
    outcomes = (
        _with_progress(feeds, library, args.full_text)
        if show_bar
        else fetch_feeds(feeds, library, full_text=args.full_text, on_done=_print_failure)
    )
    store.record_fetches([o.feed for o in outcomes])
    if show_bar:
        for outcome in outcomes:
            _print_failure(outcome)
    if args.json:
        print(dumps([o.to_json() for o in outcomes], indent=2))
    else:
        _print_summary(outcomes, root)
    return 1 if any(o.error for o in outcomes) else 0


def _with_progress(feeds: list[Feed], library: Any, full_text: bool) -> list[Outcome]:
    """The fetch with a Rich progress bar on stderr (a terminal only)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ..feeds.fetch import fetch_feeds

    with Progress(
        TextColumn("fetching"), BarColumn(), MofNCompleteColumn(), console=Console(stderr=True), transient=True
    ) as progress:
        task = progress.add_task("feeds", total=len(feeds))
        return fetch_feeds(feeds, library, full_text=full_text, on_done=lambda _o: progress.advance(task))


def _print_failure(outcome: Outcome) -> None:
    if outcome.error:
        print(f"reader: {safe_line(outcome.url)}: {safe_line(outcome.error)}", file=sys.stderr)
    for warning in outcome.warnings:
        print(f"reader: {safe_line(outcome.url)}: {safe_line(warning)}", file=sys.stderr)


def _print_summary(outcomes: list[Outcome], root: Path) -> None:
    for o in outcomes:
        name = safe_line(o.feed.title or o.url)
        if o.error:
            what = "failed"
        elif o.not_modified:
            what = "not modified"
        else:
            what = f"{o.new} new, {o.updated} updated, {o.unchanged} unchanged"
        print(f"{name}: {what}")
    new = sum(o.new for o in outcomes)
    failed = sum(1 for o in outcomes if o.error)
    tail = f", {failed} failed" if failed else ""
    print(f"{new} new articles in {safe_line(str(root))} from {len(outcomes)} feeds{tail}")


def run_import(args: argparse.Namespace) -> int:
    from ..feeds.opml import parse_opml
    from ..regular_file import read_regular

    name = safe_line(args.file)
    try:
        data = read_regular(Path(args.file).expanduser())
    except OSError as exc:
        raise ReaderError(f"{name}: cannot read it ({exc.strerror or exc})") from None
    try:
        found, problems = parse_opml(data)
    except ReaderError as exc:
        raise ReaderError(f"{name}: {exc}") from None
    for problem in problems:
        print(f"reader: {name}: {safe_line(problem)}", file=sys.stderr)
    added = open_store(args).add_feeds(found)
    print(f"{len(added)} feeds added, {len(found) - len(added)} already subscribed")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from ..feeds.opml import write_opml

    text = write_opml(open_store(args).feeds())
    if args.output:
        try:
            Path(args.output).expanduser().write_text(text, encoding="utf-8")
        except OSError as exc:
            raise ReaderError(f"{safe_line(args.output)}: cannot write it ({exc.strerror or exc})") from None
        return 0
    sys.stdout.write(text)
    return 0
