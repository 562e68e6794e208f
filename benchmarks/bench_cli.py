"""Benchmark the command line's start: whole processes, each against a bare Python one.

    python benchmarks/bench_cli.py --articles 20000
    python benchmarks/bench_cli.py --articles 20000 --corpus /tmp/c20k --cache /tmp/c20k-cache --before /work/main

Every figure is the median wall time of ``--runs`` fresh processes divided by the median
of ``python -c "import sqlite3"`` (the floor) measured in the same rounds: each round runs
the floor and the command (from each checkout) once in turn, so a burst of load from the
other users of a shared machine lands on the floor and the figure alike, instead of
skewing a floor measured once at the start:

- ``reader --version`` (what loading the command line costs);
- a warm ``reader search`` (index built, corpus unchanged: the walk token holds, so no
  file is looked at), and the same with ``--fresh`` (every file stat'ed, as every search
  did before the token);
- a warm ``reader mentions`` and ``reader list``.

``--before DIR`` runs the same commands with ``PYTHONPATH=DIR`` too (another checkout,
e.g. the code before a change), against the same corpus and index, for a before/after
table from one run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_corpus import Generator, generate  # noqa: E402

Process = tuple[list[str], dict[str, str]]


def walls(processes: dict[str, Process], runs: int) -> dict[str, float]:
    """Median seconds of each process over ``runs`` rounds, each round running every one
    once in turn (one unmeasured round first warms the caches). Each runs in the checkout
    its ``PYTHONPATH`` names: ``python -m`` puts the current folder first on the path,
    which would otherwise pick this checkout's code."""
    times: dict[str, list[float]] = {name: [] for name in processes}
    for round_ in range(runs + 1):
        for name, (argv, env) in processes.items():
            t = time.perf_counter()
            subprocess.run(argv, env=env, capture_output=True, check=True, cwd=env["PYTHONPATH"])
            if round_:
                times[name].append(time.perf_counter() - t)
    return {name: statistics.median(spent) for name, spent in times.items()}


def runs_in(argv: list[str], env: dict[str, str]) -> bool:
    """Whether this checkout knows the command (an older one may lack an option)."""
    return subprocess.run(argv, env=env, capture_output=True, cwd=env["PYTHONPATH"]).returncode == 0


CONSOLE_SCRIPT = "import re, sys\nfrom reader.cli import main\nsys.exit(main())"


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the reader's command-line start.")
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--corpus", type=Path, help="corpus folder (generated here if missing or empty)")
    parser.add_argument("--cache", type=Path, help="index cache folder (kept; a temporary one otherwise)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=7, help="processes per figure (the median is shown)")
    parser.add_argument("--before", type=Path, help="another checkout to measure the same commands with")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-cli-"))
    corpus = args.corpus or work / "corpus"
    if not corpus.exists() or not any(corpus.iterdir()):
        corpus.mkdir(parents=True, exist_ok=True)
        generate(args.articles, corpus, args.seed)
    cache = args.cache or work / "cache"
    checkouts = {"after": HERE.parent}
    if args.before is not None:
        checkouts = {"before": args.before.resolve(), **checkouts}

    def env_for(code: Path) -> dict[str, str]:
        # Compiled bytecode as an installed reader has it (written by the warm-up run, into
        # a folder of this run's, never into a checkout), even where the environment says
        # not to write it: compiling every module each run is no user's start-up.
        env = {**os.environ, "PYTHONPATH": str(code), "READER_CACHE": str(cache)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        return env

    # What the ``reader`` console script runs (pip writes it: ``import re, sys``, then
    # ``from reader.cli import main``), with the checkout on PYTHONPATH; ``python -m
    # reader.cli`` would add runpy's start-up, which no user's ``reader`` pays.
    reader = [sys.executable, "-c", CONSOLE_SCRIPT]
    after = env_for(checkouts["after"])
    started = time.time()
    subprocess.run([*reader, "index", str(corpus)], env=after, capture_output=True, check=True, cwd=HERE.parent)
    # A folder written within two seconds of a walk is not trusted by the walk token: let
    # the corpus settle, then walk once more so the token holds for the figures below.
    time.sleep(max(0.0, started + 2.5 - time.time()))
    subprocess.run([*reader, "index", str(corpus)], env=after, capture_output=True, check=True, cwd=HERE.parent)

    person = Generator(args.seed).people[0].split()[-1]
    commands = {
        "reader --version": ["--version"],
        "warm reader search water": ["search", "water", str(corpus)],
        "warm reader search water --fresh": ["search", "water", str(corpus), "--fresh"],
        f"warm reader mentions {person}": ["mentions", person, str(corpus)],
        "warm reader list": ["list", str(corpus)],
    }
    floor_argv = [sys.executable, "-c", "import sqlite3"]
    rows: list[tuple[str, ...]] = []
    floors: list[float] = []
    for label, argv in commands.items():
        processes: dict[str, Process] = {"floor": (floor_argv, after)}
        for name, code in checkouts.items():
            if runs_in([*reader, *argv], env_for(code)):  # an old checkout may have no --fresh
                processes[name] = ([*reader, *argv], env_for(code))
        seconds = walls(processes, args.runs)
        floor = seconds["floor"]
        floors.append(floor)
        cells = [label, f"{floor * 1000:.0f} ms"]
        for name in checkouts:
            spent = seconds.get(name)
            cells.append("-" if spent is None else f"{spent * 1000:.0f} ms = {spent / floor:.1f}x")
        rows.append(tuple(cells))

    head = ("figure", "floor", *(f"{name} (median of {args.runs})" for name in checkouts))
    width = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    size = f"{args.articles} generated articles" if args.corpus is None else "the corpus"
    print(f"{size} at {corpus}; python {sys.version.split()[0]}")
    print(
        f"floor: python -c 'import sqlite3', {min(floors) * 1000:.0f} to {max(floors) * 1000:.0f} ms (each row's "
        f"median of {args.runs}, run in turn with its figures); each ratio is to its row's floor"
    )
    for r in [head, tuple("-" * w for w in width), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, width, strict=True)))
    if args.cache is None and args.corpus is None:
        shutil.rmtree(work, ignore_errors=True)
    else:
        shutil.rmtree(work / "pycache", ignore_errors=True)


if __name__ == "__main__":
    main()
