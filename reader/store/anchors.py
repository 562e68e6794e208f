"""Anchoring a note to a passage, and finding that passage again after the text changed.

A paragraph index alone breaks as soon as a paragraph is added above the note, so each
anchor also keeps a quote: the first ~120 characters of its paragraph, white space
collapsed. After an edit the quote is looked up exactly first (the paragraph moved), then
fuzzily with ``difflib`` (the paragraph itself was touched up); the old index breaks ties,
because among similar paragraphs the one nearest the old place is most likely right.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from .model import Anchor

if TYPE_CHECKING:
    from reader.articles import Article

QUOTE_CHARS = 120
MATCH_THRESHOLD = 0.6
"""Below this difflib ratio a paragraph is "not the same passage". Unrelated English
paragraphs score around 0.2-0.45 on 120-character prefixes; a reworded one stays above."""


def normalise(text: str) -> str:
    return " ".join(text.split())


def make_quote(paragraph: str) -> str:
    """The paragraph's opening, cut at a word boundary when it is longer than the limit."""
    flat = normalise(paragraph)
    if len(flat) <= QUOTE_CHARS:
        return flat
    cut = flat.rfind(" ", 0, QUOTE_CHARS + 1)
    return flat[: cut if cut > QUOTE_CHARS // 2 else QUOTE_CHARS]


def make_anchor(article: Article, paragraph: int) -> Anchor:
    """The anchor for ``article``'s paragraph ``paragraph``; ValueError if there is none."""
    count = len(article.paragraphs)
    if count == 0:
        if paragraph != 0:
            raise ValueError("the article has no paragraphs")
        return Anchor(0, "", None)
    if not 0 <= paragraph < count:
        raise ValueError(f"paragraph {paragraph} is out of range (the article has {count}: 0 to {count - 1})")
    return Anchor(paragraph, make_quote(article.paragraph_text(paragraph)), article.paragraphs[paragraph].start)


def find_paragraph(article: Article, quote: str, hint: int) -> tuple[int, float] | None:
    """(paragraph index, confidence 0..1) where ``quote`` now is, or None if nowhere.

    An empty quote (a note migrated from a store that kept none) trusts ``hint``.
    """
    count = len(article.paragraphs)
    if count == 0:
        return None
    hint = min(max(hint, 0), count - 1)
    quote = normalise(quote)
    if not quote:
        return hint, 1.0
    flats = [normalise(article.paragraph_text(i)) for i in range(count)]

    def nearest(candidates: list[int]) -> int:
        return min(candidates, key=lambda i: (abs(i - hint), i))

    starts = [i for i, text in enumerate(flats) if text.startswith(quote)]
    if starts:
        return nearest(starts), 1.0
    contains = [i for i, text in enumerate(flats) if quote in text]
    if contains:
        return nearest(contains), 0.95

    best: tuple[float, int] | None = None
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote)
    for i in sorted(range(count), key=lambda j: (abs(j - hint), j)):
        matcher.set_seq1(flats[i][: len(quote)])
        floor = best[0] if best else MATCH_THRESHOLD
        if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
            continue
        ratio = matcher.ratio()
        if ratio >= floor and (best is None or ratio > best[0]):
            best = (ratio, i)
    if best is None:
        return None
    return best[1], best[0]


def reanchor(article: Article, anchor: Anchor) -> tuple[Anchor, float] | None:
    """``anchor`` moved to where its passage now is in ``article`` (quote refreshed)."""
    found = find_paragraph(article, anchor.quote, anchor.paragraph)
    if found is None:
        return None
    index, score = found
    return make_anchor(article, index), score
