"""Feed files (RSS 0.9x, 1.0 and 2.0, Atom): each entry one article.

``parse_feed_bytes`` is the pure part, shared with whatever fetches feeds: bytes in,
entries and problems out, no files and no network. It takes bytes, never decoded text,
because a feed says its own encoding in its XML declaration (windows-1251, Latin-1, ...)
and feedparser honours it only when it sees the bytes. feedparser also gives back what a
malformed or truncated document still yields (its "bozo" flag says something was wrong),
which is kept, with the fault reported.

A document declaring entities (``<!ENTITY``) is refused before any parser sees it: an
entity bomb ("billion laughs") expands a few hundred bytes into gigabytes, and an external
entity reads a local file or a URL. News feeds have no use for either, so refusing them
whole costs nothing and bounds the time and memory a hostile file can take.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .dates import parse_date
from .html_text import html_to_text
from .model import Article
from .parse import build_article, split_paragraphs
from .problems import Problem

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# "<!ENTITY" as it appears in a document in any of the encodings XML allows without a
# declaration being read first (UTF-8 and its ASCII-compatible kin, UTF-16, UTF-32).
_ENTITY_MARKS = tuple(
    "<!ENTITY".encode(codec) for codec in ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed, as plain values. ``html`` is the entry's content (or summary)
    as the feed gave it, HTML or not; ``text`` is that as paragraphs separated by blank
    lines, control characters removed. ``date`` is None for an undated entry."""

    title: str | None
    link: str | None
    guid: str | None
    date: dt.datetime | None
    author: str | None
    html: str
    text: str
    feed_title: str | None = None


def declares_entities(data: bytes) -> bool:
    """Whether the document declares any XML entity (see the module docstring)."""
    return any(mark in data for mark in _ENTITY_MARKS)


def _plain(value: str) -> str:
    """Plain text (not HTML) as paragraphs: blank lines split them, other white space
    folds to single spaces, control characters go."""
    value = _CONTROLS.sub("", value.replace("\r\n", "\n"))
    parts = (" ".join(part.split()) for part in _BLANK_LINES.split(value))
    return "\n\n".join(part for part in parts if part)


def _text_of(detail: Any, fallback: str) -> tuple[str, str]:
    """(as given, as paragraphs) for a feedparser text construct."""
    value = detail.get("value", fallback) if isinstance(detail, dict) else fallback
    if not isinstance(value, str):
        return "", ""
    kind = detail.get("type", "") if isinstance(detail, dict) else ""
    if "html" in str(kind) or (not kind and "<" in value):
        return value, html_to_text(value)
    return value, _plain(value)


def _one_line(value: Any, detail: Any = None) -> str | None:
    if not isinstance(value, str):
        return None
    if isinstance(detail, dict) and "html" in str(detail.get("type", "")):
        value = html_to_text(value)
    line = " ".join(_CONTROLS.sub("", value).split())
    return line or None


def _web_link(value: Any) -> str | None:
    """An http(s) link, or None: feedparser falls back to an entry's id for its link, and
    an Atom id is often a ``tag:`` URI, no place to open."""
    link = _one_line(value)
    return link if link and link.lower().startswith(("http://", "https://")) else None


def _entry_date(entry: Any) -> dt.datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            try:
                return dt.datetime(*parsed[:6], tzinfo=dt.UTC)
            except (TypeError, ValueError):
                continue
    for key in ("published", "updated", "created", "date"):
        raw = entry.get(key)
        if isinstance(raw, str) and raw.strip():
            day = parse_date(raw)
            if day is not None:
                return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    return None


def _entry(entry: Any, feed_title: str | None) -> FeedEntry:
    content = entry.get("content")
    detail = content[0] if isinstance(content, list) and content else entry.get("summary_detail")
    html, text = _text_of(detail, entry.get("summary", "") or "")
    if not text and isinstance(detail, dict) and detail is not entry.get("summary_detail"):
        html, text = _text_of(entry.get("summary_detail"), entry.get("summary", "") or "")
    return FeedEntry(
        title=_one_line(entry.get("title"), entry.get("title_detail")),
        link=_web_link(entry.get("link")),
        guid=_one_line(entry.get("id")),
        date=_entry_date(entry),
        author=_one_line(entry.get("author")),
        html=html,
        text=text,
        feed_title=feed_title,
    )


def _fault(exc: object) -> str:
    message = " ".join(_CONTROLS.sub("", str(exc)).split())
    return message[:160] or type(exc).__name__


def parse_feed_bytes(data: bytes, where: str = "") -> tuple[list[FeedEntry], list[str]]:
    """The entries of an RSS or Atom document and what was wrong with it.

    Never raises on content. ``where`` (a file or URL) starts each problem when given.
    No entries and a problem: the document was refused or is not a feed.
    """
    prefix = f"{where}: " if where else ""
    if declares_entities(data):
        return [], [f"{prefix}declares XML entities (<!ENTITY>), which are never expanded; refused"]
    import feedparser  # type: ignore[import-untyped]  # noqa: PLC0415 - only a feed pays for importing it

    try:
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # noqa: BLE001 - a third-party parser on hostile input: any failure is a problem line
        return [], [f"{prefix}cannot be read as a feed ({_fault(exc)})"]
    feed = parsed.get("feed", {})
    version = parsed.get("version", "")
    raw_entries = parsed.get("entries", [])
    if not raw_entries and (not version or not feed):
        return [], [f"{prefix}not an RSS or Atom feed (no feed element found)"]
    feed_title = _one_line(feed.get("title"), feed.get("title_detail"))
    entries = [_entry(entry, feed_title) for entry in raw_entries]
    problems = []
    if parsed.get("bozo"):
        fault = _fault(parsed.get("bozo_exception", "malformed"))
        if not _is_encoding_note(parsed.get("bozo_exception")):
            problems.append(f"{prefix}not well-formed XML ({fault}); kept the {len(entries)} entries that parse")
    if not entries:
        problems.append(f"{prefix}a feed with no entries")
    return entries, problems


def _is_encoding_note(exc: object) -> bool:
    """feedparser flags a declared encoding it read under another name (us-ascii read as
    utf-8) as a fault, though nothing was lost."""
    return type(exc).__name__ == "CharacterEncodingOverride"


def parse_feed_file(path: Path, data: bytes) -> tuple[list[Article], list[Problem]]:
    """A feed file's entries as articles (``record`` = entry index, from 0)."""
    entries, faults = parse_feed_bytes(data)
    problems = [Problem(path, fault, not entries) for fault in faults]
    articles: list[Article] = []
    reasons: list[str] = []
    for record, entry in enumerate(entries):
        where = f"entry {record + 1}"
        if not entry.text.strip():
            reasons.append(f"{where}: no text (neither content nor summary); skipped")
            continue
        meta = {
            key: value
            for key, value in (
                ("title", entry.title),
                ("date", entry.date.date().isoformat() if entry.date else None),
                ("source", entry.feed_title),
                ("url", entry.link),
                ("author", entry.author),
            )
            if value
        }
        notes: list[str] = []
        text = entry.text
        article = build_article(path, text, split_paragraphs(text, 0, len(text)), meta, "feed", notes, record)
        reasons.extend(f"{where}: {note}" for note in notes)
        if article is not None:
            articles.append(article)
    problems.extend(Problem(path, reason, not articles) for reason in reasons)
    return articles, problems
