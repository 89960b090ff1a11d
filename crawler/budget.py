"""Run budgets of a crawl: page fetches, sitemap/feed fetches per source, and the run's time.

``Budget`` decides whether one more request fits and remembers which sources still had
requests in flight when the crawl was cut off; ``cut_off`` closes a crawl at once when its
time is spent, instead of after the requests that wait for a long Crawl-delay.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping
from typing import Any

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import deferred_from_coro
from twisted.python.failure import Failure

from crawler.counters import Counters
from crawler.models import CrawlSettings, Source
from crawler.urls import netloc_of

__all__ = ["DISCOVERY_KINDS", "OUT_OF_TIME", "Budget", "cut_off"]

log = logging.getLogger(__name__)

DISCOVERY_KINDS = ("robots", "sitemap", "sitemap-guess", "feed")
OUT_OF_TIME = "run budget (--max-time) spent"  # the IgnoreRequest message of dropped requests


class Budget:
    """What a crawl may still request, per source, and what it left unfinished."""

    def __init__(self, settings: CrawlSettings, counters: Counters):
        self.cfg = settings
        self.counters = counters
        self.in_flight: Counter[str] = Counter()  # requests not yet answered, per source

    def allows(self, source: Source, kind: str) -> bool:
        """Whether one more request of ``kind`` fits the budgets of ``source`` and the run.

        Sitemaps and feeds have their own budget per source (``max_discovery``), so a chain
        of sitemap indexes ends there and never spends the page budget.
        """
        c = self.counters
        if kind in DISCOVERY_KINDS:
            if c.discovery[source.name] < self.cfg.max_discovery:
                return True
            if source.name not in c.discovery_capped:
                c.discovery_capped.add(source.name)
                log.warning(
                    "%s: %d sitemap/feed fetches reached (--max-discovery); no more this run",
                    source.name,
                    self.cfg.max_discovery,
                )
            return False
        if self.cfg.max_pages is not None and sum(c.scheduled.values()) >= self.cfg.max_pages:
            return False
        return source.max_pages is None or c.scheduled[source.name] < source.max_pages

    def spend(self, source: Source, kind: str) -> None:
        """Count one request of ``kind`` for ``source`` (it is now in flight)."""
        counter = self.counters.discovery if kind in DISCOVERY_KINDS else self.counters.scheduled
        counter[source.name] += 1
        self.in_flight[source.name] += 1

    def answered(self, source: str) -> None:
        """Count one request of ``source`` as answered (a response or a failure)."""
        self.in_flight[source] -= 1

    def note_unfinished(
        self, sources: Mapping[str, Source], floors: Mapping[str, float], reason: str
    ) -> None:
        """Report the sources whose requests were cut off (their URLs stay queued)."""
        for name, left in sorted(self.in_flight.items()):
            if left <= 0:
                continue
            floor = floors.get(netloc_of(sources[name].home_url), 0.0)
            why = f"Crawl-delay {floor:g} s" if floor > self.cfg.delay else reason
            self.counters.unfinished.append((name, left, why))
            log.warning("%s not finished this run: %d URLs left queued (%s)", name, left, why)


def cut_off(engine: Any) -> None:
    """Close the crawl now, dropping the requests that wait in the downloader's slots.

    Scrapy's own timeout waits for every request already handed to the downloader, which a
    60 s Crawl-delay holds back; those fail here with ``IgnoreRequest(OUT_OF_TIME)`` (they stay
    queued in the frontier) and their sources are reported as unfinished.
    """
    log.warning("%s: closing the crawl", OUT_OF_TIME)
    deferred_from_coro(engine.close_spider_async(reason="closespider_timeout"))
    for slot in engine.downloader.slots.values():
        if slot.latercall is not None:
            slot.latercall.cancel()
            slot.latercall = None
        while slot.queue:
            _, waiting = slot.queue.popleft()
            waiting.errback(Failure(IgnoreRequest(OUT_OF_TIME)))
