"""Fetching one URL over HTTP(S) with the guards a feed reader needs.

A feed URL comes from an OPML file or a stranger's page, and the server at the other end
owes us nothing: it may redirect forever, send two gigabytes, gzip-bomb us, trickle a
byte a minute, or answer 503 for a moment. So every fetch here has a scheme check (http
and https only: ``file:`` or ``ftp:`` from an OPML file must not read local files), a
timeout per socket operation and a deadline for the whole body, a size cap checked while
streaming (the body is never read whole first) and again on the decoded bytes, at most
``MAX_REDIRECTS`` redirects with loops spotted, and a few retries with back-off on 5xx
and time-outs only (a 404 will not heal in a second). Conditional requests send the
validators of the last fetch back, so an unchanged feed costs one 304.

``http.client`` rather than urllib: urllib follows redirects itself (ten, to any scheme
it knows), which is the one thing that must be counted and checked here.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from .. import __version__
from ..errors import ReaderError

USER_AGENT = f"newsreader-tui/{__version__} (terminal news reader; feed fetcher)"
MAX_REDIRECTS = 5
MAX_BYTES = 20 * 1024 * 1024
TIMEOUT = 20.0
_CHUNK = 64 * 1024


class FetchError(ReaderError):
    """A fetch failed; the message is the one line shown (the URL is added by the caller)."""


@dataclass(frozen=True)
class Limits:
    """How patient and how generous a fetch is. Tests shrink these; users never need to."""

    timeout: float = TIMEOUT
    deadline: float = 120.0  # for the whole fetch, body included: a trickling server ends
    max_bytes: int = MAX_BYTES
    retries: int = 2
    backoff: float = 0.5  # seconds before the first retry, doubled each time


@dataclass(frozen=True)
class Response:
    """A 200 (``body`` decoded from gzip/deflate) or a 304 (``not_modified``, no body)."""

    url: str  # after redirects
    status: int
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    headers: dict[str, str] = field(default_factory=dict)


def check_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL with a host; FetchError otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https"):
        shown = parts.scheme or "no scheme"
        raise FetchError(f"only http and https URLs are fetched, not {shown} (give the full http(s):// address)")
    if not parts.hostname:
        raise FetchError("the URL has no host name")
    return url.strip()


class _Retry(Exception):
    """A failure worth another try (5xx, time-out, dropped connection)."""


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    limits: Limits | None = None,
    accept: str = "*/*",
) -> Response:
    """GET ``url`` following at most ``MAX_REDIRECTS`` redirects; FetchError on failure."""
    limits = limits or Limits()
    url = check_url(url)
    attempt = 0
    while True:
        try:
            return _follow(url, etag, last_modified, limits, accept)
        except _Retry as exc:
            if attempt >= limits.retries:
                raise FetchError(str(exc)) from None
            time.sleep(limits.backoff * (2**attempt))
            attempt += 1


def _follow(url: str, etag: str | None, last_modified: str | None, limits: Limits, accept: str) -> Response:
    seen = {url}
    started = time.monotonic()
    for _hop in range(MAX_REDIRECTS + 1):
        response = _request(url, etag, last_modified, limits, accept, started)
        if not isinstance(response, str):
            return response
        target = check_url(urljoin(url, response))
        if target in seen:
            raise FetchError(f"redirect loop ({target} again)")
        seen.add(target)
        url = target
    raise FetchError(f"more than {MAX_REDIRECTS} redirects")


def _request(
    url: str, etag: str | None, last_modified: str | None, limits: Limits, accept: str, started: float
) -> Response | str:
    """One request: a Response, or the Location of a redirect."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    conn: http.client.HTTPConnection
    if parts.scheme.lower() == "https":
        conn = http.client.HTTPSConnection(
            host, parts.port, timeout=limits.timeout, context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(host, parts.port, timeout=limits.timeout)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    headers = {"User-Agent": USER_AGENT, "Accept": accept, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        conn.request("GET", path, headers=headers)
        resp = conn.getresponse()
        status = resp.status
        if status in (301, 302, 303, 307, 308):
            location = resp.getheader("Location")
            if not location:
                raise FetchError(f"HTTP {status} redirect without a Location")
            return location
        if status == 304:
            return Response(url, status, etag=etag, last_modified=last_modified, not_modified=True)
        if 500 <= status < 600:
            raise _Retry(f"HTTP {status} {resp.reason}".strip())
        if status != 200:
            raise FetchError(f"HTTP {status} {resp.reason}".strip())
        raw = _read_capped(resp, limits, started)
        body = _decode(raw, (resp.getheader("Content-Encoding") or "").strip().lower(), limits.max_bytes)
        content_type = resp.getheader("Content-Type") or ""
        return Response(
            url,
            status,
            body=body,
            content_type=content_type.split(";")[0].strip().lower(),
            charset=_charset(content_type),
            etag=resp.getheader("ETag"),
            last_modified=resp.getheader("Last-Modified"),
            headers={k.lower(): v for k, v in resp.getheaders()},
        )
    except TimeoutError:
        raise _Retry(f"timed out after {limits.timeout:g} s") from None
    except (ConnectionResetError, ConnectionAbortedError, http.client.RemoteDisconnected, http.client.IncompleteRead):
        raise _Retry("the connection was dropped") from None
    except ssl.SSLError as exc:
        raise FetchError(f"TLS error: {exc.reason or exc}") from None
    except socket.gaierror:
        raise FetchError(f"cannot resolve host {host!r}") from None
    except (http.client.HTTPException, OSError) as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}".rstrip(": ")) from None
    finally:
        conn.close()


def _read_capped(resp: http.client.HTTPResponse, limits: Limits, started: float) -> bytes:
    """The body, read a chunk at a time and abandoned once it passes ``max_bytes``."""
    length = resp.getheader("Content-Length")
    if length and length.isdigit() and int(length) > limits.max_bytes:
        raise FetchError(f"response too large ({int(length):,} bytes; the limit is {limits.max_bytes:,})")
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = resp.read1(_CHUNK) if hasattr(resp, "read1") else resp.read(_CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > limits.max_bytes:
            raise FetchError(f"response too large (over {limits.max_bytes:,} bytes)")
        if time.monotonic() - started > limits.deadline:
            raise _Retry(f"the response took longer than {limits.deadline:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(raw: bytes, encoding: str, most: int) -> bytes:
    """gzip / deflate undone, never producing more than ``most`` bytes (a 20 MB gzip
    body can hold 20 GB of zeros)."""
    if encoding in ("", "identity"):
        return raw
    if encoding in ("gzip", "x-gzip"):
        wbits = 16 + zlib.MAX_WBITS
    elif encoding == "deflate":
        # "deflate" is zlib-wrapped by the standard and raw by some servers: try both
        wbits = zlib.MAX_WBITS if raw[:1] == b"\x78" else -zlib.MAX_WBITS
    else:
        raise FetchError(f"unsupported Content-Encoding {encoding!r}")
    inflater = zlib.decompressobj(wbits)
    try:
        out = inflater.decompress(raw, most + 1)
    except zlib.error as exc:
        raise FetchError(f"the {encoding} body is corrupt ({exc})") from None
    if len(out) > most or inflater.unconsumed_tail:
        raise FetchError(f"response too large once decompressed (over {most:,} bytes)")
    return out


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None
