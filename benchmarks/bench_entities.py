"""Speed, load time and memory of the built-in entity extractor.

Prints a table. Each speed is also given as a ratio to a floor measured in the same run
(a bare ``re.findall(r"\\w+")`` tokenisation of the same text), so figures from different
machines can be compared. Run: ``python benchmarks/bench_entities.py [--size CHARS]``.

The text is generated from original template sentences with varied names, places, dates
and amounts, so no corpus is needed.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TEMPLATES = [
    "{title} {first} {last} told reporters in {city} on {day} that talks with {org} would resume {rel}.",
    "However, {nat} officials said about {n} people had left {city} since {month} {date}.",
    "The {org} said it would lend {country} ${m} million, a rise of {p} percent on {rel2}.",
    "{last} said the {nat} army had moved {n} troops toward {city}, according to {agency}.",
    "Fighting continued late on {month} {date} near {city}, where {n} homes were damaged.",
    "In a statement, {country}'s Foreign Ministry urged calm and said {last} would visit {city} {rel}.",
]
FILL = {
    "title": ["President", "Foreign Minister", "Defense Secretary", "Governor", "Mayor"],
    "first": ["Ana", "Dmytro", "Lloyd", "Amina", "Kenji", "Sergei", "Maria", "Tomas"],
    "last": ["Okafor", "Lindqvist", "Haddad", "Moreno", "Petrenko", "Tanaka", "Walsh"],
    "city": ["Kyiv", "Nairobi", "Lima", "Osaka", "Mariupol", "Hamburg", "Toronto", "Accra"],
    "country": ["Ukraine", "Kenya", "Peru", "Japan", "Germany", "Canada", "Ghana"],
    "nat": ["Ukrainian", "Kenyan", "Peruvian", "Japanese", "German", "Canadian"],
    "org": ["United Nations", "World Bank", "Ministry of Health", "Red Cross", "IMF"],
    "agency": ["Reuters", "AFP", "the BBC"],
    "day": ["Monday", "Tuesday", "Friday"],
    "month": ["January", "April", "September", "November"],
    "rel": ["next week", "later this month", "next year"],
    "rel2": ["last year", "the previous quarter"],
}


def generate(size: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    paras: list[str] = []
    total = 0
    while total < size:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            values = {k: rng.choice(v) for k, v in FILL.items()}
            values.update(
                n=f"{rng.randint(2, 9000):,}", m=rng.randint(5, 900), p=rng.randint(1, 60), date=rng.randint(1, 28)
            )
            sentences.append(rng.choice(TEMPLATES).format(**values))
        para = " ".join(sentences)
        paras.append(para)
        total += len(para) + 2
    return "\n\n".join(paras)


def memory_added() -> tuple[float, float]:
    """(traced MB, peak-RSS MB) that loading the extractor adds, in a fresh process
    (tracemalloc slows loading, so load time is measured separately, without it)."""
    code = (
        "import resource, sys, tracemalloc; sys.path.insert(0, sys.argv[1]);"
        "import reader.articles;"  # the Article layer is loaded anyway in the reader
        "r0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; tracemalloc.start();"
        "from reader.entities import get_extractor; get_extractor();"
        "cur = tracemalloc.get_traced_memory()[0]; tracemalloc.stop();"
        "print(cur / 2**20, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - r0) / 1024)"
    )
    root = str(Path(__file__).resolve().parent.parent)
    out = subprocess.run([sys.executable, "-c", code, root], capture_output=True, text=True, check=True)
    traced, rss = out.stdout.split()
    return float(traced), float(rss)


def best_of(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2_000_000, help="characters of generated text")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    start = time.perf_counter()
    from reader.entities import get_extractor

    extractor = get_extractor()
    load_s = time.perf_counter() - start
    traced_mb, rss_mb = memory_added()

    text = generate(args.size)
    n_entities = len(extractor.extract(text))

    # The extractor remembers what recurring name runs became; a warm memo would make a
    # repeat over the same text unfairly fast, so every timed run starts cold.
    from reader.entities import builtin, keys

    def cold(names_only: bool = False) -> None:
        for cached in (keys.normalise, keys.canonical):
            cached.cache_clear()
        builtin.BuiltinExtractor(extractor.gaz).extract(text, names_only=names_only)  # type: ignore[attr-defined]

    ext_s = best_of(cold, args.repeat)
    names_s = best_of(lambda: cold(names_only=True), args.repeat)
    floor_s = best_of(lambda: re.findall(r"\w+", text), args.repeat)
    ext_rate, floor_rate = len(text) / ext_s, len(text) / floor_s
    names_rate = len(text) / names_s

    rows = [
        ("text", f"{len(text):,} chars, {n_entities:,} entities", ""),
        ("floor: re.findall(r'\\w+')", f"{floor_rate:,.0f} chars/s", "1.000"),
        ("builtin extractor (cold memo)", f"{ext_rate:,.0f} chars/s", f"{ext_rate / floor_rate:.4f}"),
        ("  names only (what the index runs)", f"{names_rate:,.0f} chars/s", f"{names_rate / floor_rate:.4f}"),
        ("load (import + gazetteers)", f"{load_s * 1000:.0f} ms", "target < 200 ms"),
        ("memory added (tracemalloc)", f"{traced_mb:.1f} MB", "target <= 60 MB"),
        ("memory added (peak RSS delta)", f"{rss_mb:.1f} MB", "target <= 60 MB"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':<34} ratio/target")
    for name, value, ratio in rows:
        print(f"{name:<{width}}  {value:<34} {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
