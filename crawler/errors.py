"""Exceptions raised by the crawler.

CrawlError
 ├── SourcesError   sources.toml is missing, unreadable or invalid
 ├── WarcError      a WARC file or record cannot be read
 └── CrawlProcessError  the process running a crawl failed or died
"""


class CrawlError(Exception):
    """Base class for errors raised by the crawler package."""


class SourcesError(CrawlError):
    """A sources file is invalid; the message names the file, the source and the key."""


class WarcError(CrawlError):
    """A WARC file or record cannot be read."""


class CrawlProcessError(CrawlError):
    """The child process running a crawl failed or died before reporting."""
