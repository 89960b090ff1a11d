"""Related-article blocks of copied page text are masked, headings one after the other too."""

from __future__ import annotations

from extract.boilerplate import mask_boilerplate

PAGE = (
    "Kon Tum ranked 20th in the 2023 PCI.\n\n"
    "Same tag\n\n"
    "Same category\n\n"
    "Gia Lai: a lantern street lights up for the festival\n"
    "Keeping old crafts alive in the highlands\n\n"
    "Same author\n\n"
    "Heritage\n"
)


def test_an_empty_section_heading_does_not_hide_the_next_ones_list() -> None:
    masked = mask_boilerplate(PAGE)
    assert "Kon Tum ranked 20th" in masked
    assert "Gia Lai" not in masked
    assert "Keeping old crafts" not in masked
    assert len(masked) == len(PAGE)


def test_vietnamese_section_headings_start_a_related_list() -> None:
    page = "Bài chính.\n\nCùng chuyên mục\n\nGia Lai khai trương phố đèn lồng\n"
    assert "Gia Lai" not in mask_boilerplate(page)
