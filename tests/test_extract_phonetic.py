"""Sound skeletons match a Vietnamese name and its katakana, Hangul or Cyrillic rendering."""

from __future__ import annotations

import pytest

from extract.phonetic import romanise, skeleton


@pytest.mark.parametrize(
    ("vietnamese", "written"),
    [
        ("Ba Đình", "バーディン"),
        ("Hoàn Kiếm", "호안끼엠"),
        ("Đống Đa", "Донгда"),
        ("Cầu Giấy", "カウザイ"),
        ("Thủ Đức", "투득"),
        ("Hạ Long", "Халонг"),
    ],
)
def test_a_name_and_its_rendering_share_a_skeleton(vietnamese: str, written: str) -> None:
    assert skeleton(vietnamese) == skeleton(written)


def test_different_names_differ() -> None:
    assert skeleton("Ba Đình") != skeleton("Hoàn Kiếm")
    assert skeleton("Đống Đa") != skeleton("Hà Đông")


def test_romanise_reads_small_kana_and_hangul_tails() -> None:
    assert romanise("ティン") == "tin"
    assert romanise("박") == "bak"
