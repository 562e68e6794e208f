"""The index's tuple path: the built-in extractor's tuples are its entities' fields, and
postings built from them equal postings built from the entities."""

from __future__ import annotations

from pathlib import Path

from reader.articles import Article, load_file
from reader.entities import Entity, extract_name_tuples, extract_names
from reader.index.extract import load_extractor, postings

SAMPLES = sorted(p for p in (Path(__file__).resolve().parents[2] / "articles").iterdir() if p.is_file())


def _articles() -> list[Article]:
    out: list[Article] = []
    for path in SAMPLES:
        out.extend(load_file(path)[0])
    return out


def test_tuples_are_the_entities_fields() -> None:
    for article in _articles():
        entities = extract_names(article)
        assert extract_name_tuples(article) == [(e.start, e.end, e.label, e.text, e.key) for e in entities]


def test_postings_same_through_entities_and_tuples() -> None:
    extractor, name = load_extractor()
    assert extractor is extract_names and name == "builtin"

    def via_entities(article: Article) -> list[Entity]:
        return list(extract_names(article))

    for article in _articles():
        fast = postings(article, extractor)
        slow = postings(article, via_entities)
        assert fast and fast == slow
