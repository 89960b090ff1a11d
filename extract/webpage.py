"""Web pages: the main text and metadata of an HTML document, read with trafilatura.

trafilatura drops navigation, related links, comments and footers, keeps tables and the
"Source:" line, and reads title, author and date from the markup (its date comes from
htmldate). Two things are changed from its defaults, for speed and sense:

- htmldate's extensive search (scanning every text node for date-like strings) is off inside
  trafilatura: on pages without date markup it cost about 20 ms a page and mostly found the
  dates of events. Instead htmldate looks at the URL and at the opening lines of the main text
  (where bylines sit) when the markup gives no date.
- htmldate reports a lone year as 1 January; such guesses are dropped, and the Vietnamese,
  Chinese/Japanese and Korean ways of writing a full date are read by our own patterns.
- pages trafilatura rejects (too short, no article found) fall back to its baseline text and
  to the page's <title>, so a short notice still yields text.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from lxml.html import HtmlElement  # type: ignore[import-untyped]

from extract.errors import DecodeError
from extract.original_url import canonical_elsewhere, original_url_from_links

_BYLINE_CHARS = 300  # a byline date sits in the first lines of the main text
_SCRIPT_RE = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG_RE = re.compile(
    r"</?(?:p|div|br|li|tr|h[1-6]|article|section|table|ul|ol|blockquote)\b[^>]*>", re.IGNORECASE
)
_TAG_RE = re.compile(r"<[^>]*>")
_BYLINE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE), "dmy"),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), "ymd"),
    (re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일"), "ymd"),
)


# 1 January written out: 01/01/2024, 2024-01-01, "1 January", "January 1st", "1. Januar"...
_JANUARY = r"(?:jan\w*|enero|gennaio|янв\w*)\.?"
_NEW_YEAR_PATTERNS = (
    re.compile(r"(?<!\d)0?1\s*[./-]\s*0?1\s*[./-]\s*\d{4}(?!\d)"),
    re.compile(r"(?<!\d)\d{4}\s*[./-]\s*0?1\s*[./-]\s*0?1(?!\d)"),
    re.compile(rf"(?<!\d)0?1(?:st|er|º)?\.?\s+(?:de\s+)?{_JANUARY}", re.IGNORECASE),
    re.compile(rf"\b{_JANUARY}\s+0?1(?:st)?(?!\d)", re.IGNORECASE),
)


@dataclass(frozen=True, slots=True)
class WebPage:
    """The main text of a web page and its metadata."""

    text: str
    title: str | None
    author: str | None
    published: date | None
    linked_url: str | None  # "Source: <a href>", else a canonical URL on another site


def read_webpage(markup: str, url: str) -> WebPage:
    """Return the main text, title, author, date and cited link of an HTML page.

    Args:
        markup: The decoded HTML (complete, truncated or a bare fragment).
        url: The page's URL, for relative links and dates in URLs.

    Raises:
        DecodeError: lxml cannot build a tree from the markup.
    """
    import trafilatura

    tree = trafilatura.load_html(_fragment_safe(markup))
    if tree is None:
        raise DecodeError(f"not parseable as HTML: {url}")
    data = _trafilatura(tree, url)
    text = _normalise_lines(data.get("text") or _baseline_text(tree) or _stripped(markup))
    title = _clean(data.get("title")) or _page_title(tree)
    published = _iso_date(data.get("date")) or _fallback_date(tree, url, text, markup=not data)
    return WebPage(
        text=text,
        title=title,
        author=_clean(data.get("author")),
        published=published,
        linked_url=original_url_from_links(tree, url) or canonical_elsewhere(tree, url),
    )


def _trafilatura(tree: HtmlElement, url: str) -> dict[str, Any]:
    import trafilatura
    from trafilatura.settings import set_date_params

    date_params = set_date_params(extensive=False)
    date_params["original_date"] = True  # the first publication, not the last edit
    found = trafilatura.extract(
        tree,
        url=url,
        output_format="json",
        with_metadata=True,
        include_tables=True,
        include_comments=False,
        deduplicate=False,
        date_extraction_params=date_params,
    )
    return dict(json.loads(found)) if found else {}


def _fragment_safe(markup: str) -> str:
    """Wrap a bare fragment so that trafilatura's HTML check does not reject it."""
    if re.search(r"<html[\s>]|<body[\s>]", markup[:2048], re.IGNORECASE):
        return markup
    return f"<html><body><div>{markup}</div></body></html>"


def _baseline_text(tree: HtmlElement) -> str:
    """Return the text of a page trafilatura finds no article in (short or broken pages)."""
    import trafilatura

    _, text, _ = trafilatura.baseline(tree)
    return str(text or trafilatura.html2txt(tree) or "")


def _stripped(markup: str) -> str:
    """Last resort for markup lxml cannot build a usable tree from: drop the tags."""
    markup = _BLOCK_TAG_RE.sub("\n", _SCRIPT_RE.sub(" ", markup))
    lines = (" ".join(line.split()) for line in _TAG_RE.sub("", markup).splitlines())
    return html.unescape("\n".join(line for line in lines if line))


def _page_title(tree: HtmlElement) -> str | None:
    for path in (".//title", ".//h1"):
        element = tree.find(path)
        if element is not None and _clean(element.text_content()):
            return _clean(element.text_content())
    return None


def _fallback_date(tree: HtmlElement, url: str, text: str, *, markup: bool) -> date | None:
    """Ask htmldate about the markup when trafilatura did not read it, then read the byline."""
    from htmldate import find_date

    if markup:
        found = _iso_date(find_date(tree, url=url, original_date=True, extensive_search=False))
        if found:
            return found
    return byline_date(text[:_BYLINE_CHARS], url=url)


def byline_date(head: str, *, url: str | None = None) -> date | None:
    """Return the full date written in the opening lines of an article, or None.

    Vietnamese ("ngày 5 tháng 3 năm 2024"), Chinese/Japanese ("2024年3月5日") and Korean
    ("2024년 3월 5일") forms are read here; htmldate reads the rest (numeric and month-name
    dates in many languages). A year alone is not a date: htmldate reports one as 1 January,
    which is refused.
    """
    for pattern, order in _BYLINE_PATTERNS:
        match = pattern.search(head)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            try:
                return date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                continue
    from htmldate import find_date

    snippet = f"<html><body><p>{html.escape(head)}</p></body></html>"
    found = _iso_date(find_date(snippet, url=url, original_date=True, extensive_search=True))
    if found is None or ((found.month, found.day) == (1, 1) and not _states_new_year(head)):
        return None
    return found


def _states_new_year(head: str) -> bool:
    """Return True when the text itself writes a 1 January date (not a year htmldate padded)."""
    return any(pattern.search(head) for pattern in _NEW_YEAR_PATTERNS)


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _normalise_lines(text: str) -> str:
    """NFC, and no trailing spaces on lines (trafilatura leaves some after table cells)."""
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()
