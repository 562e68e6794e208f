"""Which person a lone surname stands for, judged over the whole corpus.

The extractor decides inside one article: "Biden" after "Joe Biden" is Joe Biden. An
article that only ever says "Biden" leaves the mention keyed "Biden". Across the corpus
the index knows the full names it has seen: when the people whose full names end in that
word are, in practice, one person (one full name, or one with at least ``SHARE`` of the
articles naming any of them in full), the lone surname is that person. Otherwise ("two
Clintons") it stays a person of its own key, and nobody's mentions take it in.

Read at query time from the ``entities`` table (keys, labels and article counts kept up
to date by every update), so the extractor stays per-article and pure, and there is no
second table to keep in step.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

SHARE = 0.8
"""The share of full-name articles one person needs to own a surname shared with others."""


@dataclass(frozen=True, slots=True)
class FullNames:
    """The people whose full name ends with a surname, most articles first."""

    people: tuple[tuple[int, str, int], ...]  # (entity, key, articles)

    @property
    def owner(self) -> tuple[int, str, int] | None:
        """The one person the surname stands for, or None when it is shared or unknown."""
        if not self.people:
            return None
        top = self.people[0]
        total = sum(df for _, _, df in self.people)
        return top if top[2] >= SHARE * total else None

    @property
    def shared(self) -> bool:
        return len(self.people) > 1 and self.owner is None


def full_names(conn: sqlite3.Connection, surname_norm: str) -> FullNames:
    """The PERSON entities of several words whose last word is ``surname_norm`` (a name
    normalised by ``text.normalize_name``, one word)."""
    if not surname_norm or " " in surname_norm:
        return FullNames(())
    rows = conn.execute(
        "SELECT entity, key, df FROM entities WHERE label = 'PERSON' AND df > 0 AND norm LIKE ? ESCAPE '\\'"
        " ORDER BY df DESC, key",
        ("% " + surname_norm.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"),),
    ).fetchall()
    return FullNames(tuple((int(e), str(k), int(df)) for e, k, df in rows))
