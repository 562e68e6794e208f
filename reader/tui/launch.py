"""Start the TUI from parsed command-line arguments."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import ReaderError
from ..locations import sample_corpus


def launch(args: argparse.Namespace) -> int:
    corpus = Path(args.corpus).expanduser() if args.corpus else sample_corpus()
    if not corpus.exists():
        raise ReaderError(f"corpus folder {str(corpus)!r} does not exist")
    if not (corpus.is_dir() or corpus.is_file()):
        raise ReaderError(f"{str(corpus)!r} is neither a folder nor a file")
    from .app import ReaderApp

    app = ReaderApp(corpus=corpus, store_path=Path(args.store) if args.store else None)
    app.run()
    return int(app.return_code or 0)
