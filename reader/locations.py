"""Where things live: the bundled corpus and styles, the user's store, cache and config.

platformdirs is imported only when a folder is not named by its environment variable
(``READER_STORE``, ``READER_CACHE``...): it costs a command about 4 ms to import (its
runtime check loads ``tempfile``, ``random`` and ``shutil``).
"""

from __future__ import annotations

import os
from pathlib import Path

from .hashes import sha256_hex

APP_NAME = "newsreader-tui"
_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    """A data folder shipped in the wheel (``reader/_data/<name>``) or, when running from
    a source checkout, the repository's top-level folder of that name."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def sample_corpus() -> Path:
    return _bundled("articles")


def styles_dir() -> Path:
    return _bundled("styles")


def default_store_path() -> Path:
    """``READER_STORE`` if set, else ``store.json`` in the platform user-data folder."""
    env = os.environ.get("READER_STORE")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME)) / "store.json"


def cache_dir() -> Path:
    env = os.environ.get("READER_CACHE")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME))


def database_path(corpus: Path, cache: Path | None = None) -> Path:
    """Where the index of ``corpus`` lives: one database per corpus in the cache folder,
    named by a hash of the corpus's resolved path. Here rather than in ``reader.index``
    so a command can see whether an index was built without importing that package."""
    root = str(corpus.expanduser().resolve())
    digest = sha256_hex(root.encode("utf-8", "surrogateescape"))[:20]
    return (cache if cache is not None else cache_dir()) / "index" / f"{digest}.sqlite3"


def config_path() -> Path:
    env = os.environ.get("READER_CONFIG")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def default_library_path() -> Path:
    """Where fetched feed entries and added pages are written: ``READER_LIBRARY`` if set,
    else ``library/`` in the platform user-data folder, beside the store. It is an
    ordinary corpus folder, so ``reader list`` and the TUI read it like any other."""
    env = os.environ.get("READER_LIBRARY")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME)) / "library"
