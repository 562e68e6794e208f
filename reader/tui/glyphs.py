"""The TUI's non-ASCII marks, and the ASCII it draws instead on plain terminals.

Every non-ASCII character the reader itself puts on screen (marks such as ★ ✎ • ▌, the
separators, the block characters of the charts and sparklines) is listed in ``ASCII``
with a stand-in of exactly one ASCII character, so a layout measured with the Unicode
mark stays the same width. Code passes its literal through ``glyph``; text from the
corpus or the user is never changed (it is theirs, and ``safe_text`` already made it
safe).

Which table is used is decided once, when the app starts (``choose``): ASCII when the
locale's character set is not UTF-8 (``LC_ALL``/``LC_CTYPE``/``LANG`` = ``C``, ``POSIX``
or e.g. ``en_US.ISO-8859-1``), on the Linux console (``TERM=linux``, whose fonts lack
most of these), on a VT100-class or dumb terminal; ``READER_ASCII=1`` forces ASCII and
``READER_ASCII=0`` forces Unicode. With no locale variable at all the reader stays
Unicode: Python itself then works in UTF-8 (PEP 538/540), and a login that carries no
locale (a bare ``ssh host cmd``) is almost always a UTF-8 terminal.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Final, Literal

# unicode mark -> its ASCII stand-in (one character each; a test checks)
ASCII: Final[Mapping[str, str]] = {
    # marks in the list and the article
    "★": "*",  # bookmarked
    "✎": "n",  # has a note
    "•": "+",  # unread
    "▌": ">",  # the paragraph cursor's gutter
    "┆": ":",  # a note shown under its paragraph
    "┃": "|",  # a quoted passage
    "⏎": "/",  # a line break inside a one-line note
    "─": "-",  # the list's separator rule
    # the entity panel's type switches and the legend's letters
    "●": "x",  # type shown
    "○": "-",  # type hidden
    "§": "S",  # LAW (L is a location)
    "º": "o",  # ORDINAL (O is an organisation)
    # punctuation in bars and headings
    "·": "|",  # separator between parts of a status line
    "…": "~",  # cut short / still going
    "¶": "#",  # paragraph number
    "×": "x",  # count of mentions
    "“": '"',
    "”": '"',
    "↑": "^",
    "↓": "v",
    # progress bar
    "▰": "#",
    "▱": "-",
    # charts: the axis and eighths of a cell, as a ramp from light to dense
    "│": "|",
    "▁": ".",
    "▂": ",",
    "▃": ":",
    "▄": "-",
    "▅": "=",
    "▆": "+",
    "▇": "*",
    "█": "#",
}

_TABLE: Final[dict[int, str]] = str.maketrans(dict(ASCII))
_CHARSET_WORDS = ("utf-8", "utf8")
_PLAIN_LOCALES = frozenset({"c", "posix"})
# What Python's locale coercion (PEP 538) writes into LC_CTYPE when the locale was C.
_COERCED = frozenset({"c.utf-8", "c.utf8", "utf-8"})
_PLAIN_TERMS = ("linux", "vt52", "vt100", "vt102", "vt220", "dumb", "unknown")
_YES = frozenset({"1", "yes", "true", "on"})
_NO = frozenset({"0", "no", "false", "off"})

_ascii = False


def _locale(environ: Mapping[str, str]) -> str:
    """The character-type locale the user asked for, as the C library would pick it
    (``LC_ALL``, then ``LC_CTYPE``, then ``LANG``); "" when none is set.

    Python turns a C locale into ``LC_CTYPE=C.UTF-8`` in its own environment before any
    code runs; that value under a ``LANG`` of C or POSIX is Python's doing, not the
    user's, so ``LANG`` is what counts then.
    """
    every = environ.get("LC_ALL", "")
    if every:
        return every
    ctype, lang = environ.get("LC_CTYPE", ""), environ.get("LANG", "")
    if ctype.lower() in _COERCED and lang.lower() in _PLAIN_LOCALES:
        return lang
    return ctype or lang


def wants_ascii(environ: Mapping[str, str]) -> bool:
    """True when the terminal should get ASCII marks (the module docstring says when)."""
    override = environ.get("READER_ASCII", "").strip().lower()
    if override in _YES:
        return True
    if override in _NO:
        return False
    term = environ.get("TERM", "").strip().lower()
    if term.startswith(_PLAIN_TERMS):
        return True
    chosen = _locale(environ).lower()
    if not chosen:
        return False
    return not any(word in chosen for word in _CHARSET_WORDS)


def choose(environ: Mapping[str, str] | None = None) -> bool:
    """Pick the table for this run from the environment; returns whether it is ASCII."""
    use_ascii(wants_ascii(os.environ if environ is None else environ))
    return _ascii


def use_ascii(on: bool) -> None:
    global _ascii
    _ascii = on


def ascii_on() -> bool:
    return _ascii


def glyph(text: str) -> str:
    """``text`` (a literal of the reader's own) with its marks in the chosen table."""
    return text.translate(_TABLE) if _ascii else text


def overflow() -> Literal["ellipsis", "crop"]:
    """How a Rich ``Text`` too long for its cells ends: Rich's ellipsis is the Unicode
    "…", so on a plain terminal the text is cut instead."""
    return "crop" if _ascii else "ellipsis"
