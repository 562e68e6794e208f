"""Helpers shared by the sub-commands: corpus arguments, problem reports, safe output."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

from ..articles import Problem
from ..articles.dates import parse_date
from ..errors import UsageError
from ..locations import sample_corpus
from ..safe_text import safe_line

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (reader/records.py)
if TYPE_CHECKING:
    from typing import Any

_C1 = re.compile(r"[\x7f-\x9f]")


def add_corpus_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "corpus",
        nargs="?",
        metavar="CORPUS",
        help="a folder of articles, searched recursively (default: the bundled sample corpus)",
    )


def add_fresh_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="look at every file for changes first (by default only the folders' times are checked, "
        "which misses a file edited in place)",
    )


def corpus_path(args: argparse.Namespace) -> Path:
    value = getattr(args, "corpus", None)
    return Path(value).expanduser() if value else sample_corpus()


def report_problems(problems: list[Problem]) -> None:
    """Each problem once, on stderr, so stdout stays clean for scripts."""
    for problem in problems:
        print(f"reader: {safe_line(str(problem))}", file=sys.stderr)


def date_option(value: str) -> dt.date:
    """argparse type for --since/--until."""
    parsed = parse_date(value)
    if parsed is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (try 2022-04-26)")
    return parsed


def dumps(data: Any, **kwargs: Any) -> str:
    """JSON with real Unicode but with 8-bit control characters escaped, so that no
    article text can smuggle a C1 control sequence to a terminal through our output."""
    text = json.dumps(data, ensure_ascii=False, **kwargs)
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def check_range(since: dt.date | None, until: dt.date | None) -> None:
    if since and until and since > until:
        raise UsageError(f"--since {since} is after --until {until}")
