"""The sub-commands of ``reader``. Each module has ``register(subparsers)``.

Every module here must stay free of Textual imports at module level: these commands start
fast because they never load the TUI (a test checks it).

``COMMANDS`` names each command's module and its one-line help, so ``reader --help`` and
``reader --version`` list or skip the commands without importing any of them, and ``reader
search`` imports only ``search`` (``reader/cli.py``). A test keeps each line equal to the
help its module registers.
"""

COMMANDS: dict[str, str] = {
    "list": "list articles newest first: id, date, title, path",
    "entities": "list the named entities of article files",
    "search": 'search the corpus: words, "phrases", @dates, person:/org:/place:, is:/has:',
    "mentions": "articles mentioning an entity, newest first, with counts",
    "index": "bring the corpus index up to date and say what changed",
    "note": "add, list, edit or delete notes on articles",
    "bookmark": "add, remove or list bookmarks",
    "export": "export all notes and bookmarks (Markdown or JSON)",
    "config": "show where the config file is, or check it",
    "serve": "serve the reader in a browser (needs the 'serve' extra)",
    "feeds": "subscribe to feeds and fetch them into the library",
    "add": "save web pages (fetched or saved .html) as articles",
    "show": "print one article: metadata, text, paragraphs, entities",
    "entity": "the corpus's entities: correct (merge, rename, relabel, hide, add), note, list the top",
    "dossier": "one entity written up: names, timeline, every article and sentence, who appears alongside",
}

COMMAND_MODULES = tuple(COMMANDS)
