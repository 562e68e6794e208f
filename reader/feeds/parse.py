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
import re
from dataclasses import dataclass
from typing import Any

from ..articles.html_text import html_to_text
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


def _refuse_entities(data: bytes) -> None:
    """FeedParseError when the document declares entities or a DTD with an external part.

    Only the prologue matters (declarations come before the root element), so a body that
    is merely malformed is left for feedparser to make the best of."""
    import defusedxml.ElementTree as SafeTree  # noqa: PLC0415 - only commands that parse feeds pay for it
    from defusedxml import DefusedXmlException  # noqa: PLC0415

    if b"<!ENTITY" not in data and b"<!entity" not in data.lower():
        return
    try:
        SafeTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FeedParseError(f"refused: the feed declares XML entities ({type(exc).__name__})") from None
    except Exception:  # noqa: BLE001 - a parse error after the prologue: feedparser copes
        return


def parse_feed_bytes(data: bytes, url: str | None = None, content_type: str | None = None) -> ParsedFeed:
    """The feed's entries; FeedParseError when ``data`` is not a feed at all."""
    import feedparser  # noqa: PLC0415 - lazy: most commands never parse a feed

    _refuse_entities(data)
    headers = {"content-type": content_type} if content_type else None
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=False, resolve_relative_uris=False)
    version = parsed.get("version") or ""
    entries = [_entry(raw) for raw in parsed.get("entries", [])]
    if not version and not entries:
        bozo = parsed.get("bozo_exception")
        if bozo is not None:
            raise FeedParseError(f"not a feed ({_brief(bozo)})")
        raise FeedParseError("not a feed (an HTML page or another document, no RSS or Atom in it)")
    feed = parsed.get("feed", {})
    problem = _brief(parsed.get("bozo_exception")) if parsed.get("bozo") else None
    return ParsedFeed(_title(feed, "title"), one_line(feed.get("link")), entries, problem)


def _brief(exc: Any) -> str:
    text = safe_line(str(exc))
    return text[:200] or type(exc).__name__


def _entry(raw: Any) -> Entry:
    content_html = ""
    summary_only = True
    for item in raw.get("content") or []:
        value = item.get("value") if isinstance(item, dict) else None
        if isinstance(value, str) and len(value) > len(content_html):
            content_html = value
            summary_only = False
    if not content_html:
        content_html = raw.get("summary") or raw.get("description") or ""
    text = _plain(content_html)
    if not summary_only and len(text) < _SUMMARY_ONLY_CHARS and text == _plain(raw.get("summary") or ""):
        summary_only = True
    link = one_line(raw.get("link"), 2000)
    title = _title(raw, "title") or (text.split("\n", 1)[0][:120] if text else None) or link or "untitled"
    return Entry(
        title=title,
        link=link,
        guid=one_line(raw.get("id") or raw.get("guid"), 2000),
        date=_date(raw),
        author=one_line(raw.get("author")),
        text=text,
        summary_only=summary_only or len(text) < _SUMMARY_ONLY_CHARS,
    )


def _title(raw: Any, key: str) -> str | None:
    """A title as text: an HTML-typed title (Atom ``type="html"``, escaped markup) is
    converted, a plain one is kept as written, ``<b>`` and all."""
    detail = raw.get(f"{key}_detail") or {}
    value = raw.get(key)
    if isinstance(value, str) and detail.get("type") in ("text/html", "application/xhtml+xml"):
        value = html_to_text(value).replace("\n", " ")
    return one_line(value)


_TAGS = re.compile(r"<[a-zA-Z/!]")


def _plain(value: Any) -> str:
    """Entry HTML (or plain text that merely escapes) into paragraphs without controls."""
    if not isinstance(value, str) or not value.strip():
        return ""
    return html_to_text(value if _TAGS.search(value) else value.replace("\n\n", "<p>"))


def _date(raw: Any) -> dt.datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        stamp = raw.get(key)
        if stamp:
            try:
                year, month, day, hour, minute, second = stamp[:6]
                return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC)
            except (TypeError, ValueError):
                continue
    return None
