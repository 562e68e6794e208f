"""Canonical keys: one name for every way an article writes the same entity.

Within an article, document evidence decides ("Guterres" after "Antonio Guterres";
"IMF" after "International Monetary Fund (IMF)"); across articles, the alias table joins
spellings ("U.S.", "US", "America" -> "United States").
"""

from __future__ import annotations

import functools
import re

from .gazetteers import load
from .lexicon import ALIASES

_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"['’]s?$")


@functools.lru_cache(maxsize=8192)  # mentions repeat: a look-up is 10x cheaper than the work
def normalise(text: str) -> str:
    """The key form of a mention: single spaces, straight apostrophes, no "the", no "'s"."""
    key = _SPACES.sub(" ", text.strip()).replace("’", "'")
    if key[:4].lower() == "the " and len(key) > 4:
        key = key[4:]
    if key.endswith("'s") or key.endswith("s'"):
        key = _POSSESSIVE.sub("", key) if key.endswith("'s") else key[:-1]
    return key


@functools.lru_cache(maxsize=8192)
def canonical(text: str) -> str:
    """The corpus-wide key for ``text`` when nothing in the article says better."""
    key = normalise(text)
    known = load().known.get(key)
    if known:
        return known[1]
    alias = ALIASES.get(key.lower())
    return alias[1] if alias else key


def initials(words: list[str]) -> str:
    """ "International Monetary Fund" -> "IMF": capitalised words only."""
    return "".join(w[0] for w in words if w[:1].isupper())
