"""Fetching subscribed feeds into a library: counts, 304s, failures kept to their feed,
full text for summary-only entries."""

from __future__ import annotations

import http.server
from pathlib import Path

import pytest
from feedkit import FAST, Server, entry, gz, rss, send

from reader.articles import load_file, scan_corpus
from reader.feeds.fetch import fetch_feeds
from reader.feeds.http import Limits
from reader.feeds.library import Library, LibraryBusyError
from reader.store import Feed, Store

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title>
<description>boom</description></item></channel></rss>"""

PAGE = """<html><head><title>Not a feed</title></head><body><nav>Home | About</nav>
<article><h1>Welcome</h1><p>This is an ordinary web page, not a feed.</p></article></body></html>"""


def _feeds(server: Server, *paths: str) -> list[Feed]:
    return [Feed(url=server.url(p)) for p in paths]


def test_entries_written_then_304_writes_nothing(server: Server, library: Path) -> None:
    body = rss([entry(1), entry(2), entry(3)]).encode()

    @server.route("/news.xml")
    def _(h: http.server.BaseHTTPRequestHandler) -> None:
        if h.headers.get("If-None-Match") == '"abc"':
            h.send_response(304)
            h.end_headers()
            return
        send(h, 200, body, ETag='"abc"', Last_Modified="Mon, 01 Jun 2026 10:00:00 GMT")

    lib = Library(library)
    [first] = fetch_feeds(_feeds(server, "/news.xml"), lib, limits=FAST)
    assert (first.new, first.updated, first.unchanged, first.error) == (3, 0, 0, None)
    assert first.feed.etag == '"abc"' and first.feed.entries == 3 and first.feed.title == "Loopback News"
    files = sorted(library.rglob("*.md"))
    assert len(files) == 3
    stamps = {f: f.stat().st_mtime_ns for f in files}
    articles = scan_corpus(library).articles
    assert {a.title for a in articles} == {"Story number 1", "Story number 2", "Story number 3"}
    assert all(a.url and a.url.startswith("http://example.org/story/") for a in articles)

    [second] = fetch_feeds([first.feed], Library(library), limits=FAST)
    assert second.not_modified and (second.new, second.updated) == (0, 0)
    assert server.headers_seen["/news.xml"][1]["if-none-match"] == '"abc"'
    assert server.headers_seen["/news.xml"][1]["if-modified-since"] == "Mon, 01 Jun 2026 10:00:00 GMT"
    assert {f: f.stat().st_mtime_ns for f in sorted(library.rglob("*.md"))} == stamps

    # another (empty) library: no validators sent, so it gets the entries and not a 304
    [third] = fetch_feeds([second.feed], Library(library.parent / "fresh"), limits=FAST)
    assert third.new == 3 and not third.not_modified
    assert "if-none-match" not in server.headers_seen["/news.xml"][2]


def test_one_failing_feed_never_stops_the_others(server: Server, library: Path) -> None:
    server.routes["/good.xml"] = lambda h: send(h, 200, rss([entry(1)]).encode())
    server.routes["/gz.xml"] = lambda h: send(h, 200, gz(rss([entry(2)]).encode()), Content_Encoding="gzip")
    server.routes["/page.html"] = lambda h: send(h, 200, PAGE.encode(), Content_Type="text/html")
    server.routes["/bomb.xml"] = lambda h: send(h, 200, BILLION_LAUGHS)
    server.routes["/slow.xml"] = lambda h: server.stop.wait(10) and None
    limits = Limits(timeout=0.3, retries=1, backoff=0.01, max_bytes=1024 * 1024)
    feeds = _feeds(server, "/good.xml", "/missing.xml", "/page.html", "/bomb.xml", "/slow.xml", "/gz.xml")
    outcomes = fetch_feeds(feeds, Library(library), limits=limits)
    by = {o.url.rsplit("/", 1)[1]: o for o in outcomes}
    assert [o.url for o in outcomes] == [f.url for f in feeds]  # in the order asked
    assert by["good.xml"].new == 1 and by["good.xml"].error is None
    assert by["gz.xml"].new == 1 and by["gz.xml"].error is None
    assert "HTTP 404" in (by["missing.xml"].error or "")
    assert "not a feed" in (by["page.html"].error or "")
    assert "entities" in (by["bomb.xml"].error or "")
    assert "timed out" in (by["slow.xml"].error or "")
    for o in outcomes:
        assert o.error is None or "\n" not in o.error
        assert (o.feed.last_status == "error") == (o.error is not None)
    assert len(list(library.rglob("*.md"))) == 2


def test_retry_after_500(server: Server, library: Path) -> None:
    @server.route("/flaky.xml")
    def _(h: http.server.BaseHTTPRequestHandler) -> None:
        if server.hits["/flaky.xml"] == 1:
            send(h, 500, b"", Content_Type="text/plain")
        else:
            send(h, 200, rss([entry(7)]).encode())

    [got] = fetch_feeds(_feeds(server, "/flaky.xml"), Library(library), limits=FAST)
    assert got.new == 1 and got.error is None and server.hits["/flaky.xml"] == 2


def test_full_text_fetches_the_page_of_a_summary_only_entry(server: Server, library: Path) -> None:
    paragraph = "The council met for nine hours and agreed on the river plan in the end. "
    article = "<p>" + paragraph * 4 + "</p>"
    page = f"<html><head><title>River plan</title></head><body><nav>Menu</nav><article><h1>River plan</h1>{article * 5}"
    page += "</article><footer>Cookies? Accept all</footer></body></html>"
    server.routes["/story/1"] = lambda h: send(h, 200, page.encode(), Content_Type="text/html; charset=utf-8")
    link = server.url("/story/1")
    feed = rss([entry(1, body="A short teaser.", link=link)]).encode()
    server.routes["/summary.xml"] = lambda h: send(h, 200, feed)

    [got] = fetch_feeds(_feeds(server, "/summary.xml"), Library(library), limits=FAST, full_text=True)
    assert got.new == 1 and got.error is None, got.warnings
    [path] = library.rglob("*.md")
    [article_read] = load_file(path)[0]
    assert "nine hours" in article_read.body and "Cookies" not in article_read.body
    # a second fetch finds the entry in the library: the page is not fetched again
    fetch_feeds(_feeds(server, "/summary.xml"), Library(library), limits=FAST, full_text=True)
    assert server.hits["/story/1"] == 1


def test_without_full_text_the_summary_is_kept(server: Server, library: Path) -> None:
    feed = rss([entry(1, body="A short teaser.", link=server.url("/story/1"))]).encode()
    server.routes["/summary.xml"] = lambda h: send(h, 200, feed)
    [got] = fetch_feeds(_feeds(server, "/summary.xml"), Library(library), limits=FAST)
    assert got.new == 1 and "/story/1" not in server.hits
    [path] = library.rglob("*.md")
    assert "A short teaser." in path.read_text()


def test_store_records_the_fetch_and_keeps_user_fields(server: Server, library: Path, store_path: Path) -> None:
    server.routes["/a.xml"] = lambda h: send(h, 200, rss([entry(1)]).encode(), ETag='"e1"')
    store = Store.open(store_path)
    store.add_feeds([(server.url("/a.xml"), "My title")], full_text=False)
    outcomes = fetch_feeds(store.feeds(), Library(library), limits=FAST)
    store.record_fetches([o.feed for o in outcomes])
    [feed] = Store.open(store_path).feeds()
    assert (feed.title, feed.etag, feed.entries, feed.last_status) == ("My title", '"e1"', 1, "ok")
    assert feed.last_fetch is not None


def test_a_second_fetch_into_the_same_library_is_refused(server: Server, library: Path) -> None:
    server.routes["/a.xml"] = lambda h: send(h, 200, rss([entry(1)]).encode())
    holder = Library(library)
    with holder.locked():
        with pytest.raises(LibraryBusyError, match="another reader is writing into the library"):
            fetch_feeds(_feeds(server, "/a.xml"), Library(library), limits=FAST)
        assert "/a.xml" not in server.hits
    [got] = fetch_feeds(_feeds(server, "/a.xml"), Library(library), limits=FAST)  # free again
    assert got.new == 1
