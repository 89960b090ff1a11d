"""What a crawl needs to know about earlier crawls: the seam to durable storage.

The crawler never writes state itself: the sink stores each page together with the URLs it
added to the frontier (``FetchedPage.links``) in one transaction, and a ``CrawlState`` reads
that back. ``newsintel.crawling`` implements it over the SQLite database; ``MemoryState`` is
the stateless default.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

__all__ = ["CrawlState", "MemoryState", "QueuedUrl", "Validators"]


@dataclass(frozen=True, slots=True)
class QueuedUrl:
    """A URL waiting in the frontier of an unfinished crawl."""

    url: str
    source: str
    depth: int


@dataclass(frozen=True, slots=True)
class Validators:
    """Conditional-GET validators of the last successful fetch of a URL."""

    etag: str | None = None
    last_modified: str | None = None


class CrawlState(Protocol):
    """Read access to what earlier (or interrupted) crawls stored."""

    def pending(self) -> Iterable[QueuedUrl]:
        """Return URLs discovered but not yet stored (resume after a crash or a budget)."""
        ...

    def is_done(self, url: str) -> bool:
        """Whether ``url`` needs no fetch: an article already stored, or done in this run."""
        ...

    def validators(self, url: str) -> Validators | None:
        """Return the validators to make a fetch of ``url`` conditional, if any."""
        ...

    def fetched_at(self, url: str) -> datetime | None:
        """Return when the article stored at ``url`` was last fetched (aware UTC), if stored."""
        ...

    def listing_hash(self, url: str) -> str | None:
        """Return the body hash of the latest stored fetch of ``url`` if it was no article."""
        ...


class MemoryState:
    """No history: every URL is new (tests, dry runs, one-off crawls)."""

    def pending(self) -> Iterable[QueuedUrl]:
        """Return nothing: there is no earlier crawl."""
        return ()

    def is_done(self, url: str) -> bool:
        """Return False: nothing is stored."""
        return False

    def validators(self, url: str) -> Validators | None:
        """Return None: no earlier fetch."""
        return None

    def fetched_at(self, url: str) -> datetime | None:
        """Return None: nothing is stored."""
        return None

    def listing_hash(self, url: str) -> str | None:
        """Return None: nothing is stored."""
        return None
