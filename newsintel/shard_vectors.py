"""Embeddings computed on Dask workers: per-shard vector files and a look-up for the merge.

A worker chunks each extracted article with ``index.text.chunk_text`` (the indexer's own
chunker, so the same text gives the same chunks) and embeds the chunks with
``index.embeddings.get_embedder(model)`` (loaded once per worker process). The vectors of
one shard go to one ``.vectors.npy`` file beside its JSONL result shard, whose lines name
their rows and chunk hashes. The merge hands the indexer a ``PrecomputedEmbedder`` that
answers ``embed_passages`` from those files, so ``index.indexer.embed_chunks`` stores the
workers' vectors through the normal path, and only a chunk it cannot find is embedded here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["PrecomputedEmbedder", "VectorShard", "embed_text", "vectors_path"]

Vectors = npt.NDArray[np.float32]


def vectors_path(result_shard: str | Path) -> Path:
    """Return the vector file that belongs to a JSONL result shard."""
    path = Path(result_shard)
    return path.with_name(path.name.replace(".extractions.jsonl.gz", ".vectors.npy"))


def embed_text(text: str, model: str) -> tuple[dict[str, Any], Vectors]:
    """Chunk and embed one article's text; return its chunk description and vectors."""
    from index.embeddings import get_embedder
    from index.text import chunk_text, text_hash

    embedder = get_embedder(model)
    chunks = chunk_text(text)
    if chunks:
        vectors = embedder.embed_passages([c.text for c in chunks])
    else:
        vectors = np.zeros((0, embedder.dim), dtype=np.float32)
    meta = {
        "model": embedder.name,
        "dim": embedder.dim,
        "hashes": [text_hash(c.text) for c in chunks],
    }
    return meta, np.asarray(vectors, dtype=np.float32)


class VectorShard:
    """Collects one shard's vectors in order; ``save`` writes them atomically."""

    def __init__(self) -> None:
        self._parts: list[Vectors] = []
        self.rows = 0

    def add(self, vectors: Vectors) -> tuple[int, int]:
        """Append ``vectors``; return their (first, end) rows in the file."""
        start = self.rows
        self._parts.append(vectors)
        self.rows += len(vectors)
        return start, self.rows

    def save(self, path: Path) -> None:
        """Write the vectors as ``.npy`` (complete or absent, like the JSONL shard)."""
        dim = self._parts[0].shape[1] if self._parts else 0
        data = np.concatenate(self._parts) if self._parts else np.zeros((0, dim), np.float32)
        partial = path.with_name(path.name + ".partial")
        with partial.open("wb") as handle:
            np.save(handle, data.astype(np.float32))
        partial.replace(path)


class PrecomputedEmbedder:
    """An ``index.embeddings.Embedder`` answering passages from vectors made on workers.

    Misses (a chunk the workers did not embed) go to the real model, loaded on first use.
    """

    def __init__(self, model: str, dim: int, lookup: dict[str, Vectors], *, spec: str) -> None:
        self.name = model
        self.dim = dim
        self.misses = 0
        self._lookup = lookup
        self._spec = spec
        self._fallback: Any = None

    def _model(self) -> Any:
        if self._fallback is None:
            from index.embeddings import get_embedder

            self._fallback = get_embedder(self._spec)
        return self._fallback

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Return the workers' vector for each text (the model's for a text they missed)."""
        from index.text import text_hash

        rows: list[Vectors | None] = [self._lookup.get(text_hash(t)) for t in texts]
        missing = [i for i, row in enumerate(rows) if row is None]
        if missing:
            self.misses += len(missing)
            fresh = self._model().embed_passages([texts[i] for i in missing])
            for i, vector in zip(missing, fresh, strict=True):
                rows[i] = vector
        if not rows:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([np.asarray(r, dtype=np.float32) for r in rows])

    def embed_query(self, text: str) -> Vectors:
        """Embed a query with the real model (queries are never precomputed)."""
        return self._model().embed_query(text)  # type: ignore[no-any-return]
