"""Fetching many feeds at once: the wall time of one `fetch_feeds` over N feeds against the
slowest of those feeds fetched alone, and against fetching them one after another.

A loopback server (127.0.0.1, a thread per request) serves N RSS feeds of E entries each,
every response held back by a simulated network latency (``--latency``, seconds, spread
from half to twice the value so feeds differ). The floor is measured in the same run:
each feed fetched alone into a fresh library (the slowest is what "all at once" cannot
beat), and their sum (what fetching one after another costs). With the pool doing its
job, the ratio to the slowest single feed stays near N / workers rather than near N.

    python benchmarks/bench_feeds.py [--feeds 50] [--entries 20] [--latency 0.2]
"""

from __future__ import annotations

import argparse
import http.server
import random
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.feeds.fetch import WORKERS, fetch_feeds  # noqa: E402 - after the path set-up
from reader.feeds.library import Library  # noqa: E402
from reader.store import Feed  # noqa: E402


def feed_xml(n: int, entries: int) -> bytes:
    items = "".join(
        f"<item><title>Feed {n} story {i}</title><link>http://bench.example/{n}/{i}</link>"
        f"<guid>urn:{n}:{i}</guid><pubDate>Mon, 01 Jun 2026 10:{i % 60:02d}:00 GMT</pubDate>"
        f"<description>&lt;p&gt;{'Words of the story. ' * 40}{n} {i}&lt;/p&gt;</description></item>"
        for i in range(entries)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {n}</title>{items}</channel></rss>'.encode()


def serve(feeds: int, entries: int, latency: float, seed: int) -> tuple[http.server.ThreadingHTTPServer, str]:
    rng = random.Random(seed)
    bodies = {f"/feed/{n}.xml": feed_xml(n, entries) for n in range(feeds)}
    delays = {path: latency * rng.uniform(0.5, 2.0) for path in bodies}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            body = bodies.get(self.path)
            if body is None:
                self.send_error(404)
                return
            time.sleep(delays[self.path])
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's signature
            return

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def timed_fetch(feeds: list[Feed], workdir: Path) -> tuple[float, int]:
    library = Path(tempfile.mkdtemp(dir=workdir))
    start = time.perf_counter()
    outcomes = fetch_feeds(feeds, Library(library))
    elapsed = time.perf_counter() - start
    failed = [o for o in outcomes if o.error]
    if failed:
        raise SystemExit(f"bench_feeds: {failed[0].url}: {failed[0].error}")
    return elapsed, sum(o.new for o in outcomes)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--entries", type=int, default=20, help="entries per feed")
    parser.add_argument("--latency", type=float, default=0.2, help="simulated server latency, seconds")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    httpd, base = serve(args.feeds, args.entries, args.latency, args.seed)
    feeds = [Feed(url=f"{base}/feed/{n}.xml") for n in range(args.feeds)]
    try:
        with tempfile.TemporaryDirectory(prefix="bench-feeds-") as tmp:
            work = Path(tmp)
            timed_fetch(feeds[:1], work)  # warm-up: imports (feedparser, defusedxml) are not fetching
            singles = [timed_fetch([feed], work)[0] for feed in feeds]
            wall, written = timed_fetch(feeds, work)
    finally:
        httpd.shutdown()
        httpd.server_close()
    slowest, total = max(singles), sum(singles)
    print(f"## fetching {args.feeds} feeds x {args.entries} entries, latency ~{args.latency:g} s, {WORKERS} workers\n")
    print("| measure | seconds | / slowest single feed |")
    print("| --- | ---: | ---: |")
    print(f"| slowest single feed, fetched alone (floor) | {slowest:.3f} | 1.00 |")
    print(
        f"| median single feed, fetched alone | {sorted(singles)[len(singles) // 2]:.3f} | "
        f"{sorted(singles)[len(singles) // 2] / slowest:.2f} |"
    )
    print(f"| every feed one after another (sum of singles) | {total:.3f} | {total / slowest:.2f} |")
    print(f"| every feed at once (fetch_feeds) | {wall:.3f} | {wall / slowest:.2f} |")
    print(f"\n- articles written: {written} of {args.feeds * args.entries}")
    print(f"- at once vs one after another: {wall / total:.2f} of the time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
