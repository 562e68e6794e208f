"""The shipped place list never re-keys a mention to another place.

An alternative name ("Kiyev" -> "Kyiv") is only safe when nothing else goes by it: the
ancient "Philadelphia" of Amman or the "White House" gloss of Casablanca once sent the US
city and the US president's office to the Middle East and Morocco.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from reader.entities import extract
from reader.entities.gazetteers import load
from reader.entities.lexicon import ALIASES

ROOT = Path(__file__).resolve().parents[2]


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_gazetteers", ROOT / "scripts" / "build_gazetteers.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_alternative_name_is_another_places_main_name() -> None:
    places = load().places
    main_names = {key for _, key in places.values()}
    jumps = [(name, key) for name, (_, key) in places.items() if name != key and name in main_names]
    assert jumps == []


def test_no_alternative_name_is_a_given_name() -> None:
    gaz = load()
    given = [(name, key) for name, (_, key) in gaz.places.items() if name != key and name in gaz.first_names]
    assert given == []


def test_shipped_places_are_already_clean() -> None:
    gaz = load()
    script = _build_script()
    common = set(gaz.common_words) | set(gaz.stop_words)
    assert script.clean_aliases(dict(gaz.places), common, set(gaz.first_names)) == gaz.places


def test_clean_aliases_drops_phrases_main_names_and_given_names() -> None:
    script = _build_script()
    found = {
        "Amman": ("GPE", "Amman"),
        "Philadelphia": ("GPE", "Philadelphia"),
        "Filadelfia": ("GPE", "Amman"),
        "Casablanca": ("GPE", "Casablanca"),
        "Green Palace": ("GPE", "Casablanca"),
        "Ludo": ("GPE", "Casablanca"),
        "Republic of Ruritania": ("GPE", "Ruritania"),
        "Ruritania": ("GPE", "Ruritania"),
    }
    found["Philadelphia"] = ("GPE", "Philadelphia")
    found["Amman"] = ("GPE", "Amman")
    cleaned = script.clean_aliases({**found, "Ammaan": ("GPE", "Philadelphia")}, {"green", "palace"}, {"Ludo"})
    assert "Green Palace" not in cleaned  # an ordinary phrase
    assert "Ludo" not in cleaned  # a given name
    assert cleaned["Philadelphia"] == ("GPE", "Philadelphia") and cleaned["Amman"] == ("GPE", "Amman")
    assert cleaned["Republic of Ruritania"] == ("GPE", "Ruritania")  # official-name words are fine
    assert cleaned["Filadelfia"] == ("GPE", "Amman")
    assert cleaned["Ammaan"] == ("GPE", "Philadelphia")  # a spelling nothing else goes by
    # the same alternative spelled as another place's main name is dropped
    assert "Amman" not in script.clean_aliases({"Amman": ("GPE", "Philadelphia"), "X": ("GPE", "Amman")}, set(), set())


def test_hand_kept_aliases_keep_their_own_place() -> None:
    places = load().places
    for form, (label, key) in ALIASES.items():
        if label != "GPE":
            continue
        for spelled in (form, form.title(), form.upper()):
            if spelled in places and spelled != key:
                assert places[spelled][1] == key, f"{spelled!r} is the place {places[spelled][1]!r}, alias says {key!r}"


def test_buildings_and_cities_keep_their_names_in_text() -> None:
    text = (
        "The White House said on Monday that officials in Philadelphia and Amman would meet. "
        "Reporters in Casablanca waited."
    )
    keys = {e.text: (e.label, e.key) for e in extract(text)}
    assert keys["White House"] == ("ORG", "White House")
    assert keys["Philadelphia"] == ("GPE", "Philadelphia")
    assert keys["Amman"] == ("GPE", "Amman")
    assert keys["Casablanca"] == ("GPE", "Casablanca")
