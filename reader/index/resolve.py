"""From a name someone typed to the entities the index knows.

A name is looked up among every surface form seen in the corpus ("Guterres", "U.S.") and
every canonical key. Among the entities it names, the one in most articles wins; with it
come the entities of the same label whose key is one of its surface forms, so an article
that only says "Guterres" (key "Guterres") counts for "Antonio Guterres" too, while
"Boris Johnson" does not swallow "Lyndon Johnson". ``person:`` and ``mentions`` resolve
names the same way, so the filter and the view agree.

A lone surname goes to the person the corpus names in full with it when that person is
unambiguous (``short_names``): "Biden" finds Joe Biden, and Joe Biden's mentions take in
the articles that only say "Biden". A surname two people share ("Clinton") resolves to
the lone surname's own entity, and neither person takes it in. ``matches`` lists every
entity the typed name could mean, and ``why`` says which was chosen and why.
``resolve_corrected`` puts the user's entity corrections on top: a name a correction made
(a new name, a merged spelling) is looked up among the corrections first, and the entity
found gathers every extractor key the corrections now file under it; a hidden entity is
not found at all. The index itself is never changed by a correction.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..entities.corrections import Corrections
from ..entities.gazetteers import known_names
from .short_names import full_names
from .text import fts_phrase, normalize_name, words

MATCHES_SHOWN = 10


@dataclass(frozen=True, slots=True)
class Resolved:
    key: str
    label: str
    entities: tuple[int, ...]
    keys: tuple[str, ...]
    matches: tuple[tuple[str, str, int], ...] = ()  # (key, label, articles) of every entity the name names
    why: str = ""
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
    matches = _matches(conn, norm, clause, params)
    why = "the most articles" if len(matches) > 1 else ""
    person_ok = not labels or "PERSON" in labels
    people = full_names(conn, norm) if person_ok else None
    best_df = next((df for k, lab, df in matches if k == key and lab == label), 0)
    if (
        people is not None
        and people.people
        # a person's surname, not a place or a body that shares the word ("Washington")
        and (label == "PERSON" or any(lab == "PERSON" for _, lab, _ in matches) or people.people[0][2] >= best_df)
    ):
        owner = people.owner
        if owner is not None:
            entity, key, label = owner[0], owner[1], "PERSON"
            total = sum(p[2] for p in people.people)
            why = f"named in full in {owner[2]} of the {total} articles naming a person {name!r} in full"
            if len(people.people) == 1:
                why = f"the only person the corpus names in full with {name!r}"
        else:
            lone = conn.execute(
                "SELECT entity, key FROM entities WHERE norm = ? AND label = 'PERSON' AND df > 0", (norm,)
            ).fetchone()
            if lone is not None:
                entity, key, label = lone[0], lone[1], "PERSON"
                why = f"{name!r} is the surname of {len(people.people)} people: kept apart"
            else:
                why = f"{name!r} is the surname of {len(people.people)} people: the one in most articles"
        for full in people.people:
            if all(m[0] != full[1] for m in matches):
                matches = (*matches, (full[1], "PERSON", full[2]))
    # CROSS JOIN keeps ``names`` the outer loop: one pass over it for this entity's few
    # surface forms, then the ``entities_norm`` index. Left to itself the planner walks
    # every entity in key order (to skip the sort) and probes ``names`` for each: ~15 ms
    # at 100,000 articles against under 1 ms.
    family = conn.execute(
        "SELECT DISTINCT e.entity, e.key, e.norm FROM names n CROSS JOIN entities e ON e.norm = n.norm"
        " WHERE n.entity = ? AND e.label = ? AND e.df > 0 AND e.entity != ? ORDER BY e.key",
        (entity, label, entity),
    ).fetchall()
    if label == "PERSON":
        family = _people_family(conn, key, normalize_name(key), family)
    return Resolved(
        key, label, (entity, *(f[0] for f in family)), (key, *(f[1] for f in family)), matches[:MATCHES_SHOWN], why
    )


def _matches(conn: sqlite3.Connection, norm: str, clause: str, params: list[str]) -> tuple[tuple[str, str, int], ...]:
    rows = conn.execute(
        "SELECT e.key, e.label, e.df FROM names n JOIN entities e ON e.entity = n.entity"
        f" WHERE n.norm = ? AND e.df > 0{clause} ORDER BY e.df DESC, e.key",
        [norm, *params],
    ).fetchall()
    return tuple((str(k), str(lab), int(df)) for k, lab, df in rows)


def _people_family(
    conn: sqlite3.Connection, key: str, norm: str, family: list[tuple[int, str, str]]
) -> list[tuple[int, str, str]]:
    """A person's other entities: lone surnames only when the person owns the surname
    corpus-wide (so two Clintons never take in each other's "Clinton"), and the lone
    surname entity when the person owns it even if no article joined the two."""
    out = []
    for member in family:
        if " " in member[2] and member[2] != norm:
            out.append(member)
            continue
        owner = full_names(conn, member[2]).owner
        if owner is not None and owner[1] == key:
            out.append(member)
    surname = norm.rsplit(" ", 1)[-1]
    if " " in norm:
        owner = full_names(conn, surname).owner
        if owner is not None and owner[1] == key:
            have = {m[0] for m in out}
            # The lone surname as a person, and as the extractor's guess for an unknown
            # single word (ORG, "backed by Fairbrook") unless it is a known organisation.
            known = known_names()
            for lone in conn.execute(
                "SELECT entity, key, norm, label FROM entities"
                " WHERE norm = ? AND label IN ('PERSON', 'ORG') AND df > 0",
                (surname,),
            ):
                if lone[0] not in have and (lone[3] == "PERSON" or lone[1] not in known):
                    out.append((int(lone[0]), str(lone[1]), str(lone[2])))
    return out


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
    return Resolved(target, label, tuple(entities), keys, phrases=tuple(phrases))
