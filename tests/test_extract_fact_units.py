"""Sub-provincial units are subjects of their own: departments, bodies, districts, communes.

Fixtures are written for these tests (no third-party text).
"""

from __future__ import annotations

import pytest

from extract.fact_units import article_province, find_units, load_units
from extract.gazetteer import match_places
from extract.index_facts import find_index_facts


def _facts(text: str, language: str) -> list[tuple[str | None, float | None, int | None]]:
    facts = find_index_facts(text, language, places=match_places(text))
    return [(f.subject, f.score, f.rank) for f in facts]


def _units(text: str, language: str, province: str | None = None) -> list[str]:
    return [
        u.canonical for u in find_units(text, 0, len(text), language, match_places(text), province)
    ]


def test_english_department_ranking_is_not_the_province() -> None:
    text = (
        "Tuyen Quang announces its PAR Index 2023 for departments.\n"
        "In the department group, the Department of Justice came first with 91.20 points, "
        "while the provincial Inspectorate had the lowest score, 80.15 points."
    )
    facts = _facts(text, "en")
    assert ("Department of Justice (Tuyen Quang)", 91.2, 1) in facts
    assert ("Provincial Inspectorate (Tuyen Quang)", 80.15, None) in facts
    assert all(subject != "Tuyen Quang" for subject, _, _ in facts)


def test_vietnamese_department_with_its_province_written_after() -> None:
    text = "Năm 2023, Sở Nội vụ tỉnh Phú Thọ dẫn đầu Chỉ số CCHC với 92,5 điểm."
    assert ("Department of Home Affairs (Phu Tho)", 92.5, 1) in _facts(text, "vi")


def test_vietnamese_district_named_by_its_type_word() -> None:
    text = "Về Chỉ số DDCI 2023, huyện Lạc Thủy đứng thứ 2 với 80,1 điểm."
    assert _units(text, "vi") == ["Lac Thuy district"]
    assert ("Lac Thuy district", 80.1, 2) in _facts(text, "vi")


def test_chinese_departments_and_districts_of_one_province() -> None:
    text = (
        "乂安省公布2023年行政改革指数\n"
        "行政改革指数:司法厅以90.5分排名第一;荣市以89.2分排名第一;演州县以85.3分排名第二。"
    )
    facts = _facts(text, "zh")
    assert ("Department of Justice (Nghe An)", 90.5, 1) in facts
    assert ("Vinh City (Nghe An)", 89.2, 1) in facts
    assert ("Dien Chau district (Nghe An)", 85.3, 2) in facts
    assert all(subject != "Nghe An" for subject, _, _ in facts)


def test_chinese_ministry_spelling_is_a_department_only_inside_one_province() -> None:
    assert _units("财政部以88.1分位居第一", "zh", "Nghe An") == ["Department of Finance (Nghe An)"]
    assert _units("财政部以88.1分位居第一", "zh") == []


def test_spanish_bodies_and_commune() -> None:
    text = (
        "Binh Dinh presentó el índice PAR 2024 de sus unidades.\n"
        "Para el índice SIPAS, el Departamento Provincial de Aduanas lidera el bloque central. "
        "Para el índice DTI, la comuna de Phuoc Son lidera el bloque local."
    )
    facts = _facts(text, "es")
    assert ("Provincial Customs Department (Binh Dinh)", None, 1) in facts
    assert ("Phuoc Son commune (Binh Dinh)", None, 1) in facts


def test_japanese_department_in_machine_translation() -> None:
    assert _units("クアンニン省司法局が首位となった", "ja") == [
        "Department of Justice (Quang Ninh)"
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hanoi city leads the PAR Index", "en"),
        ("thành phố Đà Nẵng dẫn đầu", "vi"),
        ("la ciudad de Ho Chi Minh lidera", "es"),
    ],
)
def test_a_centrally_run_city_stays_the_province(text: str, language: str) -> None:
    assert _units(text, language) == []


def test_a_city_sharing_its_provinces_name_is_the_city() -> None:
    assert _units("Bac Giang city came second with 72.5 points", "en") == [
        "Bac Giang City (Bac Giang)"
    ]


def test_social_insurance_as_an_idea_is_no_unit() -> None:
    assert _units("coverage of social insurance reached 40%", "en") == []


def test_article_province_is_the_title_or_the_only_one_named() -> None:
    places = match_places("Ha Tinh and Nghe An")
    assert article_province(places, None) is None
    assert article_province(places, "Ha Tinh") == "Ha Tinh"
    assert article_province(match_places("Ha Tinh province"), None) == "Ha Tinh"


@pytest.mark.parametrize(
    "language",
    [
        "en",
        "vi",
        "zh",
        "ja",
        "ko",
        "fr",
        "es",
        "de",
        "ru",
        "th",
        "id",
        "pt",
        "it",
        "nb",
        "ar",
        "km",
    ],
)
def test_every_lexicon_language_has_departments(language: str) -> None:
    lexicon = load_units(language)
    assert lexicon.language == language
    names = {body[1] for body in lexicon.bodies}
    assert {"Department of Justice", "Department of Health"} <= names


def test_this_department_is_the_unit_named_before_it() -> None:
    text = (
        "In the PAR Index 2023, the Department of Health of Lao Cai scored 85.1 points "
        "(this department was 9th in 2022)."
    )
    facts = find_index_facts(text, "en", places=match_places(text))
    assert {(f.subject, f.year, f.rank) for f in facts if f.rank} == {
        ("Department of Health (Lao Cai)", 2022, 9)
    }


def test_this_department_without_a_unit_before_it_is_no_subject() -> None:
    assert _units("this department was 9th", "en", "Lao Cai") == []


@pytest.mark.parametrize("text", ["the Old Town came first", "Ancient Town came first"])
def test_words_that_are_not_vietnamese_names_make_no_unit(text: str) -> None:
    assert _units(text, "en") == []


def test_a_unit_wins_over_its_province_in_one_clause() -> None:
    text = "В индексе PAR Index 2023 провинции Хатинь первое место занял Департамент юстиции."
    assert _facts(text, "ru") == [("Department of Justice (Ha Tinh)", None, 1)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ハノイ市の2023年PAR Indexで、ドンダー区が90.2点で1位となった。", "ja"),
        ("하노이시의 2023년 PAR Index에서 동다군이 90.2점으로 1위를 차지했다.", "ko"),
        ("В индексе PAR Index 2023 Ханоя первое место занял район Донгда с 90,2 балла.", "ru"),
    ],
)
def test_a_district_written_by_sound_is_the_provinces_district(text: str, language: str) -> None:
    assert _facts(text, language) == [("Dong Da district (Hanoi)", 90.2, 1)]


def test_names_listed_after_a_district_are_districts_too() -> None:
    text = (
        "Về DDCI 2023 của tỉnh Bắc Giang, huyện Tân Yên đứng đầu với 88,4 điểm, "
        "tiếp theo là Lạng Giang (86,2 điểm) và Yên Dũng (84,9 điểm)."
    )
    assert _facts(text, "vi") == [
        ("Tan Yen district (Bac Giang)", 88.4, 1),
        ("Lang Giang district (Bac Giang)", 86.2, 2),
        ("Yen Dung district (Bac Giang)", 84.9, 3),
    ]


def test_a_person_after_a_district_is_no_district() -> None:
    assert _units("Chủ tịch UBND huyện Tân Yên, Nguyễn Văn Bình phát biểu", "vi") == [
        "Tan Yen district"
    ]


def test_vietnamese_abbreviated_departments() -> None:
    assert _units("Sở KH-CN và Sở LĐTB&XH", "vi") == [
        "Department of Science and Technology",
        "Department of Labour, Invalids and Social Affairs",
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Ha Tinh PAR Index 2023.\n"
            "The Department of Justice ranked first, while the province scored 85.2 points "
            "in the PAR Index.",
            "en",
        ),
        ("Chỉ số CCHC 2023 của Hà Tĩnh: Sở Tư pháp xếp thứ nhất; tỉnh đạt 85,2 điểm.", "vi"),
    ],
)
def test_the_province_after_a_unit_is_the_province(text: str, language: str) -> None:
    assert _facts(text, language) == [
        ("Department of Justice (Ha Tinh)", None, 1),
        ("Ha Tinh", 85.2, None),
    ]


def test_it_after_a_unit_is_the_unit() -> None:
    text = "In the PAR Index 2023, the Department of Justice of Ha Tinh came first; it scored 91.2."
    assert _facts(text, "en") == [("Department of Justice (Ha Tinh)", 91.2, 1)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("베트남 내무부가 발표한 2023년 PAR Index에서 롱안성은 88.1%로 12위를 기록했다.", "ko"),
        ("越南内务部公布的2023年行政改革指数中,隆安省以88.1%排名第12位。", "zh"),
    ],
)
def test_the_national_ministry_is_no_department(text: str, language: str) -> None:
    subjects = {subject for subject, _, _ in _facts(text, language)}
    assert subjects == {"Long An"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hà Tĩnh: kết quả CCHC 2023.\nTheo Sở Nội vụ, Chỉ số CCHC năm 2023 đạt 88,2 điểm.", "vi"),
        (
            "Ha Tinh PAR Index 2023.\n"
            "According to the Department of Home Affairs, the PAR Index score reached 88.2 points.",
            "en",
        ),
    ],
)
def test_a_unit_that_reports_is_no_subject(text: str, language: str) -> None:
    assert _facts(text, language) == [("Ha Tinh", 88.2, None)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Chỉ số CCHC 2023 của TP.HCM: Quận 5 dẫn đầu với 91,4 điểm.", "vi"),
        ("胡志明市2023年行政改革指数中,第五郡以91.4分排名第一。", "zh"),
        ("호찌민시의 2023년 PAR Index에서 5군이 91.4점으로 1위를 차지했다.", "ko"),
    ],
)
def test_numbered_districts_of_ho_chi_minh_city(text: str, language: str) -> None:
    assert _facts(text, language) == [("District 5 (Ho Chi Minh City)", 91.4, 1)]
