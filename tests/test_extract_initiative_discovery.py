"""Initiatives outside the catalogue: names introduced by a head word, in several scripts.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from extract.initiative_discovery import discovered_names, is_short_name
from extract.initiatives import find_initiatives


def _named(text: str, language: str) -> list[tuple[str, str | None, str]]:
    return [(i.name, i.catalogue_id, i.category) for i in find_initiatives(text, language)]


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        # Latin: a capitalised name before its head, a head before its name, quoted names
        (
            "The ward rolled out the Green Lantern model in every hamlet.",
            "en",
            "Green Lantern model",
        ),
        (
            "Ha Tinh joined the Clean Desk for All campaign last spring.",
            "en",
            "Clean Desk for All campaign",
        ),
        (
            "Huyện nhân rộng mô hình Chợ không tiền mặt tại các xã.",
            "vi",
            "mô hình Chợ không tiền mặt",
        ),
        (
            "La ville a lancé le projet Quartier ouvert dans trois quartiers.",
            "fr",
            "projet Quartier ouvert",
        ),
        ("Die Gemeinde startete das Projekt „Offenes Rathaus“ im Mai.", "de", "Offenes Rathaus"),
        ("Kommunen innførte modellen «Åpen skranke» i fjor.", "nb", "Åpen skranke"),
        # CJK: a quoted name before its head
        ("该市推出“绿色窗口”计划，方便群众办事。", "zh", "绿色窗口"),
        ("市は「窓口ゼロ」プロジェクトを始めた。", "ja", "窓口ゼロ"),
        ("군은 '열린 민원실' 모델을 도입했다.", "ko", "열린 민원실"),
        # Cyrillic and Arabic: quoted names after their head
        ("Город запустил проект «Открытое окно» для жителей.", "ru", "Открытое окно"),
        ('أطلقت المدينة مبادرة "الشباك المفتوح" لخدمة السكان.', "ar", "الشباك المفتوح"),
    ],
)
def test_named_measures_are_discovered(text: str, language: str, name: str) -> None:
    assert _named(text, language) == [(name, None, _named(text, language)[0][2])]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # committees, meetings, conferences, rates and indices are no initiatives
        ("The Reform Steering Committee programme met on Monday.", "en"),
        ("Delegates attended the Regional Reform Conference programme in May.", "en"),
        ("该省发布满意率调查计划。", "zh"),
        ("Tỉnh tổ chức chương trình Hội nghị tổng kết năm.", "vi"),
        # a lower-case phrase after a head is a topic, not a name
        ("The province will expand the digital services programme next year.", "en"),
        ("La provincia ampliará el programa de apoyo a las empresas.", "es"),
        # a quoted phrase with no head word nearby is a quotation
        ('The chairman said "we must serve people better" at the session.', "en"),
        # a quoted phrase in Japanese is no name just because a date or 日本 holds 日 (day)
        ("5月1日、研修では日本の「昭和の町村合併」の経験を学んだ。", "ja"),
        # a United Nations programme is an organisation
        ("The United Nations Development Programme funded the survey.", "en"),
        # an unquoted CJK phrase before a head is a generic plan, not a name
        ("该省陆续推出重大改革计划。", "zh"),
        # a place alone says whose model it is; a name with no clean end is dropped
        ("Le projet Hanoi a été présenté au ministère.", "fr"),
        ("Tỉnh phát động phong trào Thanh niên tình nguyện hỗ trợ chuyển đổi số tại các xã.", "vi"),
    ],
)
def test_no_initiative_without_a_name(text: str, language: str) -> None:
    assert _named(text, language) == []


def test_the_name_stops_before_the_clause_goes_on() -> None:
    (found,) = discovered_names("mô hình Tổ tự quản điện tử được triển khai ở 12 xã", "vi")
    assert found.name == "mô hình Tổ tự quản điện tử"


def test_a_dash_in_a_name_is_no_word() -> None:
    text = "Xã phát động phong trào “Tháng ba tình nguyện – Giúp dân làm thủ tục số” từ đầu năm."
    assert [i.name for i in find_initiatives(text, "vi")] == [
        "Tháng ba tình nguyện – Giúp dân làm thủ tục số"  # ten words and a dash
    ]
    assert not is_short_name("one two three four five six seven eight nine ten eleven")
    assert is_short_name("数字" * 15)
    assert not is_short_name("数字" * 16)


def test_a_list_of_quoted_names_goes_on_after_its_cue() -> None:
    text = 'Wards run initiatives such as "Green Alley", "Quiet Hours" and "Open Ledger".'
    assert [i.name for i in find_initiatives(text, "en")] == [
        "Green Alley",
        "Quiet Hours",
        "Open Ledger",
    ]
    text = "La ville soutient des initiatives comme « Rue numérique », « Guichet mobile »."
    assert [i.name for i in find_initiatives(text, "fr")] == ["Rue numérique", "Guichet mobile"]
    speech = 'The ward opened the "Clean Desk" model, "we are proud", the chairman said.'
    assert [i.name for i in find_initiatives(speech, "en")] == ["Clean Desk"]


def test_a_possessive_is_the_owner_not_the_name() -> None:
    assert _named("Lao Cai's Programme 135 helps poor communes.", "en") == [
        ("Programme 135", None, "other")
    ]


def test_category_comes_from_the_words_of_the_name() -> None:
    text = "The district launched the Archive Digitisation Drive campaign in its offices."
    assert _named(text, "en") == [("Archive Digitisation Drive campaign", None, "digitisation")]


def test_one_row_per_initiative_with_its_mentions() -> None:
    text = (
        'The commune started the "Open Gate" model in March. '
        "Residents liked the Open Gate model, and the Open Gate model spread to two wards. "
        'Officials praised the "Open Gate" model again in June.'
    )
    (initiative,) = find_initiatives(text, "en")
    assert (initiative.name, initiative.mentions) == ("Open Gate", 4)
    assert initiative.evidence.span_start == 0  # the first sentence is the evidence
    assert text[initiative.evidence.span_start : initiative.evidence.span_end].startswith(
        "The commune"
    )


def test_a_longer_name_holding_a_shorter_one_is_one_initiative() -> None:
    text = (
        'Can Tho launched "Saturday Open Desk Day" this spring. '
        'Every Saturday, under the programme "Open Desk Day", clerks help residents online.'
    )
    found = find_initiatives(text, "en")
    assert [(i.name, i.mentions) for i in found] == [("Saturday Open Desk Day", 2)]


def test_a_catalogue_programme_is_counted_once_per_article() -> None:
    text = "Đề án 06 được triển khai ở mọi xã. Huyện tiếp tục thực hiện Đề án 06 trong năm tới."
    (initiative,) = find_initiatives(text, "vi")
    assert (initiative.catalogue_id, initiative.mentions) == ("project-06", 2)


def test_a_name_beside_a_catalogue_programme_is_discovered_too() -> None:
    text = 'Xã chỉ đạo nhân rộng Đề án 06 và mô hình "Cà phê Thứ Năm" ở các thôn.'
    assert [(name, cid) for name, cid, _ in _named(text, "vi")] == [
        ("Project 06", "project-06"),
        ("Cà phê Thứ Năm", None),
    ]
    # a name that is the programme itself is not a second initiative
    text = 'Huyện triển khai mô hình "Đề án 06" tại các xã.'
    assert [cid for _, cid, _ in _named(text, "vi")] == ["project-06"]


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        ('The city launched "Green Friday" for all its wards.', "en", ["Green Friday"]),
        ('Tỉnh phát động "Tháng Không Giấy" trong toàn ngành.', "vi", ["Tháng Không Giấy"]),
        # a lower-case quotation after the verb is speech, not a name
        ('He said they launched "a better way" of working.', "en", []),
    ],
)
def test_a_quoted_name_launched_or_deployed_is_discovered(
    text: str, language: str, names: list[str]
) -> None:
    assert [name for name, _, _ in _named(text, language)] == names
