"""Every format, from text already read: the one ``parse_file_text`` for callers that hold
a file's text (tests, a file given on the command line).

Reading from disk goes through ``reader/articles/scan.py`` (``iter_file``), which streams
CSV files and hands feed files their bytes; this module gives the same articles from a
string: a CSV file's text is read as its UTF-8 bytes, and a feed's XML declaration is
rewritten to say UTF-8, since its text is no longer in the encoding it declared.

Each format's reader is imported when a file of its format is parsed: plain text, the
common case, never loads the csv module, the HTML parser or feedparser.
"""

from __future__ import annotations

import re
from pathlib import Path

from .parse import ParseResult, file_format
from .parse import parse_file_text as parse_text_format

_DECLARED_ENCODING = re.compile(r"""(<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2""")


def utf8_document(text: str) -> bytes:
    """An XML document's text as UTF-8 bytes that say so in their declaration."""
    head, rest = text[:512], text[512:]
    return (_DECLARED_ENCODING.sub(r"\1\2utf-8\2", head.removeprefix("\ufeff"), count=1) + rest).encode(
        "utf-8", "replace"
    )


def parse_file_text(path: Path, text: str) -> ParseResult:
    """Parse ``text`` with the parser of the file's format (``file_format``)."""
    fmt = file_format(path)
    if fmt == "html":
        from .page_file import parse_page

        return parse_page(path, text)
    if fmt == "csv":
        from .csv_file import parse_csv_bytes

        articles, problems = parse_csv_bytes(path, text.encode("utf-8", "replace"))
        return ParseResult(articles, problems)
    if fmt == "feed":
        from .feed_file import parse_feed_file

        found, trouble = parse_feed_file(path, utf8_document(text))
        return ParseResult(found, [p.reason for p in trouble])
    return parse_text_format(path, text)
