"""Saved web pages (``.html``, ``.htm``): the page's main text as one article.

``extract_page`` (``html_text.py``) finds the main text and the page's metadata; this
module makes the article from them by the rules every format follows (``build_article``):
the page's date, else one in the file name; the page's title, else one derived from the
first paragraph. Offsets index the extracted text, paragraphs separated by blank lines,
less a first paragraph that only repeats the title.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from .decode import decode_article_bytes
from .html_text import extract_page
from .parse import ParseResult, build_article, split_paragraphs

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_page(data: bytes) -> tuple[str | None, str | None]:
    """(text, problem) of a saved page's bytes: UTF-8 (or a byte-order mark) as any file;
    else the charset its ``<meta>`` declares, which a saved page carries and is surer than
    a guess; else the guess, reported (``decode_article_bytes``)."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:8192])
    if declared is not None:
        try:
            name = codecs.lookup(declared.group(1).decode("ascii")).name
        except LookupError:
            name = None
        if name is not None and name not in ("utf-8", "utf-16", "utf-32"):
            try:
                return data.decode(name), None
            except UnicodeDecodeError:
                pass
    return decode_article_bytes(data)


def _without_title(text: str, title: str | None) -> str:
    """The text without a first paragraph that only repeats the title (the page's
    headline, which the extractor keeps and the reader shows above the text anyway)."""
    first, sep, rest = text.partition("\n\n")
    if title and sep and rest.strip() and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest
    return text


def parse_page(path: Path, html: str) -> ParseResult:
    result = ParseResult()
    try:
        page = extract_page(html)
    except Exception as exc:  # noqa: BLE001 - the extractor on hostile input: any failure is a problem line
        result.problems.append(f"the page could not be read ({type(exc).__name__}); skipped")
        return result
    if page is None:
        result.problems.append("no article text found in the page; skipped")
        return result
    meta = {
        key: value
        for key, value in (
            ("title", page.title),
            ("date", page.date),
            ("source", page.site),
            ("url", page.url),
            ("author", page.author),
        )
        if value
    }
    text = _without_title(page.text, page.title)
    article = build_article(path, text, split_paragraphs(text, 0, len(text)), meta, "html", result.problems)
    if article is None:
        result.problems.append("no article text found in the page; skipped")
    else:
        result.articles.append(article)
    return result
