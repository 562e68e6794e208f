"""The command line: ``reader [CORPUS]`` opens the TUI; sub-commands serve scripts.

Sub-commands live in ``reader.commands.<name>``, listed with their help line in
``reader.commands.COMMANDS``: only the command being run is imported (``reader --help``
lists them all from the table alone), so a command starts without loading the others.
Errors a user can cause end in one line on stderr and exit 1 (2 for usage errors); a
traceback is only shown with ``READER_DEBUG=1``.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from . import __version__
from .commands import COMMAND_MODULES, COMMANDS
from .errors import ReaderError, UsageError
from .safe_text import safe_line

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (3 ms of --version)
if TYPE_CHECKING:
    from typing import Any

USAGE = "%(prog)s [CORPUS] [--store PATH]\n       %(prog)s COMMAND [ARGS...]"


def _terminal_columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` finds it: ``COLUMNS``, else
    the width of the terminal on standard output, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _formatter(prog: str) -> argparse.HelpFormatter:
    """argparse's own help formatter, at the width it would choose itself. argparse makes
    one for every argument added (to check its metavar), and left to itself each imports
    ``shutil`` for the width, which brings bz2, lzma and zlib: 4 ms of every command."""
    return argparse.HelpFormatter(prog, width=_terminal_columns() - 2)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _load_command(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"reader.commands.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"reader.commands.{name}":
            return None
        raise


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command parser; with ``only``, just that command is imported and registered,
    so ``reader note add`` does not pay for importing every other command. Without it
    (``reader --help``, ``--version``) each command is a bare entry with its help line
    from ``COMMANDS``, and no command module is imported."""
    parser = _Parser(
        prog="reader",
        usage=USAGE,
        description="Read a corpus of news articles in the terminal. "
        "`reader [CORPUS] [--store PATH]` opens the reader itself on CORPUS, a folder of "
        "articles (default: the bundled sample corpus); --store PATH picks the notes and "
        "bookmarks file (default: $READER_STORE, else the user-data folder). "
        "Scripts use the commands below; `reader COMMAND --help` describes each.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser, prog="reader")
    if only is None:
        for name, summary in COMMANDS.items():
            sub.add_parser(name, help=summary, add_help=False)
        return parser
    module = _load_command(only)
    if module is not None:
        module.register(sub)
    return parser


def build_tui_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reader",
        description="Open the reader on CORPUS (default: the library of fetched feeds when it holds "
        "articles, else the bundled sample corpus).",
    )
    parser.add_argument("corpus", nargs="?", help="a folder of articles (searched recursively)")
    parser.add_argument("--store", help="the notes and bookmarks file (default: READER_STORE or the user-data folder)")
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    return parser


def _check_corpus_word(word: str) -> None:
    """A bare word that is neither a command nor an existing path is a mistyped command
    far more often than a missing corpus (``reader lsit``): say so as a usage error, with
    the closest command when there is one, instead of "corpus folder 'lsit' does not exist".
    Anything path-like (``~/news``, ``./list``, ``a/b``) keeps the corpus error."""
    if word.startswith(("-", ".", "~")) or os.sep in word or (os.altsep and os.altsep in word):
        return
    if Path(word).exists():
        return
    import difflib  # only for a word that is not a command

    close = difflib.get_close_matches(word, COMMAND_MODULES, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise UsageError(f"no command or folder named '{safe_line(word)}'{hint}")


def _run(argv: list[str], whole_process: bool = False) -> int:
    """The first word decides: a command name or a help flag goes to the command parser,
    anything else is ``reader [CORPUS]`` (a folder named like a command: ``./list``).
    ``whole_process``: this command is all the process will do (``main`` explains)."""
    if argv and (argv[0] in COMMAND_MODULES or argv[0] in ("-h", "--help", "--version")):
        if whole_process:
            gc.disable()  # importing the command makes objects that live to the end, not garbage
        parser = build_parser(argv[0] if argv[0] in COMMAND_MODULES else None)
        if whole_process:
            gc.freeze()  # ... so no collection needs to walk them again
            gc.enable()
        args = parser.parse_args(argv)
        if getattr(args, "func", None) is None:
            parser.print_help()
            return 0
        return int(args.func(args))
    args = build_tui_parser().parse_args(argv)
    if args.corpus is not None:
        _check_corpus_word(args.corpus)
    from .tui.launch import launch  # Textual is imported only here

    return launch(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``reader`` console script.

    Without ``argv`` the command line is the process's own (the console script,
    ``python -m reader``), and the process ends when the command does. Then the garbage
    collector is told to leave alone what is bound to live to the end: the imported
    modules (no collection while the command's are imported, then ``gc.freeze``), and
    everything left when the command returns, which the collections of the interpreter's
    exit would otherwise walk (about 5 ms of a 50 ms ``reader search``). Every file and
    database is closed by then (``with`` blocks, ``close`` calls), so nothing waits on
    those collections. A caller passing ``argv`` (the tests, a script) runs on
    afterwards, and nothing is frozen.
    """
    whole_process = argv is None
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        return _run(args, whole_process)
    except UsageError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return exc.exit_code
    except ReaderError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `reader list | head`: the reader went away; not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        if os.environ.get("READER_DEBUG"):
            raise
        print(
            f"reader: internal error: {type(exc).__name__}: {exc} (set READER_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 1
    finally:
        if whole_process:
            gc.freeze()


if __name__ == "__main__":
    sys.exit(main())
