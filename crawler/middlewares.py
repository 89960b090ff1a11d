"""Scrapy middlewares for politeness that Scrapy does not do itself.

- ``ScopeGuardMiddleware``: refuses requests the spider did not admit itself (robots.txt and
  its redirects) when no source may request them (``crawler.scope``).
- ``HostPolitenessMiddleware``: one download slot per ``host:port`` (two sites on one IP are two
  sites) whose delay never drops below the host's robots.txt ``Crawl-delay`` (capped).
- ``BackoffRetryMiddleware``: Scrapy's retries, waiting ``Retry-After`` (429/503) or an
  exponential backoff (5xx, timeouts) before each retry instead of retrying at once; a URL
  that timed out is retried at most ``NEWSINTEL_TIMEOUT_RETRIES`` times.
- ``FlooredAutoThrottle``: AutoThrottle that respects the same per-host floors.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import partial
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import DownloadTimeoutError, IgnoreRequest
from scrapy.extensions.throttle import AutoThrottle
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import task, threads
from twisted.internet.error import TCPTimedOutError, TimeoutError

from crawler.urls import netloc_of

log = logging.getLogger(__name__)

__all__ = [
    "REFUSED",
    "BackoffRetryMiddleware",
    "FlooredAutoThrottle",
    "HostPolitenessMiddleware",
    "ScopeGuardMiddleware",
    "retry_after_seconds",
]

REFUSED = "refused: "  # the IgnoreRequest message of a request refused by the scope guard
_TIMEOUTS = (DownloadTimeoutError, TimeoutError, TCPTimedOutError)

# host:port -> the smallest delay allowed between two requests (robots Crawl-delay)
DelayFloors = dict[str, float]


def _floors(crawler: Crawler) -> DelayFloors:
    floors: DelayFloors = crawler.settings.get("NEWSINTEL_DELAY_FLOORS")  # shared dict
    return floors


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Parse a ``Retry-After`` header (seconds or an HTTP date) into seconds from ``now``."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


async def _sleep(seconds: float) -> None:
    if seconds > 0:
        from twisted.internet import reactor  # the one Scrapy installed, at call time

        await maybe_deferred_to_future(task.deferLater(reactor, seconds, lambda: None))


class ScopeGuardMiddleware:
    """Refuse a request just before it is made when its host is out of scope or not public.

    The spider's own requests (``nx_source`` in meta) passed the domain check in
    ``NewsSpider._admit``; here their host names are resolved (in a worker thread, through
    the crawl's ``AddressBook``) and the addresses checked. robots.txt fetches and the
    redirects Scrapy follows for them must suit at least one source.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ScopeGuardMiddleware:
        """Build the middleware for ``crawler``."""
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        """Raise ``IgnoreRequest`` before a refused request is made."""
        spider: Any = self.crawler.spider
        guard = getattr(spider, "guard", None)
        if guard is None:
            return
        source = spider.sources.get(request.meta.get("nx_source", ""))
        if source is not None:  # its domain was checked when it was admitted
            check = partial(guard.refusal, request.url, source, declared=True, resolve=True)
        else:
            check = partial(guard.refusal_for_any, request.url, spider.sources.values())
            check = partial(check, resolve=True)
        refused = await maybe_deferred_to_future(threads.deferToThread(check))
        if refused is not None:
            log.warning("refused %s: %s", request.url, refused)
            raise IgnoreRequest(f"{REFUSED}{refused}")


class HostPolitenessMiddleware:
    """Give each ``host:port`` its own download slot and apply its Crawl-delay."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.floors = _floors(crawler)
        self.agent = crawler.settings.get("ROBOTSTXT_USER_AGENT") or "*"
        crawler.signals.connect(self._robots_parsed, signal=signals.robots_parsed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HostPolitenessMiddleware:
        """Build the middleware for ``crawler``."""
        return cls(crawler)

    def _robots_parsed(self, robotparser: object, request: Request) -> None:
        protego = getattr(robotparser, "rp", None)
        delay = protego.crawl_delay(self.agent) if protego is not None else None
        if not delay:
            return
        netloc = netloc_of(request.url)
        cap = self.crawler.settings.getfloat("NEWSINTEL_MAX_CRAWL_DELAY")
        if float(delay) > cap:
            log.warning(
                "robots.txt of %s asks for Crawl-delay %s s: capped at %s s (--max-crawl-delay)",
                netloc,
                delay,
                cap,
            )
        else:
            log.info("robots.txt of %s asks for Crawl-delay %s s", netloc, delay)
        self.floors[netloc] = min(float(delay), cap)

    def process_request(self, request: Request) -> None:
        """Pin the request to its host's slot and raise the slot's delay to the floor."""
        netloc = netloc_of(request.url)
        request.meta.setdefault("download_slot", netloc)
        floor = self.floors.get(netloc)
        engine = self.crawler.engine
        if floor and engine is not None:
            slot = engine.downloader.slots.get(netloc)
            if slot is not None and slot.delay < floor:
                slot.delay = floor
                slot.randomize_delay = False  # Crawl-delay is a minimum, not an average
        return None


class FlooredAutoThrottle(AutoThrottle):
    """AutoThrottle whose delays never go below a host's Crawl-delay."""

    def _adjust_delay(self, slot: object, latency: float, response: Response) -> None:
        super()._adjust_delay(slot, latency, response)  # type: ignore[arg-type]
        floor = _floors(self.crawler).get(netloc_of(response.url))
        if floor and slot.delay < floor:  # type: ignore[attr-defined]
            slot.delay = floor  # type: ignore[attr-defined]


class BackoffRetryMiddleware(RetryMiddleware):
    """Retry like Scrapy, but wait before each retry: Retry-After, else exponential backoff."""

    def _backoff(self, request: Request) -> float:
        settings = self.crawler.settings
        tries = int(request.meta.get("retry_times", 1))
        base = settings.getfloat("NEWSINTEL_BACKOFF_BASE")
        return float(min(base * 2 ** max(0, tries - 1), settings.getfloat("NEWSINTEL_BACKOFF_MAX")))

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        """Retry retryable statuses after the server's Retry-After or a backoff delay."""
        result = super().process_response(request, response)
        if not isinstance(result, Request):
            return result
        header = response.headers.get(b"Retry-After")
        wait = retry_after_seconds(header.decode("latin-1") if header else None)
        if wait is not None and wait > self.crawler.settings.getfloat("NEWSINTEL_MAX_RETRY_AFTER"):
            log.warning("%s asks to retry after %.0f s: too long, giving up", request.url, wait)
            return response
        await _sleep(wait if wait is not None else self._backoff(result))
        return result

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        """Retry timeouts and connection errors after an exponential backoff.

        A URL that timed out is retried at most ``NEWSINTEL_TIMEOUT_RETRIES`` times: a server
        that stalls once mostly stalls again, and each try costs a whole timeout.
        """
        limit = self.crawler.settings.getint("NEWSINTEL_TIMEOUT_RETRIES")
        if isinstance(exception, _TIMEOUTS) and (int(request.meta.get("retry_times", 0)) >= limit):
            return None
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await _sleep(self._backoff(result))
        return result
