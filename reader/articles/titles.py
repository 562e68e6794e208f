"""Deriving a title from the body when the file has none."""

from __future__ import annotations

import re

MAX_TITLE = 90

# A sentence ends at . ! or ? (maybe followed by a closing quote or bracket) and white
# space, unless the word before the period is an initial or a common abbreviation.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)")
_ABBREVIATIONS = frozenset(
    [
        "mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "maj", "adm",
        "jr", "sr", "inc", "ltd", "co", "corp", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "mt", "ft",
    ]
)  # fmt: skip


# A wire-copy dateline ("KOUROU, French Guiana — ", "LONDON (Reuters) - ") says where the
# story was filed, not what it is about: a derived title starts after it.
_DATELINE = re.compile(r"[A-Z][A-Z.'’ -]*[A-Z.](?:,\s*[^—–\n,]{1,40})?(?:\s*\([^)\n]{1,30}\))?\s*(?:—|–|--|-)\s+(?=\S)")


def strip_dateline(paragraph: str) -> str:
    match = _DATELINE.match(paragraph)
    return paragraph[match.end() :] if match else paragraph


def first_sentence(paragraph: str) -> str:
    """The first sentence of a paragraph (the whole paragraph if it has no end mark)."""
    for match in _SENTENCE_END.finditer(paragraph):
        if paragraph[match.start()] == ".":
            word = re.search(r"([\w.]+)$", paragraph[: match.start()])
            token = word.group(1) if word else ""
            if token.lower() in _ABBREVIATIONS:
                continue
            # "U.S." or "J." are initials, not sentence ends
            if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", token):
                continue
        return paragraph[: match.end()]
    return paragraph


def derive_title(paragraph: str, limit: int = MAX_TITLE) -> str:
    """First sentence; a longer one is cut at a word boundary and ends in '...', the whole
    title (dots included) staying within ``limit`` characters."""
    sentence = " ".join(first_sentence(strip_dateline(paragraph)).split())
    if len(sentence) <= limit:
        return sentence
    room = limit - 3
    cut = sentence[: room + 1]
    space = cut.rfind(" ")
    head = cut[:space] if space > 0 else sentence[:room]
    return head.rstrip(" ,;:-–—") + "..."
