"""The user's config file (TOML): key bindings by id, theme, entity backend and types.

A broken config never stops the reader: ``load_config`` returns the defaults plus one
readable warning naming the file and the line, and the caller shows it.

Example::

    theme = "gruvbox"

    [keys]
    bookmark = "f"            # binding id = key (or "f,ctrl+b")
    next_article = "right_square_bracket,l"

    [entities]
    backend = "builtin"       # or "spacy"
    show = ["PERSON", "ORG", "GPE", "LOC", "DATE", "MONEY"]
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .entities.model import LABELS
from .locations import config_path
from .regular_file import read_regular

BACKENDS = ("builtin", "spacy")
_KEY = re.compile(r"[A-Za-z0-9_+\-,. ]+|.")
_TABLE = re.compile(r"\[\s*([^\[\]]+?)\s*\]\s*(#.*)?")
_KEYS_ENTRY = re.compile(r"(keys\s*\.\s*)?([\"']?)([A-Za-z0-9_-]+)\2\s*=")


@dataclass
class Config:
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    backend: str = "builtin"
    show: tuple[str, ...] | None = None  # None: every type shown
    path: Path | None = None
    key_lines: dict[str, int] = field(default_factory=dict)  # binding id -> its line in the file


@dataclass
class ConfigResult:
    config: Config
    warnings: list[str] = field(default_factory=list)


def _validate(data: dict[str, Any], path: Path, warnings: list[str]) -> Config:
    config = Config(path=path)
    where = str(path)
    for key in data:
        if key not in ("theme", "keys", "entities"):
            warnings.append(f"{where}: unknown setting {key!r} ignored")
    theme = data.get("theme")
    if theme is not None:
        if isinstance(theme, str) and theme.strip():
            config.theme = theme.strip()
        else:
            warnings.append(f"{where}: 'theme' must be a theme name; using the default theme")
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        warnings.append(f'{where}: [keys] must be a table of binding id = "key"; ignored')
        keys = {}
    for binding_id, value in keys.items():
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = ",".join(value)
        if not isinstance(value, str) or not value.strip() or not _KEY.fullmatch(value.strip()):
            warnings.append(f'{where}: key for {binding_id!r} must be a key name such as "B" or "ctrl+b"; ignored')
            continue
        config.keys[str(binding_id)] = value.strip()
    entities = data.get("entities", {})
    if not isinstance(entities, dict):
        warnings.append(f"{where}: [entities] must be a table; ignored")
        entities = {}
    backend = entities.get("backend", "builtin")
    if backend in BACKENDS:
        config.backend = backend
    else:
        warnings.append(f"{where}: entity backend {backend!r} is not one of {', '.join(BACKENDS)}; using builtin")
    show = entities.get("show")
    if show is not None:
        if isinstance(show, list) and all(isinstance(s, str) for s in show):
            wanted = [s.upper() for s in show]
            unknown = [s for s in wanted if s not in LABELS]
            if unknown:
                warnings.append(f"{where}: unknown entity types {', '.join(unknown)} ignored")
            config.show = tuple(s for s in wanted if s in LABELS)
        else:
            warnings.append(f'{where}: entities.show must be a list of types such as ["PERSON", "ORG"]; ignored')
    return config


def _key_lines(text: str) -> dict[str, int]:
    """Binding id -> the line it is set on, under ``[keys]`` or as ``keys.<id>``.

    tomllib gives no positions, and a remap refused later (an unknown id, a key taken twice:
    reader/keymap.py) should name its line like any other mistake.
    """
    found: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = _TABLE.fullmatch(stripped)
        if header:
            table = header.group(1).strip("\"'")
            continue
        entry = _KEYS_ENTRY.match(stripped)
        if entry and (table == "keys" if entry.group(1) is None else table == ""):
            found.setdefault(entry.group(3), number)
    return found


def load_config(path: Path | None = None) -> ConfigResult:
    """Read the config; a missing file is the defaults, a broken one the defaults plus a warning."""
    path = path or config_path()
    try:
        raw = read_regular(path)  # a named pipe is refused, not waited on
    except FileNotFoundError:
        return ConfigResult(Config(path=path))
    except OSError as exc:
        return ConfigResult(Config(path=path), [f"{path}: cannot read config ({exc.strerror}); using defaults"])
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        return ConfigResult(Config(path=path), [f"{path}: config is not UTF-8 text; using defaults"])
    except tomllib.TOMLDecodeError as exc:
        # tomllib's message ends "(at line N, column M)": keep it, it names the line.
        return ConfigResult(Config(path=path), [f"{path}: {exc}; using defaults"])
    warnings: list[str] = []
    config = _validate(data, path, warnings)
    config.key_lines = {k: n for k, n in _key_lines(text).items() if k in config.keys}
    return ConfigResult(config, warnings)
