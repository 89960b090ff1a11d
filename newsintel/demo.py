"""Serve a directory (the bundled demo site) on a free local port for crawls and tests."""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from crawler.models import Source

__all__ = ["DEMO_LANGUAGES", "QuietHandler", "demo_source", "serve_directory"]

DEMO_LANGUAGES = ("vi", "en", "id", "nb", "ar", "fr", "zh")

log = logging.getLogger(__name__)


class QuietHandler(SimpleHTTPRequestHandler):
    """Static-file handler that logs through ``logging`` and labels text with UTF-8."""

    extensions_map = {  # noqa: RUF012  # the stdlib declares it as an instance attribute
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".htm": "text/html; charset=utf-8",
        ".xml": "application/xml; charset=utf-8",
        ".rss": "application/rss+xml; charset=utf-8",
        ".atom": "application/atom+xml; charset=utf-8",
        ".json": "application/json; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".gz": "application/gzip",
    }
    # Feeds keep the .xml suffix on real sites; these names get their own media types.
    named_types: ClassVar[dict[str, str]] = {
        "feed.xml": "application/rss+xml; charset=utf-8",
        "rss.xml": "application/rss+xml; charset=utf-8",
        "atom.xml": "application/atom+xml; charset=utf-8",
    }

    def guess_type(self, path: str | Any) -> str:
        """Return the content type of ``path``: feeds by name, the rest by suffix."""
        named = self.named_types.get(Path(str(path)).name)
        return named if named is not None else super().guess_type(path)

    def log_message(self, format: str, *args: Any) -> None:
        """Send request lines to the debug log instead of stderr."""
        log.debug("%s " + format, self.address_string(), *args)


@contextmanager
def serve_directory(path: Path, *, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve ``path`` over HTTP on a free port of ``host`` while the block runs.

    Args:
        path: The directory to serve (e.g. ``newsintel.config.demo_site_path()``).
        host: The interface to bind; loopback by default.
        port: The port to use if free; 0 (or a busy port) picks a free one.

    Yields:
        The base URL without a trailing slash, e.g. ``http://127.0.0.1:54321``.

    Raises:
        NotADirectoryError: ``path`` is not a directory.
    """
    root = Path(path)
    if not root.is_dir():
        raise NotADirectoryError(f"cannot serve {root}: not a directory")
    handler = functools.partial(QuietHandler, directory=str(root))
    server = _server(host, port, handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="demo-site", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _server(host: str, port: int, handler: Any) -> ThreadingHTTPServer:
    try:
        return ThreadingHTTPServer((host, port), handler)
    except OSError:
        if port == 0:
            raise
        log.warning("port %s is busy; serving on a free port instead", port)
        return ThreadingHTTPServer((host, 0), handler)


def demo_source(base_url: str) -> Source:
    """Describe the demo site served at ``base_url`` as a source, as sources.toml would.

    Discovery starts from the home page and robots.txt (which names the sitemap index); the
    article URL pattern tells articles from the listing, about and home pages.
    """
    netloc = urlsplit(base_url).netloc
    if not netloc:
        raise ValueError(f"not an absolute URL: {base_url!r}")
    return Source(
        name="demo",
        home_url=base_url.rstrip("/") + "/",
        allowed_domains=(netloc,),
        kind="aggregator",
        languages=DEMO_LANGUAGES,
        article_patterns=(r"/news/\d{4}/[^/]+\.html$",),
        max_depth=4,
    )
