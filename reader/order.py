"""The one order of article lists: newest first, undated last.

``reader list`` (from the files or from the index), the TUI's list (and the rows an index
update merges into it) and the export of notes and bookmarks all sort with
``newest_first``, so two lists of one corpus never disagree. It needs the standard library
only, so every layer may use it, the store included (ARCHITECTURE.md §1).

Ties go by title (case-folded), then path, then the record's place in its feed: a total
order, so a list sorted from parsed files and one sorted from index rows come out the
same whatever order they were read in. The index's SQL ``DATE_ORDER``
(``reader/index/search.py``) spells this order for SQLite, where a database index can
serve it; two differences remain there: ``COLLATE NOCASE`` folds ASCII letters only, and
records of one feed that tie on date and title come in id order.
"""

from __future__ import annotations


def date_number(date: str | None) -> int:
    """``"2024-03-12"`` -> 20240312, a date as one int that sorts as the date does;
    0 when undated. A date that is not ISO ``YYYY-MM-DD`` (a hand-edited store) counts as
    undated rather than stopping a sort."""
    if not date:
        return 0
    digits = date.replace("-", "")
    return int(digits) if digits.isascii() and digits.isdigit() else 0


def newest_first(date: str | None, title: str, path: str, record: int | None = None) -> tuple[bool, int, str, str, int]:
    """The sort key of an article: ``date`` ISO or None, ``path`` its file as text,
    ``record`` its place in a JSON / JSON Lines feed (None for a one-article file)."""
    day = date_number(date)
    return (day == 0, -day, title.lower(), path, -1 if record is None else record)
