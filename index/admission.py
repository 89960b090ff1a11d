"""Which stored or imported pages become articles: one classification and admission step.

Every path that turns pages into articles goes through here, so none can drift from another:

- classification: a WARC record (``import-warc``, ``distributed-extract``) becomes a page
  with ``page_from_record``, which asks the crawler's own ``crawler.classify`` whether it is
  an article, exactly as the crawl does; a local file (``add``) becomes one with
  ``local_page``, an article by the user's word unless it is no document at all (a sitemap,
  a feed);
- admission: ``extract`` (through ``index.store.pages_to_extract``) and the distributed merge
  (through ``skip_reason``) turn a stored page into an article only when ``ADMITTED`` holds:
  the newest successful fetch of its URL, an article, not an exact copy of another page.

Pages that are not admitted (sitemaps, feeds, robots.txt, listings, home and section pages,
error responses, duplicates) are skipped and counted, never recorded as failures.
"""

from __future__ import annotations

import hashlib
import mimetypes
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from sqlite_utils import Database

from crawler.classify import classify
from crawler.discovery import sniff
from crawler.models import FetchedPage, Source
from crawler.urls import canonical_url, netloc_of
from crawler.warc import WarcRecord

__all__ = ["ADMITTED", "local_page", "page_from_record", "skip_reason"]

# An SQL condition over ``pages p``: the page becomes (or stays) an article.
ADMITTED = """(
    p.error is null and p.status between 200 and 299
    and coalesce(p.is_article, 1) = 1
    and p.duplicate_of is null
    and p.fetched_at = (select max(q.fetched_at) from pages q where q.url = p.url
                        and q.error is null and q.status between 200 and 299)
)"""

# Kinds of body a user can name as a document; sitemaps, feeds and the like are never one.
_DOCUMENT_KINDS = ("html", "pdf", "text")


def _record_source(url: str, source: str | None) -> Source:
    """Describe the site of an imported record: ``source`` or the URL's host."""
    netloc = netloc_of(url)
    name = source or netloc or "warc"
    return Source(name=name, home_url=f"{urlsplit(url).scheme}://{netloc}/", allowed_domains=())


def page_from_record(record: WarcRecord, *, source: str | None = None) -> FetchedPage:
    """Return the page of one WARC response, classified as the crawler classifies.

    Args:
        record: a response read by ``crawler.warc.iter_responses``.
        source: the source name to record; by default each URL's host.
    """
    url = canonical_url(record.url) or record.url
    site = _record_source(url, source)
    ctype = next((v for k, v in record.headers if k.lower() == "content-type"), None)
    ok = 200 <= record.status < 300
    verdict = classify(url, record.body, sniff(record.body, ctype), site) if ok else None
    return FetchedPage(
        url=url,
        final_url=record.url,
        source=site.name,
        status=record.status,
        content_type=ctype,
        body=record.body,
        fetched_at=record.fetched_at,
        headers=record.headers,
        content_hash=hashlib.sha256(record.body).hexdigest(),
        is_article=verdict.is_article if verdict else False,
        reason=verdict.reason if verdict else f"HTTP {record.status}",
        fingerprint=verdict.fingerprint if verdict else None,
        warc_file=record.warc_file,
        warc_offset=record.warc_offset,
    )


def local_page(path: Path, *, source: str = "local") -> FetchedPage:
    """Describe a local document as a fetched page with a ``file://`` URL and content hash.

    A file the user names is an article when it is a document (HTML, PDF, text); a sitemap,
    feed or other data file is not, and is skipped like a crawled one.
    """
    body = path.read_bytes()
    content_type = mimetypes.guess_type(path.name)[0] or "text/plain"
    kind = sniff(body, content_type)
    is_document = kind in _DOCUMENT_KINDS  # even empty: the user hears it failed
    return FetchedPage(
        url=path.resolve().as_uri(),
        final_url=path.resolve().as_uri(),
        source=source,
        status=200,
        content_type=content_type,
        body=body,
        fetched_at=datetime.fromtimestamp(path.stat().st_mtime, UTC),
        content_hash=hashlib.sha256(body).hexdigest(),
        is_article=is_document,
        reason="local document" if is_document else f"not a document: {kind}",
    )


def skip_reason(db: Database, page_id: int) -> str | None:
    """Return why the stored page ``page_id`` is not admitted as an article, or None.

    Raises:
        KeyError: there is no page with that id.
    """
    row = db.execute(
        f"select {ADMITTED}, p.error, p.status, p.is_article, p.reason, p.duplicate_of "
        "from pages p where p.id = ?",
        [page_id],
    ).fetchone()
    if row is None:
        raise KeyError(f"no page with id {page_id}")
    admitted, error, status, is_article, reason, duplicate_of = row
    if admitted:
        return None
    if error is not None:
        return f"fetch error: {error}"
    if not 200 <= int(status) <= 299:
        return f"HTTP {status}"
    if is_article == 0:
        return f"not an article: {reason}"
    if duplicate_of is not None:
        return f"duplicate of {duplicate_of}"
    return "a newer fetch of this URL is stored"
