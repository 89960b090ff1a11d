"""Index facts from tables written for these tests (not taken from any article).

One overall score and one overall rank per row, chosen by the header; components become
candidates; a year per column; no header: the rank only when a column is the ordinal.
"""

from __future__ import annotations

from extract import gazetteer
from extract.api import extract_document
from extract.fact_tables import outside_tables, read_tables
from extract.index_facts import find_index_facts
from extract.models import Document, IndexFact


def _facts(text: str, language: str) -> tuple[IndexFact, ...]:
    return find_index_facts(text, language, places=gazetteer.match_places(text))


def _rows(
    facts: tuple[IndexFact, ...],
) -> set[tuple[str, str | None, int | None, float | None, int | None]]:
    return {(f.index_name, f.subject, f.year, f.score, f.rank) for f in facts}


EN_COMPONENTS = """Provincial Competitiveness Index 2031: how the southern provinces fared

Rank | Province | Entry costs | Land access | Total | Change
5 | Long An | 8.10 | 7.95 | 70.25 | +2
9 | Tay Ninh | 7.40 | 6.88 | 68.90 | -1
14 | Ben Tre | 7.75 | 7.02 | 67.15 | 0

The survey covered several thousand firms."""


def test_total_column_is_the_score_and_components_are_candidates() -> None:
    text = EN_COMPONENTS
    facts = _facts(text, "en")
    assert _rows(facts) == {
        ("PCI", "Long An", 2031, 70.25, 5),
        ("PCI", "Tay Ninh", 2031, 68.9, 9),
        ("PCI", "Ben Tre", 2031, 67.15, 14),
    }
    assert {f.rank_change for f in facts} == {2, -1, 0}
    assert all(f.rule == "table" for f in facts)
    reading = read_tables(text, "en", places=gazetteer.match_places(text))
    components = {(c.subject, c.value, c.role) for c in reading.candidates}
    assert ("Long An", 8.1, "sub-index") in components
    assert ("Tay Ninh", 6.88, "sub-index") in components
    for fact in facts:  # evidence is the row, with offsets into the text
        assert text[fact.evidence.span_start : fact.evidence.span_end] == fact.evidence.sentence
        assert fact.evidence.sentence.count("\n") == 0


ZH_TOTAL = """2031年省级数字化转型指数（DTI）排名

| 排名 | 省份 | 数字政府 | 数字经济 | 总分 |
|---|---|---|---|---|
| 1 | 岘港市 | 0.7011 | 0.6520 | 0.6833 |
| 2 | 广宁省 | 0.6702 | 0.6615 | 0.6650 |
| 3 | 承天顺化省 | 0.6590 | 0.6100 | 0.6421 |
"""


def test_chinese_total_column_wins_over_component_scores() -> None:
    assert _rows(_facts(ZH_TOTAL, "zh")) == {
        ("DTI", "Da Nang", 2031, 0.6833, 1),
        ("DTI", "Quang Ninh", 2031, 0.665, 2),
        ("DTI", "Thua Thien Hue", 2031, 0.6421, 3),
    }


VI_YEARS = """Chỉ số PCI của một số tỉnh miền Tây qua hai năm

Tỉnh | PCI 2029 | PCI 2030
Cần Thơ | 64,10 | 65,35
Đồng Tháp | 66,02 | 67,90
TP.HCM | 63,30 | 64,75
"""


def test_year_of_each_column_from_its_header() -> None:
    assert _rows(_facts(VI_YEARS, "vi")) == {
        ("PCI", "Can Tho", 2029, 64.1, None),
        ("PCI", "Can Tho", 2030, 65.35, None),
        ("PCI", "Dong Thap", 2029, 66.02, None),
        ("PCI", "Dong Thap", 2030, 67.9, None),
        ("PCI", "Ho Chi Minh City", 2029, 63.3, None),
        ("PCI", "Ho Chi Minh City", 2030, 64.75, None),
    }


JA_YEARS = """ベトナム省別競争力指数（PCI）の推移

| 省 | 2029年スコア | 2030年スコア |
|---|---|---|
| ビンズオン省 | 65.20 | 66.40 |
| ドンナイ省 | 64.85 | 63.90 |
"""


def test_japanese_year_columns() -> None:
    assert _rows(_facts(JA_YEARS, "ja")) == {
        ("PCI", "Binh Duong", 2029, 65.2, None),
        ("PCI", "Binh Duong", 2030, 66.4, None),
        ("PCI", "Dong Nai", 2029, 64.85, None),
        ("PCI", "Dong Nai", 2030, 63.9, None),
    }


TH_ORDINAL = """ดัชนี DTI ปี 2573 ห้าอันดับแรก

1 | ดานัง | 0.7120
2 | กว๋างนิญ | 0.6830
3 | บั๊กนิญ | 0.6610
"""


def test_no_header_ordinal_column_gives_ranks_but_no_score() -> None:
    assert _rows(_facts(TH_ORDINAL, "th")) == {
        ("DTI", "Da Nang", 2030, None, 1),
        ("DTI", "Quang Ninh", 2030, None, 2),
        ("DTI", "Bac Ninh", 2030, None, 3),
    }


EN_NOT_ORDINAL = """PAPI 2031 in the north-west:
Lai Chau | 41.20 | 18
Dien Bien | 40.75 | 25
Son La | 39.90 | 33
"""

EN_SERIAL = """PAPI 2031 in the north-west (alphabetical):
1 | Dien Bien | 40.75
2 | Lai Chau | 41.20
3 | Son La | 39.90
"""


def test_no_header_and_no_ordinal_gives_nothing() -> None:
    assert _facts(EN_NOT_ORDINAL, "en") == ()
    assert _facts(EN_SERIAL, "en") == ()  # 1, 2, 3 against unordered scores: row numbers


KO_CHANGE = """2031년 지방경쟁력지수(PCI) 결과

| 순위 | 지역 | 점수 | 변동 |
|---|---|---|---|
| 4 | 박닌성 | 69.80 | ▲3 |
| 11 | 하이퐁시 | 67.05 | ▼2 |
"""


def test_korean_rank_change_column() -> None:
    facts = _facts(KO_CHANGE, "ko")
    assert {(f.subject, f.score, f.rank, f.rank_change, f.year) for f in facts} == {
        ("Bac Ninh", 69.8, 4, 3, 2031),
        ("Hai Phong", 67.05, 11, -2, 2031),
    }


VI_CELL_LINES = """Kết quả Chỉ số PAR Index năm 2030 của các tỉnh dẫn đầu

Tỉnh

Điểm

Xếp hạng

Nhóm

Hải Phòng

91,20

1

Xuất sắc

Quảng Ninh

90,85

2

Xuất sắc

Bắc Ninh

89,10

3

Tốt

Bài viết tiếp tục với những phân tích chi tiết hơn về từng lĩnh vực của chỉ số."""


def test_one_cell_per_line_layout() -> None:
    facts = _facts(VI_CELL_LINES, "vi")
    assert _rows(facts) == {
        ("PAR_INDEX", "Hai Phong", 2030, 91.2, 1),
        ("PAR_INDEX", "Quang Ninh", 2030, 90.85, 2),
        ("PAR_INDEX", "Bac Ninh", 2030, 89.1, 3),
    }
    first = next(f for f in facts if f.subject == "Hai Phong")
    assert first.evidence.sentence.startswith("Hải Phòng\n\n91,20\n\n1")


VI_DEPARTMENTS = """Chỉ số cải cách hành chính PAR Index 2030 của các sở

Đơn vị | Điểm | Xếp hạng
Sở Tư pháp Hà Nội | 88,50 | 1
Sở Y tế Hà Nội | 86,10 | 2
Sở Xây dựng Hà Nội | 85,00 | 3
"""


def test_a_departments_row_is_not_the_provinces() -> None:
    assert not any(f.subject == "Hanoi" for f in _facts(VI_DEPARTMENTS, "vi"))


def test_sentences_inside_a_table_are_left_to_the_table() -> None:
    text = EN_COMPONENTS
    reading = read_tables(text, "en", places=gazetteer.match_places(text))
    assert len(reading.spans) == 1
    kept = outside_tables([(0, 10), (reading.spans[0][0], reading.spans[0][0] + 5)], reading.spans)
    assert kept == [(0, 10)]
    assert not any(f.score in (8.1, 7.95, 7.4, 6.88) for f in _facts(text, "en"))


HTML = """<html><head><title>PCI 2031</title></head><body><article>
<h1>Provincial Competitiveness Index 2031 results for the Mekong provinces</h1>
<p>The Provincial Competitiveness Index 2031 was published on Tuesday; the table below lists
the Mekong provinces with their total score, their rank and two of the ten sub-indices.</p>
<table>
<thead><tr><th>Province</th><th>Time costs</th><th>Informal charges</th><th>Total</th>
<th>Rank</th></tr></thead>
<tbody>
<tr><td>Dong Thap</td><td>7.91</td><td>6.35</td><td>71.20</td><td>2</td></tr>
<tr><td>Vinh Long</td><td>7.55</td><td>6.80</td><td>69.45</td><td>6</td></tr>
<tr><td>Can Tho</td><td>6.90</td><td>5.95</td><td>66.30</td><td>18</td></tr>
</tbody></table>
<p>Firms in the region reported shorter waits for land titles than in earlier surveys, and
the provinces plan further reforms of their one-stop shops next year.</p>
</article></body></html>"""


def test_html_table_rows_become_facts_with_row_evidence() -> None:
    result = extract_document(
        Document(url="https://example.org/pci", body=HTML.encode(), content_type="text/html")
    )
    table_facts = [f for f in result.index_facts if f.rule == "table"]
    assert {(f.subject, f.score, f.rank, f.year) for f in table_facts} == {
        ("Dong Thap", 71.2, 2, 2031),
        ("Vinh Long", 69.45, 6, 2031),
        ("Can Tho", 66.3, 18, 2031),
    }
    for fact in table_facts:
        ev = fact.evidence
        assert result.text[ev.span_start : ev.span_end] == ev.sentence
        assert ev.sentence.startswith("|")
        assert fact.subject.split()[0] in ev.sentence
    assert not any(f.score in (7.91, 6.35, 7.55, 6.8) for f in result.index_facts)


def _html_table(table: str) -> str:
    return (
        "<html><body><article><h1>Kết quả cải cách hành chính các tỉnh</h1><p>Bộ Nội vụ vừa"
        " công bố kết quả chỉ số cải cách hành chính của các tỉnh, thành phố, với nhiều thay"
        f" đổi so với các năm trước trong bảng xếp hạng.</p>{table}<p>Các địa phương cần tiếp"
        " tục đẩy mạnh cải cách hành chính để nâng cao chất lượng phục vụ.</p></article>"
        "</body></html>"
    )


def test_html_caption_and_two_header_rows_give_a_year_per_column() -> None:
    table = """<table><caption>Chỉ số PAR Index qua hai năm</caption>
<tr><th>Tỉnh</th><th colspan=2>2029</th><th colspan=2>2030</th></tr>
<tr><th></th><th>Điểm</th><th>Xếp hạng</th><th>Điểm</th><th>Xếp hạng</th></tr>
<tr><td>Hải Phòng</td><td>90,10</td><td>2</td><td>91,25</td><td>1</td></tr>
<tr><td>Quảng Ninh</td><td>90,50</td><td>1</td><td>90,85</td><td>2</td></tr></table>"""
    body = _html_table(table).encode()
    result = extract_document(Document(url="https://example.org/par", body=body))
    assert _rows(tuple(f for f in result.index_facts if f.rule == "table")) == {
        ("PAR_INDEX", "Hai Phong", 2029, 90.1, 2),
        ("PAR_INDEX", "Hai Phong", 2030, 91.25, 1),
        ("PAR_INDEX", "Quang Ninh", 2029, 90.5, 1),
        ("PAR_INDEX", "Quang Ninh", 2030, 90.85, 2),
    }


EN_SERIAL_HEADER = """PAR Index 2030, the leaders and the national average:

No. | Province | Total | Component A
1 | Hai Phong | 91.25 | 9.10
2 | Quang Ninh | 90.85 | 9.50
3 | Bac Ninh | 89.00 | 8.80
 | National average | 85.20 | 8.00
"""


def test_row_numbers_in_score_order_are_ranks_and_an_average_has_none() -> None:
    assert _rows(_facts(EN_SERIAL_HEADER, "en")) == {
        ("PAR_INDEX", "Hai Phong", 2030, 91.25, 1),
        ("PAR_INDEX", "Quang Ninh", 2030, 90.85, 2),
        ("PAR_INDEX", "Bac Ninh", 2030, 89.0, 3),
        ("PAR_INDEX", "Vietnam", 2030, 85.2, None),
    }
    unordered = EN_SERIAL_HEADER.replace("91.25", "88.25")  # row numbers, not ranks
    assert {f.rank for f in _facts(unordered, "en")} == {None}


VI_UNITS = """Kết quả Chỉ số DDCI năm 2030 của tỉnh Tuyên Quang

Đơn vị | Tổng điểm | Xếp hạng
Sở Tư pháp | 88,50 | 1
Huyện Hàm Yên | 85,00 | 2
Thành phố Tuyên Quang | 84,20 | 3
"""


def test_units_of_a_province_are_their_own_subjects() -> None:
    facts = _facts(VI_UNITS, "vi")
    assert "Tuyen Quang" not in {f.subject for f in facts}  # the city is not the province
    district = next(f for f in facts if "Ham Yen" in (f.subject or ""))
    assert (district.index_name, district.score, district.rank) == ("DDCI", 85.0, 2)


EN_SERIES = """Quang Tri's PAPI results over the years:

Year | Score | Rank
2027 | 41.80 | 35
2028 | 42.95 | 22
"""

TH_SERIES = """ผลดัชนี PAPI ของจังหวัดกว๋างจิ

| ปี | คะแนน | อันดับ |
|---|---|---|
| 2570 | 41.80 | 35 |
| 2571 | 42.95 | 22 |
"""


def test_a_year_column_gives_each_row_its_year_for_the_captions_province() -> None:
    expected = {
        ("PAPI", "Quang Tri", 2027, 41.8, 35),
        ("PAPI", "Quang Tri", 2028, 42.95, 22),
    }
    assert _rows(_facts(EN_SERIES, "en")) == expected
    assert _rows(_facts(TH_SERIES, "th")) == expected


EN_OTHER_METRIC = """Binh Duong kept its place in the PCI 2031 ranking.
Provincial GDP growth in 2031:

Province | Total
Binh Duong | 8.50
Dong Nai | 7.90
"""


def test_a_table_of_another_metric_gives_no_index_fact() -> None:
    assert not any(f.rule == "table" for f in _facts(EN_OTHER_METRIC, "en"))


JA_PREVIOUS = """2031年のPCI（省別競争力指数）

| 省 | 総合得点 | 前年順位 |
|---|---|---|
| ビンズオン省 | 66.40 | 3 |
| ドンナイ省 | 63.90 | 9 |
"""


def test_last_years_rank_column_is_not_this_editions_rank() -> None:
    assert _rows(_facts(JA_PREVIOUS, "ja")) == {
        ("PCI", "Binh Duong", 2031, 66.4, None),
        ("PCI", "Dong Nai", 2031, 63.9, None),
    }


def test_confidence_tells_header_from_row_order_and_caption_from_context() -> None:
    headed = _facts(ZH_TOTAL, "zh")
    assert {(f.rule, f.confidence) for f in headed} == {("table", 0.95)}
    ordinal = _facts(TH_ORDINAL, "th")
    assert {f.rule for f in ordinal} == {"table; rank from row order"}
    assert all(f.confidence < 0.8 for f in ordinal)  # shown one click away
    series = _facts(EN_COMPONENTS.replace("Provincial Competitiveness Index", "PCI ranking"), "en")
    assert {f.rule for f in series} == {"table"}  # the title over the table names the index


ZH_RANK_WORDS = """2031年省级竞争力指数（PCI）前三名

| 名次 | 省份 | 总分 |
|---|---|---|
| 第1名 | 广宁省 | 73.10分 |
| 第2名 | 海防市 | 72.40分 |
"""


def test_rank_and_unit_words_around_cell_numbers() -> None:
    assert _rows(_facts(ZH_RANK_WORDS, "zh")) == {
        ("PCI", "Quang Ninh", 2031, 73.1, 1),
        ("PCI", "Hai Phong", 2031, 72.4, 2),
    }


DE_TABS = (
    "PCI 2031 im Mekong-Delta:\n\nProvinz\tPunkte\tPlatz\nDong Thap\t71,20\t2\nLong An\t69,80\t7\n"
)
DE_SPACES = DE_TABS.replace("\t", "    ")


def test_tab_and_space_separated_rows() -> None:
    expected = {("PCI", "Dong Thap", 2031, 71.2, 2), ("PCI", "Long An", 2031, 69.8, 7)}
    assert _rows(_facts(DE_TABS, "de")) == expected
    assert _rows(_facts(DE_SPACES, "de")) == expected


def test_a_rank_cell_with_its_total() -> None:
    text = (
        "PAPI 2031:\n\n| Tỉnh | Điểm | Xếp hạng |\n|---|---|---|\n"
        "| Bến Tre | 45,10 | 2/63 |\n| Trà Vinh | 44,35 | 9/63 |\n"
    )
    facts = _facts(text, "vi")
    assert {(f.subject, f.score, f.rank, f.rank_total) for f in facts} == {
        ("Ben Tre", 45.1, 2, 63),
        ("Tra Vinh", 44.35, 9, 63),
    }
