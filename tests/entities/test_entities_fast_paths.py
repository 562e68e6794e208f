"""The fast paths of the built-in extractor give exactly what the plain rules give.

Names-only extraction (what the corpus index runs) must return the very spans, labels
and keys of a full run for the named labels, so a posting always matches what the
article view highlights; the run memo must not let one article's context leak into
another's; the numeric trigger must never hide a match the patterns would find.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.articles.parse import parse_plain
from reader.entities import NAME_LABELS, extract, extract_article, extract_names
from reader.entities.builtin import BuiltinExtractor
from reader.entities.numeric import NUMERIC, find_numeric

ANNOTATED = sorted((Path(__file__).parent / "annotated").glob("*.txt"))

# Original sentences with names next to numbers, dates and value words.
MIXED = (
    "On April 26, Foreign Minister Sergei Lavrov met U.S. Defense Secretary Lloyd Austin in Geneva.\n\n"
    "The Last Two Weeks Of Talks In Nairobi Ended Early\n\n"
    "More than 1,000 civilians left Mariupol last week, the UN said; about $700 million in aid arrived.\n\n"
    "May Okafor, 34, joined the Atlas Shipping Group in March 2021 and moved to Accra on Monday.\n\n"
    "THE FIRST 3 DAYS: NATO SAID 12 SHIPS REACHED ODESA BY 10:30 GMT.\n\n"
    "Helix Pharma (HP) said HP would pay 5 Canadian dollars a share; Helix rose 26 percent.\n"
)


def _texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in ANNOTATED] + [MIXED]
    return texts + [t.upper() for t in texts] + [t.lower() for t in texts] + [t.title() for t in texts]


@pytest.mark.parametrize("index", range(len(_texts())))
def test_names_only_equals_full_run_filtered(index: int) -> None:
    text = _texts()[index]
    full = [e for e in BuiltinExtractor().extract(text) if e.label in NAME_LABELS]
    assert BuiltinExtractor().extract(text, names_only=True) == full


def test_extract_names_on_an_article() -> None:
    article = parse_plain(Path("a.txt"), " date 2022-04-26 \ntitle: T\n\n" + MIXED).articles[0]
    full = [e for e in extract_article(article) if e.label in NAME_LABELS]
    assert extract_names(article) == full
    assert extract_article(article, names_only=True) == full
    assert all(article.text[e.start : e.end] == e.text for e in full)


def test_memo_is_blind_to_order() -> None:
    """A warm extractor (runs remembered from other texts) gives what a fresh one gives."""
    texts = _texts()
    warm = BuiltinExtractor()
    for text in texts:
        warm.extract(text)
    for text in reversed(texts):
        assert warm.extract(text) == BuiltinExtractor().extract(text)


def test_memo_keeps_context_apart() -> None:
    """The same run after different words is decided by its own context each time
    (a lower-case title makes a PERSON, a place preposition a GPE)."""
    extractor = BuiltinExtractor()
    for word, expected in (("spokesman", "PERSON"), ("near", "GPE"), ("spokesman", "PERSON")):
        text = f"Crowds gathered, the {word} Zelensky said."
        got = {e.text: e.label for e in extractor.extract(text)}
        assert got.get("Zelensky") == expected


def test_trigger_never_hides_a_match() -> None:
    """Matches at every word start, tried one by one, are the ones ``finditer`` finds."""
    loose = re.compile(NUMERIC.pattern.replace("(?<![\\w$£€¥])(?<!\\w-)(?=", "(?<![\\w$£€¥])(?<!\\w-)(?=|", 1))
    for text in _texts():
        expected: list[tuple[int, int, str]] = []
        pos = 0
        while pos < len(text):
            m = loose.search(text, pos)
            if m is None:
                break
            s, e = m.span()
            trimmed = e
            while trimmed > s and text[trimmed - 1] in " \t-":
                trimmed -= 1
            if trimmed > s:
                expected.append((s, trimmed, (m.lastgroup or "").split("_")[0]))
            pos = e
        assert find_numeric(text, 0, len(text)) == expected


def test_full_extract_unchanged_by_names_only_calls() -> None:
    before = extract(MIXED)
    BuiltinExtractor().extract(MIXED, names_only=True)
    assert extract(MIXED) == before


def _runs_by_capital(text: str) -> list[tuple[int, int]]:
    """The runs as ``NameFinder.find`` walks them."""
    from reader.entities.runs import run_spans

    return run_spans(text, 0, len(text))


_RUN_WORDS = st.sampled_from(
    [
        "Ukraine",
        "U.S.",
        "D.C.",
        "W.",
        "Mr.",
        "Mrs.",
        "Gen.",
        "St.",
        "the",
        "of",
        "and",
        "de",
        "al-Assad",
        "bin-Salman",
        "el-Sisi",
        "eBay",
        "iPhone",
        "McDonald",
        "anti-American",
        "O'Brien",
        "Russia's",
        "X'90",
        "Secretary-General",
        "Supt.",
        "Insp.",
        "Prof.",
        "Supt",
        "Sup.",
        "Abcd.",
        "Abcde.",
        "A.",
        "É",
        "Ölund",
        "ßA",
        "5GW",
        "_A",
        "-B",
        ".C",
        "'D",
        "’E",
        "zBay",
        "yzAb",
        "ab-Cd",
        "said",
        "\n",
        "\t",
        "  ",
    ]
)


@given(st.one_of(st.lists(_RUN_WORDS, max_size=30).map(" ".join), st.lists(_RUN_WORDS, max_size=30).map("".join)))
@settings(max_examples=400, deadline=None)
def test_runs_found_by_capital_are_the_run_pattern_matches(text: str) -> None:
    """The run scanner starts at capitals for speed; what it finds is exactly
    ``RUN.finditer`` (the specification: the pattern tried at every position)."""
    from reader.entities.runs import RUN

    assert _runs_by_capital(text) == [m.span() for m in RUN.finditer(text)]


def test_runs_found_by_capital_on_real_prose() -> None:
    from reader.entities.runs import RUN

    for text in _texts() + ["eBay " * 3000]:  # many prefixed runs in one paragraph
        assert _runs_by_capital(text) == [m.span() for m in RUN.finditer(text)]


_GAPS = st.sampled_from(["\n\n", "\n", " \n \n ", "\t\n", "  ", "\t", "", " ", "\u00a0", "\r\n\r\n", " x ", "-"])


@given(st.lists(st.tuples(st.lists(_RUN_WORDS, min_size=1, max_size=12).map(" ".join), _GAPS), min_size=1, max_size=6))
@settings(max_examples=400, deadline=None)
def test_one_scan_over_an_article_finds_each_paragraphs_runs(parts: list[tuple[str, str]]) -> None:
    """Paragraphs split by blank lines are scanned in one go; whatever lies between them,
    the runs are those of each paragraph scanned alone."""
    from reader.entities.names import _article_runs
    from reader.entities.runs import run_spans

    text, paragraphs = "", []
    for body, gap in parts:
        paragraphs.append((len(text), len(text) + len(body)))
        text += body + gap
    expected = [run for s, e in paragraphs for run in run_spans(text, s, e)]
    assert _article_runs(text, paragraphs) == expected
