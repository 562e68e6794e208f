"""Generate a realistic, deterministic corpus for benchmarks.

    python benchmarks/gen_corpus.py 100000 /tmp/corpus100k --seed 1

Articles of 1 to 5 kB in the plain format (`` date YYYY-MM-DD `` then ``title:`` then
paragraphs), in year/month folders, dated over several years. People, organisations and
places come from a pool of a few hundred names drawn with Zipf-like frequencies, so a few
names are everywhere and most are rare, as in real news; sentences carry money, percent
and date expressions so the entity extractor does its full work. The same N and seed
always give the same files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
from pathlib import Path

FIRST = [
    "Antonio", "Maria", "Li", "Wei", "Amara", "Lukas", "Mei-Lin", "Fatima", "Henrik", "Carlos", "Ana", "Kenji", "Olga",
    "Ravi", "Sofia", "David", "Nadia", "Tomás", "Ingrid", "Kwame", "Elena", "Omar", "Priya", "Jonas", "Leila", "Marco",
    "Yuki", "Samuel", "Irina", "Ahmed", "Clara",
]  # fmt: skip
LAST = [
    "Guterres", "Okonkwo", "Brandt", "Zhou", "Al-Mansouri", "Solberg", "Echeverría", "Ramos", "Tanaka", "Petrova",
    "Sharma", "Lindqvist", "Mensah", "Rossi", "Haddad", "Novak", "Costa", "Nakamura", "Okafor", "Keller", "Moreau",
    "Ivanova", "Patel", "Berg", "Dubois", "Santos", "Fischer", "Kowalski", "Adeyemi", "Larsen",
]  # fmt: skip
ORG_HEADS = [
    "Global Water Alliance", "International Monetary Fund", "World Bank", "United Nations", "European Commission",
    "Asian Development Bank", "World Health Organization", "Kestrel Aerospace", "Meridian Energy", "Nordvind Power",
    "African Union", "Red Cross", "Halcyon Mining", "Atlas Shipping", "Orion Telecom", "Helix Pharma", "Summit Capital",
    "Blue River Foods", "Vantage Motors", "Cobalt Labs",
]  # fmt: skip
ORG_SUFFIX = ("Group", "Holdings", "Institute", "Council", "Foundation", "Bank", "Partners", "Agency")
PLACES = [
    "Geneva", "Chile", "Santiago", "Germany", "Norway", "Kenya", "Nairobi", "India", "New Delhi", "Ghana", "Accra",
    "Brazil", "Japan", "Tokyo", "France", "Paris", "Egypt", "Cairo", "Ethiopia", "Sudan", "Mexico", "Canada", "Ottawa",
    "Australia", "Sydney", "Peru", "Lima", "Spain", "Madrid", "Italy", "Rome", "Poland", "Warsaw", "Turkey", "Ankara",
    "Vietnam", "Hanoi", "Indonesia", "Jakarta", "Nigeria", "Lagos", "South Africa", "Morocco", "Argentina", "Colombia",
    "Bogotá", "Sweden", "Finland", "Denmark", "Portugal", "Greece", "Athens", "United States", "China", "Beijing",
    "Russia", "Moscow", "Ukraine", "Kyiv", "Rotterdam", "Antofagasta", "Bolivia",
]  # fmt: skip
TOPICS = (
    "water",
    "trade",
    "energy",
    "health",
    "mining",
    "shipping",
    "climate",
    "elections",
    "budget",
    "drought",
    "vaccines",
    "satellites",
    "wind farms",
    "copper",
    "lithium",
    "ports",
    "railways",
    "wages",
    "inflation",
)
VERBS = ("announced", "warned", "said", "confirmed", "denied", "proposed", "rejected", "welcomed", "criticised")
FILLER = (
    "officials said the plan would be reviewed before the end of the quarter",
    "analysts expect further details in the coming weeks",
    "the decision follows months of negotiations between the parties",
    "critics argued that the measures do not go far enough",
    "the figures were published in a report on the sector",
    "several ministers attended the meeting behind closed doors",
    "local groups have called for more transparency in the process",
    "the agreement still needs to be ratified by national parliaments",
)
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
]  # fmt: skip


def zipf_pool(items: list[str], rng: random.Random) -> tuple[list[str], list[float]]:
    shuffled = items[:]
    rng.shuffle(shuffled)
    return shuffled, [1.0 / (rank + 1) ** 1.05 for rank in range(len(shuffled))]


class Generator:
    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)
        people = sorted({f"{first} {last}" for first in FIRST for last in LAST})
        rng.shuffle(people)
        orgs = ORG_HEADS + [f"{last} {suffix}" for last in LAST[:20] for suffix in ORG_SUFFIX[:4]]
        self.people, self.people_w = zipf_pool(people[:300], rng)
        self.orgs, self.orgs_w = zipf_pool(orgs, rng)
        self.places, self.places_w = zipf_pool(list(PLACES), rng)
        self.start = dt.date(2019, 1, 1)
        self.days = (dt.date(2025, 12, 31) - self.start).days

    def article(self, rng: random.Random) -> tuple[dt.date, str]:
        day = self.start + dt.timedelta(days=rng.randrange(self.days))
        people = rng.choices(self.people, self.people_w, k=3)
        orgs = rng.choices(self.orgs, self.orgs_w, k=2)
        places = rng.choices(self.places, self.places_w, k=3)
        topic = rng.choice(TOPICS)
        title = f"{orgs[0]} and {places[0]} agree on {topic} plan as {people[0].split()[-1]} {rng.choice(VERBS)} delay"
        target = rng.randint(1000, 5000)
        paragraphs: list[str] = []
        size = 0
        first_mention = True
        while size < target:
            person = rng.choice(people)
            # Short-circuit as before: rng.random() is drawn only after the first mention.
            person_ref = person.split()[-1] if not first_mention and rng.random() < 0.5 else person
            first_mention = False
            sentences = [
                f"{person_ref} of the {rng.choice(orgs)} {rng.choice(VERBS)} on {rng.choice(MONTHS)} "
                f"{rng.randint(1, 28)} that {rng.choice(places)} would commit ${rng.randint(2, 900)} million "
                f"to {topic} projects.",
                f"The {rng.choice(orgs)} said output in {rng.choice(places)} "
                f"rose {rng.randint(1, 40)}.{rng.randint(0, 9)} percent in {day.year - rng.randint(0, 2)}, "
                f"while {rng.choice(FILLER)}.",
                f"In {rng.choice(places)}, {rng.choice(FILLER)}; {rng.choice(people)} {rng.choice(VERBS)} the move.",
                f"{rng.choice(FILLER).capitalize()}, and {rng.randint(3, 120)} delegations from "
                f"{rng.choice(places)} took part.",
            ]
            rng.shuffle(sentences)
            paragraph = " ".join(sentences[: rng.randint(2, 4)])
            paragraphs.append(paragraph)
            size += len(paragraph) + 2
        text = f" date {day.isoformat()} \ntitle: {title}\n\n" + "\n\n".join(paragraphs) + "\n"
        return day, text


def generate(count: int, out: Path, seed: int = 1) -> int:
    """Write ``count`` articles under ``out``; returns the bytes written."""
    gen = Generator(seed)
    rng = random.Random(seed * 7919 + 17)
    total = 0
    made: set[str] = set()
    for number in range(count):
        day, text = gen.article(rng)
        folder = out / f"{day.year}" / f"{day.month:02d}"
        key = str(folder)
        if key not in made:
            folder.mkdir(parents=True, exist_ok=True)
            made.add(key)
        data = text.encode("utf-8")
        with open(os.path.join(key, f"{day.isoformat()}-{number:06d}.txt"), "wb") as handle:
            handle.write(data)
        total += len(data)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of articles")
    parser.add_argument("out", type=Path, help="output folder (created)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    total = generate(args.count, args.out, args.seed)
    print(f"wrote {args.count} articles, {total / 1e6:.1f} MB, to {args.out}")


if __name__ == "__main__":
    main()
