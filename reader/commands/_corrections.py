"""The user's entity corrections as the commands apply them (``reader search``,
``mentions``, ``entity``, ``show``, ``dossier``): one place that turns the store's entries
into a ``Corrections`` and says so on stderr when the store cannot be read."""

from __future__ import annotations

import argparse
import sys

from ..entities.corrections import Corrections
from ..errors import ReaderError
from ..safe_text import safe_line
from ..store import Store


def corrections_of(store: Store) -> Corrections:
    """The store's corrections, ready to apply (with the keys that have entity notes)."""
    return Corrections(store.entity_corrections(), [n.key for n in store.entity_notes()])


def stored_corrections(args: argparse.Namespace, store: Store | None = None) -> Corrections | None:
    """The user's entity corrections, for entity filters and mentions; a store that
    cannot be read is said on stderr and the entities are taken as extracted."""
    from ._resolve import open_store

    try:
        if store is None:
            store = open_store(args)
        if not store.entity_corrections() and not store.entity_notes():
            return None
        return corrections_of(store)
    except ReaderError as exc:
        print(f"reader: entity corrections not applied: {safe_line(str(exc))}", file=sys.stderr)
        return None
