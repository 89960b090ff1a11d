"""Find the original article URL that aggregators and translations cite ("Source: https://...").

Aggregators republish (often machine-translate) an article and name where it came from near
the end: a label in the page's language ("Source", "Sumber", "Kilde", "المصدر", "Nguồn",
"来源"...), then the URL on the same or the next line, or a link next to the label in the HTML.
The last such citation wins, because related-article blocks come before the footer less often
than the citation comes after the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement  # type: ignore[import-untyped]

# Words that introduce a cited source, in the languages we read (lower case for Latin).
SOURCE_LABELS: tuple[str, ...] = (
    "source",
    "sources",
    "original source",
    "original article",
    "source article",
    "sumber",
    "sumber berita",
    "kilde",
    "kjelde",
    "källa",
    "المصدر",
    "مصدر",
    "nguồn",
    "nguồn tin",
    "nguồn bài viết",
    "quelle",
    "fuente",
    "fonte",
    "fonti",
    "bron",
    "źródło",
    "zdroj",
    "forrás",
    "kaynak",
    "lähde",
    "sursa",
    "izvor",
    "источник",
    "джерело",
    "πηγή",
    "מקור",
    "来源",
    "來源",
    "出处",
    "出處",
    "原文",
    "原文链接",
    "原文連結",
    "出典",
    "出所",
    "引用元",
    "元記事",
    "출처",
    "원문",
    "기사 원문",
    "แหล่งที่มา",
    "ที่มา",
    "ប្រភព",
    "ແຫຼ່ງທີ່ມາ",
    "ທີ່ມາ",
    "स्रोत",
)
_LABEL = "|".join(sorted((re.escape(label) for label in SOURCE_LABELS), key=len, reverse=True))
# A label at the start of a line (after bullets or brackets), then a colon or dash, then
# up to 80 characters of outlet name before the URL, on the same line or the next one.
_CITATION_RE = re.compile(
    rf"^[ \t\-\u2013\u2014•*(\[【「]*(?:{_LABEL})"
    r"(?:[ \t]*[:\uff1a\-\u2013\u2014]|[ \t]*(?=\n)|[ \t]+(?=https?://|www\.))"
    r"[ \t]*(?:[^\n]{0,80}?\n?[ \t]*)?[^\n]{0,80}?"
    r"(?P<url>https?://[^\s<>\"'\u3000-\u303f\uff08\uff09\uff0c\uff1a]+|www\.[^\s<>\"']+)",
    re.IGNORECASE | re.MULTILINE,
)
_LABEL_START_RE = re.compile(
    rf"^[\s\-\u2013\u2014•*(\[【「]*(?:{_LABEL})\s*(?:$|[:\uff1a\-\u2013\u2014])", re.IGNORECASE
)
_MAX_LABEL_TEXT = 120  # a label with an outlet name, not a paragraph that starts with "Source"
_INLINE_TAGS = frozenset({"strong", "b", "em", "i", "span", "label", "font", "u", "small"})
_CANONICAL_XPATH = (
    "//link[translate(@rel, 'CANONICAL', 'canonical')='canonical']/@href"
    " | //meta[@property='og:url']/@content"
)
# ASCII and full-width punctuation that ends a sentence around a URL, not the URL itself.
_TRAILING = ".,;:!?)]}>'\"»\u201d\u2019。、\uff0c\uff1b\uff1a"


def _clean_url(url: str) -> str | None:
    url = url.rstrip(_TRAILING)
    if url.startswith("www."):
        url = "https://" + url
    return url if re.match(r"https?://[^/\s]+\.[^/\s]+", url) else None


def _site(url: str) -> str | None:
    """Return the registered domain ("baophuyen.vn" for m.baophuyen.vn), or None."""
    from courlan import extract_domain

    host = urlsplit(url).hostname
    if not host:
        return None  # file: URLs and the like belong to no site
    return str(extract_domain(url, fast=True) or host.removeprefix("www."))


def _same_site(url: str, other: str | None) -> bool:
    if other is None:
        return False
    site = _site(url)
    return site is not None and site == _site(other)


def original_url_from_text(text: str) -> str | None:
    """Return the URL of the last "Source: URL"-style citation in a text, or None.

    Args:
        text: Article text; the label must start a line and the URL follow on that line or
            the next.

    Returns:
        The cited URL with trailing punctuation removed, or None when nothing is cited.
    """
    found = None
    for match in _CITATION_RE.finditer(text):
        url = _clean_url(match.group("url"))
        found = url or found
    return found


def _links_after(element: HtmlElement, *, in_text: bool) -> Iterator[HtmlElement]:
    """Yield links that follow a label found in an element's text or in its tail.

    A label in an element's text ("<a>Nguồn</a>", "<p>Source: <a>") is followed by the element
    itself when it is a link, then by links inside it, then, for inline elements such as
    "<strong>Source:</strong> <a>", by its siblings; a label in the tail by the siblings.
    """
    if in_text:
        if element.tag == "a":
            yield element
        yield from element.iterdescendants("a")
        if element.tag not in _INLINE_TAGS:
            return
    for sibling in element.itersiblings():
        if sibling.tag == "a":
            yield sibling
        yield from sibling.iterdescendants("a")


def _labelled_links(tree: HtmlElement) -> Iterator[HtmlElement]:
    """Yield, for each source label in the page, the first link that follows it closely."""
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        for piece, in_text in ((element.text, True), (element.tail, False)):
            if piece and len(piece) < _MAX_LABEL_TEXT and _LABEL_START_RE.match(piece):
                yield from islice(_links_after(element, in_text=in_text), 1)


def original_url_from_links(tree: HtmlElement, base_url: str | None = None) -> str | None:
    """Return the href of the last link that a source label introduces, or None.

    Matches ``<p>Source: <a href="https://...">Outlet</a></p>`` and links whose own text is
    the label (``<a href="https://...">Nguồn</a>``). Relative links are resolved against
    ``base_url``; only http(s) URLs are returned.
    """
    found = None
    for link in _labelled_links(tree):
        href = (link.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = _clean_url(urljoin(base_url, href) if base_url else href)
        if url and _same_site(url, base_url):
            continue  # a citation names another site; same-site links are navigation
        found = url or found
    return found


def canonical_elsewhere(tree: HtmlElement, base_url: str | None = None) -> str | None:
    """Return the page's canonical URL (or og:url) when it is on another site, else None.

    Syndicated and translated copies often declare the original article as canonical; a
    canonical URL on the page's own site says nothing about an original elsewhere.
    """
    for found in tree.xpath(_CANONICAL_XPATH):
        url = _clean_url(urljoin(base_url, str(found).strip()) if base_url else str(found))
        if url and not _same_site(url, base_url):
            return url
    return None
