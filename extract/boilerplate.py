"""Site boilerplate inside an article's text: related-article lists and headline banners.

Copied page text often keeps a "Related news" block of other articles' headlines, or a
"TRENDING: … | … | …" banner above the title. Their figures, places and index names belong
to other articles, so the extractors read a masked copy of the text in which these lines
are blanked (same length, so every offset still indexes the original text).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

__all__ = ["boilerplate_spans", "mask_boilerplate"]

_LINE = re.compile(r"[^\n]*(?:\n|$)")
_BULLET = re.compile(r"\s*(?:[-–—•·*▪►»>]|\d{1,2}[.)])\s*")
_SHORT = 160  # a related headline is a line this short, or a bullet item


@cache
def _words() -> tuple[frozenset[str], tuple[str, ...]]:
    path = resources.files("extract") / "lexicons" / "boilerplate.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    related = frozenset(_key(w) for w in data.get("related", ()))
    banners = tuple(w.lower() for w in data.get("banner", ()))
    return related, banners


def _key(line: str) -> str:
    return re.sub(r"\s+", " ", line.strip().strip(":：").strip()).lower()


def _lines(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each line, without its newline."""
    out = []
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        out.append((m.start(), m.end() - (1 if m.group().endswith("\n") else 0)))
    return out


def _is_item(line: str) -> bool:
    """A related headline: a bullet item or a short line."""
    return bool(_BULLET.match(line)) or len(line.strip()) <= _SHORT


def _related_end(text: str, lines: list[tuple[int, int]], i: int) -> int:
    """Return the index after the last line of the related block whose heading is line ``i``."""
    j = i + 1
    while j < len(lines) and not text[lines[j][0] : lines[j][1]].strip():
        j += 1  # blank lines between the heading and its first headline
    related = _words()[0]
    while j < len(lines):
        line = text[lines[j][0] : lines[j][1]]
        if not line.strip() or not _is_item(line) or _key(line) in related:
            break  # a blank line, a paragraph or the next heading ends the block
        j += 1
    return j


def boilerplate_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Return the spans of related-article blocks and headline banners in ``text``."""
    related, banners = _words()
    lines = _lines(text)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        start, end = lines[i]
        line = text[start:end]
        if _key(line) in related:
            stop = _related_end(text, lines, i)
            spans.append((start, lines[stop - 1][1]))
            i = stop
            continue
        lowered = line.strip().lower()
        if any(lowered.startswith(label) for label in banners):
            spans.append((start, end))
        i += 1
    return tuple(spans)


def mask_boilerplate(text: str) -> str:
    """Return ``text`` with boilerplate lines blanked by spaces (newlines are kept)."""
    spans = boilerplate_spans(text)
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for k in range(start, end):
            if chars[k] != "\n":
                chars[k] = " "
    return "".join(chars)
