"""Find the original article URL that aggregators and translations cite ("Source: https://...").

Aggregators republish (often machine-translate) an article and name where it came from near
the end: a label in the page's language ("Source", "Sumber", "Kilde", "المصدر", "Nguồn",
"来源"...), then the URL on the same or the next line, or a link next to the label in the HTML.
The last such citation wins, because related-article blocks come before the footer less often
than the citation comes after the body.
"""

from __future__ import annotations

import re
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
    rf"^[\s\-\u2013\u2014•*(\[【「]*(?:{_LABEL})(?:$|[\s:\uff1a\-\u2013\u2014])", re.IGNORECASE
)
# ASCII and full-width punctuation that ends a sentence around a URL, not the URL itself.
_TRAILING = ".,;:!?)]}>'\"»\u201d\u2019。、\uff0c\uff1b\uff1a"


def _clean_url(url: str) -> str | None:
    url = url.rstrip(_TRAILING)
    if url.startswith("www."):
        url = "https://" + url
    return url if re.match(r"https?://[^/\s]+\.[^/\s]+", url) else None


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


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


def _block_text(element: HtmlElement, stop: HtmlElement) -> str:
    """Return an element's text up to and including ``stop`` (one of its descendants)."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if child is stop or stop in child.iterdescendants():
            parts.append(child.text_content())
            break
        parts.append(child.text_content() + (child.tail or ""))
    return "".join(parts)


def _is_labelled(link: HtmlElement, *, levels: int = 3, limit: int = 200) -> bool:
    """Say whether a source label starts the block that holds ``link`` (a few levels up)."""
    if _LABEL_START_RE.match(link.text_content()):
        return True
    element = link.getparent()
    for _ in range(levels):
        if element is None:
            return False
        text = _block_text(element, link)
        if len(text) > limit:
            return False
        if _LABEL_START_RE.match(text):
            return True
        element = element.getparent()
    return False


def original_url_from_links(tree: HtmlElement, base_url: str | None = None) -> str | None:
    """Return the href of the last link that a source label introduces, or None.

    Matches ``<p>Source: <a href="https://...">Outlet</a></p>`` and links whose own text is
    the label (``<a href="https://...">Nguồn</a>``). Relative links are resolved against
    ``base_url``; only http(s) URLs are returned.
    """
    found = None
    for link in tree.iter("a"):
        href = (link.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        if not _is_labelled(link):
            continue
        url = _clean_url(urljoin(base_url, href) if base_url else href)
        if url and base_url and _host(url) == _host(base_url):
            continue  # a citation names another site; same-site links are navigation
        found = url or found
    return found
