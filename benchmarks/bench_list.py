"""How fast ``reader list`` loads a corpus: articles per second, cold and warm.

    python benchmarks/bench_list.py [--articles 20000] [--dir /tmp/bench-list] [--index]

"cold" is the first run after the files are written with the page cache dropped where the
machine allows it (root on Linux: /proc/sys/vm/drop_caches), else the first run;
"warm" is the best of three runs with the files in the page cache. The floor, measured in
the same run, is the cost of just reading every file's bytes (os.walk + read), so the
ratio says what parsing costs on top of I/O. Runs in-process with ``scan_corpus`` and also
times the whole ``reader list --json`` command once, with an empty cache folder (no
index: every file is parsed). ``--index`` also times the command reading a built index
(best of three; the index is built once into DIR/cache-N, entities included, which takes
minutes at 100,000 articles, and kept).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gen_corpus import generate  # noqa: E402

from reader.articles import scan_corpus  # noqa: E402
from reader.index import CorpusIndex  # noqa: E402


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def read_all(root: Path) -> int:
    count = 0
    for folder, _dirs, files in os.walk(root):
        for name in files:
            with open(os.path.join(folder, name), "rb") as handle:
                handle.read()
            count += 1
    return count


def timed(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/bench-list"))
    parser.add_argument("--index", action="store_true", help="also time the command reading a built index")
    args = parser.parse_args()
    root = args.dir / f"corpus-{args.articles}"
    if not root.exists():
        generate(args.articles, root, seed=1)
    n = args.articles

    dropped = drop_caches()
    cold_scan = timed(lambda: scan_corpus(root))
    drop_caches()
    cold_floor = timed(lambda: read_all(root))
    warm_floor = min(timed(lambda: read_all(root)) for _ in range(3))
    warm_scan = min(timed(lambda: scan_corpus(root)) for _ in range(3))

    def command(cache: Path) -> float:
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]), "READER_CACHE": str(cache)}
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "reader.cli", "list", str(root), "--json"],
            stdout=subprocess.DEVNULL,
            check=True,
            env=env,
        )
        return time.perf_counter() - start

    with tempfile.TemporaryDirectory() as empty:
        parsed = command(Path(empty))
    indexed = None
    if args.index:
        cache = args.dir / f"cache-{args.articles}"
        with CorpusIndex.open(root, cache) as index:
            index.update()  # the first time, a build; then a check that nothing changed
        indexed = min(command(cache) for _ in range(3))

    print(f"reader list on {n} generated articles (page cache dropped for cold: {'yes' if dropped else 'no'})")
    print(f"{'measure':34} {'seconds':>8} {'articles/s':>11} {'x floor':>8}")
    rows = [
        ("floor: read every file, cold", cold_floor, cold_floor),
        ("scan_corpus, cold", cold_scan, cold_floor),
        ("floor: read every file, warm", warm_floor, warm_floor),
        ("scan_corpus, warm", warm_scan, warm_floor),
        ("`reader list --json` (process)", parsed, warm_floor),
    ]
    if indexed is not None:
        rows.append(("  the same, from the index", indexed, warm_floor))
    for name, seconds, floor in rows:
        print(f"{name:34} {seconds:8.3f} {n / seconds:11.0f} {seconds / floor:8.2f}")


if __name__ == "__main__":
    main()
