"""Finding URLs in what a site serves: robots.txt, sitemaps, RSS/Atom feeds and HTML pages.

Pure functions over bytes: no network, so each is tested with literal documents.
"""

from __future__ import annotations

import contextlib
import gzip
import re
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Literal
from urllib.parse import urljoin

import lxml.etree
import lxml.html
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

from crawler.urls import MAX_LINK_LENGTH, is_post_id_url

__all__ = [
    "BodyKind",
    "Dated",
    "PageLinks",
    "feed_entries",
    "feed_links",
    "html_links",
    "maybe_gunzip",
    "parse_date",
    "parse_html",
    "robots_sitemaps",
    "sitemap_entries",
    "sitemap_links",
    "sniff",
]

BodyKind = Literal["sitemap", "feed", "html", "pdf", "text", "other"]
Dated = tuple[str, datetime | None]  # a URL and when its source says it last changed

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
_NEXT_TEXT = re.compile("^\\s*(next|sau|tiếp|tiep|trang sau|»|\u203a|>>|→)\\s*$", re.IGNORECASE)
# "&" that starts no entity or character reference: written unescaped by a careless sitemap
_BARE_AMPERSAND = re.compile(
    rb"&(?![A-Za-z][A-Za-z0-9]{0,31};|#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};)"
)
_PAGINATION_URL = re.compile(r"([?&](page|p|trang|pg)=\d+)|(/(page|trang)[/-]?\d+/?$)", re.I)


@dataclass(frozen=True, slots=True)
class PageLinks:
    """Links found in an HTML page, by role."""

    links: tuple[str, ...]  # ordinary in-page links (absolute, not yet canonical)
    next_pages: tuple[str, ...]  # pagination: rel=next or "next" anchors
    feeds: tuple[str, ...]  # <link rel=alternate type=rss/atom>
    canonical: str | None  # <link rel=canonical>
    too_long: int = 0  # links dropped unparsed for their length


def maybe_gunzip(body: bytes, *, max_size: int) -> bytes:
    """Return ``body`` decompressed if it is gzip data (a ``.xml.gz`` sitemap), else unchanged.

    Raises:
        ValueError: the decompressed size would exceed ``max_size`` or the data is corrupt.
    """
    if body[:2] != b"\x1f\x8b":
        return body
    try:
        return gunzip(body, max_size=max_size)
    except (OSError, EOFError, ValueError, zlib.error, gzip.BadGzipFile) as exc:
        raise ValueError(f"bad gzip data: {exc}") from exc


def sniff(body: bytes, content_type: str | None) -> BodyKind:
    """Guess what a response body is from its content type and first bytes."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    head = body[:2048].lstrip().lower()
    if ctype == "application/pdf" or body.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith((b"<?xml", b"<urlset", b"<sitemapindex", b"<rss", b"<feed")) or (
        "xml" in ctype and "html" not in ctype
    ):
        if b"<urlset" in head or b"<sitemapindex" in head:
            return "sitemap"
        if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head or ctype in _FEED_TYPES:
            return "feed"
    if "html" in ctype or b"<html" in head or b"<!doctype html" in head or b"<body" in head:
        return "html"
    if ctype.startswith("text/"):
        return "text"
    return "other"


def robots_sitemaps(body: bytes) -> tuple[str, ...]:
    """Return the ``Sitemap:`` URLs declared in a robots.txt body."""
    found = []
    for line in body.decode("utf-8", "replace").splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and value.strip():
            found.append(value.strip())
    return tuple(found)


def parse_date(text: str | None) -> datetime | None:
    """Parse a sitemap ``lastmod`` (W3C datetime) or a feed date (RFC 822 or ISO 8601).

    Returns an aware UTC datetime (a date alone is its midnight UTC), or None.
    """
    text = (text or "").strip()
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC)


def sitemap_entries(body: bytes) -> tuple[tuple[Dated, ...], bool]:
    """Return the ``<loc>`` URLs of a sitemap with their ``lastmod``, and whether it is an index.

    Works for plain, news and image sitemaps (extra namespaces are ignored); malformed XML
    yields what could be recovered. A bare ``&`` (``?a=1&b=2`` unescaped) is escaped first:
    lxml's recovery would otherwise garble that URL and every later one.
    """
    try:
        sitemap = Sitemap(_BARE_AMPERSAND.sub(b"&amp;", body))
    except (lxml.etree.XMLSyntaxError, StopIteration):
        return (), False
    found: list[Dated] = []
    try:
        for entry in sitemap:
            lastmod = parse_date(entry.get("lastmod"))
            urls = ((entry["loc"],) if entry.get("loc") else ()) + tuple(entry.get("alternate", ()))
            found.extend((url, lastmod) for url in urls)
    except lxml.etree.XMLSyntaxError:
        pass
    return tuple(found), sitemap.type == "sitemapindex"


def sitemap_links(body: bytes) -> tuple[tuple[str, ...], bool]:
    """Return the ``<loc>`` URLs of a sitemap and whether it is a sitemap index."""
    entries, is_index = sitemap_entries(body)
    return tuple(url for url, _ in entries), is_index


_FEED_DATES = ("updated", "modified", "published", "pubDate", "date")


def feed_entries(body: bytes) -> tuple[Dated, ...]:
    """Return the item links of an RSS 2.0, RSS 1.0 (RDF) or Atom feed with the item's date.

    The date is the latest of the item's ``updated``, ``published``, ``pubDate`` and
    ``dc:date`` (None when it has none).
    """
    parser = lxml.etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    try:
        root = lxml.etree.fromstring(body, parser)
    except lxml.etree.XMLSyntaxError:
        return ()
    if root is None:
        return ()
    found: list[Dated] = []
    for item in root.iter():
        if not isinstance(item.tag, str) or _local(item.tag) not in ("item", "entry"):
            continue
        children = [c for c in item if isinstance(c.tag, str)]
        dates = [parse_date(c.text) for c in children if _local(c.tag) in _FEED_DATES]
        when = max((d for d in dates if d is not None), default=None)
        for element in children:
            if _local(element.tag) != "link":
                continue
            href = element.get("href")
            if href and element.get("rel", "alternate") == "alternate":
                found.append((href.strip(), when))
            elif element.text and element.text.strip():
                found.append((element.text.strip(), when))
    return tuple(found)


def feed_links(body: bytes) -> tuple[str, ...]:
    """Return the item links of an RSS 2.0, RSS 1.0 (RDF) or Atom feed."""
    return tuple(url for url, _ in feed_entries(body))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _is_next(anchor: lxml.html.HtmlElement, href: str) -> bool:
    rel = (anchor.get("rel") or "").lower().split()
    return "next" in rel or bool(_NEXT_TEXT.match(anchor.text_content() or ""))


def parse_html(body: bytes) -> lxml.html.HtmlElement | None:
    """Parse an HTML body once for link discovery and classification; None if hopeless."""
    try:
        return lxml.html.document_fromstring(body)
    except (lxml.etree.ParserError, ValueError):
        return None


def _resolve_links(root: lxml.html.HtmlElement, base_url: str) -> int:
    """Make the ``href`` of anchors, areas and links absolute, honouring ``<base href>``.

    Only the elements we read: lxml's ``make_links_absolute`` also rewrites images, scripts
    and CSS, which costs more than the rest of link discovery. Links over
    ``MAX_LINK_LENGTH`` are dropped unparsed (urllib caches what it parses); returns how many.
    """
    base = next((b.get("href") for b in root.iter("base") if b.get("href")), None)
    if base and len(base) <= MAX_LINK_LENGTH:
        with contextlib.suppress(ValueError):
            base_url = urljoin(base_url, base.strip())
    dropped = 0
    for element in root.iter("a", "area", "link"):
        href = element.get("href")
        if href is None:
            continue
        if len(href) > MAX_LINK_LENGTH:
            del element.attrib["href"]
            dropped += 1
            continue
        try:
            element.set("href", urljoin(base_url, href.strip()))
        except ValueError:  # an unparseable URL (bad IPv6 literal...): drop the link
            del element.attrib["href"]
    return dropped


def html_links(page: bytes | lxml.html.HtmlElement | None, base_url: str) -> PageLinks:
    """Return the links of an HTML page, resolved against its ``<base>`` or ``base_url``.

    ``page`` is the body or the tree from ``parse_html`` (whose links are made absolute).
    """
    root = parse_html(page) if isinstance(page, bytes) else page
    if root is None:
        return PageLinks((), (), (), None)
    too_long = _resolve_links(root, base_url)
    links: list[str] = []
    next_pages: list[str] = []
    for anchor in root.iter("a", "area"):
        href = anchor.get("href")
        if not href or (anchor.get("rel") or "").lower() == "nofollow":
            continue
        (next_pages if _is_next(anchor, href) else links).append(href)
    feeds, canonical = [], None
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        href = link.get("href")
        if not href:
            continue
        if "alternate" in rel and (link.get("type") or "").lower() in _FEED_TYPES:
            feeds.append(href)
        elif "next" in rel:
            next_pages.append(href)
        elif "canonical" in rel:
            canonical = href
    return PageLinks(tuple(links), tuple(next_pages), tuple(feeds), canonical, too_long)


def is_pagination_url(url: str) -> bool:
    """Whether ``url`` looks like page N of a listing (``?page=3``, ``/page/3``).

    ``/?p=123`` on the site root is a WordPress post, not a page of a listing.
    """
    if is_post_id_url(url):
        return False
    return bool(_PAGINATION_URL.search(url))
