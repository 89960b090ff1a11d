"""robots.txt as RFC 9309 reads it, in place of Scrapy's ``RobotsTxtMiddleware``.

- 2xx: the first ``ROBOTS_MAX_BYTES`` (500 KiB, the RFC's minimum) are parsed; the download
  stops there, so a huge file is neither ignored nor read to the end.
- 4xx ("unavailable"): everything is allowed.
- 5xx, 429 and unreachable (connection refused, timeout, DNS): everything is disallowed for this
  run ("unreachable"); the URLs stay queued for the next run.
- Failures are one warning line in the log, never a traceback on the terminal.
- ``Crawl-delay`` is applied by ``crawler.middlewares.HostPolitenessMiddleware`` (capped there).
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest, StopDownload
from scrapy.http import Request
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler
from twisted.internet.defer import Deferred

__all__ = ["ROBOTS_MAX_BYTES", "ROBOTS_UNAVAILABLE", "RobotsPolicyMiddleware", "robots_rules"]

log = logging.getLogger(__name__)

ROBOTS_MAX_BYTES = 500 * 1024
_DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"
# IgnoreRequest message for a host whose robots.txt failed: its URLs stay queued
ROBOTS_UNAVAILABLE = "robots.txt unavailable (server error or unreachable)"
_ROBOTS_META = "nx_robots"


def robots_rules(status: int, body: bytes) -> bytes | None:
    """Return the robots.txt text to obey for an answer, or None to allow everything.

    ``status`` 0 means the file could not be fetched at all (unreachable).
    """
    if 200 <= status < 300:
        if len(body) <= ROBOTS_MAX_BYTES:
            return body
        head = body[:ROBOTS_MAX_BYTES]
        return head[: head.rfind(b"\n") + 1] or head  # no rule cut in half
    if 400 <= status < 500 and status != 429:
        return None
    return _DISALLOW_ALL  # 5xx, 429, unreachable, a 3xx that led nowhere


class RobotsPolicyMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware with RFC 9309's status, size and error rules."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self._received: dict[int, int] = {}
        self._unavailable: set[str] = set()  # netlocs whose robots.txt failed this run
        crawler.signals.connect(self._bytes_received, signal=signals.bytes_received)

    def _bytes_received(self, data: bytes, request: Request, spider: Any = None) -> None:
        """Stop a robots.txt download once its first 500 KiB are in (the rest is not read)."""
        if not request.meta.get(_ROBOTS_META):
            return
        key = id(request)
        self._received[key] = self._received.get(key, 0) + len(data)
        if self._received[key] > ROBOTS_MAX_BYTES:
            del self._received[key]
            raise StopDownload(fail=False)

    def process_request_2(self, rp: Any, request: Request) -> None:
        """Refuse every request to a host whose robots.txt failed, with its own message."""
        if urlparse_cached(request).netloc in self._unavailable:
            raise IgnoreRequest(ROBOTS_UNAVAILABLE)
        super().process_request_2(rp, request)

    async def robot_parser(self, request: Request) -> Any:
        """Return the parser of ``request``'s host, fetching its robots.txt once."""
        url = urlparse_cached(request)
        netloc = url.netloc
        if netloc not in self._parsers:
            self._parsers[netloc] = Deferred()
            robots = Request(
                f"{url.scheme}://{netloc}/robots.txt",
                priority=self.DOWNLOAD_PRIORITY,
                # the download stops after 500 KiB itself; this only bounds a gzip body
                meta={
                    "dont_obey_robotstxt": True,
                    _ROBOTS_META: True,
                    "download_maxsize": 64 * 1024 * 1024,
                },
                callback=NO_CALLBACK,
            )
            try:
                response = await self.crawler.engine.download_async(robots)  # type: ignore[union-attr]
            except IgnoreRequest as exc:  # refused by the scope guard: nothing to obey
                log.warning("robots.txt of %s not fetched (%s): allowing all", netloc, exc)
                await self._obey(netloc, request, 404, b"")
            except Exception as exc:  # any download failure: RFC 9309 "unreachable"
                log.warning(
                    "robots.txt of %s unreachable (%s: %s): nothing fetched from %s this run",
                    netloc,
                    type(exc).__name__,
                    exc,
                    netloc,
                )
                await self._obey(netloc, request, 0, b"")
            else:
                await self._obey(netloc, request, response.status, response.body)
            self._stats.inc_value("robotstxt/request_count")
        parser = self._parsers[netloc]
        if isinstance(parser, Deferred):
            return await maybe_deferred_to_future(parser)
        return parser

    async def _obey(self, netloc: str, request: Request, status: int, body: bytes) -> None:
        rules = robots_rules(status, body)
        if rules is _DISALLOW_ALL:
            self._unavailable.add(netloc)
        if rules is _DISALLOW_ALL and status:
            log.warning(
                "robots.txt of %s answered %s: nothing fetched from %s this run (RFC 9309)",
                netloc,
                status,
                netloc,
            )
        elif len(body) > len(rules or b""):
            log.warning("robots.txt of %s is over 500 KiB: its first 500 KiB obeyed", netloc)
        parser = build_from_crawler(self._parserimpl, self.crawler, rules or b"")
        if rules is not _DISALLOW_ALL:  # its Sitemap: lines and Crawl-delay count
            await self.crawler.signals.send_catch_log_async(
                signal=signals.robots_parsed, robotparser=parser, request=request
            )
        waiting = self._parsers[netloc]
        self._parsers[netloc] = parser
        if isinstance(waiting, Deferred):
            waiting.callback(parser)
