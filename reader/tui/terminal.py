"""What the terminal can show, decided once at start-up.

Textual honours ``NO_COLOR`` by turning every colour into a *grey* (its ``Monochrome``
filter), so a NO_COLOR user still receives 256-colour and truecolor escapes. The reader
asks for Textual's ANSI mode instead whenever colour is unwanted: then Textual uses its
``NoColor`` filter (the terminal's default colours only, no colour escapes at all), and
widgets switch to their ``:ansi`` styles, which mark cursors with reverse video rather
than a background colour. ``styles/reader.tcss`` adds ``:nocolor`` rules for the reader's
own cursors and highlights, and entity types keep their attributes (entity_colors).

A terminal that calls itself ``dumb`` (or ``unknown``) gets the same treatment: Rich
detects no colour system there, yet Textual would still send truecolor escapes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, MutableMapping

DUMB_TERMS = frozenset({"dumb", "unknown"})


def is_dumb(environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return env.get("TERM", "").strip().lower() in DUMB_TERMS


def wants_no_colour(environ: Mapping[str, str] | None = None) -> bool:
    """True when colour must not be sent: ``NO_COLOR`` present (Textual's reading: any
    value, even empty) or a dumb terminal."""
    env = os.environ if environ is None else environ
    return "NO_COLOR" in env or is_dumb(env)


def prepare_environment(environ: MutableMapping[str, str] | None = None) -> None:
    """Before the app is built: a dumb terminal is treated as NO_COLOR (Textual reads the
    variable when the App is constructed)."""
    env = os.environ if environ is None else environ
    if is_dumb(env):
        env.setdefault("NO_COLOR", "1")
