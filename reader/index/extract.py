"""Entity postings for one article, from the entities layer.

Only named things are indexed (people, organisations, places, events...): DATE, MONEY,
CARDINAL and the other value labels would triple the postings table for a "mentions"
view nobody opens on "2022" or "$5 million". If the entities layer is missing or fails on
an article, the article is still indexed, without entities.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable, Sequence

from ..articles import Article
from .spans import pack_spans
from .text import normalize_name

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (reader/records.py)
if TYPE_CHECKING:
    from ..entities.model import EntityLike

ArticleExtractor = Callable[[Article], Sequence["EntityLike"]]
"""What the index runs on each article for its entities (``extract_names`` by default).
Not ``reader.entities.Extractor``, the backends' interface: this is one function."""


class Posting:
    """One entity in one article: mentions counted, first offset, surface forms seen, and
    every mention's ``start, end`` in ``Article.text`` (flat: a dossier quotes the
    sentences around them without running the extractor again). A plain class, filled in
    as mentions are met: opening an index imports this module, and a search does not
    import ``dataclasses``."""

    __slots__ = ("key", "label", "count", "first", "names", "spans")

    def __init__(self, key: str, label: str, count: int, first: int, names: set[str], spans: list[int]) -> None:
        self.key, self.label, self.count, self.first, self.names, self.spans = key, label, count, first, names, spans

    def _values(self) -> tuple[object, ...]:
        return (self.key, self.label, self.count, self.first, self.names, self.spans)

    def __eq__(self, other: object) -> bool:
        return type(other) is Posting and self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return "Posting" + repr(self._values())


PostingRow = tuple[str, str, int, int, set[str], bytes]
"""A ``Posting`` as the index writes it: key, label, count, first, surface forms, and the
spans packed (``spans.pack_spans``). Made where the extraction runs, a worker process in
a big cold build, so the one process that writes only numbers and writes: packing there
and a plain tuple on the way back (no dataclass to pickle and make again) took ~30 us an
article off that process's serial work."""


def auto_extractor_name() -> str:
    """The name ``load_extractor`` gives, found without importing the entities layer:
    opening an index compares it with the one the index was built with, while only an
    update that reads files runs the extractor (a warm search paid ~2 ms to import it)."""
    return "builtin" if importlib.util.find_spec("reader.entities") is not None else "none"


def load_extractor() -> tuple[ArticleExtractor | None, str]:
    """The entities layer's names-only extraction and a name recorded in the index (an
    index built without entities is rebuilt once they become available).

    Names only: the index keeps no value labels, and ``extract_names`` gives the very
    spans, labels and keys of a full ``extract_article`` for the named ones (what the
    article view highlights), for less work. The recorded name stays "builtin": an index
    built by a full extraction holds the same postings.
    """
    try:
        from ..entities import extract_names
    except ImportError:
        return None, "none"
    return extract_names, "builtin"


_surface = functools.lru_cache(maxsize=8192)(normalize_name)
"""Surface forms repeat across articles: normalise each once."""


def _as_tuples(extractor: ArticleExtractor) -> Callable[[Article], Sequence[tuple[int, int, str, str, str]]]:
    """The extractor giving ``(start, end, label, text, key)`` tuples: the built-in one's
    own tuple form (no ``Entity`` objects), any other's entities taken apart."""
    try:
        from ..entities import extract_name_tuples, extract_names
    except ImportError:
        extract_names = None  # type: ignore[assignment]
    if extractor is extract_names:
        return extract_name_tuples

    def taken_apart(article: Article) -> list[tuple[int, int, str, str, str]]:
        return [(e.start, e.end, e.label, e.text, e.key) for e in extractor(article)]

    return taken_apart


_last_form: tuple[ArticleExtractor, Callable[[Article], Sequence[tuple[int, int, str, str, str]]]] | None = None


def postings(article: Article, extractor: ArticleExtractor | None) -> list[Posting]:
    if extractor is None:
        return []
    global _last_form
    form = _last_form
    if form is None or form[0] is not extractor:
        form = _last_form = (extractor, _as_tuples(extractor))
    try:
        found = form[1](article)
    except Exception:  # noqa: BLE001 - one article's entities must not stop an index build
        return []
    # Surface forms are gathered as found and normalised once per distinct one at the end
    # (an entity is mostly mentioned by one or two forms); the blank-key test runs once
    # per entity, not per mention.
    from ..entities.model import NAME_LABELS  # loaded by the extractor already

    by_key: dict[tuple[str, str], Posting] = {}
    names = NAME_LABELS
    for start, end, label, text, key in found:
        if label not in names:
            continue
        posting = by_key.get((key, label))
        if posting is None:
            if key.strip():
                by_key[(key, label)] = Posting(key, label, 1, start, {text}, [start, end])
        else:
            posting.count += 1
            if start < posting.first:
                posting.first = start
            posting.names.add(text)
            posting.spans += (start, end)
    surface_of = _surface
    for posting in by_key.values():
        posting.names = {surface_of(text) for text in posting.names}
    return list(by_key.values())


def posting_rows(article: Article, extractor: ArticleExtractor | None) -> list[PostingRow]:
    """``postings`` as the index writes them."""
    return [(p.key, p.label, p.count, p.first, p.names, pack_spans(p.spans)) for p in postings(article, extractor)]
