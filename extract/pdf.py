"""PDF reports as text with their page numbers kept, read with pypdf.

Pages are joined with a blank line and their spans recorded, so evidence found at an offset of
the text can name its page (``extract.document.page_at``). Nothing is inserted into the text
itself: a "[page 3]" marker would be read as a number by the fact extractors.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from dataclasses import dataclass
from datetime import date

from pypdf import PageObject, PdfReader
from pypdf.errors import FileNotDecryptedError, PyPdfError

from extract.errors import DecodeError, UnsupportedDocument

log = logging.getLogger(__name__)

PAGE_SEPARATOR = "\n\n"
_LINE_ENDS = tuple(".!?:;。")


@dataclass(frozen=True, slots=True)
class PdfText:
    """The text of a PDF and what its metadata says."""

    text: str
    pages: tuple[tuple[int, int, int], ...]  # (start, end, page number from 1) into text
    title: str | None = None
    author: str | None = None
    published: date | None = None


def read_pdf(body: bytes, *, url: str = "") -> PdfText:
    """Extract the text of each page of a PDF and its title, author and creation date.

    Args:
        body: The PDF file's bytes.
        url: Where it came from, for error messages.

    Returns:
        The pages' text joined by blank lines, with one (start, end, page) span per page.

    Raises:
        UnsupportedDocument: The PDF is encrypted with a password.
        DecodeError: The file is not a readable PDF, or no page has a text layer.
    """
    try:
        reader = PdfReader(io.BytesIO(body))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnsupportedDocument(f"encrypted PDF needs a password: {url}")
        page_texts = [_page_text(page) for page in reader.pages]
    except FileNotDecryptedError as exc:
        raise UnsupportedDocument(f"encrypted PDF needs a password: {url}") from exc
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError, RecursionError) as exc:
        raise DecodeError(f"unreadable PDF ({type(exc).__name__}: {exc}): {url}") from exc
    if not any(page_texts):
        raise DecodeError(f"PDF has no text layer (scanned images are not OCRed): {url}")
    text, pages = _join_pages(page_texts)
    title, author, published = _metadata(reader)
    return PdfText(text=text, pages=pages, title=title, author=author, published=published)


def _page_text(page: PageObject) -> str:
    raw = page.extract_text() or ""
    lines = (" ".join(line.split()) for line in unicodedata.normalize("NFC", raw).splitlines())
    return unwrap_lines([line for line in lines if line])


def unwrap_lines(lines: list[str]) -> str:
    """Join lines that a PDF broke only to fit the page width.

    A line is continued by the next when it does not end a sentence or a heading and the next
    starts with a lower-case letter ("... đồng thời đưa" + "trọn bộ thủ tục ..."); a word
    hyphenated across lines is rejoined. Table rows and headings start upper-case or with a
    digit and stay on their own lines, so the sentence splitter sees whole sentences.
    """
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        if previous and line[0].islower() and not previous.endswith(_LINE_ENDS):
            if previous.endswith("-") and previous[-2:-1].isalpha():
                out[-1] = previous[:-1] + line
            else:
                out[-1] = f"{previous} {line}"
        else:
            out.append(line)
    return "\n".join(out)


def _join_pages(page_texts: list[str]) -> tuple[str, tuple[tuple[int, int, int], ...]]:
    spans: list[tuple[int, int, int]] = []
    position = 0
    for number, page_text in enumerate(page_texts, start=1):
        spans.append((position, position + len(page_text), number))
        position += len(page_text) + len(PAGE_SEPARATOR)
    return PAGE_SEPARATOR.join(page_texts), tuple(spans)


def _metadata(reader: PdfReader) -> tuple[str | None, str | None, date | None]:
    """Return title, author and creation date; broken metadata counts as absent."""
    try:
        meta = reader.metadata
        if meta is None:
            return None, None, None
        title = _clean(meta.title)
        author = _clean(meta.author)
        created = meta.creation_date
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        log.debug("PDF metadata unreadable: %s", exc)
        return None, None, None
    return title, author, created.date() if created else None


def _clean(value: object) -> str | None:
    text = " ".join(str(value or "").split())
    return text or None
