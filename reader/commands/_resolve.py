"""Shared by ``note``, ``bookmark`` and ``export``: the store option, and turning an
ARTICLE argument (a file, ``FEED#N``, or an article id) into an Article.

An id needs a corpus to look in (``--corpus DIR``, default the bundled sample corpus):
its index when one was built, which reads one file, else every file (``_corpus``). A
path needs no corpus, which keeps ``reader note add FILE`` fast on any corpus size.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from pathlib import Path

from ..articles import Article, CorpusError, load_file
from ..articles.parse import file_format
from ..articles.scan import iter_article_paths, iter_file, load_record, with_unique_id
from ..errors import ReaderError, UsageError
from ..locations import default_store_path, sample_corpus
from ..safe_text import safe_line
from ..store import Store
from ..store.model import resolved
from ._corpus import article_by_id

_ID = re.compile(r"[0-9a-f]{4,12}")


def add_store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        metavar="PATH",
        help="the notes and bookmarks file (default: $READER_STORE, else the user-data folder)",
    )


def add_corpus_option(parser: argparse.ArgumentParser, purpose: str) -> None:
    parser.add_argument("--corpus", metavar="DIR", help=f"{purpose} (default: the bundled sample corpus)")


def store_path(args: argparse.Namespace) -> Path:
    value = getattr(args, "store", None)
    return Path(value).expanduser() if value else default_store_path()


def open_store(args: argparse.Namespace) -> Store:
    return Store.open(store_path(args))


def corpus_root(args: argparse.Namespace) -> Path:
    value = getattr(args, "corpus", None)
    return Path(value).expanduser() if value else sample_corpus()


def _load(path: Path) -> list[Article]:
    articles, problems = load_file(path)
    if not articles:
        reasons = "; ".join(p.reason for p in problems) or "no article in it"
        raise ReaderError(f"{safe_line(str(path))}: {safe_line(reasons)}")
    return articles


def resolve_article(spec: str, corpus: Path) -> Article:
    """The one article ``spec`` names; ReaderError (one line) when it names none or many."""
    base, hash_sign, number = spec.rpartition("#")
    if hash_sign and number.isdigit() and Path(base).expanduser().is_file():
        if file_format(base) == "csv":  # one row, read alone: an export may be huge
            try:
                row = load_record(Path(base).expanduser(), int(number))
            except OSError as exc:
                raise ReaderError(f"{safe_line(base)}: cannot read: {safe_line(exc.strerror or str(exc))}") from None
            if row is None:
                raise ReaderError(f"{safe_line(base)} has no usable data row #{number} (rows count from #0)")
            return row
        articles = _load(Path(base).expanduser())
        for article in articles:
            if article.record == int(number) or (article.record is None and number == "0"):
                return article
        raise ReaderError(f"{safe_line(base)} has no article #{number} (it holds {len(articles)}, from #0)")
    path = Path(spec).expanduser()
    if path.is_dir():
        raise UsageError(f"{safe_line(spec)} is a folder; name one article file, or an article id")
    if path.is_file():
        articles = _load(path)
        if len(articles) == 1:
            return articles[0]
        return _ambiguous(path, articles)
    if _ID.fullmatch(spec.lower()):
        return article_by_id(spec.lower(), corpus)
    raise ReaderError(f"{safe_line(spec)!r} is neither a file nor an article id")


def _ambiguous(path: Path, articles: list[Article]) -> Article:
    shown = ", ".join(f"{a.id} or {path}#{a.record} ({a.title[:40]})" for a in articles[:3])
    more = f", and {len(articles) - 3} more (see `reader list {path}`)" if len(articles) > 3 else ""
    raise ReaderError(safe_line(f"{path} holds {len(articles)} articles; name one by id or as PATH#N: {shown}{more}"))


def reconcile_for_listing(store: Store, corpus: Path | None, paths: Iterable[str]) -> None:
    """Judge which notes are orphans, without writing: the files the store points at are
    read, plus the whole corpus when one was named (that is what finds moved files).

    Of a CSV export only the rows the store refers to (by id, or by file and row) are
    kept, the rest read and dropped as they stream by: reconciling finds articles by
    nothing else, and an export may be far bigger than memory."""
    records = [note.article for note in store.notes()] + store.bookmarks()
    ids = {record.id for record in records}
    places = {(record.path, record.record) for record in records}

    def wanted(article: Article) -> bool:
        return article.id in ids or (resolved(article.path), article.record) in places

    articles: list[Article] = []
    for name in sorted(set(paths)):
        path = Path(name)
        if path.is_file():
            for batch, _ in iter_file(path):
                articles.extend(a for a in batch if a.record is None or file_format(path) != "csv" or wanted(a))
    if corpus is not None:
        seen: set[str] = set()
        try:
            for path in iter_article_paths(corpus, []):
                csv = file_format(path) == "csv"
                for batch, _ in iter_file(path):
                    for article in batch:
                        article = with_unique_id(article, corpus, seen)  # the ids a listing gives
                        seen.add(article.id)
                        if not csv or wanted(article):
                            articles.append(article)
        except CorpusError as exc:
            raise ReaderError(str(exc)) from None
    store.reconcile(articles, save=False)


def referenced_paths(store: Store) -> list[str]:
    return [n.article.path for n in store.notes()] + [b.path for b in store.bookmarks()]
