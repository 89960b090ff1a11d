"""Index-fact phrasings through the whole extractor, on sentences written for these tests."""

from __future__ import annotations

import pytest

from extract.api import extract_document
from extract.boilerplate import boilerplate_spans, mask_boilerplate
from extract.models import Document, Extraction


def extract(text: str, language: str) -> Extraction:
    return extract_document(Document(url="t.txt", body=text.encode(), language=language))


def rows(text: str, language: str) -> set[tuple[object, ...]]:
    return {
        (f.index_name, f.subject, f.year, f.score, f.rank, f.rank_total)
        for f in extract(text, language).index_facts
    }


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Lam Dong's PAR Index for 2022 was 84.10%, placing the province 27/63 nationwide.",
            "en",
            {("PAR_INDEX", "Lam Dong", 2022, 84.1, 27, 63)},
        ),
        (
            "In the 2021 PCI Kon Tum scored 63.2 points, which put it 50/63.",
            "en",
            {("PCI", "Kon Tum", 2021, 63.2, 50, 63)},
        ),
        (
            "I 2022 ble Kon Tum nummer 7 av 12 enheter i PAR-indeks for regionen.",
            "nb",
            {("PAR_INDEX", "Kon Tum", 2022, None, 7, 12)},
        ),
    ],
)
def test_rank_over_total(text: str, language: str, expected: set[tuple[object, ...]]) -> None:
    assert rows(text, language) == expected


def test_one_rank_for_both_years() -> None:
    text = "On the PAR Index, Ca Mau was 5th in 2020 and 3rd in both 2021 and 2022."
    assert rows(text, "en") == {
        ("PAR_INDEX", "Ca Mau", 2020, None, 5, None),
        ("PAR_INDEX", "Ca Mau", 2021, None, 3, None),
        ("PAR_INDEX", "Ca Mau", 2022, None, 3, None),
    }


def test_years_alternating_with_ranks_pair_in_order() -> None:
    text = (
        "ดัชนี PAPI ประจำปี 2565 จังหวัดกอนตุมอยู่อันดับที่ 20 ทั้งนี้ ในปี 2563 "
        "กอนตุมอยู่อันดับที่ 41 และในปี 2564 อยู่อันดับที่ 33"
    )
    years = {(f.rank, f.year) for f in extract(text, "th").index_facts}
    assert years == {(20, 2022), (41, 2020), (33, 2021)}


def test_thai_era_before_a_year_marks_a_date() -> None:
    text = "ดัชนี PAPI ประจำปี 2564 ซึ่งเผยแพร่เมื่อเดือนเมษายน พ.ศ. 2565 ระบุว่าจังหวัดกอนตุมอยู่อันดับที่ 20"
    assert {(f.rank, f.year) for f in extract(text, "th").index_facts} == {(20, 2021)}


def test_an_average_never_takes_a_rank() -> None:
    text = (
        "ดัชนี DTI ประจำปี 2566 ของจังหวัดกอนตุมอยู่ที่ 0.5100 คะแนน ต่ำกว่าค่าเฉลี่ยทั่วประเทศ "
        "(0.5412) และอยู่อันดับที่ 40"
    )
    subjects = {(f.subject, f.rank) for f in extract(text, "th").index_facts}
    assert ("Kon Tum", 40) in subjects
    assert all(rank is None for subject, rank in subjects if subject == "Vietnam")


def test_country_is_the_subject_of_an_international_ranking() -> None:
    text = "Vietnam belegte im EGDI 2022 Platz 86 von 193 Staaten."
    assert ("OTHER", "Vietnam", 2022, None, 86, 193) in rows(text, "de")


def test_country_is_not_a_subject_of_a_provincial_ranking() -> None:
    text = "Im PCI 2022 lag Vietnam vorn; Kon Tum belegte Platz 50."
    assert {r[1] for r in rows(text, "de")} == {"Kon Tum"}


AVERAGES = [
    ("The average score of ministries in the 2023 PAR Index was 85.20%.", "en", 85.2),
    ("In the 2023 PAR Index the average for the 63 provinces was 84.00%.", "en", 84.0),
    ("Im PCI 2023 lag der Durchschnitt aller Provinzen bei 64,2 Punkten.", "de", 64.2),
    ("وبلغ متوسط نقاط المقاطعات في مؤشر PCI لعام 2022 نحو 63.10 نقطة.", "ar", 63.1),
]
GROUPS = ["ministries and branches", "localities", "localities", "localities"]


@pytest.mark.parametrize(
    ("text", "language", "score", "subject"),
    [(*case, group) for case, group in zip(AVERAGES, GROUPS, strict=True)],
)
def test_group_averages(text: str, language: str, score: float, subject: str) -> None:
    assert (subject, score) in {(f.subject, f.score) for f in extract(text, language).index_facts}


def test_median_in_brackets_is_a_comparison() -> None:
    text = "Kon Tum fikk 62,10 poeng i PCI 2022 (landsmedian 64,00 poeng) og ble nummer 50."
    facts = extract(text, "nb").index_facts
    assert [(f.subject, f.score, f.comparison_value) for f in facts] == [("Kon Tum", 62.1, 64.0)]


def test_german_past_tense_lead() -> None:
    text = "Im DTI 2022 führte Quang Ninh die Provinzen an, gefolgt von Lam Dong."
    assert {(r[1], r[4]) for r in rows(text, "de")} == {("Quang Ninh", 1), ("Lam Dong", 2)}


def test_one_stop_shop_in_katakana_is_not_the_top() -> None:
    text = "コントゥム省の2022年PCIは62.5ポイント。同省はワンストップ窓口を設けている。"
    assert {r[4] for r in rows(text, "ja")} == {None}


def test_thai_percent_word_before_a_number_is_not_an_index_score() -> None:
    text = "ดัชนี DTI ของจังหวัดกอนตุมอยู่ที่ 0.5100 คะแนน\nเอกสารร้อยละ 62.5 ลงนามด้วยลายมือชื่อดิจิทัล"
    assert {r[3] for r in rows(text, "th")} == {0.51}


RELATED = (
    "Kon Tum đạt 84,20% trong Chỉ số SIPAS 2023.\n\n"
    "TIN LIÊN QUAN\n"
    "• Lâm Đồng giữ ngôi nhất vùng trong chuyển đổi số\n"
    "• Giá lúa tăng 1,5%\n"
)


def test_related_headlines_are_boilerplate() -> None:
    spans = boilerplate_spans(RELATED)
    assert [RELATED[s:e].splitlines()[-1] for s, e in spans] == ["• Giá lúa tăng 1,5%"]


def test_masking_keeps_offsets() -> None:
    masked = mask_boilerplate(RELATED)
    assert len(masked) == len(RELATED)
    assert masked.startswith("Kon Tum đạt 84,20%")
    assert "Lâm Đồng" not in masked


def test_related_headlines_give_no_facts_places_or_percentages() -> None:
    result = extract(RELATED, "vi")
    assert {f.subject for f in result.index_facts} == {"Kon Tum"}
    assert {p.value for p in result.percentages} == {84.2}


def test_headline_banner_is_boilerplate() -> None:
    text = "TRENDING: Rice up 2.5% | Storm warning\n\nKon Tum scored 84.20% in the 2023 SIPAS."
    assert {p.value for p in extract(text, "en").percentages} == {84.2}


def ranks(text: str, language: str) -> set[tuple[object, ...]]:
    return {(f.subject, f.year, f.rank) for f in extract(text, language).index_facts}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "في مؤشر PCI جاءت كون توم في المرتبة الخامسة في عام 2020 والرابعة في عام 2021.",
            "ar",
            {("Kon Tum", 2020, 5), ("Kon Tum", 2021, 4)},
        ),
        (
            "Nel PCI Kon Tum era ottava nel 2020 e quinta nel 2021.",
            "it",
            {("Kon Tum", 2020, 8), ("Kon Tum", 2021, 5)},
        ),
    ],
)
def test_ordinal_words_continue_after_a_year(text: str, language: str, expected: set) -> None:
    assert ranks(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("2022年PCI排名：林同省第一，嘉莱省第二，昆嵩省第三。", "zh", {1, 2, 3}),
        ("2022년 PCI에서 럼동성이 1위, 잘라이성이 두 번째, 꼰뚬성이 세 번째였다.", "ko", {1, 2, 3}),
        ("В PCI 2022 Контум опустился на седьмое место.", "ru", {7}),
        ("Kon Tum, sexta en el PCI 2022, mejoró sus trámites.", "es", {6}),
        ("Dans le PCI, la province de Kon Tum, cinquième en 2022, gagne deux places.", "fr", {5}),
        ("Nel PCI 2022 Kon Tum ha ottenuto il settimo posto su 63.", "it", {7}),
        ("Kon Tum quinta nell'indice PCI 2022.", "it", {5}),
    ],
)
def test_more_ordinal_phrasings(text: str, language: str, expected: set[int]) -> None:
    assert {f.rank for f in extract(text, language).index_facts} == expected


def test_russian_place_word_is_not_a_move() -> None:
    facts = extract("В PCI 2022 Контум опустился на седьмое место.", "ru").index_facts
    assert [f.rank_change for f in facts] == [None]


def test_french_gains_places_in_present_tense() -> None:
    text = "Dans le PCI 2022, Kon Tum est 12e et gagne trois places."
    assert [f.rank_change for f in extract(text, "fr").index_facts] == [3]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("PCI 2024: Lâm Đồng xếp thứ hai sau 5 năm liên tiếp dẫn đầu", "vi"),
        ("PCI 2024: Lam Dong came second after four years at the top", "en"),
    ],
)
def test_a_past_lead_is_not_a_first_place(text: str, language: str) -> None:
    assert {f.rank for f in extract(text, language).index_facts} == {2}


def test_japanese_top_ten_membership_is_no_rank() -> None:
    text = "2023年のPCIでザライ省は8位となり、初めて上位10位以内に入った。"
    assert {f.rank for f in extract(text, "ja").index_facts} == {8}


def test_japanese_list_of_the_top_starts_at_first() -> None:
    text = (
        "ザライ省は2022年のPCIで4位だった。\n2022年の上位は、ラムドン省、コントゥム省の順だった。"
    )
    assert ranks(text, "ja") == {("Gia Lai", 2022, 4), ("Lam Dong", 2022, 1), ("Kon Tum", 2022, 2)}


def test_city_word_before_a_name_is_not_a_second_subject() -> None:
    text = "Kon Tum encabezó el PCI 2022, seguido de la ciudad de Lam Dong y de Gia Lai."
    assert ranks(text, "es") == {("Kon Tum", 2022, 1), ("Lam Dong", 2022, 2), ("Gia Lai", 2022, 3)}


def test_chinese_hundred_percent_is_not_an_index_score() -> None:
    text = "昆嵩省2023年数字化转型指数（DTI）得分0.5100分。\n该省计划实现百分之百的公文电子化。"
    assert {f.score for f in extract(text, "zh").index_facts} == {0.51}


def changes(text: str, language: str) -> set[tuple[object, ...]]:
    return {(f.subject, f.year, f.rank, f.rank_change) for f in extract(text, language).index_facts}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "ดัชนี PCI ปี 2564 จังหวัดลองอานได้ 66.20 คะแนน อยู่อันดับที่สิบสี่ ขยับขึ้นมา 3 อันดับ",
            "th",
            {("Long An", 2021, 14, 3)},
        ),
        (
            "ดัชนี PAPI ปี 2565 จังหวัดเบ๊นแจเป็นที่หนึ่ง",
            "th",
            {("Ben Tre", 2022, 1, None)},
        ),
        (
            "2022년 지방경쟁력지수(PCI)에서 롱안성은 전국 11위로 세 계단 올랐다.",
            "ko",
            {("Long An", 2022, 11, 3)},
        ),
        (
            "2022년 행정개혁지수에서 빈롱성은 전년보다 4계단 껑충 뛰어 20위를 기록했다.",
            "ko",
            {("Vinh Long", 2022, 20, 4)},
        ),
        (
            "Chỉ số PAPI năm 2021, Bến Tre xếp thứ 9, tụt một bậc.",
            "vi",
            {("Ben Tre", 2021, 9, -1)},
        ),
        (
            "В PCI за 2021 год Лонган занял 12-е место из 63, поднявшись на две позиции.",
            "ru",
            {("Long An", 2021, 12, 2)},
        ),
        (
            "2021年满意度指数（SIPAS）中，隆安省排名第九位，较上年下降三位。",
            "zh",
            {("Long An", 2021, 9, -3)},
        ),
    ],
)
def test_rank_changes_in_words_and_comparative_last_year(
    text: str, language: str, expected: set[tuple[object, ...]]
) -> None:
    assert changes(text, language) == expected


def test_markdown_rule_under_the_header_keeps_the_rank_column() -> None:
    text = (
        "PCI 2021 của các tỉnh:\n\n| Hạng | Tỉnh | Điểm |\n|---|---|---|\n"
        "| 1 | Long An | 70,50 |\n| 2 | Bến Tre | 69,10 |\n"
    )
    assert {(s, r) for s, _, r, _ in changes(text, "vi")} == {("Long An", 1), ("Ben Tre", 2)}


def test_a_look_back_does_not_set_the_year_of_later_sentences() -> None:
    text = (
        "Chỉ số PAPI năm 2021: Bến Tre đạt 45,10 điểm, xếp thứ 3. "
        "Năm 2019, Bến Tre chỉ xếp thứ 20. Long An đứng cuối với 38,20 điểm."
    )
    years = {f.subject: f.year for f in extract(text, "vi").index_facts if f.rank != 20}
    assert years == {"Ben Tre": 2021, "Long An": 2021}


def test_a_ministry_cited_as_the_source_is_no_subject() -> None:
    text = (
        "Theo Quyết định số 15/QĐ-BNV của Bộ Nội vụ, Chỉ số CCHC năm 2021 của tỉnh Long An "
        "đạt 84,12%, đứng vị trí 30/63."
    )
    assert rows(text, "vi") == {("PAR_INDEX", "Long An", 2021, 84.12, 30, 63)}


def test_top_n_list_in_order_starts_at_first() -> None:
    text = "Về PAPI 2021, ba tỉnh có điểm cao nhất lần lượt là Bến Tre, Long An và Vĩnh Long."
    assert {(s, r) for s, _, r, _ in changes(text, "vi")} == {
        ("Ben Tre", 1),
        ("Long An", 2),
        ("Vinh Long", 3),
    }


def test_short_average_sentence_after_scores_is_the_index_average() -> None:
    text = "2021년 행정개혁지수에서 롱안성은 84.50%로 10위였다. 전국 평균은 82.10%였다."
    scores = {f.subject: f.score for f in extract(text, "ko").index_facts}
    assert scores == {"Long An": 84.5, "Vietnam": 82.1}


def test_russian_ordinal_dash_names_the_next_place() -> None:
    text = "В PCI за 2021 год первое место занял Лонган, второе — Бенче, третье — Виньлонг."
    assert {(s, r) for s, _, r, _ in changes(text, "ru")} == {
        ("Long An", 1),
        ("Ben Tre", 2),
        ("Vinh Long", 3),
    }


def test_restated_rank_adds_its_change() -> None:
    text = (
        "| Hạng | Tỉnh |\n|---|---|\n| 4 | Long An |\n\n"
        "Theo DTI 2021, Long An đứng thứ 4.\nLong An tăng hai bậc, đứng thứ 4."
    )
    assert changes(text, "vi") == {("Long An", 2021, 4, 2)}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Về PCI 2021, Long An về nhì, Bến Tre về thứ ba.",
            "vi",
            {("Long An", 2), ("Ben Tre", 3)},
        ),
        (
            "PAPI 2021: Long An dẫn đầu; Bến Tre và Vĩnh Long lần lượt ở vị trí thứ hai và thứ ba.",
            "vi",
            {("Long An", 1), ("Ben Tre", 2), ("Vinh Long", 3)},
        ),
        (
            "2021年满意度指数中，隆安省位居榜首，槟椥省和永隆省分列第二和第三。",
            "zh",
            {("Long An", 1), ("Ben Tre", 2), ("Vinh Long", 3)},
        ),
        (
            "ดัชนี PCI ปี 2564 ลองอานครองที่ 1 ตามมาด้วยเบ๊นแจ",
            "th",
            {("Long An", 1), ("Ben Tre", 2)},
        ),
    ],
)
def test_second_and_third_in_words(
    text: str, language: str, expected: set[tuple[object, ...]]
) -> None:
    assert {(s, r) for s, _, r, _ in changes(text, language)} == expected


def test_province_after_a_ministry_that_evaluates_is_the_subject() -> None:
    text = (
        "Chỉ số DTI năm 2021 của Long An đạt 0,51 điểm. "
        "Năm 2020, khi Bộ Thông tin và Truyền thông lần đầu đánh giá DTI, tỉnh chỉ đứng thứ 30."
    )
    assert ("Long An", 2020, 30, None) in changes(text, "vi")


def test_thai_and_after_a_figure_starts_a_new_statement() -> None:
    text = "ดัชนี PAR Index ปี 2564 ลองอานอยู่อันดับที่ 9 ด้วยร้อยละ 85.10 และค่าเฉลี่ยทั่วประเทศอยู่ที่ร้อยละ 83.20"
    scores = {f.subject: f.score for f in extract(text, "th").index_facts}
    assert scores == {"Long An": 85.1, "Vietnam": 83.2}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In the 2023 PCI, Long An rose from 12th to 7th place.", "en"),
        ("In the 2023 PCI, Long An jumped to 7th position from 12th last year.", "en"),
        ("Trong PCI 2023, Long An từ vị trí 12 vươn lên vị trí thứ 7.", "vi"),
        ("2023年省级竞争力指数（PCI）中，隆安省由上年的第12位升至第7位。", "zh"),
        ("2023년 지방경쟁력지수(PCI)에서 롱안성은 지난해 12위에서 올해 7위로 올랐다.", "ko"),
        ("2023年のPCIでロンアン省は12位から7位に上昇した。", "ja"),
    ],
)
def test_from_rank_belongs_to_the_year_before(text: str, language: str) -> None:
    assert {(y, r) for _, y, r, _ in changes(text, language)} == {(2022, 12), (2023, 7)}


def test_english_move_to_an_ordinal_word() -> None:
    text = "Long An climbed five spots to seventh in the 2023 PCI, scoring 72.10 points."
    assert changes(text, "en") == {("Long An", 2023, 7, 5)}
