"""One web page, fetched or saved, into its main text and metadata (``reader add``, and
the full text of a feed entry that carries only a summary).

The bytes are decoded by what the server or the page declares (a Content-Type charset, a
``<meta charset>``), else as the reader decodes any file (UTF-8, else a guess); the main
text comes from ``reader.articles.html_text.extract_page``, the one extractor for pages.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..articles.decode import decode_article_bytes
from ..articles.html_text import Page, extract_page
from ..errors import ReaderError
from ..regular_file import open_regular
from ..safe_text import safe_line
from .http import Limits, fetch

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
MAX_PAGE_BYTES = 20 * 1024 * 1024


def decode_html(data: bytes, charset: str | None = None) -> str:
    """The page's text, by the declared charset when Python knows it."""
    declared = charset
    if declared is None:
        found = _META_CHARSET.search(data[:4096])
        declared = found.group(1).decode("ascii").lower() if found else None
    if declared:
        try:
            codecs.lookup(declared)
            return data.decode(declared, errors="replace")
        except LookupError:
            pass
    text, _problem = decode_article_bytes(data)
    return text if text is not None else data.decode("utf-8", errors="replace")


def page_from_html(html: str, url: str | None, where: str) -> Page:
    page = extract_page(html, url=url)
    if page is None:
        raise ReaderError(f"{safe_line(where)}: no article text found in the page")
    return page


def fetch_page(url: str, limits: Limits | None = None) -> Page:
    """Fetch ``url`` and extract it; ReaderError (one line naming the URL) on failure."""
    try:
        response = fetch(url, limits=limits, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
    except ReaderError as exc:
        raise ReaderError(f"{safe_line(url)}: {exc}") from None
    return page_from_html(decode_html(response.body, response.charset), response.url, url)


def read_saved_page(path: Path) -> Page:
    """A saved ``.html`` file extracted; ReaderError naming the file on failure."""
    try:
        fd, info = open_regular(path)
        with open(fd, "rb") as handle:
            if info.st_size > MAX_PAGE_BYTES:
                raise ReaderError(f"{safe_line(str(path))}: too large for a web page ({info.st_size:,} bytes)")
            data = handle.read(MAX_PAGE_BYTES + 1)
    except OSError as exc:
        raise ReaderError(f"{safe_line(str(path))}: cannot read it ({exc.strerror or exc})") from None
    return page_from_html(decode_html(data), None, str(path))


def without_title(text: str, title: str | None) -> str:
    """``text`` without a first paragraph that only repeats the title: the page's own
    heading, which the reader already shows as the article's title."""
    first, _sep, rest = text.partition("\n\n")
    if title and rest.strip() and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest
    return text
