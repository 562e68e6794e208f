"""An index update in a process of its own, reporting progress as JSON lines on stdout.

    python -m reader.index.worker CORPUS [--cache DIR]

The TUI runs the incremental update here rather than in a thread: walking 100,000 files
and their bookkeeping then costs the TUI neither memory nor the GIL (the update uses the
second core), and a killed or crashed update never takes the reader down. The TUI
re-reads what changed from the database (WAL lets it read while this process writes).

Protocol, one JSON object a line:

- ``{"done": 500, "total": 100000, "changed": [id, ...], "removed": [id, ...], "phase": "files"}``
  after each committed batch (``changed``: ids added or changed, whose rows to re-read;
  ``phase`` "entities" in a cold build's second pass, counting articles);
- ``{"report": {...}}`` once at the end (``UpdateReport``'s counts and notices);
- ``{"error": "one line"}`` when the update cannot run (then exit status 1).

Any other line (a warning printed by a library) is not part of the protocol; a client
keeps the last few as the reason if the process dies without a report.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from ..articles.problems import CorpusError, Problem
from .corpus_index import CorpusIndex
from .model import UpdateProgress, UpdateReport

REPORT_COUNTS = ("added", "changed", "removed", "moved", "unchanged", "reread", "files")


class WorkerError(Exception):
    """The update could not run (the message is one line for the user)."""


def progress_line(step: UpdateProgress) -> str:
    return json.dumps({"done": step.done, "total": step.total, "changed": list(step.changed),
                       "removed": list(step.removed), "phase": step.phase})  # fmt: skip


def report_line(report: UpdateReport) -> str:
    counts: dict[str, Any] = {name: getattr(report, name) for name in REPORT_COUNTS}
    counts["seconds"] = report.seconds
    counts["notices"] = list(report.notices)
    # the walk's problems (broken links, unreadable folders) are in no file row: the client
    # needs them from here to show every problem
    counts["problems"] = [[str(p.path), p.reason, p.skipped] for p in report.problems]
    peak = peak_rss_mb()
    if peak is not None:
        counts["peak_mb"] = peak  # for benchmarks; clients need not read it
    return json.dumps({"report": counts})


def peak_rss_mb() -> float | None:
    """This process's peak resident memory (Linux ``VmHWM``: unlike ``ru_maxrss`` it is
    not inherited from the parent across fork and exec), or None where unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return None


def parse_line(line: str) -> UpdateProgress | UpdateReport | WorkerError | None:
    """A protocol line as a value; None for a line that is not part of the protocol."""
    try:
        data = json.loads(line)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    if "error" in data:
        return WorkerError(str(data["error"]))
    if "report" in data:
        found = data["report"]
        report = UpdateReport()
        for name in REPORT_COUNTS:
            setattr(report, name, int(found.get(name, 0)))
        report.seconds = float(found.get("seconds", 0.0))
        report.notices = [str(n) for n in found.get("notices", [])]
        report.problems = [Problem(Path(str(p)), str(r), bool(s)) for p, r, s in found.get("problems", [])]
        return report
    if "done" in data:
        return UpdateProgress(int(data["done"]), int(data.get("total", 0)), tuple(map(str, data.get("changed", ()))),
                        tuple(map(str, data.get("removed", ()))), str(data.get("phase", "files")))  # fmt: skip
    return None


def command(corpus: Path, cache: Path | None = None) -> list[str]:
    argv = [sys.executable, "-m", "reader.index.worker", str(corpus)]
    return argv + ["--cache", str(cache)] if cache is not None else argv


def spawn(corpus: Path, cache: Path | None = None) -> subprocess.Popen[str]:
    """Start the worker: stdout (and stderr, so nothing reaches the terminal the TUI
    draws on) piped back. The package's own folder goes first on the path, so the child
    runs this very code whatever the working directory."""
    env = dict(os.environ)
    package_parent = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH", "")) if p)
    return subprocess.Popen(
        command(corpus, cache), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, encoding="utf-8", errors="replace", env=env, bufsize=1,
    )  # fmt: skip


def follow(lines: Iterable[str], on_progress: Callable[[UpdateProgress], None]) -> UpdateReport:
    """Read a worker's output to its report, passing each batch on. Raises WorkerError
    when the worker reports one, or ends without a report (its last lines say why)."""
    other: list[str] = []
    for line in lines:
        found = parse_line(line)
        if isinstance(found, UpdateProgress):
            on_progress(found)
        elif isinstance(found, UpdateReport):
            return found
        elif isinstance(found, WorkerError):
            raise found
        elif line.strip():
            other = (other + [line.strip()])[-3:]
    raise WorkerError(other[-1] if other else "the index update stopped without a report")


def _emit(out: IO[str], line: str) -> None:
    out.write(line + "\n")
    out.flush()


def main(argv: list[str] | None = None) -> int:
    import argparse  # here: the TUI imports this module only to start the worker

    parser = argparse.ArgumentParser(prog="python -m reader.index.worker", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--cache", type=Path, default=None)
    args = parser.parse_args(argv)
    out = sys.stdout
    try:
        with CorpusIndex.open(args.corpus, args.cache) as index:
            report = index.update(progress=lambda step: _emit(out, progress_line(step)))
    except (CorpusError, OSError, sqlite3.Error) as exc:
        _emit(out, json.dumps({"error": str(exc).splitlines()[0] if str(exc) else type(exc).__name__}))
        return 1
    _emit(out, report_line(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
