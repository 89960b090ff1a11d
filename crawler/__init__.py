"""Fetching news sites politely and incrementally; imports nothing else of newsintel."""

from typing import Any

from crawler.models import (
    UNCHANGED,
    CrawlProgress,
    CrawlReport,
    CrawlSettings,
    FetchedPage,
    Source,
)
from crawler.state import CrawlState, MemoryState, QueuedUrl, Validators

__all__ = [
    "UNCHANGED",
    "CrawlProgress",
    "CrawlReport",
    "CrawlSettings",
    "CrawlState",
    "FetchedPage",
    "MemoryState",
    "QueuedUrl",
    "Source",
    "Validators",
    "crawl",
]


def __getattr__(name: str) -> Any:
    # Scrapy loads only when a crawl runs: importing crawler.models or crawler.warc stays cheap.
    if name == "crawl":
        from crawler.engine import crawl

        return crawl
    raise AttributeError(name)
