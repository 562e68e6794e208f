"""OPML in and out: the subscription lists newsboat, elfeed and every feed reader share.

Import reads with defusedxml, so an OPML file with an entity bomb or external entities is
refused before anything is expanded; outlines may nest (folders), and every outline with
an ``xmlUrl`` is a feed wherever it sits. Export writes OPML 2.0 with the standard
library's serialiser, which escapes whatever a title holds.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from email.utils import format_datetime

from ..errors import ReaderError
from ..store.model import Feed
from .http import check_url
from .parse import one_line


class OpmlError(ReaderError):
    """The file is not OPML the reader can take (or it was refused as dangerous)."""


def parse_opml(data: bytes) -> tuple[list[tuple[str, str | None]], list[str]]:
    """((url, title) for each feed outline, in document order and without repeats;
    problems: outlines skipped and why)."""
    import defusedxml.ElementTree as SafeTree  # noqa: PLC0415 - only `feeds import` pays for it
    from defusedxml import DefusedXmlException  # noqa: PLC0415

    try:
        root = SafeTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise OpmlError(f"refused: the file declares XML entities ({type(exc).__name__})") from None
    except ET.ParseError as exc:
        raise OpmlError(f"not well-formed XML ({exc})") from None
    if root.tag.lower() != "opml":
        raise OpmlError(f"not an OPML file (the root element is <{one_line(root.tag, 40)}>)")
    feeds: list[tuple[str, str | None]] = []
    problems: list[str] = []
    seen: set[str] = set()
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl") or outline.get("xmlurl")
        if not url:
            continue  # a folder
        url = url.strip()
        title = one_line(outline.get("title") or outline.get("text"))
        try:
            check_url(url)
        except ReaderError as exc:
            problems.append(f"{one_line(url, 200)}: {exc}; skipped")
            continue
        if url not in seen:
            seen.add(url)
            feeds.append((url, title))
    return feeds, problems


def write_opml(feeds: Sequence[Feed], now: dt.datetime | None = None) -> str:
    """OPML 2.0 listing ``feeds``."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = "reader subscriptions"
    ET.SubElement(head, "dateCreated").text = format_datetime(now or dt.datetime.now(dt.UTC))
    body = ET.SubElement(root, "body")
    for feed in feeds:
        title = one_line(feed.title) or feed.url
        ET.SubElement(body, "outline", type="rss", text=title, title=title, xmlUrl=feed.url)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
