"""The index answers as the user's entity corrections have it, without being changed:
mentions and entity filters after a merge, a rename, a relabelling or hiding, added
phrases in filters, and ``has:note`` for an entity with a note."""

from __future__ import annotations

from reader.entities.corrections import Corrections
from reader.index import CorpusIndex
from reader.store.model import EntityCorrection

STAMP = "2026-01-01"


class Marks:
    """A store with no marks of its own (only what ``has:note`` asks of it)."""

    def is_bookmarked(self, article_id: str) -> bool:
        return False

    def is_read(self, article_id: str) -> bool:
        return False

    def notes_for(self, article_id: str) -> list[str]:
        return []

    def ids_with(self, mark: str) -> set[str]:
        return set()


def titles(index: CorpusIndex, query: str, corrections: Corrections | None, store: Marks | None = None) -> list[str]:
    return sorted(h.row.title for h in index.search(query, store=store, corrections=corrections))


def test_a_merged_name_finds_the_merged_entity_with_counts_combined(index: CorpusIndex) -> None:
    guterres = index.mentions("Guterres")
    un = index.mentions("United Nations")
    assert guterres is not None and un is not None
    corrections = Corrections([EntityCorrection("merge", un.key, STAMP, into=guterres.key, label="PERSON")])
    for name in ("United Nations", "Guterres"):
        merged = index.mentions(name, corrections=corrections)
        assert merged is not None
        assert merged.key == guterres.key and merged.label == "PERSON"
        assert merged.total_mentions == guterres.total_mentions + un.total_mentions
        assert un.key in merged.keys
        assert all(c.key not in (un.key, guterres.key) for c in merged.co_mentions)
        assert all(c.articles <= merged.total_articles for c in merged.co_mentions)
    assert titles(index, "person:United Nations", corrections) == ["Guterres visits Kyiv"]
    assert titles(index, "org:United Nations", corrections) == []  # it is a PERSON now
    assert titles(index, "org:United Nations", None) == ["Guterres visits Kyiv"]  # the index is untouched


def test_co_mentions_count_an_article_naming_two_merged_spellings_once(index: CorpusIndex) -> None:
    corrections = Corrections([EntityCorrection("merge", "Moscow", STAMP, into="Kyiv", label="GPE")])
    found = index.mentions("Guterres", corrections=corrections)
    assert found is not None
    kyiv = [c for c in found.co_mentions if c.key == "Kyiv"]
    assert [(c.articles, c.label) for c in kyiv] == [(1, "GPE")]  # one article names both
    assert "Moscow" not in {c.key for c in found.co_mentions}
    plain = index.mentions("Guterres")
    assert plain is not None
    by_key = {c.key: c.mentions for c in plain.co_mentions}
    assert kyiv[0].mentions == by_key["Kyiv"] + by_key["Moscow"]


def test_a_renamed_entity_is_found_by_its_new_name(index: CorpusIndex) -> None:
    corrections = Corrections([EntityCorrection("rename", "Global Water Alliance", STAMP, name="GWA")])
    found = index.mentions("GWA", corrections=corrections)
    assert found is not None and found.key == "GWA" and found.total_articles == 1
    assert titles(index, "entity:GWA", corrections) == ["Water summit opens in Geneva"]
    assert titles(index, "entity:GWA", None) == []


def test_a_relabelled_entity_answers_its_new_kind(index: CorpusIndex) -> None:
    corrections = Corrections([EntityCorrection("label", "Geneva", STAMP, label="ORG")])
    assert titles(index, "org:Geneva", corrections) == ["Water summit opens in Geneva"]
    assert titles(index, "place:Geneva", corrections) == []


def test_a_hidden_entity_is_never_found_and_unhiding_brings_it_back(index: CorpusIndex) -> None:
    hidden = Corrections([EntityCorrection("hide", "Chile", STAMP)])
    assert index.mentions("Chile", corrections=hidden) is None
    assert titles(index, "place:Chile", hidden) == []
    assert titles(index, "-place:Chile", hidden) == titles(index, "", None)  # excluding nothing
    geneva = index.mentions("Geneva", corrections=hidden)
    assert geneva is not None and "Chile" not in {c.key for c in geneva.co_mentions}
    assert titles(index, "place:Chile", Corrections()) == ["Notes without a date", "Water summit opens in Geneva"]


def test_an_added_phrase_is_found_by_entity_filters_through_the_full_text(index: CorpusIndex) -> None:
    corrections = Corrections(
        [EntityCorrection("add", "copper prices", STAMP, phrase="copper prices", label="PRODUCT")]
    )
    assert titles(index, 'entity:"copper prices"', corrections) == ["Notes without a date"]
    assert titles(index, '-entity:"copper prices" @2021..2021', corrections) == ["IMF approves loan for Ghana"]


def test_mentions_of_an_added_phrase_count_it_where_it_occurs_in_its_case(index: CorpusIndex) -> None:
    def added(phrase: str, sensitive: bool) -> Corrections:
        return Corrections(
            [EntityCorrection("add", phrase, STAMP, phrase=phrase, label="EVENT", case_sensitive=sensitive)]
        )

    found = index.mentions("water summit", corrections=added("water summit", True))
    assert found is not None and found.key == "water summit" and found.label == "EVENT"
    assert [m.row.title for m in found.articles] == ["Water summit opens in Geneva"]
    assert found.total_mentions == 1  # "its water summit"; the title is not the body
    assert found.articles[0].count == 1 and found.timeline
    assert "Global Water Alliance" in {c.key for c in found.co_mentions}
    assert index.mentions("Water Summit", corrections=added("Water Summit", True)) is None  # case as given
    folded = index.mentions("Water Summit", corrections=added("Water Summit", False))
    assert folded is not None and folded.total_mentions == 1


def test_has_note_covers_articles_naming_an_entity_with_a_note(index: CorpusIndex) -> None:
    corrections = Corrections([], noted=["Antonio Guterres"])
    assert titles(index, "has:note", corrections, Marks()) == ["Guterres visits Kyiv"]
    assert titles(index, "has:note", Corrections(), Marks()) == []
    assert titles(index, "-has:note", corrections, Marks()) == sorted(
        t for t in titles(index, "", None) if t != "Guterres visits Kyiv"
    )
