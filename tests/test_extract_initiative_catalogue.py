"""The initiative catalogue: well-formed entries, and aliases found in many languages."""

from __future__ import annotations

from typing import get_args

import pytest

from extract.initiative_catalogue import catalogue_matches, initiative_catalogue
from extract.models import InitiativeCategory
from extract.normalize import fold

LANGUAGES = {
    "vi", "en", "zh", "ja", "ko", "fr", "es", "de", "ru", "th",
    "id", "pt", "it", "nb", "ar", "km", "ur", "hi", "lo",
}  # fmt: skip


def test_entries_are_well_formed() -> None:
    entries = initiative_catalogue()
    assert len(entries) >= 35
    assert len({e.id for e in entries}) == len(entries)
    for entry in entries:
        assert entry.category in get_args(InitiativeCategory), entry.id
        assert entry.name, entry.id
        assert entry.description, entry.id
        assert {lang for lang, _ in entry.aliases} <= LANGUAGES, entry.id


def test_national_programmes_have_aliases_in_every_language() -> None:
    for entry in initiative_catalogue():
        if entry.id.endswith("-app"):
            continue
        languages = {lang for lang, names in entry.aliases if names}
        assert len(languages) >= 10, entry.id


def _ids(text: str, language: str) -> list[str]:
    return [m.entry.id for m in catalogue_matches(fold(text), language)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Tỉnh đẩy mạnh triển khai Đề án 06 tại các xã.", "vi", "project-06"),
        ("La province poursuit le projet 06 dans les communes.", "fr", "project-06"),
        ("تواصل المقاطعة تنفيذ المشروع 06 في البلديات.", "ar", "project-06"),
        ("该省全面推行两级地方政府模式。", "zh", "two-tier-local-government"),
        ("จังหวัดเปิดศูนย์ปฏิบัติการอัจฉริยะแห่งใหม่", "th", "intelligent-operation-centre"),
        (
            "Die Provinz führt die zweistufige Kommunalverwaltung ein.",
            "de",
            "two-tier-local-government",
        ),
        (
            "Провинция внедряет двухуровневую модель местной власти.",
            "ru",
            "two-tier-local-government",
        ),
    ],
)
def test_aliases_are_found(text: str, language: str, expected: str) -> None:
    assert _ids(text, language) == [expected]


def test_the_longer_match_wins() -> None:
    text = "The district applies the inter-connected one-stop mechanism to land files."
    assert _ids(text, "en") == ["inter-connected-one-stop"]
