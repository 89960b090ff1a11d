# look-alike letters are what these tests are about
from __future__ import annotations

import unicodedata

import pytest

from extract.normalize import fold, fold_with_offsets

CASES = [
    ("Phú Yên", "phu yen"),
    ("PHU YEN", "phu yen"),
    ("Đắk Lắk", "dak lak"),
    ("ĐỒNG THÁP", "dong thap"),
    ("Bà Rịa – Vũng Tàu", "ba ria - vung tau"),
    ("Tromsø", "tromso"),
    ("Ærlig", "aerlig"),
    ("Ålesund", "alesund"),
    ("Straße", "strasse"),
    ("Ｈｏ Ｃｈｉ Ｍｉｎｈ", "ho chi minh"),
    ("ﾊﾟﾝ", "パン"),
    ("Фуйен", "фуиен"),
    ("٢٠٢٤", "2024"),
    ("ภูเยน", "ภูเยน"),
    ("富安省", "富安省"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_fold_known_forms(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("أَحْمَد", "احمد"),  # harakat
        ("إبراهيم", "ابراهيم"),  # hamza below alef
        ("مدينة", "مدينه"),  # ta marbuta
        ("مصطفى", "مصطفي"),  # alef maksura
        ("فـــو", "فو"),  # tatweel
        ("مسؤول", "مسوول"),  # hamza on waw
    ],
)
def test_fold_arabic_variants_meet(variant: str, plain: str) -> None:
    assert fold(variant) == fold(plain)


def test_fold_decomposed_equals_composed() -> None:
    composed = "Quảng Ngãi"
    decomposed = unicodedata.normalize("NFD", composed)
    assert fold(decomposed) == fold(composed) == "quang ngai"


def test_fold_keeps_japanese_voicing() -> None:
    assert fold("ガ") != fold("カ")


def test_fold_drops_invisible_characters() -> None:
    assert fold("Ha\u200bNoi\u00ad") == "hanoi"


@pytest.mark.parametrize(
    "text",
    [c for c, _ in CASES]
    + ["ﬁnal café", "x\u0301y", unicodedata.normalize("NFD", "Thừa Thiên Huế"), "ｶﾞｷﾞ", "أَحْمَد"],
)
def test_fold_with_offsets_agrees_with_fold(text: str) -> None:
    assert fold_with_offsets(text).text == fold(text)


def test_original_span_maps_a_match_back() -> None:
    text = "Tỉnh Phú Yên và Đắk Lắk"
    folded = fold_with_offsets(text)
    start = folded.text.index("dak lak")
    s, e = folded.original_span(start, start + len("dak lak"))
    assert text[s:e] == "Đắk Lắk"


def test_original_span_covers_dropped_marks_inside() -> None:
    text = "قال أَحْمَدُ هنا"
    folded = fold_with_offsets(text)
    start = folded.text.index("احمد")
    s, e = folded.original_span(start, start + 4)
    assert text[s:e] == "أَحْمَدُ"


def test_original_span_of_expanded_letter() -> None:
    text = "Gross Straße 1"
    folded = fold_with_offsets(text)
    start = folded.text.index("strasse")
    assert folded.original_span(start, start + 7) == (6, 12)


def test_original_span_rejects_empty_span() -> None:
    with pytest.raises(ValueError, match="bad folded span"):
        fold_with_offsets("abc").original_span(1, 1)
