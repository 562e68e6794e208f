"""The built-in extractor on small original sentences: every label and every hard case."""

from __future__ import annotations

import pytest

from reader.entities import Entity, extract, get_extractor


def found(text: str) -> dict[str, str]:
    return {e.text: e.label for e in extract(text)}


def check(ents: list[Entity], text: str) -> None:
    last = -1
    for e in ents:
        assert text[e.start : e.end] == e.text
        assert e.start >= last
        last = e.end


@pytest.mark.parametrize(
    ("text", "mention", "label"),
    [
        ("Chancellor Ingrid Holm met farmers in Bavaria on Friday.", "Ingrid Holm", "PERSON"),
        ("Officials in Portugal said the bridge would reopen.", "Portugal", "GPE"),
        ("Norwegian fishermen protested the quota.", "Norwegian", "NORP"),
        ("The Bank of Canada raised rates again.", "Bank of Canada", "ORG"),
        ("Flights were cancelled at Heathrow Airport after the storm.", "Heathrow Airport", "FAC"),
        ("Ships crossed the Sea of Japan overnight.", "Sea of Japan", "LOC"),
        ("Athletes arrived for the Winter Olympics in the mountains.", "Winter Olympics", "EVENT"),
        ("Parliament amended the Clean Water Act in a late session.", "Clean Water Act", "LAW"),
        ("The vote was held on 3 March 2021 in the capital.", "3 March 2021", "DATE"),
        ("The ferry leaves at 7:45 a.m. every weekday.", "7:45 a.m.", "TIME"),
        ("The city borrowed €3.5 billion for new trams.", "€3.5 billion", "MONEY"),
        ("Prices rose 4.2 percent in the year to June.", "4.2 percent", "PERCENT"),
        ("The convoy drove 300 kilometres through the night.", "300 kilometres", "QUANTITY"),
        ("She finished third in the sprint.", "third", "ORDINAL"),
        ("Rescuers found 17 survivors in the rubble.", "17", "CARDINAL"),
    ],
)
def test_every_label(text: str, mention: str, label: str) -> None:
    assert found(text).get(mention) == label


def test_sentence_initial_capitals_are_not_names() -> None:
    text = "However, talks stalled. Fighting continued near Odesa. The mayor resigned."
    got = found(text)
    assert "However" not in got and "Fighting" not in got and "The" not in got
    assert got["Odesa"] == "GPE"


def test_titles_and_roles_split_from_the_name() -> None:
    text = "Canadian Finance Minister Paul Okoro met U.S. Trade Representative Ann Lee in Ottawa."
    got = found(text)
    assert got["Paul Okoro"] == "PERSON" and got["Ann Lee"] == "PERSON"
    assert got["Canadian"] == "NORP" and got["U.S."] == "GPE"
    assert "Finance Minister" not in " ".join(got)


def test_possessives_end_the_mention() -> None:
    got = found("Brazil's Health Ministry said Peru’s border was open.")
    assert got["Brazil"] == "GPE" and got["Peru"] == "GPE"
    assert got["Health Ministry"] == "ORG"


def test_dotted_acronyms_and_initials() -> None:
    got = found("The U.N. envoy spoke with George P. Landry in the U.K. yesterday.")
    assert got["U.N."] == "ORG" and got["U.K."] == "GPE"
    assert got["George P. Landry"] == "PERSON"
    assert got["yesterday"] == "DATE"


def test_hyphens_and_apostrophes_in_names() -> None:
    got = found("Jean-Luc O'Connell visited Stoke-on-Trent with Secretary-General Amina Diallo.")
    assert got["Jean-Luc O'Connell"] == "PERSON"
    assert got["Amina Diallo"] == "PERSON"


def test_names_from_many_languages() -> None:
    got = found("Foreign Minister Oleksandra Hnatyuk visited Kharkiv and Zaporizhzhia.")
    assert got["Oleksandra Hnatyuk"] == "PERSON"
    assert got["Kharkiv"] == "GPE"


def test_organisations_with_and_without_suffixes() -> None:
    got = found("The French Ministry of Culture and Reuters reported it, as did NATO.")
    assert got["French Ministry of Culture"] == "ORG"
    assert got["Reuters"] == "ORG" and got["NATO"] == "ORG"


def test_numbers_and_amounts() -> None:
    got = found("Up to 2,000 people in 35 countries lost $90 million, a 12 percent drop.")
    assert got["Up to 2,000"] == "CARDINAL"
    assert got["35"] == "CARDINAL"
    assert got["$90 million"] == "MONEY"
    assert got["12 percent"] == "PERCENT"


def test_relative_dates() -> None:
    got = found("The plan, agreed last month, was signed late on May 2 and revised last year.")
    assert got["last month"] == "DATE" and got["May 2"] == "DATE" and got["last year"] == "DATE"
    assert "May" not in found("He said they may leave.")


def test_surname_takes_the_full_name_key_and_label() -> None:
    text = "Governor Teresa Alvarado toured Austin. Later, Alvarado said the dam held."
    ents = [e for e in extract(text) if e.text == "Alvarado"]
    assert ents and ents[0].label == "PERSON" and ents[0].key == "Teresa Alvarado"


def test_surname_beats_a_place_of_the_same_name() -> None:
    text = "Coach Paul Austin praised the team. Austin said the season was long."
    ents = [e for e in extract(text) if e.text == "Austin"]
    assert ents[0].label == "PERSON" and ents[0].key == "Paul Austin"


def test_acronym_takes_its_expansion_key() -> None:
    text = "The Coastal Fisheries Board (CFB) met on Monday. The CFB later closed the bay."
    ents = [e for e in extract(text) if e.text == "CFB"]
    assert all(e.key == "Coastal Fisheries Board" and e.label == "ORG" for e in ents)


def test_alias_table_shares_keys() -> None:
    text = (
        "The U.S. and the US and America and the United States. "
        "The UN, the U.N. and the United Nations. Britain and the UK."
    )
    keys = {e.text: e.key for e in extract(text)}
    assert keys["U.S."] == keys["US"] == keys["America"] == keys["United States"] == "United States"
    assert keys["UN"] == keys["U.N."] == keys["United Nations"] == "United Nations"
    assert keys["Britain"] == keys["UK"] == "United Kingdom"


def test_keys_drop_the_and_possessive() -> None:
    from reader.entities.keys import canonical

    assert canonical("the Red Cross") == "Red Cross"
    assert canonical("Kenya’s") == "Kenya"


def test_offsets_index_the_whole_text_and_never_cross_paragraphs() -> None:
    text = " date 2022-01-05 \nHeadline About Lima\n\nPresident Rosa Quispe spoke in Lima\n\nCusco on Tuesday."
    paragraphs = [(18, 37), (39, 74), (76, len(text))]
    ents = extract(text, paragraphs)
    check(ents, text)
    for e in ents:
        assert any(s <= e.start and e.end <= end for s, end in paragraphs)
    assert not any("Lima\n\nCusco" in e.text for e in ents)
    assert any(e.text == "Rosa Quispe" for e in ents)


def test_paragraphs_default_to_blank_line_split_and_accept_spans() -> None:
    from reader.articles import Span

    text = "Oslo is cold.\n\nBergen is wet."
    assert [e.text for e in extract(text)] == ["Oslo", "Bergen"]
    assert [e.text for e in extract(text, [Span(0, 13)])] == ["Oslo"]


def test_extractor_is_loaded_once() -> None:
    assert get_extractor() is get_extractor("builtin")


def test_entity_to_json() -> None:
    e = Entity(1, 5, "GPE", "Oslo", "Oslo")
    assert e.to_json() == {"start": 1, "end": 5, "label": "GPE", "text": "Oslo", "key": "Oslo"}


def test_unknown_backend_is_a_usage_error() -> None:
    from reader.errors import UsageError

    with pytest.raises(UsageError):
        get_extractor("nonsense")


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Delegates in Lisbon adopted the Tagus Basin Water Compact on Friday.", "Tagus Basin Water Compact"),
        ("Both sides said the Kestrel Bay Fisheries Agreement would be renewed.", "Kestrel Bay Fisheries Agreement"),
        ("The court cited the Declaration of Coastal Rights in its ruling.", "Declaration of Coastal Rights"),
    ],
)
def test_compacts_agreements_and_declarations_are_laws(text: str, mention: str) -> None:
    """A treaty by any of its names is a LAW, as OntoNotes marks it, not a person or a
    company: "Compact", "Agreement" and "Declaration" head a name as "Treaty" does."""
    assert found(text).get(mention) == "LAW"


def test_a_name_before_a_noun_of_land_or_water_is_a_location() -> None:
    """ "the Ostravka valley" is a LOC, as "the Ostravka region" is a GPE: the lower-case
    noun after an unknown single name says which kind of place it is."""
    got = found("Farmers in the Ostravka valley asked for help; the Merrow region did too.")
    assert got.get("Ostravka") == "LOC" and got.get("Merrow") == "GPE"
    got = found("Barges on the Tavish river waited while the Pellan delta flooded.")
    assert got.get("Tavish") == "LOC" and got.get("Pellan") == "LOC"
