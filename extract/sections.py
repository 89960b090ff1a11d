"""Long documents as sections: bounded windows of text whose findings are merged back.

A 300-page report or a 5 MB text is not given to the extractors whole (spaCy refuses texts
over its ``max_length`` and every step's memory grows with its input). ``split_sections`` cuts
the text into windows of at most ``SECTION_CHARS`` characters at page, paragraph, line or
sentence breaks; each window starts with a little of the text before it (``OVERLAP_CHARS``)
so that a sentence reading "the province" or "this index" still sees what it refers to.

``merge_sections`` puts the findings of every window back together for any dataclass type:
offsets (``span_start``/``span_end``, also inside ``Evidence``) are shifted to index the whole
text, an item that starts in a window's leading context belongs to the window before (which
read it with its own context) and is dropped, and exact duplicates are removed. A text
shorter than one section is a single window, so short documents are extracted exactly as
before.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Any, TypeVar

from extract.models import Evidence

__all__ = [
    "OVERLAP_CHARS",
    "SECTION_CHARS",
    "Section",
    "cited",
    "merge_sections",
    "shifted",
    "split_sections",
]

SECTION_CHARS = 30_000  # larger than nearly every news article: those stay one section
OVERLAP_CHARS = 1_500  # leading context of a section: a few paragraphs of the one before
# Where a section may end, best first: a page or paragraph break, a line, a sentence, a space.
_BREAKS = ("\n\n", "\n", ". ", "。", "? ", "! ", " ")

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Section:
    """A window of a text: ``text[start:end]``, whose findings from ``owned`` on are kept."""

    start: int  # the window's first character, leading context included
    owned: int  # findings that start before this belong to the previous section
    end: int


def _cut(text: str, low: int, high: int) -> int:
    """Return the end of a section: just after the best break in ``text[low:high]``."""
    for mark in _BREAKS:
        found = text.rfind(mark, low, high)
        if found >= 0:
            return found + len(mark)
    return high  # one long run without spaces: cut it


def _context_start(text: str, owned: int, overlap: int) -> int:
    """Return where the context before ``owned`` begins.

    At the first line start (else word start) within ``overlap`` characters before it that
    keeps at least half of them, so context does not begin mid-word.
    """
    low = max(0, owned - overlap)
    for mark in ("\n", " "):
        found = text.find(mark, low, owned - overlap // 2)
        if found >= 0:
            return found + 1
    return low


def split_sections(
    text: str, *, size: int = SECTION_CHARS, overlap: int = OVERLAP_CHARS
) -> tuple[Section, ...]:
    """Cut ``text`` into sections of at most ``size`` characters, context included.

    Args:
        text: The whole text (PDF pages are separated by blank lines, so page breaks are
            paragraph breaks here).
        size: The most characters one section holds.
        overlap: The most characters of leading context a section repeats from the one
            before it; less than half of ``size``.

    Returns:
        Sections in text order whose owned parts ``[owned, end)`` tile the text exactly.
    """
    if overlap * 2 >= size:
        raise ValueError(f"overlap {overlap} must be less than half the section size {size}")
    sections: list[Section] = []
    owned = 0
    while owned < len(text) or not sections:
        start = _context_start(text, owned, overlap) if sections else 0
        limit = start + size
        end = len(text) if limit >= len(text) else _cut(text, owned + (limit - owned) // 2, limit)
        sections.append(Section(start=start, owned=owned, end=end))
        owned = end
    return tuple(sections)


def _rebuilt(value: T, change: Callable[[Any], dict[str, Any]]) -> T:
    """Return ``value`` with ``change(item)`` applied to every dataclass in it, recursively.

    ``value`` may be a frozen dataclass or a tuple; dataclasses inside fields and tuples are
    rebuilt too. ``change`` returns the fields to replace (``{}``: none).
    """
    if isinstance(value, tuple):
        return tuple(_rebuilt(item, change) for item in value)  # type: ignore[return-value]
    if not is_dataclass(value) or isinstance(value, type):
        return value
    changes: dict[str, Any] = {}
    for field in fields(value):
        current = getattr(value, field.name)
        if isinstance(current, tuple) or (is_dataclass(current) and not isinstance(current, type)):
            rebuilt = _rebuilt(current, change)
            if rebuilt != current:
                changes[field.name] = rebuilt
    changes.update(change(value))
    return replace(value, **changes) if changes else value  # type: ignore[type-var]


def shifted(value: T, delta: int) -> T:
    """Return ``value`` with every ``span_start``/``span_end`` in it moved by ``delta``.

    Works on any frozen dataclass (an ``Evidence``, a fact holding one, an entity) and on
    tuples of them, recursively; other values are returned as they are.
    """
    if delta == 0:
        return value

    def move(item: Any) -> dict[str, Any]:
        return {
            name: getattr(item, name) + delta
            for name in ("span_start", "span_end")
            if isinstance(getattr(item, name, None), int)
        }

    return _rebuilt(value, move)


def cited(value: T, pages: Sequence[tuple[int, int, int]]) -> T:
    """Return ``value`` with the page of each ``Evidence`` in it set from the PDF's page spans."""
    if not pages:
        return value
    starts = [start for start, _, _ in pages]

    def cite(item: Any) -> dict[str, Any]:
        if not isinstance(item, Evidence):
            return {}
        index = max(bisect_right(starts, item.span_start) - 1, 0)
        return {"page": pages[index][2]}

    return _rebuilt(value, cite)


def _position(item: object) -> int | None:
    """Return where an item starts in its text, or None for items without offsets."""
    start = getattr(item, "span_start", None)
    if isinstance(start, int):
        return start
    evidence = getattr(item, "evidence", None)
    start = getattr(evidence, "span_start", None)
    return start if isinstance(start, int) else None


def merge_sections(
    parts: Iterable[tuple[Section, dict[str, tuple[Any, ...]]]],
) -> dict[str, tuple[Any, ...]]:
    """Merge what each section found into what the whole text holds.

    Args:
        parts: Per section, its findings by field name (tuples of dataclasses or plain
            values), with offsets into the section's own text ``text[start:end]``.

    Returns:
        Per field, the findings of all sections in text order, offsets indexing the whole
        text, items in a section's leading context dropped and duplicates removed.
    """
    merged: dict[str, dict[Any, None]] = {}
    for section, found in parts:
        for name, items in found.items():
            kept = merged.setdefault(name, {})
            for item in items:
                position = _position(item)
                if position is not None and position + section.start < section.owned:
                    continue  # the previous section read it, with the context before it
                kept.setdefault(shifted(item, section.start), None)
    return {name: tuple(items) for name, items in merged.items()}
