"""The one sanitiser for text bound for the terminal (ARCHITECTURE.md §2.1).

Article files, file names and user input can hold terminal control sequences: an article
could set the window title (OSC 0), write the clipboard (OSC 52), plant hyperlinks (OSC 8)
or clear the screen (CSI 2J). Textual passes ESC through, so every such string goes
through here first. Whole sequences are removed (ESC and 8-bit C1 introducers alike), then
every remaining C0/C1 control and DEL except newline and tab.

``sanitize`` (in ``safe_offsets.py``, with the same sequences) also returns an offset
map, because entity and note offsets point into the raw file text and must still land on
the right characters after removal. It lives apart so that the command line, which only
needs the strings, does not import ``dataclasses`` for it (9 ms of ``reader --version``).
"""

from __future__ import annotations

import re

# Sequence bodies end at BEL or ST (ESC \ or 8-bit \x9c). An unterminated string sequence
# is cut at the end of its line, so one stray ESC ] cannot swallow a whole article.
_STRING_BODY = r"[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
SEQUENCE = re.compile(
    "|".join(
        (
            r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?",  # CSI ... final byte
            rf"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]){_STRING_BODY}",  # OSC DCS SOS PM APC
            r"\x1b[ -/]*[0-~]?",  # other ESC sequences (charset, keypad, RIS ...)
            r"[\x00-\x08\x0b-\x1f\x7f-\x9f]",  # any other control but \n and \t
        )
    )
)


def safe_text(text: str) -> str:
    """``text`` with every terminal control sequence and control character removed."""
    if text.isprintable() or SEQUENCE.search(text) is None:
        return text  # isprintable (C speed) is False for every control, ESC and C1 included
    return SEQUENCE.sub("", text)


def safe_line(text: str) -> str:
    """For one-line places (titles, paths, list rows): also folds newlines and tabs."""
    return " ".join(safe_text(text).split())
