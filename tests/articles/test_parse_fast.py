"""The parser's fast paths give exactly what the plain definitions give.

Ids are a user-facing contract (notes attach to them), so ``squeeze`` must equal
``" ".join(text.split())`` on every string, paragraphs must be the trimmed runs between
blank lines, and every article's id must hash its body's words as it always has.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.articles import Span, load_file
from reader.articles.parse import (
    _OTHER_ASCII_SPACE,
    _OTHER_SPACE,
    split_paragraphs,
    squeeze,
)
from reader.articles.scan import iter_article_paths

SAMPLES = Path(__file__).resolve().parents[2] / "articles"

SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
# Words, every white space character, and the runs that matter (blank lines, CRLF,
# indents, trailing spaces), mixed with arbitrary text.
PIECES = st.one_of(
    st.sampled_from(["word", "Echeverría", "日本", "x.", "\ud800"]),
    st.sampled_from(SPACES),
    st.sampled_from(["\n\n", "\r\n", "\n \n", " \n", "\n ", "  ", "\n\n\n", "\t\n"]),
    st.text(max_size=5),
)
TEXT = st.lists(PIECES, max_size=40).map("".join)


def _reference_paragraphs(text: str, start: int, end: int) -> tuple[Span, ...]:
    """The definition: runs between blank lines, each trimmed, blank ones dropped."""
    spans = []
    pos = start
    for match in re.compile(r"\n[ \t\r]*\n(?:[ \t\r]*\n)*").finditer(text, start, end):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, end))
    out = []
    for s, e in spans:
        segment = text[s:e]
        if segment.strip():
            out.append(Span(s + len(segment) - len(segment.lstrip()), e - len(segment) + len(segment.rstrip())))
    return tuple(out)


def test_other_space_is_every_split_character_but_space_and_newline() -> None:
    assert sorted(_OTHER_SPACE + " \n") == sorted(SPACES)
    assert "".join(c for c in _OTHER_SPACE if c.isascii()) == _OTHER_ASCII_SPACE


@settings(max_examples=500, deadline=None)
@given(text=TEXT)
def test_squeeze_is_split_and_join(text: str) -> None:
    assert squeeze(text) == " ".join(text.split())


@settings(max_examples=300, deadline=None)
@given(text=TEXT, cut=st.integers(0, 20))
def test_paragraphs_are_the_trimmed_runs(text: str, cut: int) -> None:
    start = min(cut, len(text))
    assert split_paragraphs(text, start, len(text)) == _reference_paragraphs(text, start, len(text))


def test_bundled_articles_ids_hash_the_body_words() -> None:
    """Every bundled article's id and fingerprint, from the plain definitions."""

    def blake(data: str) -> str:
        return hashlib.blake2b(data.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()

    count = 0
    for path in iter_article_paths(SAMPLES, []):
        for article in load_file(path)[0]:
            count += 1
            if article.record is None:
                assert article.id == blake(" ".join(article.body.split()))[:12]
                assert article.fingerprint == blake(article.text)
    assert count >= 40
