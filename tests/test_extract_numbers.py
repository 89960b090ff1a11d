from __future__ import annotations

import pytest

from extract.numbers import find_numbers, normalize_digits, parse_number, thai_to_gregorian


@pytest.mark.parametrize(
    ("raw", "language", "expected"),
    [
        ("71,25", "de", 71.25),
        ("10.676", "de", 10676.0),
        ("19.536", "vi", 19536.0),
        ("46,0415", "vi", 46.0415),
        ("11,872", "en", 11872.0),
        ("74.84", "en", 74.84),
        ("45,7047", "ja", 45.7047),  # four digits after the comma: a decimal anywhere
        ("0,7955", "en", 0.7955),
        ("1.234.567", "id", 1234567.0),
        ("1,234.5", "en", 1234.5),
        ("1.234,5", "pt", 1234.5),
        ("3 343", "nb", 3343.0),
        ("12 500", "fr", 12500.0),
        ("٩٩٫٢٣", "ar", 99.23),
        ("៦៨,៣៤", "km", 68.34),
        ("๒๕๖๕", "th", 2565.0),
        ("７０．５", "ja", 70.5),
    ],
)
def test_parse_number(raw: str, language: str, expected: float) -> None:
    assert parse_number(raw, language) == pytest.approx(expected)


def test_parse_number_rejects_malformed() -> None:
    assert parse_number("1,23,4", "en") is None


def test_normalize_digits_keeps_length() -> None:
    text = "ឆ្នាំ ២០២៤ and ٢٠٢٣"
    assert normalize_digits(text) == "ឆ្នាំ 2024 and 2023"
    assert len(normalize_digits(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "language", "words", "expected"),
    [
        ("rate of 98,5 % in June", "nb", (), [(98.5, True)]),
        ("reached 61.4% while 2024 saw", "en", (), [(61.4, True), (2024.0, False)]),
        ("some 52 Prozent der Firmen", "de", ("prozent",), [(52.0, True)]),
        ("al 71,3 per cento degli elettori", "it", ("per cento",), [(71.3, True)]),
        ("на 20 процентов больше", "ru", ("процентов", "процент"), [(20.0, True)]),
        ("نسبة ٨٨٫٢٪ في", "ar", (), [(88.2, True)]),
        ("in 2021 2022 there were", "en", (), [(2021.0, False), (2022.0, False)]),
        ("the 5 percentage points", "en", ("percent",), [(5.0, False)]),
    ],
)
def test_find_numbers(
    text: str, language: str, words: tuple[str, ...], expected: list[tuple[float, bool]]
) -> None:
    found = find_numbers(text, language, percent_words=words)
    assert [(t.value, t.is_percent) for t in found] == expected


def test_find_numbers_offsets_index_the_original_text() -> None:
    text = "ដោយមាន ៦៨,៣៤ ពិន្ទុ"
    (token,) = find_numbers(text, "km")
    assert text[token.start : token.end] == "៦៨,៣៤"


def test_percent_prefix_before_number() -> None:
    (token,) = find_numbers("ร้อยละ 75 ของ", "th", percent_prefixes=("ร้อยละ ",))
    assert token.is_percent


def test_thai_buddhist_year() -> None:
    assert thai_to_gregorian(2565) == 2022
