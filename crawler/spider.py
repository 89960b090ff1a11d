"""The Scrapy spider: turns every response (or failure) into a ``FetchedPage`` for the sink.

Discovery is generic: each response is sniffed (sitemap, feed, HTML, PDF) whatever link led
to it, so resumed URLs and unknown sites need no per-kind callbacks.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, IgnoreRequest, StopDownload
from scrapy.http import Response
from twisted.internet import task
from twisted.python.failure import Failure

from crawler.budget import DISCOVERY_KINDS, OUT_OF_TIME, Budget, cut_off
from crawler.classify import classify
from crawler.counters import Counters
from crawler.discovery import (
    PageLinks,
    feed_entries,
    html_links,
    is_pagination_url,
    maybe_gunzip,
    parse_html,
    robots_sitemaps,
    sitemap_entries,
    sniff,
)
from crawler.middlewares import REFUSED
from crawler.models import UNCHANGED, CrawlProgress, CrawlSettings, FetchedPage, Source
from crawler.robots import ROBOTS_UNAVAILABLE
from crawler.scope import ScopeGuard, idna_netloc
from crawler.state import CrawlState
from crawler.urls import MAX_URL_LENGTH, canonical_url, in_scope, looks_like_trap, netloc_of
from crawler.writer import PageWriter

log = logging.getLogger(__name__)

_HANDLED = ("html", "xml", "rss", "atom", "pdf", "text/plain", "gzip", "octet-stream")
_REDIRECTS = (301, 302, 303, 307, 308)
_GONE = (404, 410)
_MAX_REDIRECTS = 10


def _headers(response: Response) -> tuple[tuple[str, str], ...]:
    return tuple(
        (key.decode("latin-1"), value.decode("latin-1"))
        for key, values in response.headers.items()
        for value in values
    )


def _header_text(raw: bytes) -> str:
    """Decode a header value: UTF-8 when it is valid UTF-8 (raw bytes in Location), else Latin-1."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _conditional(response: Response) -> bool:
    headers = response.request.headers if response.request is not None else {}
    return b"If-None-Match" in headers or b"If-Modified-Since" in headers


def _content_type(headers: Iterable[tuple[str, str]]) -> str | None:
    return next((v for k, v in headers if k.lower() == "content-type"), None)


class NewsSpider(scrapy.Spider):
    """Crawl the given sources; the sink receives one ``FetchedPage`` per fetch."""

    name = "newsintel"

    def __init__(
        self,
        sources: Sequence[Source],
        crawl_settings: CrawlSettings,
        state: CrawlState,
        writer: PageWriter | None,
        counters: Counters,
        guard: ScopeGuard,
        progress: Callable[[CrawlProgress], None] | None = None,
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self.sources = {s.name: s for s in sources}
        self.cfg = crawl_settings
        self.guard = guard
        self.state = state
        self.writer = writer  # None in a dry run
        self.counters = counters
        self.progress = progress
        self.seen: set[str] = set()
        self.stored: set[str] = set()
        self.deferred: list[str] = []  # over budget while reading the current page
        self.budget = Budget(crawl_settings, counters)
        self.last_activity = time.monotonic()
        self._ticker: task.LoopingCall | None = None
        self._poller: task.LoopingCall | None = None
        self._deadline: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        """Create the spider and connect its signal handlers."""
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._check_headers, signal=signals.headers_received)
        crawler.signals.connect(spider._robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(spider._idle, signal=signals.spider_idle)
        crawler.signals.connect(spider._opened, signal=signals.spider_opened)
        crawler.signals.connect(spider._closed, signal=signals.spider_closed)
        return spider

    # ----- scheduling -------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        """Yield resumed frontier URLs first, then each source's seeds."""
        for queued in self.state.pending():
            source = self.sources.get(queued.source)
            if source is not None:
                request = self._admit(
                    queued.url, source, queued.depth, "page", seed=True, resumed=True
                )
                if request is not None:
                    yield request
        for source in self.sources.values():
            for request in self._seeds(source):
                yield request

    def _seeds(self, source: Source) -> Iterator[scrapy.Request]:
        seeds = [(u, "sitemap") for u in source.sitemaps] + [(u, "feed") for u in source.feeds]
        seeds += [(u, "seed") for u in (*source.start_urls, source.home_url)]
        if not self.cfg.obey_robots:  # the robots middleware is off: read Sitemap: lines here
            seeds.append((source.home_url.rstrip("/") + "/robots.txt", "robots"))
        for url, kind in seeds:
            request = self._admit(url, source, 0, kind, seed=True, declared=True)
            if request is not None:
                yield request

    def _admit(
        self,
        url: str,
        source: Source,
        depth: int,
        kind: str,
        *,
        seed: bool = False,
        declared: bool = False,
        resumed: bool = False,
        base: str | None = None,
        changed: datetime | None = None,
    ) -> scrapy.Request | None:
        """Return a request for ``url`` if it is new, in scope and within budget, else None.

        ``seed``: a seed or what a seed led to (redirects, robots.txt sitemaps), exempt from
        the source's URL patterns; ``declared``: a URL of the source's own configuration.
        Every URL, seeds included, passes the scope guard (domains and addresses). A stored
        article is skipped unless ``changed`` (a sitemap lastmod, a feed date) is newer than
        its last fetch.
        """
        canon = canonical_url(url, base)
        if canon is None and len(url) > MAX_URL_LENGTH:
            self.counters.too_long += 1
            log.info("dropped a %d-character URL (over %d): %.120s", len(url), MAX_URL_LENGTH, url)
        if canon is None or canon in self.seen:
            return None
        discovery = kind in DISCOVERY_KINDS
        if not seed and not in_scope(canon, source, patterns=not discovery):
            return None
        if depth > source.max_depth or looks_like_trap(canon):
            return None
        self.seen.add(canon)
        refused = self.guard.refusal(canon, source, declared=declared)
        if refused is not None:
            self.counters.refused += 1
            log.warning("refused %s for %s: %s", canon, source.name, refused)
            return None
        if self.state.is_done(canon) and not self._changed_since_fetch(canon, changed):
            self.counters.skipped_known += 1
            return None
        if self.cfg.dry_run and not (seed or discovery):
            self.counters.would_fetch.append(canon)
            return None
        if not self.budget.allows(source, kind):
            if not discovery:  # sitemaps and feeds are read again next run anyway
                self.deferred.append(canon)  # queued in the frontier for the next run
            return None
        self.budget.spend(source, kind)
        return self._request(canon, source, depth, kind, resumed=resumed)

    def _changed_since_fetch(self, canon: str, changed: datetime | None) -> bool:
        if changed is None:
            return False
        fetched = self.state.fetched_at(canon)
        return fetched is not None and changed > fetched

    def _request(
        self, canon: str, source: Source, depth: int, kind: str, *, resumed: bool
    ) -> scrapy.Request:
        headers = {}
        validators = self.state.validators(canon)  # --refresh too: a 304 is an answer
        if validators is not None:
            if validators.etag:
                headers["If-None-Match"] = validators.etag
            if validators.last_modified:
                headers["If-Modified-Since"] = validators.last_modified
        meta = {
            "nx_url": canon,
            "nx_source": source.name,
            "nx_depth": depth,
            "nx_kind": kind,
            "handle_httpstatus_all": True,  # every status reaches parse(); redirects are ours
        }
        priority = 10 if kind in (*DISCOVERY_KINDS, "seed") else -depth
        return scrapy.Request(
            canon,
            callback=self.parse,
            errback=self.on_error,
            headers=headers,
            meta=meta,
            priority=priority + (5 if resumed else 0),
        )

    # ----- signals ---------------------------------------------------------------------------

    def _check_headers(
        self, headers: Any, body_length: int, request: scrapy.Request, spider: Any = None
    ) -> None:
        """Stop downloads of content types we do not handle (images, video, archives...)."""
        if "nx_url" not in request.meta:
            return  # robots.txt: any content type is read (RFC 9309)
        raw = headers.get(b"Content-Type")
        ctype = raw.decode("latin-1").lower() if raw else ""
        if ctype and not any(token in ctype for token in _HANDLED):
            raise StopDownload(fail=True)

    def _robots_parsed(self, robotparser: Any, request: scrapy.Request) -> None:
        """Queue the sitemaps that robots.txt declares (for every source on that host)."""
        protego = getattr(robotparser, "rp", None)
        sitemaps = tuple(protego.sitemaps) if protego is not None else ()
        netloc = netloc_of(request.url)
        engine = self.crawler.engine
        for source in self.sources.values():
            # compared in ASCII: Scrapy requests an IDN host in punycode
            if idna_netloc(source.home_url) != idna_netloc(request.url) or engine is None:
                continue
            guess = not sitemaps
            for url in sitemaps or (f"{request.url.split('/', 3)[0]}//{netloc}/sitemap.xml",):
                kind = "sitemap-guess" if guess else "sitemap"
                queued = self._admit(url, source, 0, kind, seed=True, base=request.url)
                if queued is not None:
                    engine.crawl(queued)

    def _opened(self) -> None:
        if self.cfg.max_seconds:
            from twisted.internet import reactor  # the one Scrapy installed, at call time

            self._deadline = reactor.callLater(self.cfg.max_seconds, self._out_of_time)
        if self.cfg.redis_url:
            self._poller = task.LoopingCall(self._poll_shared_queue)
            self._poller.start(0.2, now=False)
        if self.progress is not None:
            self._ticker = task.LoopingCall(self._report_progress)
            self._ticker.start(1.0, now=False)

    def _out_of_time(self) -> None:
        if self.crawler.engine is not None:
            cut_off(self.crawler.engine)

    def _poll_shared_queue(self) -> None:
        """Ask the engine for work now: other processes fill the shared queue at any time.

        Scrapy otherwise polls an idle scheduler only every 5 s (its slot heartbeat).
        """
        engine = self.crawler.engine
        slot = getattr(engine, "_slot", None)
        if slot is not None:
            slot.nextcall.schedule()

    def _closed(self, reason: str = "finished") -> None:
        for loop in (self._ticker, self._poller):
            if loop is not None and loop.running:
                loop.stop()
        if self._deadline is not None and self._deadline.active():
            self._deadline.cancel()
        if reason != "finished":
            floors = self.crawler.settings.get("NEWSINTEL_DELAY_FLOORS") or {}
            self.budget.note_unfinished(self.sources, floors, reason)
        self._report_progress()

    def _idle(self) -> None:
        """With a shared Redis frontier, wait a little for other processes' new URLs."""
        if self.progress is not None:
            self._report_progress()
        if self.cfg.redis_url and time.monotonic() - self.last_activity < self.cfg.redis_idle:
            raise DontCloseSpider

    def _report_progress(self) -> None:
        if self.progress is None:
            return
        engine = self.crawler.engine
        queued = 0
        if engine is not None and engine._slot is not None:
            queued = len(engine._slot.scheduler)  # type: ignore[arg-type]
        c = self.counters
        self.progress(
            CrawlProgress(
                fetched=sum(c.fetched.values()),
                queued=queued,
                errors=sum(c.errors.values()),
                stored=len(self.stored),
                per_host=tuple(c.per_host.most_common(5)),
            )
        )

    # ----- responses -------------------------------------------------------------------------

    def parse(self, response: Response) -> Iterator[scrapy.Request]:
        """Record one response and yield the requests for the URLs it leads to."""
        self.last_activity = time.monotonic()
        meta = response.meta
        self.budget.answered(meta["nx_source"])
        if meta["nx_kind"] == "sitemap-guess" and response.status >= 400:
            return  # /sitemap.xml was only a guess: its absence is not an error of the site
        source = self.sources[meta["nx_source"]]
        headers = _headers(response)
        body = response.body
        page = FetchedPage(
            url=meta["nx_url"],
            final_url=response.url,
            source=source.name,
            status=response.status,
            content_type=_content_type(headers),
            body=body,
            fetched_at=datetime.now(UTC),
            headers=headers,
            content_hash=hashlib.sha256(body).hexdigest(),
            depth=meta["nx_depth"],
        )
        requests: list[scrapy.Request] = []
        if response.status == 304 and not _conditional(response):
            page = replace(page, error="HTTP 304 to an unconditional request")
        elif response.status == 304:
            page = replace(page, reason="not modified")
            self.counters.not_modified += 1
            page = self._unchanged(page)
        elif response.status in _REDIRECTS and b"Location" in response.headers:
            location = _header_text(response.headers[b"Location"])
            page, requests = self._redirect(page, source, location, meta)
        elif response.status in _GONE:  # the sink marks the URL gone (an article deleted)
            page = replace(page, error=f"HTTP {response.status}", is_article=False, reason="gone")
        elif not 200 <= response.status < 300:
            page = replace(page, error=f"HTTP {response.status}")
        else:
            page, requests = self._interpret(page, source)
            page = self._unchanged(page)
        self._record(page, response)
        yield from requests

    def _unchanged(self, page: FetchedPage) -> FetchedPage:
        """Mark a listing, feed or sitemap that answers as its latest stored fetch unchanged.

        A 304, or a 200 with the stored body (servers that ignore validators), adds no row and
        no WARC record; the links of a 200 are followed all the same. Articles are kept as is.
        """
        stored = self.state.listing_hash(page.url)
        if stored is None or page.error or page.is_article:
            return page
        if page.status != 304 and page.content_hash != stored:
            return page
        self.counters.unchanged += 1
        return replace(page, reason=UNCHANGED)

    def _interpret(
        self, page: FetchedPage, source: Source
    ) -> tuple[FetchedPage, list[scrapy.Request]]:
        """Classify a 2xx page and collect the requests for its links."""
        body = page.body
        if (page.content_type and "gzip" in page.content_type) or page.url.endswith(".gz"):
            try:
                body = maybe_gunzip(body, max_size=self.cfg.max_size)
            except ValueError as exc:
                return replace(page, error=f"gzip: {exc}", is_article=False), []
        kind = sniff(body, page.content_type)
        root = parse_html(body) if kind == "html" else None
        found = html_links(root, page.final_url) if kind == "html" else None
        if found is not None:
            self.counters.too_long += found.too_long
        if found is not None and found.canonical:
            page = self._canonicalised(page, found.canonical, source)
        self.deferred.clear()
        requests = list(self._discover(kind, body, page, source, found))
        verdict = classify(
            page.url, body, kind, source, min_chars=self.cfg.min_article_chars, root=root
        )
        links = (*(r.meta["nx_url"] for r in requests), *self.deferred)
        if kind == "html" and not body.strip():
            page = replace(page, error="empty body")
        return (
            replace(
                page,
                is_article=verdict.is_article,
                reason=verdict.reason,
                fingerprint=verdict.fingerprint,
                links=links,
            ),
            requests,
        )

    def _redirect(
        self, page: FetchedPage, source: Source, location: str, meta: Any
    ) -> tuple[FetchedPage, list[scrapy.Request]]:
        """Record a redirect and queue its target like a link (same depth, same kind).

        Redirects are ours, not Scrapy's: the target goes through the same dedup, scope and
        budget as any URL and into the durable frontier, so ``/slug`` -> ``/slug/`` fetches
        ``/slug/`` once even when both are linked, and a resumed crawl knows both.
        """
        target = canonical_url(location, page.final_url)
        chain = (*meta.get("nx_chain", ()), page.url)
        if target is None:
            return replace(page, error=f"redirect to an unusable URL: {location[:200]}"), []
        if target in chain:
            return replace(page, error=f"redirect loop: {target}"), []
        if len(chain) > _MAX_REDIRECTS:
            return replace(page, error=f"more than {_MAX_REDIRECTS} redirects"), []
        refused = self.guard.refusal(target, source)
        if refused is not None:  # cloud metadata, another site: never requested
            self.counters.refused += 1
            log.warning("refused redirect of %s to %s: %s", page.url, target, refused)
            return replace(page, is_article=False, error=f"redirect refused: {refused}"), []
        self.deferred.clear()
        kind = meta["nx_kind"]
        request = self._admit(target, source, page.depth, kind, seed=kind == "seed")
        if request is not None:
            request.meta["nx_chain"] = chain
        links = (*((request.meta["nx_url"],) if request is not None else ()), *self.deferred)
        reason = f"redirect {page.status} to {target}"
        return replace(page, is_article=False, reason=reason, links=links), (
            [request] if request is not None else []
        )

    def _canonicalised(self, page: FetchedPage, declared: str, source: Source) -> FetchedPage:
        """Key the page by its ``rel=canonical`` URL when that stays within the source.

        A canonical on the same host and port that differs only by scheme (an ``https://``
        canonical on a site served over ``http://``) keeps the scheme that was fetched:
        the other one may not even answer, and the row must be found again next run.
        """
        canon = canonical_url(declared, page.final_url)
        if canon is not None and netloc_of(canon) == netloc_of(page.final_url):
            fetched = urlsplit(page.final_url).scheme.lower()
            canon = urlunsplit(urlsplit(canon)._replace(scheme=fetched))
        if canon is None or canon == page.url or not in_scope(canon, source):
            return page
        self.seen.add(canon)
        return replace(page, url=canon)

    def _discover(
        self,
        kind: str,
        body: bytes,
        page: FetchedPage,
        source: Source,
        found: PageLinks | None,
    ) -> Iterator[scrapy.Request]:
        depth, base = page.depth, page.final_url
        admitted: Iterator[scrapy.Request | None]
        if page.url.endswith("/robots.txt"):
            admitted = (self._admit(u, source, 0, "sitemap") for u in robots_sitemaps(body))
        elif kind == "sitemap":
            entries, is_index = sitemap_entries(body)
            child_kind, child_depth = ("sitemap", depth) if is_index else ("page", depth + 1)
            admitted = (
                self._admit(u, source, child_depth, child_kind, base=base, changed=when)
                for u, when in entries
            )
        elif kind == "feed":
            admitted = (
                self._admit(u, source, depth + 1, "page", base=base, changed=when)
                for u, when in feed_entries(body)
            )
        elif found is not None:
            admitted = self._html_requests(found, page, source)
        else:
            return
        yield from (r for r in admitted if r is not None)

    def _html_requests(
        self, found: PageLinks, page: FetchedPage, source: Source
    ) -> Iterator[scrapy.Request | None]:
        for url in found.feeds:
            yield self._admit(url, source, page.depth, "feed")
        for url in found.next_pages:
            yield self._paginate(url, source, page.depth)
        for url in found.links:
            if is_pagination_url(url):
                yield self._paginate(url, source, page.depth)
            else:
                yield self._admit(url, source, page.depth + 1, "page")

    def _paginate(self, url: str, source: Source, depth: int) -> scrapy.Request | None:
        """Follow a listing's next page at the same depth, within the pagination budget."""
        if self.counters.pagination[source.name] >= self.cfg.max_pagination:
            return None
        request = self._admit(url, source, depth, "next")
        if request is not None:
            self.counters.pagination[source.name] += 1
        return request

    def on_error(self, failure: Failure) -> None:
        """Record a fetch that failed (timeout, size limit, redirect loop, skipped type...)."""
        self.last_activity = time.monotonic()
        request = failure.request  # type: ignore[attr-defined]
        meta = request.meta
        if "nx_url" not in meta:
            return
        error = failure.value
        if isinstance(error, IgnoreRequest) and str(error) == OUT_OF_TIME:
            return  # not fetched, still queued in the frontier: reported as unfinished
        self.budget.answered(meta["nx_source"])
        if isinstance(error, IgnoreRequest) and str(error) == ROBOTS_UNAVAILABLE:
            self.counters.unavailable[meta["nx_source"]] += 1  # reported as unfinished
            return  # not fetched, left queued: robots.txt may answer next run
        response = getattr(error, "response", None)
        headers = _headers(response) if response is not None else ()
        page = FetchedPage(
            url=meta["nx_url"],
            final_url=response.url if response is not None else request.url,
            source=meta["nx_source"],
            status=response.status if response is not None else 0,
            content_type=_content_type(headers),
            body=b"",
            fetched_at=datetime.now(UTC),
            headers=headers,
            depth=meta["nx_depth"],
            error=self._failure_message(error),
        )
        not_fetched = self._not_fetched(error)
        if not_fetched is not None:  # recorded so it leaves the queue
            page = replace(page, error=None, is_article=False, reason=not_fetched)
        self._record(page, None)

    def _not_fetched(self, error: BaseException) -> str | None:
        """Return why a request was never made (robots.txt, scope), or None if it failed."""
        if not isinstance(error, IgnoreRequest):
            return None
        message = str(error)
        if message.startswith(REFUSED):
            self.counters.refused += 1
            return message
        if "robots.txt" in message:
            self.counters.robots_forbidden += 1
            return "disallowed by robots.txt"
        return None

    def _failure_message(self, error: BaseException) -> str:
        """Describe a failed fetch in one line (the ``error`` of its page row)."""
        message = "skipped content type" if isinstance(error, StopDownload) else str(error)
        if not message and "Cancelled" in type(error).__name__:  # Scrapy gives no reason
            message = f"body over the size limit ({self.cfg.max_size} bytes, --max-size)"
        return f"{type(error).__name__}: {message or type(error).__name__}"[:500]

    def _record(self, page: FetchedPage, response: Response | None) -> None:
        """Archive the response in the WARC file, then hand the page to the sink."""
        c = self.counters
        c.fetched[page.source] += 1
        c.per_host[netloc_of(page.url)] += 1
        c.bytes += len(page.body)
        if page.error:
            c.errors[page.source] += 1
        if page.is_article:
            if page.url in self.stored:  # one article, one row: a second URL led here
                return
            if page.url != page.final_url and self.state.is_done(page.url):
                return  # its canonical URL is stored already
            self.stored.add(page.url)
            c.articles[page.source] += 1
        if self.writer is None:
            return
        self.writer.submit(page, archive=response is not None and page.reason != UNCHANGED)
