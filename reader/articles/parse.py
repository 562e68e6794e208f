"""Reading the article formats: plain text with a header, Markdown, JSON and JSON Lines.

Parsers take the decoded text and never raise on bad content: whatever is wrong becomes a
note in ``ParseResult.problems`` and the article is still produced when there is a body.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path, PurePath

from ..hashes import blake2b
from .dates import date_from_file_name, parse_date
from .model import Article, Span

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (reader/records.py)
if TYPE_CHECKING:
    from typing import Any

HEADER_KEYS = ("date", "title", "source", "url", "author")
_HEADER_LINE = re.compile(r"[ \t\ufeff]*(date|title|source|url|author)([ \t]*:[ \t]*|[ \t]+)(.*)$", re.IGNORECASE)
_LOOKS_LIKE_DATE = re.compile(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)
# ` date 2022-04-26 UN Secretary-General ...`: an ISO date with the body on the same line.
_DATE_THEN_BODY = re.compile(r"[ \t\ufeff]*date[ \t]*:?[ \t]*(\d{4}-\d{2}-\d{2})[ \t]+(?=\S)", re.I)
# Starts with a literal newline so the regex engine can skip ahead quickly.
_BLANK_RUN = re.compile(r"\n[ \t\r]*\n(?:[ \t\r]*\n)*")
_FRONT_MATTER_KEY = re.compile(r"\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_MD_HEADING = re.compile(r"#{1,6}\s+(.*?)\s*#*\s*$")

JSON_TEXT_KEYS = ("text", "body", "content")


class ParseResult:
    """What a parser found in one file: its articles and what was wrong with it. A plain
    class: a search that reads a few files for snippets does not import ``dataclasses``."""

    __slots__ = ("articles", "problems")

    def __init__(self, articles: list[Article] | None = None, problems: list[str] | None = None) -> None:
        self.articles: list[Article] = [] if articles is None else articles
        self.problems: list[str] = [] if problems is None else problems


def _hash(data: str) -> str:
    return blake2b(data.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def content_id(body: str) -> str:
    """A stable id from the body's words, blind to white space and header edits."""
    return _hash(squeeze(body))[:12]


# Every character ``str.split()`` splits on, but for space and newline (tests check the
# list against ``str.isspace`` over all of Unicode), and those of them in ASCII.
_OTHER_SPACE = (
    "\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_OTHER_ASCII_SPACE = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f"
_DOUBLE_SPACE = re.compile("  ")


def squeeze(text: str) -> str:
    """``" ".join(text.split())``: the words of ``text`` joined by single spaces.

    The ids of every article hash this, and splitting a 5 kB body into words costs ~20 us.
    Most bodies need far less: when the only white space is spaces and newlines, none at
    either end, joining the non-empty lines by spaces gives the same string unless that
    makes a double space somewhere. Checking so is a few scans in C (~6 us); anything
    else (tabs, CR, no-break spaces, indents, trailing spaces) takes the split.
    """
    if text and not text[0].isspace() and not text[-1].isspace():
        for char in _OTHER_ASCII_SPACE if text.isascii() else _OTHER_SPACE:
            if char in text:
                break
        else:
            joined = " ".join(filter(None, text.split("\n")))
            if not _DOUBLE_SPACE.search(joined):
                return joined
    return " ".join(text.split())


def split_paragraphs(text: str, start: int, end: int) -> tuple[Span, ...]:
    """Paragraphs of ``text[start:end]``: runs separated by blank lines, trimmed."""
    spans: list[Span] = []
    pos = start
    for match in _BLANK_RUN.finditer(text, start, end):
        _add_trimmed(spans, text, pos, match.start())
        pos = match.end()
    _add_trimmed(spans, text, pos, end)
    return tuple(spans)


def _add_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    if start < end and not text[start].isspace() and not text[end - 1].isspace():
        spans.append(Span(start, end))  # nothing to trim (most paragraphs): no copies
        return
    segment = text[start:end]
    stripped = segment.lstrip()
    if not stripped:
        return
    start += len(segment) - len(stripped)
    end -= len(stripped) - len(stripped.rstrip())
    spans.append(Span(start, end))


def _line_end(text: str, pos: int) -> tuple[int, int]:
    """(end of the line's content, start of the next line)."""
    nl = text.find("\n", pos)
    if nl == -1:
        return len(text), len(text)
    content_end = nl - 1 if nl > pos and text[nl - 1] == "\r" else nl
    return content_end, nl + 1


def _build(
    path: Path,
    text: str,
    paragraphs: tuple[Span, ...],
    meta: dict[str, str],
    fmt: str,
    problems: list[str],
    record: int | None = None,
    extra: tuple[tuple[str, str], ...] = (),
    offset: int | None = None,
) -> Article | None:
    if not paragraphs:
        return None
    date: dt.date | None = None
    raw_date = meta.get("date", "").strip()
    if raw_date:
        date = parse_date(raw_date)
        if date is None:
            problems.append(f"date {raw_date[:40]!r} is not a valid date; loaded as undated")
    if date is None and not raw_date:
        date = date_from_file_name(path.name)
    first = text[paragraphs[0].start : paragraphs[0].end]
    title = " ".join(meta.get("title", "").split())
    derived = not title
    if derived:
        from .titles import derive_title  # its patterns cost 1.5 ms to compile, and most files have a title

        title = derive_title(first)
    if record is None:
        # The words of the body are those of the text from the first paragraph to the
        # last (only white space lies between paragraphs): no joined copy of the body.
        ident = content_id(text[paragraphs[0].start : paragraphs[-1].end])
    else:
        body = "\n\n".join(text[p.start : p.end] for p in paragraphs)
        ident = content_id(f"{body}\0{title}\0{raw_date}")
    return Article(
        id=ident,
        path=path,
        text=text,
        paragraphs=paragraphs,
        title=title,
        date=date,
        fingerprint=_hash(text if record is None else f"{text}\0{sorted(meta.items())}"),
        format=fmt,
        source=meta.get("source") or None,
        author=meta.get("author") or None,
        url=meta.get("url") or None,
        record=record,
        title_derived=derived,
        extra=extra,
        offset=offset,
    )


build_article = _build
"""How the other record formats (CSV rows, feed entries) make their articles: the same
date, title and id rules as every other format."""


def read_plain_header(text: str) -> tuple[dict[str, str], int]:
    """Header fields of a plain article and the offset where its body starts.

    Header lines (``date``, ``title``, ``source``, ``url``, ``author``, any case, colon
    optional) run from the first line to the first blank or non-header line, in any
    order. The body may start on the date line itself after an ISO date, as in
    `` date 2022-04-26 Text...``.

    A line without a colon (``title Apple opens a store``) is only a header when its block
    also holds an unambiguous header line: one with a colon, or a ``date`` line whose value
    looks like a date. Otherwise a first line such as "Source close to the talks said..."
    or "Title IX funding..." would be eaten as a header; alone, it is body. A ``date``
    line without a colon whose value does not look like a date ("Date palms grew...") ends
    the block, as does a repeated key (we have run into the body).
    """
    meta: dict[str, str] = {}
    anchored = False  # the block holds a line that is a header beyond doubt
    pos = 0
    length = len(text)
    while pos < length:
        same_line = _DATE_THEN_BODY.match(text, pos)
        if same_line and "date" not in meta:
            meta["date"] = same_line.group(1)
            return meta, same_line.end()
        content_end, next_pos = _line_end(text, pos)
        line = text[pos:content_end]
        match = _HEADER_LINE.match(line)
        if not match or not line.strip():
            break
        key, value = match.group(1).lower(), match.group(3).strip()
        if key in meta:
            break
        bare = ":" not in match.group(2)
        if bare and key == "date" and not _LOOKS_LIKE_DATE.match(value):
            break
        anchored = anchored or not bare or key == "date"
        meta[key] = value
        pos = next_pos
    if not anchored:
        return {}, 0  # only colon-less lines: prose that starts with a header word
    return meta, pos


def _body_start(text: str, start: int) -> int:
    """``start``, past a byte-order mark when the body starts the file: U+FEFF is kept in
    the text (offsets index it) but is no part of the first paragraph or the title."""
    return 1 if start == 0 and text.startswith("\ufeff") else start


def parse_plain(path: Path, text: str) -> ParseResult:
    result = ParseResult()
    meta, body_start = read_plain_header(text)
    paragraphs = split_paragraphs(text, _body_start(text, body_start), len(text))
    article = _build(path, text, paragraphs, meta, "plain", result.problems)
    if article is None:
        result.problems.append("no article text after the header")
    else:
        result.articles.append(article)
    return result


def read_front_matter(text: str) -> tuple[dict[str, str], int] | None:
    """``key: value`` lines between ``---`` fences at the top; None when there is no block."""
    start = 1 if text.startswith("\ufeff") else 0
    content_end, pos = _line_end(text, start)
    if text[start:content_end].strip() != "---":
        return None
    meta: dict[str, str] = {}
    while pos < len(text):
        content_end, next_pos = _line_end(text, pos)
        line = text[pos:content_end]
        if line.strip() in ("---", "..."):
            return meta, next_pos
        match = _FRONT_MATTER_KEY.match(line)
        if match:
            value = match.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            meta.setdefault(match.group(1).lower(), value)
        pos = next_pos
    return None  # never closed: not front matter after all


def parse_markdown(path: Path, text: str) -> ParseResult:
    result = ParseResult()
    front = read_front_matter(text)
    if front is None:
        meta, body_start = read_plain_header(text)
    else:
        meta, body_start = front
    paragraphs = split_paragraphs(text, _body_start(text, body_start), len(text))
    if paragraphs and "title" not in meta:
        heading = _MD_HEADING.fullmatch(text[paragraphs[0].start : paragraphs[0].end])
        if heading:
            meta["title"] = heading.group(1)
    article = _build(path, text, paragraphs, meta, "markdown", result.problems)
    if article is None:
        result.problems.append("no article text after the front matter")
    else:
        result.articles.append(article)
    return result


def _record_article(path: Path, obj: Any, where: str, fmt: str, record: int, result: ParseResult) -> None:
    if not isinstance(obj, dict):
        result.problems.append(f"{where}: not an article object; skipped")
        return
    body: Any = None
    for key in JSON_TEXT_KEYS:
        if key in obj:
            body = obj[key]
            break
    if isinstance(body, list) and all(isinstance(p, str) for p in body):
        body = "\n\n".join(body)
    if not isinstance(body, str) or not body.strip():
        result.problems.append(f"{where}: no 'text' or 'body' string; skipped")
        return
    meta = {
        key: str(obj[key])
        for key in HEADER_KEYS
        if key in obj and isinstance(obj[key], (str, int, float)) and str(obj[key]).strip()
    }
    problems: list[str] = []
    article = _build(path, body, split_paragraphs(body, 0, len(body)), meta, fmt, problems, record)
    result.problems.extend(f"{where}: {p}" for p in problems)
    if article is not None:
        result.articles.append(article)


def parse_json(path: Path, text: str) -> ParseResult:
    result = ParseResult()
    try:
        data = json.loads(text.removeprefix("\ufeff"))  # a BOM is no part of the JSON
    except (json.JSONDecodeError, RecursionError) as exc:
        msg = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        where = f" at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        result.problems.append(f"not valid JSON{where}: {msg}; skipped")
        return result
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    records = data if isinstance(data, list) else [data]
    for index, obj in enumerate(records):
        _record_article(path, obj, f"article {index + 1}", "json", index, result)
    return result


def parse_jsonl(path: Path, text: str) -> ParseResult:
    result = ParseResult()
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            result.problems.append(f"line {number}: not valid JSON; skipped")
            continue
        _record_article(path, obj, f"line {number}", "jsonl", number - 1, result)
    return result


MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv", ".tsv"})
PAGE_SUFFIXES = frozenset({".html", ".htm"})
FEED_FILE_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".rdf"})
_BY_SUFFIX = {
    **dict.fromkeys(MARKDOWN_SUFFIXES, "markdown"),
    **dict.fromkeys(JSON_SUFFIXES, "json"),
    **dict.fromkeys(JSONL_SUFFIXES, "jsonl"),
    **dict.fromkeys(CSV_SUFFIXES, "csv"),
    **dict.fromkeys(PAGE_SUFFIXES, "html"),
    **dict.fromkeys(FEED_FILE_SUFFIXES, "feed"),
}


def file_format(path: PurePath | str) -> str:
    """The format a file is read as, by its extension alone: "markdown", "json", "jsonl",
    "csv", "html" (a saved page), "feed" (RSS or Atom), or "plain" for anything else.
    ``Article.format`` is this, so a list of index rows (which do not store it) can say it
    without reading the file."""
    if isinstance(path, PurePath):
        suffix = path.suffix.lower()
    else:  # ``PurePath(path).suffix`` without making the object (a listing asks per row)
        name = path.rpartition(os.sep)[2]
        dot = name.rfind(".")
        suffix = name[dot:].lower() if 0 < dot < len(name) - 1 else ""
    return _BY_SUFFIX.get(suffix, "plain")


_PARSERS = {"markdown": parse_markdown, "json": parse_json, "jsonl": parse_jsonl, "plain": parse_plain}


def parse_file_text(path: Path, text: str) -> ParseResult:
    """Parse with the parser of the file's format (``file_format``), for the formats read
    from text; the others (CSV, pages, feeds) are read by ``reader/articles/formats.py``,
    which calls this for the rest (here they would be read as plain text)."""
    return _PARSERS.get(file_format(path), parse_plain)(path, text)
