"""Writing a dossier from the TUI (``d`` in the entity browser and the mentions view).

The dossier goes into a ``dossiers`` folder beside the user's store, named after the
entity, so it is found again next to the notes it quotes. It is gathered on a connection
of its own (a fresh ``CorpusIndex`` on the same database), in the caller's worker thread:
reading every article that names a common entity takes seconds, and the list's shared
connection must not be held that long. ``DossierWriter`` runs it in a worker of the
screen that asked and says where the file went (or why it did not).
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import Screen

from ..dossier import ArticleNote, gather, to_markdown
from ..index import CorpusIndex
from .context import ReaderContext
from .glyphs import glyph

_UNSAFE = re.compile(r"[^\w.-]+")


def dossier_path(folder: Path, key: str) -> Path:
    """``folder/<key as a file name>.md``: letters, digits, ``.``, ``-`` and ``_`` kept,
    the rest folded to ``-`` (no separator, no hidden file, never empty)."""
    stem = _UNSAFE.sub("-", key).strip("-.") or "entity"
    return folder / f"{stem[:80]}.md"


def write_dossier(context: ReaderContext, key: str, label: str | None) -> Path | None:
    """Gather and write the dossier of ``key``; its path, or None when the index does not
    know the entity. Raises ``OSError`` (folder or file not writable) and
    ``sqlite3.Error``; blocking: call it from a worker thread."""
    index = context.source.index
    if index is None:
        return None
    userdata = context.userdata

    def display(path: str) -> str:
        return context.display_path(Path(path))

    def notes_for(article_id: str) -> list[ArticleNote]:
        return [ArticleNote(n.paragraph, n.text, n.created) for n in userdata.notes_for(article_id)]

    with CorpusIndex.open(index.corpus, index.cache) as own:
        found = gather(
            own,
            key,
            label,
            notes_for=notes_for,
            bookmarked=userdata.is_bookmarked,
            spell=display,
            corrections=userdata.corrections,
            entity_notes=lambda shown, _label: [n.text for n in userdata.entity_notes(shown)],
        )
    if found is None:
        return None
    folder = userdata.path.parent / "dossiers"
    folder.mkdir(parents=True, exist_ok=True)
    path = dossier_path(folder, found.key)
    path.write_text(to_markdown(found), encoding="utf-8")
    return path


class DossierWriter:
    """``write(key, label)``: the dossier written in a thread worker of ``screen``, then
    a toast with its path. One at a time per screen (a second ``d`` waits its turn)."""

    def __init__(self, screen: Screen[None], context: ReaderContext) -> None:
        self.screen = screen
        self.context = context
        self.last: Path | None = None  # the last dossier written (tests and the status line)

    def write(self, key: str, label: str | None) -> None:
        if self.context.source.index is None:
            self.screen.notify("Dossiers need the corpus index, which cannot be used here.", severity="warning")
            return
        self.screen.notify(f"Writing the dossier of {key}" + glyph("…"))
        app = self.screen.app  # kept: the screen may be dismissed before the file is written
        self.screen.run_worker(lambda: self._run(app, key, label), thread=True, group="dossier")

    def _run(self, app: App[Any], key: str, label: str | None) -> None:
        path: Path | None = None
        error: str | None = None
        try:
            path = write_dossier(self.context, key, label)
        except (OSError, sqlite3.Error) as exc:
            error = str(exc)
        with contextlib.suppress(RuntimeError):  # the app is closing
            app.call_from_thread(self._done, app, key, path, error)

    def _done(self, app: App[Any], key: str, path: Path | None, error: str | None) -> None:
        if error is not None:
            app.notify(f"Cannot write the dossier of {key}: {error}", severity="error")
        elif path is None:
            app.notify(f"{key} is not in the index; no dossier written.", severity="warning")
        else:
            self.last = path
            app.notify(f"Dossier of {key} written to {path}", timeout=10)
