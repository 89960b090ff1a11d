"""Percentages on sentences written for these tests."""

from __future__ import annotations

import pytest

from extract.percentages import find_percentages


def values(text: str, language: str) -> list[float]:
    return [p.value for p in find_percentages(text, language)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Online filing reached 64.5% in May.", "en", [64.5]),
        ("Tỷ lệ hồ sơ trực tuyến đạt 87,25%.", "vi", [87.25]),
        ("Die Quote lag bei 12 Prozent.", "de", [12.0]),
        ("La part atteint 45 pour cent.", "fr", [45.0]),
        ("Il tasso è salito al 33,5 per cento.", "it", [33.5]),
        ("Доля выросла на 15 процентов.", "ru", [15.0]),
        ("Tingkat penyelesaian mencapai 91,3 persen.", "id", [91.3]),
        ("Andelen var 72,4 prosent.", "nb", [72.4]),
        ("بلغت النسبة ٩٥٫٥٪ هذا العام", "ar", [95.5]),
        ("처리율은 97.1%였다.", "ko", [97.1]),
        ("办结率为99.2％。", "zh", [99.2]),
        ("约百分之七十五的企业表示满意。", "zh", [75.0]),
        ("อัตราการให้บริการออนไลน์ร้อยละ 80 ในปีนี้", "th", [80.0]),
        ("The 2023 report covered 63 provinces and 1,250 firms.", "en", []),
    ],
)
def test_values(text: str, language: str, expected: list[float]) -> None:
    assert values(text, language) == expected


def test_bracketed_national_average_is_a_comparison() -> None:
    (pct,) = find_percentages("Records were digitised at 95.4% (national average 70.2%).", "en")
    assert (pct.value, pct.comparison_value) == (95.4, 70.2)


def test_year_and_evidence() -> None:
    text = "Intro. In 2023 the on-time rate reached 98.6%, a record."
    (pct,) = find_percentages(text, "en")
    assert pct.year == 2023
    assert text[pct.evidence.span_start : pct.evidence.span_end] == pct.evidence.sentence
    assert "98.6%" in pct.evidence.sentence


def test_measures_is_none_when_the_clause_says_nothing() -> None:
    (pct,) = find_percentages("Growth: 7%.", "en")
    assert pct.measures is None


def test_measures_is_the_clause() -> None:
    (pct,) = find_percentages("The share of online applications reached 56% last year.", "en")
    assert pct.measures is not None
    assert "online applications" in pct.measures
