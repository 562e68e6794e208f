"""From a name someone typed to the entities the index knows.

A name is looked up among every surface form seen in the corpus ("Guterres", "U.S.") and
every canonical key. Among the entities it names, the one in most articles wins; with it
come the entities of the same label whose key is one of its surface forms, so an article
that only says "Guterres" (key "Guterres") counts for "Antonio Guterres" too, while
"Boris Johnson" does not swallow "Lyndon Johnson". ``person:`` and ``mentions`` resolve
names the same way, so the filter and the view agree.

``resolve_corrected`` puts the user's entity corrections on top: a name a correction made
(a new name, a merged spelling) is looked up among the corrections first, and the entity
found gathers every extractor key the corrections now file under it; a hidden entity is
not found at all. The index itself is never changed by a correction.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..entities.corrections import Corrections
from .text import fts_phrase, normalize_name, words


@dataclass(frozen=True, slots=True)
class Resolved:
    key: str
    label: str
    entities: tuple[int, ...]
    keys: tuple[str, ...]
    phrases: tuple[str, ...] = ()
    """FTS5 phrase expressions of phrases the user added as this entity: the index holds
    no postings for them, so filters find their articles by full text."""


def _label_clause(labels: frozenset[str] | None) -> tuple[str, list[str]]:
    if not labels:
        return "", []
    marks = ",".join("?" * len(labels))
    return f" AND e.label IN ({marks})", sorted(labels)


def resolve(conn: sqlite3.Connection, name: str, labels: frozenset[str] | None = None) -> Resolved | None:
    norm = normalize_name(name)
    if not norm:
        return None
    clause, params = _label_clause(labels)
    best = conn.execute(
        "SELECT e.entity, e.key, e.label FROM names n JOIN entities e ON e.entity = n.entity"
        f" WHERE n.norm = ? AND e.df > 0{clause} ORDER BY e.df DESC, e.key LIMIT 1",
        [norm, *params],
    ).fetchone()
    if best is None:
        # Not a name seen as such: a word of a key ("antonio" -> "Antonio Guterres").
        best = conn.execute(
            "SELECT e.entity, e.key, e.label FROM entities e"
            f" WHERE (e.norm LIKE ? OR e.norm LIKE ? OR e.norm LIKE ?) AND e.df > 0{clause}"
            " ORDER BY e.df DESC, e.key LIMIT 1",
            [f"{norm} %", f"% {norm}", f"% {norm} %", *params],
        ).fetchone()
    if best is None:
        return None
    entity, key, label = best
    # CROSS JOIN keeps ``names`` the outer loop: one pass over it for this entity's few
    # surface forms, then the ``entities_norm`` index. Left to itself the planner walks
    # every entity in key order (to skip the sort) and probes ``names`` for each: ~15 ms
    # at 100,000 articles against under 1 ms.
    family = conn.execute(
        "SELECT DISTINCT e.entity, e.key FROM names n CROSS JOIN entities e ON e.norm = n.norm"
        " WHERE n.entity = ? AND e.label = ? AND e.df > 0 AND e.entity != ? ORDER BY e.key",
        (entity, label, entity),
    ).fetchall()
    return Resolved(key, label, (entity, *(f[0] for f in family)), (key, *(f[1] for f in family)))


def resolve_corrected(
    conn: sqlite3.Connection, name: str, labels: frozenset[str] | None, corrections: Corrections | None
) -> Resolved | None:
    """``resolve`` as the user's corrections have it (see the module doc)."""
    if corrections is None or corrections.empty:
        return resolve(conn, name, labels)
    found: Resolved | None = None
    target = corrections.lookup(name)
    if target is None:
        found = resolve(conn, name, labels)
        if found is None and labels:
            found = resolve(conn, name, None)  # a relabelling may have made it one of these
        if found is None:
            return None
        target = corrections.resolve_key(found.key)
        if target is None:
            return None
    entities: dict[int, str] = {}
    label: str | None = None
    if found is not None:
        label = corrections.label_of(found.key, found.label)
        for entity, key in zip(found.entities, found.keys, strict=True):
            if corrections.resolve_key(key) == target:
                entities[entity] = key
    phrases: list[str] = []
    for member in corrections.members(target):
        family = resolve(conn, member) if found is None else None  # the shorter spellings too
        if family is not None:
            for entity, key in zip(family.entities, family.keys, strict=True):
                if corrections.resolve_key(key) == target:
                    entities.setdefault(entity, key)
        for entity, key, extracted in conn.execute(
            "SELECT entity, key, label FROM entities WHERE key = ? AND df > 0", (member,)
        ):
            entities.setdefault(entity, key)
            if label is None:
                label = corrections.label_of(key, extracted)
        added = corrections.added(member)
        if added is not None:
            tokens = tuple(words(added[0]))
            if tokens:
                phrases.append(f"body : {fts_phrase(tokens)}")  # entities are never in the title
            if label is None:
                label = corrections.label_of(member, added[1])
    if label is None or (not entities and not phrases):
        return None
    if labels and label not in labels:
        return None
    keys = tuple(dict.fromkeys(entities.values())) or (target,)
    return Resolved(target, label, tuple(entities), keys, tuple(phrases))
