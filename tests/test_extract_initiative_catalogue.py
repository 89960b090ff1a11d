"""The initiative catalogue: well-formed entries, and aliases found in many languages."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
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
    assert len(entries) >= 70
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


def test_broader_entries_exist_and_are_not_circular() -> None:
    entries = {e.id: e for e in initiative_catalogue()}
    for entry in entries.values():
        for broader in entry.broader:
            assert broader in entries, (entry.id, broader)
            assert entry.id not in entries[broader].broader, (entry.id, broader)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Bộ phận một cửa tiếp nhận hồ sơ không phụ thuộc vào địa giới hành chính.",
            "vi",
            ["procedures-regardless-of-boundaries"],
        ),
        (
            "Les documents électroniques passent par l'axe national d'interconnexion des documents",
            "fr",
            ["national-document-axis"],
        ),
        # a general entry stays when its refinement is not named
        ("Bộ phận một cửa tiếp nhận hồ sơ của người dân.", "vi", ["one-stop-shop"]),
    ],
)
def test_a_refinement_replaces_the_general_entry(
    text: str, language: str, expected: list[str]
) -> None:
    assert _ids(text, language) == expected


def test_no_alias_names_two_entries() -> None:
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entry in initiative_catalogue():
        for language, names in (("any", entry.any), *entry.aliases):
            for name in names:
                owners[language, fold(name)].add(entry.id)
    assert {key: ids for key, ids in owners.items() if len(ids) > 1} == {}


def test_size_and_languages_are_documented() -> None:
    entries = initiative_catalogue()
    languages = {lang for entry in entries for lang, names in entry.aliases if names}
    assert languages == LANGUAGES
    doc = Path(__file__).parents[1] / "docs" / "readme" / "entities.md"
    assert f"**{len(entries)} entries**" in doc.read_text(encoding="utf-8")


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


# Each kind of alias added with the 2025 programmes, in at least three scripts.
NEW_KINDS = {
    # a decree cited by number
    "decree-178-restructuring-policies": [
        ("vi", "Tỉnh chi trả chế độ cho 120 người nghỉ việc theo Nghị định 178."),
        ("zh", "该省已为120名干部落实第178号议定规定的政策。"),
        ("ar", "صرفت المقاطعة المستحقات وفق المرسوم رقم 178 الخاص بإعادة الهيكلة."),
        ("ru", "Провинция выплатила пособия служащим по постановлению № 178."),
    ],
    # a Party code written inside another script
    "resolution-66-lawmaking": [
        ("th", "จังหวัดเร่งดำเนินการตามมติ 66-NQ/TW ของกรมการเมือง"),
        ("zh", "各地积极落实66-NQ/TW号决议。"),
        ("de", "Die Provinz setzt die Resolution 66-NQ/TW um."),
    ],
    # a platform's long descriptive name, as translations render it
    "national-document-axis": [
        ("en", "Departments exchange papers over the national document interconnection axis."),
        ("th", "ทุกหน่วยงานส่งเอกสารผ่านแกนเชื่อมโยงเอกสารแห่งชาติ"),
        ("ru", "Ведомства обмениваются документами через национальную ось обмена документами."),
        ("ko", "시는 국가 문서 연계축으로 공문을 보낸다."),
    ],
    # a practice named by a phrase, not a title
    "procedures-regardless-of-boundaries": [
        ("vi", "Người dân nộp hồ sơ không phụ thuộc vào địa giới hành chính."),
        ("ja", "住民は行政区域に関係なくどの窓口でも申請できる。"),
        ("ar", "يمكن للمواطنين تقديم الطلبات بغض النظر عن الحدود الإدارية."),
    ],
    # a standard's code, with or without its descriptive name
    "iso-9001-quality-management": [
        ("vi", "Sở duy trì hệ thống quản lý chất lượng theo TCVN ISO 9001:2015."),
        ("zh", "该省各机关维持ISO 9001质量管理体系。"),
        ("ru", "Ведомства поддерживают систему менеджмента качества ISO."),
    ],
    # a numbered model
    "four-layer-security-model": [
        ("vi", "Quận đã vận hành mô hình 4 lớp bảo đảm an toàn thông tin."),
        ("fr", "Le district a adopté le modèle de protection à quatre couches."),
        ("zh", "该区已落实四层保护模式。"),
    ],
}


@pytest.mark.parametrize(
    ("expected", "language", "text"),
    [(entry, lang, text) for entry, cases in NEW_KINDS.items() for lang, text in cases],
)
def test_new_kinds_of_alias_are_found(expected: str, language: str, text: str) -> None:
    assert _ids(text, language) == [expected]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The Government issued Resolution 66/NQ-CP to cut business procedures.", "en"),
        ("Le gouvernement a publié la résolution 66/NQ-CP sur les procédures.", "fr"),
        ("Chính phủ ban hành Nghị quyết 66/NQ-CP về cắt giảm thủ tục.", "vi"),
    ],
)
def test_a_government_resolution_is_not_the_party_one_with_its_number(
    text: str, language: str
) -> None:
    assert _ids(text, language) == ["resolution-66-cp-business-procedures"]


def test_an_older_resolution_with_the_same_number_is_not_matched() -> None:
    # Resolution 68/NQ-CP (2021) supported workers in the pandemic; 68-NQ/TW (2025) is another
    assert _ids("Resolution 68/NQ-CP supported workers hit by the pandemic.", "en") == []
    assert _ids("Nghị quyết 68/NQ-CP hỗ trợ người lao động gặp khó khăn.", "vi") == []
