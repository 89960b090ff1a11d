"""Language-fair vector search: each language's mean vector taken out of queries and chunks.

A multilingual embedder places a text partly by its language: a French query sits closer to
every French chunk, whatever it is about, than to a Japanese chunk about the same thing (the
same-language pull of issue 11). The mean vector of a language's chunks estimates that
language component (Libovický et al., 2020, "On the Language Neutrality of Pre-trained
Multilingual Representations"). Search compares the query minus its language's mean with
each chunk minus its article language's mean, so what is left is mostly what they are about.

``newsintel index`` stores each language's summed vectors (``embedding_means``); a language
with few chunks is pulled towards the mean of all chunks (its own mean would be mostly its
few chunks' topic). The query's language is the detector's guesses, weighted. The nearest
chunks of the centred query are then scored exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlite_utils import Database

from index.embeddings import decode_vector, encode_vector

__all__ = [
    "PRIOR_CHUNKS",
    "LanguageMeans",
    "centre_query",
    "centred_scores",
    "language_means",
    "refresh_language_means",
]

Vector = npt.NDArray[np.float32]
# A language with n chunks gets (n * its mean + PRIOR_CHUNKS * the overall mean) / (n + PRIOR).
PRIOR_CHUNKS = 32
_BATCH = 4096


@dataclass(frozen=True, slots=True)
class LanguageMeans:
    """Mean chunk vector per article language (shrunk towards the overall mean)."""

    by_language: dict[str, Vector]
    overall: Vector

    def of(self, language: str | None) -> Vector:
        """Return ``language``'s mean, or the overall mean for a language without chunks."""
        return self.by_language.get(language or "", self.overall)


def refresh_language_means(db: Database, model: str) -> int:
    """Recompute ``embedding_means`` for ``model`` from its embeddings; return the languages."""
    sums: dict[str, Vector] = {}
    counts: dict[str, int] = {}
    cursor = db.conn.execute(
        "select coalesce(a.language, ''), e.vector from embeddings e "
        "join chunks c on c.id = e.chunk_id join articles a on a.url = c.article_url "
        "where e.model = ?",
        [model],
    )
    while rows := cursor.fetchmany(_BATCH):
        languages = np.array([language for language, _ in rows])
        matrix = decode_vector(b"".join(blob for _, blob in rows)).reshape(len(rows), -1)
        for language in set(languages.tolist()):
            part = matrix[languages == language]
            sums[language] = sums.get(language, np.zeros(part.shape[1], np.float32)) + part.sum(0)
            counts[language] = counts.get(language, 0) + len(part)
    with db.conn:
        db.execute("delete from embedding_means where model = ?", [model])
        db.conn.executemany(
            "insert into embedding_means (model, language, chunks, vector) values (?, ?, ?, ?)",
            [(model, lang, counts[lang], encode_vector(total)) for lang, total in sums.items()],
        )
    return len(sums)


def language_means(conn: Any, model: str) -> LanguageMeans | None:
    """Read the stored means of ``model``; None before ``newsintel index`` computed them."""
    exists = conn.execute(
        "select 1 from sqlite_master where type = 'table' and name = 'embedding_means'"
    ).fetchone()
    if exists is None:  # a read-only database written before m130
        return None
    rows = conn.execute(
        "select language, chunks, vector from embedding_means where model = ?", [model]
    ).fetchall()
    if not rows:
        return None
    sums = {str(language): decode_vector(blob) for language, _, blob in rows}
    counts = {str(language): int(chunks) for language, chunks, _ in rows}
    overall = np.sum(list(sums.values()), axis=0) / max(sum(counts.values()), 1)
    by_language = {
        language: (total + PRIOR_CHUNKS * overall) / (counts[language] + PRIOR_CHUNKS)
        for language, total in sums.items()
    }
    return LanguageMeans(by_language, overall.astype(np.float32))


def _query_languages(text: str) -> list[tuple[str, float]]:
    """(language, weight) of the query: the detector's guesses, or nothing without them."""
    try:
        from extract.language import detect_candidates  # type: ignore[import-not-found,unused-ignore]
    except ImportError:  # pragma: no cover - the extractor is part of the project
        return []
    return [(g.language, g.confidence) for g in detect_candidates(text) if g.confidence > 0]


def centre_query(vector: Vector, text: str, means: LanguageMeans) -> Vector:
    """Return the query vector minus its language's mean (guesses weighted by confidence)."""
    guesses = [(lang, w) for lang, w in _query_languages(text) if lang in means.by_language]
    total = sum(w for _, w in guesses)
    mean = means.overall
    if total:
        mean = np.sum([means.of(lang) * (w / total) for lang, w in guesses], axis=0)
    return np.asarray(vector - mean, dtype=np.float32)


def centred_scores(
    conn: Any, model: str, query: Vector, chunk_ids: Sequence[int], means: LanguageMeans
) -> list[tuple[int, float]]:
    """Cosine of the centred ``query`` with each centred chunk, best first."""
    if not chunk_ids:
        return []
    marks = ",".join("?" * len(chunk_ids))
    rows = conn.execute(
        "select e.chunk_id, e.vector, a.language from embeddings e "
        "join chunks c on c.id = e.chunk_id join articles a on a.url = c.article_url "
        f"where e.model = ? and e.chunk_id in ({marks})",
        [model, *chunk_ids],
    ).fetchall()
    if not rows:
        return []
    matrix = decode_vector(b"".join(blob for _, blob, _ in rows)).reshape(len(rows), -1)
    centred = matrix - np.stack([means.of(language) for _, _, language in rows])
    norms = np.linalg.norm(centred, axis=1) * max(float(np.linalg.norm(query)), 1e-9)
    scores = centred @ query / np.maximum(norms, 1e-9)
    order = np.argsort(-scores, kind="stable")
    return [(int(rows[i][0]), float(scores[i])) for i in order]
