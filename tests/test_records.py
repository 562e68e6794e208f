"""reader/records.py: ``Record`` classes behave as ``typing.NamedTuple`` ones do, which
is what type checkers take them for."""

from __future__ import annotations

import pickle
import typing
from pathlib import Path

import pytest

from reader.articles.model import Article, Span
from reader.records import Record


class Pair(Record):
    """Two numbers."""

    low: int
    high: int = 10

    @property
    def width(self) -> int:
        return self.high - self.low

    def widened(self, by: int) -> Pair:
        return self._replace(high=self.high + by)


class TypedPair(typing.NamedTuple):
    low: int
    high: int = 10


def test_a_record_is_the_named_tuple_the_class_syntax_promises() -> None:
    pair = Pair(3)
    assert pair == (3, 10) == TypedPair(3) and hash(pair) == hash(TypedPair(3))
    assert Pair._fields == TypedPair._fields and Pair._field_defaults == TypedPair._field_defaults
    assert repr(pair) == "Pair(low=3, high=10)"
    assert pair.width == 7 and pair.widened(5) == Pair(3, 15)
    assert Pair.__doc__ == "Two numbers." and Pair.__module__ == __name__ and Pair.__qualname__ == "Pair"
    assert pickle.loads(pickle.dumps(pair)) == pair
    with pytest.raises(AttributeError):
        pair.low = 4  # type: ignore[misc]


def test_the_articles_values_survive_pickling_and_replace() -> None:
    """Worker processes and caches hand these around: pickling keeps class and values."""
    span = Span(0, 4)
    article = Article("id1", Path("a.txt"), "Text", (span,), "T", None, "f", "plain")
    again = pickle.loads(pickle.dumps(article))
    assert again == article and type(again) is Article and again.paragraphs[0] is not span
    assert article._replace(id="id2").id == "id2" and article.title_derived is False


def test_a_field_without_a_default_after_one_with_is_refused() -> None:
    with pytest.raises(TypeError, match="without a default"):

        class Bad(Record):  # noqa: F841 - defining it is the test
            first: int = 1
            second: int


def test_a_record_may_not_redefine_what_makes_it_a_tuple() -> None:
    with pytest.raises(AttributeError, match="_replace"):

        class Bad(Record):
            first: int

            def _replace(self, **changes: int) -> Bad:
                return self
