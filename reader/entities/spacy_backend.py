"""The optional spaCy backend: a trained model's entities in the reader's own shape.

Used only when asked for (``--backend spacy``). spaCy is not a dependency: when it or an
English model is missing, the user gets one line saying what to install. The adapter
runs the pipeline per paragraph, so offsets come back relative to the paragraph and are
shifted into the whole text, and no entity can cross a paragraph boundary.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reader.errors import ReaderError

from .builtin import ParagraphsArg, paragraph_spans
from .keys import canonical
from .model import Entity

INSTALL_HINT = (
    "the spaCy backend needs spaCy and an English model: pip install spacy && python -m spacy download en_core_web_sm"
)
MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")

_cached: SpacyExtractor | None = None


class SpacyExtractor:
    """Wraps any spaCy ``Language`` whose pipeline sets ``doc.ents``."""

    name = "spacy"

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp

    def extract(self, text: str, paragraphs: ParagraphsArg = None) -> list[Entity]:
        spans = paragraph_spans(text, paragraphs)
        out: list[Entity] = []
        docs = self.nlp.pipe(text[s:e] for s, e in spans)
        for (start, end), doc in zip(spans, docs, strict=True):
            out.extend(_adapt(text, start, end, doc.ents))
        return out


def _adapt(text: str, start: int, end: int, ents: Sequence[Any]) -> list[Entity]:
    out: list[Entity] = []
    last = start
    for ent in sorted(ents, key=lambda e: (e.start_char, -e.end_char)):
        s, e = start + int(ent.start_char), start + int(ent.end_char)
        s, e = max(s, last), min(e, end)  # clip: never overlap, never leave the paragraph
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            continue
        mention = text[s:e]
        out.append(Entity(s, e, str(ent.label_), mention, canonical(mention)))
        last = e
    return out


def get_spacy_extractor() -> SpacyExtractor:
    """The first installed English model, loaded once; a ReaderError when there is none."""
    global _cached
    if _cached is not None:
        return _cached
    try:
        import spacy
    except ImportError:
        raise ReaderError(INSTALL_HINT) from None
    for model in MODELS:
        try:
            nlp = spacy.load(model, exclude=["lemmatizer"])
        except (OSError, ImportError):
            continue
        _cached = SpacyExtractor(nlp)
        return _cached
    raise ReaderError(INSTALL_HINT)
