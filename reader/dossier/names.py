"""Finding an entity's mentions in an article by its known names, without the extractor.

Running the entity extractor over every article is what makes a dossier slow (about
4 ms an article: minutes for a name in half of a 100,000-article corpus). The index
already knows every name the entity was seen under (normalised, ``names`` table) and how
many times it is mentioned in each article (``postings``). So the names are looked for
as token sequences, longest first; when the matches found are exactly as many as the
index counted, every mention has been found and nothing else (a found name that is not
a mention, such as "Carvalho" in "Carvalho Institute", makes one too many), and the
extractor is not run. Otherwise the caller runs it, and its answer is the exact one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from ..articles import Article
from ..index.text import token_spans

MAX_GAP = 2  # characters between two tokens of one name ("U.S.", "Mei-Lin", "Al Mansouri")


class _OneToOne(dict[int, str]):
    """A ``str.translate`` table lowercasing and dropping accents one character for one
    ("É" -> "e"), so offsets in the folded text are offsets in the original; a character
    that cannot fold to one character stays itself. Filled as characters are met."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        lowered = char.lower()
        value = char
        if len(lowered) == 1:
            base = "".join(c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c))
            value = base if len(base) == 1 else lowered
        self[code] = value
        return value


_FOLD = _OneToOne()


class NameMatcher:
    """Tokenising every paragraph cost more than the rest of a dossier together, so each
    paragraph is folded one character for one (C speed, ``str.translate``) and searched
    for each name's first word with ``str.find``; only a few words from each hit are
    tokenised. A mention the folding misses (a decomposed accent) only makes the count
    differ, and the caller then runs the extractor."""

    def __init__(self, norms: Iterable[str]) -> None:
        self.names = {tuple(norm.split()) for norm in norms if norm}
        self.longest = max((len(n) for n in self.names), default=0)
        self.firsts = sorted({n[0] for n in self.names})
        self.reach = max((len(" ".join(n)) + MAX_GAP * len(n) for n in self.names), default=0) + 8

    def find(self, article: Article) -> list[tuple[int, int]]:
        """``(start, end)`` of each match in ``article.text``, in text order, never
        overlapping, never across a paragraph."""
        out: list[tuple[int, int]] = []
        text = article.text
        for paragraph in article.paragraphs:
            start, end = paragraph.start, paragraph.end
            folded = text[start:end].translate(_FOLD)
            hits: set[int] = set()
            for first in self.firsts:
                at = folded.find(first)
                while at >= 0:
                    if at == 0 or not folded[at - 1].isalnum():  # a word's start, not inside one
                        hits.add(at)
                    at = folded.find(first, at + 1)
            done = start
            for at in sorted(hits):
                pos = start + at
                if pos < done:
                    continue  # inside the name just found
                tokens = token_spans(text, pos, min(end, pos + self.reach))
                if not tokens or tokens[0][0] != pos:
                    continue
                size = self._match(text, tokens, 0)
                if size:
                    out.append((pos, tokens[size - 1][1]))
                    done = tokens[size - 1][1]
        return out

    def _match(self, text: str, tokens: list[tuple[int, int, str]], i: int) -> int:
        """The number of tokens of the longest name starting at token ``i`` (0: none)."""
        words = [tokens[i][2]]
        best = 1 if (words[0],) in self.names else 0
        j = i + 1
        while j < len(tokens) and len(words) < self.longest:
            gap = text[tokens[j - 1][1] : tokens[j][0]]
            if len(gap) > MAX_GAP or "\n" in gap:
                break
            words.append(tokens[j][2])
            if tuple(words) in self.names:
                best = len(words)
            j += 1
        return best
