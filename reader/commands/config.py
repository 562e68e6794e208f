"""``reader config path|show``: where the config file lives and what it says."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..config import load_config
from ..keymap import check_keymap
from ..locations import config_path
from . import COMMANDS
from .common import dumps


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "config",
        help=COMMANDS["config"],
        description="The config file (TOML) remaps keys by binding id, picks the theme, "
        "the entity backend and the entity types shown. READER_CONFIG overrides its place.",
    )
    parser.add_argument("action", choices=("path", "show"), help="path: print where it is; show: check it and print it")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.action == "path":
        print(config_path())
        return 0
    result = load_config()
    cfg = result.config
    keymap = check_keymap(cfg.keys, cfg.key_lines, str(cfg.path))  # the same check as the app's start
    warnings = result.warnings + keymap.warnings
    for warning in warnings:
        print(f"reader: {warning}", file=sys.stderr)
    print(
        dumps(
            {
                "path": str(cfg.path),
                "theme": cfg.theme,
                "keys": keymap.valid,  # what the app applies
                "backend": cfg.backend,
                "show": list(cfg.show) if cfg.show is not None else None,
            },
            indent=2,
        )
    )
    return 1 if warnings else 0
