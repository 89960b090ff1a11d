# look-alike letters are what these tests are about
from __future__ import annotations

from datetime import date

import pytest

from extract.gazetteer import canonical_place, match_places, provinces, successor
from extract.normalize import fold


def canonical_key(name: str) -> str:
    return " ".join(fold(name).replace("-", " ").split())


def test_63_units_in_2024() -> None:
    assert sum(p.valid_on(date(2024, 6, 30)) for p in provinces()) == 63


def test_34_units_after_the_2025_merger() -> None:
    assert sum(p.valid_on(date(2025, 7, 1)) for p in provinces()) == 34


def test_canonical_names_are_unique_ascii() -> None:
    names = [p.name for p in provinces()]
    assert len(names) == len(set(names))
    assert all(n.isascii() for n in names)


def test_every_merged_unit_points_at_a_surviving_unit() -> None:
    current = {p.name for p in provinces() if p.valid_to is None}
    assert all(p.merged_into in current for p in provinces() if p.merged_into)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Phu Yen", "Dak Lak"),
        ("Quang Nam", "Da Nang"),
        ("Binh Duong", "Ho Chi Minh City"),
        ("Ba Ria - Vung Tau", "Ho Chi Minh City"),
        ("Ha Giang", "Tuyen Quang"),
        ("Hoa Binh", "Phu Tho"),
        ("Thua Thien Hue", "Hue"),
        ("Hanoi", "Hanoi"),
    ],
)
def test_successor_after_merger(old: str, new: str) -> None:
    assert successor(old, date(2025, 8, 1)) == new


def test_successor_before_merger_is_the_unit_itself() -> None:
    assert successor("Phú Yên", date(2024, 5, 1)) == "Phu Yen"


@pytest.mark.parametrize(
    "spelling",
    ["Phú Yên", "Phu Yen", "PHU YEN", "فو ين", "Фуйен", "富安", "富安省", "フーイエン", "푸옌"],
)
def test_canonical_place_any_script(spelling: str) -> None:
    assert canonical_place(spelling) == "Phu Yen"


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("HCMC", "Ho Chi Minh City"),
        ("Saigon", "Ho Chi Minh City"),
        ("TP.HCM", "Ho Chi Minh City"),
        ("Hà Nội", "Hanoi"),
        ("Bà Rịa – Vũng Tàu", "Ba Ria - Vung Tau"),
        ("Thừa Thiên Huế", "Thua Thien Hue"),
        ("Daklak", "Dak Lak"),
        ("Viet Nam", "Vietnam"),
        ("Tam Kỳ", "Tam Ky"),
        ("Atlantis", None),
    ],
)
def test_canonical_place_spellings(spelling: str, canonical: str | None) -> None:
    assert canonical_place(spelling) == canonical


def _found(text: str) -> list[tuple[str, str]]:
    return [(m.canonical, m.kind) for m in match_places(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Delegasi dari Provinsi Đắk Lắk tiba.", [("Dak Lak", "province")]),
        ("Møtet i Hải Dương ble holdt.", [("Hai Duong", "province")]),
        ("وصل الوفد إلى مقاطعة فو ين أمس", [("Phu Yen", "province")]),
        ("Делегация посетила Дананг и Ханое.", [("Da Nang", "province"), ("Hanoi", "province")]),
        ("代表团访问了广宁省和岘港市。", [("Quang Ninh", "province"), ("Da Nang", "province")]),
        ("代表団はバクニン省を訪れた。", [("Bac Ninh", "province")]),
        ("대표단은 꽝닌성을 방문했다.", [("Quang Ninh", "province")]),
        ("คณะผู้แทนเดินทางไปดานัง", [("Da Nang", "province")]),
    ],
)
def test_match_places_in_scripts(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


def test_match_span_points_into_original_text() -> None:
    text = "Lãnh đạo tỉnh Bà Rịa - Vũng Tàu họp."
    (match,) = match_places(text)
    assert text[match.start : match.end] == match.text == "Bà Rịa - Vũng Tàu"


def test_district_needs_a_cue_when_it_shares_a_province_name() -> None:
    assert _found("Hoa Binh city lies in Hoa Binh province.") == [
        ("Hoa Binh", "district"),
        ("Hoa Binh", "province"),
    ]


def test_district_takes_the_province_named_in_the_text() -> None:
    matches = match_places("Hoang Mai town of Nghe An province")
    assert next((m.canonical, m.province) for m in matches) == ("Hoang Mai", "Nghe An")


def test_lowercase_words_are_not_places() -> None:
    assert _found("they son la playa, a long and winding road") == []


def test_president_ho_chi_minh_is_not_the_city() -> None:
    assert _found("President Ho Chi Minh wrote that letter.") == []


def test_two_han_characters_need_a_suffix() -> None:
    assert _found("世界和平与发展") == []


def test_longest_name_wins() -> None:
    assert _found("Thua Thien Hue and Hue City") == [
        ("Thua Thien Hue", "province"),
        ("Hue", "province"),
    ]


def test_bare_hue_is_the_province_before_2025() -> None:
    assert _found("Delegates from Hue attended.") == [("Thua Thien Hue", "province")]


def test_url_slug_names_a_province() -> None:
    assert _found("Source: https://example.org/news/reform-in-quang-nam-2024.html") == [
        ("Quang Nam", "province")
    ]


def test_known_two_character_name_needs_no_suffix() -> None:
    assert _found("会议在河内举行") == [("Hanoi", "province")]


def test_every_unit_has_vietnamese_and_ascii_names() -> None:
    assert all(p.name_vi and p.name_ascii.isascii() for p in provinces())


def test_no_spelling_names_two_provinces() -> None:
    owners: dict[str, set[str]] = {}
    for p in provinces():
        for name in (p.name, *p.aliases) if p.match_name else p.aliases:
            owners.setdefault(canonical_key(name), set()).add(p.name)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


@pytest.mark.parametrize("name", [p.name for p in provinces()])
def test_canonical_name_maps_to_itself(name: str) -> None:
    assert canonical_place(name) == name


def test_person_like_district_name_needs_a_district_word() -> None:
    assert _found("The delegation met Le Chan yesterday.") == []
    assert _found("Quận Lê Chân mở rộng đường.") == [("Le Chan", "district")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("다낭은 작년 5위에 머물렀다.", ["Da Nang"]),
        ("다낭에서 열린 회의", ["Da Nang"]),
        ("다낭시는 1위를 기록했다.", ["Da Nang"]),
        ("다낭은행 지점", []),  # a longer word that starts like the name
    ],
)
def test_korean_particles_after_a_two_syllable_name(text: str, found: list[str]) -> None:
    assert [p.canonical for p in match_places(text)] == found
