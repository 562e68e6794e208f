"""The parsers never raise, whatever the file holds."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.articles.parse import parse_file_text, read_front_matter, read_plain_header

HEADERISH = st.sampled_from(
    [
        " date 2022-04-26 ",
        "Date: April 26, 2022",
        "title: x",
        "---",
        "source",
        "date ",
        "\n",
        "\r\n",
        "\ufeff",
        "{",
        "[",
        '"text":',
    ]
)
TEXT = st.lists(st.one_of(HEADERISH, st.text()), max_size=12).map("".join)
SUFFIXES = st.sampled_from([".txt", ".md", ".json", ".jsonl", ""])


@settings(max_examples=300, deadline=None)
@given(text=TEXT, suffix=SUFFIXES)
def test_parsers_never_raise_and_spans_are_in_bounds(text: str, suffix: str) -> None:
    result = parse_file_text(Path(f"f{suffix}"), text)
    for article in result.articles:
        for span in article.paragraphs:
            assert 0 <= span.start < span.end <= len(article.text)
            assert article.text[span.start : span.end].strip()
        starts = [s.start for s in article.paragraphs]
        assert starts == sorted(starts)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_decode_and_parse(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    meta, start = read_plain_header(text)
    assert 0 <= start <= len(text)
    assert set(meta) <= {"date", "title", "source", "url", "author"}
    front = read_front_matter(text)
    if front is not None:
        assert 0 <= front[1] <= len(text)
    parse_file_text(Path("x.md"), text)
    parse_file_text(Path("x.jsonl"), text)
