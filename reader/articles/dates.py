"""Date parsing for headers, front matter and file names."""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_FILE_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
# dateutil fills missing fields from this default; a fixed one keeps results reproducible.
_DEFAULT = dt.datetime(2000, 1, 1)


def parse_date(value: str) -> dt.date | None:
    """Parse a header date; None when it is not a real date.

    ISO dates take a fast path; everything else goes to dateutil, which reads "April 26,
    2022", "26 Apr 2022", "2022/04/26" and RFC 2822 dates. A value with no year is refused
    rather than silently dated in the default year.
    """
    value = value.strip().strip("\"'")
    if not value:
        return None
    iso = _ISO.fullmatch(value[:10]) if len(value) >= 10 else None
    if iso and (len(value) == 10 or value[10] in "T "):
        try:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    if not re.search(r"\d{4}", value):
        return None
    # Imported here, not at the top: most corpora date their articles in ISO, and the
    # commands that only query the index should not pay for loading dateutil.
    from dateutil import parser as date_parser

    try:
        parsed: dt.datetime = date_parser.parse(value, default=_DEFAULT)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date()


def date_from_file_name(name: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` found in a file name (``2022-04-26-slug.txt``), if valid."""
    match = _FILE_NAME_DATE.search(name)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
