"""HTML into plain paragraphs: the one converter for saved pages, feed entries and fetched pages.

A feed entry's content and a web page's main text both arrive as HTML; the reader shows
plain paragraphs separated by blank lines, so offsets (ARCHITECTURE.md §6) index the
converted text. ``html_to_text`` turns any fragment into that shape with the standard
library's tolerant parser (it never raises on broken markup). ``extract_page`` first asks
trafilatura for a page's main content (navigation, cookie banners, share buttons and
footers dropped) and its metadata, then runs the same converter on that content, so a
page and a feed entry come out alike. Control characters (an ``&#27;`` in a feed is an
ESC once decoded) are dropped here as well as at display time: the converted text is
derived data, and nothing of a terminal sequence is worth keeping in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Elements that end a paragraph where they open or close.
_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
# Elements whose text is never article text.
_SKIP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "svg",
        "math",
        "iframe",
        "object",
        "button",
        "select",
        "option",
    ]
)
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


class _Paragraphs(HTMLParser):
    """Collects text runs, splitting paragraphs at block elements and lines at ``<br>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._lines: list[str] = []
        self._line: list[str] = []
        self._skipping = 0
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skipping += 1
        elif tag == "br":
            self._end_line()
        elif tag in _BLOCK:
            self._end_paragraph()
            if tag == "pre":
                self._pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._end_line()
        elif tag in _BLOCK:
            self._end_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK:
            self._end_paragraph()
            if tag == "pre":
                self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        data = _CONTROLS.sub("", data.replace("\n", " ") if not self._pre else data)
        if self._pre:
            for index, part in enumerate(data.split("\n")):
                if index:
                    self._end_line()
                self._line.append(part)
        else:
            self._line.append(data)

    def _end_line(self) -> None:
        line = _SPACES.sub(" ", "".join(self._line)).strip()
        self._line = []
        if line:
            self._lines.append(line)

    def _end_paragraph(self) -> None:
        self._end_line()
        if self._lines:
            self.paragraphs.append("\n".join(self._lines))
        self._lines = []

    def close(self) -> None:
        super().close()
        self._end_paragraph()


def html_to_text(html: str) -> str:
    """The text of an HTML fragment or page: paragraphs separated by one blank line."""
    parser = _Paragraphs()
    parser.feed(html)
    parser.close()
    return "\n\n".join(parser.paragraphs)


@dataclass(frozen=True)
class Page:
    """A web page's main text and what its metadata says about it (any of it may be missing)."""

    text: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None


def extract_page(html: str, url: str | None = None) -> Page | None:
    """The main text and metadata of a saved or fetched page; None when it yields no text.

    trafilatura is imported here, not at module level: it pulls in lxml and takes a
    noticeable fraction of a second to import, which no command but the ones reading pages
    should pay.
    """
    import trafilatura  # noqa: PLC0415 - deliberate lazy load (see docstring)

    main = trafilatura.extract(html, url=url, output_format="html", include_comments=False, include_tables=True)
    text = html_to_text(main) if main else ""
    if not text.strip():
        return None
    meta = trafilatura.extract_metadata(html, default_url=url)
    return Page(
        text=text,
        title=_clean_meta(getattr(meta, "title", None)),
        date=_clean_meta(getattr(meta, "date", None)),
        author=_clean_meta(getattr(meta, "author", None)),
        site=_clean_meta(getattr(meta, "sitename", None)),
        url=_clean_meta(getattr(meta, "url", None)) or url,
    )


def _clean_meta(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = _SPACES.sub(" ", _CONTROLS.sub("", value.replace("\n", " "))).strip()
    return value or None
