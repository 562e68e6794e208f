"""The sub-commands of ``reader``. Each module has ``register(subparsers)``.

Every module here must stay free of Textual imports at module level: these commands start
fast because they never load the TUI (a test checks it).
"""

COMMAND_MODULES = ("list", "entities", "search", "mentions", "entity", "note", "bookmark", "export", "config", "serve")
