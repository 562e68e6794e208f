"""Property tests: the extractor never raises and its spans are always well formed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.entities import extract
from reader.entities.model import LABELS

_words = st.sampled_from(
    [
        "Ukraine",
        "U.S.",
        "the",
        "Minister",
        "Ana",
        "Lopez",
        "said",
        "$5",
        "million",
        "April",
        "26",
        "'s",
        "of",
        "Bank",
        "(IMF)",
        "\n\n",
        "\x1b[2J",
        "\x00",
        "—",
        "é",
        "Ω",
        "1,000",
        "percent",
        ".",
        ",",
    ]
)
_texts = st.one_of(
    st.text(),
    st.lists(_words, max_size=60).map(" ".join),
    st.lists(st.one_of(_words, st.text(max_size=5)), max_size=40).map("".join),
)


def _well_formed(text: str, paragraphs: list[tuple[int, int]] | None) -> None:
    ents = extract(text, paragraphs)
    last = 0
    for e in ents:
        assert 0 <= e.start < e.end <= len(text)
        assert e.start >= last
        assert text[e.start : e.end] == e.text
        assert e.label in LABELS and e.key
        last = e.end
        if paragraphs is not None:
            assert any(s <= e.start and e.end <= t for s, t in paragraphs)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_never_raises_and_spans_are_in_bounds(text: str) -> None:
    _well_formed(text, None)


@settings(max_examples=200, deadline=None)
@given(_texts, st.lists(st.tuples(st.integers(-5, 80), st.integers(-5, 80)), max_size=5))
def test_arbitrary_paragraph_spans_are_respected(text: str, raw: list[tuple[int, int]]) -> None:
    spans = sorted((min(a, b), max(a, b)) for a, b in raw)
    clean: list[tuple[int, int]] = []
    for s, e in spans:
        s, e = max(0, s), min(len(text), e)
        if e > s and (not clean or s >= clean[-1][1]):
            clean.append((s, e))
    _well_formed(text, clean)


def test_very_long_line() -> None:
    text = ("Minister Ana Lopez said $5 million went to Kyiv on April 26 " * 3000) + "x" * 100_000
    _well_formed(text, None)
