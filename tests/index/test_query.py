"""The query language: what parses to what, and a clear error for everything else."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.index.query import DateRange, QueryError, parse

TODAY = dt.date(2022, 5, 15)


def test_words_and_phrases() -> None:
    q = parse('water "Global Water Alliance" U.N.')
    assert [t.tokens for t in q.terms] == [("water",), ("global", "water", "alliance"), ("u", "n")]
    assert [t.quoted for t in q.terms] == [False, True, False]
    assert q.ranked


def test_exclusions() -> None:
    q = parse('water -summit -"trade talks" -person:Guterres')
    assert [(t.text, t.negated) for t in q.terms] == [("water", False), ("summit", True), ("trade talks", True)]
    assert q.entities[0].negated and q.entities[0].value == "Guterres"
    assert parse("a - b").terms[1].text == "b"  # a lone dash is nothing


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("@2022-04-01..2022-04-30", dt.date(2022, 4, 1), dt.date(2022, 4, 30)),
        ("@2022-04", dt.date(2022, 4, 1), dt.date(2022, 4, 30)),
        ("@2022-02", dt.date(2022, 2, 1), dt.date(2022, 2, 28)),
        ("@2022", dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
        ("@2022-04-26", dt.date(2022, 4, 26), dt.date(2022, 4, 26)),
        ("@2021..2022-03", dt.date(2021, 1, 1), dt.date(2022, 3, 31)),
        ("@..2022-05-01", None, dt.date(2022, 5, 1)),
        ("@2022-05-01..", dt.date(2022, 5, 1), None),
        ("@-7d..", dt.date(2022, 5, 8), None),
        ("@-7d", dt.date(2022, 5, 8), None),
        ("@-2w..", dt.date(2022, 5, 1), None),
        ("@-3m..", dt.date(2022, 2, 15), None),
        ("@-1y..-1m", dt.date(2021, 5, 15), dt.date(2022, 4, 15)),
    ],
)
def test_dates(text: str, start: dt.date | None, end: dt.date | None) -> None:
    assert parse(text, today=TODAY).dates == (DateRange(start, end, False, 0),)


def test_month_arithmetic_clamps_the_day() -> None:
    assert parse("@-1m..", today=dt.date(2022, 3, 31)).dates[0].start == dt.date(2022, 2, 28)


def test_filters() -> None:
    q = parse('person:"Antonio Guterres" org:IMF place:Chile entity:Kyiv is:bookmarked is:unread has:note -is:read')
    assert [(e.kind, e.value) for e in q.entities] == [
        ("person", "Antonio Guterres"),
        ("org", "IMF"),
        ("place", "Chile"),
        ("entity", "Kyiv"),
    ]
    assert q.entities[2].labels == frozenset({"GPE", "LOC", "FAC"})
    assert [(f.name, f.negated) for f in q.flags] == [
        ("bookmarked", False),
        ("unread", False),
        ("note", False),
        ("read", True),
    ]
    assert q.needs_store and not q.ranked


def test_words_with_colons_that_are_not_filters() -> None:
    assert [t.text for t in parse('10:30 "foo:bar"').terms] == ["10:30", "foo:bar"]


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ("hello foo:bar", 'unknown filter "foo:" at column 7', 6),
        ('ab "unclosed', "unclosed quote at column 4", 3),
        ('"x', "unclosed quote at column 1", 0),
        ("@2022-13", 'bad date "2022-13" at column 2', 1),
        ("@2022-02-30", 'bad date "2022-02-30" at column 2', 1),
        ("x @2022-01..2022-99", 'bad date "2022-99" at column 13', 12),
        ("@", "empty date after @ at column 1", 0),
        ("@..", "date range with no ends at column 1", 0),
        ("@2022-05..2022-04", "ends before it starts", 1),
        ("person:", '"person:" needs a value at column 7', 6),
        ('person:""', '"person:" needs a value', 6),
        ("is:happy", 'unknown value "happy" for is: at column 4', 3),
        ('org:"IMF', "unclosed quote at column 5", 4),
    ],
)
def test_errors_say_where(text: str, message: str, position: int) -> None:
    with pytest.raises(QueryError) as caught:
        parse(text, today=TODAY)
    assert message in caught.value.message
    assert caught.value.position == position


QUERY_ALPHABET = st.sampled_from(
    list('abc -"@:.0123456789dwmy') + ["person:", "is:", "has:", "@2022", "..", "é", "\x00", "\u200b", "*", "(", ")"]
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), st.lists(QUERY_ALPHABET, max_size=12).map("".join)))
def test_never_raises_anything_but_query_error(text: str) -> None:
    try:
        parse(text, today=TODAY)
    except QueryError as exc:
        assert exc.message
        assert 0 <= exc.position <= len(text)
        assert "column" in exc.message
