"""Saved web pages: the article text alone (navigation, cookie banner, share buttons,
related links, newsletter box and footer dropped), with title, date, author and site
from the page's metadata; a page with no article text is a problem."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reader.articles import load_file

DATA = Path(__file__).resolve().parents[1] / "data" / "formats"


def test_only_the_article_text_comes_out() -> None:
    [article], problems = load_file(DATA / "harbour-page.html")
    assert problems == []
    assert (article.format, article.record) == ("html", None)
    assert article.title == "Harbour reopens after storm repairs"  # not the <title> with the site's name
    assert (article.date, article.author, article.source) == (
        dt.date(2024, 3, 14),
        "Mira Delacroix",
        "The Coastal Gazette",
    )
    assert article.url == "https://gazette.example/news/harbour-reopens"
    paragraphs = [article.paragraph_text(i) for i in range(len(article.paragraphs))]
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("The fishing harbour at Port Avel reopened on Thursday")
    assert paragraphs[-1].endswith("who runs a cafe overlooking the water.")
    for chrome in (
        "cookie",
        "Subscribe",
        "Share on",
        "Related stories",
        "newsletter",
        "All rights reserved",
        "Privacy",
    ):
        assert chrome.lower() not in article.text.lower()


def test_a_page_without_article_text_is_a_problem(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text(
        "<html><head><title>App</title><script>var app = 'Loading the application now';</script></head>"
        "<body><div id='root'></div><img src='logo.png'><script>start()</script></body></html>"
    )
    articles, problems = load_file(page)
    assert articles == []
    assert problems[0].skipped and "no article text" in problems[0].reason


def test_page_text_offsets_index_the_extracted_text(tmp_path: Path) -> None:
    page = tmp_path / "2023-06-01-notice.htm"
    page.write_text(
        "<html><body><article><p>First paragraph of a notice that is long enough to be kept as the main text of"
        " this page by the extractor.</p><p>Second paragraph, \x1b[31m with an escape, also long enough to count"
        " as article text for the extractor.</p></article></body></html>"
    )
    [article], _ = load_file(page)
    assert article.date == dt.date(2023, 6, 1)  # from the file name: the page has none
    assert "\x1b" not in article.text
    for span in article.paragraphs:
        assert article.text[span.start : span.end].strip() == article.text[span.start : span.end]


def test_a_page_in_its_declared_charset(tmp_path: Path) -> None:
    page = tmp_path / "ru.html"
    body = "".join(f"<p>Абзац номер {n}: городской совет утвердил новый план ремонта набережной.</p>" for n in range(4))
    html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head>'
    page.write_bytes((html + f"<body><article>{body}</article></body></html>").encode("cp1251"))
    [article], problems = load_file(page)
    assert problems == []  # the declaration is believed, not a guess reported
    assert article.paragraph_text(0) == "Абзац номер 0: городской совет утвердил новый план ремонта набережной."
