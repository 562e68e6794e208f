"""Named entities: who, where, which organisation, when and how much, in each article.

``extract(text, paragraphs)`` runs the built-in rule-based extractor (offline, pure
Python); ``get_extractor("spacy")`` gives the optional spaCy adapter. Offsets are ``str``
indices into ``text``; entities never overlap and never cross a paragraph boundary.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from .model import LABELS, Entity

if TYPE_CHECKING:
    from reader.articles import Article, Span

__all__ = ["LABELS", "Entity", "Extractor", "extract", "extract_article", "get_extractor"]

Paragraphs = Sequence[tuple[int, int]] | Sequence["Span"] | None


class Extractor(Protocol):
    name: str

    def extract(self, text: str, paragraphs: Paragraphs = None) -> list[Entity]: ...


_builtin: Extractor | None = None


def get_extractor(backend: str = "builtin") -> Extractor:
    """The extractor for ``backend`` ("builtin" or "spacy"), loaded once per process."""
    global _builtin
    if backend == "builtin":
        if _builtin is None:
            from .builtin import BuiltinExtractor

            _builtin = BuiltinExtractor()
        return _builtin
    if backend == "spacy":
        from .spacy_backend import get_spacy_extractor

        return get_spacy_extractor()
    from reader.errors import UsageError

    raise UsageError(f"unknown entity backend {backend!r} (choose builtin or spacy)")


def extract(text: str, paragraphs: Paragraphs = None) -> list[Entity]:
    """Entities of ``text``, sorted by start; ``paragraphs=None`` splits on blank lines."""
    return get_extractor().extract(text, paragraphs)


def extract_article(article: Article, backend: str = "builtin") -> list[Entity]:
    """Entities of a parsed article, over its paragraphs (the header is never scanned)."""
    return get_extractor(backend).extract(article.text, article.paragraphs)
