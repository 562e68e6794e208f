"""Dialogs that several screens start: writing, editing and deleting a note, toggling a
bookmark, correcting an entity or writing a note on it, and moving an unreadable notes
file aside.

Each takes the screen or app that starts it and the ``UserData`` to write through. The
modal is pushed through Textual's own ``App`` (never the reader's app class), the write
goes through ``UserData`` (the store's lock and atomic replace, ARCHITECTURE.md §2.2), a
failed write keeps the dialog open with the typed text, and a write that took posts
``MarksChanged`` to the app so everything showing marks repaints.

The dialogs' screens are imported when one opens: the library screen imports this module,
and the note editor's ``TextArea`` alone took a fifth of the time the reader's own imports
add to a start.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.dom import DOMNode

from ..articles import Article
from ..entities.model import LABELS
from ..safe_text import safe_line
from .glyphs import glyph
from .messages import MarksChanged
from .userdata import UserData, UserDataError


def toggle_bookmark(node: DOMNode, userdata: UserData, article: Article) -> None:
    app = node.app
    try:
        on = userdata.toggle_bookmark(article)
    except UserDataError as exc:
        app.notify(str(exc), title="Not saved", severity="error", timeout=10)
        return
    app.notify("Bookmarked" if on else "Bookmark removed", timeout=2)
    app.post_message(MarksChanged())


def new_note(node: DOMNode, userdata: UserData, article: Article, paragraph: int) -> None:
    from .screens.note_editor import NoteEditor

    app = node.app
    if not article.paragraphs:
        app.notify("This article has no paragraphs to anchor a note to.", severity="warning")
        return
    paragraph = max(0, min(paragraph, len(article.paragraphs) - 1))

    def save(text: str) -> str | None:
        try:
            userdata.add_note(article, paragraph, text)
        except UserDataError as exc:
            return str(exc)
        return None

    heading = f"New note on {glyph('¶')}{paragraph + 1} of {safe_line(article.title)}"
    app.push_screen(NoteEditor(heading, article.paragraph_text(paragraph), save), _saved(app))


def edit_note(node: DOMNode, userdata: UserData, note_id: str) -> None:
    from .screens.note_editor import NoteEditor

    app = node.app
    note = userdata.note(note_id)
    if note is None:
        return

    def save(text: str) -> str | None:
        try:
            userdata.edit_note(note_id, text)
        except UserDataError as exc:
            return str(exc)
        return None

    app.push_screen(
        NoteEditor(f"Edit note on {glyph('¶')}{note.paragraph + 1}", note.quote, save, note.text), _saved(app)
    )


def delete_note(node: DOMNode, userdata: UserData, note_id: str) -> None:
    from .screens.confirm import ConfirmScreen

    app = node.app
    note = userdata.note(note_id)
    if note is None:
        return

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            userdata.delete_note(note_id)
        except UserDataError as exc:
            app.notify(str(exc), title="Not deleted", severity="error", timeout=10)
            return
        app.notify("Note deleted", timeout=2)
        app.post_message(MarksChanged())

    excerpt = safe_line(note.text)
    excerpt = excerpt[:80] + (glyph("…") if len(excerpt) > 80 else "")
    app.push_screen(ConfirmScreen(f"Delete this note?\n\n{excerpt}", "Delete", "Keep"), answered)


FindEntity = Callable[[str], tuple[str, str] | None]
"""A typed name -> (the entity's key as corrected, its label), or None when unknown."""


def correct_entity(node: DOMNode, userdata: UserData, op: str, key: str, label: str, find: FindEntity) -> None:
    """Ask for what a correction of ``key`` needs, then save it. ``op``: "note", "merge",
    "rename", "label" or "hide"."""
    from .screens.note_editor import NoteEditor

    app = node.app
    shown = safe_line(key)
    if op == "hide":
        try:
            userdata.correct_entity("hide", key)
        except UserDataError as exc:
            app.notify(str(exc), title="Not saved", severity="error", timeout=10)
            return
        app.notify(f"{shown} is hidden everywhere (the Hidden tab of E shows it again)", timeout=4)
        app.post_message(MarksChanged())
        return

    def save(text: str) -> str | None:
        value = " ".join(text.split())
        try:
            if op == "note":
                userdata.add_entity_note(key, text)
            elif op == "rename":
                userdata.correct_entity("rename", key, name=value)
            elif op == "label":
                if value.upper() not in LABELS:
                    return f"unknown label {safe_line(value)!r}; the labels are: {', '.join(LABELS)}"
                userdata.correct_entity("label", key, label=value.upper())
            else:
                target = find(value)
                if target is None:
                    return f"no entity named {safe_line(value)!r} in this corpus"
                if target[0] == key:
                    return f"{safe_line(value)!r} is {shown} itself: merge it into another entity"
                into = userdata.corrections.origin(target[0])
                userdata.correct_entity("merge", key, into=into, label=target[1])
        except UserDataError as exc:
            return str(exc)
        return None

    heading = {
        "note": f"Note on {shown} (shown beside every article naming it)",
        "merge": f"Merge {shown} into" + glyph("… (type the other entity's name)"),
        "rename": f"Rename {shown} to" + glyph("…"),
        "label": f"New label for {shown} (now {label}): one of {', '.join(LABELS)}",
    }[op]
    app.push_screen(NoteEditor(heading, f"{key} ({label})", save), _saved(app))


def _saved(app: App[Any]) -> Callable[[str | None], None]:
    def done(saved: str | None) -> None:
        if saved is not None:
            app.post_message(MarksChanged())

    return done


def offer_store_reset(app: App[Any], userdata: UserData, store_path: str) -> None:
    """The notes file cannot be read: say so, and offer to move it aside."""
    from .screens.confirm import ConfirmScreen

    question = (
        f"{userdata.reason}.\n\nThe reader has opened read-only: nothing you do will be saved, "
        f"and the file ({safe_line(store_path)}) is left untouched.\n\n"
        "Move it aside (kept, renamed) and start a fresh notes file?"
    )

    def answered(move: bool | None) -> None:
        if move:
            move_store_aside(app, userdata)

    app.push_screen(ConfirmScreen(question, "Move aside", "Stay read-only"), answered)


def move_store_aside(app: App[Any], userdata: UserData) -> None:
    if not userdata.corrupt:
        app.notify("The notes file is fine; nothing to move.")
        return
    try:
        moved = userdata.reset()
    except (OSError, UserDataError, ImportError) as exc:
        app.notify(safe_line(str(exc)), title="Cannot move the notes file", severity="error")
        return
    app.notify(f"Old notes file kept as {safe_line(str(moved))}" if moved else "Started a fresh notes file.")
    app.post_message(MarksChanged())
