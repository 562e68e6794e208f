"""Fetched feed bytes into entries: Atom and RSS, content over summary, dates, broken XML
kept as far as it parses, non-feeds and entity declarations refused."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.feeds.parse import FeedParseError, parse_feed_bytes

LONG = "<p>" + "A long paragraph of real article text about the harbour. " * 15 + "</p>"
ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Times</title>
<link href="https://harbour.example/"/><id>urn:harbour</id><updated>2026-03-02T10:00:00Z</updated>
<entry><title type="html">Cranes &amp;amp; ships</title><id>tag:harbour.example,2026:1</id>
<link rel="alternate" href="https://harbour.example/1"/><published>2026-03-01T08:30:00+01:00</published>
<author><name>Ann Dock</name></author><summary>Short.</summary>
<content type="html">{LONG.replace("<", "&lt;").replace(">", "&gt;")}&lt;p&gt;Second.&lt;/p&gt;</content></entry>
<entry><title>No date here</title><id>tag:harbour.example,2026:2</id><summary>Just a teaser.</summary></entry>
</feed>"""


def test_atom_content_dates_and_summaries() -> None:
    parsed = parse_feed_bytes(ATOM.encode())
    assert parsed.title == "Harbour Times" and parsed.problem is None
    first, second = parsed.entries
    assert first.title == "Cranes & ships" and first.author == "Ann Dock"
    assert first.link == "https://harbour.example/1" and first.guid == "tag:harbour.example,2026:1"
    assert first.date == dt.datetime(2026, 3, 1, 7, 30, tzinfo=dt.UTC)
    assert first.text.endswith("\n\nSecond.") and not first.summary_only
    assert second.date is None and second.summary_only and second.text == "Just a teaser."


RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://r.example/"><title>RDF news</title><link>http://r.example/</link></channel>
<item rdf:about="http://r.example/1"><title>One</title><link>http://r.example/1</link>
<description>First item.</description><dc:date>2026-02-03T04:05:06Z</dc:date></item>
</rdf:RDF>"""


def test_rss_1_0() -> None:
    [item] = parse_feed_bytes(RSS1).entries
    assert (item.title, item.link, item.text) == ("One", "http://r.example/1", "First item.")
    assert item.date == dt.datetime(2026, 2, 3, 4, 5, 6, tzinfo=dt.UTC)


def test_junk_after_the_root_keeps_the_entries() -> None:
    data = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        b"<item><title>Kept</title><guid>k</guid><description>Body.</description></item>"
        b"</channel></rss>\n<html>junk</html>\x00\x01"
    )
    parsed = parse_feed_bytes(data)
    assert [e.title for e in parsed.entries] == ["Kept"]


def test_windows_1251_declared_encoding() -> None:
    body = '<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Новости</title>'
    body += "<item><title>Привет, мир</title><description>Текст статьи.</description></item></channel></rss>"
    [item] = parse_feed_bytes(body.encode("cp1251")).entries
    assert item.title == "Привет, мир" and item.text == "Текст статьи."


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<html><head><title>Home</title></head><body><p>Welcome</p></body></html>", "not a feed"),
        (b"", "not a feed"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not a feed"),
        (
            b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<rss version="2.0"><channel><title>&x;</title></channel></rss>',
            "entities",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b'<rss version="2.0"><channel><title>&b;</title></channel></rss>',
            "entities",
        ),
    ],
)
def test_not_feeds_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(FeedParseError, match=reason):
        parse_feed_bytes(data)
