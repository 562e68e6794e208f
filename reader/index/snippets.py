"""Where a query's words are in an article: match offsets and a snippet around the best.

Computed in Python from the article's own text (the full-text table is contentless, and
the article view needs offsets into ``Article.text`` anyway, to highlight matches and walk
them with ``>`` and ``<``). Words are compared exactly as FTS5 compares them (text.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..articles import Article, Span
from .model import Snippet
from .query import Query
from .text import fold, token_spans

SNIPPET_WIDTH = 160


def _patterns(query: Query, prefix_last: bool) -> list[tuple[tuple[str, ...], bool]]:
    """(tokens, last token is a prefix) for each positive word or phrase."""
    terms = query.positive_terms
    found = []
    for index, term in enumerate(terms):
        prefix = prefix_last and index == len(terms) - 1 and not term.quoted
        found.append((term.tokens, prefix))
    return found


# In ASCII text a token is a maximal run of ASCII letters and digits and folding is
# lowercasing, so a word or phrase can be found by one regex search of the lowercased
# text instead of folding every token in Python (the slow part of a snippet: ~2 ms for a
# 5 kB article).
_WORD = r"[^\W_]"


def _token_regex(words: tuple[str, ...], prefix: bool, flags: int) -> re.Pattern[str]:
    """The token sequence ``words`` (folded: lower case) in lower-case text. The check
    that no letter or digit comes before sits after the first word, so the pattern starts
    with a literal, which the regex engine finds by a fast scan; an assertion first made
    it try every position of the text (16 times slower)."""
    first = re.escape(words[0])
    rest = "".join(r"[\W_]+" + re.escape(w) for w in words[1:])
    tail = f"{_WORD}*" if prefix else f"(?!{_WORD})"
    return re.compile(rf"{first}(?<!{_WORD}{first}){rest}{tail}", flags)


@lru_cache(maxsize=256)
def _ascii_regex(words: tuple[str, ...], prefix: bool) -> re.Pattern[str]:
    return _token_regex(words, prefix, re.ASCII)


def _every_match(pattern: re.Pattern[str], piece: str, start: int) -> list[tuple[int, int]]:
    """Every match of ``pattern`` in ``piece``, overlapping ones too (a phrase like "new
    new" twice in "new new new"), as offsets ``start`` on."""
    hits: list[tuple[int, int]] = []
    search, pos = pattern.search, 0
    while (found := search(piece, pos)) is not None:
        hits.append((start + found.start(), start + found.end()))
        pos = found.start() + 1
    return hits


def _find_ascii(patterns: list[tuple[tuple[str, ...], bool]], text: str, start: int, end: int) -> list[tuple[int, int]]:
    piece = text[start:end].lower()  # ASCII: one character for one, offsets kept
    hits: list[tuple[int, int]] = []
    for words, prefix in patterns:
        hits += _every_match(_ascii_regex(words, prefix), piece, start)
    return hits


# Most news text is not ASCII (curly quotes, dashes, accented names), and folding its
# every token took ~0.7 ms for a 5 kB article: 15 ms of a 50-hit search. A copy of the
# text with each letter or digit replaced by its fold, where that fold is one letter or
# digit, keeps every offset and every token boundary, so the words can be found in it by
# one regex search, as in ASCII text (about 0.05 ms).
_TOKEN_CHAR = re.compile(r"[^\W_]")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _stand_in(char: str) -> str:
    """What stands for ``char`` in the folded copy: a space for a separator; for a
    letter or digit its fold, when that is one letter or digit that lowercasing leaves
    as it is; "" when nothing can (a ligature, a mark folding drops)."""
    if "\u0300" <= char <= "\u036f":
        return ""  # a combining mark continues a token yet folds to nothing
    if not _TOKEN_CHAR.match(char):
        return " "
    folded = fold(char)
    if len(folded) == 1 and _TOKEN_CHAR.match(folded) and folded.lower() == folded:
        return folded
    return ""


def _folded_copy(piece: str) -> str | None:
    """``piece`` with every character folded in place (offsets unchanged), or None when
    some character has no one-character stand-in.

    Folding a token (``text.fold``) folds it character by character: lowercasing is per
    character but for Greek final sigma, which only tells two non-ASCII letters apart,
    and the marks decomposition adds are dropped. So a token of the copy equals the
    token's fold wherever an ASCII word could match it. The few distinct non-ASCII
    characters of an article are replaced one by one, then ``lower`` folds the ASCII
    ones and leaves their stand-ins alone (``str.translate`` was four times slower)."""
    for char in set(_NOT_ASCII.findall(piece)):
        stand = _stand_in(char)
        if not stand:
            return None
        piece = piece.replace(char, stand)
    return piece.lower()


@lru_cache(maxsize=256)
def _folded_regex(words: tuple[str, ...], prefix: bool) -> re.Pattern[str]:
    """``_ascii_regex`` for the folded copy, where any letter or digit (not only ASCII
    ones) continues a token."""
    return _token_regex(words, prefix, 0)


def _find_folded(
    patterns: list[tuple[tuple[str, ...], bool]], text: str, start: int, end: int
) -> list[tuple[int, int]] | None:
    copy = _folded_copy(text[start:end])
    if copy is None:
        return None
    hits: list[tuple[int, int]] = []
    for words, prefix in patterns:
        hits += _every_match(_folded_regex(words, prefix), copy, start)
    return hits


def find_matches(
    query: Query, text: str, start: int = 0, end: int | None = None, prefix_last: bool = False
) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ``(start, end)`` of every match in ``text[start:end]``."""
    patterns = _patterns(query, prefix_last)
    if not patterns:
        return []
    stop = len(text) if end is None else end
    if all(w.isascii() and w.isalnum() for words, _ in patterns for w in words):
        if text.isascii():
            return _merge(_find_ascii(patterns, text, start, stop))
        found = _find_folded(patterns, text, start, stop)
        if found is not None:
            return _merge(found)
    return _merge(_find_tokens(patterns, text, start, stop))


def _find_tokens(
    patterns: list[tuple[tuple[str, ...], bool]], text: str, start: int, end: int
) -> list[tuple[int, int]]:
    tokens = token_spans(text, start, end)
    folded = [t[2] for t in tokens]
    hits: list[tuple[int, int]] = []
    for words, prefix in patterns:
        size = len(words)
        for i in range(len(folded) - size + 1):
            if all(_same(folded[i + k], words[k], prefix and k == size - 1) for k in range(size)):
                hits.append((tokens[i][0], tokens[i + size - 1][1]))
    return hits


def _merge(hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    hits.sort()
    merged: list[tuple[int, int]] = []
    for hit in hits:
        if merged and hit[0] < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hit[1]))
        else:
            merged.append(hit)
    return merged


def _same(token: str, word: str, prefix: bool) -> bool:
    return token.startswith(word) if prefix else token == word


def match_spans(query: Query, article: Article, prefix_last: bool = False) -> list[Span]:
    """Every match of the query's words in the article's body, as offsets into its text."""
    if not article.paragraphs:
        return []
    start, end = article.paragraphs[0].start, article.paragraphs[-1].end
    return [Span(s, e) for s, e in find_matches(query, article.text, start, end, prefix_last)]


_ONE_LINE = str.maketrans("\r\n\t", "   ")
"""A snippet is one line: carriage returns, line feeds and tabs become spaces."""


def make_snippet(query: Query, article: Article, width: int = SNIPPET_WIDTH, prefix_last: bool = False) -> Snippet:
    """About ``width`` characters around the densest cluster of matches (or the opening of
    the body when the query has no words), cut at word boundaries, on one line."""
    text = article.text
    if not article.paragraphs:
        return Snippet("", (), 0)
    body_start, body_end = article.paragraphs[0].start, article.paragraphs[-1].end
    matches = find_matches(query, text, body_start, body_end, prefix_last)
    if matches:
        best, best_count = matches[0][0], 0
        for i, (s, _) in enumerate(matches):
            count = sum(1 for m in matches[i:] if m[1] <= s + width)
            if count > best_count:
                best, best_count = s, count
        start = max(body_start, best - width // 4)
    else:
        start = body_start
    end = min(body_end, start + width)
    if start > body_start:
        space = text.find(" ", start, start + 20)
        start = space + 1 if space != -1 else start
    if end < body_end:
        space = text.rfind(" ", end - 20, end)
        end = space if space > start else end
    piece = text[start:end].translate(_ONE_LINE)
    inside = tuple((max(s, start) - start, min(e, end) - start) for s, e in matches if s < end and e > start)
    return Snippet(piece, inside, start)
