"""Applying the user's entity corrections: merges (and chains), renames, labels, hiding,
and added phrases, which win over an extracted entity they overlap."""

from __future__ import annotations

from reader.entities.corrections import NO_CORRECTIONS, Corrections
from reader.entities.model import Entity
from reader.store.model import EntityCorrection

STAMP = "2026-01-01"


def merge(key: str, into: str, label: str | None = None) -> EntityCorrection:
    return EntityCorrection("merge", key, STAMP, into=into, label=label)


def add(phrase: str, label: str, case_sensitive: bool = True) -> EntityCorrection:
    return EntityCorrection("add", phrase, STAMP, phrase=phrase, label=label, case_sensitive=case_sensitive)


def mentions_of(text: str, *spelled: tuple[str, str, str]) -> list[Entity]:
    """Entities for each (surface text, label, key), at the surface text's first place."""
    out = []
    for surface, label, key in spelled:
        start = text.index(surface)
        out.append(Entity(start, start + len(surface), label, surface, key))
    return sorted(out, key=lambda e: e.start)


TEXT = "Zelenskiy spoke in Kyiv. Volodymyr Zelensky met the West at the Azovstal steel plant."
FOUND = mentions_of(
    TEXT,
    ("Zelenskiy", "ORG", "Zelenskiy"),
    ("Kyiv", "GPE", "Kyiv"),
    ("Volodymyr Zelensky", "PERSON", "Volodymyr Zelensky"),
    ("West", "LOC", "West"),
    ("Azovstal", "ORG", "Azovstal"),
)


def keys(entities: list[Entity]) -> list[tuple[str, str, str]]:
    return [(e.text, e.label, e.key) for e in entities]


def test_no_corrections_leave_the_entities_as_they_are() -> None:
    assert NO_CORRECTIONS.apply(FOUND, TEXT) == FOUND
    assert Corrections().empty


def test_a_merge_gives_the_mentions_the_targets_key_and_label() -> None:
    fixed = Corrections([merge("Zelenskiy", "Volodymyr Zelensky", "PERSON")]).apply(FOUND, TEXT)
    assert keys(fixed)[0] == ("Zelenskiy", "PERSON", "Volodymyr Zelensky")
    assert [e.start for e in fixed] == [e.start for e in FOUND]  # offsets and texts untouched
    assert all(TEXT[e.start : e.end] == e.text for e in fixed)


def test_merge_chains_are_followed_and_a_hand_made_cycle_ends() -> None:
    chain = Corrections([merge("A", "B"), merge("B", "C"), EntityCorrection("rename", "C", STAMP, name="See")])
    assert chain.resolve_key("A") == chain.resolve_key("B") == chain.resolve_key("C") == "See"
    assert set(chain.members("See")) == {"A", "B", "C"}
    assert chain.lookup("a") == "See" and chain.lookup("SEE") == "See"
    assert chain.origin("See") == "C"
    cycle = Corrections([merge("A", "B"), merge("B", "A")])  # only a hand-edited file can hold one
    assert cycle.resolve_key("A") in {"A", "B"}


def test_unmerging_is_removing_the_entry() -> None:
    entries = [merge("Zelenskiy", "Volodymyr Zelensky", "PERSON")]
    assert Corrections(entries).resolve_key("Zelenskiy") == "Volodymyr Zelensky"
    assert keys(Corrections(entries[:0]).apply(FOUND, TEXT)) == keys(FOUND)


def test_rename_and_label_change_key_and_label_only() -> None:
    fixed = Corrections(
        [
            EntityCorrection("rename", "Volodymyr Zelensky", STAMP, name="Zelensky"),
            EntityCorrection("label", "Azovstal", STAMP, label="FAC"),
        ]
    ).apply(FOUND, TEXT)
    assert ("Volodymyr Zelensky", "PERSON", "Zelensky") in keys(fixed)
    assert ("Azovstal", "FAC", "Azovstal") in keys(fixed)


def test_a_hidden_entity_is_dropped_and_so_is_what_was_merged_into_it() -> None:
    corrections = Corrections([EntityCorrection("hide", "West", STAMP), merge("Kyiv", "West")])
    fixed = corrections.apply(FOUND, TEXT)
    assert "West" not in {e.text for e in fixed} and "Kyiv" not in {e.text for e in fixed}
    assert corrections.resolve_key("West") is None and corrections.lookup("West") is None
    assert corrections.members("West") == ()


def test_an_added_phrase_wins_over_the_extracted_entity_it_overlaps() -> None:
    fixed = Corrections([add("Azovstal steel plant", "FAC")]).apply(FOUND, TEXT)
    assert ("Azovstal steel plant", "FAC", "Azovstal steel plant") in keys(fixed)
    assert "Azovstal" not in {e.text for e in fixed}
    assert [e.start for e in fixed] == sorted(e.start for e in fixed)


def test_an_added_phrase_matches_whole_words_in_its_case_unless_told_otherwise() -> None:
    text = "The azovstal steel plant, Azovstal steel plants and the Azovstal\nsteel plant."
    exact = Corrections([add("Azovstal steel plant", "FAC")]).apply([], text)
    assert [e.text for e in exact] == ["Azovstal\nsteel plant"]  # a wrapped line is still the phrase
    folded = Corrections([add("Azovstal steel plant", "FAC", case_sensitive=False)]).apply([], text)
    assert [e.text for e in folded] == ["azovstal steel plant", "Azovstal\nsteel plant"]
    assert Corrections([add("steel", "PRODUCT")]).apply([], "steelworks, not steel.")[0].start == 16


def test_an_added_phrase_never_crosses_a_paragraph() -> None:
    text = "the Azovstal\n\nsteel plant"
    assert Corrections([add("Azovstal steel plant", "FAC")]).apply([], text) == []
    assert Corrections([add("steel plant", "FAC")]).apply([], text, [(0, 12), (14, len(text))])[0].start == 14
    assert Corrections([add("steel plant", "FAC")]).apply([], text, [(0, 12)]) == []  # outside the body


def test_the_longest_of_overlapping_added_phrases_wins_and_an_added_phrase_can_be_hidden() -> None:
    text = "the Azovstal steel plant"
    both = Corrections([add("Azovstal", "ORG"), add("Azovstal steel plant", "FAC")])
    assert [e.text for e in both.apply([], text)] == ["Azovstal steel plant"]
    hidden = Corrections([add("Azovstal", "ORG"), EntityCorrection("hide", "Azovstal", STAMP)])
    assert hidden.apply([], text) == []


def test_a_thousand_corrections_still_apply_to_the_right_entities() -> None:
    entries = [merge(f"Person {i}", f"Person {i + 1}") for i in range(0, 1000, 2)]
    entries += [add(f"Phrase number {i}", "EVENT") for i in range(500)]
    corrections = Corrections(entries)
    text = "Person 10 met Person 11 at Phrase number 250 and Phrase number 2500."
    found = mentions_of(text, ("Person 10", "PERSON", "Person 10"), ("Person 11", "PERSON", "Person 11"))
    assert keys(corrections.apply(found, text)) == [
        ("Person 10", "PERSON", "Person 11"),
        ("Person 11", "PERSON", "Person 11"),
        ("Phrase number 250", "EVENT", "Phrase number 250"),
    ]
