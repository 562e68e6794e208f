"""Names only: the numeric matches that can touch a capitalised run.

Names read the numeric matches only where one overlaps a run of capitalised words (the
run's tokens inside it are then dropped), so the corpus index, which keeps names only,
need not run ``NUMERIC`` over every paragraph. A match overlapping a run holds a capital
of that run (a word it consumes: "May", "Monday", "The last week", "5 GW", "10:30 GMT",
the "Am" of "Amsterdam" after "10:30") or begins inside one of its tokens (after an
apostrophe: "X'90"; the "am" of a token "amX").

So the pass looks at the runs, not the paragraph: where a run's own text allows the
trigger to find something (``run_places``) is worked out once per distinct run (most
runs, "Reuters", "Vladimir Putin", hold no such place) and remembered; the trigger is
tried in place at those places only, and ``NUMERIC`` is run from a safe point before
each place it finds (``touch``). A run with a capital the trigger is not built for (not
A-Z, or after a lower-case letter: "iPhone", "tHe", "5 amX") sends its paragraph through
the full pass. ``NameFinder.find`` does this as it walks the runs;
``find_numeric_touching`` does it for one paragraph's runs.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Sequence

from .numeric import (
    _CURWORD,
    _LABEL,
    _MOD_PHRASES,
    _NUMBER_WORDS,
    _ORDINALS,
    _PERIODS,
    _REL_WORDS,
    _STRONG,
    _UNITS,
    NUMERIC,
    _trigger,
    find_numeric,
)
from .runs import UPPER as _UP
from .trie import trie as _trie

# Every letter-word a match can consume (lower case): the word lists above, the literal
# words of the alternatives, plurals, and every single letter ("a.m.", "°C", "5 m", "U.S.").
_SPELLED = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "a", "hundred", "thousand", "million", "billion", "trillion", "bn",
    "mn", "dozen", "several", "few", "couple", "of", "more", "less", "fewer", "than", "at", "least", "most", "up", "to",
    "just", "only", "as", "many", "much", "an", "estimated", "upwards", "about", "around", "approximately", "roughly",
    "nearly", "almost", "over", "under", "early", "late", "mid", "next", "last", "earlier", "later", "the", "ago",
    "before", "after", "yesterday", "today", "tomorrow", "morning", "afternoon", "evening", "night", "tonight",
    "overnight", "midnight", "noon", "midday", "year", "month", "week", "day", "decade", "centuries", "century", "old",
    "hour", "minute", "second", "st", "nd", "rd", "th", "am", "pm", "gmt", "utc", "fiscal", "financial", "percent",
    "per", "cent", "percentage", "points", "km", "kilometres", "kilometers", "miles", "mile", "metres", "metre",
    "meters", "meter", "feet", "foot", "ft", "inches", "inch", "cm", "mm", "kg", "kilograms", "kilogram", "grams",
    "gram", "tonnes", "tonne", "tons", "ton", "pounds", "pound", "lbs", "lb", "litres", "litre", "liters", "liter",
    "gallons", "gallon", "barrels", "barrel", "acres", "acre", "hectares", "hectare", "square", "sq", "degrees",
    "celsius", "fahrenheit", "mph", "h", "megawatts", "megawatt", "mw", "gw", "kwh", "gigawatts", "gigawatt",
    "calories", "bytes", "gb", "mb", "tb", "knots", "storeys", "stories", "floors", "us", "usd", "eur", "gbp", "jpy",
    "cny", "hk", "nz", "dollars", "dollar", "euros", "euro", "sterling", "yen", "yuan", "renminbi", "rupees", "rupee",
    "roubles", "rouble", "rubles", "ruble", "hryvnias", "hryvnia", "francs", "franc", "pesos", "peso", "won", "rand",
    "shekels", "shekel", "dirhams", "dirham", "riyals", "riyal", "lira", "liras", "canadian", "australian", "hong",
    "kong", "singapore", "new", "zealand", "dozens", "hundreds", "thousands", "millions", "billions", "tens",
]  # fmt: skip
# Words the pattern only looks at (look-behinds and look-aheads), never consumes: kept in
# the vocabulary all the same (the safe points need only a superset).
_LOOKED_AT = ["in", "since", "until", "by", "people", "troops", "soldiers", "units", "votes"]
_VOCAB = frozenset(
    w
    for word in _SPELLED
    + _LOOKED_AT
    + _STRONG
    + _PERIODS
    + _ORDINALS
    + _NUMBER_WORDS
    + _REL_WORDS
    + [part for phrase in _MOD_PHRASES for part in phrase.split()]
    + list("abcdefghijklmnopqrstuvwxyz")
    for w in (word, word + "s")
)
# Where a match may start (the trigger's test, after an apostrophe).
_START = rf"(?<![\w$£€¥])(?<!\w-){_trigger()}"
# Words a match consumes only in "<amount> US dollars" and the like, or before "$".
_CURRENCY_PLACES = frozenset(["u", "s", "us", "canadian", "australian", "hong", "kong", "singapore", "new", "zealand"])
# Words after which a match may end inside a longer word ("today Morningstar"), and number
# words a unit may follow unspaced ("fiveMW").
_UNBOUNDED = frozenset([
    "dollars", "ago", "before", "earlier", "morning", "afternoon", "evening", "tomorrow", "yesterday", "gmt", "utc",
    "am", "pm",
])  # fmt: skip
_GLUED = frozenset(
    [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
        "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "dozen", "several", "few", "of",
    ]
)  # fmt: skip
_SINGLE_LETTERS = frozenset(["a", "m", "p", "c", "f"])  # "A hundred", "a.m.", "p.m.", "°C", "°F"
_INNER = (
    _VOCAB
    - set("abcdefghijklmnopqrstuvwxyz")
    - _CURRENCY_PLACES
    - {"the"}
    - {w + s for w in _LOOKED_AT for s in ("", "s")}
) | _SINGLE_LETTERS


def _tails(words: frozenset[str], first: str) -> str | None:
    rest = sorted({w[1:] for w in words if w[0] == first})
    return "(?i:" + _trie(rest) + ")" if rest else None


def _fast_trigger(loose: bool = False) -> str:
    """The trigger for text where every letter-word holding a capital begins with one of
    A-Z: one branch per capital (``re`` skips to a capital or an apostrophe at C speed and
    tries only that letter's branch), the letter already consumed.

    ``loose``: the same tests for a run's text taken alone, where the end of the text
    stands for whatever follows the run. Every test that reads past a word ("The" before
    "last week", "US" before "dollars" or "$", "five" before a unit) also passes there,
    and an apostrophe always does, so the loose trigger finds something in a run's text
    whenever the trigger finds something in that run in place.
    """
    word_end = r"(?![^\W\d_])"
    after_the = "(?i:" + _trie(sorted(set(_REL_WORDS + _PERIODS + _ORDINALS))) + ")"

    def then(after: str) -> str:
        """``after`` must follow; loosely, the end of the run's text may stand for it."""
        return rf"(?:{after}|\s*\Z)" if loose else after

    currency = then(rf"\s+{_CURWORD}")
    dollar = then(r"\$")
    money = {
        "U": rf"(?:S|\.S\.){currency}|S{dollar}|{dollar}",
        "C": rf"anadian{currency}|{dollar}",
        "A": rf"ustralian{currency}|{dollar}",
        "H": rf"ong Kong{currency}|K{dollar}|{dollar}",
        "S": rf"ingapore{currency}",
        "N": rf"ew Zealand{currency}|Z{dollar}",
    }
    # A unit glued to a number word may start at the run's end ("Five°C") or run past it
    # ("FIVEsquare miles").
    glued = rf"(?={_UNITS}|(?:square|sq)\s*\Z|\Z)" if loose else f"(?={_UNITS})"
    branches = []
    for upper in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        first = upper.lower()
        kinds = []
        for words, after in ((_INNER, word_end), (_UNBOUNDED, ""), (_GLUED, glued)):
            tails = _tails(words, first)
            if tails is not None:
                kinds.append(tails + after)
        kinds.append("[A-Z]{1,3}T")
        if upper == "T":
            kinds.append(r"(?i:he)" + then(rf"\s+(?:\d|{after_the}\b)"))
        alts = [rf"(?<![^\W\d_].)(?P<w{upper}>{'|'.join(kinds)})"] + ([money[upper]] if upper in money else [])
        branches.append(upper + "(?:" + "|".join(alts) + ")")
    branches.append("['’]" if loose else f"['’]{_START}")
    return "|".join(branches)


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(where a match may start, the trigger, the loose trigger): compiled on first use,
    since only the index's names-only pass needs them and compiling them costs ~50 ms."""
    return re.compile(_START), re.compile(_fast_trigger()), re.compile(_fast_trigger(loose=True))


# A capital that is not A-Z, or one after a letter that is not a capital ("iPhone", "tHe").
_ODD = re.compile(rf"{_UP}(?:(?<![A-Z])|(?<=[^\W\d_]{_UP})(?<!{_UP}{_UP}))")
# The same in ASCII text (where every capital is A-Z and every letter a-z or A-Z): half
# the cost, the regex engine testing each character against a small table.
_ODD_ASCII = re.compile(r"[A-Z](?<=[a-z][A-Z])")

_SEPARATORS = " ,./°:$-"


def _consumable(text: str, lo: int, pos: int) -> bool:
    """Whether a match can hold the word at ``pos``: one starts there, or what precedes it
    (through separators) is a digit or a word a match consumes (or may, if not ASCII)."""
    if _patterns()[0].match(text, pos):
        return True
    i = pos - 1
    while i >= lo and (text[i] in _SEPARATORS or text[i].isspace()):
        i -= 1
    if i < lo:
        return False
    ch = text[i]
    if not ch.isalpha():
        return ch.isdigit() or not ch.isascii()
    k = i
    while k > lo and text[k - 1].isalpha():
        k -= 1
    word = text[k : i + 1]
    return not word.isascii() or word.lower() in _VOCAB


_TIMEZONE = re.compile(r"[A-Z]{2,4}T")


def _safe_start(text: str, lo: int, pos: int) -> int:
    """The last place at or before ``pos`` that no match of ``NUMERIC`` can straddle:
    just after whitespace that follows a word of ASCII letters no match can consume (a
    match holding that word's last letter would hold the whole word), else ``lo``."""
    vocab = _VOCAB
    # The common case at once: one space, then a word of letters no match consumes.
    j = pos - 1
    if j > lo and text[j] == " ":
        k = text.rfind(" ", lo, j)
        if k >= lo:
            word = text[k + 1 : j]
            if word.isascii() and word.isalpha() and word.lower() not in vocab and not _TIMEZONE.fullmatch(word):
                return pos
    return _safe_start_by_words(text, lo, pos)


def _safe_start_by_words(text: str, lo: int, pos: int) -> int:
    """``_safe_start``'s rule, word by word back from ``pos``."""
    vocab = _VOCAB
    i = pos
    while i > lo:
        j = i - 1
        if not text[j].isspace():
            while j >= lo and not text[j].isspace():
                j -= 1
            i = j + 1
            continue
        while j >= lo and text[j].isspace():
            j -= 1
        if j < lo:
            return lo
        k = j
        while k >= lo and not text[k].isspace():
            k -= 1
        word = text[k + 1 : j + 1]
        if word.isascii() and word.isalpha() and word.lower() not in vocab and not _TIMEZONE.fullmatch(word):
            return i
        i = k + 1
    return lo


# What a run's own text allows (``_run_places``), remembered for each distinct run: the
# offsets where the trigger may find something, none, or ``ANYWHERE``.
ANYWHERE: tuple[int, ...] = (-1,)
RUN_PLACES: dict[str, tuple[int, ...]] = {}
RUN_PLACES_SIZE = 32_000  # ~6 MB when every run is new; first in, first out
_CAPITAL_OR_APOSTROPHE = re.compile(r"[A-Z'’]")


def _run_places(run: str) -> tuple[int, ...]:
    """Where in this run the trigger may find something in place: the offsets where the
    loose trigger matches on the run's text alone (it matches wherever the trigger does),
    or ``ANYWHERE`` for a run with a capital the trigger is not built for."""
    odd = _ODD_ASCII if run.isascii() else _ODD
    if odd.search(run):
        places = ANYWHERE
    else:
        loose = _patterns()[2].match
        places = tuple(m.start() for m in _CAPITAL_OR_APOSTROPHE.finditer(run) if loose(run, m.start()))
    known = RUN_PLACES
    if len(known) >= RUN_PLACES_SIZE:
        with contextlib.suppress(KeyError, RuntimeError, StopIteration):  # another thread got there
            del known[next(iter(known))]
    known[run] = places
    return places


def find_numeric_touching(
    text: str, start: int, end: int, runs: Sequence[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """The matches of ``find_numeric(text, start, end)`` that can overlap one of ``runs``
    (the paragraph's capitalised runs, in order): a sorted subset of its list holding at
    least every match that overlaps a run. (``NameFinder.find`` does the same run by run,
    with ``run_places`` and ``touch``.)"""
    found: list[tuple[int, int, str]] = []
    pos = start
    for ms, me in runs:
        places = run_places(text[ms:me])
        if places is ANYWHERE:
            return find_numeric(text, start, end)
        if places:
            pos = touch(text, start, end, ms, places, found, pos)
    return found


def run_places(run: str) -> tuple[int, ...]:
    """Where in ``run`` (a run's text) the trigger may find something in place: offsets,
    none, or ``ANYWHERE`` (the run sends its paragraph through the full pass)."""
    places = RUN_PLACES.get(run)
    return _run_places(run) if places is None else places


def touch(
    text: str, start: int, end: int, ms: int, places: tuple[int, ...], found: list[tuple[int, int, str]], pos: int
) -> int:
    """Append to ``found`` the matches of the paragraph ``text[start:end]`` that the run at
    ``ms`` may hold, from the trigger tried in place at its ``places``. ``pos``: where the
    paragraph's pass stands (``start``, then what the last call returned); the new one is
    returned. Runs are taken in order, each once."""
    search = NUMERIC.search
    label = _LABEL
    trigger = _patterns()[1].match
    # The trigger's scan of the run from its start, tried only where it may match.
    scanned = ms
    for offset in places:
        hs = ms + offset
        if hs < scanned:
            continue
        hit = trigger(text, hs, end)
        if hit is None:
            continue
        he = scanned = hit.end()
        if hit.lastgroup and not _consumable(text, start, hs):
            continue
        he = max(he, hs + 1) + 1
        if he <= pos:
            continue  # every match that can overlap it is found already
        if hs > pos:
            # No match straddles the safe point, so the full pass (being at ``pos`` with
            # no match between ``pos`` and it) goes on from there as a pass started there.
            pos = _safe_start(text, pos, hs)
        while True:
            match = search(text, pos, end)
            if match is None:
                return end
            s, e = match.span()
            pos = e
            while e > s and text[e - 1] in " \t-":
                e -= 1
            if e > s:
                found.append((s, e, label[match.lastgroup or "CARDINAL"]))
            if s >= he or pos >= he:
                # Past the place: later matches start after it, and any that can touch
                # a run is found from a place of that run.
                break
    return pos
