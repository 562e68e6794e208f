"""Bytes on the wire per keystroke: what each key costs a reader over SSH.

The reader runs in a real terminal (tmux, 120x36, truecolor) and ``tmux pipe-pane`` counts
every byte it writes. For each screen the runner sends keys one at a time, waits until the
screen is quiet after each, and divides: list cursor (j/k), article paragraph move (j/k),
entity panel cursor (j/k), mentions view cursor (j/k), plus one idle second with no key
(an idle screen should send nothing) and, for scale, the whole screen with its colours as
tmux encodes it (``capture-pane -e``: the least a whole-screen repaint can cost).
The floor is a bare Textual ``OptionList`` app with as many rows as the corpus has
articles, moved with the same number of keys in the same run.

    python benchmarks/bench_wire.py                  # a generated corpus of 2,000 articles and the sample
    python benchmarks/bench_wire.py --articles 20000 --keys 40

At 1 Mbit/s every kilobyte is 8 ms; a cursor move that repaints the whole screen (about
16 kB at this size) costs 130 ms before anything else happens.
"""

from __future__ import annotations

import argparse
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "tui"))
sys.path.insert(0, str(ROOT))

from tuikit import Tmux, WireMeter, poll, subprocess_env, tmux_server  # noqa: E402

WIDTH, HEIGHT = 120, 36
EXPORTS = ("PYTHONPATH", "TEXTUAL_ANIMATIONS", "READER_CONFIG", "READER_CACHE")


@dataclass
class Screens:
    """Bytes written for each keystroke, by screen (empty: the screen could not be reached)."""

    corpus: str
    figures: dict[str, list[int]] = field(default_factory=dict)


def _command(tmux: Tmux, tmp: Path, argv: list[str]) -> None:
    env = subprocess_env()
    env.update(READER_CONFIG=str(tmp / "none.toml"), READER_CACHE=str(tmp / "cache"))
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items() if k in EXPORTS)
    command = (
        f"cd {shlex.quote(str(ROOT))} && env -u COLUMNS -u LINES TERM=xterm-256color COLORTERM=truecolor {exports} "
        f"{' '.join(shlex.quote(a) for a in argv)}; sleep 600"
    )
    tmux("new-session", "-d", "-s", "wire", "-x", str(WIDTH), "-y", str(HEIGHT), command)


def _keys(meter: WireMeter, down: str, up: str, count: int) -> list[int]:
    """Half the keys down, half back up (so the cursor mostly stays on screen): bytes per key."""
    half = max(1, count // 2)
    return [meter.press(down) for _ in range(half)] + [meter.press(up) for _ in range(half)]


def _paragraphs(tmux: Tmux) -> int:
    found = re.search(r"¶ \d+/(\d+)", tmux.screen("wire"))
    return int(found.group(1)) if found else 0


def measure_reader(corpus: Path, keys: int, quiet: float) -> Screens:
    out = Screens(corpus.name)
    with tempfile.TemporaryDirectory(prefix="bench-wire-") as tmp_name, tmux_server("bench-wire") as tmux:
        tmp = Path(tmp_name)
        argv = [sys.executable, "-m", "reader.cli", str(corpus), "--store", str(tmp / "store.json")]
        _command(tmux, tmp, argv)
        meter = WireMeter(tmux, "wire", tmp / "wire.log", quiet)

        def loaded() -> bool:
            top = tmux.screen("wire").splitlines()[:1]
            return bool(top) and "reader" in top[0] and "loading" not in top[0] and "indexing" not in top[0]

        poll(loaded, 300, "the list, loaded")
        meter.settle()
        out.figures["idle second"] = [meter.idle(1.0)]
        out.figures["whole screen (capture-pane -e)"] = [meter.screen_bytes()]
        # From the top: during a first index build the cursor stays on the article it was
        # on while batches arrive, which can leave it below the view.
        meter.press("g")
        out.figures["list cursor j/k"] = _keys(meter, "j", "k", keys)
        meter.press("Enter")
        poll(lambda: "¶" in tmux.screen("wire"), 30, "the article")
        paragraphs = _paragraphs(tmux)
        # no more moves than the article has paragraphs: a move past the end changes nothing
        out.figures["article paragraph j/k"] = _keys(meter, "j", "k", min(keys, 2 * max(1, paragraphs - 1)))
        meter.press("e")
        meter.press("j")  # the panel opens with nothing highlighted: from the first row (k there would wrap)
        out.figures["entity panel j/k"] = _keys(meter, "j", "k", keys)
        meter.press("e")  # back to the body, so m looks at the paragraph under the cursor
        meter.press("m")
        try:
            poll(lambda: "Mentions" in tmux.screen("wire").splitlines()[0], 20, "the mentions view")
            poll(lambda: "Escape goes back" in tmux.screen("wire"), 20, "the mentions looked up")
            found = re.search(r"([\d,]+) articles? ", tmux.screen("wire").splitlines()[0])
            if found and int(found.group(1).replace(",", "")) < 3:
                meter.press("Tab")  # a rare entity: move in the side list of co-mentioned names instead
            out.figures["mentions view j/k"] = _keys(meter, "j", "k", keys)
        except AssertionError:
            out.figures["mentions view j/k"] = []
    return out


def measure_floor(rows: int, keys: int, quiet: float) -> list[int]:
    """The same number of keys on a bare OptionList of ``rows`` options."""
    with tempfile.TemporaryDirectory(prefix="bench-wire-") as tmp_name, tmux_server("bench-wire") as tmux:
        tmp = Path(tmp_name)
        _command(tmux, tmp, [sys.executable, str(Path(__file__).resolve()), "--option-list-child", str(rows)])
        meter = WireMeter(tmux, "wire", tmp / "wire.log", quiet)
        poll(lambda: "option 1 " in tmux.screen("wire"), 60, "the option list")
        meter.settle()
        return _keys(meter, "Down", "Up", keys)


def option_list_child(rows: int) -> int:
    from textual.app import App, ComposeResult
    from textual.widgets import OptionList

    class Floor(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList(*(f"option {n + 1} of {rows}" for n in range(rows)))

    Floor().run()
    return 0


def _table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for number, row in enumerate(rows):
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))))
        if number == 0:
            print("  ".join("-" * w for w in widths))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000, help="size of the generated corpus")
    parser.add_argument("--corpus", type=Path, help="measure this corpus instead of a generated one")
    parser.add_argument("--keys", type=int, default=20, help="keystrokes per screen")
    parser.add_argument("--quiet", type=float, default=0.4, help="seconds without output that mean 'settled'")
    parser.add_argument("--no-sample", action="store_true", help="skip the bundled sample corpus")
    parser.add_argument("--option-list-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.option_list_child is not None:
        return option_list_child(args.option_list_child)
    if shutil.which("tmux") is None:
        print("bench_wire needs tmux", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="bench-wire-corpus-") as tmp_name:
        corpus = args.corpus
        if corpus is None:
            corpus = Path(tmp_name) / f"generated-{args.articles}"
            gen = [sys.executable, str(ROOT / "benchmarks" / "gen_corpus.py"), str(args.articles), str(corpus)]
            subprocess.run(gen, check=True, capture_output=True)
        count = sum(1 for p in corpus.rglob("*") if p.is_file() and not p.name.startswith("."))
        corpora = [corpus] if args.no_sample else [corpus, ROOT / "articles"]
        results = [measure_reader(c, args.keys, args.quiet) for c in corpora]
        floor = measure_floor(count, args.keys, args.quiet)
    floor_mean = statistics.mean(floor)
    print(f"bytes written per keystroke, {WIDTH}x{HEIGHT} truecolor tmux, {args.keys} keys per screen")
    floor_median = statistics.median(floor)
    print(f"floor: a bare OptionList of {count:,} rows, {floor_mean:,.0f} B per Down/Up (median {floor_median:,.0f})")
    print("a move that scrolls repaints the view: the median is the typical move, the mean includes scrolls")
    print()
    header = ["screen"]
    for r in results:
        header += [f"{r.corpus} mean", "median"]
    rows: list[tuple[str, ...]] = [(*header, "mean vs OptionList")]
    for name in results[0].figures:
        cells: list[str] = []
        for r in results:
            sent = r.figures.get(name) or []
            cells += [f"{statistics.mean(sent):,.0f}", f"{statistics.median(sent):,.0f}"] if sent else ["n/a", "n/a"]
        first = results[0].figures.get(name) or []
        ratio = f"{statistics.mean(first) / floor_mean:.2f}x" if first and floor_mean else "n/a"
        rows.append((name, *cells, ratio))
    _table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
