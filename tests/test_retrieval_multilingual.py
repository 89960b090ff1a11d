"""Search in any language finds the answer in any language (issue 11): floors per query language.

The multilingual retrieval set (tests/fixtures/retrieval/queries_multilingual.json, queries in
ten languages besides English, each answered in another language) and the 70 English queries
run over the gold fixture corpus stored with its gold facts. Vectors come from the
deterministic fake embedder, so these figures measure what full-text search, query
understanding and the fact bonus do on their own: the queries about an index result are
floored here; a topic asked in one language and described in another needs a real
multilingual model, so the "topic" queries are measured by
``python -m bench.retrieval_eval --table`` (docs/readme/index.md). Floors live in
tests/retrieval_floors.json; a query language below its floor fails here.
"""

import json
from collections import Counter
from pathlib import Path

import pytest

from bench.retrieval_eval import evaluate, load_corpus, load_gold, load_queries
from index.embeddings import get_embedder
from index.indexer import index_database
from index.schema import open_db

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests/fixtures/gold"
MULTILINGUAL = ROOT / "tests/fixtures/retrieval/queries_multilingual.json"
ENGLISH = ROOT / "tests/fixtures/retrieval/queries.json"
FLOORS = json.loads((ROOT / "tests/retrieval_floors.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def gold():
    return load_gold(GOLD)


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory, gold):
    path = tmp_path_factory.mktemp("retrieval") / "gold.db"
    db = open_db(path)
    load_corpus(db, gold, "gold")
    index_database(db, path, get_embedder("fake"))
    return db


def test_each_query_language_has_enough_queries_answered_in_another_language(gold):
    queries = load_queries(MULTILINGUAL)
    counts = Counter(q["language"] for q in queries)
    assert len(counts) >= 11
    assert min(counts.values()) >= 5, counts
    assert len({q["id"] for q in queries}) == len(queries)
    for query in queries:
        assert query["target"] in gold, query["id"]
        assert gold[query["target"]][1]["language"] != query["language"], query["id"]


def test_also_relevant_articles_state_the_targets_fact(gold):
    """An article counted as an answer too states a fact of the target, figures and all."""
    for query in load_queries(MULTILINGUAL):
        target_facts = {
            (f.get("subject"), f["index"], f.get("year"), f.get("score"), f.get("rank"))
            for f in gold[query["target"]][1]["index_facts"]
        }
        for other in query["also_relevant"]:
            facts = {
                (f.get("subject"), f["index"], f.get("year"), f.get("score"), f.get("rank"))
                for f in gold[other][1]["index_facts"]
            }
            assert target_facts & facts, (query["id"], other)


@pytest.mark.parametrize(("name", "path"), [("multilingual", MULTILINGUAL), ("english", ENGLISH)])
def test_every_query_language_stays_above_its_floor(corpus_db, gold, name, path):
    floors = FLOORS[name]
    queries = [q for q in load_queries(path) if q["kind"] == "fact"]
    report = evaluate(corpus_db, queries, gold, get_embedder("fake"), ("hybrid",))
    rows = report["hybrid_by_query_language"]
    below = {
        language: (row["recall@5"], row["mrr"])
        for language, row in rows.items()
        if row["recall@5"] < floors["recall@5"] or row["mrr"] < floors["mrr"]
    }
    assert not below, (below, report["misses"]["hybrid"])
