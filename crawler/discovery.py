"""Finding URLs in what a site serves: robots.txt, sitemaps, RSS/Atom feeds and HTML pages.

Pure functions over bytes: no network, so each is tested with literal documents.
"""

from __future__ import annotations

import contextlib
import gzip
import re
import zlib
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin

import lxml.etree
import lxml.html
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

from crawler.urls import is_post_id_url

__all__ = [
    "BodyKind",
    "PageLinks",
    "feed_links",
    "html_links",
    "maybe_gunzip",
    "parse_html",
    "robots_sitemaps",
    "sitemap_links",
    "sniff",
]

BodyKind = Literal["sitemap", "feed", "html", "pdf", "text", "other"]

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


def sitemap_links(body: bytes) -> tuple[tuple[str, ...], bool]:
    """Return the ``<loc>`` URLs of a sitemap and whether it is a sitemap index.

    Works for plain, news and image sitemaps (extra namespaces are ignored); malformed XML
    yields what could be recovered. A bare ``&`` (``?a=1&b=2`` unescaped) is escaped first:
    lxml's recovery would otherwise garble that URL and every later one.
    """
    try:
        sitemap = Sitemap(_BARE_AMPERSAND.sub(b"&amp;", body))
    except (lxml.etree.XMLSyntaxError, StopIteration):
        return (), False
    locs = []
    try:
        for entry in sitemap:
            if entry.get("loc"):
                locs.append(entry["loc"])
            locs.extend(entry.get("alternate", ()))
    except lxml.etree.XMLSyntaxError:
        pass
    return tuple(locs), sitemap.type == "sitemapindex"


def feed_links(body: bytes) -> tuple[str, ...]:
    """Return the item links of an RSS 2.0, RSS 1.0 (RDF) or Atom feed."""
    parser = lxml.etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    try:
        root = lxml.etree.fromstring(body, parser)
    except lxml.etree.XMLSyntaxError:
        return ()
    if root is None:
        return ()
    found: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.rsplit("}", 1)[-1]
        parent = element.getparent()
        parent_tag = parent.tag.rsplit("}", 1)[-1] if parent is not None else ""
        if tag != "link" or parent_tag not in ("item", "entry"):
            continue
        href = element.get("href")
        if href and element.get("rel", "alternate") == "alternate":
            found.append(href.strip())
        elif element.text and element.text.strip():
            found.append(element.text.strip())
    return tuple(found)


def _is_next(anchor: lxml.html.HtmlElement, href: str) -> bool:
    rel = (anchor.get("rel") or "").lower().split()
    return "next" in rel or bool(_NEXT_TEXT.match(anchor.text_content() or ""))


def parse_html(body: bytes) -> lxml.html.HtmlElement | None:
    """Parse an HTML body once for link discovery and classification; None if hopeless."""
    try:
        return lxml.html.document_fromstring(body)
    except (lxml.etree.ParserError, ValueError):
        return None


def _resolve_links(root: lxml.html.HtmlElement, base_url: str) -> None:
    """Make the ``href`` of anchors, areas and links absolute, honouring ``<base href>``.

    Only the elements we read: lxml's ``make_links_absolute`` also rewrites images, scripts
    and CSS, which costs more than the rest of link discovery.
    """
    base = next((b.get("href") for b in root.iter("base") if b.get("href")), None)
    if base:
        with contextlib.suppress(ValueError):
            base_url = urljoin(base_url, base.strip())
    for element in root.iter("a", "area", "link"):
        href = element.get("href")
        if href is None:
            continue
        try:
            element.set("href", urljoin(base_url, href.strip()))
        except ValueError:  # an unparseable URL (bad IPv6 literal...): drop the link
            del element.attrib["href"]


def html_links(page: bytes | lxml.html.HtmlElement | None, base_url: str) -> PageLinks:
    """Return the links of an HTML page, resolved against its ``<base>`` or ``base_url``.

    ``page`` is the body or the tree from ``parse_html`` (whose links are made absolute).
    """
    root = parse_html(page) if isinstance(page, bytes) else page
    if root is None:
        return PageLinks((), (), (), None)
    _resolve_links(root, base_url)
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
    return PageLinks(tuple(links), tuple(next_pages), tuple(feeds), canonical)


def is_pagination_url(url: str) -> bool:
    """Whether ``url`` looks like page N of a listing (``?page=3``, ``/page/3``).

    ``/?p=123`` on the site root is a WordPress post, not a page of a listing.
    """
    if is_post_id_url(url):
        return False
    return bool(_PAGINATION_URL.search(url))
