"""The chart renderer: bars scale to the largest count, empty and one-period inputs, and
the output never exceeds the width it was given; the corpus figures behind the overview."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.articles import Article
from reader.tui.screens.overview import corpus_stats, sources_text, stats_text
from reader.tui.widgets.charts import EIGHTHS, bucket_counts, render_timeline


def lines(counts: object, width: int, **kw: object) -> list[str]:
    return render_timeline(counts, width, **kw).plain.split("\n")  # type: ignore[arg-type]


def test_bars_scale_to_the_largest_count() -> None:
    counts = {(2024, 1): 1, (2024, 2): 4, (2024, 3): 2}
    rows = lines(counts, 40, height=2)
    assert len(rows) == 3  # two bar rows and the labels
    assert rows[0].startswith("4│") and rows[1].startswith("0│")
    bars = [r[2:] for r in rows[:2]]
    # the peak month fills both rows; the smallest has only a sliver in the bottom row
    assert set(bars[0][3:6]) == {"█"} and set(bars[1][3:6]) == {"█"}
    assert bars[0][0] == " " and bars[1][0] in EIGHTHS[1:5]
    assert bars[1][6] == "█" and bars[0][6] == " "  # 2 of 4 over two rows: one full row
    assert "2024-01" in rows[2] and "2024-03" in rows[2]


def test_dates_are_bucketed_and_gaps_kept() -> None:
    counts = {dt.date(2023, 11, 3): 2, dt.date(2023, 11, 20): 1, dt.date(2024, 2, 1): 5}
    assert bucket_counts(counts) == [((2023, 11), 3), ((2023, 12), 0), ((2024, 1), 0), ((2024, 2), 5)]
    weeks = bucket_counts({dt.date(2024, 1, 1): 1, dt.date(2024, 1, 15): 1}, by="week")
    assert weeks == [((2024, 1), 1), ((2024, 2), 0), ((2024, 3), 1)]
    assert "2024-W01" in lines({dt.date(2024, 1, 1): 1, dt.date(2024, 1, 15): 1}, 40, by="week")[-1]


def test_empty_input() -> None:
    text = render_timeline({}, 30, empty="nothing dated")
    assert text.plain == "nothing dated"
    assert render_timeline({}, 4).plain == "no d"  # never wider than asked


def test_one_month() -> None:
    rows = lines({(2024, 3): 7}, 30, height=3)
    assert rows[0].startswith("7│") and "█" in rows[0]
    assert rows[-1].strip() == "2024-03"


def test_a_sliver_for_one_article_beside_thousands() -> None:
    rows = lines({(2024, 1): 1, (2024, 2): 10_000}, 40, height=4)
    assert rows[3][7] in EIGHTHS[1:]  # the bottom row of the first bar is not blank
    assert rows[0].startswith("10,000│")


def test_many_months_are_summed_to_fit() -> None:
    counts = {(2000 + m // 12, m % 12 + 1): 1 for m in range(240)}  # 20 years
    rows = lines(counts, 30, height=2)
    assert all(len(r) <= 30 for r in rows)
    assert rows[-1].lstrip().startswith("2000-01") and rows[-1].rstrip().endswith("2019-12")


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.tuples(st.integers(1990, 2030), st.integers(1, 12)), st.integers(0, 10**6), max_size=40),
    st.integers(1, 120),
    st.integers(1, 8),
)
def test_never_wider_than_asked(counts: dict[tuple[int, int], int], width: int, height: int) -> None:
    text = render_timeline(counts, width, height=height)
    assert all(len(line) <= width for line in text.plain.split("\n"))
    if counts:
        assert len(text.plain.split("\n")) == height + 1


def test_labels_are_text_not_markup() -> None:
    text = render_timeline({(2024, 1): 3}, 20, bar_style="bold")
    assert "[" not in text.plain
    assert any(span.style == "bold" for span in text.spans)


def article(name: str, date: dt.date | None, source: str | None) -> Article:
    return Article(
        id=name, path=Path(name), text="x", paragraphs=(), title=name, date=date,
        fingerprint=name, format="plain", source=source,
    )  # fmt: skip


def test_corpus_stats() -> None:
    articles = [
        article("a", dt.date(2024, 3, 1), "Coastal Post"),
        article("b", dt.date(2024, 3, 9), "Coastal Post"),
        article("c", dt.date(2023, 12, 31), "Valley [bold]Gazette\x1b]0;x\x07"),
        article("d", None, None),
    ]
    stats = corpus_stats(articles)
    assert (stats.total, stats.dated, stats.unnamed_sources) == (4, 3, 1)
    assert (stats.first, stats.last) == (dt.date(2023, 12, 31), dt.date(2024, 3, 9))
    assert stats.per_month == {(2024, 3): 2, (2023, 12): 1}
    assert stats.sources[0] == ("Coastal Post", 2)
    shown = sources_text(stats).plain
    assert "Valley [bold]Gazette" in shown and "\x1b" not in shown  # sanitised, inert
    assert "3 dated, 1 undated" in stats_text(stats).plain
    assert "still loading" in stats_text(stats, loading=True).plain
    empty = corpus_stats([])
    assert "No dated articles." in stats_text(empty).plain
