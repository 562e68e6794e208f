"""``reader add URL|FILE... [--into CORPUS]``: web pages into article files.

Each URL is fetched (http and https only) and each FILE read as a saved page; the main
text is extracted and written as a Markdown article with front matter into the library's
``pages/`` folder, or into CORPUS with ``--into``. One page that fails prints its line and
the others are still added; the command then exits 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..errors import ReaderError
from ..safe_text import safe_line
from . import COMMANDS
from .feeds import add_library_option, library_path

if TYPE_CHECKING:
    from ..feeds.library import Library

PAGES_FOLDER = "pages"


def register(sub: Any) -> None:
    p = sub.add_parser(
        "add",
        help=COMMANDS["add"],
        description="Fetch each URL (or read each saved .html FILE), extract its main text and save it as an "
        "article file in the library (or in CORPUS with --into).",
    )
    p.add_argument("items", nargs="+", metavar="URL|FILE", help="http(s) addresses or saved .html files")
    p.add_argument("--into", metavar="CORPUS", help="write into this corpus folder instead of the library")
    add_library_option(p)
    p.set_defaults(func=run)


def _is_url(item: str) -> bool:
    return bool(urlsplit(item).scheme) and "://" in item and not Path(item).exists()


def run(args: argparse.Namespace) -> int:
    from ..feeds.library import Library

    if args.into:
        root, folder, persist = Path(args.into).expanduser(), "", False
    else:
        root, folder, persist = library_path(args), PAGES_FOLDER, True
    try:
        root.mkdir(parents=True, exist_ok=True)
        library = Library(root, persist=persist)
    except OSError as exc:
        raise ReaderError(f"cannot write into {safe_line(str(root))}: {exc.strerror or exc}") from None
    with library.locked():
        failed = _add_all(args.items, library, folder, root)
    return 1 if failed else 0


def _add_all(items: list[str], library: Library, folder: str, root: Path) -> bool:
    """Each item added (or its one line on stderr); True when any failed."""
    from ..feeds.pages import fetch_page, read_saved_page, without_title

    failed = False
    for item in items:
        try:
            page = fetch_page(item) if _is_url(item) else read_saved_page(Path(item).expanduser())
            meta: dict[str, str | None] = {
                "title": page.title,
                "date": page.date,
                "source": page.site,
                "url": page.url,
                "author": page.author,
            }
            path, status = library.write_page(folder, meta, without_title(page.text, page.title))
        except ReaderError as exc:
            print(f"reader: {safe_line(str(exc))}", file=sys.stderr)
            failed = True
            continue
        except OSError as exc:
            print(f"reader: cannot write into {safe_line(str(root))}: {exc.strerror or exc}", file=sys.stderr)
            failed = True
            continue
        title = safe_line(page.title or path.name)
        print(f"{status}: {title!r} -> {safe_line(str(path))}")
    try:
        library.save_index()
    except OSError as exc:
        raise ReaderError(f"cannot write the library index in {safe_line(str(root))}: {exc.strerror or exc}") from None
    return failed
