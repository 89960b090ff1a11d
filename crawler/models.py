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
