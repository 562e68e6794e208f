"""A dossier quotes the mentions at the offsets the index stored (``postings.spans``);
those must be exactly the extractor's spans, and where they cannot be trusted (a file
changed since indexing, a phrase the user added) the extractor decides again."""

from __future__ import annotations

import os
from pathlib import Path

from reader.dossier import gather
from reader.entities import extract_article
from reader.entities.corrections import Corrections
from reader.index import CorpusIndex
from reader.store.model import EntityCorrection

SAMPLES = Path(__file__).resolve().parents[2] / "articles"
TEXT = (
    " date 2024-05-01\ntitle: Institute opens\n\nInes Carvalho opened the Carvalho Institute in Port Elwin"
    " on Monday. Carvalho said the Carvalho Institute would train nurses.\n"
)


def test_stored_spans_are_the_extractors_spans_article_by_article(tmp_path: Path) -> None:
    checked = 0
    with CorpusIndex.open(SAMPLES, tmp_path / "cache") as index:
        index.update()
        for stat in index.top_entities(frozenset(), limit=25):
            found = index.resolve(stat.key, stat.label)
            assert found is not None
            pairs = index.entity_labels(found.entities)
            stored = index.mention_spans(found.entities)
            docs = index.mention_docs(found.entities)
            assert set(stored) == {row.doc for row, _ in docs}
            for row, article in index.articles_of([row for row, _ in docs]):
                assert article is not None
                exact = [
                    (e.start, e.end) for e in extract_article(article, names_only=True) if (e.key, e.label) in pairs
                ]
                assert stored[row.doc] == exact, (stat.key, row.path)
                checked += 1
    assert checked > 100


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    return corpus


def _quoted(found: object) -> list[list[str]]:
    [article] = found.articles  # type: ignore[attr-defined]
    return [[k.text[s - k.start : e - k.start] for s, e in k.mentions] for k in article.sentences]


def test_a_name_inside_another_entity_is_no_mention(tmp_path: Path) -> None:
    """ "Carvalho" in "Carvalho Institute" is no mention of Ines Carvalho."""
    with CorpusIndex.open(_corpus(tmp_path), tmp_path / "cache") as index:
        index.update()
        found = gather(index, "Ines Carvalho")
    assert found is not None and found.mentions_total == 2
    assert _quoted(found) == [["Ines Carvalho"], ["Carvalho"]]
    assert [k.text for k in found.articles[0].sentences] == [
        "Ines Carvalho opened the Carvalho Institute in Port Elwin on Monday.",
        "Carvalho said the Carvalho Institute would train nurses.",
    ]


def test_a_file_changed_since_indexing_is_read_by_the_extractor(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    with CorpusIndex.open(corpus, tmp_path / "cache") as index:
        index.update()
        # Words put in front shift every offset the index holds; no update runs.
        path = corpus / "a.txt"
        stat = path.stat()
        path.write_text(TEXT.replace("\n\nInes", "\n\nIn a long-awaited ceremony, Ines"), encoding="utf-8")
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        found = gather(index, "Ines Carvalho")
    assert found is not None
    assert _quoted(found) == [["Ines Carvalho"], ["Carvalho"]]
    assert found.articles[0].sentences[0].text.startswith("In a long-awaited ceremony, Ines Carvalho opened")


def test_a_phrase_the_user_added_wins_over_the_mentions_it_covers(tmp_path: Path) -> None:
    added = EntityCorrection(
        "add", "Ines Carvalho opened", "2024-05-02T00:00:00Z", label="EVENT", phrase="Ines Carvalho opened"
    )
    with CorpusIndex.open(_corpus(tmp_path), tmp_path / "cache") as index:
        index.update()
        found = gather(index, "Ines Carvalho", corrections=Corrections([added]))
    assert found is not None
    assert _quoted(found) == [["Carvalho"]]
