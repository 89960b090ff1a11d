"""Parallel vector-file builds: the seeded graph, the recall check after builds, reopening."""

import json

import numpy as np
import pytest
from index_corpus import build_db
from usearch.index import Index

from index import vectors as vectors_module
from index.embeddings import decode_vector, get_embedder
from index.indexer import index_database
from index.vectors import (
    EXPANSION_ADD,
    EXPANSION_SEARCH,
    MAX_EXPANSION_SEARCH,
    SEED_SIZE,
    VectorIndex,
    Verification,
    build_threads,
    vector_index_path,
)


def _clustered(n, dim, seed=7, centres=20):
    rng = np.random.default_rng(seed)
    middle = rng.standard_normal((centres, dim)).astype(np.float32)
    data = middle[rng.integers(0, centres, n)]
    data = data + 0.35 * rng.standard_normal((n, dim)).astype(np.float32)
    return data / np.linalg.norm(data, axis=1, keepdims=True)


def test_a_graph_is_seeded_single_threaded_then_built_with_every_core(monkeypatch):
    calls = []
    add = Index.add

    def spy(self, keys, vectors, **kwargs):
        calls.append((len(keys), kwargs.get("threads")))
        return add(self, keys, vectors, **kwargs)

    monkeypatch.setattr(Index, "add", spy)
    monkeypatch.setattr(vectors_module, "build_threads", lambda: 2)
    index = VectorIndex(16)
    data = _clustered(SEED_SIZE + 500, 16)
    index.add(np.arange(len(data)), data)
    index.add(np.arange(len(data), len(data) + 10), _clustered(10, 16, seed=3))
    # concurrent inserts into a nearly empty graph left its upper layers poorly linked
    assert calls == [(SEED_SIZE, 1), (500, 2), (10, 2)]
    assert len(index) == SEED_SIZE + 510
    assert build_threads() >= 1


def test_parallel_builds_find_every_query_with_the_default_search_width():
    # 1012c23 switched threads off after builds of this corpus with 2 threads gave a query
    # recall 0.1 now and then: 22 builds in 40 lost a query unseeded, none of 100 seeded
    data = _clustered(4000, 64)
    keys = np.arange(1, len(data) + 1)
    queries = _clustered(30, 64, seed=11)
    truth = [set(keys[np.argpartition(-(data @ q), 10)[:10]].tolist()) for q in queries]
    worst = []
    for _ in range(6):  # unseeded, all six keep every query about one time in 100
        index = VectorIndex(64)
        index.add(keys, data, threads=2)
        found = [{k for k, _ in index.search(q, 10, exact=False)} for q in queries]
        worst.append(min(len(f & t) / 10 for f, t in zip(found, truth, strict=True)))
    assert min(worst) >= 0.5


def test_recall_check_rebuilds_a_poor_graph(monkeypatch):
    monkeypatch.setattr(vectors_module, "HNSW_THRESHOLD", 100)
    data = _clustered(3000, 32)
    index = VectorIndex(32)
    # a graph built as badly as possible: two links per node, a search width of 2
    index._index = Index(ndim=32, metric="cos", dtype="f16", connectivity=2, expansion_add=2)
    index._index.add(np.arange(len(data), dtype=np.uint64), data, threads=2)
    assert index.recall() < 0.9
    check = index.verify()
    assert check.rebuilt
    assert check.recall >= 0.99
    assert index.recall() >= 0.99
    assert index._index.connectivity == vectors_module.CONNECTIVITY
    assert sorted(int(k) for k in index._index.keys) == list(range(len(data)))


def test_recall_check_widens_the_search_and_keeps_it_beside_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(vectors_module, "HNSW_THRESHOLD", 100)
    data = _clustered(1500, 32)
    index = VectorIndex(32, path=tmp_path / "v.usearch")
    index.add(np.arange(len(data)), data)
    unreachable = index.verify(min_recall=1.01)  # never met: rebuilt once, then widest search
    assert unreachable.rebuilt
    assert unreachable.expansion_search == MAX_EXPANSION_SEARCH
    index.save()
    kept = json.loads((tmp_path / "v.usearch.json").read_text(encoding="utf-8"))
    assert kept["expansion_search"] == MAX_EXPANSION_SEARCH
    reopened = VectorIndex.open(tmp_path / "v.usearch", 32, view=True)
    assert reopened.expansion_search == MAX_EXPANSION_SEARCH
    assert index.verify() == Verification(index.verification.recall, EXPANSION_SEARCH, False, 200)


def test_a_reopened_file_is_extended_with_the_build_settings(tmp_path):
    index = VectorIndex(16, path=tmp_path / "v.usearch")
    index.add(np.arange(50), _clustered(50, 16))
    index.save()
    reopened = VectorIndex.open(tmp_path / "v.usearch", 16)
    # usearch keeps the graph in the file, not expansion_add (it came back as 128)
    assert reopened._index.expansion_add == EXPANSION_ADD
    assert reopened._index.connectivity == vectors_module.CONNECTIVITY
    assert reopened.expansion_search == EXPANSION_SEARCH


def test_newsintel_index_checks_the_vector_file_it_builds(tmp_path, monkeypatch):
    monkeypatch.setattr(vectors_module, "HNSW_THRESHOLD", 5)
    path = tmp_path / "news.db"
    db, report = build_db(path)
    assert report.verification is not None
    assert report.verification.sample > 0
    assert report.verification.recall >= 0.99
    assert "HNSW recall@10" in report.summary()
    assert vector_index_path(path, "fake:64").with_suffix(".usearch.json").exists()
    unchanged = index_database(db, path, get_embedder("fake"))
    assert unchanged.verification is None  # nothing changed: nothing rebuilt or checked


@pytest.mark.parametrize("size", [0, 1])
def test_recall_of_tiny_indexes(size):
    index = VectorIndex(8)
    index.add(np.arange(size), _clustered(size, 8) if size else np.zeros((0, 8), np.float32))
    assert index.recall() == 1.0


def test_rechunking_the_newest_article_replaces_the_vectors_of_reused_ids(tmp_path):
    path = tmp_path / "news.db"
    db, _ = build_db(path)
    (url,) = db.execute("select article_url from chunks order by id desc limit 1").fetchone()
    chunks = "select id from chunks where article_url = ?"
    before = {r[0] for r in db.execute(chunks, [url])}
    with db.conn:
        db.execute(
            "update articles set text = text || ' A closing line on fees.' where url = ?", [url]
        )
    index_database(db, path, get_embedder("fake"))
    reused = before & {r[0] for r in db.execute(chunks, [url])}
    assert reused  # SQLite hands the newest article's old ids to its new chunks
    index = VectorIndex.open(vector_index_path(path, "fake:64"), 64)
    for chunk_id in reused:
        (blob,) = db.execute(
            "select vector from embeddings where chunk_id = ?", [chunk_id]
        ).fetchone()
        assert index.search(decode_vector(blob), 1, exact=True)[0] == (
            chunk_id,
            pytest.approx(1, abs=1e-3),
        )
    assert not db.execute("select * from vector_file_stale").fetchall()
