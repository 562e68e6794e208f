"""``reader entity ...``: commands about the corpus's entities as a whole.

Each sub-command's module adds itself to the group (``entity_top.add_top_parser``).
"""

from __future__ import annotations

import argparse
from typing import Any

from . import COMMANDS
from .entity_top import add_top_parser


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "entity",
        help=COMMANDS["entity"],
        description="Commands about the corpus's entities. `reader entity COMMAND --help` describes each.",
    )
    entity_sub = parser.add_subparsers(dest="entity_command", metavar="COMMAND", parser_class=type(parser))
    add_top_parser(entity_sub)

    def usage(args: argparse.Namespace) -> int:
        parser.print_help()  # `reader entity` alone: what the group offers
        return 0

    parser.set_defaults(func=usage)
