"""How long one `reader note add` takes, and how the store's lock behaves under contention.

Every figure is printed beside a floor measured in the same run (`python -c pass` for a
whole process; one bare fsync'd atomic write for an in-process operation), so numbers from
different machines can be compared as ratios.

    python benchmarks/bench_store.py [--runs 20] [--writers 6] [--notes 20]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ARTICLE = """ date 2022-04-26
title: Benchmark article

First paragraph of the benchmark article, long enough to make a realistic quote for an anchor.

Second paragraph.
"""

WRITER = """
import json, sys, time
from pathlib import Path
from reader.articles import load_file
from reader.store import Store
store_path, article_path, count, start_at = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
[article], _ = load_file(Path(article_path))
store = Store.open(Path(store_path))
while time.time() < start_at:
    time.sleep(0.001)
waits, ops = [], []
for i in range(count):
    t = time.perf_counter()
    store.add_note(article, 0, f"note {i}")
    ops.append(time.perf_counter() - t)
    waits.append(store.last_lock_wait)
print(json.dumps({"waits": waits, "ops": ops}))
"""


PYCACHE = tempfile.mkdtemp(prefix="bench-pycache-")


def _env() -> dict[str, str]:
    """Byte code cached (as in a real install) but outside the source tree."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONPYCACHEPREFIX": PYCACHE}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def time_command(argv: list[str], runs: int) -> list[float]:
    subprocess.run(argv, check=True, env=_env(), stdout=subprocess.DEVNULL)  # warm: byte code, disk cache
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, env=_env(), stdout=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return samples


def ms(value: float) -> str:
    return f"{value * 1000:8.1f}"


def row(name: str, samples: list[float], floor: float) -> str:
    median = statistics.median(samples)
    return f"| {name:<44} | {ms(median)} | {ms(min(samples))} | {ms(max(samples))} | {median / floor:6.1f}x |"


def seed(store_path: Path, article_path: Path, notes: int) -> None:
    from reader.articles import load_file
    from reader.store import Store
    from reader.store.model import now_iso

    [article], _ = load_file(article_path)
    store = Store.open(store_path)
    if notes:
        # One write with many notes, not `notes` writes: seeding is not what is measured.
        from dataclasses import replace

        from reader.store import fileio
        from reader.store.store import encode

        template = store.add_note(article, 0, "seed")
        data = store._data.copy()  # noqa: SLF001 - benchmark setup
        data.notes = [
            replace(template, id=f"{i:012x}", created=now_iso(), text=f"seed note {i} " * 5) for i in range(notes)
        ]
        fileio.atomic_write(store_path, encode(data))


def in_process(store_path: Path, article_path: Path, runs: int) -> list[float]:
    from reader.articles import load_file
    from reader.store import Store

    [article], _ = load_file(article_path)
    store = Store.open(store_path)
    samples = []
    for i in range(runs):
        start = time.perf_counter()
        store.add_note(article, 0, f"bench {i}")
        samples.append(time.perf_counter() - start)
    return samples


def bare_write_floor(folder: Path, runs: int) -> list[float]:
    from reader.store import fileio

    target = folder / "floor.json"
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fileio.atomic_write(target, b"{}\n")
        samples.append(time.perf_counter() - start)
    return samples


def contention(folder: Path, article_path: Path, writers: int, notes: int) -> dict[str, float]:
    store_path = folder / "contended.json"
    start_at = time.time() + 1.0  # every writer imported and waiting before the gun
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(store_path), str(article_path), str(notes), str(start_at)],
            stdout=subprocess.PIPE,
            text=True,
            env=_env(),
        )
        for _ in range(writers)
    ]
    results = []
    for proc in procs:
        out, _ = proc.communicate(timeout=300)
        results.append(json.loads(out))
    total = time.time() - start_at
    from reader.store import Store

    saved = len(Store.open(store_path).notes())
    waits = [w for r in results for w in r["waits"]]
    ops = [o for r in results for o in r["ops"]]
    return {
        "total": total,
        "max_wait": max(waits),
        "median_wait": statistics.median(waits),
        "max_op": max(ops),
        "median_op": statistics.median(ops),
        "saved": saved,
        "expected": writers * notes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--writers", type=int, default=6)
    parser.add_argument("--notes", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        article_path = folder / "article.txt"
        article_path.write_text(ARTICLE)
        small, large = folder / "small.json", folder / "large.json"
        seed(small, article_path, 0)
        seed(large, article_path, 1000)

        cli = [sys.executable, "-m", "reader.cli", "note", "add", str(article_path), "--text", "bench"]
        floor_samples = time_command([sys.executable, "-c", "pass"], args.runs)
        floor = statistics.median(floor_samples)
        print(f"## whole process ({args.runs} runs each; ms)\n")
        print("| command | median | min | max | / floor |")
        print("| --- | ---: | ---: | ---: | ---: |")
        print(row("python -c pass (floor)", floor_samples, floor))
        print(
            row(
                "python -c 'import reader.cli'",
                time_command([sys.executable, "-c", "import reader.cli"], args.runs),
                floor,
            )
        )
        imports = "import reader.cli as c; c.build_parser()"
        print(
            row(
                "import reader.cli + every command module",
                time_command([sys.executable, "-c", imports], args.runs),
                floor,
            )
        )
        print(
            row(
                "import reader.store + its commands only",
                time_command(
                    [
                        sys.executable,
                        "-c",
                        "import reader.commands.note, reader.commands.bookmark, reader.commands.export",
                    ],
                    args.runs,
                ),
                floor,
            )
        )
        print(row("reader note add (store with 1 note)", time_command([*cli, "--store", str(small)], args.runs), floor))
        print(
            row(
                "reader note add (store with 1000 notes)", time_command([*cli, "--store", str(large)], args.runs), floor
            )
        )

        write_samples = bare_write_floor(folder, args.runs)
        write_floor = statistics.median(write_samples)
        print(f"\n## in process (Store.add_note, {args.runs} runs each; ms)\n")
        print("| operation | median | min | max | / floor |")
        print("| --- | ---: | ---: | ---: | ---: |")
        print(row("bare atomic write of '{}' (floor)", write_samples, write_floor))
        print(row("add_note, store with ~20 notes", in_process(small, article_path, args.runs), write_floor))
        print(row("add_note, store with ~1000 notes", in_process(large, article_path, args.runs), write_floor))

        result = contention(folder, article_path, args.writers, args.notes)
        print(f"\n## contention: {args.writers} processes x {args.notes} notes, started together\n")
        print(
            f"- total wall time: {result['total'] * 1000:.0f} ms "
            f"({result['total'] * 1000 / result['expected']:.1f} ms per note)"
        )
        print(
            f"- lock wait per note: median {result['median_wait'] * 1000:.1f} ms, "
            f"max {result['max_wait'] * 1000:.1f} ms"
        )
        print(f"- add_note call: median {result['median_op'] * 1000:.1f} ms, max {result['max_op'] * 1000:.1f} ms")
        print(f"- notes saved: {result['saved']} of {result['expected']}")


if __name__ == "__main__":
    main()
