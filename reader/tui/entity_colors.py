"""Entity colours: one small table, so every widget paints a type the same way.

Each OntoNotes label gets a colour for dark themes and one for light themes (a colour that
reads well on black is often unreadable on white); no two labels share one. Colour alone is
not enough (colour blindness, NO_COLOR, a 16-colour console), so each label also gets its
own set of text attributes: the legend shows every label as its own entry, so a person
must not look like an organisation, nor a date like a sum of money, once colour is gone.
The sets follow the groups, so they can be learnt: agents are bold, places underlined,
named things italic, numbers (dates, times, money, quantities) dim; within a group a
single or double underline, bold or italic tells the members apart. Every set holds bold,
italic or an underline, so under NO_COLOR no entity vanishes into the text. Dim never
tells two labels apart on its own when colour is on: Textual folds dim into a darker
colour (its ANSIToTruecolor filter), so a number and a name whose sets differ only by dim
(a date and an event, both italic and underlined) are told apart by colour there. Under
NO_COLOR dim does reach the terminal (SGR 2) and makes numbers quieter than names. Double
underline is SGR 21; a console that lacks it (the Linux VT) draws a single underline, and
colour tells the pair apart there. Reverse video is kept for the selection (the chosen
entity, the current mention), which must stand out of everything else without colour,
and strike for the legend's switched-off types.

Each label also has a one-character *type letter* (``P`` person, ``O`` organisation,
``$`` money...), shown as a badge in the legend and the entity panel, so the legend says
which type a word is even when the terminal shows no colour at all. Letters and symbols
are ASCII or Latin-1, which every console font (the Linux VT included) can draw.
"""

from __future__ import annotations

from functools import lru_cache

from rich.style import Style

from .glyphs import glyph

LABELS: tuple[str, ...] = (
    "PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART",
    "LAW", "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
)  # fmt: skip

_GROUP: dict[str, str] = {
    "PERSON": "agent", "NORP": "agent", "ORG": "agent",
    "GPE": "place", "LOC": "place", "FAC": "place",
    "PRODUCT": "thing", "EVENT": "thing", "WORK_OF_ART": "thing", "LAW": "thing",
    "LANGUAGE": "thing",
}  # fmt: skip

# The attributes that mark each label, one set per label (the legend shows every label as
# its own entry, with its own letter, so each must look different without colour).
# Agents are bold, places underlined, named things italic, numbers dim, then a single or
# double underline (or bold, italic) tells the members of a group apart. Reverse is left
# to the selection and strike to the legend's switched-off types. Numbers and names
# outnumber the sets without both bold and dim, so the two counts (cardinal, ordinal) are
# bold *and* dim: a terminal that cannot combine them shows one, and colour remains.
_B, _I, _U, _UU, _D = "bold", "italic", "underline", "underline2", "dim"
_ATTRS: dict[str, frozenset[str]] = {
    label: frozenset(attrs)
    for label, attrs in {
        "PERSON": (_B,), "ORG": (_B, _U), "NORP": (_B, _UU),
        "GPE": (_U,), "LOC": (_UU,), "FAC": (_B, _I, _U),
        "PRODUCT": (_I,), "EVENT": (_I, _U), "WORK_OF_ART": (_I, _UU), "LAW": (_B, _I),
        "LANGUAGE": (_B, _I, _UU),
        "DATE": (_D, _I, _U), "TIME": (_D, _I, _UU), "MONEY": (_D, _U), "QUANTITY": (_D, _UU),
        "PERCENT": (_D, _I), "CARDINAL": (_D, _B), "ORDINAL": (_D, _B, _I),
    }.items()
}  # fmt: skip
_UNKNOWN_ATTRS = frozenset({_I})  # a label outside OntoNotes: marked like a thing

# One character per label, unique; ASCII/Latin-1 only (the Linux console's fonts); § and º
# become ASCII letters on plain terminals (reader/tui/glyphs.py).
_LETTERS: dict[str, str] = {
    "PERSON": "P", "NORP": "N", "ORG": "O", "GPE": "G", "LOC": "L", "FAC": "F",
    "PRODUCT": "R", "EVENT": "E", "WORK_OF_ART": "W", "LAW": "§", "LANGUAGE": "A",
    "DATE": "D", "TIME": "T", "PERCENT": "%", "MONEY": "$", "QUANTITY": "Q",
    "ORDINAL": "º", "CARDINAL": "#",
}  # fmt: skip

# (on dark backgrounds, on light backgrounds)
_COLOURS: dict[str, tuple[str, str]] = {
    "PERSON": ("#ff8a80", "#b71c1c"),
    "NORP": ("#ffb74d", "#a04000"),
    "ORG": ("#82b1ff", "#0d47a1"),
    "GPE": ("#9ccc65", "#2e7d32"),
    "LOC": ("#4dd0e1", "#00626e"),
    "FAC": ("#bcaaa4", "#5d4037"),
    "PRODUCT": ("#f48fb1", "#ad1457"),
    "EVENT": ("#ce93d8", "#6a1b9a"),
    "WORK_OF_ART": ("#b39ddb", "#4527a0"),
    "LAW": ("#dce775", "#5f6a00"),
    "LANGUAGE": ("#80cbc4", "#00695c"),
    "DATE": ("#fff176", "#7a5c00"),
    "TIME": ("#ffe082", "#8f5300"),
    "PERCENT": ("#a5d6a7", "#1b5e20"),
    "MONEY": ("#c5e1a5", "#33691e"),
    "QUANTITY": ("#90caf9", "#1565c0"),
    "ORDINAL": ("#ffab91", "#bf360c"),
    "CARDINAL": ("#b0bec5", "#37474f"),
}

_NAMES: dict[str, str] = {
    "PERSON": "person", "NORP": "group", "ORG": "organisation", "GPE": "country/city",
    "LOC": "location", "FAC": "facility", "PRODUCT": "product", "EVENT": "event",
    "WORK_OF_ART": "work", "LAW": "law", "LANGUAGE": "language", "DATE": "date",
    "TIME": "time", "PERCENT": "percent", "MONEY": "money", "QUANTITY": "quantity",
    "ORDINAL": "ordinal", "CARDINAL": "number",
}  # fmt: skip


def group_of(label: str) -> str:
    return _GROUP.get(label, "number" if label in _COLOURS else "thing")


def type_letter(label: str) -> str:
    """The label's one-character marker (``?`` for a label outside OntoNotes)."""
    return glyph(_LETTERS.get(label, "?"))


def attribute_names(label: str) -> frozenset[str]:
    """The names of the text attributes that mark ``label`` (Rich's: bold, italic...)."""
    return _ATTRS.get(label, _UNKNOWN_ATTRS)


def group_attributes(label: str) -> Style:
    """Only the attribute part of a label's style (what survives without colour)."""
    names = attribute_names(label)
    # None, not False, for an attribute the label lacks: added to another style (the
    # current mention's), the label must not switch that style's attributes off.
    return Style(
        bold=True if _B in names else None,
        italic=True if _I in names else None,
        underline=True if _U in names else None,
        underline2=True if _UU in names else None,
        dim=True if _D in names else None,
    )


def badge_style(label: str, dark: bool = True) -> Style:
    """The type-letter badge: the type's colour in reverse video, so a coloured block in
    colour terminals and an inverted letter without colour."""
    dark_colour, light_colour = _COLOURS.get(label, ("#e0e0e0", "#424242"))
    return Style(color=dark_colour if dark else light_colour, reverse=True, bold=True)


def label_name(label: str) -> str:
    """A short human name for a label (the legend and the entity panel use it)."""
    return _NAMES.get(label, label.lower())


@lru_cache(maxsize=128)
def entity_style(label: str, dark: bool = True) -> Style:
    """The style that marks a mention of ``label``; unknown labels get a neutral one."""
    dark_colour, light_colour = _COLOURS.get(label, ("#e0e0e0", "#424242"))
    return Style(color=dark_colour if dark else light_colour) + group_attributes(label)


def selected_style(label: str, dark: bool = True) -> Style:
    """A mention of the entity chosen in the panel: reversed so it stands out of the text."""
    return entity_style(label, dark) + Style(reverse=True)


CURRENT_MENTION = Style(reverse=True, bold=True, underline=True)
