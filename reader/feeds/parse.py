"""Fetched feed bytes into entries: RSS 0.9x/1.0/2.0 and Atom, through feedparser.

feedparser reads almost anything that calls itself a feed and keeps what parses of a
broken one, which is what a reader wants. Two things it does not do for us: refuse a
document that declares entities (the "billion laughs" bomb, external entities), so that is
checked first with defusedxml, which stops at the declaration and never expands it; and
tell a feed from an HTML page served at a feed URL, which is judged here from what came
out (no version and no entries).

Everything in an entry is untrusted: titles and authors are folded to one line without
controls, and the content's HTML becomes plain paragraphs through the one converter the
reader has (``reader.articles.html_text``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from ..articles.feed_file import FeedEntry, read_feed
from ..errors import ReaderError
from ..safe_text import safe_line

_SUMMARY_ONLY_CHARS = 600
"""A feed whose entry text is shorter than this carries a summary, not the article."""


class FeedParseError(ReaderError):
    """The bytes are not a feed (an HTML page, an entity bomb, nothing parseable)."""


@dataclass(frozen=True)
class Entry:
    """One feed entry as the library writes it."""

    title: str
    link: str | None
    guid: str | None
    date: dt.datetime | None
    author: str | None
    text: str
    summary_only: bool  # no full content: only a summary or description

    @property
    def body_hash(self) -> str:
        return hashlib.sha256(" ".join(self.text.split()).encode("utf-8", "surrogatepass")).hexdigest()[:24]


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    link: str | None
    entries: list[Entry]
    problem: str | None  # set when the XML was broken but some of it parsed


def one_line(value: Any, most: int = 500) -> str | None:
    """A front-matter-safe value: one line, no controls, bounded; None when empty."""
    if not isinstance(value, str):
        return None
    line = safe_line(value)[:most].strip()
    return line or None


def parse_feed_bytes(data: bytes, url: str | None = None, content_type: str | None = None) -> ParsedFeed:
    """The feed's entries; FeedParseError when ``data`` is not a feed at all.

    The reading itself is the feed-file format's (``reader.articles.feed_file``): one
    parser for a feed saved in a corpus and a feed fetched, so both refuse entity
    declarations and keep what parses of a broken document alike."""
    document = read_feed(data, content_type=content_type)
    if not document.is_feed:
        raise FeedParseError(document.problems[0] if document.problems else "not a feed")
    broken = [p for p in document.problems if p != "a feed with no entries"]
    return ParsedFeed(
        document.title, document.link, [_entry(e) for e in document.entries], broken[0] if broken else None
    )


def _brief(exc: Any) -> str:
    text = safe_line(str(exc))
    return text[:200] or type(exc).__name__


def _entry(entry: FeedEntry) -> Entry:
    text = entry.text
    title = one_line(entry.title) or (one_line(text.split("\n", 1)[0], 120) if text else None) or entry.link
    return Entry(
        title=title or "untitled",
        link=one_line(entry.link, 2000),
        guid=one_line(entry.guid, 2000),
        date=entry.date,
        author=one_line(entry.author),
        text=text,
        summary_only=not entry.has_content or len(text) < _SUMMARY_ONLY_CHARS,
    )
