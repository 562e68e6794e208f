"""The ASCII fast path of match finding gives exactly what folding every token gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.index import parse
from reader.index.snippets import _find_ascii, _find_tokens, _merge, _patterns, find_matches

TEXT = st.lists(
    st.sampled_from(["a", "ab", "B", "abc", "Ab", " ", "  ", "\n", "-", "_", ".", "1", "a1", "é"]), max_size=30
).map("".join)
QUERY = st.lists(
    st.sampled_from(["a", "ab", "abc", "b", "1", "a1", '"a ab"', '"ab a"', '"a a"', '"ab b abc"', "-b"]),
    min_size=1,
    max_size=3,
).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(TEXT, QUERY, st.booleans(), st.integers(0, 5))
def test_fast_path_agrees(text: str, query: str, prefix: bool, cut: int) -> None:
    patterns = _patterns(parse(query), prefix)
    start = min(cut, len(text))
    expected = _merge(_find_tokens(patterns, text, start, len(text)))
    if text.isascii():
        assert _merge(_find_ascii(patterns, text, start, len(text))) == expected
    assert find_matches(parse(query), text, start, None, prefix) == expected


def test_examples() -> None:
    text = "Water, WATER: waterways and the water_works. Water projects; water\nprojects."
    assert [text[s:e] for s, e in find_matches(parse("water"), text)] == ["Water", "WATER", "water", "Water", "water"]
    assert [text[s:e] for s, e in find_matches(parse('"water projects"'), text)] == [
        "Water projects",
        "water\nprojects",
    ]
    assert [text[s:e] for s, e in find_matches(parse("wat"), text, prefix_last=True)][:3] == [
        "Water",
        "WATER",
        "waterways",
    ]
