"""A rank total followed by a unit word ("38/63 tỉnh") is the whole number, never a prefix."""

from __future__ import annotations

import pytest

from extract.api import extract_document
from extract.models import Document


def ranks(text: str, language: str) -> list[tuple[int | None, int | None, int | None]]:
    result = extract_document(Document(url="t.txt", body=text, language=language))
    return [(f.rank, f.rank_total, f.rank_change) for f in result.index_facts]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Năm 2024, Chỉ số PAR Index của tỉnh Gia Lai đạt 84,1%, xếp hạng 41/63 tỉnh, "
            "thành phố, tăng 3 bậc.",
            [(41, 63, 3)],
        ),
        ("Năm 2024, Chỉ số PAR Index của tỉnh Gia Lai xếp hạng 41/63.", [(41, 63, None)]),
        (
            "Năm 2024, Chỉ số PAR Index của tỉnh Gia Lai đạt 84,1%, tăng 13 bậc so với năm trước.",
            [(None, None, 13)],
        ),
    ],
)
def test_vietnamese_rank_totals_are_not_cut(
    text: str, expected: list[tuple[int | None, int | None, int | None]]
) -> None:
    assert ranks(text, "vi") == expected
