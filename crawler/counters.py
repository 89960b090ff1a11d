"""Tallies of a running crawl and the frozen report made of them."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from crawler.models import CrawlReport
from crawler.robots import ROBOTS_UNAVAILABLE

__all__ = ["Counters", "report_of"]


@dataclass(slots=True)
class Counters:
    """Mutable tallies of a running crawl (turned into a frozen ``CrawlReport`` at the end)."""

    fetched: Counter[str] = field(default_factory=Counter)
    articles: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    scheduled: Counter[str] = field(default_factory=Counter)  # page requests
    discovery: Counter[str] = field(default_factory=Counter)  # sitemap/feed requests
    discovery_capped: set[str] = field(default_factory=set)
    unavailable: Counter[str] = field(default_factory=Counter)  # held back: robots.txt failed
    pagination: Counter[str] = field(default_factory=Counter)
    per_host: Counter[str] = field(default_factory=Counter)
    not_modified: int = 0
    unchanged: int = 0  # listings as stored: no new row
    skipped_known: int = 0
    robots_forbidden: int = 0
    refused: int = 0
    too_long: int = 0
    bytes: int = 0
    would_fetch: list[str] = field(default_factory=list)
    unfinished: list[tuple[str, int, str]] = field(default_factory=list)


def report_of(counters: Counters, started: float, reason: str) -> CrawlReport:
    """Freeze the tallies into the report returned by ``crawl()``."""
    names = sorted(set(counters.fetched) | set(counters.scheduled))
    return CrawlReport(
        fetched=sum(counters.fetched.values()),
        articles=sum(counters.articles.values()),
        errors=sum(counters.errors.values()),
        not_modified=counters.not_modified,
        unchanged=counters.unchanged,
        skipped_known=counters.skipped_known,
        bytes=counters.bytes,
        seconds=round(time.monotonic() - started, 3),
        finish_reason=reason,
        per_source=tuple(
            (n, counters.fetched[n], counters.articles[n], counters.errors[n]) for n in names
        ),
        would_fetch=tuple(counters.would_fetch),
        refused=counters.refused,
        too_long=counters.too_long,
        unfinished=(
            *counters.unfinished,
            *((name, n, ROBOTS_UNAVAILABLE) for name, n in sorted(counters.unavailable.items())),
        ),
    )
