"""The HTTP guards, against the loopback server: conditional requests, retries, time-outs,
redirect limits and loops, gzip, size limits, schemes."""

from __future__ import annotations

import http.server
import zlib

import pytest
from feedkit import FAST, Server, entry, gz, rss, send

from reader.feeds.http import MAX_REDIRECTS, USER_AGENT, FetchError, Limits, check_url, fetch

FEED = rss([entry(1), entry(2)]).encode()


def test_conditional_request_gets_304(server: Server) -> None:
    @server.route("/feed.xml")
    def _(h: http.server.BaseHTTPRequestHandler) -> None:
        if h.headers.get("If-None-Match") == '"v1"' and h.headers.get("If-Modified-Since"):
            h.send_response(304)
            h.end_headers()
            return
        send(h, 200, FEED, ETag='"v1"', Last_Modified="Mon, 01 Jun 2026 10:00:00 GMT")

    first = fetch(server.url("/feed.xml"), limits=FAST)
    assert first.status == 200 and first.body == FEED
    assert first.etag == '"v1"' and first.last_modified == "Mon, 01 Jun 2026 10:00:00 GMT"
    second = fetch(server.url("/feed.xml"), etag=first.etag, last_modified=first.last_modified, limits=FAST)
    assert second.not_modified and second.body == b""
    assert server.headers_seen["/feed.xml"][0]["user-agent"] == USER_AGENT


def test_500_then_success_is_retried(server: Server) -> None:
    @server.route("/flaky.xml")
    def _(h: http.server.BaseHTTPRequestHandler) -> None:
        if server.hits["/flaky.xml"] == 1:
            send(h, 500, b"oops", Content_Type="text/plain")
        else:
            send(h, 200, FEED)

    assert fetch(server.url("/flaky.xml"), limits=FAST).body == FEED
    assert server.hits["/flaky.xml"] == 2


def test_persistent_500_gives_up_after_the_retries(server: Server) -> None:
    @server.route("/down.xml")
    def _(h: http.server.BaseHTTPRequestHandler) -> None:
        send(h, 503, b"down", Content_Type="text/plain")

    with pytest.raises(FetchError, match="HTTP 503"):
        fetch(server.url("/down.xml"), limits=Limits(timeout=2, retries=2, backoff=0.01))
    assert server.hits["/down.xml"] == 3


def test_404_is_not_retried(server: Server) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(server.url("/missing.xml"), limits=FAST)
    assert server.hits["/missing.xml"] == 1


def test_slow_response_times_out(server: Server) -> None:
    @server.route("/slow.xml")
    def _(h: http.server.BaseHTTPRequestHandler) -> None:
        server.stop.wait(10)

    with pytest.raises(FetchError, match="timed out"):
        fetch(server.url("/slow.xml"), limits=Limits(timeout=0.2, retries=1, backoff=0.01))
    assert server.hits["/slow.xml"] == 2  # tried again once


def _chain(server: Server, hops: int) -> str:
    for n in range(hops, 0, -1):

        def hop(h: http.server.BaseHTTPRequestHandler, n: int = n) -> None:
            h.send_response(302)
            h.send_header("Location", f"/r{hops}/{n - 1}")
            h.send_header("Content-Length", "0")
            h.end_headers()

        server.routes[f"/r{hops}/{n}"] = hop
    server.routes[f"/r{hops}/0"] = lambda h: send(h, 200, FEED)
    return server.url(f"/r{hops}/{hops}")


def test_five_redirects_are_followed(server: Server) -> None:
    got = fetch(_chain(server, MAX_REDIRECTS), limits=FAST)
    assert got.body == FEED and got.url.endswith(f"/r{MAX_REDIRECTS}/0")


def test_six_redirects_are_refused(server: Server) -> None:
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(_chain(server, MAX_REDIRECTS + 1), limits=FAST)
    assert f"/r{MAX_REDIRECTS + 1}/0" not in server.hits


def test_redirect_loop_is_detected(server: Server) -> None:
    for here, there in (("/a", "/b"), ("/b", "/a")):

        def hop(h: http.server.BaseHTTPRequestHandler, there: str = there) -> None:
            h.send_response(301)
            h.send_header("Location", there)
            h.send_header("Content-Length", "0")
            h.end_headers()

        server.routes[here] = hop
    with pytest.raises(FetchError, match="redirect loop"):
        fetch(server.url("/a"), limits=FAST)
    assert server.hits == {"/a": 1, "/b": 1}


def test_redirect_to_another_scheme_is_refused(server: Server) -> None:
    @server.route("/to-file")
    def _(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(302)
        h.send_header("Location", "file:///etc/passwd")
        h.send_header("Content-Length", "0")
        h.end_headers()

    with pytest.raises(FetchError, match="only http and https"):
        fetch(server.url("/to-file"), limits=FAST)


def test_gzip_and_deflate_are_decoded(server: Server) -> None:
    server.routes["/gz.xml"] = lambda h: send(h, 200, gz(FEED), Content_Encoding="gzip")
    server.routes["/deflate.xml"] = lambda h: send(h, 200, zlib.compress(FEED), Content_Encoding="deflate")
    assert fetch(server.url("/gz.xml"), limits=FAST).body == FEED
    assert fetch(server.url("/deflate.xml"), limits=FAST).body == FEED
    assert "gzip" in server.headers_seen["/gz.xml"][0]["accept-encoding"]


def test_gzip_bomb_stops_at_the_decoded_limit(server: Server) -> None:
    bomb = gz(b"\0" * (8 * 1024 * 1024))  # 8 MB of zeros in a few kB
    assert len(bomb) < FAST.max_bytes
    server.routes["/bomb.gz"] = lambda h: send(h, 200, bomb, Content_Encoding="gzip")
    with pytest.raises(FetchError, match="once decompressed"):
        fetch(server.url("/bomb.gz"), limits=FAST)


def test_huge_streamed_response_is_abandoned_early(server: Server) -> None:
    chunk = b"x" * 65536

    @server.route("/huge")
    def _(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        h.end_headers()  # no Content-Length: the body ends when the connection does
        sent = 0
        try:
            while sent < 2 * 1024**3 and not server.stop.is_set():
                h.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass
        server.sent["/huge"] = sent

    with pytest.raises(FetchError, match="too large"):
        fetch(server.url("/huge"), limits=FAST)
    for _ in range(200):  # the handler notices the closed socket on its next writes
        if "/huge" in server.sent:
            break
        server.stop.wait(0.05)
    # the client read a little over 1 MB and hung up; kernel buffers hold a few MB more
    assert server.sent["/huge"] < 64 * 1024 * 1024


def test_declared_huge_length_is_refused_before_reading(server: Server) -> None:
    @server.route("/declared")
    def _(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Length", str(2 * 1024**3))
        h.end_headers()
        h.wfile.write(b"x" * 1000)

    with pytest.raises(FetchError, match="too large"):
        fetch(server.url("/declared"), limits=FAST)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/feed", "gopher://x", "example.org/feed"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        check_url(url)
    with pytest.raises(FetchError):
        fetch(url, limits=FAST)
