"""Benchmark the corpus index and print a table of figures, each with a floor from the same run.

    python benchmarks/bench_index.py --articles 10000
    python benchmarks/bench_index.py --articles 100000 --corpus /tmp/c100k --keep
    python benchmarks/bench_index.py --articles 100000 --corpus /tmp/c100k --builds 3 --before ../old

Machines and neighbours vary, so every figure is printed next to a floor measured in the
same run, and the ratio is what to compare between runs:

- cold build (articles/s, MB/s, entity extraction included) vs. a plain read of every file;
- warm start (a fresh process: open the index and ``rows()``) vs. a fresh process that
  only starts Python; its peak RSS vs. that bare process's;
- a no-change ``update()`` vs. the bare corpus walk (``iter_article_paths``);
- search and mentions p50/p95 vs. a trivial ``SELECT 1`` on the same database.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from gen_corpus import Generator, generate  # noqa: E402

from reader.articles.scan import iter_article_paths  # noqa: E402
from reader.index import CorpusIndex  # noqa: E402

WARM = """
import json, sys, time
t = time.perf_counter()
from reader.index import CorpusIndex
index = CorpusIndex.open(__import__("pathlib").Path(sys.argv[1]), __import__("pathlib").Path(sys.argv[2]))
rows = index.rows()
took = time.perf_counter() - t
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
print(json.dumps({"seconds": took, "rows": len(rows), "rss_mb": int(hwm) / 1024}))
"""
BUILD = """
import json, pathlib, sys, time
from reader.index import CorpusIndex
index = CorpusIndex.open(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]))
t = time.perf_counter()
report = index.update(batch=500)
print(json.dumps({"seconds": time.perf_counter() - t, "added": report.added}))
"""
# Peak RSS from /proc (VmHWM): ru_maxrss survives exec on Linux and would report the
# parent's peak. Linux only, like resource.
BARE = """
import json, time
t = time.perf_counter()
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
print(json.dumps({"seconds": time.perf_counter() - t, "rss_mb": int(hwm) / 1024}))
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def timed(fn: Callable[[], object], repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def child(code: str, *args: str, tree: Path = HERE.parent) -> tuple[float, dict[str, float]]:
    """Run ``code`` in a fresh Python importing ``reader`` from ``tree``; its JSON output."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True)
    return time.perf_counter() - t, json.loads(proc.stdout)


def queries(gen: Generator) -> list[tuple[str, str]]:
    """The query mix, each with its kind (for the per-kind table)."""
    p, o, pl = gen.people, gen.orgs, gen.places
    top, mid, rare = p[0].split()[-1], p[40], p[250]
    return [
        ("words", "water"),
        ("words", "copper prices"),
        ("words", "delegations"),
        ("words", "inflation budget"),
        ("words", "nonexistentword"),
        ("prefix", "wat"),
        ("words", f"{mid.split()[-1].lower()} wind"),
        ("phrase", '"water projects"'),
        ("phrase", '"behind closed doors"'),
        ("phrase", '"national parliaments" ratified'),
        ("entity", f"person:{top}"),
        ("entity", f'person:"{mid}"'),
        ("entity", f'person:"{rare}"'),
        ("entity", f'org:"{o[0]}"'),
        ("entity", f"place:{pl[0]}"),
        ("entity", f'place:"{pl[20]}"'),
        ("date", "@2023-04"),
        ("date", "@2021..2022"),
        ("date", "@2024-02-01..2024-02-15"),
        ("mixed", f"water person:{top} @2022"),
        ("mixed", f'trade place:"{pl[1]}" -@2020'),
        ("mixed", f'"water projects" org:"{o[3]}" @2023'),
        ("exclusion", f"-water place:{pl[0]} @2023-01..2023-06"),
        ("exclusion", f'entity:"{o[1]}" -person:{top}'),
        ("exclusion", "mining -copper @2024"),
        ("store", "is:unread water"),
        ("store", "has:note"),
    ]


class NoStore:
    """A store with nothing in it, so ``is:``/``has:`` queries run their full path."""

    def is_bookmarked(self, article_id: str) -> bool:
        return False

    def is_read(self, article_id: str) -> bool:
        return False

    def notes_for(self, article_id: str) -> list[object]:
        return []


def stats(values: list[float]) -> str:
    return f"p50 {percentile(values, 0.5) * 1000:.1f} ms, p95 {percentile(values, 0.95) * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the corpus index.")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--corpus", type=Path, help="corpus folder (generated here if missing or empty)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus and cache")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over the query mix")
    parser.add_argument("--cache", type=Path, help="index cache folder to use (and keep) instead of a temporary one")
    parser.add_argument(
        "--builds",
        type=int,
        default=0,
        help="also time this many cold builds, each in a fresh process into a fresh cache, "
        "each after its own read floor (the machine's speed drifts): median and range",
    )
    parser.add_argument(
        "--before",
        type=Path,
        help="with --builds: another checkout (the code before a change) whose cold builds "
        "are timed in turn with this one's on the same corpus, and the speed-up printed",
    )
    parser.add_argument(
        "--skip-build",
        action="store_true",
        help="reuse the index already in --cache: skip the cold build, update and warm start; measure latency only",
    )
    args = parser.parse_args()
    if args.skip_build and args.cache is None:
        parser.error("--skip-build needs --cache")

    work = Path(tempfile.mkdtemp(prefix="bench-index-"))
    corpus = args.corpus or work / "corpus"
    made = False
    if not corpus.exists() or not any(corpus.iterdir()):
        corpus.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        generate(args.articles, corpus, args.seed)
        made = True
        print(f"generated {args.articles} articles in {time.perf_counter() - t:.1f}s", file=sys.stderr)
    cache = args.cache or work / "cache"
    rows: list[tuple[str, str, str, str]] = []

    index = CorpusIndex.open(corpus, cache)
    n = index.count()
    paths: list[Path] = []
    mb = sum(f.stat().st_size for f in corpus.rglob("*") if f.is_file()) / 1e6 if args.skip_build else 0.0
    if not args.skip_build:
        # Floors.
        walk_s = min(timed(lambda: paths.__setitem__(slice(None), list(iter_article_paths(corpus, []))), 2))
        total_bytes = 0

        def read_all() -> None:
            nonlocal total_bytes
            total_bytes = sum(len(p.read_bytes()) for p in paths)

        read_s = min(timed(read_all, 2))
        mb = total_bytes / 1e6

        # Cold build; when its list and full text are complete (its entities follow).
        t = time.perf_counter()
        listed: list[float] = []

        def note_phase(step: object) -> None:
            if getattr(step, "phase", "files") == "entities" and not listed:
                listed.append(time.perf_counter() - t)

        report = index.update(batch=500, progress=note_phase)
        build_s = time.perf_counter() - t
        n = report.added
        rows.append(
            (
                "cold build",
                f"{n / build_s:,.0f} articles/s, {mb / build_s:.1f} MB/s ({build_s:.1f}s)",
                f"plain read of every file: {read_s:.2f}s",
                f"{build_s / read_s:.0f}x",
            )
        )
        list_s = listed[0] if listed else build_s
        rows.append(
            (
                "cold build: list and search complete",
                f"after {list_s:.1f}s (entities then follow)",
                f"plain read of every file: {read_s:.2f}s",
                f"{list_s / read_s:.0f}x",
            )
        )

        if args.builds > 0:
            trees = {"this checkout": HERE.parent}
            if args.before is not None:
                trees = {"before": args.before.resolve(), **trees}
            rates: dict[str, list[float]] = {name: [] for name in trees}
            ratios: dict[str, list[float]] = {name: [] for name in trees}
            for _ in range(args.builds):
                for name, tree in trees.items():  # taken in turn: the machine's drift hits both alike
                    floor_s = min(timed(read_all, 2))
                    fresh = Path(tempfile.mkdtemp(prefix="build-", dir=work))
                    _, built = child(BUILD, str(corpus), str(fresh), tree=tree)
                    shutil.rmtree(fresh, ignore_errors=True)
                    rates[name].append(built["added"] / built["seconds"])
                    ratios[name].append(built["seconds"] / floor_s)
            for name in trees:
                ordered = sorted(rates[name])
                rows.append(
                    (
                        f"cold build, {args.builds} fresh processes" + ("" if len(trees) == 1 else f", {name}"),
                        f"median {percentile(ordered, 0.5):,.0f} articles/s ({ordered[0]:,.0f}-{ordered[-1]:,.0f})",
                        "plain read before each",
                        f"median {percentile(ratios[name], 0.5):.0f}x",
                    )
                )
            if args.before is not None:
                paired = sorted(now / then for now, then in zip(rates["this checkout"], rates["before"], strict=True))
                rows.append(
                    (
                        "cold build speed, this checkout / before",
                        f"median {percentile(paired, 0.5):.2f}x ({paired[0]:.2f}-{paired[-1]:.2f}) articles/s",
                        f"before: {args.before}",
                        f"{percentile(paired, 0.5):.2f}x",
                    )
                )

        # No-change update.
        noop = min(timed(index.update, 3))
        rows.append(
            (
                "update, nothing changed",
                f"{noop * 1000:.0f} ms",
                f"corpus walk: {walk_s * 1000:.0f} ms",
                f"{noop / walk_s:.2f}x",
            )
        )

        # Warm start in fresh processes.
        bare_wall, bare = min((child(BARE) for _ in range(3)), key=lambda r: r[0])
        warm_wall, warm = min((child(WARM, str(corpus), str(cache)) for _ in range(3)), key=lambda r: r[0])
        rows.append(
            (
                "warm start: open + rows()",
                f"{warm['seconds'] * 1000:.0f} ms in-process, {warm_wall * 1000:.0f} ms process",
                f"bare python process: {bare_wall * 1000:.0f} ms",
                f"{warm_wall / bare_wall:.2f}x",
            )
        )
        rows.append(
            (
                "warm start peak RSS",
                f"{warm['rss_mb']:.0f} MB ({int(warm['rows'])} rows)",
                f"bare python process: {bare['rss_mb']:.0f} MB",
                f"{warm['rss_mb'] / bare['rss_mb']:.2f}x",
            )
        )

    # Latency floor.
    conn = index._conn
    floor = [timed(lambda: conn.execute("SELECT 1").fetchall())[0] for _ in range(200)]
    floor_p50 = percentile(floor, 0.5)

    gen = Generator(args.seed)
    mix = queries(gen)
    store = NoStore()
    for _, q in mix:  # warm the page cache once
        index.search(q, limit=50, snippets=0, store=store)
    search_t: list[float] = []
    snip_t: list[float] = []
    ids_t: list[float] = []
    by_kind: dict[str, list[float]] = {}
    by_query: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for kind, q in mix:
            prefix = kind == "prefix"
            # partial binds this round's query when made (a lambda would close over the loop variables).
            d = timed(partial(index.search, q, limit=50, snippets=0, store=store, prefix_last=prefix))[0]
            search_t.append(d)
            by_kind.setdefault(kind, []).append(d)
            by_query.setdefault(q, []).append(d)
            snip_t.append(timed(partial(index.search, q, limit=50, snippets=10, store=store, prefix_last=prefix))[0])
            ids_t.append(timed(partial(index.match_ids, q, store=store, prefix_last=prefix))[0])
    # The headline figures cover the query mix without store filters (is:/has:), as before
    # those were added; store filters are a row of their own below.
    plain = [d for kind, values in by_kind.items() if kind != "store" for d in values]
    rows.append(
        (
            "search, top 50, incl. store filters",
            stats(search_t),
            f"SELECT 1: {floor_p50 * 1e6:.0f} µs",
            f"p95 {percentile(search_t, 0.95) / floor_p50:,.0f}x",
        )
    )
    search_t = plain
    for label, values in (
        ("search, top 50", search_t),
        ("search, top 50 + 10 snippets", snip_t),
        ("match_ids (all matches, for list narrowing)", ids_t),
    ):
        rows.append(
            (
                label,
                stats(values),
                f"SELECT 1: {floor_p50 * 1e6:.0f} µs",
                f"p95 {percentile(values, 0.95) / floor_p50:,.0f}x",
            )
        )
    for kind, values in by_kind.items():
        rows.append(
            (
                f"  search top 50: {kind} ({len(values)})",
                stats(values),
                "",
                f"p95 {percentile(values, 0.95) / floor_p50:,.0f}x",
            )
        )

    names = [gen.people[i] for i in (0, 1, 5, 40, 120, 250)] + [
        gen.people[0].split()[-1],
        gen.orgs[0],
        gen.orgs[10],
        gen.places[0],
        gen.places[30],
    ]
    for name in names:
        index.mentions(name, limit=200)
    mention_by: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for name in names:
            mention_by.setdefault(name, []).append(timed(partial(index.mentions, name, limit=200))[0])
    mention_t = [d for values in mention_by.values() for d in values]
    rows.append(
        (
            "mentions (200 newest, timeline, co-mentions)",
            f"p50 {percentile(mention_t, 0.5) * 1000:.1f} ms, p95 {percentile(mention_t, 0.95) * 1000:.1f} ms",
            f"SELECT 1: {floor_p50 * 1e6:.0f} µs",
            f"p95 {percentile(mention_t, 0.95) / floor_p50:,.0f}x",
        )
    )
    db_mb = (
        sum(os.path.getsize(f"{index.db_path}{s}") for s in ("", "-wal") if os.path.exists(f"{index.db_path}{s}")) / 1e6
    )
    rows.append(("index size on disk", f"{db_mb:.0f} MB", f"corpus: {mb:.0f} MB", f"{db_mb / mb:.2f}x"))
    rows.append(
        ("peak RSS of this benchmark", f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB", "", "")
    )
    index.close()

    width = [max(len(r[i]) for r in rows + [("figure", "value", "floor (same run)", "ratio")]) for i in range(4)]
    head = ("figure", "value", "floor (same run)", "ratio")
    print(f"corpus: {n} articles, {mb:.1f} MB, {len(paths)} files; python {sys.version.split()[0]}")
    for r in [head, tuple("-" * w for w in width), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, width, strict=True)))
    slowest = sorted(((percentile(v, 0.5), q) for q, v in by_query.items()), reverse=True)
    print("slowest searches (p50 over rounds): " + "; ".join(f"{q!r} {d * 1000:.1f} ms" for d, q in slowest[:6]))
    slow_m = sorted(((percentile(v, 0.5), q) for q, v in mention_by.items()), reverse=True)
    print("slowest mentions (p50 over rounds): " + "; ".join(f"{q!r} {d * 1000:.1f} ms" for d, q in slow_m[:4]))
    if not args.keep and args.cache is None:
        shutil.rmtree(cache, ignore_errors=True)
        if made and args.corpus is None:
            shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"kept: corpus {corpus}, cache {cache}", file=sys.stderr)


if __name__ == "__main__":
    main()
