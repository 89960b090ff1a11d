"""Helpers for the story tests: articles written straight into a database, test embedders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
from sqlite_utils import Database

from extract.models import Evidence, Extraction, IndexFact
from index.embeddings import FakeEmbedder
from index.store import save_extraction


def fact(
    text: str,
    sentence: str,
    *,
    subject: str,
    index: str = "PCI",
    year: int = 2023,
    score: float | None = None,
    rank: int | None = None,
    rank_change: int | None = None,
) -> IndexFact:
    """An index fact whose evidence is ``sentence`` inside ``text``."""
    start = text.index(sentence)
    return IndexFact(
        index_name=index,
        index_label=None,
        subject=subject,
        year=year,
        score=score,
        score_unit="points" if score is not None else None,
        rank=rank,
        rank_total=None,
        rank_change=rank_change,
        comparison_label=None,
        comparison_value=None,
        evidence=Evidence(sentence=sentence, span_start=start, span_end=start + len(sentence)),
    )


def save_article(
    db: Database,
    url: str,
    language: str,
    published: str,
    title: str,
    text: str,
    *,
    facts: Sequence[IndexFact] = (),
    original_url: str | None = None,
    source: str = "test",
) -> None:
    """Store one article (and its facts) as the extract stage would."""
    save_extraction(
        db,
        Extraction(
            url=url,
            language=language,
            text=text,
            title=title,
            published=date.fromisoformat(published),
            original_url=original_url,
            index_facts=tuple(facts),
        ),
        source=source,
    )


class TitleEmbedder:
    """Embeds a lead by the vector given for its title (its first line); counts its calls.

    Leads whose title has no vector get a hashing embedding, far from the given ones.
    """

    name = "title-test"

    def __init__(self, vectors: dict[str, Sequence[float]]) -> None:
        self.vectors = {k: np.asarray(v, dtype=np.float32) for k, v in vectors.items()}
        self.dim = len(next(iter(self.vectors.values())))
        self.fallback = FakeEmbedder(self.dim)
        self.embedded = 0

    def _one(self, text: str) -> np.ndarray:
        vector = self.vectors.get(text.split("\n")[0])
        if vector is None:
            return self.fallback.embed_query(text)
        return (vector / np.linalg.norm(vector)).astype(np.float32)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded += len(texts)
        return np.stack([self._one(t) for t in texts]) if texts else np.zeros((0, self.dim))

    def embed_query(self, text: str) -> np.ndarray:
        return self._one(text)


class CachedEmbedder:
    """Serves vectors computed once (by lead text) under the name of the model that made them."""

    def __init__(self, name: str, vectors: dict[str, np.ndarray]) -> None:
        self.name, self.vectors = name, vectors
        self.dim = len(next(iter(vectors.values())))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self.vectors[t] for t in texts]) if texts else np.zeros((0, self.dim))

    def embed_query(self, text: str) -> np.ndarray:
        return self.vectors[text]
