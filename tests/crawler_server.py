"""A fixture web server on 127.0.0.1 that logs every request and misbehaves on demand.

Routes map a path (with its query string) to a function of the request returning a ``Reply``;
the server keeps a log of every request so tests assert on what was fetched and when.
All page text here is our own filler, written for these tests.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Hit:
    path: str
    at: float
    headers: dict[str, str]
    status: int


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    stream_bytes: int = 0  # send this many filler bytes (large responses) instead of body
    reset: bool = False  # close the connection with a TCP reset instead of answering
    no_length: bool = False  # no Content-Length: the body ends when the connection closes


Route = Callable[["Request"], Reply]


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    count: int  # how many times this path was requested, this one included


class FixtureServer:
    """Serve ``routes`` on a free port; ``url(path)``, ``count(path)`` and ``hits`` for tests."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.prefix_routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self._counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FixtureServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def url(self, path: str) -> str:
        return self.base + path

    def count(self, path: str) -> int:
        with self._lock:
            return self._counts[path]

    def counts(self) -> Counter[str]:
        with self._lock:
            return Counter(self._counts)

    def times(self, path: str) -> list[float]:
        with self._lock:
            return [h.at for h in self.hits if h.path == path]

    def page(self, path: str, body: bytes | str, ctype: str = "text/html; charset=utf-8") -> None:
        """Serve a static page with ETag and Last-Modified, answering 304 when unchanged."""
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = static(data, ctype)

    def _route(self, path: str) -> Route | None:
        if path in self.routes:
            return self.routes[path]
        for prefix, route in self.prefix_routes.items():
            if path.startswith(prefix):
                return route
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # quiet
                return

            def do_GET(self) -> None:
                with server._lock:
                    server._counts[self.path] += 1
                    count = server._counts[self.path]
                route = server._route(self.path)
                request = Request(self.path, dict(self.headers.items()), count)
                reply = route(request) if route else Reply(404, b"not found")
                with server._lock:
                    status = 0 if reply.reset else reply.status
                    server.hits.append(Hit(self.path, time.monotonic(), request.headers, status))
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.reset:  # SO_LINGER 0: close() sends RST, the client sees a reset
                    linger = struct.pack("ii", 1, 0)
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
                    self.close_connection = True
                    self.connection.close()
                    return
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._send(reply)

            def _send(self, reply: Reply) -> None:
                self.send_response(reply.status)
                length = reply.stream_bytes or len(reply.body)
                headers = {"Content-Length": str(length), **reply.headers}
                if reply.no_length:
                    headers = {**reply.headers, "Connection": "close"}
                    self.close_connection = True
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                if reply.stream_bytes:
                    chunk = b"<p>" + b"x" * 65530 + b"</p>"
                    sent = 0
                    while sent < reply.stream_bytes:
                        piece = chunk[: reply.stream_bytes - sent]
                        self.wfile.write(piece)
                        sent += len(piece)
                else:
                    self.wfile.write(reply.body)

        return Handler


def static(body: bytes, ctype: str) -> Route:
    etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
    modified = formatdate(1_700_000_000, usegmt=True)

    def route(request: Request) -> Reply:
        headers = {"Content-Type": ctype, "ETag": etag, "Last-Modified": modified}
        if request.headers.get("If-None-Match") == etag:
            return Reply(304, b"", headers)
        return Reply(200, body, headers)

    return route


def article_html(n: int, *, title: str | None = None, links: str = "") -> str:
    """A dated article page with enough of our own filler text to count as an article."""
    title = title or f"Province report number {n}"
    para = (
        f"Officials in test province {n} described how paperwork for residents was "
        "shortened this season, with counters merged and forms moved online. "
    )
    return (
        f"<html><head><title>{title}</title>"
        '<meta property="og:type" content="article">'
        '<meta property="article:published_time" content="2024-05-06T08:00:00+07:00">'
        f"</head><body><article><h1>{title}</h1><p>{para * 4}</p><p>{para * 3}</p>"
        f"</article>{links}</body></html>"
    )


def listing_html(links: list[str], next_href: str | None = None, extra: str = "") -> str:
    anchors = "".join(f'<li><a href="{h}">story</a></li>' for h in links)
    nxt = f'<a rel="next" href="{next_href}">next</a>' if next_href else ""
    head = f"<head><title>Listing</title>{extra}</head>"
    return f"<html>{head}<body><ul>{anchors}</ul>{nxt}</body></html>"


def urlset(urls: list[str], *, news: bool = False) -> bytes:
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    items = []
    for u in urls:
        extra = (
            "<news:news><news:publication><news:name>Fixture</news:name>"
            "<news:language>vi</news:language></news:publication>"
            "<news:publication_date>2024-05-06</news:publication_date>"
            "<news:title>Fixture story</news:title></news:news>"
            if news
            else ""
        )
        items.append(f"<url><loc>{u}</loc>{extra}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>'
        + "".join(items)
        + "</urlset>"
    ).encode()


def sitemap_index(urls: list[str]) -> bytes:
    items = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>'
    ).encode()


def rss(urls: list[str]) -> bytes:
    items = "".join(f"<item><title>t</title><link>{u}</link></item>" for u in urls)
    channel = f"<channel><title>f</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def atom(urls: list[str]) -> bytes:
    entries = "".join(
        f'<entry><title>t</title><link rel="alternate" href="{u}"/><id>{u}</id></entry>'
        for u in urls
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<feed xmlns="http://www.w3.org/2005/Atom"><title>f</title>{entries}</feed>'
    ).encode()


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def listing_site(server: FixtureServer, n_articles: int, per_page: int = 10) -> list[str]:
    """Home -> paginated listing -> articles; return the article paths."""
    paths = [f"/story/{i}.html" for i in range(1, n_articles + 1)]
    pages = [paths[i : i + per_page] for i in range(0, len(paths), per_page)]
    for number, chunk in enumerate(pages, start=1):
        nxt = f"/list?page={number + 1}" if number < len(pages) else None
        server.page(f"/list?page={number}", listing_html(chunk, nxt))
    server.page("/", listing_html([], "/list?page=1"))
    server.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    for i, path in enumerate(paths, start=1):
        server.page(path, article_html(i))
    return paths
