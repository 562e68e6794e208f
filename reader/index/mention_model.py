"""The values ``reader mentions`` and the mentions view are given: one entity's articles,
timeline and company (``mentions.py`` fills them).

Apart from ``model.py`` so that a search, which never shows them, does not define them.
Immutable, like every value the index hands out.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..articles.row import ArticleRow


@dataclass(frozen=True, slots=True)
class MentionRow:
    """One article mentioning the entity: how many times and where first."""

    row: ArticleRow
    count: int
    first: int


@dataclass(frozen=True, slots=True)
class CoMention:
    """An entity seen in the same articles: in how many of them, and how many times it is
    mentioned there (what breaks a tie between two seen in as many articles)."""

    key: str
    label: str
    articles: int
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class Mentions:
    """Everything the mentions view shows for one entity.

    ``keys`` lists every canonical key folded in ("Guterres" alone in one article and
    "Antonio Guterres" in another are one person here). ``timeline`` is ``(period, count)``
    in time order, every period present (zeros included) so it can be drawn directly;
    ``granularity`` is "week" (periods like ``2022-W17``) or "month" (``2022-04``).
    ``co_mentions`` are counted over the ``co_window`` newest articles, which keeps the
    query fast for an entity mentioned in half the corpus.
    """

    key: str
    label: str
    keys: tuple[str, ...]
    total_articles: int
    total_mentions: int
    articles: tuple[MentionRow, ...]
    timeline: tuple[tuple[str, int], ...]
    granularity: str
    co_mentions: tuple[CoMention, ...]
    co_window: int
    # every entity the typed name could mean, (key, label, articles), and why ``key`` won
    matches: tuple[tuple[str, str, int], ...] = ()
    why: str = ""
