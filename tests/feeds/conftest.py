"""A loopback HTTP server for the feed tests: 127.0.0.1, a free port, one thread, stopped
by the fixture. Each route is a small function, so a test can add its own."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from feedkit import Server, send


@pytest.fixture
def server() -> Iterator[Server]:
    routes: dict[str, Any] = {}

    class Handler_(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            path = self.path
            srv.hits[path] = srv.hits.get(path, 0) + 1
            srv.headers_seen.setdefault(path, []).append({k.lower(): v for k, v in self.headers.items()})
            handler = routes.get(path)
            if handler is None:
                send(self, 404, b"not found", Content_Type="text/plain")
                return
            handler(self)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's signature
            return

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler_)
    httpd.daemon_threads = True
    srv = Server(f"http://127.0.0.1:{httpd.server_address[1]}", routes)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.json"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return tmp_path / "library"
