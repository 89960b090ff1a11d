"""The document step: raw bytes in, main text with metadata and languages out.

``parse_document`` decodes the body (``extract.decoding``), picks the main text of HTML pages
with trafilatura (``extract.webpage``; dates from its htmldate pass, then htmldate on the URL
and byline), reads PDF reports page by page with pypdf (``extract.pdf``, page spans kept), keeps
plain text as it is, finds the cited original URL and identifies languages per document and per
paragraph. All offsets produced later index ``ParsedDocument.text``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from extract.decoding import decode_body
from extract.errors import DecodeError, UnsupportedDocument
from extract.language import profile_languages
from extract.models import Document
from extract.original_url import original_url_from_text
from extract.pdf import PdfText, read_pdf
from extract.webpage import read_webpage

TextOrigin = Literal["text", "html", "pdf"]

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
_UNKNOWN_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_HTML_SNIFF_RE = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|<title[\s>]|<(?:p|div|article)[\s>]",
    re.IGNORECASE,
)
_HEADING_MAX = 160
# A first line ending like this is a sentence or a photo caption ("... Photo: X |"), not a title.
_SENTENCE_END = tuple(".!?。\uff01\uff1f:;,…|")  # incl. full-width ! and ?


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
    if "%PDF-" in head_text:
        return "pdf"
    kind = media_type(doc)
    if kind == "application/pdf":
        kind = ""  # declared PDF without the PDF signature: an error page? sniff it
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
    if isinstance(doc.body, str):
        raise DecodeError(f"a PDF must be given as bytes, not text: {doc.url}")
    pdf: PdfText = read_pdf(doc.body, url=doc.url)
    return _Content(
        text=pdf.text,
        origin="pdf",
        title=pdf.title or _heading(pdf.text),
        published=pdf.published,
        author=pdf.author,
        pages=pdf.pages,
    )


def _read_html(markup: str, url: str) -> _Content:
    page = read_webpage(markup, url)
    return _Content(
        text=page.text,
        origin="html",
        title=page.title,
        published=page.published,
        author=page.author,
        linked_url=page.linked_url,
    )
