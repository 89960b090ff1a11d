"""The document step: raw bytes in, main text with metadata and languages out.

``parse_document`` decodes the body (``extract.decoding``), picks the main text of HTML pages
with trafilatura (dates from its htmldate pass, or htmldate directly when trafilatura finds no
article), reads PDF reports page by page with pypdf (recording where each page starts), keeps
plain text as it is, finds the cited original URL and identifies languages per document and per
paragraph. All offsets produced later index ``ParsedDocument.text``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from lxml.html import HtmlElement  # type: ignore[import-untyped]

from extract.decoding import decode_body
from extract.errors import DecodeError, UnsupportedDocument
from extract.language import profile_languages
from extract.models import Document
from extract.original_url import original_url_from_links, original_url_from_text
from extract.pdf import PdfText, read_pdf

TextOrigin = Literal["text", "html", "pdf"]

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
_UNKNOWN_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_HTML_SNIFF_RE = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|<title[\s>]|<(?:p|div|article)[\s>]",
    re.IGNORECASE,
)
_HEADING_MAX = 160
_SENTENCE_END = tuple(".!?。\uff01\uff1f:;,…")  # incl. full-width ! and ?


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """A document's main text, metadata and languages; offsets later index ``text``."""

    text: str  # NFC; for HTML and PDF the extracted text, for plain text the file's text
    title: str | None
    published: date | None
    author: str | None
    original_url: str | None  # the URL cited after "Source:", "Sumber:", "Nguồn:"...
    language: str  # ISO 639-1, or "und"
    language_confidence: float
    paragraph_languages: tuple[tuple[int, int, str], ...]  # (start, end, language)
    text_origin: TextOrigin
    pages: tuple[tuple[int, int, int], ...] = ()  # PDF: (start, end, page number from 1)
    encoding: str | None = None  # the codec the body was decoded with; None for str/PDF


@dataclass(frozen=True, slots=True)
class _Content:
    """What one format's reader found, before languages and the original URL."""

    text: str
    origin: TextOrigin
    title: str | None = None
    published: date | None = None
    author: str | None = None
    linked_url: str | None = None  # HTML: a link that a source label introduces
    pages: tuple[tuple[int, int, int], ...] = ()
    encoding: str | None = None


def media_type(doc: Document) -> str:
    """Return the document's media type ("text/html"...) from its content type or headers."""
    values = [doc.content_type or ""] + [v for k, v in doc.headers if k.lower() == "content-type"]
    for value in values:
        kind = value.split(";", 1)[0].strip().lower()
        if kind:
            return kind
    return ""


def document_kind(doc: Document) -> TextOrigin:
    """Decide whether a document is HTML, plain text or PDF.

    The declared media type decides unless it is missing or generic, in which case the bytes
    are sniffed ("%PDF-", HTML tags) and then the URL's extension is used.

    Raises:
        UnsupportedDocument: The media type is one extraction does not read (images, archives,
            office files...).
    """
    head = doc.body[:1024]
    head_text = head.decode("latin-1") if isinstance(head, bytes) else head
    if head_text.lstrip().startswith("%PDF-"):
        return "pdf"
    kind = media_type(doc)
    if kind == "application/pdf":
        return "pdf"
    if kind in _HTML_TYPES:
        return "html"
    if kind in _TEXT_TYPES or kind in _UNKNOWN_TYPES:
        if _HTML_SNIFF_RE.search(head_text):
            return "html"
        if kind in _UNKNOWN_TYPES and doc.url.lower().split("?")[0].endswith(".pdf"):
            return "pdf"
        return "text"
    raise UnsupportedDocument(f"unsupported content type {kind!r} for {doc.url}")


def parse_document(doc: Document) -> ParsedDocument:
    """Decode a document and return its main text, metadata and languages.

    Args:
        doc: The document as fetched: bytes (or already-decoded text), URL, content type,
            headers and an optional language hint (ISO 639-1), which then wins over detection.

    Returns:
        An immutable ParsedDocument whose ``text`` all later offsets index.

    Raises:
        UnsupportedDocument: The content type is not HTML, text or PDF, or the PDF is
            encrypted.
        DecodeError: Nothing readable could be recovered (empty body, binary data, a broken
            PDF, a PDF without a text layer, a page without text).
    """
    kind = document_kind(doc)
    if kind == "pdf":
        content = _read_pdf_content(doc)
    else:
        text, encoding = _decode(doc)
        content = _read_html(text, doc.url) if kind == "html" else _read_text(text)
        content = replace(content, encoding=encoding)
    if not content.text.strip():
        raise DecodeError(f"no text found in the {kind} document {doc.url}")
    languages = profile_languages(content.text, hint=doc.language)
    return ParsedDocument(
        text=content.text,
        title=content.title,
        published=content.published,
        author=content.author,
        original_url=original_url_from_text(content.text) or content.linked_url,
        language=languages.language,
        language_confidence=languages.confidence,
        paragraph_languages=languages.paragraphs,
        text_origin=content.origin,
        pages=content.pages,
        encoding=content.encoding,
    )


def page_at(parsed: ParsedDocument, offset: int) -> int | None:
    """Return the PDF page number (from 1) that holds ``offset`` in the text, or None."""
    for start, end, number in parsed.pages:
        if start <= offset < end:
            return number
    return None


def _decode(doc: Document) -> tuple[str, str | None]:
    if isinstance(doc.body, str):
        if not doc.body.strip():
            raise DecodeError(f"empty body: {doc.url}")
        return unicodedata.normalize("NFC", doc.body.removeprefix("\ufeff")), None
    decoded = decode_body(doc.body, headers=doc.headers, content_type=doc.content_type)
    return decoded.text, decoded.encoding


def _read_text(text: str) -> _Content:
    """Plain text: the text itself; its first line is the title when it looks like one."""
    return _Content(text=text, origin="text", title=_heading(text))


def _heading(text: str) -> str | None:
    """Return the first non-blank line if it reads like a heading (short, no final stop)."""
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        letters = sum(ch.isalpha() for ch in line)
        if len(line) <= _HEADING_MAX and letters >= 2 and not line.endswith(_SENTENCE_END):
            return line
        return None
    return None


def _read_pdf_content(doc: Document) -> _Content:
    body = doc.body.encode("latin-1") if isinstance(doc.body, str) else doc.body
    pdf: PdfText = read_pdf(body, url=doc.url)
    return _Content(
        text=pdf.text,
        origin="pdf",
        title=pdf.title or _heading(pdf.text),
        published=pdf.published,
        author=pdf.author,
        pages=pdf.pages,
    )


def _read_html(html: str, url: str) -> _Content:
    """HTML: trafilatura's main text and metadata, with fallbacks for pages it rejects."""
    import trafilatura

    tree = trafilatura.load_html(_fragment_safe(html))
    if tree is None:
        raise DecodeError(f"not parseable as HTML: {url}")
    found = trafilatura.extract(
        tree,
        url=url,
        output_format="json",
        with_metadata=True,
        include_tables=True,
        include_comments=False,
        deduplicate=False,
    )
    data = json.loads(found) if found else {}
    text = _normalise_lines(data.get("text") or _baseline_text(tree))
    meta = data if data else _metadata(tree, url)
    return _Content(
        text=text,
        origin="html",
        title=_clean(meta.get("title")),
        published=_iso_date(meta.get("date")) or _htmldate(tree, url),
        author=_clean(meta.get("author")),
        linked_url=original_url_from_links(tree, url),
    )


def _fragment_safe(html: str) -> str:
    """Wrap a bare fragment so that trafilatura's HTML check does not reject it."""
    if re.search(r"<html[\s>]|<body[\s>]", html[:2048], re.IGNORECASE):
        return html
    return f"<html><body><div>{html}</div></body></html>"


def _baseline_text(tree: HtmlElement) -> str:
    """Return the text of a page trafilatura finds no article in (short or broken pages)."""
    import trafilatura

    _, text, _ = trafilatura.baseline(tree)
    return text or trafilatura.html2txt(tree) or ""


def _metadata(tree: HtmlElement, url: str) -> dict[str, str | None]:
    from trafilatura import extract_metadata

    meta = extract_metadata(tree, default_url=url)
    return {"title": meta.title, "author": meta.author, "date": meta.date}


def _htmldate(tree: HtmlElement, url: str) -> date | None:
    from htmldate import find_date

    return _iso_date(find_date(tree, url=url, original_date=True, extensive_search=False))


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
