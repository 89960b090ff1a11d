"""``crawl()``: configure Scrapy from ``CrawlSettings`` and run the spider to the end.

Scrapy's reactor cannot be restarted, so ``crawl()`` runs once per process: callers that need
several crawls (the CLI, the pipeline, tests) start each in a child process.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from scrapy import signals
from scrapy.crawler import CrawlerProcess

from crawler.counters import Counters, report_of
from crawler.models import CrawlProgress, CrawlReport, CrawlSettings, FetchedPage, Source
from crawler.scope import AddressBook, Resolve, ScopeGuard, system_resolve
from crawler.spider import NewsSpider
from crawler.state import CrawlState, MemoryState
from crawler.warc import WarcWriter
from crawler.writer import PageWriter

__all__ = ["crawl", "scrapy_settings"]

_MIDDLEWARES = {
    "crawler.middlewares.ScopeGuardMiddleware": 50,  # before anything is fetched (robots too)
    "crawler.middlewares.HostPolitenessMiddleware": 90,  # before robots (100): slot first
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.robots.RobotsPolicyMiddleware": 100,  # RFC 9309 statuses and size
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
}


def scrapy_settings(settings: CrawlSettings) -> dict[str, Any]:
    """Translate our settings into Scrapy's (one place, so tests can inspect it)."""
    values: dict[str, Any] = {
        "BOT_NAME": "newsintel",
        "USER_AGENT": settings.full_user_agent,
        "ROBOTSTXT_OBEY": settings.obey_robots,
        "ROBOTSTXT_USER_AGENT": settings.user_agent.split("/")[0],
        "ROBOTSTXT_PARSER": "scrapy.robotstxt.ProtegoRobotParser",
        "DOWNLOAD_DELAY": settings.delay,
        "RANDOMIZE_DOWNLOAD_DELAY": settings.delay > 0,
        "CONCURRENT_REQUESTS": settings.concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": settings.per_host_concurrency,
        "AUTOTHROTTLE_ENABLED": settings.autothrottle,
        "AUTOTHROTTLE_START_DELAY": max(settings.delay, 0.1),
        "AUTOTHROTTLE_MAX_DELAY": 60.0,
        "DOWNLOAD_TIMEOUT": settings.timeout,
        "DOWNLOAD_MAXSIZE": settings.max_size,
        "DOWNLOAD_WARNSIZE": 0,
        "RETRY_ENABLED": settings.retries > 0,
        "RETRY_TIMES": settings.retries,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "NEWSINTEL_BACKOFF_BASE": settings.backoff_base,
        "NEWSINTEL_BACKOFF_MAX": settings.backoff_max,
        "NEWSINTEL_MAX_RETRY_AFTER": settings.max_retry_after,
        "NEWSINTEL_DELAY_FLOORS": {},
        "NEWSINTEL_MAX_CRAWL_DELAY": settings.max_crawl_delay,
        "NEWSINTEL_TIMEOUT_RETRIES": settings.timeout_retries,
        "TWISTED_DNS_RESOLVER": "crawler.scope.PinnedResolver",
        "REDIRECT_MAX_TIMES": 10,
        "DEPTH_LIMIT": 0,  # depth is ours (sitemaps and pagination do not count)
        # Scrapy starts CONCURRENT_ITEMS tasks for each response's output (default 100);
        # our callbacks yield a few requests and no items, so a few tasks suffice.
        "CONCURRENT_ITEMS": 8,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": settings.log_level,
        "LOGSTATS_INTERVAL": 60.0,
        "DOWNLOADER_MIDDLEWARES": dict(_MIDDLEWARES),
        # AutoThrottle, replaced by a subclass that keeps robots Crawl-delay as a floor
        "EXTENSIONS": {
            "scrapy.extensions.throttle.AutoThrottle": None,
            "crawler.middlewares.FlooredAutoThrottle": 0,
        },
        "HTTPERROR_ALLOW_ALL": True,
        "MEMUSAGE_ENABLED": False,
        "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.DownloaderAwarePriorityQueue",
    }
    if settings.redis_url:
        values.update(
            SCHEDULER="scrapy_redis.scheduler.Scheduler",
            DUPEFILTER_CLASS="scrapy_redis.dupefilter.RFPDupeFilter",
            SCHEDULER_PERSIST=True,
            REDIS_URL=settings.redis_url,
            SCHEDULER_QUEUE_CLASS="scrapy_redis.queue.PriorityQueue",
        )
        del values["SCHEDULER_PRIORITY_QUEUE"]
    return values


def crawl(
    sources: Sequence[Source],
    settings: CrawlSettings,
    sink: Callable[[FetchedPage], None],
    *,
    state: CrawlState | None = None,
    progress: Callable[[CrawlProgress], None] | None = None,
    install_root_handler: bool = False,
    resolve: Resolve = system_resolve,
) -> CrawlReport:
    """Crawl ``sources`` to the end and hand every fetch to ``sink``; once per process.

    Args:
        sources: what to crawl.
        settings: budgets, politeness and storage.
        sink: receives each ``FetchedPage`` (successes and failures), after its WARC record
            is written, in fetch order, on one background writer thread (open database
            connections inside it); it stores the page and the URLs it queued together.
        state: what earlier crawls stored (resume, incremental recrawl); default: nothing.
        progress: called with a snapshot whenever the crawl goes idle and every few seconds.
        install_root_handler: let Scrapy configure logging (stand-alone scripts only).
        resolve: host name -> addresses, for the scope check and the downloader alike.

    Returns:
        Counts of what was fetched, stored and skipped.
    """
    started = time.monotonic()
    counters = Counters()
    warc = (
        WarcWriter(settings.warc_dir, max_bytes=settings.warc_max_bytes)
        if (settings.warc_dir and not settings.dry_run)
        else None
    )
    values = scrapy_settings(settings)
    values["LOG_INSTALL_ROOT_HANDLER"] = install_root_handler
    addresses = AddressBook(resolve)
    values["NEWSINTEL_ADDRESSES"] = addresses
    process = CrawlerProcess(values)
    crawler = process.create_crawler(NewsSpider)
    finish: dict[str, str] = {}

    def closed(reason: str, **_: Any) -> None:
        finish["reason"] = reason

    crawler.signals.connect(closed, signal=signals.spider_closed, weak=False)
    writer = None if settings.dry_run else PageWriter(sink, warc)
    process.crawl(
        crawler,
        sources=tuple(sources),
        crawl_settings=settings,
        guard=ScopeGuard(sources, addresses),
        state=state or MemoryState(),
        writer=writer,
        counters=counters,
        progress=progress,
    )
    try:
        process.start()
    finally:
        if writer is not None:
            writer.close()
    return report_of(counters, started, finish.get("reason", "unknown"))
