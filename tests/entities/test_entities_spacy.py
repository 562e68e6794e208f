"""The spaCy adapter, tested with a blank pipeline and an entity ruler (no model download)."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from reader.entities.spacy_backend import INSTALL_HINT, SpacyExtractor  # noqa: E402


def _extractor() -> SpacyExtractor:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": "Mira Sato"},
            {"label": "GPE", "pattern": "U.S."},
            {"label": "GPE", "pattern": [{"LOWER": "osaka"}]},
        ]
    )
    return SpacyExtractor(nlp)


def test_offsets_are_shifted_into_the_whole_text_and_keys_canonical() -> None:
    text = " date 2022-01-01 \nMira Sato flew to Osaka.\n\nThe U.S. team followed."
    paragraphs = [(18, 42), (44, len(text))]
    ents = _extractor().extract(text, paragraphs)
    assert [(e.text, e.label) for e in ents] == [("Mira Sato", "PERSON"), ("Osaka", "GPE"), ("U.S.", "GPE")]
    for e in ents:
        assert text[e.start : e.end] == e.text
    assert ents[2].key == "United States"


def test_missing_model_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.entities import spacy_backend
    from reader.errors import ReaderError

    def no_model(*_a: object, **_k: object) -> None:
        raise OSError("no model")

    monkeypatch.setattr(spacy_backend, "_cached", None)
    monkeypatch.setattr(spacy, "load", no_model)
    with pytest.raises(ReaderError) as info:
        spacy_backend.get_spacy_extractor()
    assert str(info.value) == INSTALL_HINT and "\n" not in INSTALL_HINT
