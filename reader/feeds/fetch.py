"""Fetching subscribed feeds into the library, a few at once.

The network is the slow part, so each feed's download, parsing, full-text page fetches
and writing run in a small thread pool (``WORKERS``). Writing is in the pool too: each
article file is fsync'd (about 7 ms on the test machine), and 1,000 entries written from
one thread took longer than fetching the 50 feeds that carried them; the library takes
its decisions under a lock and writes outside it. A feed that fails gives an ``Outcome`` with
its one-line error and never stops the others. What a fetch learnt of each feed
(validators, status, counts) comes back as updated ``Feed`` records for the caller to
save in the store in one write (``Store.record_fetches``): this module never writes
user data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace

from ..errors import ReaderError
from ..safe_text import safe_line
from ..store.model import Feed, now_iso
from .http import Limits, fetch
from .library import Library, feed_slug
from .pages import fetch_page, without_title
from .parse import Entry, parse_feed_bytes

WORKERS = 6
_FEED_ACCEPT = "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, */*;q=0.5"


@dataclass
class Outcome:
    """One feed's fetch: counts for the summary, the error if it failed, and the feed
    record as it should now be stored."""

    url: str
    feed: Feed
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    not_modified: bool = False
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "url": self.url,
            "title": self.feed.title,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "not_modified": self.not_modified,
            "error": self.error,
            "warnings": list(self.warnings),
        }


@dataclass
class _Downloaded:
    feed: Feed
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    entries: list[Entry] = field(default_factory=list)
    not_modified: bool = False
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def _fetch_one(feed: Feed, limits: Limits, full_text: bool, library: Library) -> Outcome:
    """Runs in a worker: download, then write; never raises.

    The validators of the last fetch are sent only when this library holds the feed's
    folder: after a switch to another library (or one wiped clean) a 304 would leave it
    empty for as long as the feed does not change."""
    if (feed.etag or feed.last_modified) and not (library.root / feed_slug(feed.url)).is_dir():
        feed = replace(feed, etag=None, last_modified=None)
    try:
        return _write(_download(feed, limits, full_text, library.knows), library)
    except Exception as exc:  # noqa: BLE001 - one feed's surprise must not end the others
        error = safe_line(f"unexpected {type(exc).__name__}: {exc}")
        record = replace(feed, last_fetch=now_iso(), last_status="error", last_error=error)
        return Outcome(feed.url, record, error=error)


def _download(feed: Feed, limits: Limits, full_text: bool, known: Callable[[Entry], bool]) -> _Downloaded:
    """Runs in a worker: the feed fetched and parsed, pages fetched for summary-only
    entries not in the library yet. Never raises (an error is data here)."""
    out = _Downloaded(feed)
    try:
        response = fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified, limits=limits, accept=_FEED_ACCEPT)
        out.etag, out.last_modified = response.etag, response.last_modified
        if response.not_modified:
            out.not_modified = True
            return out
        parsed = parse_feed_bytes(response.body, response.url, response.content_type)
    except ReaderError as exc:
        out.error = safe_line(str(exc))
        return out
    except Exception as exc:  # noqa: BLE001 - one feed's surprise must not end the others
        out.error = safe_line(f"unexpected {type(exc).__name__}: {exc}")
        return out
    out.title = parsed.title
    if parsed.problem:
        out.warnings.append(f"the feed is not well-formed; kept what parsed ({parsed.problem})")
    entries = parsed.entries
    if full_text:
        entries = [_with_page(entry, limits, known, out.warnings) for entry in entries]
    out.entries = entries
    return out


def _with_page(entry: Entry, limits: Limits, known: Callable[[Entry], bool], warnings: list[str]) -> Entry:
    if not entry.summary_only or not entry.link or known(entry):
        return entry
    try:
        page = fetch_page(entry.link, limits)
    except ReaderError as exc:
        warnings.append(f"full text not fetched, summary kept: {safe_line(str(exc))}")
        return entry
    text = without_title(page.text, page.title or entry.title)
    if len(text) <= len(entry.text):
        return entry
    return replace(entry, text=text, author=entry.author or page.author)


def fetch_feeds(
    feeds: Sequence[Feed],
    library: Library,
    *,
    limits: Limits | None = None,
    full_text: bool = False,
    workers: int = WORKERS,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Fetch every feed and write its entries; the outcomes in the order of ``feeds``.
    ``LibraryBusyError`` when another process is writing into the library."""
    limits = limits or Limits()
    outcomes: dict[str, Outcome] = {}
    if not feeds:
        return []
    with library.locked():
        _run_pool(feeds, library, limits, full_text, workers, on_done, outcomes)
    return [outcomes[f.url] for f in feeds]


def _run_pool(
    feeds: Sequence[Feed],
    library: Library,
    limits: Limits,
    full_text: bool,
    workers: int,
    on_done: Callable[[Outcome], None] | None,
    outcomes: dict[str, Outcome],
) -> None:
    try:
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(feeds))), thread_name_prefix="feed") as pool:
            futures = [pool.submit(_fetch_one, f, limits, full_text or f.full_text, library) for f in feeds]
            for future in as_completed(futures):
                outcome = future.result()
                outcomes[outcome.url] = outcome
                if on_done is not None:
                    on_done(outcome)
    finally:
        library.save_index()  # even when interrupted: what was written stays known


def _write(got: _Downloaded, library: Library) -> Outcome:
    feed = got.feed
    stamp = now_iso()
    if got.error is not None:
        record = replace(feed, last_fetch=stamp, last_status="error", last_error=got.error)
        return Outcome(feed.url, record, error=got.error, warnings=got.warnings)
    etag, modified = got.etag or feed.etag, got.last_modified or feed.last_modified
    if got.not_modified:
        record = replace(
            feed, last_fetch=stamp, last_status="unchanged", last_error=None, etag=etag, last_modified=modified
        )
        return Outcome(feed.url, record, not_modified=True)
    outcome = Outcome(feed.url, feed, warnings=got.warnings)
    folder = feed_slug(feed.url)
    source = feed.title or got.title
    for entry in got.entries:
        try:
            status = library.write_entry(folder, source, entry)
        except OSError as exc:  # noqa: PERF203 - one failed write ends this feed, not the loop's speed
            outcome.error = safe_line(f"cannot write into the library {library.root}: {exc.strerror or exc}")
            break
        if status == "new":
            outcome.new += 1
        elif status == "updated":
            outcome.updated += 1
        else:
            outcome.unchanged += 1
    status = "error" if outcome.error else "ok"
    if outcome.error:  # not all of it was written: the next fetch must get the whole feed again
        etag, modified = feed.etag, feed.last_modified
    outcome.feed = replace(
        feed,
        title=feed.title or got.title,
        last_fetch=stamp,
        last_status=status,
        last_error=outcome.error,
        entries=feed.entries + outcome.new,
        etag=etag,
        last_modified=modified,
    )
    return outcome
