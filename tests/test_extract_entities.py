from __future__ import annotations

import json

import pytest

from extract.entities import find_entities, lexicon, lexicon_languages
from extract.models import Entity
from tests.conftest import require_shared


def _labelled(entities: tuple[Entity, ...], label: str) -> list[str]:
    return [e.canonical or e.text for e in entities if e.label == label]


def _person(text: str, language: str) -> Entity:
    people = [e for e in find_entities(text, language) if e.label == "PERSON"]
    assert len(people) == 1, people
    return people[0]


def test_person_with_title_before_the_name() -> None:
    text = "Yesterday Deputy Director of the Department of Finance Trần Thị Hồng Nhung opened it."
    person = _person(text, "en")
    assert person.name_en == "Tran Thi Hong Nhung"
    assert person.title == "Deputy Director of the Department of Finance"


def test_person_with_title_after_the_name() -> None:
    person = _person("Bapak Phạm Văn Khoa, Kepala Dinas Pendidikan, hadir.", "id")
    assert (person.name_en, person.title) == ("Pham Van Khoa", "Kepala Dinas Pendidikan")


def test_title_stops_at_the_verb() -> None:
    person = _person("Vo Minh Chau, Secretary of the City Party Committee, said yes.", "en")
    assert person.title == "Secretary of the City Party Committee"


def test_arabic_person_is_romanised() -> None:
    person = _person("وقال الرفيق فام مينه هونغ إن العمل مستمر", "ar")
    assert person.name_en == "Pham Minh Hung"


def test_place_name_is_not_a_person_without_a_cue() -> None:
    entities = find_entities("Investors praised Thái Bình last year.", "en")
    assert _labelled(entities, "PROVINCE") == ["Thai Binh"]
    assert _labelled(entities, "PERSON") == []


def test_honorific_turns_a_place_name_into_a_person() -> None:
    entities = find_entities("Ms. Thai Binh chaired the meeting.", "en")
    assert _labelled(entities, "PERSON") == ["Thai Binh"]
    assert _labelled(entities, "PROVINCE") == []


def test_place_inside_a_person_name_is_not_a_place() -> None:
    entities = find_entities("Comrade Nguyen Hoa Binh chaired the session.", "en")
    assert _labelled(entities, "PROVINCE") == []


def test_city_name_beats_the_person_it_honours() -> None:
    entities = find_entities("Traffic in Ho Chi Minh City grew.", "en")
    assert _labelled(entities, "PROVINCE") == ["Ho Chi Minh City"]
    assert _labelled(entities, "PERSON") == []


@pytest.mark.parametrize(
    ("text", "language", "org"),
    [
        ("Its District People's Committee approved it.", "en", "District People's Committee"),
        ("A letter from our Ministry of Justice came.", "en", "Ministry of Justice"),
        ("Sở Nội vụ tỉnh đã báo cáo.", "vi", "Sở Nội vụ tỉnh"),
        ("Laporan Departemen Dalam Negeri sudah terbit.", "id", "Departemen Dalam Negeri"),
        ("Brevet fra innenriksdepartementet kom i går.", "nb", "innenriksdepartementet"),
        ("أصدرت اللجنة الشعبية الإقليمية قرارا", "ar", "اللجنة الشعبية الإقليمية"),
        ("报告由越南国家银行发布。", "zh", "越南国家银行"),
    ],
)
def test_organisations_by_language(text: str, language: str, org: str) -> None:
    assert org in _labelled(find_entities(text, language), "ORG")


def test_organisation_list_is_split_at_a_second_head() -> None:
    text = "Departemen Keuangan dan Departemen Kesehatan bekerja sama."
    assert _labelled(find_entities(text, "id"), "ORG") == [
        "Departemen Keuangan",
        "Departemen Kesehatan",
    ]


def test_provinces_and_districts() -> None:
    text = "Huyện Đô Lương (Nghệ An) và thị xã Sông Cầu, tỉnh Phú Yên."
    entities = find_entities(text, "vi")
    assert _labelled(entities, "DISTRICT") == ["Do Luong", "Song Cau"]
    assert _labelled(entities, "PROVINCE") == ["Nghe An", "Phu Yen"]


def test_spans_index_the_text() -> None:
    text = "Lãnh đạo tỉnh Đắk Lắk và ông Lê Văn Tám."
    for e in find_entities(text, "vi"):
        assert text[e.span_start : e.span_end] == e.text


def test_unknown_language_falls_back_to_english() -> None:
    assert lexicon("xx").language == "en"


def test_a_lexicon_per_language() -> None:
    assert {"vi", "en", "id", "nb", "ar", "zh", "ja", "ko", "ru"} <= set(lexicon_languages())


def test_dev_gold_provinces_f1_bar() -> None:
    gold_dir = require_shared("dev-gold")
    tp = npred = ngold = 0
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (gold_dir.parent / "seeds" / gold["file"]).read_text(encoding="utf-8")
        found = set(_labelled(find_entities(text, gold["language"]), "PROVINCE"))
        expected = set(gold["provinces"])
        tp, npred, ngold = tp + len(found & expected), npred + len(found), ngold + len(expected)
    assert 2 * tp / (npred + ngold) >= 0.95


def test_vietnamese_name_in_chinese_characters() -> None:
    person = _person("越南工商会主席陈文明在会上发言。", "zh")
    assert (person.text, person.name_en) == ("陈文明", "Tran Van Minh")


def test_foreign_official_named_before_a_title() -> None:
    person = _person("Выступает Анна Петрова, постоянный представитель фонда.", "ru")
    assert person.name_en == "Anna Petrova"
    assert person.title == "постоянный представитель фонда"


def test_organisation_is_not_a_foreign_name() -> None:
    entities = find_entities("A District People's Committee, Chairman Ha said.", "en")
    assert _labelled(entities, "PERSON") == []


def _orgs(text: str, language: str) -> list[str]:
    return [e.text for e in find_entities(text, language) if e.label == "ORG"]


@pytest.mark.parametrize(
    ("text", "language", "org"),
    [
        ("The Ha Tinh Department of Justice opened a desk.", "en", "Ha Tinh Department of Justice"),
        ("Giám đốc Sở Tư pháp Hà Tĩnh đã ký.", "vi", "Sở Tư pháp Hà Tĩnh"),
        ("Abrió el Departamento de Salud de Ha Tinh.", "es", "Departamento de Salud de Ha Tinh"),
        ("河静省司法厅今天发布通知。", "zh", "河静省司法厅"),
        ("하띤성 법무국은 발표했다.", "ko", "하띤성 법무국"),
        ("Глава департамента финансов Хатинь", "ru", "департамента финансов Хатинь"),
    ],
)
def test_organisation_takes_its_province(text: str, language: str, org: str) -> None:
    assert _orgs(text, language) == [org]


@pytest.mark.parametrize(
    ("text", "language", "org"),
    [
        ("越南司法部发布了新规定。", "zh", "越南司法部"),
        ("베트남 법무부는 밝혔다.", "ko", "베트남 법무부"),
        ("أعلنت وزارة العدل الفيتنامية القرار", "ar", "وزارة العدل الفيتنامية"),
    ],
)
def test_ministry_keeps_its_country(text: str, language: str, org: str) -> None:
    assert _orgs(text, language) == [org]


def test_two_ministries_joined_by_and_the_are_two() -> None:
    text = "It was signed by the Ministry of Health and the Ministry of Construction."
    assert _orgs(text, "en") == ["Ministry of Health", "Ministry of Construction"]


def test_later_variant_of_a_body_takes_the_first_name() -> None:
    text = "Komite Rakyat Provinsi Ha Tinh rapat. Lalu Komite Rakyat Provinsi setuju."
    names = _labelled(find_entities(text, "id"), "ORG")
    assert names == ["Komite Rakyat Provinsi Ha Tinh", "Komite Rakyat Provinsi Ha Tinh"]


def test_district_and_provincial_committees_stay_apart() -> None:
    text = "Komite Rakyat Distrik dan Komite Rakyat Provinsi bertemu."
    assert _labelled(find_entities(text, "id"), "ORG") == [
        "Komite Rakyat Distrik",
        "Komite Rakyat Provinsi",
    ]


def test_vietnamese_name_in_cyrillic_after_a_title() -> None:
    person = _person("Заявил директор департамента финансов Чан Ван Куанг вчера.", "ru")
    assert (person.text, person.name_en) == ("Чан Ван Куанг", "Tran Van Quang")
    assert person.title == "директор департамента финансов"


def test_cyrillic_words_without_a_title_are_no_person() -> None:
    assert _labelled(find_entities("До Ханоя Во Вьетнаме далеко.", "ru"), "PERSON") == []


@pytest.mark.parametrize(
    "text",
    [
        "Lastebilene venter ved Tan Thanh, der papirene sjekkes.",
        "Vi besøkte Do Luong-distriktets kontor i går.",
        "Crowds filled Hang Ma street for the festival.",
    ],
)
def test_names_used_as_places_are_no_person(text: str) -> None:
    assert _labelled(find_entities(text, "nb"), "PERSON") == []


def test_four_character_name_in_chinese_characters() -> None:
    person = _person("河静省财政厅厅长黄氏秋河表示，将继续改革。", "zh")
    assert person.name_en == "Hoang Thi Thu Ha"


@pytest.mark.parametrize(
    ("text", "name_en", "title"),
    [
        ("팜민득 하띤성 재무국장은 말했다.", "Pham Minh Duc", "하띤성 재무국장"),
        ("성 인민위원회 위원장 쩐 반 롱은 강조했다.", "Tran Van Long", "성 인민위원회 위원장"),
    ],
)
def test_vietnamese_name_in_hangul_next_to_a_title(text: str, name_en: str, title: str) -> None:
    person = _person(text, "ko")
    assert (person.name_en, person.title) == (name_en, title)


def test_hangul_syllables_without_a_title_are_no_person() -> None:
    assert _labelled(find_entities("하이퐁시는 레반 거리에서 행사를 열었다.", "ko"), "PERSON") == []


def test_foreign_name_with_latin_spelling_in_brackets() -> None:
    person = _person("英国驻越南大使约翰•史密斯(John Smith)出席了会议。", "zh")
    assert (person.name_en, person.title) == ("John Smith", "英国驻越南大使")


def test_undp_in_vietnamese_is_one_body() -> None:
    text = "Chương trình Phát triển Liên Hợp Quốc tại Việt Nam công bố báo cáo."
    assert _orgs(text, "vi") == ["Chương trình Phát triển Liên Hợp Quốc tại Việt Nam"]
