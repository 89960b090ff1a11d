"""Query analysis, merger roll-up, fact candidates and bounded full-text candidate sets."""

from datetime import date
from pathlib import Path

import pytest

from extract.models import Entity, Evidence, Extraction, IndexFact
from index import search as search_module
from index.indexer import index_database
from index.places import related_places
from index.query import analyse_query
from index.schema import open_db
from index.search import SearchFilters, search
from index.store import save_extraction
from index.text import _fold_char, fold_with_offsets

ROOT = Path(__file__).resolve().parents[1]


def _article(url, language, published, text, facts=(), provinces=()):
    """An extraction whose facts state ``facts`` = [(index, subject, year, sentence)]."""
    index_facts = []
    for index_name, subject, year, sentence in facts:
        start = text.index(sentence)
        index_facts.append(
            IndexFact(
                index_name=index_name,
                index_label=None,
                subject=subject,
                year=year,
                score=None,
                score_unit=None,
                rank=1,
                rank_total=63,
                rank_change=None,
                comparison_label=None,
                comparison_value=None,
                evidence=Evidence(sentence, start, start + len(sentence)),
            )
        )
    entities = [Entity(p, "PROVINCE", p, 0, len(p)) for p in provinces]
    return Extraction(
        url=url,
        language=language,
        text=text,
        title=text.split(".")[0],
        published=date.fromisoformat(published),
        entities=tuple(entities),
        index_facts=tuple(index_facts),
    )


HUE_2024 = "Thừa Thiên Huế dẫn đầu Chỉ số PAR năm 2024 với 92 điểm."
TURKISH = "Bu il rekabet endeksinde birinci oldu ve yatırımcılar memnun."
ARTICLES = [
    _article(
        "https://a.example/hue-2024",
        "vi",
        "2025-03-01",
        HUE_2024 + " Tỉnh tiếp tục cải cách.",
        [("PAR_INDEX", "Thua Thien Hue", 2024, HUE_2024)],
    ),
    _article(
        "https://a.example/ninh-binh-2024",
        "en",
        "2025-03-02",
        "Ninh Binh was fifth in the PAR Index 2024. Reform of procedures went on.",
        [("PAR_INDEX", "Ninh Binh", 2024, "Ninh Binh was fifth in the PAR Index 2024.")],
    ),
    _article(
        "https://a.example/tr-quang-ninh",
        "tr",
        "2023-05-01",
        TURKISH,
        [("PCI", "Quang Ninh", 2022, TURKISH)],
    ),
    *(
        _article(
            f"https://a.example/reform-{i}",
            "en",
            f"2024-01-{i + 1:02d}",
            f"Administrative reform news number {i} about online services and reform.",
        )
        for i in range(12)
    ),
    _article(
        "https://a.example/quang-ninh-reform",
        "en",
        "2022-02-02",
        "Quang Ninh pushed its reform of one-stop shops.",
        provinces=["Quang Ninh"],
    ),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("query") / "query.db"
    database = open_db(path)
    for article in ARTICLES:
        save_extraction(database, article, source="test")
    index_database(database, path, None)
    return database


@pytest.mark.parametrize(
    ("query", "terms", "phrase"),
    [
        ("Thanh Hoa province", ("province",), "thanh hoa"),
        ("Tỉnh Nghệ An PCI", ("tinh",), "nghe an"),
        ("chi so cai cach hanh chinh Nghe An", (), "cai cach hanh chinh"),
        ("department PAR 2023", ("department", "2023"), "par"),
    ],
)
def test_place_and_index_names_are_whole_phrases(query, terms, phrase):
    analysis = analyse_query(query)
    assert analysis.terms == terms
    assert phrase in analysis.phrases


@pytest.mark.parametrize(
    ("name", "years", "expected"),
    [
        ("Hue", [2024], {"Hue": 1.0, "Thua Thien Hue": 1.0}),  # Hue did not exist in 2024
        ("Nam Dinh", [2025], {"Nam Dinh": 1.0, "Ninh Binh": 1.0}),  # merged in mid-2025
        ("Ninh Binh", [2024], {"Ninh Binh": 1.0, "Ha Nam": 0.5, "Nam Dinh": 0.5}),
        ("Hanoi", [2024], {"Hanoi": 1.0}),
    ],
)
def test_related_places_follow_the_2025_mergers(name, years, expected):
    assert related_places(name, years) == expected


def test_post_merger_name_finds_the_predecessor_fact(db):
    results = search(db.conn, "Thành phố Huế PAR Index 2024", mode="fts", k=3)
    assert results[0].url == "https://a.example/hue-2024"
    assert results[0].fact_match == 1.0


def test_province_filter_rolls_up_merged_units(db):
    results = search(db.conn, "PAR Index 2024", mode="fts", filters=SearchFilters(province="Hue"))
    assert [r.url for r in results] == ["https://a.example/hue-2024"]


def test_fact_candidates_find_an_article_without_the_query_words(db):
    # Turkish text names neither the province nor the index: only its fact matches.
    results = search(db.conn, "Quang Ninh PCI 2022", mode="fts", k=3)
    assert results[0].url == "https://a.example/tr-quang-ninh"
    assert "rekabet" in results[0].passage


def test_index_records_token_counts(db):
    tables = {r[0] for r in db.execute("select distinct fts_table from fts_token_counts")}
    assert {"chunks_fts", "evidence_fts"} <= tables


def test_common_and_absent_phrases_are_left_out(db, monkeypatch):
    monkeypatch.setattr(search_module, "MATCH_BUDGET", 5)
    expression, scored = search_module._bounded(
        db.conn, "chunks_fts", ["reform", "quang ninh", "xyzzy"]
    )
    assert (expression, scored) == ('"quang ninh"', True)


def test_bounded_search_still_ranks_the_rare_match_first(db, monkeypatch):
    monkeypatch.setattr(search_module, "MATCH_BUDGET", 5)
    results = search(db.conn, "reform Quang Ninh one-stop", mode="fts", k=3)
    assert results[0].url == "https://a.example/quang-ninh-reform"


def test_a_query_of_only_common_words_returns_the_latest_indexed_matches(db, monkeypatch):
    monkeypatch.setattr(search_module, "MATCH_BUDGET", 5)
    results = search(db.conn, "online services", mode="fts", k=3)
    assert results[0].url == "https://a.example/reform-11"


@pytest.mark.parametrize(
    "text", ["Tỉnh Nghệ An công bố (PAR) ＰＡＲ", "plain ascii", "مُحَافَظَة 2023 Tromsø", ""]
)
def test_fold_with_offsets_matches_per_character_folding(text):
    folded, offsets = fold_with_offsets(text)
    expected = [(i, p) for i, c in enumerate(text) for p in _fold_char(c)]
    assert folded == "".join(p for _, p in expected)
    assert offsets == [i for i, _ in expected]


def test_retrieval_queries_load_and_name_gold_articles():
    from bench.retrieval_eval import load_gold, load_queries

    gold = load_gold(ROOT / "tests/fixtures/gold")
    queries = load_queries(ROOT / "tests/fixtures/retrieval/queries.json")
    assert len(queries) >= 30
    assert {q["target"] for q in queries} <= set(gold)
