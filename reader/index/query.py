"""The query language shared by ``reader search`` and the TUI's filter bar (users' guide in
README.md; where a new filter goes: ARCHITECTURE.md §5).

    words "quoted phrases"        full text, ranked by BM25
    @2022-04-01..2022-04-30       a date range; @2022-04 a month, @2022 a year
    @-7d..  @-2w  @-3m  @-1y      relative to today (a lone relative date means "since")
    @..2022-05-01                 open ranges on either side
    person:Guterres org:  place:  entity:   entity filters (values may be "quoted")
    is:bookmarked is:unread is:read has:note   the user's store
    -term -"phrase" -person:X     exclusion (any item can be negated)

Clauses are ANDed. ``parse`` returns a ``Query`` or raises ``QueryError`` with a message
saying where the query went wrong; it raises nothing else, whatever the input (a Hypothesis
test holds it to that), because the TUI parses on every keystroke.
"""

from __future__ import annotations

import datetime as dt
import re

from ..records import Record
from .text import words

ENTITY_KINDS: dict[str, frozenset[str] | None] = {
    "person": frozenset({"PERSON"}),
    "org": frozenset({"ORG"}),
    "place": frozenset({"GPE", "LOC", "FAC"}),
    "entity": None,  # any label
}
FLAGS = {"is": ("bookmarked", "unread", "read"), "has": ("note",)}
_FLAG_ALIASES = {"notes": "note", "bookmark": "bookmarked"}
_FILTER = re.compile(r"([A-Za-z]+):")
_ABSOLUTE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_RELATIVE = re.compile(r"-(\d{1,5})([dwmy])")


class QueryError(ValueError):
    """A malformed query. ``position`` is a 0-based index into the query (at most its
    length); the message names the 1-based column, for people."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        return self.message


class Term(Record):
    """A word or a phrase; ``tokens`` are its folded words (a "word" like ``U.N.`` is a
    two-token phrase, exactly as the full-text index split the articles)."""

    text: str
    tokens: tuple[str, ...]
    negated: bool = False
    quoted: bool = False
    position: int = 0


class DateRange(Record):
    """Inclusive; either end may be open. Undated articles never match a date filter."""

    start: dt.date | None
    end: dt.date | None
    negated: bool = False
    position: int = 0

    def contains(self, iso: str | None) -> bool:
        if iso is None:
            return False
        if self.start is not None and iso < self.start.isoformat():
            return False
        return self.end is None or iso <= self.end.isoformat()


class EntityFilter(Record):
    kind: str  # a key of ENTITY_KINDS
    value: str
    negated: bool = False
    position: int = 0

    @property
    def labels(self) -> frozenset[str] | None:
        return ENTITY_KINDS[self.kind]


class Flag(Record):
    name: str  # "bookmarked", "unread", "read" or "note"
    negated: bool = False
    position: int = 0


class Query(Record):
    """A parsed query (``parse``). The query's values are named tuples, not dataclasses:
    the search command defines them on every run (``reader/articles/model.py``)."""

    source: str
    terms: tuple[Term, ...]
    dates: tuple[DateRange, ...]
    entities: tuple[EntityFilter, ...]
    flags: tuple[Flag, ...]
    today: dt.date

    @property
    def positive_terms(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if not t.negated)

    @property
    def negative_terms(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.negated)

    @property
    def ranked(self) -> bool:
        """Whether results are ordered by relevance (there are words to rank by)."""
        return bool(self.positive_terms)

    @property
    def needs_store(self) -> bool:
        return bool(self.flags)

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.dates or self.entities or self.flags)


def _column(pos: int) -> str:
    return f"column {pos + 1}"


def _token_end(text: str, pos: int) -> int:
    while pos < len(text) and not text[pos].isspace():
        pos += 1
    return pos


def _quoted(text: str, pos: int) -> tuple[str, int]:
    """The text of a quoted string whose opening quote is at ``pos``, and the index after
    the closing quote. A doubled quote inside stands for one quote."""
    out: list[str] = []
    i = pos + 1
    while i < len(text):
        if text[i] == '"':
            if i + 1 < len(text) and text[i + 1] == '"':
                out.append('"')
                i += 2
                continue
            return "".join(out), i + 1
        out.append(text[i])
        i += 1
    raise QueryError(f"unclosed quote at {_column(pos)}", pos)


def _month_days(year: int, month: int) -> int:
    """How many days the month has (``calendar.monthrange``'s answer, without importing
    ``calendar`` into every search)."""
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    if year < 1:
        raise OverflowError
    month += 1
    return dt.date(year, month, min(day.day, _month_days(year, month)))


def _date_point(spec: str, pos: int, today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day a date spec covers: ``2022`` is the whole year."""
    bad = QueryError(f'bad date "{spec}" at {_column(pos)} (try 2022-04-26, 2022-04, 2022 or -7d)', pos)
    relative = _RELATIVE.fullmatch(spec)
    if relative:
        amount, unit = int(relative.group(1)), relative.group(2)
        try:
            if unit == "d":
                day = today - dt.timedelta(days=amount)
            elif unit == "w":
                day = today - dt.timedelta(weeks=amount)
            elif unit == "m":
                day = _add_months(today, amount)
            else:
                day = _add_months(today, amount * 12)
        except (OverflowError, ValueError):
            raise bad from None
        return day, day
    absolute = _ABSOLUTE.fullmatch(spec)
    if not absolute:
        raise bad
    year = int(absolute.group(1))
    try:
        if absolute.group(3) is not None:
            day = dt.date(year, int(absolute.group(2)), int(absolute.group(3)))
            return day, day
        if absolute.group(2) is not None:
            month = int(absolute.group(2))
            first = dt.date(year, month, 1)
            return first, dt.date(year, month, _month_days(year, month))
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        raise bad from None


def _date_range(spec: str, pos: int, negated: bool, today: dt.date) -> DateRange:
    """``spec`` is what follows ``@`` (which is at ``pos - 1``)."""
    if not spec:
        raise QueryError(f"empty date after @ at {_column(pos - 1)} (try @2022-04 or @-7d..)", pos - 1)
    if ".." in spec:
        left, right = spec.split("..", 1)
        if ".." in right:
            raise QueryError(f'bad date range "{spec}" at {_column(pos)}', pos)
        start = _date_point(left, pos, today)[0] if left else None
        end = _date_point(right, pos + len(left) + 2, today)[1] if right else None
        if start is None and end is None:
            raise QueryError(f"date range with no ends at {_column(pos - 1)}", pos - 1)
        if start is not None and end is not None and start > end:
            raise QueryError(f'date range "{spec}" ends before it starts at {_column(pos)}', pos)
        return DateRange(start, end, negated, pos - 1)
    first, last = _date_point(spec, pos, today)
    if spec.startswith("-"):
        return DateRange(first, None, negated, pos - 1)  # "@-7d": the last seven days
    return DateRange(first, last, negated, pos - 1)


def parse(text: str, today: dt.date | None = None) -> Query:
    """Parse a query. ``today`` anchors relative dates (tests pass a fixed one)."""
    today = today or dt.date.today()
    terms: list[Term] = []
    dates: list[DateRange] = []
    entities: list[EntityFilter] = []
    flags: list[Flag] = []
    i = 0
    n = len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        negated = text[i] == "-" and i + 1 < n and not text[i + 1].isspace()
        if negated:
            i += 1
        if text[i] == '"':
            phrase, i = _quoted(text, i)
            tokens = tuple(words(phrase))
            if tokens:
                terms.append(Term(phrase, tokens, negated, True, start))
            continue
        if text[i] == "@":
            end = _token_end(text, i)
            dates.append(_date_range(text[i + 1 : end], i + 1, negated, today))
            i = end
            continue
        name_match = _FILTER.match(text, i)
        if name_match:
            name = name_match.group(1).lower()
            value_pos = name_match.end()
            if name not in ENTITY_KINDS and name not in FLAGS:
                known = ", ".join(f"{k}:" for k in (*ENTITY_KINDS, *FLAGS))
                raise QueryError(
                    f'unknown filter "{name_match.group(0)}" at {_column(i)} (known: {known}; '
                    f'quote it to search the words: "{name_match.group(0)}")',
                    i,
                )
            if value_pos < n and text[value_pos] == '"':
                value, i = _quoted(text, value_pos)
            else:
                i = _token_end(text, value_pos)
                value = text[value_pos:i]
            value = " ".join(value.split())
            if not value:
                raise QueryError(f'"{name}:" needs a value at {_column(value_pos - 1)}', value_pos - 1)
            if name in ENTITY_KINDS:
                entities.append(EntityFilter(name, value, negated, start))
            else:
                flag = _FLAG_ALIASES.get(value.lower(), value.lower())
                if flag not in FLAGS[name]:
                    choices = ", ".join(f"{name}:{v}" for v in FLAGS[name])
                    raise QueryError(
                        f'unknown value "{value}" for {name}: at {_column(value_pos)} (try {choices})', value_pos
                    )
                flags.append(Flag(flag, negated, start))
            continue
        end = _token_end(text, i)
        word = text[i:end]
        tokens = tuple(words(word))
        if tokens:
            terms.append(Term(word, tokens, negated, False, start))
        i = end
    return Query(text, tuple(terms), tuple(dates), tuple(entities), tuple(flags), today)
