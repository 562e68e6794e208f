"""Entity browser and dossier benchmark, each figure against a floor from the same run.

    python benchmarks/bench_entity_browser.py                 # 2,000 generated articles
    python benchmarks/bench_entity_browser.py --articles 20000

At 100,000 articles, generate the corpus once and keep its index (the cold build takes
minutes; the first run makes it, later runs reuse it):

    python benchmarks/gen_corpus.py 100000 /tmp/corpus100k
    python benchmarks/bench_entity_browser.py --corpus /tmp/corpus100k --cache /tmp/cache100k

Measured, each in a fresh process so peak memory is its own:
- the browser on screen: from pressing ``E`` in the reader (warm, index built) to the
  first entity row painted, against an empty Textual app started and painting one line
  in the same process; the peak RSS (VmHWM) of that process against a process that only
  ran the empty app; also the queries alone against a sum over the postings table:
  ``top_entities`` (``reader entity top``: one grouped scan of the postings) and
  ``ranked_entities`` (the browser's list: the entities table only); ``G`` to the last
  entity.
- a dossier of the most-mentioned entity: ``gather`` (index queries, every article read
  and its names extracted, sentences found) and Markdown, against reading the bytes of
  the same articles' files.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def peak_mb() -> float:
    from reader.index.worker import peak_rss_mb

    found = peak_rss_mb()
    return found if found is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(kind: str, corpus: Path) -> int:
    """One measurement in this fresh process; a JSON line on stdout."""
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        os.environ["READER_CONFIG"] = str(Path(tmp) / "none.toml")
        if kind == "empty":
            from bench_tui import floor

            result = {"floor": min(asyncio.run(floor()) for _ in range(3))}
        elif kind == "browser":
            from bench_tui import floor

            empty = min(asyncio.run(floor()) for _ in range(3))
            result = asyncio.run(browse(corpus, Path(tmp) / "store.json"))
            result["floor"] = empty
        else:
            result = dossier(corpus)
    result["peak_mb"] = peak_mb()
    print(json.dumps(result))
    return 0


async def browse(corpus: Path, store: Path) -> dict[str, float]:
    from reader.tui.app import ReaderApp
    from reader.tui.screens.entity_browser import EntityBrowserScreen

    app = ReaderApp(corpus, store)
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.loaded or app._report is None:  # the warm start and its no-change update
            await asyncio.sleep(0.01)
        await pilot.pause()
        pressed = time.perf_counter()
        await pilot.press("E")
        screen = app.screen
        assert isinstance(screen, EntityBrowserScreen)
        while screen.table.painted_at is None:
            await asyncio.sleep(0.001)
        on_screen = screen.table.painted_at - pressed
        entities = len(screen.table.entities)
        started = time.perf_counter()
        await pilot.press("G")
        while screen.table.cursor != len(screen.table.shown) - 1:
            await asyncio.sleep(0.001)
        await pilot.pause()
        last = time.perf_counter() - started
        index = app.source.index
        assert index is not None
        with app.source.lock:
            started = time.perf_counter()
            index.top_entities(frozenset())
            query = time.perf_counter() - started
            started = time.perf_counter()
            index.ranked_entities()
            ranked = time.perf_counter() - started
            started = time.perf_counter()
            index._conn.execute("SELECT sum(count) FROM postings").fetchone()
            scan = time.perf_counter() - started
    return {"on_screen": on_screen, "entities": entities, "last": last, "query": query, "ranked": ranked, "scan": scan}


def dossier(corpus: Path) -> dict[str, float]:
    from reader import forked
    from reader.dossier import gather, to_markdown
    from reader.dossier.gather import PARALLEL_FROM
    from reader.index import CorpusIndex

    with CorpusIndex.open(corpus) as index:
        top = index.top_entities(frozenset(), limit=1)[0]
        workers = forked.worker_count(top.articles, PARALLEL_FROM)  # as gather will decide
        started = time.perf_counter()
        found = gather(index, top.key, top.label)
        assert found is not None
        text = to_markdown(found)
        seconds = time.perf_counter() - started
        paths = {a.path for a in found.articles}
    started = time.perf_counter()
    for path in paths:
        Path(path).read_bytes()
    read = time.perf_counter() - started
    return {"seconds": seconds, "read": read, "articles": len(found.articles), "chars": len(text), "workers": workers}


def run_child(kind: str, corpus: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(corpus)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"the {kind} measurement failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def ratio(value: float, floor: float) -> str:
    return f"{value / max(floor, 1e-9):.2f}x"


def table(rows: list[tuple[str, str, str, str]]) -> None:
    header = ("measure", "size", "value", "vs floor")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000, help="articles to generate (default 2,000)")
    parser.add_argument("--corpus", type=Path, help="a corpus folder to use (generated there if missing)")
    parser.add_argument("--cache", type=Path, help="the index folder, kept across runs")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child[0], Path(args.child[1]))
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        corpus = args.corpus or Path(tmp) / "corpus"
        os.environ["READER_CACHE"] = str(args.cache or Path(tmp) / "cache")
        if not corpus.exists() or not any(corpus.iterdir()):
            from gen_corpus import generate

            generate(args.articles, corpus)
        # Build (or bring up to date) the index in a process of its own.
        subprocess.run(
            [sys.executable, "-m", "reader", "entity", "top", str(corpus), "--limit", "1"],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            check=True,
        )
        empty = run_child("empty", corpus)
        browser = run_child("browser", corpus)
        made = run_child("dossier", corpus)
    floor, scan, read = browser["floor"], browser["scan"], made["read"]
    size = f"{int(browser['entities']):,} entities"
    rss, rss_floor = browser["peak_mb"], empty["peak_mb"]
    rows = [
        ("floor: empty app, one line", "", ms(floor), "1.0x"),
        ("E to the browser on screen", size, ms(browser["on_screen"]), ratio(browser["on_screen"], floor)),
        ("G to the last entity", size, ms(browser["last"]), ratio(browser["last"], floor)),
        ("floor: SELECT sum(count) FROM postings", "", ms(scan), "1.0x"),
        ("top_entities (entity top), every label", size, ms(browser["query"]), ratio(browser["query"], scan)),
        ("ranked_entities (the browser's list)", size, ms(browser["ranked"]), ratio(browser["ranked"], scan)),
        ("floor: peak RSS, empty app process", "", f"{rss_floor:.0f} MB", "1.0x"),
        ("peak RSS, reader + browser process", size, f"{rss:.0f} MB", ratio(rss, rss_floor)),
        ("floor: read the dossier's files", f"{int(made['articles']):,} articles", ms(read), "1.0x"),
        (
            "dossier, most-mentioned entity",
            f"{int(made['chars']):,} chars, {int(made['workers'])} workers",
            ms(made["seconds"]),
            ratio(made["seconds"], read),
        ),
    ]
    print(f"corpus: {corpus if args.corpus else f'{args.articles:,} generated articles'}")
    table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
