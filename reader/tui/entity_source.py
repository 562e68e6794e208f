"""Where the article screen gets its entities: the entities layer, cached per article.

The extractor is the slow part of opening an article, and readers go back and forth with
``[`` and ``]``, so results are kept in a small LRU cache keyed by article id. If the
entities layer is not installed the reader still works, just without colours.
"""

from __future__ import annotations

import importlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

from ..articles import Article
from ..entities.corrections import NO_CORRECTIONS, Corrections
from ..entities.model import Entity, EntityLike


class EntitySource:
    """Extract entities for an article, at most once per article id while it is cached."""

    def __init__(
        self, backend: str = "builtin", size: int = 64, corrections: Callable[[], Corrections] | None = None
    ) -> None:
        self.corrections = corrections or (lambda: NO_CORRECTIONS)
        """The user's corrections now (read on every call, so a change shows at once)."""
        self._cache: OrderedDict[str, tuple[Entity, ...]] = OrderedDict()
        self._size = size
        self.backend = backend
        self._lock = threading.Lock()
        self.available, self.problem = _probe()

    def prefetch(self, articles: Iterable[Article]) -> None:
        """Fill the cache from a worker thread (the lock makes a concurrent open wait for
        the result instead of extracting twice)."""
        for article in articles:
            with self._lock:
                self._mentions(article)

    def mentions(self, article: Article) -> tuple[Entity, ...]:
        """The article's entities as the user corrected them. The extraction is cached;
        the corrections are applied on each call, so one made a moment ago shows."""
        with self._lock:
            found = self._mentions(article)
        corrections = self.corrections()
        if corrections.empty:
            return found
        return tuple(corrections.apply(found, article.text, [(p.start, p.end) for p in article.paragraphs]))

    def _mentions(self, article: Article) -> tuple[Entity, ...]:
        cached = self._cache.get(article.id)
        if cached is not None:
            self._cache.move_to_end(article.id)
            return cached
        found: tuple[Entity, ...] = ()
        if self.available:
            try:
                found = _extract(article, self.backend)
            except (ImportError, RuntimeError, ValueError) as exc:
                # e.g. spaCy chosen in the config but not installed: say so, keep reading
                self.problem = f"entity extraction failed ({self.backend}): {exc}"
                if self.backend != "builtin":
                    self.backend = "builtin"
                    found = _extract(article, self.backend)
        self._cache[article.id] = found
        if len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return found


_ExtractArticle = Callable[[Article, str], Iterable[EntityLike]]
"""``reader.entities.extract_article``: an article's entities by the named backend."""


def _extractor() -> _ExtractArticle:
    """Looked up by name: the entities layer is optional for the TUI."""
    module = importlib.import_module("reader.entities")
    extract: _ExtractArticle = module.extract_article
    return extract


def _probe() -> tuple[bool, str | None]:
    try:
        _extractor()
    except (ImportError, AttributeError) as exc:
        return False, f"entity colours unavailable ({exc})"
    return True, None


def _extract(article: Article, backend: str) -> tuple[Entity, ...]:
    found: list[Entity] = []
    length = len(article.text)
    for entity in _extractor()(article, backend):
        if 0 <= entity.start < entity.end <= length:
            if type(entity) is not Entity:  # another backend's own kind: the same five fields
                entity = Entity(entity.start, entity.end, entity.label, entity.text, entity.key)
            found.append(entity)
    found.sort(key=lambda m: (m.start, -m.end))
    # Overlapping mentions would paint over each other: keep the first, longest one.
    kept: list[Entity] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return tuple(kept)
