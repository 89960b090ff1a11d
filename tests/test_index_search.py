import numpy as np
import pytest
from index_corpus import build_db, corpus_items, load_corpus, to_extraction

from index.embeddings import FakeEmbedder, get_embedder
from index.indexer import index_database
from index.search import SearchFilters, search
from index.store import save_extraction
from index.vectors import VectorIndex, exact_search, vector_index_path


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    database, _ = build_db(tmp_path_factory.mktemp("search") / "news.db")
    return database


def urls(results):
    return [r.url.rsplit("/", 1)[-1] for r in results]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Nghe An", "nghe-an-tilfredshet"),  # matches "Nghệ An"
        ("dong bo hoa", "qn-par-2023"),  # matches "Đồng bộ hóa"
        ("التَّحَوُّل الرَّقمي", "da-nang-digital"),  # harakat in the query only
        ("والرقمي", "da-nang-digital"),  # a clitic the text does not have
        ("河内", "hanoi-pci"),  # two-character CJK word
        ("tilfredshet", "nghe-an-tilfredshet"),
    ],
)
def test_fts_is_diacritic_and_script_aware(db, query, expected):
    assert urls(search(db.conn, query, mode="fts", k=3))[0] == expected


def test_gazetteer_expansion_finds_other_scripts(db):
    found = urls(search(db.conn, "Hanoi competitiveness", mode="fts", k=5))
    assert "hanoi-pci" in found


def test_fact_bonus_ranks_matching_article_first(db):
    results = search(
        db.conn, "Ninh Binh PAR Index 2022", mode="hybrid", k=3, embedder=get_embedder("fake")
    )
    assert urls(results)[0] == "ninh-binh-par-2022"
    assert results[0].fact_match == 1.0


@pytest.mark.parametrize(
    ("filters", "allowed"),
    [
        (SearchFilters(language="vi"), {"qn-par-2023"}),
        (
            SearchFilters(province="Quang Ninh", language="en"),
            {"quang-ninh-tops-reform-ranking", "qn-par-score"},
        ),
        (SearchFilters(index_name="SIPAS"), {"nghe-an-tilfredshet"}),
        (SearchFilters(date_from="2024-05-01"), {"qn-par-score", "da-nang-digital"}),
    ],
)
def test_filters(db, filters, allowed):
    results = search(
        db.conn, "reform index province", filters=filters, k=10, embedder=get_embedder("fake")
    )
    assert results
    assert set(urls(results)) <= allowed


def test_passage_is_highlighted_in_original_text(db):
    (first, *_) = search(db.conn, "Quang Ninh", mode="fts", k=1)
    start, end = first.highlights[0]
    assert "ninh" in first.passage[start:end].lower()


def test_k_is_bounded(db):
    assert len(search(db.conn, "reform", k=10_000, embedder=get_embedder("fake"))) <= 100


def test_stories_group_translations(db):
    rows = list(
        db.query(
            "select count(distinct story_id) n from story_articles "
            "where article_url like '%qn-par-2023' "
            "or article_url like '%quang-ninh-tops-reform-ranking'"
        )
    )
    assert rows[0]["n"] == 1


def test_timeline_counts_a_fact_once_per_story(db):
    (row,) = db.query(
        "select * from province_index_timeline where province = 'Quang Ninh' "
        "and index_name = 'PAR_INDEX' and year = 2023"
    )
    assert (row["score"], row["stories"], row["articles"], row["languages"]) == (91.5, 2, 3, 2)
    assert row["has_discrepancy"] == 1


def test_discrepancies_show_both_values(db):
    rows = list(
        db.query("select score_a, score_b from discrepancies where province = 'Quang Ninh'")
    )
    assert [sorted((r["score_a"], r["score_b"])) for r in rows] == [[90.1, 91.5]]


def test_indexing_is_incremental(tmp_path):
    path = tmp_path / "inc.db"
    db, first = build_db(path)
    assert first.embedded == first.chunks > 0
    again = index_database(db, path, get_embedder("fake"))
    assert (again.chunked_articles, again.embedded) == (0, 0)
    item = corpus_items()[3]
    item["text"] += "\nA new closing sentence about online services."
    save_extraction(db, to_extraction(item), source=item["source"])
    changed = index_database(db, path, get_embedder("fake"))
    assert changed.chunked_articles == 1
    assert changed.embedded == changed.chunks
    index = VectorIndex.open(vector_index_path(path, "fake:64"), 64)
    stored = {r[0] for r in db.execute("select chunk_id from embeddings")}
    assert index.keys() == stored


def test_model_change_reembeds(tmp_path):
    path = tmp_path / "model.db"
    db, _ = build_db(path)
    report = index_database(db, path, get_embedder("fake:32"))
    assert report.embedded == db["chunks"].count
    assert {r[0] for r in db.execute("select distinct dim from embeddings")} == {32}


def test_fts_only_without_embeddings(tmp_path):
    db, report = build_db(tmp_path / "noembed.db", model=None)
    assert report.embedded == 0
    assert search(db.conn, "Quang Ninh", embedder=None, k=2)


def _clustered(n, dim, seed=7):
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((20, dim)).astype(np.float32)
    data = centres[rng.integers(0, 20, n)] + 0.35 * rng.standard_normal((n, dim)).astype(np.float32)
    return data / np.linalg.norm(data, axis=1, keepdims=True)


def test_ann_agrees_with_exact_search():
    data = _clustered(4000, 64)
    keys = np.arange(1, len(data) + 1)
    index = VectorIndex(64)
    index.add(keys, data)
    queries = _clustered(30, 64, seed=11)
    recall = []
    for q in queries:
        exact = {k for k, _ in exact_search(data, keys, q, 10)}
        approx = {k for k, _ in index.search(q, 10, exact=False)}
        recall.append(len(exact & approx) / 10)
    assert np.mean(recall) >= 0.95


def test_vector_index_matches_sqlite_vectors(db, tmp_path):
    embedder = FakeEmbedder()
    rows = db.execute("select chunk_id, vector from embeddings").fetchall()
    keys = np.array([r[0] for r in rows])
    matrix = np.stack([np.frombuffer(r[1], dtype="<f4") for r in rows])
    index = VectorIndex(64)
    index.add(keys, matrix)
    query = embedder.embed_query("Quang Ninh reform")
    assert [k for k, _ in index.search(query, 3, exact=True)] == [
        k for k, _ in exact_search(matrix, keys, query, 3)
    ]


def test_loading_corpus_twice_changes_nothing(tmp_path):
    db, _ = build_db(tmp_path / "twice.db")
    before = db["articles"].count
    load_corpus(db)
    assert db["articles"].count == before


def _fact_item(url, published, score, rank):
    text = f"Quang Ninh had {score} points and rank {rank} in the 2023 PAR Index."
    return {
        "url": url,
        "source": "s",
        "language": "en",
        "published": published,
        "title": "t",
        "text": text,
        "entities": [],
        "initiatives": [],
        "facts": [
            {
                "index": "PAR_INDEX",
                "subject": "Quang Ninh",
                "year": 2023,
                "score": score,
                "rank": rank,
                "rank_total": 63,
                "evidence": text,
            }
        ],
    }


def test_stories_group_by_shared_figures_within_a_week():
    from index.schema import open_db
    from index.stories import group_stories

    db = open_db(":memory:")
    load_corpus(
        db,
        [
            _fact_item("https://a.example/1", "2024-04-10", 91.5, 1),
            _fact_item("https://b.example/1", "2024-04-12", 91.5, 1),
            _fact_item("https://c.example/1", "2024-06-30", 91.5, 1),  # same figures, too late
            _fact_item("https://d.example/1", "2024-04-11", 88.0, 5),  # other figures
        ],
    )
    report = group_stories(db)
    assert (report.stories, report.grouped) == (3, 2)


@pytest.mark.parametrize(
    "filters", [SearchFilters(language="en"), SearchFilters(province="Quang Ninh")]
)
def test_filtered_vector_search_through_the_index_agrees_with_a_scan(
    db, tmp_path, monkeypatch, filters
):
    from index import search as search_module

    path = tmp_path / "f.db"
    index = VectorIndex.open(vector_index_path(path, "fake:64"), 64)
    index.sync(db, "fake:64")

    def run(scan_below):
        monkeypatch.setattr(search_module, "_SCAN_FILTERED", scan_below)
        found = search(
            db.conn,
            "reform ranking",
            mode="vector",
            k=3,
            filters=filters,
            embedder=get_embedder("fake"),
            vectors=index,
        )
        return [(r.url, r.chunk_id) for r in found]

    through_index = run(0)
    assert through_index
    assert through_index == run(10**9)
