"""A dossier finds mentions by the entity's known names when the index's count says it
found them all (``reader/dossier/names.py``); that shortcut must give exactly the
extractor's spans, article by article, on a real corpus (the bundled samples)."""

from __future__ import annotations

from pathlib import Path

from reader.articles.parse import parse_plain
from reader.dossier.names import NameMatcher
from reader.entities import extract_article
from reader.index import CorpusIndex

SAMPLES = Path(__file__).resolve().parents[2] / "articles"


def test_names_found_agree_with_the_extractor_whenever_the_count_agrees(tmp_path: Path) -> None:
    quick_taken = checked = 0
    with CorpusIndex.open(SAMPLES, tmp_path / "cache") as index:
        index.update()
        for stat in index.top_entities(frozenset(), limit=25):
            found = index.resolve(stat.key, stat.label)
            assert found is not None
            pairs = index.entity_labels(found.entities)  # as the index counted them
            matcher = NameMatcher(index.entity_norms(found.entities))
            docs = index.mention_docs(found.entities)
            counts = {row.doc: count for row, count in docs}
            for row, article in index.articles_of([row for row, _ in docs]):
                assert article is not None
                exact = [
                    (e.start, e.end) for e in extract_article(article, names_only=True) if (e.key, e.label) in pairs
                ]
                assert len(exact) == counts[row.doc]  # the index counts what the extractor finds
                quick = matcher.find(article)
                checked += 1
                if len(quick) == counts[row.doc]:
                    quick_taken += 1
                    assert quick == exact, (stat.key, row.path)
    assert checked > 100 and quick_taken > checked // 2  # the shortcut is taken, and was checked


def test_accents_and_case_fold_one_for_one() -> None:
    text = " date 2024-01-02\n\nÉCHEVERRÍA met Tomás Echeverría, not Echeverríado, in Paris.\n"
    article = parse_plain(Path("a.txt"), text).articles[0]
    spans = NameMatcher({"echeverria", "tomas echeverria"}).find(article)
    assert [text[s:e] for s, e in spans] == ["ÉCHEVERRÍA", "Tomás Echeverría"]


def test_a_name_inside_another_entity_falls_back_to_the_extractor(tmp_path: Path) -> None:
    """ "Carvalho" in "Carvalho Institute" is found by name but is no mention of Ines
    Carvalho: the count disagrees, the extractor decides, the institute is left out."""
    from reader.dossier import gather

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (
        " date 2024-05-01\ntitle: Institute opens\n\nInes Carvalho opened the Carvalho Institute in Port Elwin"
        " on Monday. Carvalho said the Carvalho Institute would train nurses.\n"
    )
    (corpus / "a.txt").write_text(text, encoding="utf-8")
    with CorpusIndex.open(corpus, tmp_path / "cache") as index:
        index.update()
        found = gather(index, "Ines Carvalho")
    assert found is not None and found.mentions_total == 2
    [article] = found.articles
    assert [[text[s:e] for s, e in k.mentions] for k in article.sentences] == [["Ines Carvalho"], ["Carvalho"]]
    assert [k.text for k in article.sentences] == [
        "Ines Carvalho opened the Carvalho Institute in Port Elwin on Monday.",
        "Carvalho said the Carvalho Institute would train nurses.",
    ]
