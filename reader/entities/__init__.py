"""Named entities: who, where, which organisation, when and how much, in each article.

``extract(text, paragraphs)`` runs the built-in rule-based extractor (offline, pure
Python); ``get_extractor("spacy")`` gives the optional spaCy adapter. Offsets are ``str``
indices into ``text``; entities never overlap and never cross a paragraph boundary.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from .model import LABELS, NAME_LABELS, Entity

if TYPE_CHECKING:
    from reader.articles import Article, Span

__all__ = [
    "LABELS",
    "NAME_LABELS",
    "Entity",
    "Extractor",
    "extract",
    "extract_article",
    "extract_names",
    "extract_name_tuples",
    "get_extractor",
]

Paragraphs = Sequence[tuple[int, int]] | Sequence["Span"] | None


class Extractor(Protocol):
    """An entity backend (``BuiltinExtractor``, ``SpacyExtractor``), loaded once and run
    on text after text; what the corpus index runs per article is a plain function
    (``reader.index.extract.ArticleExtractor``)."""

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


def extract_article(article: Article, backend: str = "builtin", names_only: bool = False) -> list[Entity]:
    """Entities of a parsed article, over its paragraphs (the header is never scanned).

    ``names_only`` gives just the entities whose label is in ``NAME_LABELS``: the same
    spans, labels and keys as a full run (the article view and the index agree), faster.
    """
    extractor = get_extractor(backend)
    if names_only:
        if backend == "builtin":
            from .builtin import BuiltinExtractor

            assert isinstance(extractor, BuiltinExtractor)
            return extractor.extract(article.text, article.paragraphs, names_only=True)
        return [e for e in extractor.extract(article.text, article.paragraphs) if e.label in NAME_LABELS]
    return extractor.extract(article.text, article.paragraphs)


def extract_names(article: Article) -> list[Entity]:
    """``extract_article(article, names_only=True)`` with the built-in extractor: what
    the corpus index calls once per article."""
    return extract_article(article, "builtin", names_only=True)


def extract_name_tuples(article: Article) -> list[tuple[int, int, str, str, str]]:
    """``extract_names(article)`` as ``(start, end, label, text, key)`` tuples (the
    fields of each ``Entity``, in order), without building the objects."""
    extractor = get_extractor("builtin")
    from .builtin import BuiltinExtractor

    assert isinstance(extractor, BuiltinExtractor)
    return extractor.extract_tuples(article.text, article.paragraphs, names_only=True)
