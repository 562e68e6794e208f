"""The fast paths of match finding (ASCII text; other text through a folded copy) give
exactly what folding every token gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.index import parse
from reader.index.snippets import (
    _find_ascii,
    _find_folded,
    _find_tokens,
    _folded_copy,
    _merge,
    _patterns,
    _stand_in,
    find_matches,
)
from reader.index.text import fold, token_spans

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


# Letters whose fold is another letter (accents, case, long s, Kelvin, dotted and dotless
# i, final sigma), ones with no one-letter fold (ligature, a combining mark, a fraction,
# a letter folding to capital H), and separators that are not ASCII.
UNICODE_TEXT = st.lists(
    st.sampled_from(
        ["a", "ab", "B", "abc", " ", "-", "_", "1", "é", "É", "á", "ß", "İ", "ı", "i", "\u212a", "k", "\u017f",
         "s", "\ufb01", "\u0301", "Σ", "ς", "σ", "—", "\u2019", "²", "½", "ℌ", "ж", "Ж", "ǅ", "cafe", "Café"]
    ),
    max_size=30,
).map("".join)  # fmt: skip
UNICODE_QUERY = st.lists(
    st.sampled_from(["a", "ab", "abc", "b", "1", "s", "ss", "k", "i", "e", "cafe", "dz", "fi", '"a ab"', '"cafe a"']),
    min_size=1,
    max_size=3,
).map(" ".join)


@settings(max_examples=600, deadline=None)
@given(UNICODE_TEXT, UNICODE_QUERY, st.booleans(), st.integers(0, 5))
def test_folded_copy_agrees(text: str, query: str, prefix: bool, cut: int) -> None:
    patterns = _patterns(parse(query), prefix)
    start = min(cut, len(text))
    expected = _merge(_find_tokens(patterns, text, start, len(text)))
    found = _find_folded(patterns, text, start, len(text))
    if found is not None:
        assert _merge(found) == expected
    assert find_matches(parse(query), text, start, None, prefix) == expected


def test_every_stand_in_keeps_tokens_and_folds() -> None:
    """Over every letter and digit of the Basic Multilingual Plane: where a character has
    a stand-in, a word holding it has the same token boundaries in the folded copy, and
    the copy's token is the token's fold wherever either is ASCII."""
    checked = 0
    for code in range(0x80, 0x10000):
        char = chr(code)
        if not char.isalnum() or not _stand_in(char):
            continue
        checked += 1
        for text in (f"a{char}b", f"{char} {char}{char}", f"Σ{char}Σ"):
            copy = _folded_copy(text)
            assert copy is not None and len(copy) == len(text)
            tokens = token_spans(text)
            assert [(s, e) for s, e, _ in token_spans(copy)] == [(s, e) for s, e, _ in tokens]
            for s, e, folded in tokens:
                for mine, theirs in zip(copy[s:e], folded, strict=True):
                    assert mine == theirs or not (mine.isascii() or theirs.isascii())
    assert checked > 30_000  # (37,752 in Python 3.11)


def test_news_text_takes_the_folded_path() -> None:
    text = "Martínez said the “water” bill—São Paulo’s, not Zürich’s—was 2½ times over; WATER rose."
    assert _folded_copy(text.replace("½", "")) is not None
    assert _folded_copy(text) is None  # ½ folds to three characters: every token is folded
    patterns = _patterns(parse("water"), False)
    assert _find_folded(patterns, "Martínez: “Water” and WÁTER.", 0, 27) == [(11, 16), (22, 27)]
    assert fold("WÁTER") == "water"


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


@pytest.mark.parametrize("text", ["New new NEW new york", "Néw new NEW new york"])
def test_overlapping_phrase_matches_are_all_found(text: str) -> None:
    """ "new new" is at 0, 4 and 8: each search starts one past the last match's start, so
    overlapping matches are found (and merged) in ASCII text and in the folded copy."""
    patterns = _patterns(parse('"new new"'), False)
    finder = _find_ascii if text.isascii() else _find_folded
    assert finder(patterns, text, 0, len(text)) == [(0, 7), (4, 11), (8, 15)]
    assert find_matches(parse('"new new"'), text) == [(0, 15)]
    assert find_matches(parse('"new york"'), text) == [(12, 20)]
    assert find_matches(parse("ne"), text, prefix_last=True) == [(0, 3), (4, 7), (8, 11), (12, 15)]
