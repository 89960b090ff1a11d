from __future__ import annotations

import pytest

from extract.sentences import clause_spans, sentence_spans


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One rose. Two fell.", ["One rose.", "Two fell."]),
        ("Đứng thứ 3.\nTP. Huế dẫn đầu.", ["Đứng thứ 3.", "TP. Huế dẫn đầu."]),
        (
            "Sie belegte den 19. Platz. Danach kam Hue.",
            ["Sie belegte den 19. Platz.", "Danach kam Hue."],
        ),
        ("第一位。第二位。", ["第一位。", "第二位。"]),
        ("Score 71.25 points. Next", ["Score 71.25 points.", "Next"]),
    ],
)
def test_sentence_spans(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_spans_index_the_text() -> None:
    text = "  Lead.  Tail!  "
    assert [text[s:e] for s, e in sentence_spans(text)] == ["Lead.", "Tail!"]


def test_clause_spans_keep_decimal_commas() -> None:
    text = "mit 71,25 Punkten, danach Long An"
    assert [text[s:e] for s, e in clause_spans(text, 0, len(text))] == [
        "mit 71,25 Punkten",
        "danach Long An",
    ]
