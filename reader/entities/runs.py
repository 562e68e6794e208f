"""Runs of capitalised words: where names can be, found at C speed.

News prose capitalises names and little else, so one pattern (``RUN``) finds candidate
runs ("U.S. Defense Secretary Lloyd Austin", "Sea of Azov", "eBay") and ``run_spans``
finds the same runs faster, skipping from capital to capital. What each run names is
decided in ``names``.
"""

from __future__ import annotations

import re
import sys

from .lexicon import CONNECTORS
from .trie import trie


def _upper_class() -> str:
    """A regex character class of every upper-case letter in the BMP (``re`` has no \\p{Lu})."""
    ranges: list[tuple[int, int]] = []
    for code in range(sys.maxunicode if sys.maxunicode < 0x10000 else 0x10000):
        ch = chr(code)
        if ch.isupper() and ch.isalpha():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    parts = [re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges]
    return "[" + "".join(parts) + "]"


UPPER = _upper_class()
_ABBREV = r"(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|St|Jr|Sr|Rev|Adm|Maj|Mt|Det|Insp|Supt|Pres|Sec)\."
TOKEN = (
    rf"(?:(?:{UPPER}\.){{2,}}"  # U.S., D.C.
    rf"|{UPPER}\.(?=[ \t]+{UPPER})"  # an initial: George W. Bush
    rf"|{_ABBREV}"
    rf"|(?:al-|el-|bin-)?{UPPER}\w*(?:['’-]\w+)*"  # Guterres, Secretary-General, O'Brien, Russia's
    rf"|[a-z]{{1,2}}{UPPER}\w*)"  # iPhone, eBay
)
_CONN = "|".join(sorted((re.escape(c) for c in CONNECTORS), key=len, reverse=True))
# The same connectors as a prefix tree ("d(?:a|e(?:l(?:la)?|n|r)?|i|u)"): one test per
# letter instead of one per word. A connector must be followed by a space, so at most one
# can fit at a place and their order does not matter.
_CONN_TRIE = trie(sorted(CONNECTORS))
RUN = re.compile(rf"(?<![\w'’.-]){TOKEN}(?:[ \t]+(?:(?:{_CONN})[ \t]+)*{TOKEN})*")
# What a token may hold before its first capital (see TOKEN): "al-", "el-", "bin-", or
# one or two lower-case letters ("eBay", "iPhone").
_LOWER = "abcdefghijklmnopqrstuvwxyz"
_RUN_PREFIXES = frozenset(["al-", "el-", "bin-", *_LOWER, *(a + b for a in _LOWER for b in _LOWER)])


def _run_at_capital() -> re.Pattern[str]:
    """``RUN``, found from its first capital: the pattern opens with the capital, so the
    regex engine skips to the next capital at C speed instead of trying every position.

    The first token's alternatives are ``TOKEN``'s, in the same order, each with its
    first capital taken out (a run that starts at a capital cannot start with a prefix),
    and the lookbehind moves after the capital; the rest is ``RUN``'s, written to fail
    sooner (see ``rest``). A capital after a lower-case letter or a hyphen matches alone
    as the group ``prefix``: a run holding it may start a few letters earlier, which
    ``_prefixed_run`` decides.
    """
    abbreviations = _ABBREV[3:-4].split("|")  # "(?:Mr|Mrs|...)\." -> ["Mr", "Mrs", ...]
    abbrev_tails = "|".join(f"(?<={a[0]}){a[1:]}" for a in abbreviations)
    # The three dotted forms all have a full stop within the capital's next four
    # characters; one look-ahead for it spares most words the two dozen look-behinds of
    # the abbreviations (the alternatives are still tried in TOKEN's order).
    longest_tail = max(len(a) for a in abbreviations) - 1
    first = (
        rf"(?:(?=\w{{0,{longest_tail}}}\.)(?:\.(?:{UPPER}\.)+"  # U.S., D.C.
        rf"|\.(?=[ \t]+{UPPER})"  # an initial
        rf"|(?:{abbrev_tails})\.)"  # Mr., Gen.
        rf"|\w*(?:['’-]\w+)*)"  # Guterres, Secretary-General, O'Brien
    )
    # The words after the first: TOKEN with its abbreviations as a prefix tree, behind a
    # look-ahead that the lower-case word ending nearly every run fails at once.
    token = TOKEN.replace(_ABBREV, "(?:" + trie(sorted(abbreviations)) + r")\.")
    rest = rf"(?:[ \t]+(?:{_CONN_TRIE}[ \t]+)*(?=[a-z]{{0,2}}{UPPER}|(?:al|el|bin)-){token})*"
    return re.compile(rf"{UPPER}(?:(?<=[a-z-]{UPPER})(?P<prefix>)|(?<![\w'’.-]{UPPER}){first}{rest})")


_RUN_AT_CAPITAL = _run_at_capital()


def run_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of ``RUN.finditer(text, start, end)``, found faster: the search skips
    from capital to capital, and only a capital right after a lower-case letter or a
    hyphen is looked at more closely (a run may start a few letters before it: "eBay",
    "al-Assad"; or nowhere: "McDonald" is already taken whole, "anti-American" holds
    none). A run found that way may reach past where the scan stands, which then goes on
    from its end. A list, not a generator: callers walk every run, and a paragraph holds
    a handful."""
    runs_from = _RUN_AT_CAPITAL.finditer
    spans: list[tuple[int, int]] = []
    add = spans.append
    pos = start  # where the scan started, or just past a capital that began no run
    while True:
        for found_run in runs_from(text, pos, end):
            if found_run.lastgroup is None:
                add(found_run.span())
                continue
            u = found_run.start()
            # A prefixed run may start no earlier than the last run's end.
            lowest = max(pos, spans[-1][1]) if spans else pos
            prefixed = _prefixed_run(text, lowest, u, end)
            if prefixed is None:
                pos = u + 1
                continue
            add(prefixed.span())
            pos = prefixed.end()
            break  # scan again from the end of that run
        else:
            return spans


def _prefixed_run(text: str, pos: int, u: int, end: int) -> re.Match[str] | None:
    """The run holding the capital at ``u`` that starts with a prefix ("eBay",
    "al-Assad"), not before ``pos``, or None."""
    if u > pos:
        for p in range(max(pos, u - 4), u):
            if text[p:u] in _RUN_PREFIXES:
                match = RUN.match(text, p, end)
                if match is not None:
                    return match
    return None
