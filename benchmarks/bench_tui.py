"""TUI benchmark: launch-to-list with a large corpus, opening a 10 kB article, peak memory.

Each time is also shown as a ratio to a floor measured in the same run (an empty Textual
app that paints one line), so figures compare across machines.

    python benchmarks/bench_tui.py            # 20,000 articles
    python benchmarks/bench_tui.py -n 100000

Warm start from the index on a corpus made by gen_corpus.py, reusing one built index
across runs (the cold build of 100,000 articles takes minutes; it is done once, the first
time, and kept in --cache):

    python benchmarks/gen_corpus.py 100000 /tmp/corpus100k
    python benchmarks/bench_tui.py --warm /tmp/corpus100k --cache /tmp/cache100k

Each warm run is a fresh process (so peak RSS is the reader's own): the floor (an empty
app painting one line) and the warm launch are measured in that same process. Peak RSS is
Linux's VmHWM: ``ru_maxrss`` survives fork and exec, so a child started by a big parent
reports the parent's peak. The index update runs in a worker process of its own
(``reader.index.worker``); its peak is reported on a line of its own.

Whole-process launches are measured too (``--warm`` also prints them): from spawning
``python`` to the first row on screen, imports included, against a process that imports
Textual and paints an empty app, alternated in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Static  # noqa: E402

if "--launch-child" not in sys.argv:  # a launch child times its own imports
    from reader.tui.app import ReaderApp  # noqa: E402
    from reader.tui.screens.article import ArticleScreen  # noqa: E402
    from reader.tui.widgets.article_list import ArticleList  # noqa: E402

PEOPLE = ["Ines Carvalho", "Tomas Lind", "Ama Mensah", "Kofi Boateng", "Lena Vogt", "Rui Tavares"]
PLACES = ["Port Elwin", "Norway", "Ghana", "Geneva", "Chile", "the Varda valley", "Rotterdam"]
ORGS = ["the Harbour Authority", "the Water Alliance", "the Central Bank", "Meridian Energy"]
WORDS = [
    "the", "of", "and", "to", "in", "said", "on", "for", "that", "with", "was", "as", "by", "at", "from", "its", "it",
    "an", "be", "has", "were", "year",
]  # fmt: skip


def paragraph(rng: random.Random, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
        words.insert(rng.randrange(len(words)), rng.choice(PEOPLE))
        words.insert(rng.randrange(len(words)), rng.choice(PLACES))
        words.insert(rng.randrange(len(words)), f"{rng.randint(2, 99)} percent")
        if rng.random() < 0.5:
            words.insert(rng.randrange(len(words)), rng.choice(ORGS))
        sentence = " ".join(words)
        out.append(sentence[0].upper() + sentence[1:] + ".")
    return " ".join(out)


def article_text(rng: random.Random, day: dt.date, index: int, paragraphs: int = 4) -> str:
    body = "\n\n".join(paragraph(rng, rng.randint(2, 4)) for _ in range(paragraphs))
    return (
        f" date {day.isoformat()}\ntitle: Report {index}: {rng.choice(PEOPLE)} in {rng.choice(PLACES)}\n"
        f"source: Bench Wire\n\n{body}\n"
    )


def generate(root: Path, count: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    start = dt.date(2015, 1, 1)
    for index in range(count):
        folder = root / f"{index // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        day = start + dt.timedelta(days=rng.randrange(3650))
        (folder / f"a{index:06d}.txt").write_text(article_text(rng, day, index), encoding="utf-8")
    big = article_text(rng, dt.date(2030, 1, 1), count, paragraphs=1)
    while len(big) < 10_000:
        big += "\n\n" + paragraph(rng, 4)
    (root / "big-10k.txt").write_text(big, encoding="utf-8")
    return root


class OneLine(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("ready")


async def floor() -> float:
    started = time.perf_counter()
    app = OneLine()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert str(app.query_one(Static).render()) == "ready"
        return time.perf_counter() - started


async def launch(corpus: Path, store: Path) -> tuple[float, float, tuple[float, float]]:
    """(seconds to the first rows on screen, seconds to the whole corpus loaded)."""
    started = time.perf_counter()
    app = ReaderApp(corpus, store)
    first = total = 0.0
    async with app.run_test(size=(80, 24)) as pilot:
        while True:
            listing = app.screen.query(ArticleList)
            if listing and listing.first().painted_at is not None:
                first = listing.first().painted_at - started  # type: ignore[operator]
                break
            await asyncio.sleep(0.001)
        while not app.loaded:
            await asyncio.sleep(0.005)
        total = time.perf_counter() - started
        open_ms = await open_big(app, pilot)
    return first, total, open_ms


async def open_big(app: ReaderApp, pilot: object) -> tuple[float, float]:
    """Milliseconds from Enter on the 10 kB article to its body painted with entities."""
    big_row = next(a for a in app.library.articles if a.path.endswith("big-10k.txt"))
    other_row = next(a for a in app.library.articles if a is not big_row)
    big, other = app.source.load(big_row.id), app.source.load(other_row.id)
    assert big is not None and other is not None
    times: dict[bool, list[float]] = {True: [], False: []}
    for run in range(8):
        cold = run % 2 == 0
        app.open_article(other)  # the screen exists; the big article is not cached
        await pilot.pause()  # type: ignore[attr-defined]
        await pilot.press("escape")  # type: ignore[attr-defined]
        await app.workers.wait_for_complete()
        app.entities._cache.clear()
        if not cold:
            app.entities.prefetch([big])  # what resting on its row in the list does
        started = time.perf_counter()
        app.open_article(big)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        while screen.body.painted_at is None:
            await asyncio.sleep(0.0005)
        assert screen.mentions
        times[cold].append((screen.body.painted_at - started) * 1000)
        await pilot.press("escape")  # type: ignore[attr-defined]
    return tuple(sorted(t)[len(t) // 2] for t in (times[True], times[False]))  # type: ignore[return-value]


async def warm_launch(corpus: Path, store: Path) -> dict[str, float]:
    """Seconds to the first rows on screen (from the index), to every row in the list, and
    to the no-change update done."""
    started = time.perf_counter()
    app = ReaderApp(corpus, store)
    out: dict[str, float] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        while True:
            listing = app.screen.query(ArticleList)
            if listing and listing.first().painted_at is not None:
                out["first"] = listing.first().painted_at - started  # type: ignore[operator]
                break
            await asyncio.sleep(0.001)
        out["rows_at_first_paint"] = len(app.library)
        while not app.loaded:
            await asyncio.sleep(0.005)
        out["loaded"] = time.perf_counter() - started
        out["rows"] = len(app.library)
        out["indexed"] = float(app.source.index is not None)
        await pilot.pause()
    return out


def peak_mb() -> float:
    """Peak RSS of this process: VmHWM (not inherited across exec), else ru_maxrss."""
    from reader.index.worker import peak_rss_mb

    found = peak_rss_mb()
    return found if found is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def warm_child(corpus: Path) -> int:
    """One warm run (called in a fresh process by ``warm``): JSON on stdout."""
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        os.environ["READER_CONFIG"] = str(Path(tmp) / "none.toml")
        empty = min(asyncio.run(floor()) for _ in range(3))
        result = asyncio.run(warm_launch(corpus, Path(tmp) / "store.json"))
    result["floor"] = empty
    result["maxrss_mb"] = peak_mb()
    print(json.dumps(result))
    return 0


def launch_child(kind: str, corpus: Path) -> int:
    """A whole-process launch (imports included), for ``warm``: prints the monotonic
    clock when the first row (or the empty app's line) is on screen."""
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        os.environ["READER_CONFIG"] = str(Path(tmp) / "none.toml")
        if kind == "empty":

            async def run_empty() -> float:
                from textual.app import App
                from textual.widgets import Static

                class Empty(App[None]):
                    def compose(self) -> ComposeResult:
                        yield Static("ready")

                async with Empty().run_test(size=(80, 24)) as pilot:
                    await pilot.pause()
                    return time.perf_counter()

            painted = asyncio.run(run_empty())
        else:

            async def run_reader() -> float:
                from reader.tui.app import ReaderApp
                from reader.tui.widgets.article_list import ArticleList

                app = ReaderApp(corpus, Path(tmp) / "store.json")
                async with app.run_test(size=(80, 24)):
                    while True:
                        listing = app.screen.query(ArticleList)
                        if listing and listing.first().painted_at is not None:
                            return listing.first().painted_at  # type: ignore[return-value]
                        await asyncio.sleep(0.001)

            painted = asyncio.run(run_reader())
    print(json.dumps({"painted": painted}))
    return 0


def launches(corpus: Path, runs: int) -> tuple[list[float], list[float]]:
    """Seconds from spawn to first paint: (empty app, reader), alternated.

    Bytecode is cached (in a folder of its own) as an installed package's would be: with
    PYTHONDONTWRITEBYTECODE set, every launch would compile the reader from source while
    Textual, installed, loads compiled. One discarded launch of each fills the cache."""
    times: dict[str, list[float]] = {"empty": [], "reader": []}
    with tempfile.TemporaryDirectory(prefix="bench-pycache-") as pycache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = pycache
        for run in range(runs + 1):
            for kind in ("empty", "reader"):
                started = time.perf_counter()  # CLOCK_MONOTONIC on Linux: shared with the child
                done = subprocess.run([sys.executable, __file__, "--launch-child", kind, str(corpus)],
                                      capture_output=True, text=True, check=True, env=env)  # fmt: skip
                if run:
                    times[kind].append(json.loads(done.stdout.strip().splitlines()[-1])["painted"] - started)
    return times["empty"], times["reader"]


def warm(corpus: Path, cache: Path, runs: int) -> int:
    from reader.index import worker

    os.environ["READER_CACHE"] = str(cache)
    t0 = time.perf_counter()
    process = worker.spawn(corpus)  # in a process of its own, like the TUI's, so its peak is its own
    assert process.stdout is not None
    report_line = [line for line in process.stdout if line.startswith('{"report"')]
    process.wait()
    built = time.perf_counter() - t0
    report = json.loads(report_line[-1])["report"]
    results = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, __file__, "--warm-child", str(corpus)], capture_output=True, text=True,
                              env={**os.environ, "READER_CACHE": str(cache)}, check=True)  # fmt: skip
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    empty_runs, reader_runs = launches(corpus, runs)
    best = min(results, key=lambda r: r["first"] / r["floor"])
    median = sorted(r["first"] / r["floor"] for r in results)[len(results) // 2]
    ratios = sorted(r / e for r, e in zip(reader_runs, empty_runs, strict=True))
    count = best["rows"]
    rows = [
        ("index catch-up before the runs", f"{count:,.0f} articles, {report['reread']:,} re-read", f"{built:.2f} s",
         "worker process"),
        ("floor: empty app, one line", "same process", f"{best['floor'] * 1000:.0f} ms", "1.0x"),
        ("warm launch to list on screen", f"{best['rows_at_first_paint']:,.0f} rows painted first",
         f"{best['first'] * 1000:.0f} ms", f"{best['first'] / best['floor']:.2f}x (median of {runs}: {median:.2f}x)"),
        ("warm launch to update done", f"{best['rows']:,.0f} rows in the list", f"{best['loaded']:.2f} s",
         f"{best['loaded'] / best['floor']:.1f}x"),
        ("floor: empty app process, spawn to paint", "imports included", f"{min(empty_runs) * 1000:.0f} ms", "1.0x"),
        ("reader process, spawn to list on screen", "imports included", f"{min(reader_runs) * 1000:.0f} ms",
         f"{min(reader_runs) / min(empty_runs):.2f}x (median ratio of {runs}: {ratios[len(ratios) // 2]:.2f}x)"),
        ("peak memory, TUI process (VmHWM)", "warm run process", f"{max(r['maxrss_mb'] for r in results):.0f} MB", ""),
        ("peak memory, update worker (VmHWM)", "catch-up, no change", f"{report.get('peak_mb', 0):.0f} MB", ""),
    ]  # fmt: skip
    _table(rows)
    return 0


def _table(rows: list[tuple[str, str, str, str]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    header = ("measure", "size", "value", "vs floor")
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--articles", type=int, default=20_000)
    parser.add_argument("--warm", type=Path, metavar="CORPUS", help="warm start from the index on this corpus")
    parser.add_argument("--cache", type=Path, help="index folder kept across runs (with --warm)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warm-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--launch-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.launch_child:
        return launch_child(args.launch_child[0], Path(args.launch_child[1]))
    if args.warm_child:
        return warm_child(args.warm_child)
    if args.warm:
        return warm(args.warm, args.cache or Path(tempfile.gettempdir()) / "reader-bench-cache", args.runs)
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        os.environ["READER_CONFIG"] = str(Path(tmp) / "none.toml")
        os.environ["READER_CACHE"] = str(Path(tmp) / "cache")
        t0 = time.perf_counter()
        corpus = generate(Path(tmp) / "corpus", args.articles)
        generated = time.perf_counter() - t0
        empty = min(asyncio.run(floor()) for _ in range(3))
        first, total, (cold_ms, warm_ms) = asyncio.run(launch(corpus, Path(tmp) / "store.json"))
        size = len((corpus / "big-10k.txt").read_text(encoding="utf-8"))
    whole_run_peak = peak_mb()
    rows = [
        ("corpus generated", f"{args.articles:,} articles", f"{generated:.2f} s", ""),
        ("floor: empty app, one line", "", f"{empty * 1000:.0f} ms", "1.0x"),
        ("launch to list on screen", f"{args.articles:,} articles", f"{first * 1000:.0f} ms", f"{first / empty:.1f}x"),
        ("cold launch to corpus indexed", "background worker", f"{total:.2f} s", f"{total / empty:.1f}x"),
        ("open article, entities extracted", f"{size:,} chars", f"{cold_ms:.1f} ms", f"{cold_ms / 1000 / empty:.2f}x"),
        ("open article, entities prefetched", f"{size:,} chars", f"{warm_ms:.1f} ms", f"{warm_ms / 1000 / empty:.2f}x"),
        ("peak memory (VmHWM)", "whole run", f"{whole_run_peak:.0f} MB", ""),
    ]
    _table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
