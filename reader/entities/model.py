"""The Entity: one named mention, located by offsets into the article's whole text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

# OntoNotes labels, as spaCy's English models name them, so the optional spaCy backend needs
# no label mapping.
LABELS = (
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
    "DATE",
    "TIME",
    "PERCENT",
    "MONEY",
    "QUANTITY",
    "ORDINAL",
    "CARDINAL",
)

# Labels of named things (the rest are values: DATE, TIME, MONEY, PERCENT, QUANTITY,
# ORDINAL, CARDINAL). The corpus index keeps mentions of these only.
NAME_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)


class EntityLike(Protocol):
    """What consumers read of a mention: both backends' entities (and test doubles) fit."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def label(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def key(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Entity:
    """A mention: ``text == article_text[start:end]``; ``key`` groups mentions corpus-wide."""

    start: int
    end: int
    label: str
    text: str
    key: str

    def to_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "label": self.label, "text": self.text, "key": self.key}
