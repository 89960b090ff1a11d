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


def test_chinese_rank_with_a_slash_total() -> None:
    text = "2023年嘉莱省的数字化转型指数（DTI）位列全国第12/63名，比2022年上升2位。"
    assert ranks(text, "zh") == [(12, 63, 2)]


def test_norwegian_possessive_city_is_the_subject_just_named() -> None:
    text = (
        "Gia Lai ble nummer 5 på PAR-indeksen for 2023. Byens tilfredshetsindeks SIPAS "
        "for 2023 endte på 81,2 %, over landsgjennomsnittet (80,1 %)."
    )
    result = extract_document(Document(url="t.txt", body=text, language="nb"))
    sipas = [f for f in result.index_facts if f.index_name == "SIPAS"]
    assert [(f.subject, f.score, f.comparison_value) for f in sipas] == [("Gia Lai", 81.2, 80.1)]
