"""Index facts on sentences written for these tests (not taken from any article)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from extract.index_facts import find_index_facts
from extract.models import IndexFact

PLACES = {
    "Lam Dong": "Lam Dong", "Kon Tum": "Kon Tum", "Gia Lai": "Gia Lai", "Ha Nam": "Ha Nam",
    "Bình Định": "Binh Dinh", "Bắc Kạn": "Bac Kan", "Cà Mau": "Ca Mau", "Tam Ky": "Tam Ky",
    "ザライ省": "Gia Lai", "コントゥム省": "Kon Tum", "ラムドン省": "Lam Dong",
    "嘉莱省": "Gia Lai", "昆嵩省": "Kon Tum", "林同省": "Lam Dong",
    "잘라이성": "Gia Lai", "꼰뚬성": "Kon Tum", "럼동성": "Lam Dong",
    "Gia Lai (잘라이)": "Gia Lai", "Зялай": "Gia Lai", "Контум": "Kon Tum", "Ламдонг": "Lam Dong",
    "Quang Ninh": "Quang Ninh", "Hai Phong": "Hai Phong", "Long An": "Long An",
    "Bac Giang": "Bac Giang", "Hải Phòng": "Hai Phong", "Quảng Ninh": "Quang Ninh",
    "ซาลาย": "Gia Lai", "กอนตุม": "Kon Tum", "جيا لاي": "Gia Lai", "كون توم": "Kon Tum",
}  # fmt: skip


@dataclass(frozen=True)
class Place:
    start: int
    end: int
    canonical: str
    kind: str = "province"


def places_in(text: str) -> list[Place]:
    found: list[Place] = []
    for name in sorted(PLACES, key=len, reverse=True):
        pos = text.find(name)
        while pos >= 0:
            if not any(p.start <= pos < p.end for p in found):
                found.append(Place(pos, pos + len(name), PLACES[name]))
            pos = text.find(name, pos + 1)
    return sorted(found, key=lambda p: p.start)


def facts(text: str, language: str) -> list[IndexFact]:
    return list(find_index_facts(text, language, places=places_in(text)))


def rows(text: str, language: str) -> set[tuple[object, ...]]:
    return {(f.index_name, f.subject, f.year, f.score, f.rank) for f in facts(text, language)}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "In the 2022 PCI, Lam Dong came 12th with 66.3 points.",
            "en",
            {("PCI", "Lam Dong", 2022, 66.3, 12)},
        ),
        (
            "Năm 2023, chỉ số PAPI của Bình Định đạt 44,12 điểm, xếp thứ 9/63 tỉnh.",
            "vi",
            {("PAPI", "Binh Dinh", 2023, 44.12, 9)},
        ),
        (
            "Im PCI-Ranking 2021 belegte Kon Tum mit 64,1 Punkten den 40. Platz.",
            "de",
            {("PCI", "Kon Tum", 2021, 64.1, 40)},
        ),
        (
            "2020年の省別競争力指数(PCI)で、ザライ省は62.5点で45位だった。",
            "ja",
            {("PCI", "Gia Lai", 2020, 62.5, 45)},
        ),
        (
            "在2019年省级竞争力指数中，昆嵩省以61.2分排名第52位。",
            "zh",
            {("PCI", "Kon Tum", 2019, 61.2, 52)},
        ),
        (
            "2018년 지방경쟁력지수(PCI)에서 럼동성은 63.9점으로 33위를 차지했다.",
            "ko",
            {("PCI", "Lam Dong", 2018, 63.9, 33)},
        ),
    ],
)
def test_score_and_rank_in_one_sentence(text: str, language: str, expected: set) -> None:
    assert rows(text, language) == expected


def test_several_years_in_one_sentence() -> None:
    text = (
        "Tam Ky keeps doing well. Its PAR Index placed 4th in 2019, 2nd a year later "
        "and 6th in 2021."
    )
    assert {(f.year, f.rank) for f in facts(text, "en")} == {(2019, 4), (2020, 2), (2021, 6)}


def test_year_range_gives_one_fact_per_year() -> None:
    text = "From 2020 to 2022, Gia Lai ranked 5th in the PCI."
    assert sorted(f.year for f in facts(text, "en")) == [2020, 2021, 2022]


def test_followed_by_list_continues_ranks() -> None:
    text = "The 2024 PAPI was led by Kon Tum, followed by Gia Lai, Lam Dong and Ha Nam."
    got = {(f.subject, f.rank) for f in facts(text, "en")}
    assert got == {("Kon Tum", 1), ("Gia Lai", 2), ("Lam Dong", 3), ("Ha Nam", 4)}


def test_list_with_scores_in_brackets_keeps_scores() -> None:
    text = (
        "In the 2023 PCI, strong results came from Kon Tum (68.02 points) and Ha Nam (67.5 points)."
    )
    got = {(f.subject, f.score) for f in facts(text, "en")}
    assert got == {("Kon Tum", 68.02), ("Ha Nam", 67.5)}


def test_numbered_ranking_table() -> None:
    text = (
        "2022년 PCI 순위는 다음과 같다.\n1위 : 꼰뚬성(70.11포인트)\n2위 : 럼동성(69.8포인트)\n"
        "3위 : 잘라이성(69.02포인트)"
    )
    got = {(f.subject, f.rank, f.score) for f in facts(text, "ko")}
    assert got == {("Kon Tum", 1, 70.11), ("Lam Dong", 2, 69.8), ("Gia Lai", 3, 69.02)}


def test_japanese_next_in_line() -> None:
    text = "2021年のPAPIではラムドン省が首位となった。次いでコントゥム省が44.9ポイントだった。"
    got = {(f.subject, f.rank) for f in facts(text, "ja")}
    assert got == {("Lam Dong", 1), ("Kon Tum", 2)}


def test_rank_change_is_signed() -> None:
    text = "In the 2021 PCI, Ha Nam rose 7 places to 20th, while Gia Lai dropped 3 places to 51st."
    got = {(f.subject, f.rank, f.rank_change) for f in facts(text, "en")}
    assert got == {("Ha Nam", 20, 7), ("Gia Lai", 51, -3)}


def test_thai_buddhist_year() -> None:
    text = "จังหวัด Gia Lai ได้อันดับ 8 ในดัชนี PCI ประจำปี 2564"
    assert rows(text, "th") == {("PCI", "Gia Lai", 2021, None, 8)}


def test_khmer_digits() -> None:
    text = "ខេត្ត Kon Tum ឈរលំដាប់ថ្នាក់ទី ៧ ក្នុងតារាង PCI ឆ្នាំ ២០២០ ដោយមានសន្ទស្សន៍ ៦៥,២"
    assert rows(text, "km") == {("PCI", "Kon Tum", 2020, 65.2, 7)}


@pytest.mark.parametrize(
    "text",
    [
        "Gia Lai hosted 120 businesses at a PCI workshop on 12/05/2023.",  # counts and dates
        "Decision 1234/QD-UBND on the PCI plan was signed in Lam Dong in 2022.",  # codes
        "Lam Dong ranked 3rd in coffee exports in 2022.",  # no index
        "The PCI has 10 component indices and 142 indicators.",  # no subject
        "For the 3rd time, Ha Nam hosted the PCI conference.",  # not a rank
    ],
)
def test_numbers_that_are_not_facts(text: str) -> None:
    assert facts(text, "en") == []


def test_national_average_is_vietnam() -> None:
    text = "In the 2022 PAR Index the national average reached 84.5 points."
    assert rows(text, "en") == {("PAR_INDEX", "Vietnam", 2022, 84.5, None)}


def test_province_not_named_gives_no_subject_only_with_the_index_named() -> None:
    text = "In the PCI 2022 the province earned 63.1 points, ranking 41st out of 63."
    (fact,) = facts(text, "en")
    assert (fact.subject, fact.rank, fact.rank_total, fact.score) == (None, 41, 63, 63.1)


def test_ministries_are_subjects() -> None:
    text = "In the 2020 PAR Index, the Ministry of Justice came first with 90.5 percent."
    assert rows(text, "en") == {("PAR_INDEX", "Ministry of Justice", 2020, 90.5, 1)}


def test_evidence_offsets_index_the_text() -> None:
    text = "Intro line.\nIn the 2022 PCI, Lam Dong came 12th with 66.3 points. More text."
    (fact,) = facts(text, "en")
    ev = fact.evidence
    assert text[ev.span_start : ev.span_end] == ev.sentence
    assert "Lam Dong" in ev.sentence


def test_title_and_body_restating_a_fact_give_one_fact() -> None:
    text = "Lam Dong tops the 2023 PGI\n\nIn the 2023 PGI, Lam Dong ranked first with 27.1 points."
    assert rows(text, "en") == {("PGI", "Lam Dong", 2023, 27.1, 1)}


def test_pipe_table_with_rank_column() -> None:
    text = (
        "PCI 2021 for the highlands:\nProvince | Score | Rank\n"
        "Kon Tum | 61.40 | 52\nGia Lai | 63.05 | 38"
    )
    got = {(f.subject, f.score, f.rank) for f in facts(text, "en")}
    assert got == {("Kon Tum", 61.4, 52), ("Gia Lai", 63.05, 38)}


def test_parallel_years_and_ranks() -> None:
    text = (
        "Gia Lai đứng ngoài top 10. "
        "Các năm 2020, 2021 và 2022, Gia Lai lần lượt xếp thứ 40, 35 và 28 về PAPI."
    )
    got = {(f.year, f.rank) for f in facts(text, "vi")}
    assert got == {(2020, 40), (2021, 35), (2022, 28)}


@pytest.mark.parametrize(
    ("text", "language", "rank"),
    [
        ("En el PCI 2022, Gia Lai quedó en el puesto 12 de 63.", "es", 12),
        ("No PCI 2022, Gia Lai ficou em 9.º lugar.", "pt", 9),
        ("Nel PCI 2022 Gia Lai era 14ª.", "it", 14),
        ("Au PCI 2022, Gia Lai était 21e sur 63.", "fr", 21),
        ("Im PCI 2022 landete Gia Lai auf Platz sieben.", "de", 7),
        ("I PCI 2022 kom Gia Lai på 11. plass.", "nb", 11),
        ("Dalam PCI 2022, Gia Lai berada di peringkat ke-13.", "id", 13),
        ("في مؤشر PCI لعام 2022 حلت Gia Lai في المرتبة 17.", "ar", 17),
    ],
)
def test_ordinals_across_languages(text: str, language: str, rank: int) -> None:
    assert [f.rank for f in facts(text, language)] == [rank]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("ru", "В индексе PCI за 2022 год Зялай заняла 15-е место из 63, набрав 65,3 балла.",
         {("Gia Lai", 65.3, 15)}),
        ("ru", "Контум поднялась на 9 позиций и стала 31-й в рейтинге PAPI 2021 года.",
         {("Kon Tum", None, 31)}),
        ("ru", "Рейтинг PCI 2023 возглавил Ламдонг, за ним следуют Зялай и Контум.",
         {("Lam Dong", None, 1), ("Gia Lai", None, 2), ("Kon Tum", None, 3)}),
        ("th", "ในดัชนี PCI ปี 2565 จังหวัดซาลายได้ 63.20 คะแนน อยู่อันดับที่ 25",
         {("Gia Lai", 63.2, 25)}),
        ("th", "จังหวัดกอนตุมครองอันดับที่หนึ่งในดัชนี PAPI ปี 2564", {("Kon Tum", None, 1)}),
        ("ar", "حلت مقاطعة جيا لاي في المرتبة الخامسة في مؤشر PCI لعام 2022 برصيد 66.1 نقطة.",
         {("Gia Lai", 66.1, 5)}),
        ("ar", "وفي عامي 2020 و2021 جاءت كون توم في المرتبتين 40 و33 على التوالي في مؤشر PAPI.",
         {("Kon Tum", None, 40), ("Kon Tum", None, 33)}),
        ("zh", "在2022年PCI排名中，嘉莱省以64.5分位列第22名，昆嵩省排名第四十。",
         {("Gia Lai", 64.5, 22), ("Kon Tum", None, 40)}),
        ("en", "In the PAPI 2021 rankings, Kon Tum was ranked No. 12.", {("Kon Tum", None, 12)}),
        ("en", "Lam Dong was named the best performer in the 2023 PGI.", set()),
        ("en", "Gia Lai's PCI score rose to 66.2 in 2022 from 64.9 in 2021.",
         {("Gia Lai", 66.2, None), ("Gia Lai", 64.9, None)}),
    ],
)  # fmt: skip
def test_more_languages(language: str, text: str, expected: set) -> None:
    assert {(f.subject, f.score, f.rank) for f in facts(text, language)} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PCI 2023 results. Quang Ninh kept its top spot in the PCI with 71.25 points.",
         {("Quang Ninh", 71.25, 1)}),
        ("In the PCI 2023, Hai Phong came second with 70.34 points, followed by Long An (69.75) "
         "and Bac Giang.",
         {("Hai Phong", 70.34, 2), ("Long An", 69.75, 3), ("Bac Giang", None, 4)}),
        ("In the PCI 2021, Quang Ninh (1st), Hai Phong (2nd) and Long An (3rd) led the way.",
         {("Quang Ninh", None, 1), ("Hai Phong", None, 2), ("Long An", None, 3)}),
        ("The five best PCI performers were Quang Ninh, Hai Phong, Long An and Bac Giang.", set()),
        ("Bac Giang climbed 8 places in the 2023 PCI.", set()),
    ],
)  # fmt: skip
def test_english_phrasings(text: str, expected: set) -> None:
    assert {(f.subject, f.score, f.rank) for f in facts(text, "en")} == expected


def test_vietnamese_semicolon_list() -> None:
    text = "Theo PCI 2023, Quảng Ninh dẫn đầu với 71,25 điểm; Hải Phòng xếp thứ hai với 70,34 điểm."
    got = {(f.subject, f.score, f.rank) for f in facts(text, "vi")}
    assert got == {("Quang Ninh", 71.25, 1), ("Hai Phong", 70.34, 2)}


SAME_FACT = {
    "en": "In the 2022 PCI, Gia Lai placed 22nd with 64.5 points.",
    "vi": "Trong PCI 2022, Gia Lai xếp thứ 22 với 64,5 điểm.",
    "de": "Im PCI 2022 belegte Gia Lai mit 64,5 Punkten den 22. Platz.",
    "fr": "Au PCI 2022, Gia Lai se classe 22e avec 64,5 points.",
    "es": "En el PCI 2022, Gia Lai ocupó el puesto 22 con 64,5 puntos.",
    "it": "Nel PCI 2022 Gia Lai si è piazzata al 22° posto con 64,5 punti.",
    "pt": "No PCI 2022, Gia Lai ficou em 22.º lugar, com 64,5 pontos.",
    "id": "Dalam PCI 2022, Gia Lai menempati peringkat 22 dengan 64,5 poin.",
    "nb": "I PCI 2022 havnet Gia Lai på 22. plass med 64,5 poeng.",
    "ru": "В индексе PCI 2022 года Зялай заняла 22-е место, набрав 64,5 балла.",
    "ar": "في مؤشر PCI لعام 2022 حلت جيا لاي في المرتبة 22 برصيد 64.5 نقطة.",
    "ja": "2022年のPCIでザライ省は64.5点で22位だった。",
    "zh": "在2022年PCI中，嘉莱省以64.5分排名第22位。",
    "ko": "2022년 PCI에서 잘라이성은 64.5점으로 22위를 기록했다.",
    "th": "ในดัชนี PCI ปี 2565 จังหวัดซาลายได้ 64.5 คะแนน อยู่อันดับที่ 22",
}


@pytest.mark.parametrize("language", sorted(SAME_FACT))
def test_same_fact_same_row_in_every_language(language: str) -> None:
    assert rows(SAME_FACT[language], language) == {("PCI", "Gia Lai", 2022, 64.5, 22)}


def test_rank_range_over_a_list() -> None:
    text = "In the 2022 PCI, Kon Tum, Gia Lai and Lam Dong ranked 40th to 42nd respectively."
    got = {(f.subject, f.rank) for f in facts(text, "en")}
    assert got == {("Kon Tum", 40), ("Gia Lai", 41), ("Lam Dong", 42)}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Quang Ninh has led the PCI for years, with Hai Phong as runner-up.", "en",
         {("Quang Ninh", 1), ("Hai Phong", 2)}),
        ("In the 2023 PCI, Long An scored highest.", "en", {("Long An", 1)}),
        ("PCI 2019: á quân Hải Phòng đạt 72,10 điểm.", "vi", {("Hai Phong", 2)}),
    ],
)  # fmt: skip
def test_words_for_first_and_second(text: str, language: str, expected: set) -> None:
    assert {(f.subject, f.rank) for f in facts(text, language)} == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("2022년 PCI에서 럼동성은 전국 18위를 기록했다.", "ko", {("Lam Dong", 18)}),
        ("2022년 PCI 발표. 럼동성의 GRDP는 8.2% 증가하며 전국 5위를 기록했다.", "ko", set()),
        ("在2021年PCI排名中，昆嵩省获得第四十名，比上年提升5个位次。", "zh", {("Kon Tum", 40)}),
        ("В рейтинге PCI 2021 года Контум заняла пятое место.", "ru", {("Kon Tum", 5)}),
        ("ในดัชนี PCI ปี 2564 จังหวัดกอนตุมได้อันดับสอง", "th", {("Kon Tum", 2)}),
    ],
)  # fmt: skip
def test_more_rank_phrasings(text: str, language: str, expected: set) -> None:
    assert {(f.subject, f.rank) for f in facts(text, language)} == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("在2022年PCI中，昆嵩省排名全国第五。", "zh", {("Kon Tum", 5)}),
        ("Trong PCI 2022, Gia Lai xếp thứ nhì.", "vi", {("Gia Lai", 2)}),
        ("Gia Lai thuộc nhóm dẫn đầu về PCI 2022.", "vi", set()),
    ],
)  # fmt: skip
def test_ordinal_words_and_groups(text: str, language: str, expected: set) -> None:
    assert {(f.subject, f.rank) for f in facts(text, language)} == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("2022年PCI排名前三的省份依次为林同省、嘉莱省和昆嵩省。", "zh",
         {("Lam Dong", 1), ("Gia Lai", 2), ("Kon Tum", 3)}),
        ("The top three in the 2022 PCI were Kon Tum, Gia Lai and Lam Dong, in that order.", "en",
         {("Kon Tum", 1), ("Gia Lai", 2), ("Lam Dong", 3)}),
        ("The top five in the 2022 PCI included Kon Tum, Gia Lai and Lam Dong.", "en", set()),
    ],
)  # fmt: skip
def test_top_lists_only_when_ordered(text: str, language: str, expected: set) -> None:
    assert {(f.subject, f.rank) for f in facts(text, language)} == expected


def test_chinese_ranks_listed_with_years() -> None:
    text = "在PCI中，嘉莱省2021年和2022年分别排名第31位和第24位。"
    assert {(f.year, f.rank) for f in facts(text, "zh")} == {(2021, 31), (2022, 24)}
