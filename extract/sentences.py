"""Sentence and clause spans with character offsets, for any script.

Rules, not a model: a sentence ends at a line break, at CJK, Khmer, Urdu, Devanagari and
Burmese full stops, or at ``.``, ``!``, ``?`` followed by white space, except after common
abbreviations ("TP.", "Mr.") and after a short number that is a German-style ordinal
("den 19. Platz").
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

__all__ = ["bracket_start", "clause_spans", "sentence_spans"]

_ABBREVIATIONS = frozenset(
    {
        "tp", "mr", "mrs", "ms", "dr", "st", "no", "vs", "etc", "e.g", "i.e", "inc", "ltd",
        "co", "jr", "sr", "prof", "gen", "col", "lt", "gov", "u.s", "p", "pp", "nr", "bzw",
        "ca", "dt", "mt", "ths", "ts", "pgs", "ông", "bà", "mme", "m", "nº", "tr",
        "พ.ศ", "ค.ศ",
    }
)  # fmt: skip
# A terminator, then the text that must follow for the break to count.
# Khmer ។ ៕, Urdu ۔, Devanagari । ॥ and Burmese ။ end sentences like a full stop.
_BREAK = re.compile(r"\n+|[。！？!?។៕۔।॥။]+[\"'”»)）」』]*|\.+[\"'”»)）」』]*(?=\s)|…(?=\s)")
_CLAUSE_BREAK = re.compile(
    r"[;；:：؛]\s|[;；](?=[^\x00-\x7f])|[,，、،]\s?|\s[-–—]\s"  # "…89.37分;最低的是…", Arabic ، ؛
    r"|(?<=[\u0e00-\u0e7f\u1780-\u17ff])\s+(?=[\u0e00-\u0e7f\u1780-\u17ff])"  # Thai, Khmer
    r"|\s+(?=ขณะที่|ส่วน(?!ใหญ่|แบ่ง)|แต่|ทั้งนี้)"  # Thai "while", "as for", "but" after a number
    r"|(?<=\d)\s+(?=และ[^\d\s])"  # Thai "and" opening a new statement after a figure
)
_WORD_BEFORE = re.compile(r"([^\s(\[\"'“]+)$")


def _is_false_break(text: str, start: int, match: re.Match[str]) -> bool:
    """Tell whether a ``.`` terminator is an abbreviation or a numeric ordinal."""
    if not match.group().startswith("."):
        return False
    word = _WORD_BEFORE.search(text, start, match.start())
    if word is None:
        return False
    token = word.group(1)
    if token.lower().rstrip(".") in _ABBREVIATIONS:
        return True
    if len(token) == 1 and token.isalpha() and token.isupper():
        return True  # an initial: "Nguyen V. A."
    if token.isdigit() and len(token) <= 2 and word.start() == start:
        line_start = text.rfind("\n", 0, word.start()) + 1
        if not text[line_start : word.start()].strip():
            return True  # "1. Quang Ninh: 91.05%": a numbered list item
    return token.isdigit() and len(token) <= 2 and _next_is_lower_or_noun(text, match.end())


def _next_is_lower_or_noun(text: str, pos: int) -> bool:
    """After "19." a lower-case word or a capitalised noun keeps the sentence going."""
    rest = text[pos : pos + 40].lstrip(" \t")
    return bool(rest) and (
        rest[0].islower() or rest.split(" ", 1)[0].rstrip(".,;:") in _ORDINAL_NOUNS
    )


_ORDINAL_NOUNS = frozenset({"Platz", "Rang", "Stelle", "Jahr", "Mai", "Juni", "Juli", "April"})


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


@cache
def _sentence_spans_cached(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BREAK.finditer(text):
        if _is_false_break(text, start, match):
            continue
        end = match.start() if match.group().startswith("\n") else match.end()
        span = _trimmed(text, start, end)
        if span:
            spans.append(span)
        start = match.end()
    span = _trimmed(text, start, len(text))
    if span:
        spans.append(span)
    return tuple(spans)


def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Return ``(start, end)`` offsets of the sentences of ``text``, white space trimmed.

    ``text[start:end]`` is the sentence; spans are in order and do not overlap.
    """
    if len(text) > 200_000:  # do not keep huge texts in the cache
        return _sentence_spans_cached.__wrapped__(text)
    return _sentence_spans_cached(text)


def _bracket_depth(text: str, start: int, at: int) -> int:
    segment = text[start:at]
    return max(0, sum(segment.count(c) for c in "(（[") - sum(segment.count(c) for c in ")）]"))


def clause_spans(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Split ``text[start:end]`` at clause punctuation; offsets index ``text``.

    Commas between digits ("71,25") do not split. A sentence's clauses are asked for by
    several steps, so they are cached per text (not for huge texts).
    """
    if len(text) > 200_000:
        return _clause_spans(text, start, end)
    return _cached_clause_spans(text, start, end)


@lru_cache(maxsize=256)
def _cached_clause_spans(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    return _clause_spans(text, start, end)


def _clause_spans(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    pos = start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        at = match.start()
        if _bracket_depth(text, start, at) > 0:
            continue  # "(national average: 42.60 points)" stays with its bracket
        if (
            match.group()[0] in ",，"
            and 0 < at < len(text) - 1
            and text[at - 1].isdigit()
            and text[at + 1].isdigit()
        ):
            continue
        if match.group().strip() in "-–—" and " " not in text[pos:at].strip():
            continue  # "второе — Дананг", "thứ hai – Hải Phòng": one word and its subject
        span = _trimmed(text, pos, at)
        if span:
            spans.append(span)
        pos = match.end()
    span = _trimmed(text, pos, end)
    if span:
        spans.append(span)
    return tuple(spans)


def bracket_start(text: str, pos: int, floor: int) -> int | None:
    """Return the offset of the open bracket enclosing ``pos`` (searching back to ``floor``)."""
    depth = 0
    for i in range(pos - 1, max(floor, pos - 200) - 1, -1):
        ch = text[i]
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            if depth == 0:
                return i
            depth -= 1
    return None
