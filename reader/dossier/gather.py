"""Collecting a dossier: the index says where the entity is, the files give the sentences.

The index gives the articles (every one, not the newest 200 of the mentions view), the
monthly timeline, who appears alongside and every mention's offsets, each in one query.
Each article is then read for the sentences around its mentions; reading is most of the
time taken, so ``progress`` is called after every article for a bar. The extractor runs
again only where the index's offsets cannot be trusted as they are: an article changed
since it was indexed, or one holding a phrase the user added as an entity (the user's
phrase wins over the mentions it overlaps, as in the article view).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence

from .. import forked
from ..articles import Article
from ..entities import extract_article
from ..entities.corrections import Corrections
from ..index import CorpusIndex
from ..index.entity_stats import EntityStat, entity_view
from ..index.mentions import _periods
from ..index.text import normalize_name
from .model import ArticleNote, Dossier, DossierArticle, Kwic
from .sentences import sentence_cuts, trimmed, window

ALONGSIDE = 20
CHUNK = 250
"""Articles read and quoted at a time (between two steps of the progress bar)."""
PARALLEL_FROM = 2_000
"""Articles from which the reading is shared with worker processes (``reader.forked``)."""

Progress = Callable[[int, int], None]
NotesFor = Callable[[str], Sequence[ArticleNote]]
KwicRow = tuple[int, int, str, tuple[tuple[int, int], ...]]
"""A ``Kwic``'s fields: what a worker sends back (a tuple pickles five times faster than
a frozen dataclass, and a big dossier has 600,000 of them)."""
Quoted = tuple[list[KwicRow], Counter[str]] | None
"""One article's sentences and spellings; None when its file no longer holds it."""


def _no_notes(_: str) -> Sequence[ArticleNote]:
    return ()


def _not_bookmarked(_: str) -> bool:
    return False


def no_entity_notes(key: str, label: str) -> Sequence[str]:
    """The notes the user wrote on an entity itself. None yet: the seam where entity
    notes from the store are handed in (``gather(entity_notes=...)``)."""
    return ()


def _months(per_month: dict[str, int]) -> tuple[tuple[str, int], ...]:
    if not per_month:
        return ()
    import datetime as dt

    months = sorted(per_month)
    first = dt.date.fromisoformat(months[0] + "-01")
    last = dt.date.fromisoformat(months[-1] + "-01")
    return tuple((m, per_month.get(m, 0)) for m in _periods(first, last, weekly=False))


def kwic(
    article: Article,
    pairs: frozenset[tuple[str, str]],
    backend: str = "builtin",
    corrections: Corrections | None = None,
) -> tuple[list[KwicRow], Counter[str]]:
    """The sentences of ``article`` naming the entity (its ``(key, label)`` ``pairs``), in
    text order, and how often each spelling was used: from the extractor, exactly, with
    the user's ``corrections`` applied as the article view applies them."""
    found = extract_article(article, backend, names_only=True)
    if corrections is not None and not corrections.empty:
        spans = [(p.start, p.end) for p in article.paragraphs]
        found = corrections.apply(found, article.text, spans)
    protected = sorted((e.start, e.end) for e in found)
    ours = [(e.start, e.end) for e in found if (e.key, e.label) in pairs]
    return sentences_of(article, ours, protected)


def trusted_spans(
    text: str, spans: list[tuple[int, int]] | None, norms: set[str], known: dict[str, bool]
) -> list[tuple[int, int]] | None:
    """``spans`` (the index's offsets of the entity's mentions) when each still covers one
    of the entity's names in ``text``, else None (the file changed since indexing).
    ``known`` remembers each surface form's verdict across articles."""
    if not spans:
        return None
    size = len(text)
    for start, end in spans:
        if end > size:
            return None
        surface = text[start:end]
        ok = known.get(surface)
        if ok is None:
            ok = known[surface] = normalize_name(surface) in norms
        if not ok:
            return None
    return spans


def sentences_of(
    article: Article, ours: list[tuple[int, int]], protected: list[tuple[int, int]]
) -> tuple[list[KwicRow], Counter[str]]:
    """The sentences holding the mentions ``ours`` (sorted spans), never cut inside a
    ``protected`` span, and the spellings of the mentions. Mentions and paragraphs are
    walked together (both in text order): a dossier runs this on every article."""
    text = article.text
    names: Counter[str] = Counter(text[s:e] for s, e in ours)
    out: list[KwicRow] = []
    starts = [s for s, _ in protected]
    i, count = 0, len(ours)
    for paragraph in article.paragraphs:
        while i < count and ours[i][0] < paragraph.start:
            i += 1  # outside every paragraph: not quoted
        if i == count:
            break
        if ours[i][0] >= paragraph.end:
            continue
        cuts = sentence_cuts(text, paragraph.start, paragraph.end, protected, starts)
        while i < count and ours[i][0] < paragraph.end:
            k = bisect_right(cuts, ours[i][0])  # the sentence holding the next mention
            start = cuts[k - 1] if k else paragraph.start
            end = cuts[k] if k < len(cuts) else paragraph.end
            j = i + 1
            while j < count and ours[j][0] < end:
                j += 1
            start, end = trimmed(text, start, end)
            spans = tuple(ours[i:j])
            i = j
            lo, hi = window(text, start, end, spans[0][0], spans[-1][1])
            spans = tuple(s for s in spans if lo <= s[0] and s[1] <= hi) or spans[:1]
            lo, hi = min(lo, spans[0][0]), max(hi, spans[-1][1])
            out.append((lo, hi, text[lo:hi], spans))
    return out, names


def gather(
    index: CorpusIndex,
    name: str,
    label: str | None = None,
    *,
    notes_for: NotesFor = _no_notes,
    bookmarked: Callable[[str], bool] = _not_bookmarked,
    entity_notes: Callable[[str, str], Sequence[str]] = no_entity_notes,
    progress: Progress | None = None,
    spell: Callable[[str], str] = str,
    backend: str = "builtin",
    corrections: Corrections | None = None,
) -> Dossier | None:
    """The dossier of the entity ``name`` resolves to (as ``reader mentions`` resolves
    it), or None when it names no entity of the corpus. ``spell`` turns the index's
    absolute paths into the ones the user gave. ``corrections`` (the user's merges,
    renames, relabels and hidden entities) apply to the entity, its mentions and who
    appears alongside it."""
    found = index.resolve(name, label, corrections)
    if found is None:
        return None
    views = entity_view([EntityStat(found.key, found.label, 0, 0, None, None, found.entities)])
    if not views:
        return None  # e.g. an entity the user hid
    view = views[0]
    entities = view.entities
    # What the extractor calls the mentions the index counted, and (after corrections) the
    # corrected entity itself.
    pairs = frozenset({*index.entity_labels(found.entities), (view.key, view.label)})
    docs = index.mention_docs(entities)
    timeline = _months(index.monthly_mentions(entities))
    alongside = tuple(index.co_occurring(entities, ALONGSIDE, corrections))
    rows = [row for row, _ in docs]
    counts = {row.doc: count for row, count in docs}
    names: Counter[str] = Counter()
    stored = index.mention_spans(entities)
    norms = index.entity_norms(entities)
    known: dict[str, bool] = {}
    phrases = corrections is not None and bool(corrections.added_phrases())

    def quote(start: int, end: int) -> list[Quoted]:
        """The sentences of rows ``start`` to ``end`` (in a worker process, or here)."""
        out: list[Quoted] = []
        for row, article in index.articles_of(rows[start:end]):
            if article is None:
                out.append(None)
                continue
            ours = trusted_spans(article.text, stored.get(row.doc), norms, known)
            if ours is not None and phrases and corrections is not None:
                paragraphs = [(p.start, p.end) for p in article.paragraphs]
                if corrections.find_phrases(article.text, paragraphs):
                    ours = None  # a phrase the user added may win over some of these mentions
            if ours is not None:
                sentences, seen = sentences_of(article, ours, ours)
            else:
                sentences, seen = kwic(article, pairs, backend, corrections)
            out.append((sentences, seen))
        return out

    articles: list[DossierArticle] = []
    total = len(rows)
    workers = forked.worker_count(total, PARALLEL_FROM)
    for part in forked.forked_map(quote, forked.ranges(total, CHUNK), workers):
        for quoted in part:
            row = rows[len(articles)]
            if quoted is not None:
                names.update(quoted[1])
            articles.append(
                DossierArticle(
                    id=row.id,
                    date=row.date,
                    title=row.title,
                    source=row.source,
                    path=spell(row.path),
                    record=row.record,
                    mentions=counts[row.doc],
                    sentences=tuple(Kwic(*k) for k in quoted[0]) if quoted is not None else (),
                    bookmarked=bookmarked(row.id),
                    notes=tuple(notes_for(row.id)),
                    missing=quoted is None,
                )
            )
        if progress is not None:
            progress(len(articles), total)
    dated = [a.date for a in articles if a.date]
    return Dossier(
        key=view.key,
        label=view.label,
        keys=found.keys,
        names=tuple(sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))),
        notes=tuple(entity_notes(view.key, view.label)),
        articles_total=len(articles),
        mentions_total=sum(a.mentions for a in articles),
        first=min(dated) if dated else None,
        last=max(dated) if dated else None,
        timeline=timeline,
        alongside=alongside,
        articles=tuple(articles),
    )
