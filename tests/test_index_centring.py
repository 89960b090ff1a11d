"""Language-fair vector search (index.centring): a same-language article wins only on topic."""

import re
from datetime import date

import numpy as np
import pytest

from extract.models import Extraction
from index.centring import PRIOR_CHUNKS, language_means
from index.indexer import index_database
from index.schema import open_db
from index.search import search
from index.store import save_extraction

# Written for this test. The toy embedder places a text mostly by its language (three times
# its topic), as multilingual embedders partly do: the Chinese query about ports is closer to
# every Chinese article than to the English article about ports. Each language has enough
# articles for its mean to outweigh the prior towards the overall mean.
TOPICS = {"port": ("port", "港口"), "school": ("school", "学校"), "tax": ("tax", "税收")}
LANGUAGES = ("zh", "en")


class LanguagePullEmbedder:
    """Deterministic vectors: 3 x one-hot language + one-hot topic, normalised."""

    name = "language-pull"
    dim = len(LANGUAGES) + len(TOPICS)

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        vector[0 if re.search(r"[\u4e00-\u9fff]", text) else 1] = 3.0
        for i, words in enumerate(TOPICS.values()):
            if any(word in text.lower() for word in words):
                vector[len(LANGUAGES) + i] = 1.0
        return vector / np.linalg.norm(vector)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)


def _article(slug: str, language: str, text: str) -> Extraction:
    return Extraction(
        url=f"https://news.example.org/{slug}",
        language=language,
        text=text,
        title=text.split("。")[0].split(".")[0],
        published=date(2024, 5, 1),
    )


ARTICLES = [
    _article("en-port", "en", "The city opened a digital port platform for container papers."),
    *(
        _article(f"zh-{topic}-{i}", "zh", f"第{i}篇：本省推进{words[1]}改革，办事更加方便。")
        for i in range(2 * PRIOR_CHUNKS)
        for topic, words in TOPICS.items()
        if topic != "port"
    ),
    *(
        _article(f"en-{topic}-{i}", "en", f"Story {i}: the province reformed its {words[0]} rules.")
        for i in range(2 * PRIOR_CHUNKS)
        for topic, words in TOPICS.items()
        if topic != "port"
    ),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("centring") / "news.db"
    database = open_db(path)
    for extraction in ARTICLES:
        save_extraction(database, extraction, source=f"test-{extraction.language}")
    index_database(database, path, LanguagePullEmbedder())
    return database


def _top(db) -> str:
    results = search(db.conn, "港口数字化平台", mode="vector", k=3, embedder=LanguagePullEmbedder())
    return results[0].url.rsplit("/", 1)[-1]


def test_index_stores_a_mean_per_language(db):
    means = language_means(db.conn, LanguagePullEmbedder.name)
    assert means is not None
    assert set(means.by_language) == {"zh", "en"}


def test_chinese_query_ranks_the_english_answer_above_unrelated_chinese_articles(db):
    assert _top(db) == "en-port"


def test_without_means_the_same_language_pull_wins(db, monkeypatch):
    monkeypatch.setattr("index.search.language_means", lambda conn, model: None)
    assert _top(db).startswith("zh-")
