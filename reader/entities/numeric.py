"""Dates, times, money, percentages, quantities and numbers: one compiled regex.

All of these are closed patterns around digits, number words, month and weekday names,
so a single alternation with named groups finds them in one C-speed pass per paragraph.
The alternatives are ordered from most to least specific: the first that matches at a
position wins ("$4 billion" is MONEY before "4 billion" could be a CARDINAL).
"""

from __future__ import annotations

import re

from .trie import trie as _trie

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan\\.|Feb\\.|Mar\\.|Apr\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\."
)
_MONTHS_BEFORE_DAY = _MONTHS.replace("\\.", "\\.?")  # "Dec 11" in a dateline: the stop is optional there
# Month names that are also common words need a day or year beside them.
_SAFE_MONTHS = "January|February|April|June|July|August|September|October|November|December"
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_UNITS_SMALL = _trie(
    [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
        "sixty", "seventy", "eighty", "ninety",
    ]
    + ["a hundred", "hundred", "a thousand", "a dozen", "dozen", "several", "a few", "a couple of"]
)  # fmt: skip
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMWORD = rf"(?i:(?:{_UNITS_SMALL})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)"
_NUM = rf"(?:{_DIGITS}|{_NUMWORD})"
_SCALE = r"(?:hundred|thousand|million|billion|trillion|bn|mn|m|k)\b"
_MOD = (
    "(?:(?i:"
    + _trie(
        [
            "about", "around", "approximately", "roughly", "nearly", "almost", "over", "under", "more than",
            "less than", "fewer than", "at least", "at most", "up to", "just over", "just under", "only", "as many as",
            "as much as", "an estimated", "upwards of",
        ]
    )
    + r")\s+)"
)  # fmt: skip
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
_PERIOD = (
    r"(?:day|week|weekend|fortnight|month|year|decade|century|quarter|season|summer|winter|spring|autumn|fall|term)"
)
_REL = (
    "(?:"
    + _trie([
        "last", "past", "next", "previous", "coming", "this", "that", "each", "every", "following", "same", "recent",
        "current", "first", "final",
    ])
    + ")"
)  # fmt: skip

_DATE_ALTS = [
    # before a day, wire datelines' abbreviations may lack the stop ("PARIS, Dec 11 (Reuters)")
    rf"(?:(?i:early|late|mid)[- ])?(?:{_MONTHS_BEFORE_DAY})\s+{_DAY}(?:,?\s+{_YEAR})?\b(?!:)",
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
    rf"{_MOD}?(?:{_NUM})[- ](?i:years?|months?|weeks?|days?|decades?|centuries)"
    r"(?:[- ]old|\s+(?i:ago|earlier|later|old))?\b",
    r"(?i:the\s+)(?:1[5-9]|20)\d0s\b|(?i:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)|(?i:first|second|third|fourth|fifth|"
    r"sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
    r"eighteenth|nineteenth|twentieth|twenty-first))\s+(?i:century)\b",
    rf"(?:(?i:early|late|mid)[- ])?(?<![\w$£€.,-]){_YEAR}(?![\w%-]|\.\d|,\d)"
    r"(?!\s+(?i:people|percent|km|miles|troops|soldiers|units|votes))",
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
    rf"{_MOD}?(?:{_NUM})(?:\s+{_SCALE})?\s+"
    rf"(?:(?:US|U\.S\.|Canadian|Australian|Hong Kong|Singapore|New Zealand)\s+)?{_CURWORD}",
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
_STRONG = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "dozen",
    "several", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
    "nineteenth", "twentieth", "hundredth", "yesterday", "today", "tomorrow", "tonight", "overnight", "midnight",
    "noon", "midday", "dozens", "hundreds", "thousands", "millions", "billions", "tens", "fiscal", "financial", "early",
    "late", "mid", "earlier", "later", "usd", "eur", "gbp",
]  # fmt: skip
_PERIODS = [
    "day", "week", "weekend", "fortnight", "month", "year", "decade", "century", "quarter", "season", "summer",
    "winter", "spring", "autumn", "fall", "term",
]  # fmt: skip
_ORDINALS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
    "twentieth", "twenty",
]  # fmt: skip
_NUMBER_WORDS = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
    "sixty", "seventy", "eighty", "ninety", "hundred", "dozen", "several", "a",
]  # fmt: skip
_REL_WORDS = [
    "last", "past", "next", "previous", "coming", "this", "that", "each", "every", "following", "same", "recent",
    "current", "first", "final",
]  # fmt: skip
_MOD_PHRASES = [
    "about", "around", "approximately", "roughly", "nearly", "almost", "over", "under", "more than", "less than",
    "fewer than", "at least", "at most", "up to", "just over", "just under", "only", "as many as", "as much as",
    "an estimated", "upwards of",
]  # fmt: skip


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
    after_rel = any_case(
        _NUMBER_WORDS
        + _PERIODS
        + [p + "s" for p in _PERIODS]
        + ["centuries", "hour", "hours", "minute", "minutes", "morning", "afternoon", "evening", "night"]
    )
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
    ("DATE", _DATE),
    ("MONEY", _MONEY),
    ("PERCENT", _PERCENT),
    ("TIME", _TIME),
    ("QUANTITY", _QUANTITY),
    ("CARDINAL", _CARDINAL),
    ("ORDINAL", _ORDINAL),
)
NUMERIC = re.compile(
    rf"(?<![\w$£€¥])(?<!\w-){_trigger()}"
    + "(?:(?=\\d)(?:"
    + "|".join(f"(?P<{label}_d>{alt})" for label, alt in _DIGIT_FIRST)
    + ")"
    + "|(?!\\d)(?:"
    + "|".join(f"(?P<{label}>{alt})" for label, alt in _ALL)
    + "))"
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
