"""Dates, times, money, percentages, quantities and numbers: one compiled regex.

All of these are closed patterns around digits, number words, month and weekday names,
so a single alternation with named groups finds them in one C-speed pass per paragraph.
The alternatives are ordered from most to least specific: the first that matches at a
position wins ("$4 billion" is MONEY before "4 billion" could be a CARDINAL).
"""

from __future__ import annotations

import functools
import re

from .runs import UPPER as _UP
from .trie import trie as _trie

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan\\.|Feb\\.|Mar\\.|Apr\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\."
)
# Month names that are also common words need a day or year beside them.
_SAFE_MONTHS = "January|February|April|June|July|August|September|October|November|December"
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_UNITS_SMALL = _trie(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety".split()
    + ["a hundred", "hundred", "a thousand", "a dozen", "dozen", "several", "a few", "a couple of"]
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMWORD = rf"(?i:(?:{_UNITS_SMALL})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)"
_NUM = rf"(?:{_DIGITS}|{_NUMWORD})"
_SCALE = r"(?:hundred|thousand|million|billion|trillion|bn|mn|m|k)\b"
_MOD = (
    "(?:(?i:"
    + _trie(
        "about|around|approximately|roughly|nearly|almost|over|under|more than|less than|"
        "fewer than|at least|at most|up to|just over|just under|only|as many as|as much as|"
        "an estimated|upwards of".split("|")
    )
    + r")\s+)"
)
_CURSYM = r"(?:US\$|USD ?|A\$|C\$|HK\$|NZ\$|\$|€|£|¥|₹|₽|₴|EUR ?|GBP ?)"
_CURWORD = (
    r"(?:dollars?|euros?|pounds sterling|yen|yuan|renminbi|rupees?|roubles?|rubles?|"
    r"hryvnias?|francs?|pesos?|won|rand|shekels?|dirhams?|riyals?|lira|liras)\b"
)
_UNITS = (
    r"(?:km|kilometres?|kilometers?|miles?|metres?|meters?|feet|foot|ft|inches|inch|cm|mm|"
    r"kg|kilograms?|grams?|tonnes?|tons?|pounds|lbs?|litres?|liters?|gallons?|barrels?|"
    r"acres?|hectares?|square (?:kilometres?|kilometers?|miles?|metres?|meters?|feet)|"
    r"sq km|degrees(?: Celsius| Fahrenheit)?|°[CF]?|mph|km/h|megawatts?|MW|GW|kWh|"
    r"gigawatts?|calories|bytes|GB|MB|TB|knots|storeys|stories|floors)\b"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_PERIOD = r"(?:day|week|weekend|fortnight|month|year|decade|century|quarter|season|summer|winter|spring|autumn|fall|term)"
_REL = "(?:" + _trie("last past next previous coming this that each every following same recent current first final".split()) + ")"

_DATE_ALTS = [
        rf"(?:(?i:early|late|mid)[- ])?(?:{_MONTHS})\s+{_DAY}(?:,?\s+{_YEAR})?\b(?!:)",
        rf"{_DAY}\s+(?:of\s+)?(?:{_MONTHS})(?:,?\s+{_YEAR})?\b",
        rf"(?:(?i:early|late|mid)[- ])?(?:{_MONTHS})(?:,?\s+{_YEAR})\b",
        rf"(?:(?i:early|late|mid)[- ])?(?:{_SAFE_MONTHS})\b",
        r"(?:(?<=\bin )|(?<=\bsince )|(?<=\buntil )|(?<=\bby )|(?<=\bof )|(?<=\blast )|(?<=\bnext ))(?:May|March)\b",
        rf"(?:{_WEEKDAYS})(?:\s+(?i:morning|afternoon|evening|night))?\b",
        r"\d{4}-\d\d-\d\d\b",
        r"(?<![\d/])\d{1,2}/\d{1,2}/(?:\d{4}|\d\d)\b",
        rf"(?i:the\s+)?(?i:{_REL})\s+(?:{_NUM}\s+)?(?i:{_PERIOD})s?\b(?:\s+(?i:ago|before|earlier))?",
        rf"(?i:(?:earlier|later)\s+(?:this|that|next|last)\s+{_PERIOD})\b",
        rf"(?i:the\s+)?(?i:{_PERIOD})s?\s+(?i:before|after)\b(?=\s+(?:last|this|that|yesterday))",
        r"(?i:the day before yesterday|the day after tomorrow)",
        r"(?i:yesterday|today|tomorrow)\b(?:\s+(?i:morning|afternoon|evening))?",
        rf"{_MOD}?(?:{_NUM})[- ](?i:years?|months?|weeks?|days?|decades?|centuries)(?:[- ]old|\s+(?i:ago|earlier|later|old))?\b",
        r"(?i:the\s+)(?:1[5-9]|20)\d0s\b|(?i:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)|(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first))\s+(?i:century)\b",
        rf"(?:(?i:early|late|mid)[- ])?(?<![\w$£€.,-]){_YEAR}(?![\w%-]|\.\d|,\d)(?!\s+(?i:people|percent|km|miles|troops|soldiers|units|votes))",
        rf"(?i:fiscal|financial)\s+{_YEAR}\b",
]
_DATE = "|".join(_DATE_ALTS)
_TIME_ALTS = [
        r"\d{1,2}[:.]\d\d(?:\s?(?i:a\.m\.|p\.m\.|am|pm)|(?i:am|pm))?(?:\s+(?:GMT|UTC|[A-Z]{2,4}T))?(?!\d)",
        r"\d{1,2}\s?(?i:a\.m\.|p\.m\.|am\b|pm\b)",
        rf"{_MOD}?(?:{_NUM})[- ](?i:hours?|minutes?|seconds?)\b",
        r"(?i:the\s+)?(?i:next|last|past|coming|first)\s+(?:{_NUM}\s+)?(?i:hours?|minutes?)\b".replace("{_NUM}", _NUM),
        r"(?i:this|yesterday|tomorrow)\s+(?i:morning|afternoon|evening)\b",
        r"(?i:tonight|last night|overnight|midnight|noon|midday)\b",
]
_TIME = "|".join(_TIME_ALTS)
_MONEY_ALTS = [
        rf"{_MOD}?{_CURSYM}\s?(?:{_DIGITS})(?:\s?{_SCALE})?(?:\s+(?i:dollars))?",
        rf"{_MOD}?(?:{_NUM})(?:\s+{_SCALE})?\s+(?:(?:US|U\.S\.|Canadian|Australian|Hong Kong|Singapore|New Zealand)\s+)?{_CURWORD}",
        rf"{_MOD}?(?:{_DIGITS})\s?(?:{_SCALE}\s)?(?:USD|EUR|GBP|JPY|CNY)\b",
]
_MONEY = "|".join(_MONEY_ALTS)
_PERCENT = rf"{_MOD}?(?:{_NUM})(?:\s?%|\s+(?i:percent|per cent|percentage points?)\b)"
_QUANTITY = rf"{_MOD}?(?:{_NUM})(?:\s+{_SCALE})?[- ]?{_UNITS}"
_CARDINAL_ALTS = [
    rf"{_MOD}?(?:{_DIGITS})(?:\s+{_SCALE})?(?![\w%])",
    rf"{_MOD}?{_NUMWORD}(?:\s+(?:hundred|thousand|million|billion))?\b(?![-'’])",
    r"(?i:dozens|hundreds|thousands|millions|billions|tens of thousands|hundreds of thousands)\b(?=\s+of\b)",
]
_CARDINAL = "|".join(_CARDINAL_ALTS)
_ORDINAL = (
    r"(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"twentieth|hundredth)\b(?![-'’])|\d+(?:st|nd|rd|th)\b"
)


# The trigger, a look-ahead that every match passes and most words fail at once, so the big
# alternation below is tried at a few places per paragraph, not at every word. A match
# begins with a digit, a currency sign or code, or a word; "strong" words often make a
# match on their own, while the frequent "weak" ones ("the", "more", "last") open one only
# when a telling word follows: "the last week", "more than $5", "last night".
_STRONG = (
    "january february march april may june july august september october november december "
    "jan feb mar apr aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday "
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand dozen several "
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth hundredth "
    "yesterday today tomorrow tonight overnight midnight noon midday "
    "dozens hundreds thousands millions billions tens fiscal financial early late mid earlier later "
    "usd eur gbp"
).split()
_PERIODS = (
    "day week weekend fortnight month year decade century quarter season summer winter spring "
    "autumn fall term"
).split()
_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth twenty"
).split()
_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred dozen "
    "several a"
).split()
_REL_WORDS = "last past next previous coming this that each every following same recent current first final".split()
_MOD_PHRASES = (
    "about|around|approximately|roughly|nearly|almost|over|under|more than|less than|fewer than|"
    "at least|at most|up to|just over|just under|only|as many as|as much as|an estimated|upwards of"
).split("|")


def _forms(words: list[str]) -> set[str]:
    """``words`` as written in lower case, Title Case and CAPITALS (``re``'s case-insensitive
    matching is twice as slow; other mixings are not news)."""
    return set(words) | {w[:1].upper() + w[1:] for w in words} | {w.title() for w in words} | {w.upper() for w in words}


def _cased(words: list[str]) -> str:
    return "(?:" + _trie(sorted(_forms(words))) + ")"


def _trigger() -> str:
    def any_case(words: list[str]) -> str:
        return "(?i:" + _trie(sorted(set(words))) + ")"

    sign = r"[\d$£€¥₹₽₴]|[ACH]\$|US\$|HK\$|NZ\$"
    amount = rf"{sign}|{any_case([w for w in _STRONG if w not in _PERIODS])}\b|{any_case(['usd', 'eur', 'gbp'])}"
    after_rel = any_case(_NUMBER_WORDS + _PERIODS + [p + "s" for p in _PERIODS] + "centuries hour hours minute minutes morning afternoon evening night".split())
    openers = _STRONG + ["the"] + _REL_WORDS + [m.split()[0] for m in _MOD_PHRASES] + _PERIODS
    return (
        # First one case-sensitive pass over all opener words (most words fail here at
        # once), then, at an opener, the (smaller, case-blind) check of its class.
        rf"(?={sign}|{_cased(openers)}\b)"
        rf"(?={sign}|{any_case(_STRONG)}\b"
        rf"|(?i:the)\s+(?:\d|{any_case(_REL_WORDS + _PERIODS + _ORDINALS)}\b)"
        rf"|{any_case(_REL_WORDS)}\s+(?:\d|{after_rel}\b)"
        rf"|{any_case(_MOD_PHRASES)}\s+(?:{amount}|(?i:a)\s)"
        rf"|{any_case(_PERIODS)}s?\s+(?i:before|after)\b)"
    )


# The same alternatives, in the same order, less those that cannot begin with a digit: at
# a digit (a third of all attempts) only these are tried. (A second DATE group used to
# follow QUANTITY; being the same pattern at the same place, it could never match.)
_DIGIT_FIRST = (
    ("DATE", "|".join(_DATE_ALTS[i] for i in (1, 6, 7, 13, 14, 15))),
    ("MONEY", "|".join(_MONEY_ALTS[1:])),
    ("PERCENT", _PERCENT),
    ("TIME", "|".join(_TIME_ALTS[:3])),
    ("QUANTITY", _QUANTITY),
    ("CARDINAL", _CARDINAL_ALTS[0]),
    ("ORDINAL", r"\d+(?:st|nd|rd|th)\b"),
)
_ALL = (
    ("DATE", _DATE), ("MONEY", _MONEY), ("PERCENT", _PERCENT), ("TIME", _TIME),
    ("QUANTITY", _QUANTITY), ("CARDINAL", _CARDINAL), ("ORDINAL", _ORDINAL),
)
NUMERIC = re.compile(
    rf"(?<![\w$£€¥])(?<!\w-){_trigger()}"
    + "(?:(?=\\d)(?:" + "|".join(f"(?P<{label}_d>{alt})" for label, alt in _DIGIT_FIRST) + ")"
    + "|(?!\\d)(?:" + "|".join(f"(?P<{label}>{alt})" for label, alt in _ALL) + "))"
)
_LABEL = {name: name.split("_")[0] for name in NUMERIC.groupindex}


def find_numeric(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, label) of every numeric or temporal expression in ``text[start:end]``."""
    found: list[tuple[int, int, str]] = []
    for match in NUMERIC.finditer(text, start, end):
        s, e = match.span()
        while e > s and text[e - 1] in " \t-":
            e -= 1
        if e > s:
            found.append((s, e, _LABEL[match.lastgroup or "CARDINAL"]))
    return found


# ---- names only: the numeric matches that can touch a capitalised run ----------------
#
# Names read the numeric matches only where one overlaps a run of capitalised words (its
# tokens are then dropped). Such a match holds a capital (a capitalised word it consumes:
# "May", "Monday", "The last week", "5 GW", "10:30 GMT") or begins inside a run token
# (after an apostrophe: "X'90"; the "am" of a token "amX"). ``find_numeric_near_names``
# finds those places with one C-speed pattern and runs ``NUMERIC`` only from a safe point
# before each: it returns every match of ``find_numeric`` that can overlap a run (and
# possibly a few more, all true matches of the full pass).

# Every letter-word a match can consume (lower case): the word lists above, the literal
# words of the alternatives, plurals, and every single letter ("a.m.", "°C", "5 m", "U.S.").
_SPELLED = (
    "january february march april may june july august september october november december "
    "jan feb mar apr aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday "
    "a hundred thousand million billion trillion bn mn dozen several few couple of "
    "more less fewer than at least most up to just only as many much an estimated upwards "
    "about around approximately roughly nearly almost over under "
    "early late mid next last earlier later the ago before after "
    "yesterday today tomorrow morning afternoon evening night tonight overnight midnight noon midday "
    "year month week day decade centuries century old hour minute second "
    "st nd rd th am pm gmt utc fiscal financial percent per cent percentage points "
    "km kilometres kilometers miles mile metres metre meters meter feet foot ft inches inch cm mm "
    "kg kilograms kilogram grams gram tonnes tonne tons ton pounds pound lbs lb litres litre liters liter "
    "gallons gallon barrels barrel acres acre hectares hectare square sq degrees celsius fahrenheit mph h "
    "megawatts megawatt mw gw kwh gigawatts gigawatt calories bytes gb mb tb knots storeys stories floors "
    "us usd eur gbp jpy cny hk nz dollars dollar euros euro sterling yen yuan renminbi rupees rupee roubles "
    "rouble rubles ruble hryvnias hryvnia francs franc pesos peso won rand shekels shekel dirhams dirham riyals "
    "riyal lira liras canadian australian hong kong singapore new zealand dozens hundreds thousands millions "
    "billions tens"
).split()
# Words the pattern only looks at (look-behinds and look-aheads), never consumes: kept in
# the vocabulary all the same (the safe points need only a superset).
_LOOKED_AT = "in since until by people troops soldiers units votes".split()
_VOCAB = frozenset(
    w
    for word in _SPELLED + _LOOKED_AT + _STRONG + _PERIODS + _ORDINALS + _NUMBER_WORDS + _REL_WORDS
    + [part for phrase in _MOD_PHRASES for part in phrase.split()] + list("abcdefghijklmnopqrstuvwxyz")
    for w in (word, word + "s")
)
# Where a match touching a run can be (each place is checked by ``_consumable``): a word
# beginning with a capital that a match may consume (a match starts there, or it follows a
# digit or a word a match consumes), "The" opening a match (it never follows anything in
# one), "US dollars" and the like, "US$"; and a match starting right after an apostrophe
# inside a token ("X'90"). Paragraphs with a capital that is not A-Z, or a capital after
# a lower-case letter ("tHe", "iPhone", "5 amX"), run the full pass (``_ODD``).
_START = rf"(?<![\w$£€¥])(?<!\w-){_trigger()}"
# Words a match consumes only in "<amount> US dollars" and the like, or before "$".
_CURRENCY_PLACES = frozenset("u s us canadian australian hong kong singapore new zealand".split())
# Words after which a match may end inside a longer word ("today Morningstar"), and number
# words a unit may follow unspaced ("fiveMW").
_UNBOUNDED = frozenset("dollars ago before earlier morning afternoon evening tomorrow yesterday gmt utc am pm".split())
_GLUED = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
    "dozen several few of".split()
)
_SINGLE_LETTERS = frozenset("a m p c f".split())  # "A hundred", "a.m.", "p.m.", "°C", "°F"
_INNER = (
    _VOCAB - set("abcdefghijklmnopqrstuvwxyz") - _CURRENCY_PLACES - {"the"}
    - {w + s for w in _LOOKED_AT for s in ("", "s")}
) | _SINGLE_LETTERS


def _tails(words: frozenset[str], first: str) -> str | None:
    rest = sorted({w[1:] for w in words if w[0] == first})
    return "(?i:" + _trie(rest) + ")" if rest else None


def _fast_trigger() -> str:
    """The trigger for a paragraph where every letter-word holding a capital begins with
    one of A-Z: one branch per capital (``re`` skips to a capital or an apostrophe at C
    speed and tries only that letter's branch), the letter already consumed."""
    word_end = r"(?![^\W\d_])"
    after_the = "(?i:" + _trie(sorted(set(_REL_WORDS + _PERIODS + _ORDINALS))) + ")"
    money = {
        "U": rf"(?:S|\.S\.)\s+{_CURWORD}|S\$|\$", "C": rf"anadian\s+{_CURWORD}|\$",
        "A": rf"ustralian\s+{_CURWORD}|\$", "H": rf"ong Kong\s+{_CURWORD}|K\$|\$",
        "S": rf"ingapore\s+{_CURWORD}", "N": rf"ew Zealand\s+{_CURWORD}|Z\$",
    }
    branches = []
    for upper in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        first = upper.lower()
        kinds = []
        for words, after in ((_INNER, word_end), (_UNBOUNDED, ""), (_GLUED, f"(?={_UNITS})")):
            tails = _tails(words, first)
            if tails is not None:
                kinds.append(tails + after)
        kinds.append("[A-Z]{1,3}T")
        if upper == "T":
            kinds.append(rf"(?i:he)\s+(?:\d|{after_the}\b)")
        alts = [rf"(?<![^\W\d_].)(?P<w{upper}>{'|'.join(kinds)})"] + ([money[upper]] if upper in money else [])
        branches.append(upper + "(?:" + "|".join(alts) + ")")
    branches += [f"'{_START}", f"’{_START}"]
    return "|".join(branches)


@functools.cache
def _names_only_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(where a match may start, the trigger): compiled on first use, since only the
    index's names-only pass needs them and compiling them costs ~35 ms of every start."""
    return re.compile(_START), re.compile(_fast_trigger())
# A capital that is not A-Z, or one after a letter that is not a capital ("iPhone", "tHe").
_ODD = re.compile(rf"{_UP}(?:(?<![A-Z])|(?<=[^\W\d_]{_UP})(?<!{_UP}{_UP}))")
# The same in ASCII text (where every capital is A-Z and every letter a-z or A-Z): half
# the cost, the regex engine testing each character against a small table.
_ODD_ASCII = re.compile(r"[A-Z](?<=[a-z][A-Z])")

_SEPARATORS = " ,./°:$-"


def _consumable(text: str, lo: int, pos: int) -> bool:
    """Whether a match can hold the word at ``pos``: one starts there, or what precedes it
    (through separators) is a digit or a word a match consumes (or may, if not ASCII)."""
    if _names_only_patterns()[0].match(text, pos):
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


def find_numeric_near_names(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The matches of ``find_numeric(text, start, end)`` that can overlap a capitalised
    run (a subset of its list, in order, holding at least all of those)."""
    found: list[tuple[int, int, str]] = []
    pos = start
    search = NUMERIC.search
    label = _LABEL
    odd = _ODD_ASCII if text.isascii() or text[start:end].isascii() else _ODD
    if odd.search(text, start, end):
        return find_numeric(text, start, end)
    for hit in _names_only_patterns()[1].finditer(text, start, end):
        hs, he = hit.span()
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
                return found
            s, e = match.span()
            pos = e
            while e > s and text[e - 1] in " \t-":
                e -= 1
            if e > s:
                found.append((s, e, label[match.lastgroup or "CARDINAL"]))
            if s >= he or pos >= he:
                # Past the hit: later matches start after it, and any that can touch a
                # capitalised run is found from that run's own trigger hit.
                break
    return found
