"""Mechanisms found on unseen real text (issue 9), tried on sentences written for these tests.

- single-space table rows, whose header line cannot be cut into cells: the rank word names
  the one rising column of whole numbers and a score word right before it the column before;
- a two-row table header whose spanning cell lost its colspan: only the outer labels keep
  their columns;
- a component word completed by its index ("sub-indices of the PCI: ...") keeps the figures
  after it components;
- bounds of a range ("67.5 to 70 percent") are no scores; "von 63,23 Punkten" is a score;
- an average over ministries is the ministries' aggregate, not Vietnam's.
"""

from __future__ import annotations

import pytest

from extract import gazetteer
from extract.index_facts import find_index_facts
from extract.models import IndexFact


def _facts(text: str, language: str) -> tuple[IndexFact, ...]:
    return find_index_facts(text, language, places=gazetteer.match_places(text))


def _rows(facts: tuple[IndexFact, ...]) -> set[tuple[str, str | None, float | None, int | None]]:
    return {(f.index_name, f.subject, f.score, f.rank) for f in facts}


WORD_ROWS = {
    "en": """The 2031 provincial competitiveness results by sub-index
Province Entry Costs Land Access Transparency PCI Score PCI Ranking PCI Tier
Long An 7.10 6.20 6.90 70.25 1 Very good
Tay Ninh 6.80 7.40 6.10 68.90 2 Good
Ben Tre 7.30 6.60 6.70 67.15 4 Good""",
    "vi": """Kết quả PCI 2031 theo chỉ số thành phần
Tỉnh Gia nhập thị trường Tiếp cận đất đai Tổng điểm Xếp hạng
Long An 7,10 6,20 70,25 1 Rất tốt
Tây Ninh 6,80 7,40 68,90 2 Tốt
Bến Tre 7,30 6,60 67,15 4 Tốt""",
    "zh": """2031年省级竞争力指数（PCI）分项结果
省份 市场准入 土地 透明度 总分 排名
隆安省 7.10 6.20 6.90 70.25 1
西宁省 6.80 7.40 6.10 68.90 2
槟椥省 7.30 6.60 6.70 67.15 4""",
}


@pytest.mark.parametrize("language", sorted(WORD_ROWS))
def test_single_space_rows_give_the_header_named_score_and_rank(language: str) -> None:
    facts = _facts(WORD_ROWS[language], language)
    assert _rows(facts) == {
        ("PCI", "Long An", 70.25, 1),
        ("PCI", "Tay Ninh", 68.9, 2),
        ("PCI", "Ben Tre", 67.15, 4),
    }
    assert all(f.rule.startswith("table") for f in facts)


def test_single_space_rows_without_a_rank_word_give_no_guess() -> None:
    text = """The 2031 provincial competitiveness results by sub-index
Province Entry Costs Land Access Transparency Labour
Long An 7.10 6.20 6.90 5.25
Tay Ninh 6.80 7.40 6.10 5.90
Ben Tre 7.30 6.60 6.70 6.15"""
    assert _facts(text, "en") == ()


LOST_COLSPAN = {
    "zh": """2031年行政改革指数前三名
排名 | 省市 | 得分 | 影响得分 | 综合指数 | ||
满意度 | 领导考察 | 社会影响 | ||||
1 | 隆安省 | 57.10 | 9.20 | 18.40 | 4 | 90.10 |
2 | 槟椥省 | 56.30 | 9.10 | 18.90 | 3 | 88.70 |
3 | 西宁省 | 55.90 | 8.70 | 19.20 | 2.5 | 87.30 |""",
    "en": """Public Administration Reform Index 2031: the top three
Rank | Province | Appraisal | Impact | Overall | ||
Satisfaction | Leadership | Development | ||||
1 | Long An | 57.10 | 9.20 | 18.40 | 4 | 90.10 |
2 | Ben Tre | 56.30 | 9.10 | 18.90 | 3 | 88.70 |
3 | Tay Ninh | 55.90 | 8.70 | 19.20 | 2.5 | 87.30 |""",
    "ko": """2031년 행정개혁지수(PAR Index) 상위 3개 지방
순위 | 지방 | 평가 점수 | 영향 점수 | 총점 | ||
만족도 | 지도력 | 사회 영향 | ||||
1 | 롱안성 | 57.10 | 9.20 | 18.40 | 4 | 90.10 |
2 | 벤쩨성 | 56.30 | 9.10 | 18.90 | 3 | 88.70 |
3 | 떠이닌성 | 55.90 | 8.70 | 19.20 | 2.5 | 87.30 |""",
}


@pytest.mark.parametrize("language", sorted(LOST_COLSPAN))
def test_a_header_that_lost_its_colspan_keeps_only_its_outer_labels(language: str) -> None:
    facts = _facts(LOST_COLSPAN[language], language)
    assert _rows(facts) == {
        ("PAR_INDEX", "Long An", 90.1, 1),
        ("PAR_INDEX", "Ben Tre", 88.7, 2),
        ("PAR_INDEX", "Tay Ninh", 87.3, 3),
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Tay Ninh scored 66.10 points in the PCI 2031. Three of the ten sub-indices of the"
            " PCI improved: entry costs (7.43 points), transparency (6.09 points).",
            "en",
        ),
        (
            "Die Provinz Tay Ninh erreichte im PCI 2031 einen Gesamtwert von 66,10 Punkten."
            " Drei der zehn Teilindizes des PCI stiegen: Marktzugang (7,43 Punkte),"
            " Transparenz (6,09 Punkte).",
            "de",
        ),
        (
            "Năm 2031, PCI của tỉnh Tây Ninh đạt 66,10 điểm. Các chỉ số thành phần của PCI"
            " tăng: gia nhập thị trường (7,43 điểm), tính minh bạch (6,09 điểm).",
            "vi",
        ),
    ],
)
def test_components_named_with_their_index_stay_components(text: str, language: str) -> None:
    facts = _facts(text, language)
    assert {(f.subject, f.score) for f in facts} == {("Tay Ninh", 66.1)}


def test_german_score_von_points_is_a_score_and_von_after_a_score_the_maximum() -> None:
    text = (
        "Im PAPI 2031 erreichte Ben Tre eine Gesamtpunktzahl von 47,82 von 80 Punkten."
        " Die Provinz Long An erreichte im PCI 2031 einen Gesamtwert von 63,23 Punkten."
    )
    assert _rows(_facts(text, "de")) == {
        ("PAPI", "Ben Tre", 47.82, None),
        ("PCI", "Long An", 63.23, None),
    }


def test_bounds_of_a_range_are_no_scores() -> None:
    text = (
        "In the PAR Index 2031, Long An ranked first with 88.40 percent. The moderate group"
        " (67.5 to 70 percent) included Ben Tre, and a weaker group (between 60 percent and"
        " 67.5 percent) included Tay Ninh. Ministries ranged from 80.5 percent to 81.2 percent."
    )
    assert _rows(_facts(text, "en")) == {("PAR_INDEX", "Long An", 88.4, 1)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "In the PAR Index 2031, the average index of ministries and ministerial-level"
            " agencies was 84.50 percent.",
            "en",
        ),
        (
            "Năm 2031, giá trị trung bình Chỉ số cải cách hành chính (PAR Index) của 17 bộ,"
            " cơ quan ngang bộ là 84,50%.",
            "vi",
        ),
    ],
)
def test_an_average_over_ministries_is_theirs(text: str, language: str) -> None:
    assert _rows(_facts(text, language)) == {("PAR_INDEX", "ministries and branches", 84.5, None)}


def test_vietnamese_names_of_central_agencies_are_subjects() -> None:
    text = (
        "Theo DTI 2031, ở nhóm bộ không có dịch vụ công, Ủy ban Dân tộc dẫn đầu, tiếp theo là"
        " Thông tấn xã Việt Nam và Đài Truyền hình Việt Nam."
    )
    facts = _facts(text, "vi")
    assert {(f.subject, f.rank) for f in facts} == {
        ("Committee for Ethnic Minority Affairs", 1),
        ("Vietnam News Agency", 2),
        ("Vietnam Television", 3),
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Long An encabezó el PCI 2031 con 71,05 puntos. La provincia de Ben Tre recibió"
            " 7,7 millones de dólares para reparar diques.",
            "es",
        ),
        (
            "Năm 2031, PCI của Long An đạt 71,05 điểm. Tỉnh Bến Tre nhận 7,7 tỷ đồng để sửa đê.",
            "vi",
        ),
        ("2031년 PCI에서 롱안성은 71.05점을 받았다. 벤쩨성은 7.7억 달러를 유치했다.", "ko"),
    ],
)
def test_an_amount_of_money_is_no_score(text: str, language: str) -> None:
    assert {(f.subject, f.score) for f in _facts(text, language)} == {("Long An", 71.05)}


def test_a_score_passed_in_korean_is_a_threshold() -> None:
    text = "2031년 PCI에서 롱안성은 종합점수 75.31점으로 처음으로 75점을 넘긴 지방이 됐다."
    assert {(f.subject, f.score) for f in _facts(text, "ko")} == {("Long An", 75.31)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("2031年のPCIでロンアン省が首位。同省がトップに立つのは2025年以降3回目。", "ja"),
        ("2031년 PCI에서 롱안성이 1위를 차지했다. 2025년 이후 세 번째 1위다.", "ko"),
    ],
)
def test_a_year_after_since_is_no_edition(text: str, language: str) -> None:
    assert all(f.year != 2025 for f in _facts(text, language))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Năm 2031, chỉ số PAPI của tỉnh Bến Tre là 40,62/80 điểm, đạt tỷ lệ 50,77%.", "vi"),
        ("In 2031 Ben Tre's PAPI was 40.62/80 points, or 50.77%; services scored 8.3/10.", "en"),
    ],
)
def test_a_score_over_the_whole_scale_is_the_score_and_its_share_is_not(
    text: str, language: str
) -> None:
    assert {(f.subject, f.score) for f in _facts(text, language)} == {("Ben Tre", 40.62)}


def test_a_top_cue_describing_a_listed_group_gives_no_first_place() -> None:
    text = (
        "Năm 2031, Đà Nẵng dẫn đầu về DTI. Các tỉnh tiếp theo có chỉ số DTI đứng đầu năm 2031"
        " được xác định, gồm: Long An, Bến Tre, Tây Ninh."
    )
    assert {(f.subject, f.rank) for f in _facts(text, "vi")} == {("Da Nang", 1)}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("In the PAPI 2031 report, Ben Tre ranked 17 th out of 63 localities.", "en", (17, 63)),
        ("Theo PAPI 2031, Bến Tre xếp thứ 17/63 tỉnh, thành phố.", "vi", (17, 63)),
    ],
)
def test_an_ordinal_written_apart_still_ranks(text: str, language: str, expected: tuple) -> None:
    assert {(f.rank, f.rank_total) for f in _facts(text, language)} == {expected}


def test_the_provinces_average_in_vietnamese_is_the_national_aggregate() -> None:
    text = "Điểm số PCI trung bình các tỉnh năm 2031 là 66,2 điểm."
    assert {(f.subject, f.score) for f in _facts(text, "vi")} == {("localities", 66.2)}


def test_leading_places_given_in_order_rank_from_the_first() -> None:
    text = (
        "Theo DTI 2031, ở nhóm bộ không có dịch vụ công, các vị trí dẫn đầu lần lượt thuộc về"
        " Ủy ban Dân tộc, Thông tấn xã Việt Nam và Đài Truyền hình Việt Nam."
        " 4 vị trí tiếp theo thuộc về Bộ Tài chính, Bộ Tư pháp."
    )
    assert {(f.subject, f.rank) for f in _facts(text, "vi")} == {
        ("Committee for Ethnic Minority Affairs", 1),
        ("Vietnam News Agency", 2),
        ("Vietnam Television", 3),
    }


def test_a_leader_whose_pillars_are_listed_keeps_its_first_place() -> None:
    text = (
        "Năm 2031, Long An tiếp tục dẫn đầu cả nước về DTI ở 3 trụ cột, "
        "gồm: chính quyền số, kinh tế số."
    )
    assert {(f.subject, f.rank) for f in _facts(text, "vi")} == {("Long An", 1)}
