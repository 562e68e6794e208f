"""Rules that should hold on any news, on small original sentences: nationality words,
facility heads, romanised East Asian names, names joined by "of the"/"and the", and
capitalised things that are not names (contractions, codes, hashtags, compounds)."""

from __future__ import annotations

import pytest

from reader.entities import extract


def found(text: str) -> dict[str, str]:
    ents = extract(text)
    for e in ents:
        assert text[e.start : e.end] == e.text
    return {e.text: e.label for e in ents}


@pytest.mark.parametrize(
    ("text", "mention", "label"),
    [
        # nationality words no country list covers: regions, religions, compass + demonym
        ("West African leaders met in Accra on Tuesday.", "West African", "NORP"),
        ("Several South American ministers flew home.", "South American", "NORP"),
        ("European diplomats urged restraint.", "European", "NORP"),
        ("The charity helps Muslim and Hindu families alike.", "Muslim", "NORP"),
        ("The charity helps Muslim and Hindu families alike.", "Hindu", "NORP"),
        ("Many Buddhists gathered at the shrine.", "Buddhists", "NORP"),
        ("The report was translated into English and Welsh.", "English", "NORP"),
        # a known multi-word place at a sentence start keeps its first word
        ("New Zealand beat the visitors by ten points.", "New Zealand", "GPE"),
        ("Hong Kong traders sold shares early.", "Hong Kong", "GPE"),
        # "Center"/"Centre": a place, unless an institution
        ("Engineers at the Marlow Space Center tested the engine.", "Marlow Space Center", "FAC"),
        ("The fair filled the Halden Convention Centre all weekend.", "Halden Convention Centre", "FAC"),
        ("The Center for Coastal Studies issued a warning.", "Center for Coastal Studies", "ORG"),
        ("Doctors at Lakeview Medical Center treated the crew.", "Lakeview Medical Center", "ORG"),
        # romanised Chinese and Korean names
        ("The lawmaker Tam Siu-fung spoke after the vote.", "Tam Siu-fung", "PERSON"),
        ("Reporters questioned Park Min-jae about the transfer.", "Park Min-jae", "PERSON"),
        # titles that were missing
        ("Agency Administrator Helen Brandt announced the launch.", "Helen Brandt", "PERSON"),
    ],
)
def test_label(text: str, mention: str, label: str) -> None:
    assert found(text).get(mention) == label


def test_acronym_of_a_facility_takes_its_label() -> None:
    ents = found("Crews at the Marlow Space Center (MSC) waited. Later MSC reopened.")
    assert ents["Marlow Space Center"] == "FAC"
    assert ents["MSC"] == "FAC"


def test_a_person_of_the_party_is_two_mentions() -> None:
    ents = found("Voters backed Tam Siu-fung of the Liberal Party and Maria Lopez of the Green Party.")
    assert ents == {
        "Tam Siu-fung": "PERSON",
        "Liberal Party": "ORG",
        "Maria Lopez": "PERSON",
        "Green Party": "ORG",
    }


def test_two_bodies_joined_by_and_the() -> None:
    ents = found("Protests hit the Harbour District Council and the Riverside Police Department.")
    assert ents == {"Harbour District Council": "ORG", "Riverside Police Department": "ORG"}
    ents = found("He joined the Bank of England and the Treasury in 2001.")
    assert ents["Bank of England"] == "ORG" and ents["Treasury"] == "ORG"


def test_and_inside_one_name_is_not_split() -> None:
    ents = found("She chaired the Ministry of Science and the Arts until May.")
    assert "Arts" not in ents


@pytest.mark.parametrize(
    "text",
    [
        "I'm sure of it, and I'll say so again.",
        "It's late. That’s all we know.",
        "Supporters shared #SaveTheLibrary all week.",
        "The launch of STS-99 slipped again.",
        "The Oxford-based startup hired staff.",
        "Critics called the plan Kafka-like.",
    ],
)
def test_not_names(text: str) -> None:
    assert not {k: v for k, v in found(text).items() if v in ("ORG", "PERSON", "GPE", "LOC", "FAC")}


def test_single_unknown_word_with_company_context_is_still_org() -> None:
    # evidence in the document: the full name with its suffix
    ents = found("Zorvex Corp. cut 200 jobs. Zorvex said demand had fallen.")
    assert ents["Zorvex Corp"] == "ORG" and ents["Zorvex"] == "ORG"
