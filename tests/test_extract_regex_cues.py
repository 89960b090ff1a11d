"""Literal cues of lexicon patterns: a pattern is skipped only when it cannot match."""

from __future__ import annotations

import re

import pytest

from extract.regex_cues import cues, may_match


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("(?:Provincial )?Department of (?:the )?()", {"department of"}),
        ("Information and Communications?", {"information and communication"}),
        ("[Hh]uyện (?P<name>x)", {"uyện"}),
        ("Border Guards?|Grenzschutz", {"border guard", "grenzschutz"}),
        ("()(?:厅|局)", None),
    ],
)
def test_cues(pattern: str, expected: set[str] | None) -> None:
    found = cues(pattern)
    assert found == (frozenset(expected) if expected is not None else None)


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("(?:Provincial )?Customs Department", "the Customs Department"),
        ("Kho bạc Nhà nước(?: tỉnh)?", "Kho bạc Nhà nước tỉnh"),
        ("기획\\s?투자\\s?국", "기획투자국"),
        ("Lao động\\s*[-–,]\\s*Thương binh và Xã hội", "Lao động – Thương binh và Xã hội"),
    ],
)
def test_a_text_the_pattern_matches_passes_the_cues(pattern: str, text: str) -> None:
    assert re.search(pattern, text, re.IGNORECASE)
    assert may_match(cues(pattern), text.lower())
