"""Catalogue programmes in text: the English name, one row per programme, no statistics."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.initiatives import find_initiatives
from extract.models import Evidence, Extraction, Initiative
from index.schema import open_db
from index.store import save_extraction
from newsintel.distributed import extraction_from_record, extraction_to_record


def _named(text: str, language: str) -> list[tuple[str | None, str, str]]:
    return [(i.catalogue_id, i.name, i.category) for i in find_initiatives(text, language)]


def test_one_programme_named_twice_is_one_initiative_with_its_first_evidence() -> None:
    text = (
        "Năm nay tỉnh tiếp tục đẩy mạnh Đề án 06 ở tất cả các xã. "
        "Nhờ Đề án 06, người dân không còn phải nộp bản sao giấy tờ."
    )
    found = find_initiatives(text, "vi")
    assert [(i.catalogue_id, i.name) for i in found] == [("project-06", "Project 06")]
    assert found[0].evidence.span_start == 0
    assert "tất cả các xã" in found[0].evidence.sentence


def test_project_06_is_one_programme_in_three_languages() -> None:
    texts = {
        "vi": "Công an tỉnh hướng dẫn người dân các lợi ích của Đề án 06.",
        "en": "The provincial police explained what Project 06 brings to residents.",
        "ar": "شرحت شرطة المقاطعة للسكان فوائد المشروع 06 في حياتهم اليومية.",
    }
    ids = {lang: _named(text, lang) for lang, text in texts.items()}
    assert all(found == [("project-06", "Project 06", "e_government")] for found in ids.values())


def test_chinese_two_tier_model_and_one_stop_centre() -> None:
    text = "自7月1日起,该省正式运行两级地方政府模式,并在公共行政服务中心集中受理各类手续。"
    assert _named(text, "zh") == [
        ("two-tier-local-government", "Two-tier local government model", "apparatus_streamlining"),
        (
            "public-administration-service-centre",
            "Public Administration Service Centre",
            "one_stop_shop",
        ),
    ]


def test_thai_intelligent_operation_centre() -> None:
    text = "จังหวัดได้เปิดใช้ศูนย์ปฏิบัติการอัจฉริยะเพื่อติดตามการจราจรและรับแจ้งปัญหาจากประชาชน"
    assert _named(text, "th") == [
        ("intelligent-operation-centre", "Intelligent Operation Centre (IOC)", "smart_city")
    ]


def test_french_machine_translated_one_stop_shop() -> None:
    text = (
        "Le district applique le mécanisme du guichet unique interconnecté aux dossiers fonciers."
    )
    assert _named(text, "fr") == [
        ("inter-connected-one-stop", "Inter-connected one-stop mechanism", "one_stop_shop")
    ]


def test_statistics_indices_and_meetings_are_not_initiatives() -> None:
    assert find_initiatives("Tỷ lệ hồ sơ trực tuyến toàn trình của tỉnh đạt 64,5%.", "vi") == ()
    assert (
        find_initiatives("The province ranked 12th in the digital transformation index.", "en")
        == ()
    )
    text = "The provincial People's Committee held a conference to review administrative reform."
    assert find_initiatives(text, "en") == ()


def test_a_programme_acted_on_in_a_clause_about_an_index_is_kept() -> None:
    # my own sentences: the programme is the object of "push ahead" / "推进" / "を推進"
    vi = "Tỉnh quyết tâm đẩy mạnh Đề án 06 và xử lý người đứng đầu nếu chỉ số thành phần giảm."
    assert [i for i, _, _ in _named(vi, "vi")] == ["project-06"]
    zh = "该省继续推进06号提案，防止数字化转型指数下降。"
    assert [i for i, _, _ in _named(zh, "zh")] == ["project-06"]
    # ...but a programme that is only what an index scores is not reported
    en = "The one-stop shop component of the PAR index gained two places."
    assert _named(en, "en") == []


def test_catalogue_id_is_stored_and_shipped(tmp_path: Path) -> None:
    initiative = Initiative("Project 06", "e_government", Evidence("Đề án 06.", 0, 9), "project-06")
    extraction = Extraction("https://example.org/a", "vi", "Đề án 06.", initiatives=(initiative,))
    db = open_db(tmp_path / "news.db")
    save_extraction(db, extraction)
    rows = list(db.query("select name, catalogue_id from initiatives"))
    assert rows == [{"name": "Project 06", "catalogue_id": "project-06"}]
    record = json.loads(json.dumps(extraction_to_record(extraction)))
    assert extraction_from_record(record).initiatives == (initiative,)


def test_a_2025_resolution_is_one_programme_in_three_scripts() -> None:
    texts = {
        "vi": "Tỉnh ban hành kế hoạch thực hiện Nghị quyết 68-NQ/TW của Bộ Chính trị.",
        "zh": "该省出台计划落实第68-NQ/TW号决议,支持私营企业发展。",
        "ru": "Провинция утвердила план выполнения резолюции № 68 о развитии частного сектора.",
    }
    expected = [
        (
            "resolution-68-private-economy",
            "Resolution 68-NQ/TW: private economic development",
            "other",
        )
    ]
    assert {lang: _named(text, lang) for lang, text in texts.items()} == dict.fromkeys(
        texts, expected
    )


def test_an_index_acronym_glued_to_kana_still_makes_a_clause_about_the_index() -> None:
    # my own sentences: "PAPIデータ" is about the index; the same name alone is a project
    assert find_initiatives("PAPIデータでは「窓口ゼロ」プロジェクトの評価が上がった。", "ja") == ()
    found = find_initiatives("県は「窓口ゼロ」プロジェクトを始めた。", "ja")
    assert [i.name for i in found] == ["窓口ゼロ"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "La riforma porta i governi locali da tre livelli (provincia, distretto, comune) a due",
            "it",
        ),
        (
            "The country moved from three tiers (province, district, commune) to two this July.",
            "en",
        ),
    ],
)
def test_three_tiers_to_two_is_the_two_tier_model_past_a_bracketed_aside(
    text: str, language: str
) -> None:
    assert [i for i, _, _ in _named(text, language)] == ["two-tier-local-government"]
