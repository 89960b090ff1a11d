"""Fetching news sites politely and incrementally; imports nothing else of newsintel."""

from crawler.models import FetchedPage, Source

__all__ = ["FetchedPage", "Source"]
