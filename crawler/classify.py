"""Deciding whether a fetched page is an article (or report), and why.

Cheap signals first (content type, URL patterns, page metadata); trafilatura's extraction
(enough main text and a publication date) only when those are silent.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import numpy as np
import trafilatura
from courlan import is_navigation_page

from crawler.discovery import BodyKind, parse_html
from crawler.models import Source
from crawler.urls import canonical_url, is_post_id_url, matches_article

__all__ = ["Verdict", "classify", "simhash"]

_ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "blogposting", "report"}
# og:type values sites give their home, section and profile pages: never articles.
_PAGE_TYPES = {"website", "profile"}
_DATE_META = ("article:published_time", "datepublished", "pubdate", "publishdate", "date")
_MAX_LINK_SHARE = 0.6
_MAX_ENTRY_SHARE = 0.5
_ENTRY_CLASS = re.compile(r"\b(post|entry|teaser|story|card)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The article decision for one page, with the reason stored next to it."""

    is_article: bool
    reason: str
    fingerprint: str | None = None


def classify(
    url: str,
    body: bytes,
    kind: BodyKind,
    source: Source,
    *,
    min_chars: int = 400,
    root: lxml.html.HtmlElement | None = None,
) -> Verdict:
    """Decide whether the page at ``url`` is an article (or a report) and say why.

    ``root`` is the page already parsed by ``crawler.discovery.parse_html``, if at hand.
    """
    if not body.strip():
        return Verdict(False, "empty body")
    if kind == "pdf":
        return Verdict(True, "pdf document")
    if kind != "html":
        return Verdict(False, f"not a page: {kind}")
    if root is None:
        root = parse_html(body)
    if root is None:
        return Verdict(False, "unparseable html")
    verdict = _decide(url, body, source, root, min_chars)
    if not verdict.is_article:
        return verdict
    return Verdict(True, verdict.reason, simhash(_paragraph_text(root)))  # near-dup key


def _decide(
    url: str, body: bytes, source: Source, root: lxml.html.HtmlElement, min_chars: int
) -> Verdict:
    if matches_article(url, source):
        return Verdict(True, "url matches article pattern")
    metadata = _metadata_type(root)
    if metadata:
        return Verdict(True, f"metadata: {metadata}")
    page_type = _og_type(root)
    if page_type in _PAGE_TYPES:
        return Verdict(False, f"metadata: og:type={page_type}")
    if _is_home(url):
        return Verdict(False, "home page")
    if is_navigation_page(url) and not is_post_id_url(url):
        return Verdict(False, "navigation url")
    verdict = _by_extraction(url, body, min_chars)
    if not verdict.is_article:
        return verdict
    share = _link_text_share(root)
    if share > _MAX_LINK_SHARE:  # listings carry dates and teasers too: look at link density
        return Verdict(False, f"link-heavy page ({share:.0%} of words in links)")
    entries, in_entries = _entry_share(root, url)
    if entries and in_entries > _MAX_ENTRY_SHARE:  # an archive of dated excerpts
        return Verdict(False, f"listing of {entries} entries ({in_entries:.0%} of text)")
    return verdict


def _og_type(root: lxml.html.HtmlElement) -> str | None:
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:type":
            return (meta.get("content") or "").strip().lower()
    return None


def _is_home(url: str) -> bool:
    parts = urlsplit(url)  # "/?p=123" is a post (WordPress), not the home page
    if parts.query:
        return False
    path = parts.path
    return path in ("", "/") or re.fullmatch(r"/(index|default|home)\.\w+", path) is not None


def _entry_share(root: lxml.html.HtmlElement, url: str) -> tuple[int, float]:
    """Count archive entries and the share of the page's paragraph text inside them.

    An entry is an ``<article>`` (or a post/entry/teaser block) whose heading links to another
    page (a post's title linking to itself does not count). The share is high on listings of
    dated excerpts and search results, low on an article with related-story teasers.
    """
    total = len(_paragraph_text(root).split())
    self_url = canonical_url(url)
    entries, words = 0, 0
    for element in root.iter("article", "div", "li", "section"):
        if element.tag != "article" and not _ENTRY_CLASS.search(element.get("class") or ""):
            continue
        heading = next(element.iter("h1", "h2", "h3", "h4"), None)
        link = next(heading.iter("a"), None) if heading is not None else None
        href = link.get("href") if link is not None else None
        if not href or canonical_url(href, url) in (None, self_url):
            continue
        if any(
            a.tag == "article" or _ENTRY_CLASS.search(a.get("class") or "")
            for a in element.iterancestors()
        ):
            continue  # nested in an entry counted already
        entries += 1
        words += len(" ".join(p.text_content() for p in element.iter("p")).split())
    return entries, (words / total if total else 0.0)


def _link_text_share(root: lxml.html.HtmlElement) -> float:
    body = root.find("body")
    scope = body if body is not None else root
    total = len(" ".join(scope.itertext()).split())
    linked = sum(len(" ".join(a.itertext()).split()) for a in scope.iter("a"))
    return linked / total if total else 0.0


def _by_extraction(url: str, body: bytes, min_chars: int) -> Verdict:
    result = trafilatura.bare_extraction(
        body, url=url, with_metadata=True, include_comments=False, fast=True
    )
    if result is None:
        return Verdict(False, "no main text")
    data = result if isinstance(result, dict) else {"text": result.text, "date": result.date}
    text, date = str(data.get("text") or ""), data.get("date")
    if len(text) >= min_chars and date:
        return Verdict(True, f"text {len(text)} chars, dated {date}")
    if not date:
        return Verdict(False, f"no date (text {len(text)} chars)")
    return Verdict(False, f"short text {len(text)} chars")


def _metadata_type(root: lxml.html.HtmlElement) -> str | None:
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        value = (meta.get("content") or "").strip().lower()
        if key == "og:type" and value in _ARTICLE_TYPES:
            return f"og:type={value}"
        if key in _DATE_META[:2] and value:
            return key
    for script in root.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            found = _jsonld_type(script.text)
            if found:
                return f"json-ld {found}"
    return None


def _jsonld_type(text: str) -> str | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    items = data if isinstance(data, list) else [data]
    for item in items:
        if not isinstance(item, dict):
            continue
        graph = item.get("@graph")
        nested = graph if isinstance(graph, list) else []
        for node in [item, *nested]:
            kind = node.get("@type") if isinstance(node, dict) else None
            kinds = kind if isinstance(kind, list) else [kind]
            for k in kinds:
                if isinstance(k, str) and k.lower() in _ARTICLE_TYPES:
                    return k
    return None


def _paragraph_text(root: lxml.html.HtmlElement) -> str:
    return " ".join(p.text_content() for p in root.iter("p"))


def _words(text: str) -> list[str]:
    """Return ``re.findall(r"\\w+", text)``, twice as fast on long texts.

    ``\\w`` is exactly ``str.isalnum()`` or ``_``: every other character becomes a space.
    """
    junk = [ord(c) for c in set(text) if not (c.isalnum() or c == "_")]
    return text.translate(dict.fromkeys(junk, " ")).split()


def simhash(text: str) -> str | None:
    """Return the 64-bit simhash (16 hex digits) of ``text``'s word 3-shingles, or None.

    Each distinct word is hashed once (blake2b); a shingle's hash combines its three words'
    hashes with rotations, in numpy, so long articles cost little.
    """
    words = _words(text.lower())
    if len(words) < 8:
        return None
    vocabulary = {w: i for i, w in enumerate(dict.fromkeys(words))}
    digests = b"".join(hashlib.blake2b(w.encode(), digest_size=8).digest() for w in vocabulary)
    table = np.frombuffer(digests, dtype=np.uint64)
    index = np.fromiter(map(vocabulary.__getitem__, words), dtype=np.int64, count=len(words))
    h = table[index]
    shingles = h[:-2] ^ _rotate(h[1:-1], 21) ^ _rotate(h[2:], 42)
    bits = np.unpackbits(shingles.view(np.uint8)).reshape(-1, 64).astype(np.float32)
    # per-bit counts as one matrix product (exact in float32 below 2**24 shingles)
    votes = np.ones(bits.shape[0], dtype=np.float32) @ bits * 2 > bits.shape[0]
    return np.packbits(votes).tobytes().hex()  # the 64 votes in order, as 16 hex digits


def _rotate(values: np.ndarray, bits: int) -> np.ndarray:
    return (values << np.uint64(bits)) | (values >> np.uint64(64 - bits))
