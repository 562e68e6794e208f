"""The Markdown escaping, fast form, against the plain regex form it replaced; a list
marker is escaped where Markdown honours the backslash (``1\\.``, not ``\\1.``)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from reader.dossier.model import Kwic
from reader.dossier.render import _inline, _quote, escape
from reader.safe_text import safe_line, safe_text

_WORDS = st.text(alphabet=st.sampled_from(list("ab 1-=.)*_[]<>#|~&`\\\t\n\u00a0\x1b\x85 ")), max_size=40)


def _plain_inline(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|~&])", r"\\\1", re.sub(r"\s+", " ", safe_text(text)))


def _plain_escape(text: str) -> str:
    line = re.sub(r"^(\s*)([-+=])", r"\1\\\2", _plain_inline(safe_line(text)))
    return re.sub(r"^(\s*)(\d+)([.)])", r"\1\2\\\3", line)


@given(_WORDS)
def test_inline_escaping_is_the_plain_regex_escaping(text: str) -> None:
    assert _inline(text) == _plain_inline(text)


@given(_WORDS)
def test_line_escaping_is_the_plain_regex_escaping(text: str) -> None:
    assert escape(text) == _plain_escape(text)


def test_a_list_marker_and_markdown_punctuation_stay_text() -> None:
    assert escape("1. *Big*  [news]") == "1\\. \\*Big\\* \\[news\\]"
    assert escape("- item") == "\\- item"


def _plain_quote(kwic: Kwic) -> str:
    parts: list[str] = []
    at = kwic.start
    for start, end in kwic.mentions:
        parts.append(_plain_inline(kwic.text[at - kwic.start : start - kwic.start]))
        parts.append("**" + _plain_escape(kwic.text[start - kwic.start : end - kwic.start]) + "**")
        at = end
    parts.append(_plain_inline(kwic.text[at - kwic.start :]))
    line = re.sub(r"^(\s*)([-+=])", r"\1\\\2", "".join(parts).strip())
    return "> " + re.sub(r"^(\s*)(\d+)([.)])", r"\1\2\\\3", line)


@given(st.lists(_WORDS, min_size=1, max_size=5), st.integers(min_value=0, max_value=1000))
def test_a_quote_is_its_pieces_escaped_with_the_mentions_in_bold(pieces: list[str], base: int) -> None:
    """Even pieces (0, 2, ...) are text around the mentions, odd ones the mentions."""
    text = "".join(pieces)
    mentions, at = [], base
    for i, piece in enumerate(pieces):
        if i % 2 and piece:
            mentions.append((at, at + len(piece)))
        at += len(piece)
    kwic = Kwic(base, base + len(text), text, tuple(mentions))
    assert _quote(kwic) == _plain_quote(kwic)
