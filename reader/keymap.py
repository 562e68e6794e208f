"""Checking the config's ``[keys]`` remaps without Textual: unknown ids and key collisions.

Textual's ``set_keymap`` takes any binding id and any key without a word: an id that
exists nowhere is ignored, and a key given to a second action in the same place silently
takes it (``bookmark = "B"`` took ``B`` from the bookmarks view; ``bookmark = "q"`` took
Quit). ``check_keymap`` finds both, so ``reader config show`` and the app's start report
them (with the config line) and only the sound remaps are applied.

The CLI never loads Textual (ARCHITECTURE.md §1), so the binding ids and default keys of
each place are written out here. ``tests/tui/test_tui_keymap.py`` compares this table with
the real ``BINDINGS`` of the screens and widgets, so the two cannot drift apart.
"""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

# The app's own bindings: active on every screen (a screen's own binding wins over them).
GLOBAL: tuple[tuple[str, str], ...] = (("quit", "q"), ("help", "question_mark"))

_ARTICLE_SCREEN: tuple[tuple[str, str], ...] = (
    ("back", "escape"),
    ("previous_article", "left_square_bracket"),
    ("next_article", "right_square_bracket"),
    ("bookmark", "b"),
    ("new_note", "n"),
    ("edit_note", "c"),
    ("delete_note", "x"),
    ("entities", "e"),
    ("next_mention", "greater_than_sign"),
    ("previous_mention", "less_than_sign"),
    ("mentions", "m"),
    ("notes_view", "N"),
    ("bookmarks_view", "B"),
)
# The cursor keys the article list and the article body share (each binds them itself).
_MOVE: tuple[tuple[str, str], ...] = (
    ("down", "j,down"),
    ("up", "k,up"),
    ("first", "g,home"),
    ("last", "G,end"),
    ("page_up", "pageup"),
    ("page_down", "pagedown"),
)
_ARTICLE_BODY = _MOVE
_LIST_DOWN_UP: tuple[tuple[str, str], ...] = (("back", "escape"), ("down", "j"), ("up", "k"))

# Place -> the (binding id, default keys) active there besides GLOBAL: the focused widget's
# bindings plus its screen's, as Textual looks them up.
CONTEXTS: dict[str, tuple[tuple[str, str], ...]] = {
    "article list": _MOVE
    + (
        ("open", "enter"),
        ("bookmark", "b"),
        ("notes_view", "N"),
        ("bookmarks_view", "B"),
        ("overview", "o"),
        ("problems", "P"),
        ("entity_browser", "E"),
        ("search", "slash"),
        ("clear_filter", "escape"),
        ("fetch_feeds", "R"),
        ("feeds_view", "F"),
    ),
    "article": _ARTICLE_BODY + _ARTICLE_SCREEN,
    "entity panel": (
        ("down", "j"),
        ("up", "k"),
        ("toggle_type", "space"),
        ("entity_note", "n"),
        ("merge_entity", "M"),
        ("rename_entity", "r"),
        ("label_entity", "L"),
        ("hide_entity", "H"),
    )
    + _ARTICLE_SCREEN,
    "mentions view": (
        ("back", "escape"),
        ("down", "j"),
        ("up", "k"),
        ("open", "enter"),
        ("switch", "tab"),
        ("dossier", "d"),
    ),
    "entity browser": _MOVE
    + (
        ("open", "enter"),
        ("back", "escape"),
        ("next_type", "tab"),
        ("previous_type", "shift+tab"),
        ("search", "slash"),
        ("dossier", "d"),
        ("hide_entity", "H"),
    ),
    "note editor": (("save_note", "ctrl+s"), ("cancel_note", "escape")),
    "notes view": _LIST_DOWN_UP + (("edit_note", "c"), ("delete_note", "x")),
    "bookmarks view": _LIST_DOWN_UP + (("bookmark", "b"),),
    "corpus overview": (("back", "escape"),),
    "help": (
        ("close", "escape,q,question_mark"),
        ("help_down", "j,down"),
        ("help_up", "k,up"),
        ("help_page_down", "pagedown,space"),
        ("help_page_up", "pageup"),
        ("help_top", "g,home"),
        ("help_bottom", "G,end"),
    ),
    "file problems": (("close", "escape,q"),),
    "confirmation": (("confirm_yes", "y"), ("confirm_no", "n,escape")),
    "feeds view": (("back", "escape"), ("add_feed", "a"), ("remove_feed", "d"), ("fetch_feeds", "R")),
}

# Textual names a punctuation key by its Unicode name, with these shortened (textual.keys).
_NAME_REPLACEMENTS = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}


def normalize_key(key: str) -> str:
    """One spelling per key, so ``?`` and ``question_mark`` (or ``ctrl+S`` and ``ctrl+s``) match."""
    key = key.strip() or key  # a lone " " is the space key
    if key == "+":
        return "plus"
    *modifiers, last = key.split("+")
    if len(last) == 1 and not last.isalnum():
        with contextlib.suppress(ValueError):  # a character without a name keeps itself
            last = unicodedata.name(last).lower().replace("-", "_").replace(" ", "_")
        last = _NAME_REPLACEMENTS.get(last, last)
    elif len(last) > 1:
        last = last.lower()  # named keys ("Enter", "PageUp"); a single letter keeps its case
    return "+".join(sorted(m.strip().lower() for m in modifiers) + [last])


def _keys(keys: str) -> set[str]:
    return {normalize_key(k) for k in keys.split(",") if k.strip()}


def known_ids() -> set[str]:
    return {binding_id for binding_id, _ in GLOBAL} | {
        binding_id for bindings in CONTEXTS.values() for binding_id, _ in bindings
    }


@dataclass
class KeymapCheck:
    valid: dict[str, str] = field(default_factory=dict)  # the remaps safe to apply
    warnings: list[str] = field(default_factory=list)


def check_keymap(keys: Mapping[str, str], lines: Mapping[str, int] | None = None, where: str = "config") -> KeymapCheck:
    """Split the remaps into those to apply and a warning for each one left out.

    A remap is left out (its binding keeps its default key) when its id is unknown, or when
    in some place it gives a key to two actions that did not share it by default (a screen
    closing on ``q`` over the app's Quit is by design). Leaving one out can bring back a
    default key another remap took, so the check repeats until nothing collides.
    """
    lines = lines or {}

    def at(binding_id: str) -> str:
        line = lines.get(binding_id)
        return f"{where}, line {line}" if line else where

    result = KeymapCheck()
    known = known_ids()
    remaps: dict[str, str] = {}
    for binding_id, value in keys.items():
        if binding_id in known:
            remaps[binding_id] = value
        else:
            result.warnings.append(
                f"{at(binding_id)}: unknown binding id {binding_id!r} ignored (the help screen, ?, lists the ids)"
            )
    while True:
        dropped: dict[str, str] = {}
        for place, own in CONTEXTS.items():
            bindings = GLOBAL + own
            default = {binding_id: _keys(k) for binding_id, k in bindings}
            effective = {binding_id: _keys(remaps.get(binding_id, k)) for binding_id, k in bindings}
            for binding_id in remaps:
                if binding_id not in effective or binding_id in dropped:
                    continue
                for other, other_keys in effective.items():
                    if other == binding_id:
                        continue
                    shared = effective[binding_id] & other_keys
                    new = sorted(k for k in shared if not (k in default[binding_id] and k in default[other]))
                    if new:
                        dropped[binding_id] = (
                            f"{at(binding_id)}: key {new[0]!r} for {binding_id!r} is already used by {other!r} in the "
                            f"{place}; {binding_id!r} keeps its default key"
                        )
                        break
        if not dropped:
            break
        for binding_id, warning in dropped.items():
            del remaps[binding_id]
            result.warnings.append(warning)
    result.valid = remaps
    return result
