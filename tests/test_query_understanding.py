"""Query understanding in every lexicon language, and the fact boost it drives (issue 11)."""

from datetime import date

import pytest
from datasette.app import Datasette
from index_corpus import build_db

from extract.models import Evidence, Extraction, IndexFact
from index.embeddings import get_embedder
from index.indexer import index_database
from index.publish import metadata_for
from index.query import analyse_query
from index.schema import open_db
from index.search import search
from index.store import save_extraction
from index.understanding import summary


@pytest.mark.parametrize(
    ("query", "province", "index", "year", "change"),
    [
        ("Phú Yên chỉ số PAR 2023 tụt 5 bậc", "Phu Yen", "PAR_INDEX", 2023, -5),
        ("富安省2023年PAR指数下降5位", "Phu Yen", "PAR_INDEX", 2023, -5),
        ("太平省2023年PAR指数上升11位", "Thai Binh", "PAR_INDEX", 2023, 11),
        ("선라성 2022년 PAR 지수 3계단 하락", "Son La", "PAR_INDEX", 2022, -3),
        ("ฟูเอียน ดัชนี PAR ปี 2023 ลดลง 5 อันดับ", "Phu Yen", "PAR_INDEX", 2023, -5),
        ("ฟูเอียน ดัชนี PAR ปี 2566 ลดลง 5 อันดับ", "Phu Yen", "PAR_INDEX", 2023, -5),
        ("Шонла индекс PAR 2022 опустилась на три позиции", "Son La", "PAR_INDEX", 2022, -3),
        ("Yen Bai PAPI 2023 naik 12 peringkat", "Yen Bai", "PAPI", 2023, 12),
        ("Phu Yen PAR Index 2024 up 14 places", "Phu Yen", "PAR_INDEX", 2024, 14),
    ],
)
def test_province_index_year_and_change_are_understood(query, province, index, year, change):
    understood = analyse_query(query).understood()
    assert understood["provinces"] == [province]
    assert understood["indexes"] == [index]
    assert understood["years"] == [year]
    assert understood["rank_changes"] == [change]


@pytest.mark.parametrize(
    ("query", "change"),
    [
        ("Tay Ninh PCI 2023 um vier Plätze gefallen", -4),  # the verb after the places decides
        ("Vinh Long PAPI 2019 sieben Plätze gewonnen", 7),
        ("Ha Giang recule de trois places au PAPI 2023", -3),
        ("Lam Dong bajó tres puestos en el PCI 2022", -3),
    ],
)
def test_rank_changes_written_in_words_are_understood(query, change):
    assert analyse_query(query).understood()["rank_changes"] == [change]


def test_bare_korean_province_name_is_understood():
    understood = analyse_query("꼰뚬 2023년 PAPI 점수와 순위").understood()
    assert (understood["provinces"], understood["indexes"]) == (["Kon Tum"], ["PAPI"])


@pytest.mark.parametrize(
    ("query", "asks"),
    [
        ("Куангнинь PCI 2022 баллы", True),
        ("กว๋างนิญ PCI 2022 คะแนน", True),
        ("꼰뚬 2023년 PAPI 점수와 순위", True),
        ("Quang Ninh PCI 2022 score", True),
        ("Quang Ninh PCI 2022 score of 70.41", False),  # the score is named, not asked
        ("Phu Yen PAR Index 2023 fell five places", False),
    ],
)
def test_a_score_word_without_a_number_asks_for_a_score(query, asks):
    assert analyse_query(query).understood()["asks_score"] is asks


@pytest.mark.parametrize(
    ("query", "rank"),
    [("Ha Nam PAR Index 2021 seventh place", 7), ("Which province ranked first in PAPI 2022?", 1)],
)
def test_ranks_are_understood(query, rank):
    assert analyse_query(query).understood()["ranks"] == [rank]


def test_index_name_touching_cjk_is_understood():
    understood = analyse_query("河内2023年PAPI排名").understood()
    assert (understood["provinces"], understood["indexes"]) == (["Hanoi"], ["PAPI"])


def test_sub_provincial_unit_is_understood():
    understood = analyse_query("Sở Tư pháp Tuyên Quang PAR 2023").understood()
    assert understood["units"] == ["Department of Justice (Tuyen Quang)"]


def test_summary_reads_like_the_search_page():
    understood = analyse_query("Phú Yên chỉ số PAR 2024 tăng 14 bậc").understood()
    assert summary(understood) == "Phu Yen · PAR Index · 2024 · up 14 places"


def _article(slug: str, language: str, text: str, evidence: str, **fact: object) -> Extraction:
    start = text.index(evidence)
    return Extraction(
        url=f"https://news.example.org/{slug}",
        language=language,
        text=text,
        title=text.split(".")[0],
        published=date(2024, 3, 1),
        index_facts=(
            IndexFact(
                index_name="PAR_INDEX",
                index_label=None,
                subject=str(fact["subject"]),
                year=int(fact["year"]),  # type: ignore[call-overload]
                score=None,
                score_unit=None,
                rank=fact.get("rank"),  # type: ignore[arg-type]
                rank_total=63,
                rank_change=fact.get("change"),  # type: ignore[arg-type]
                comparison_label=None,
                comparison_value=None,
                evidence=Evidence(evidence, start, start + len(evidence)),
            ),
        ),
    )


# Written for these tests. The Chinese and Korean articles share the query's script and
# words but state other facts; the answers are in French and Spanish.
ARTICLES = [
    _article(
        "fr-phu-yen-recule",
        "fr",
        "Phu Yen recule. Dans l'indice PAR 2023, Phu Yen perd cinq places et se classe 35e.",
        "Dans l'indice PAR 2023, Phu Yen perd cinq places et se classe 35e.",
        subject="Phu Yen",
        year=2023,
        rank=35,
        change=-5,
    ),
    _article(
        "es-phu-yen-sube",
        "es",
        "Phu Yen sube. En el índice PAR 2023, Phu Yen gana tres puestos hasta el puesto 12.",
        "En el índice PAR 2023, Phu Yen gana tres puestos hasta el puesto 12.",
        subject="Phu Yen",
        year=2023,
        rank=12,
        change=3,
    ),
    _article(
        "zh-phu-yen-2022",
        "zh",
        "富安省行政改革指数。2022年富安省PAR指数下降5位，排名第30位。",
        "2022年富安省PAR指数下降5位，排名第30位。",
        subject="Phu Yen",
        year=2022,
        rank=30,
        change=-5,
    ),
    _article(
        "ko-son-la-2023",
        "ko",
        "선라성 행정개혁. 2023년 선라성 PAR 지수 3계단 상승, 40위.",
        "2023년 선라성 PAR 지수 3계단 상승, 40위.",
        subject="Son La",
        year=2023,
        rank=40,
        change=3,
    ),
]


@pytest.fixture(scope="module")
def facts_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("understanding") / "news.db"
    db = open_db(path)
    for extraction in ARTICLES:
        save_extraction(db, extraction, source=f"test-{extraction.language}")
    index_database(db, path, get_embedder("fake"))
    return db


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("富安省2023年PAR指数下降5位", "fr-phu-yen-recule"),  # zh query, fr answer
        ("Phú Yên chỉ số PAR 2023 tụt 5 bậc", "fr-phu-yen-recule"),  # vi query, fr answer
        ("푸옌성 2023년 PAR 지수 3계단 상승", "es-phu-yen-sube"),  # ko query, es answer
        ("ฟูเอียน ดัชนี PAR ปี 2023 ขึ้น 3 อันดับ", "es-phu-yen-sube"),  # th query, es answer
    ],
)
def test_fact_boost_finds_the_story_in_another_language(facts_db, query, expected):
    results = search(facts_db.conn, query, mode="hybrid", k=4, embedder=get_embedder("fake"))
    assert results[0].url.rsplit("/", 1)[-1] == expected
    assert results[0].fact_match == 1.0


@pytest.fixture(scope="module")
def datasette_app(tmp_path_factory):
    path = tmp_path_factory.mktemp("understood-ds") / "newsintel.db"
    build_db(path)
    return Datasette([str(path)], metadata=metadata_for("newsintel", model="fake"))


@pytest.mark.asyncio
async def test_search_json_and_page_show_what_was_understood(datasette_app):
    query = "富安省2023年PAR指数下降5位 <b>"
    data = (await datasette_app.client.get("/-/search.json", params={"q": query})).json()
    assert data["understood"]["provinces"] == ["Phu Yen"]
    assert data["understood"]["rank_changes"] == [-5]
    page = (await datasette_app.client.get("/-/search", params={"q": query})).text
    assert "searching for: Phu Yen · PAR Index · 2023 · down 5 places" in page
    assert "<b>" not in page.split('id="newsintel-understood"')[1].split("</p>")[0]
