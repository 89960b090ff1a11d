"""The passage a search card shows: the best window of the article's body, never its furniture.

A chunk can hold a "Source: https://..." citation, a bare URL or a related-articles block at
the end of the body; as a card's passage they tell a reader nothing. The passage is cut from
the body lines only (the extractor's boilerplate lines, citation lines and URL lines left
out), around the densest run of query terms.
"""

from __future__ import annotations

import re

from extract.boilerplate import boilerplate_spans
from extract.original_url import original_url_from_text
from index.text import highlight_spans

__all__ = ["PASSAGE_CHARS", "best_passage", "body_text"]

PASSAGE_CHARS = 420
_URL_LINE = re.compile(r"^\W*(?:https?://|www\.)\S+\W*$", re.IGNORECASE)
_LINE = re.compile(r"[^\n]+")


def _is_furniture(line: str) -> bool:
    """A line that is a citation ("Source: URL", "Nguồn: URL") or only a URL."""
    return bool(_URL_LINE.match(line.strip())) or original_url_from_text(line) is not None


def body_text(text: str) -> str:
    """Return ``text`` without boilerplate, citation and URL lines (one line per line kept)."""
    masked = boilerplate_spans(text)
    kept = [
        m.group()
        for m in _LINE.finditer(text)
        if m.group().strip()
        and not _is_furniture(m.group())
        and not any(s <= m.start() and m.end() <= e for s, e in masked)
    ]
    return "\n".join(kept)


def _densest_start(spans: list[tuple[int, int]], width: int) -> int:
    """Return the start of the highlight that opens the window holding the most highlights."""
    best, best_count = 0, 0
    for i, (start, _) in enumerate(spans):
        count = sum(1 for s, e in spans[i:] if e <= start + width)
        if count > best_count:
            best, best_count = start, count
    return best


def best_passage(
    text: str, terms: list[str], *, chars: int = PASSAGE_CHARS
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Return the passage of ``text``'s body around the query terms, and their spans in it.

    Args:
        text: a chunk or an article text.
        terms: the query's search terms (highlighted, and where the window goes).
        chars: the passage's length before word-boundary trimming.

    Returns:
        The passage (with "…" where it was cut) and the spans of ``terms`` in it; an empty
        passage when ``text`` has no body line.
    """
    body = body_text(text)
    spans = highlight_spans(body, terms)
    start = 0
    focus = _densest_start(spans, chars * 3 // 4) if spans else 0
    if focus > chars // 3:
        start = max(body.rfind(" ", 0, focus - chars // 4), body.rfind("\n", 0, focus)) + 1
    end = min(len(body), start + chars)
    if end < len(body):
        end = max(body.rfind(" ", start, end), start + chars // 2)
    passage = ("…" if start else "") + body[start:end] + ("…" if end < len(body) else "")
    shift = start - (1 if start else 0)
    inside = tuple((s - shift, e - shift) for s, e in spans if s >= start and e <= end)
    return passage, inside
