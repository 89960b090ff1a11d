"""Data contracts of the crawler: what a source is and what one fetch returned."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

SourceKind = Literal["provincial", "national", "aggregator", "government", "report", "other"]


@dataclass(frozen=True, slots=True)
class Source:
    """A news source as described in ``sources.toml``."""

    name: str
    home_url: str
    allowed_domains: tuple[str, ...]
    kind: SourceKind = "other"
    languages: tuple[str, ...] = ()
    province: str | None = None  # canonical English name for a provincial paper
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    start_urls: tuple[str, ...] = ()  # listing/category pages
    allow: tuple[str, ...] = ()  # regex URL patterns worth following
    deny: tuple[str, ...] = ()  # regex URL patterns never followed
    article_patterns: tuple[str, ...] = ()  # regex URL patterns of article pages
    max_pages: int | None = None
    max_depth: int = 3
    revisit_days: int | None = None  # stored articles older than this are fetched again


# FetchedPage.reason of a listing, feed or sitemap answering as its latest stored fetch (304, or
# 200 with the same body): the sink stores no new row, the writer no WARC record.
UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """One HTTP exchange as received, before any interpretation."""

    url: str  # canonical requested URL
    final_url: str  # after redirects
    source: str  # Source.name
    status: int
    content_type: str | None
    body: bytes  # raw; decoded once, in extract.document
    fetched_at: datetime  # aware UTC
    headers: tuple[tuple[str, str], ...] = ()
    content_hash: str | None = None  # sha256 hex of body
    is_article: bool | None = None
    reason: str | None = None  # why the page was (not) taken for an article
    warc_file: str | None = None
    warc_offset: int | None = None
    error: str | None = None  # set instead of raising when the fetch failed
    depth: int = 0  # link hops from a seed (sitemaps, feeds and pagination do not count)
    links: tuple[str, ...] = ()  # canonical URLs this page added to the frontier
    fingerprint: str | None = None  # 64-bit simhash (hex) of the page's paragraphs


@dataclass(frozen=True, slots=True)
class CrawlSettings:
    """How one crawl behaves: budgets, politeness, storage. Defaults are the polite ones."""

    max_pages: int | None = None  # page fetches over all sources; Source.max_pages also applies
    max_discovery: int = 100  # sitemap and feed fetches per source (not counted in max_pages)
    max_seconds: float | None = None  # run budget: stop then, leaving the rest queued
    delay: float = 1.0  # seconds between requests to one host (robots Crawl-delay raises it)
    max_crawl_delay: float = 60.0  # a larger robots Crawl-delay is capped to this (and logged)
    concurrency: int = 8  # requests in flight over all hosts
    per_host_concurrency: int = 2
    autothrottle: bool = True
    timeout: float = 30.0
    retries: int = 3
    timeout_retries: int = 1  # a URL that timed out is retried at most this often
    backoff_base: float = 1.0  # 5xx/timeout retry n waits backoff_base * 2**(n-1) seconds
    backoff_max: float = 60.0
    max_retry_after: float = 300.0  # longest Retry-After we wait for
    max_size: int = 10 * 1024 * 1024  # bytes, after decompression (gzip bombs stop here)
    max_pagination: int = 50  # listing pages followed through "next" links, per source
    min_article_chars: int = 400
    user_agent: str = "newsintel/0.1"
    contact: str | None = None  # URL or e-mail put in the User-Agent
    obey_robots: bool = True
    refresh: bool = False  # fetch stored article URLs again
    dry_run: bool = False  # fetch only robots/sitemaps/feeds/seeds; list what would be fetched
    warc_dir: str | None = None  # None: no WARC files (pages keep no body)
    warc_max_bytes: int = 1024**3  # rotate WARC files past this size
    redis_url: str | None = None  # share frontier and dedup through scrapy-redis
    redis_idle: float = 3.0  # seconds an empty shared queue is awaited before stopping
    log_level: str = "INFO"

    @property
    def full_user_agent(self) -> str:
        """Return the User-Agent header: project name, version and contact."""
        contact = f"; +{self.contact}" if self.contact else ""
        return f"{self.user_agent} (news research crawler{contact})"


@dataclass(frozen=True, slots=True)
class CrawlProgress:
    """A snapshot of a running crawl, for live progress displays."""

    fetched: int
    queued: int
    errors: int
    stored: int
    per_host: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class CrawlReport:
    """What a crawl did, counted per source."""

    fetched: int = 0  # responses and failures recorded
    articles: int = 0
    errors: int = 0
    not_modified: int = 0  # 304 answers to conditional GETs
    unchanged: int = 0  # listings, feeds, sitemaps as stored: no new row or WARC record
    skipped_known: int = 0  # URLs already stored, not fetched
    bytes: int = 0
    seconds: float = 0.0
    finish_reason: str = ""
    per_source: tuple[tuple[str, int, int, int], ...] = ()  # name, fetched, articles, errors
    would_fetch: tuple[str, ...] = ()  # dry run: URLs a real crawl would fetch next
    refused: int = 0  # URLs refused by the scope check (other sites, private addresses)
    too_long: int = 0  # links over 512 characters, dropped
    unfinished: tuple[tuple[str, int, str], ...] = ()  # name, URLs left queued, why
