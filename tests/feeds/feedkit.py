"""Helpers for the feed tests: feeds to serve, the loopback server's record of requests."""

from __future__ import annotations

import gzip
import http.server
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.feeds.http import Limits

Handler = Callable[[http.server.BaseHTTPRequestHandler], None]

# small enough that a failing test ends quickly, large enough for a loaded CI machine
FAST = Limits(timeout=2.0, deadline=30.0, max_bytes=1024 * 1024, retries=1, backoff=0.01)


def rss(entries: list[dict[str, str]], title: str = "Loopback News") -> str:
    items = []
    for e in entries:
        parts = [f"<{k}>{v}</{k}>" for k, v in e.items()]
        items.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.org/</link>" + "".join(items) + "</channel></rss>"
    )


def entry(n: int, body: str | None = None, **extra: str) -> dict[str, str]:
    out = {
        "title": f"Story number {n}",
        "link": f"http://example.org/story/{n}",
        "guid": f"urn:story:{n}",
        "pubDate": f"Mon, 0{1 + n % 9} Jun 2026 10:00:00 GMT",
        "description": body if body is not None else f"&lt;p&gt;Body of story {n}. It tells of things.&lt;/p&gt;",
    }
    out.update(extra)
    return out


@dataclass
class Server:
    base: str
    routes: dict[str, Handler]
    hits: dict[str, int] = field(default_factory=dict)
    headers_seen: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)
    sent: dict[str, int] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str) -> Callable[[Handler], Handler]:
        def add(fn: Handler) -> Handler:
            self.routes[path] = fn
            return fn

        return add


def send(h: http.server.BaseHTTPRequestHandler, status: int, body: bytes, **headers: str) -> None:
    h.send_response(status)
    headers.setdefault("Content-Type", "application/rss+xml; charset=utf-8")
    for key, value in headers.items():
        h.send_header(key.replace("_", "-"), value)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)


def gz(data: bytes) -> bytes:
    return gzip.compress(data)
