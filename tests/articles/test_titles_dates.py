"""Title derivation and date parsing."""

from __future__ import annotations

import datetime as dt

from reader.articles.dates import date_from_file_name, parse_date
from reader.articles.titles import derive_title, first_sentence


def test_first_sentence_skips_initials_and_abbreviations() -> None:
    text = "U.S. envoy Dr. Maria Lopez met Gen. J. Ortiz in Lima. They spoke for an hour."
    assert first_sentence(text) == "U.S. envoy Dr. Maria Lopez met Gen. J. Ortiz in Lima."


def test_long_sentence_cut_at_a_word_boundary() -> None:
    words = (
        "The regional water board of the southern provinces announced a sweeping plan "
        "to ration supplies across nine districts during the dry season."
    )
    title = derive_title(words)
    assert title.endswith("...")
    assert len(title) <= 90
    assert words.startswith(title[:-3])
    assert words[len(title) - 3] == " "  # the cut falls between words


def test_short_sentence_kept_whole() -> None:
    assert derive_title("Markets rose. Then fell.") == "Markets rose."


def test_parse_date_forms() -> None:
    assert parse_date("2022-04-26") == dt.date(2022, 4, 26)
    assert parse_date("April 26, 2022") == dt.date(2022, 4, 26)
    assert parse_date("26 Apr 2022") == dt.date(2022, 4, 26)
    assert parse_date("Tue, 26 Apr 2022 10:00:00 +0000") == dt.date(2022, 4, 26)
    assert parse_date("2022-04-26T08:30:00Z") == dt.date(2022, 4, 26)
    for bad in ("2021-13-45", "April 45, 2022", "soon", "", "April 26"):
        assert parse_date(bad) is None, bad


def test_date_from_file_name() -> None:
    assert date_from_file_name("2022-04-26-slug.txt") == dt.date(2022, 4, 26)
    assert date_from_file_name("x-2022-02-30.txt") is None
    assert date_from_file_name("20220426.txt") is None


def test_derived_title_skips_a_dateline() -> None:
    assert (
        derive_title("KOUROU, French Guiana — Kestrel launched two satellites. More.")
        == "Kestrel launched two satellites."
    )
    assert derive_title("LONDON (Newswire) - Prices rose. More.") == "Prices rose."
    assert derive_title("SEVILLE — Temperatures topped 46 degrees.") == "Temperatures topped 46 degrees."
    # not datelines: an acronym opening a sentence, a hyphenated word
    assert derive_title("UN Secretary-General Ana Ruiz spoke.") == "UN Secretary-General Ana Ruiz spoke."
    assert derive_title("EU-wide tariffs - a primer.") == "EU-wide tariffs - a primer."
