"""Names only, the numeric pass cut down: ``find_numeric_touching`` keeps every match of
``find_numeric`` that overlaps a capitalised run, and only true matches, so a names-only
extraction gives exactly the named entities of a full run.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.articles import load_file
from reader.entities import NAME_LABELS
from reader.entities.builtin import BuiltinExtractor, paragraph_spans
from reader.entities.numeric import NUMERIC, find_numeric
from reader.entities.numeric_near import _VOCAB, find_numeric_touching
from reader.entities.runs import RUN, run_spans

ROOT = Path(__file__).resolve().parents[2]
ANNOTATED = sorted((Path(__file__).parent / "annotated").glob("*.txt"))
SAMPLES = sorted(p for p in (ROOT / "articles").iterdir() if p.is_file() and p.name != "README.md")


def _cased(texts: list[str]) -> list[str]:
    return texts + [t.upper() for t in texts] + [t.lower() for t in texts] + [t.title() for t in texts]


def _check_numbers(text: str, start: int = 0, end: int | None = None) -> None:
    end = len(text) if end is None else end
    full = find_numeric(text, start, end)
    runs = [m.span() for m in RUN.finditer(text, start, end)]
    assert run_spans(text, start, end) == runs
    near = find_numeric_touching(text, start, end, runs)
    assert set(near) <= set(full)
    assert near == sorted(near)
    kept = set(near)
    for s, e, label in full:
        if any(s < re_ and rs < e for rs, re_ in runs):
            assert (s, e, label) in kept, (text[max(0, s - 30) : e + 30], (s, e, label))


def _check_names(extractor: BuiltinExtractor, text: str, paragraphs: object = None) -> None:
    full = [e for e in extractor.extract(text, paragraphs) if e.label in NAME_LABELS]  # type: ignore[arg-type]
    assert extractor.extract(text, paragraphs, names_only=True) == full  # type: ignore[arg-type]


def _sample_articles() -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for path in SAMPLES:
        articles, _ = load_file(path)
        out.extend((a.text, a.paragraphs) for a in articles)
    return out


def _generated(count: int) -> list[str]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from gen_corpus import Generator
    finally:
        sys.path.pop(0)
    gen = Generator(7)
    rng = random.Random(7)
    return [gen.article(rng)[1] for _ in range(count)]


def test_vocabulary_covers_every_word_of_the_pattern() -> None:
    """Every letter run written in ``NUMERIC`` (trie pieces included) is part of a word
    in ``_VOCAB``: the safe starting points rely on that list being complete. Letter
    classes ("[CF]" of "°F", "[ACH]" of "A$", "[A-Z]{2,4}T" of a time zone) are single
    letters (all in ``_VOCAB``) or time zones (``_safe_start`` keeps them apart)."""
    classes = {
        c for c in re.findall(r"\[[^\]]*\]", NUMERIC.pattern) if re.search(r"[A-Za-z]", re.sub(r"\\[a-z]", "", c))
    }
    assert classes <= {"[CF]", "[ACH]", "[A-Z]"}, classes
    source = re.sub(r"\(\?P<\w+>|\\[A-Za-z]|\(\?[a-zA-Z]+[:)]|\[[^\]]*\]", " ", NUMERIC.pattern)
    for piece in set(re.findall(r"[A-Za-z]+", source)):
        assert any(piece.lower() in word for word in _VOCAB), piece


@pytest.mark.parametrize("index", range(len(_cased([p.read_text(encoding="utf-8") for p in ANNOTATED]))))
def test_annotated_texts(index: int) -> None:
    text = _cased([p.read_text(encoding="utf-8") for p in ANNOTATED])[index]
    _check_numbers(text)
    for s, e in paragraph_spans(text, None):
        _check_numbers(text, s, e)
    _check_names(BuiltinExtractor(), text)


def test_sample_corpus_articles_and_feeds() -> None:
    extractor = BuiltinExtractor()
    articles = _sample_articles()
    assert articles
    for text, paragraphs in articles:
        for variant in _cased([text]):
            for s, e in paragraph_spans(variant, paragraphs):  # type: ignore[arg-type]
                _check_numbers(variant, s, e)
            _check_names(extractor, variant, paragraphs)


def test_generated_articles() -> None:
    extractor = BuiltinExtractor()
    for i, text in enumerate(_generated(400)):
        variants = _cased([text]) if i < 100 else [text]
        for variant in variants:
            for s, e in paragraph_spans(variant, None):
                _check_numbers(variant, s, e)
            _check_names(extractor, variant)


EDGES = [
    "At 5:30 amX said it would.",
    "It ended tHe last week.",
    "about fiveMW of power",
    "about FIVEkm away",
    "In 2022, The last week of May",
    "on 5 May, Ana said",
    "The First Week Of May",
    "late on April 25 Lopez said",
    "the first week of May Lopez",
    "by 10:30 GMT Reuters said",
    "at 9pm ESTX said",
    "USD 5 million to U.S. dollars",
    "5 million U.S. dollars from Ana",
    "5 Canadian dollars",
    "US$5 to HK$3 and A$2",
    "25°C in Geneva",
    "Obama'90 and X’one and Y'a hundred",
    "today Morningstar said",
    "$5 DollarsX",
    "3 weeks Agony",
    "more than A Hundred Ships",
    "the day before Yesterday Ana",
    "fiscal 2022 Bank",
    "Several ministers met on Monday",
    "İn May and \u212aay 5 and \u017feven days Ana",
    "eBay 5 amX iPhone 3 pmQ",
    "the 1990s Bank and the 21st Century Fund",
    "Twenty-One Ships, TWENTY-ONE SHIPS, twenty-One ships",
    "the last Week Ago, The Next Three Weeks",
    "a couple of days Ana",
    "Talks ended. The last week was calm.",
    "Ana said The first time",
    "Reuters: The 1990s Bank",
    "Calm. The day before yesterday Ana",
    "Calm. today Morningstar rose",
    "Calm. 3 weeks Agony",
    "Calm. $5 DollarsX",
    "A Couple Of Days Ana",
    "5 MW and 12 GW and 3 kWh for Bank",
    "sq km of Ukraine",
]


@pytest.mark.parametrize("text", EDGES)
def test_edges(text: str) -> None:
    for variant in _cased([text]):
        _check_numbers(variant)
        _check_names(BuiltinExtractor(), variant)


_WORDS = st.sampled_from(
    [
        "the", "The", "THE", "tHe", "a", "A", "about", "About", "more", "than", "More", "Than", "last", "Last", "LAST",
        "next", "week", "Week", "WEEK", "weeks", "ago", "Ago", "AGO", "Agony", "of", "Of", "tens", "thousands",
        "Thousands", "one", "One", "ONE", "twenty-one", "Twenty-One", "five", "fiveMW", "FIVEkm", "Fivekm", "seven",
        "hundred", "Hundred", "million", "Million", "bn", "m", "k", "May", "may", "MAY", "March", "march", "Monday",
        "MONDAY", "Jan.", "Sept.", "April", "26", "2022", "5", "12", "1,000", "3.5", "10:30", "5:30", "am", "AM", "pm",
        "PM", "a.m.", "P.M.", "AMX", "Amazon", "American", "GMT", "UTC", "EST", "ESTX", "PDT", "$5", "US$5", "HK$",
        "A$", "C$3", "€", "£", "5%", "percent", "Percent", "per", "cent", "US", "U.S.", "USD", "EUR", "Canadian",
        "Hong", "Kong", "New", "Zealand", "dollars", "Dollars", "DollarsX", "euros", "km", "MW", "GW", "kWh", "°C",
        "°F", "25°C", "degrees", "Celsius", "sq", "square", "miles", "today", "Today", "yesterday", "Yesterday",
        "tomorrow", "morning", "Morning", "Morningstar", "evening", "tonight", "Tonight", "first", "First", "second",
        "Second", "21st", "5th", "th", "of", "May's", "Obama'90", "O'one", "X’one", "X'a", "iPhone", "eBay", "amX",
        "al-Qaeda", "Minister", "Ana", "Lopez", "Bank", "Ukraine", "Geneva", "said", "in", "on", "at", "by", "and", ",",
        ".", ";", ":", "-", "—", "(", ")", "'", "’", '"', "\n", "İ", "K", "ſ", "ſeven", "é", "Échec", "fiscal",
        "Financial", "early", "Late", "mid", "mid-", "Mid-", "the", "the", "day", "before", "Yesterday", "dozens",
        "Dozens", "several", "Several", "couple", "Couple", "few", "Few",
    ]
)  # fmt: skip
_MIXED = st.one_of(
    st.lists(_WORDS, max_size=40).map(" ".join),
    st.lists(_WORDS, max_size=40).map("".join),
    st.lists(st.one_of(_WORDS, st.sampled_from([" ", "  ", "\n", "\t", "-", ",", "."])), max_size=50).map("".join),
    st.lists(st.one_of(_WORDS, st.text(max_size=4)), max_size=30).map(" ".join),
)
_EXTRACTOR = BuiltinExtractor()


@settings(max_examples=1500, deadline=None)
@given(_MIXED)
def test_mixed_text_property(text: str) -> None:
    _check_numbers(text)
    for variant in (text, text.title(), text.upper()):
        _check_names(_EXTRACTOR, variant)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
@settings(max_examples=300, deadline=None)
def test_ascii_odd_capital_check_agrees(text: str) -> None:
    """In ASCII text the cheap check for an odd capital finds what the general one finds."""
    from reader.entities.numeric_near import _ODD, _ODD_ASCII

    assert [m.start() for m in _ODD_ASCII.finditer(text)] == [m.start() for m in _ODD.finditer(text)]


_GLUED_WORDS = st.sampled_from(
    [
        "Five", "FIVE", "Fivesquare", "FIVEsquare", "Fivesq", "fiveMW", "FiveMW", "Dozenkm", "Ofkm", "Of", "square",
        "sq", "km", "miles", "°C", "°", "The", "THE", "the", "last", "Last", "5", "US", "U.S.", "US$", "U$", "C$",
        "Hong", "Kong", "HK$", "K$", "New", "Zealand", "NZ$", "Z$", "Singapore", "Canadian", "dollars", "Dollars",
        "yen", "'", "’", "'90", "Obama'90", "X’one", "Ana", "Bank",
    ]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@example("Ana Fivesquare miles")
@example("FIVEsq km")
@example("Five°C")
@example("The last week")
@example("Calm. The\n1990s")
@example("5 US dollars and US$5, 3 Hong Kong dollars, C$2")
@example("Obama'90 and X’one")
@given(
    st.one_of(
        st.lists(st.one_of(_WORDS, _GLUED_WORDS), max_size=30).map(" ".join),
        st.lists(st.one_of(_WORDS, _GLUED_WORDS), max_size=30).map("".join),
    )
)
def test_loose_trigger_finds_what_the_trigger_finds_in_place(text: str) -> None:
    """Every place the trigger finds in a run, scanning the paragraph, is one of the places
    the run's own text allows (the end of the run's text standing for anything after it),
    unless the run goes through the full pass."""
    from reader.entities.numeric_near import ANYWHERE, _patterns, _run_places

    trigger = _patterns()[1]
    for rs, re_ in (m.span() for m in RUN.finditer(text)):
        places = _run_places(text[rs:re_])
        if places is ANYWHERE:
            continue
        for hit in trigger.finditer(text, rs):
            if hit.start() >= re_:
                break
            assert hit.start() - rs in places, (text[rs:re_], text[re_ : re_ + 20], hit.start() - rs, places)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(_WORDS, st.sampled_from([" ", "  ", "\t", "\n", "EST", "said", "Échec", "naïve"])), max_size=20
    ).map(" ".join),
    st.integers(0, 40),
)
def test_safe_start_shortcut_agrees_with_the_rule(text: str, lo: int) -> None:
    """The shortcut for the usual safe point gives what the word-by-word rule gives."""
    from reader.entities.numeric_near import _safe_start, _safe_start_by_words

    lo = min(lo, len(text))
    for pos in range(lo, len(text) + 1):
        assert _safe_start(text, lo, pos) == _safe_start_by_words(text, lo, pos), (text, lo, pos)
