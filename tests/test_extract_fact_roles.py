"""Number roles, fact candidates and confidence, on sentences written for these tests."""

from __future__ import annotations

import pytest

from extract import gazetteer
from extract.fact_confidence import CONFIDENT, FACTORS, Signals, assess
from extract.fact_roles import SUB_INDEX, number_roles
from extract.index_facts import find_index_figures
from extract.models import FactCandidate, IndexFact
from extract.numbers import normalize_digits


def figures(text: str, language: str) -> tuple[tuple[IndexFact, ...], tuple[FactCandidate, ...]]:
    return find_index_figures(text, language, places=gazetteer.match_places(text))


def scores(facts: tuple[IndexFact, ...]) -> set[float]:
    return {f.score for f in facts if f.score is not None}


def roles(candidates: tuple[FactCandidate, ...]) -> dict[float, str]:
    return {c.value: c.role for c in candidates if c.value is not None}


@pytest.mark.parametrize(
    ("text", "language", "score", "change"),
    [
        (
            "Gia Lai's 2023 PAR Index reached 84.31%, up 1.27% on the year before.",
            "en",
            84.31,
            1.27,
        ),
        (
            "Năm 2023, Chỉ số CCHC của tỉnh Gia Lai đạt 84,31%, tăng 1,27 điểm so với năm 2022.",
            "vi",
            84.31,
            1.27,
        ),
        ("2023年嘉莱省行政改革指数为84.31%,比上年增加1.27个百分点。", "zh", 84.31, 1.27),
        (
            "2023年のザライ省のPAR INDEXは84.31%で、前年より1.27ポイント上昇した。",
            "ja",
            84.31,
            1.27,
        ),
        ("자라이성의 2023년 행정개혁지수는 84.31%로 1.27%p 상승했다.", "ko", 84.31, 1.27),
    ],
)
def test_a_score_change_is_a_candidate_not_a_score(
    text: str, language: str, score: float, change: float
) -> None:
    facts, candidates = figures(text, language)
    assert scores(facts) == {score}
    assert roles(candidates).get(change) == "score change"


@pytest.mark.parametrize(
    ("text", "language", "score", "other", "role"),
    [
        (
            "Kon Tum scored 61.5 out of a maximum of 100 points in the 2022 PCI.",
            "en",
            61.5,
            100.0,
            "maximum of the scale",
        ),
        ("2022年昆嵩省PCI得分为61.5分(满分100分)。", "zh", 61.5, 100.0, "maximum of the scale"),
        (
            "Lam Dong's 2023 PAPI score was 42.1 points, 3.4 points above the national average.",
            "en",
            42.1,
            3.4,
            "difference from an average",
        ),
        (
            "Le score PCI 2023 de Lam Dong est de 66,2 points, en hausse de 0,8 point.",
            "fr",
            66.2,
            0.8,
            "score change",
        ),
    ],
)
def test_maxima_and_differences_are_candidates(
    text: str, language: str, score: float, other: float, role: str
) -> None:
    facts, candidates = figures(text, language)
    assert scores(facts) == {score}
    assert roles(candidates).get(other) == role


@pytest.mark.parametrize(
    ("text", "language", "rank", "component_value"),
    [
        (
            "Gia Lai ranked 12th in the 2023 DTI; among its three pillars, digital society "
            "ranked 4th.",
            "en",
            12,
            4.0,
        ),
        (
            "2023年のDTIでザライ省は12位となり、3つの柱のうちデジタル社会は4位だった。",
            "ja",
            12,
            4.0,
        ),
        (
            "Năm 2023, tỉnh Gia Lai xếp thứ 12 về Chỉ số DTI, trong đó trụ cột xã hội số "
            "xếp thứ 4.",
            "vi",
            12,
            4.0,
        ),
    ],
)
def test_a_figure_after_a_component_word_is_a_sub_index_value(
    text: str, language: str, rank: int, component_value: float
) -> None:
    facts, candidates = figures(text, language)
    assert {f.rank for f in facts} == {rank}
    assert roles(candidates).get(component_value) == SUB_INDEX


def test_a_total_word_gives_the_figure_back_to_the_index() -> None:
    text = "꽝닌성은 2023년 PGI 4개 구성요소 중 총점이 가장 높아 26점으로 1위에 올랐다."
    facts, _ = figures(text, "ko")
    assert any(f.score == 26 and f.rank == 1 for f in facts)


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("Bac Kan's 2023 PAPI score was nearly 40 points.", "en", 40.0),
        ("Năm 2023, chỉ số PAPI của tỉnh Bắc Kạn đạt gần 40 điểm.", "vi", 40.0),
        ("박깐성의 2023년 PAPI 점수는 약 40점이었다.", "ko", 40.0),
    ],
)
def test_an_approximate_value_is_no_score(text: str, language: str, value: float) -> None:
    facts, candidates = figures(text, language)
    assert value not in scores(facts)
    assert roles(candidates).get(value) == "approximate value"


def test_a_hedge_before_hundredths_is_no_approximation() -> None:
    facts, _ = figures("Bac Kan's 2023 PAPI score was about 40.12 points.", "en")
    assert scores(facts) == {40.12}


def test_roles_read_digit_normalised_text_in_any_script() -> None:
    text = normalize_digits("ارتفع المؤشر بمقدار ١٫٥ نقطة")
    found = number_roles(text, 0, len(text), "ar")
    assert [(r.value, r.role) for r in found] == [(1.5, "score change")]


def test_confidence_is_the_product_of_weak_links() -> None:
    assert assess(Signals(subject="named", index_named=True)) == (1.0, "sentence")
    confidence, rule = assess(Signals(subject="carried", index_named=False))
    assert confidence == pytest.approx(FACTORS["subject carried"] * FACTORS["index from context"])
    assert rule == "sentence; subject carried; index from context"
    assert assess(Signals(subject="none", index_named=True))[0] < CONFIDENT


def test_facts_carry_their_confidence() -> None:
    text = (
        "Ha Nam topped the 2023 PAR Index with 91.05%. "
        "The province also scored 88.2 points in the satisfaction survey."
    )
    facts, _ = figures(text, "en")
    named = next(f for f in facts if f.score == 91.05)
    assert (named.confidence, named.rule) == (1.0, "sentence")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "2023年のPAPIで、ラムドン省は61省市中40位に留まった(コントゥム省とザライ省は"
            "データなし)。",
            "ja",
        ),
        (
            "In the 2023 PAPI, Lam Dong came 40th of 61 provinces (Kon Tum and Gia Lai "
            "have no data).",
            "en",
        ),
        (
            "Trong Chỉ số PAPI 2023, tỉnh Lâm Đồng xếp thứ 40/61 (Kon Tum và Gia Lai không có "
            "số liệu).",
            "vi",
        ),
    ],
)
def test_places_in_a_bracketed_aside_take_no_figure(text: str, language: str) -> None:
    facts, _ = figures(text, language)
    assert {(f.subject, f.rank) for f in facts} == {("Lam Dong", 40)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("2024년 행정개혁지수 지방 부문에서는 자라이성이 91.2%로 1위를 차지했다.", "ko"),
        ("In the provincial bloc of the 2024 PAR Index, Gia Lai came first with 91.2%.", "en"),
    ],
)
def test_a_ranking_bloc_is_no_component(text: str, language: str) -> None:
    facts, _ = figures(text, language)
    assert {(f.subject, f.score, f.rank) for f in facts} == {("Gia Lai", 91.2, 1)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Năm 2023, Chỉ số SIPAS của tỉnh Gia Lai xếp thứ 11/63; Chỉ số CCHC xếp thứ 14/63; "
            "Chỉ số PAPI nằm trong nhóm trung bình cao.",
            "vi",
        ),
        (
            "In 2023 Gia Lai was 11th of 63 in SIPAS, 14th of 63 in the PAR Index, and in the "
            "upper-middle group of PAPI.",
            "en",
        ),
        ("2023年嘉莱省SIPAS排名第11位,行政改革指数排名第14位,PAPI处于中上水平。", "zh"),
    ],
)
def test_each_rank_goes_to_the_index_named_before_it(text: str, language: str) -> None:
    facts, _ = figures(text, language)
    assert {(f.index_name, f.rank) for f in facts} == {("SIPAS", 11), ("PAR_INDEX", 14)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("2023年のラムドン省のSIPASは78.4%で、全国平均より4.2%低かった。", "ja"),
        ("Lam Dong's 2023 SIPAS was 78.4%, 4.2 percent below the national average.", "en"),
        ("Năm 2023, SIPAS của Lâm Đồng đạt 78,4%, thấp hơn mức trung bình cả nước 4,2 điểm.", "vi"),
    ],
)
def test_an_average_named_in_a_comparison_is_no_subject(text: str, language: str) -> None:
    facts, _ = figures(text, language)
    assert {(f.subject, f.score) for f in facts} == {("Lam Dong", 78.4)}


@pytest.mark.parametrize(
    ("text", "language", "subject"),
    [
        (
            "The province's 2023 PAR Index rose to 86.1%. Officials in Kon Tum said more "
            "work was needed.",
            "en",
            "Kon Tum",
        ),
        (
            "The province's 2023 PAR Index rose to 86.1%. Officials said more work was needed.",
            "en",
            None,
        ),
        (
            "Chỉ số CCHC năm 2023 của tỉnh đạt 86,1%. Lãnh đạo tỉnh Kon Tum cho biết sẽ tiếp tục "
            "cải thiện.",
            "vi",
            "Kon Tum",
        ),
        ("本省2023年行政改革指数为86.1%。昆嵩省领导表示将继续改进。", "zh", "Kon Tum"),
    ],
)
def test_the_province_is_the_one_the_text_names(
    text: str, language: str, subject: str | None
) -> None:
    facts, _ = figures(text, language)
    assert {(f.subject, f.score) for f in facts} == {(subject, 86.1)}


@pytest.mark.parametrize(
    ("text", "language", "rank"),
    [
        ("Dans le classement PCI 2011, Kon Tum occupait la 49ᵉ place sur 63 provinces.", "fr", 49),
        ("Gia Lai came 3ʳᵈ in the 2023 PAR Index.", "en", 3),
    ],
)
def test_superscript_ordinal_letters_read_as_letters(text: str, language: str, rank: int) -> None:
    facts, _ = figures(text, language)
    assert {f.rank for f in facts} == {rank}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Trong Chỉ số PAPI 2024, tỉnh Lâm Đồng xếp thứ 5/14 tỉnh khu vực Tây Nguyên, "
            "đứng thứ 3/7 tỉnh khu vực miền núi, biên giới.",
            "vi",
            {(5, "Central Highlands"), (3, "khu vực miền núi")},
        ),
        (
            "Gia Lai ranked 3rd of 5 provinces in the Central Highlands in the 2023 PCI.",
            "en",
            {(3, "Central Highlands")},
        ),
        ("2023年嘉莱省PCI在西原地区排名第3位。", "zh", {(3, "Central Highlands")}),
        ("Gia Lai ranked 20th in the 2023 PCI.", "en", {(20, None)}),
    ],
)
def test_a_regional_rank_keeps_its_scope(text: str, language: str, expected: set) -> None:
    facts, _ = figures(text, language)
    assert {(f.rank, f.rank_scope) for f in facts} == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Năm 2024, Chỉ số PAPI của tỉnh Gia Lai đạt 43,7 điểm, tụt 19 bậc, từ vị trí 11 "
            "xuống vị trí 30/63.",
            "vi",
        ),
        ("In the 2024 PAPI, Gia Lai scored 43.7 points, falling from 11th to 30th of 63.", "en"),
    ],
)
def test_a_score_goes_with_the_current_rank_not_the_previous_one(text: str, language: str) -> None:
    facts, _ = figures(text, language)
    got = {(f.year, f.score, f.rank) for f in facts}
    assert (2024, 43.7, 30) in got
    assert (2023, None, 11) in got


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The 2023 PCI named ten leaders. The top 10 include Gia Lai, Ha Nam and Lam Dong.", "en"),
        ("Năm 2023, nhóm 10 tỉnh dẫn đầu Chỉ số PCI gồm Gia Lai, Hà Nam và Lâm Đồng.", "vi"),
        ("2023年PCI排名前十的省份包括嘉莱省、河南省和林同省。", "zh"),
    ],
)
def test_a_top_group_without_order_gives_no_rank(text: str, language: str) -> None:
    facts, _ = figures(text, language)
    assert [f for f in facts if f.rank is not None] == []


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [
        (
            "Gia Lai's PCI was steady. In the 2023 PAPI, Gia Lai came first with 45.1 points, "
            "followed by Ha Nam and Lam Dong.",
            "en",
            "PAPI",
        ),
        (
            "ザライ省のPCIは横ばいだった。2023年のPAPIではザライ省が45.1点で首位となり、"
            "ハナム省、ラムドン省が続いた。",
            "ja",
            "PAPI",
        ),
        (
            "자라이성의 PCI는 제자리였다. 2023년 행정개혁지수에서 자라이성이 1위를 차지했고, "
            "하남성, 럼동성이 뒤를 이었다.",
            "ko",
            "PAR_INDEX",
        ),
    ],
)
def test_a_followed_by_list_continues_the_leaders_index(
    text: str, language: str, code: str
) -> None:
    facts, _ = figures(text, language)
    ranked = {(f.index_name, f.subject, f.rank) for f in facts if f.rank is not None}
    assert ranked == {(code, "Gia Lai", 1), (code, "Ha Nam", 2), (code, "Lam Dong", 3)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In the 2023 PAR Index Gia Lai scored 88.1% and the national average was 86.98%.", "en"),
        ("Chỉ số CCHC năm 2023 của Gia Lai đạt 88,1%, trung bình cả nước đạt 86,98%.", "vi"),
        ("2023年のPAR指数で、ザライ省は88.1%、全国平均は86.98%だった。", "ja"),
        ("2023年行政改革指数嘉莱省为88.1%,全国平均为86.98%。", "zh"),
    ],
)
def test_a_national_average_is_vietnams(text: str, language: str) -> None:
    facts, _ = figures(text, language)
    assert {(f.subject, f.score) for f in facts} == {("Gia Lai", 88.1), ("Vietnam", 86.98)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "2023年のPAR指数はザライ省が92.1%で首位、ハナム省とラムドン省がそれぞれ90.5%と90.2%だった。",
            "ja",
        ),
        ("2023年行政改革指数嘉莱省以92.1%居首,河南省和林同省分别为90.5%和90.2%。", "zh"),
        (
            "In the 2023 PAR Index Gia Lai led with 92.1%; Ha Nam and Lam Dong had 90.5% and "
            "90.2% respectively.",
            "en",
        ),
    ],
)
def test_respectively_pairs_within_its_own_clause_after_a_leader(text: str, language: str) -> None:
    facts, _ = figures(text, language)
    got = {(f.subject, f.score) for f in facts}
    assert {("Ha Nam", 90.5), ("Lam Dong", 90.2)} <= got
    assert ("Lam Dong", 90.5) not in got


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The MoJ topped the 2021 PAR Index with 91.9%.", "en"),
        ("2021年行政改革指数中,MoJ以91.9%居首。", "zh"),
        ("Trong Chỉ số CCHC năm 2021, MoJ dẫn đầu với 91,9%.", "vi"),
    ],
)
def test_ministry_acronyms_are_their_ministries(text: str, language: str) -> None:
    facts, _ = figures(text, language)
    assert {(f.subject, f.score, f.rank) for f in facts} == {("Ministry of Justice", 91.9, 1)}


def test_keeping_the_leading_position_is_first_place() -> None:
    text = "In the 2023 PAR Index, Gia Lai maintained its leading position with 90.1 points."
    facts, _ = figures(text, "en")
    assert {(f.subject, f.rank) for f in facts} == {("Gia Lai", 1)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In the 2016 PCI, Gia Lai overtook Lam Dong to rank second.", "en"),
        ("2016年,嘉莱省已超越林同省在省级竞争力指数排行榜上名列第二。", "zh"),
        ("Năm 2016, Gia Lai vượt qua Lâm Đồng, xếp thứ 2 về Chỉ số PCI.", "vi"),
    ],
)
def test_a_place_that_is_overtaken_takes_no_rank(text: str, language: str) -> None:
    facts, _ = figures(text, language)
    assert {(f.subject, f.rank) for f in facts} == {("Gia Lai", 2)}
