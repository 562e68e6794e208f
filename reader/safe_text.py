"""The one sanitiser for text bound for the terminal (ARCHITECTURE.md §2.1).

Article files, file names and user input can hold terminal control sequences: an article
could set the window title (OSC 0), write the clipboard (OSC 52), plant hyperlinks (OSC 8)
or clear the screen (CSI 2J). Textual passes ESC through, so every such string goes
through here first. Whole sequences are removed (ESC and 8-bit C1 introducers alike), then
every remaining C0/C1 control and DEL except newline and tab.

``sanitize`` also returns an offset map, because entity and note offsets point into the
raw file text and must still land on the right characters after removal.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# Sequence bodies end at BEL or ST (ESC \ or 8-bit \x9c). An unterminated string sequence
# is cut at the end of its line, so one stray ESC ] cannot swallow a whole article.
_STRING_BODY = r"[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
_SEQUENCE = re.compile(
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
    if _SEQUENCE.search(text) is None:
        return text
    return _SEQUENCE.sub("", text)


def safe_line(text: str) -> str:
    """For one-line places (titles, paths, list rows): also folds newlines and tabs."""
    return " ".join(safe_text(text).split())


@dataclass(frozen=True, slots=True)
class SafeText:
    """Sanitised text plus the map from raw offsets to offsets in ``text``."""

    text: str
    _raw_starts: tuple[int, ...]  # raw offset where each removed run starts
    _removed_before: tuple[int, ...]  # characters removed up to and including that run
    _raw_ends: tuple[int, ...]

    def offset(self, raw: int) -> int:
        """Where raw offset ``raw`` lands in the clean text (removed chars collapse)."""
        index = bisect.bisect_right(self._raw_starts, raw) - 1
        if index < 0:
            return raw
        if raw < self._raw_ends[index]:  # inside a removed run: snap to its start
            removed_before_run = self._removed_before[index] - (self._raw_ends[index] - self._raw_starts[index])
            return self._raw_starts[index] - removed_before_run
        return raw - self._removed_before[index]


def sanitize(text: str) -> SafeText:
    """Sanitise and keep an offset map (see ``SafeText.offset``)."""
    starts: list[int] = []
    ends: list[int] = []
    removed: list[int] = []
    pieces: list[str] = []
    total = 0
    pos = 0
    for match in _SEQUENCE.finditer(text):
        if match.end() == match.start():
            continue
        pieces.append(text[pos : match.start()])
        total += match.end() - match.start()
        starts.append(match.start())
        ends.append(match.end())
        removed.append(total)
        pos = match.end()
    if not starts:
        return SafeText(text, (), (), ())
    pieces.append(text[pos:])
    return SafeText("".join(pieces), tuple(starts), tuple(removed), tuple(ends))
