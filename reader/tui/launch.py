"""Start the TUI from parsed command-line arguments (``reader [CORPUS] [--store PATH]``).

The user's config (``reader.config``) is applied here: key remaps by binding id, the
theme, the entity backend and which entity types start switched on. A broken config
never stops the reader; its warnings are shown once the app is up.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import ReaderError
from ..locations import default_library_path, default_store_path, sample_corpus


def default_corpus(library: Path) -> Path:
    """With no CORPUS: the library of fetched feeds and added pages once it holds an
    article, else the bundled samples (a first start shows something to read)."""
    from ..feeds.library import has_articles

    return library if has_articles(library) else sample_corpus()


def launch(args: argparse.Namespace) -> int:
    library = default_library_path()
    corpus = Path(args.corpus).expanduser() if getattr(args, "corpus", None) else default_corpus(library)
    if not corpus.exists():
        raise ReaderError(f"corpus folder {str(corpus)!r} does not exist")
    if not (corpus.is_dir() or corpus.is_file()):
        raise ReaderError(f"{str(corpus)!r} is neither a folder nor a file")
    store = Path(args.store).expanduser() if getattr(args, "store", None) else default_store_path()
    from ..config import load_config
    from .app import ReaderApp
    from .terminal import prepare_environment

    prepare_environment()

    loaded = load_config()
    app = ReaderApp(
        corpus=corpus, store_path=store, config=loaded.config, warnings=loaded.warnings, feed_library=library
    )
    app.run()
    return int(app.return_code or 0)
