"""Literal cues of regular expressions: substrings a match cannot do without.

Scanning every sentence with dozens of lexicon patterns is slow; most sentences hold none of
their words. ``cues(pattern)`` returns lower-case literals such that every match of the pattern
contains at least one of them ("(?:Provincial )?Department of {T}" -> {"department of"}), so a
caller can skip the pattern when the lower-cased text holds none. ``None`` means no such cue
could be read and the pattern must always run.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["cues", "lowered_document", "may_match"]

_ESCAPE = re.compile(r"\\[A-Za-z]|\\.")
_QUANTIFIED = re.compile(r"(?:\\.|[^\\])(?:[?*]|\{0,?\d*\})")  # an optional character
_META = re.compile(r"[\\^$.+{}|]")
_GAP = "\x00"  # where a removed token was: literals never run across it


def _top_level(pattern: str) -> tuple[list[str], str]:
    """Split at top-level '|' and blank out groups and character classes."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    in_class = False
    escaped = False
    for ch in pattern:
        if escaped:
            current.append(_GAP if depth or in_class else "\\" + ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
            current.append(_GAP)
        elif ch == "[":
            in_class = True
            current.append(_GAP)
        elif ch == "(":
            depth += 1
            current.append(_GAP)
        elif ch == ")":
            depth -= 1
            current.append(_GAP)
        elif ch == "|" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(_GAP if depth else ch)
    parts.append("".join(current))
    return parts, pattern


def _longest_literal(alternative: str) -> str | None:
    text = _QUANTIFIED.sub(_GAP, alternative)  # "s?" in "Communications?" is not required
    text = _ESCAPE.sub(_GAP, text)
    text = re.sub(r"\{\d*,?\d*\}", _GAP, text)  # "{2,}": the count, not a letter
    text = re.sub(r"\s*[?*]", _GAP, text)  # a group made optional left its quantifier behind
    text = _META.sub(_GAP, text)
    runs = [r.strip() for r in text.split(_GAP)]
    runs = [r for chunk in runs for r in re.split(r"\s{2,}", chunk) if r.strip()]
    if not runs:
        return None
    return max(runs, key=len).strip().lower() or None


def cues(pattern: str) -> frozenset[str] | None:
    """Return literals one of which every match of ``pattern`` contains, or None."""
    alternatives, _ = _top_level(pattern)
    found: set[str] = set()
    for alternative in alternatives:
        literal = _longest_literal(alternative)
        if not literal:
            return None
        found.add(literal)
    return frozenset(found)


def may_match(required: frozenset[str] | None, lowered: str) -> bool:
    """Tell whether a pattern with these cues may match the lower-cased text."""
    return required is None or any(cue in lowered for cue in required)


@lru_cache(maxsize=8)
def lowered_document(document: str) -> str:
    """``document.lower()``, computed once for all the sentences of a document.

    A sentence's lower-cased text is a piece of it, so a cue missing here is missing from
    every sentence (no lexicon holds Greek, whose final sigma depends on context).
    """
    return document.lower()
