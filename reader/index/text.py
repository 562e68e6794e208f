"""Words as the full-text index sees them, so Python and FTS5 agree on what a match is.

FTS5's ``unicode61`` tokenizer (with ``remove_diacritics 2``) splits on anything that is
not a letter or a number, lowercases and strips accents. ``tokens`` does the same in
Python: it is used to build MATCH expressions (only these tokens ever reach MATCH, so no
user text can be read as FTS5 syntax) and to find match offsets in an article's text for
snippets and for highlighting in the article view.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TOKEN = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f])*")


@lru_cache(maxsize=4096)
def fold(word: str) -> str:
    """Lowercase without accents: ``"Guterres"``, ``"GUTÉRRES"`` -> ``"guterres"``."""
    lowered = word.lower()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The folded tokens of ``text``."""
    return [fold(m.group()) for m in _TOKEN.finditer(text)]


def token_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, folded)`` for each token of ``text[start:end]``, offsets into ``text``."""
    stop = len(text) if end is None else end
    return [(m.start(), m.end(), fold(m.group())) for m in _TOKEN.finditer(text, start, stop)]


def fts_phrase(tokens: tuple[str, ...], prefix: bool = False) -> str:
    """A quoted FTS5 phrase. Tokens hold only letters and digits, so quoting is total."""
    phrase = '"' + " ".join(tokens) + '"'
    return phrase + " *" if prefix else phrase


def normalize_name(name: str) -> str:
    """How entity names are compared: folded words joined by single spaces, so
    "U.S." -> "u s" and "Antonio  Guterres" -> "antonio guterres"."""
    return " ".join(words(name))
