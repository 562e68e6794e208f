"""Benchmark the article formats read from a corpus folder: feed files, saved pages, CSV.

    python benchmarks/bench_formats.py                      # 100,000-row CSV (~300 MB)
    python benchmarks/bench_formats.py --rows 2000 --entries 200 --pages 20

Every figure sits beside a floor measured in the same run; compare ratios between runs:

- feed parsing (entries/s: feedparser, HTML to paragraphs, articles) vs. a plain read of
  the same file's bytes;
- page extraction (pages/s: trafilatura main text and metadata, articles) vs. a plain read
  of the same pages' bytes;
- CSV indexing: a cold index build of one N-row export in a child process, in articles/s,
  and that process's peak RSS, vs. a child process that only reads the file's bytes.
  Peak RSS is the kernel's high-water mark (``VmHWM``, what ``ru_maxrss`` reports for the
  process itself; taken from /proc because a child's ``ru_maxrss`` can carry its parent's
  peak across ``exec``). The reader's target: under 250 MB for 100,000 rows, 300 MB.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from gen_corpus import Generator  # noqa: E402 - after the path is set

from reader.articles import load_file  # noqa: E402

INDEX_CHILD = """
import json, sys, time
from pathlib import Path
from reader.index import CorpusIndex
t = time.perf_counter()
with CorpusIndex.open(Path(sys.argv[1]), Path(sys.argv[2])) as index:
    report = index.update()
seconds = time.perf_counter() - t
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
print(json.dumps({"seconds": seconds, "added": report.added, "rss_mb": int(hwm) / 1024}))
"""

READ_CHILD = """
import json, sys, time
t = time.perf_counter()
with open(sys.argv[1], "rb") as f:
    while f.read(1 << 20):
        pass
seconds = time.perf_counter() - t
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
print(json.dumps({"seconds": seconds, "rss_mb": int(hwm) / 1024}))
"""


def articles(count: int, seed: int = 7) -> list[tuple[str, str, list[str]]]:
    """(date, title, paragraphs) of ``count`` generated articles."""
    gen = Generator(seed)
    rng = random.Random(seed)
    made = []
    for _ in range(count):
        day, text = gen.article(rng)
        head, _, body = text.partition("\n\n")
        title = head.split("title: ", 1)[1]
        made.append((day.isoformat(), title, body.strip().split("\n\n")))
    return made


def write_feed(path: Path, entries: int) -> None:
    items = []
    for n, (day, title, paragraphs) in enumerate(articles(entries, 11)):
        html = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        items.append(
            f"<item><title>{escape(title)}</title><link>https://wire.example/{n}</link><guid>g{n}</guid>"
            f"<pubDate>{day}T08:00:00Z</pubDate><description>{escape(html)}</description></item>"
        )
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench wire</title>'
        + "".join(items)
        + "</channel></rss>",
        encoding="utf-8",
    )


NAV = "".join(f'<li><a href="/s{n}">Section {n}</a></li>' for n in range(30))


def write_pages(folder: Path, count: int) -> list[Path]:
    paths = []
    for n, (day, title, paragraphs) in enumerate(articles(count, 13)):
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        page = (
            f'<html><head><meta charset="utf-8"><title>{escape(title)} | Bench Times</title>'
            f'<meta property="og:title" content="{escape(title)}">'
            f'<meta property="article:published_time" content="{day}"></head><body>'
            f'<div class="cookie">We use cookies. <button>Accept</button></div><nav><ul>{NAV}</ul></nav>'
            f"<main><article><h1>{escape(title)}</h1>{body}</article></main>"
            f"<footer><ul>{NAV}</ul><p>All rights reserved.</p></footer></body></html>"
        )
        path = folder / f"page-{n:04d}.html"
        path.write_text(page, encoding="utf-8")
        paths.append(path)
    return paths


def write_csv(path: Path, rows: int) -> int:
    """An export of ``rows`` generated articles; the bytes written."""
    gen = Generator(5)
    rng = random.Random(5)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "published_at", "headline", "text", "outlet", "section"])
        for n in range(rows):
            day, text = gen.article(rng)
            head, _, body = text.partition("\n\n")
            writer.writerow([n, day.isoformat(), head.split("title: ", 1)[1], body.strip(), "Bench Wire", "world"])
    return path.stat().st_size


def best(fn: object, repeat: int) -> float:
    """The fastest of ``repeat`` runs (the least disturbed by neighbours)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def child(code: str, *args: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="CSV rows to index (default 100,000, ~300 MB)")
    parser.add_argument("--entries", type=int, default=500, help="entries in the feed file")
    parser.add_argument("--pages", type=int, default=100, help="saved pages to extract")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each parse; the fastest is kept")
    parser.add_argument("--dir", type=Path, help="work folder (kept); default a temporary one, removed")
    args = parser.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="bench-formats-"))
    work.mkdir(parents=True, exist_ok=True)
    table: list[tuple[str, str, str, str]] = []
    try:
        feed = work / "feed.rss"
        write_feed(feed, args.entries)
        parsed = best(lambda: load_file(feed), args.repeat)
        read = best(feed.read_bytes, args.repeat)
        found = len(load_file(feed)[0])
        table.append(
            (
                f"feed parsing ({found} entries, {feed.stat().st_size / 1e6:.1f} MB)",
                f"{found / parsed:,.0f} entries/s",
                f"read: {found / read:,.0f} entries/s",
                f"{parsed / read:,.0f}x the read",
            )
        )

        pages_dir = work / "pages"
        pages_dir.mkdir(exist_ok=True)
        pages = write_pages(pages_dir, args.pages)
        load_file(pages[0])  # trafilatura's import and first-call set-up, not per page
        extracted = best(lambda: [load_file(p) for p in pages], args.repeat)
        read = best(lambda: [p.read_bytes() for p in pages], args.repeat)
        table.append(
            (
                f"page extraction ({len(pages)} pages)",
                f"{len(pages) / extracted:,.0f} pages/s",
                f"read: {len(pages) / read:,.0f} pages/s",
                f"{extracted / read:,.0f}x the read",
            )
        )

        corpus = work / "csv"
        shutil.rmtree(corpus, ignore_errors=True)
        corpus.mkdir()
        size = write_csv(corpus / "export.csv", args.rows)
        floor = child(READ_CHILD, str(corpus / "export.csv"))
        cache = work / "cache"
        shutil.rmtree(cache, ignore_errors=True)
        built = child(INDEX_CHILD, str(corpus), str(cache))
        table.append(
            (
                f"CSV indexing ({args.rows:,} rows, {size / 1e6:.0f} MB)",
                f"{built['added'] / built['seconds']:,.0f} articles/s",
                f"read: {args.rows / floor['seconds']:,.0f} rows/s",
                f"{built['seconds'] / floor['seconds']:,.0f}x the read",
            )
        )
        table.append(
            (
                "  peak RSS of the indexing process",
                f"{built['rss_mb']:.0f} MB",
                f"reading process: {floor['rss_mb']:.0f} MB",
                f"{built['rss_mb'] / floor['rss_mb']:.1f}x; file {size / 1e6:.0f} MB",
            )
        )
    finally:
        if args.dir is None:
            shutil.rmtree(work, ignore_errors=True)
    head = ("figure", "value", "floor (same run)", "ratio")
    width = [max(len(r[i]) for r in [head, *table]) for i in range(4)]
    print(f"python {sys.version.split()[0]}")
    for r in [head, tuple("-" * w for w in width), *table]:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, width, strict=True)))


if __name__ == "__main__":
    main()
