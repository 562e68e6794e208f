"""The library: no entry written twice (guid, then url, then body), an entry changed
upstream rewrites its file, untrusted text made inert, the index rebuilt when lost."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from reader.articles import load_file
from reader.feeds.library import INDEX_NAME, Library, feed_slug, render, slugify
from reader.feeds.parse import Entry, parse_feed_bytes
from reader.safe_text import safe_text

WHEN = dt.datetime(2026, 6, 1, 9, 30, tzinfo=dt.UTC)


def _entry(n: int, **changes: object) -> Entry:
    base = Entry(
        title=f"Headline {n}",
        link=f"http://example.org/{n}",
        guid=f"urn:{n}",
        date=WHEN,
        author="A. Writer",
        text=f"Paragraph one of {n}.\n\nParagraph two of {n}.",
        summary_only=False,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.md"))


def test_entry_file_reads_back_as_an_article(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    assert lib.write_entry("feed", "The Source", _entry(1)) == "new"
    [path] = _files(tmp_path)
    assert path.relative_to(tmp_path).as_posix() == "feed/2026-06-01-headline-1.md"
    [article] = load_file(path)[0]
    assert (article.title, article.source, article.author, article.url) == (
        "Headline 1",
        "The Source",
        "A. Writer",
        "http://example.org/1",
    )
    assert article.date == dt.date(2026, 6, 1)
    assert article.body == "Paragraph one of 1.\n\nParagraph two of 1."


def test_same_guid_twice_is_written_once(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    assert lib.write_entry("feed", None, _entry(1)) == "new"
    assert lib.write_entry("feed", None, _entry(1)) == "unchanged"
    # the same guid under a new link is still the same entry
    assert lib.write_entry("feed", None, _entry(1, link="http://example.org/moved")) == "updated"
    assert len(_files(tmp_path)) == 1


def test_same_url_without_guid_is_written_once(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    assert lib.write_entry("feed", None, _entry(1, guid=None)) == "new"
    assert lib.write_entry("other", None, _entry(1, guid=None, title="Headline 1 (again)")) == "updated"
    assert len(_files(tmp_path)) == 1


def test_same_body_under_other_ids_is_written_once(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    assert lib.write_entry("feed", None, _entry(1)) == "new"
    copy = _entry(1, guid="urn:syndicated", link="http://mirror.example.net/1", title="Copied")
    assert lib.write_entry("mirror", None, copy) == "unchanged"
    [path] = _files(tmp_path)
    assert "title: Headline 1" in path.read_text()  # the first one kept as it was


def test_entry_changed_upstream_rewrites_its_file(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    lib.write_entry("feed", None, _entry(1))
    [path] = _files(tmp_path)
    changed = _entry(1, text="Paragraph one of 1, corrected.\n\nParagraph two of 1.")
    assert lib.write_entry("feed", None, changed) == "updated"
    assert _files(tmp_path) == [path]
    assert "corrected" in path.read_text()


def test_index_survives_a_new_process_and_is_rebuilt_when_lost(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    lib.write_entry("feed", None, _entry(1))
    lib.write_entry("feed", None, _entry(2, guid=None))
    lib.save_index()
    assert Library(tmp_path).write_entry("feed", None, _entry(1)) == "unchanged"
    (tmp_path / INDEX_NAME).write_text("{ not json")
    rebuilt = Library(tmp_path)
    assert rebuilt.write_entry("feed", None, _entry(1)) == "unchanged"
    assert rebuilt.write_entry("feed", None, _entry(2, guid=None)) == "unchanged"
    (tmp_path / INDEX_NAME).unlink()
    assert Library(tmp_path).write_entry("x", None, _entry(2, guid="new-guid", link=None)) == "unchanged"  # body
    assert len(_files(tmp_path)) == 2


def test_a_deleted_entry_stays_deleted(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    lib.write_entry("feed", None, _entry(1))
    _files(tmp_path)[0].unlink()
    assert lib.write_entry("feed", None, _entry(1, text="Changed upstream.")) == "unchanged"
    assert _files(tmp_path) == []


def test_same_title_and_day_get_two_files(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    lib.write_entry("feed", None, _entry(1, title="Same"))
    lib.write_entry("feed", None, _entry(2, title="Same"))
    assert [p.name for p in _files(tmp_path)] == ["2026-06-01-same-2.md", "2026-06-01-same.md"]


def test_no_temporary_files_are_left(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    for n in range(5):
        lib.write_entry("feed", None, _entry(n))
    lib.save_index()
    leftovers = [p for p in tmp_path.rglob("*") if p.name.startswith(".tmp-")]
    assert leftovers == []


EVIL_FEED = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title><item>'
    b"<title>Breaking &#x1b;]0;pwned&#x7; [bold]news[/bold] [@click=app.quit]x[/]&#x9b;2J</title>"
    b"<author>Eve &#x1b;[31mred</author><guid>g1</guid>"
    b"<description>&lt;p&gt;Para &amp;#27;[2J one&lt;/p&gt;&lt;p&gt;two&#x1b;[0m&lt;/p&gt;</description>"
    b"</item></channel></rss>"
)


def test_escapes_in_feed_text_are_inert_in_files(tmp_path: Path) -> None:
    parsed = parse_feed_bytes(EVIL_FEED)
    [entry] = parsed.entries
    for value in (entry.title, entry.author or "", entry.text):
        assert safe_text(value) == value, value  # nothing a terminal would act on
        assert "\x1b" not in value and "\x9b" not in value
    assert "[bold]news[/bold]" in entry.title  # markup kept as the literal text it is
    lib = Library(tmp_path)
    lib.write_entry(feed_slug("http://x/feed"), None, entry)
    [path] = _files(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert safe_text(text) == text
    front = text.split("---")[1]
    assert all(line.count(":") >= 1 for line in front.strip().splitlines())  # one line per value


def test_front_matter_values_stay_on_one_line() -> None:
    text = render({"title": "two\nlines\r\nhere", "url": '"quoted"'}, "Body.")
    assert "title: two lines here\n" in text
    assert 'url: ""quoted""\n' in text  # the reader strips one pair of quotes, keeping the value


def test_slugs_are_plain_ascii() -> None:
    assert slugify("Élection : résultats!") == "election-resultats"
    assert slugify("\x1b[2J") == "2j"
    assert slugify("") == "untitled"
    assert feed_slug("http://a.example/feed") != feed_slug("http://b.example/feed")
