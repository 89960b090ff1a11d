"""The vector index file beside the database, rebuilt incrementally from SQLite.

SQLite (``embeddings``) is the source of truth. The file ``<db>.<model>.usearch`` holds the
same vectors keyed by chunk id for fast search: exact SIMD scan for small corpora, HNSW
beyond ``HNSW_THRESHOLD`` vectors. Deleting the file only costs a rebuild.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from sqlite_utils import Database
from usearch.index import Index

from index.embeddings import decode_vector

__all__ = ["HNSW_THRESHOLD", "VectorIndex", "exact_search", "vector_index_path"]

HNSW_THRESHOLD = 20_000
EXPANSION_SEARCH = 128
CONNECTIVITY = 32  # HNSW "M": more links, better recall at a modest build cost
EXPANSION_ADD = 200


def vector_index_path(db_path: str | Path, model: str) -> Path:
    """Return the index file for ``model`` beside the database at ``db_path``."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model).strip("_")
    return Path(f"{db_path}.{slug}.usearch")


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What a sync changed in the index file."""

    added: int
    removed: int
    total: int


class VectorIndex:
    """A usearch index of one model's chunk vectors (cosine), keyed by chunk id."""

    def __init__(self, dim: int, *, path: Path | None = None, dtype: str = "f16") -> None:
        self.dim = dim
        self.path = path
        self._index = Index(
            ndim=dim,
            metric="cos",
            dtype=dtype,
            connectivity=CONNECTIVITY,
            expansion_add=EXPANSION_ADD,
            expansion_search=EXPANSION_SEARCH,
        )

    @classmethod
    def open(cls, path: Path, dim: int, *, view: bool = False) -> VectorIndex:
        """Load the index at ``path`` (memory-mapped when ``view``), or a new empty one."""
        index = cls(dim, path=path)
        if path.exists():
            restored = Index.restore(str(path), view=view)
            if restored is not None and restored.ndim == dim:
                # usearch's stubs call this read-only; the setter exists at runtime
                restored.expansion_search = EXPANSION_SEARCH  # type: ignore[misc]
                index._index = restored
        return index

    def __len__(self) -> int:
        return len(self._index)

    def keys(self) -> set[int]:
        """Return the chunk ids in the index."""
        return {int(k) for k in np.asarray(self._index.keys)} if len(self._index) else set()

    def add(self, keys: npt.NDArray[np.int64], vectors: npt.NDArray[np.float32]) -> None:
        """Add vectors under ``keys`` (chunk ids)."""
        if len(keys):
            self._index.add(np.asarray(keys, dtype=np.uint64), vectors, threads=1)

    def remove(self, keys: list[int]) -> None:
        """Remove ``keys`` from the index."""
        if keys:
            self._index.remove(np.asarray(keys, dtype=np.uint64))

    def search(
        self, query: npt.NDArray[np.float32], k: int, *, exact: bool | None = None
    ) -> list[tuple[int, float]]:
        """Return up to ``k`` (chunk id, cosine similarity) pairs, best first."""
        if not len(self._index) or k <= 0:
            return []
        if exact is None:
            exact = len(self._index) <= HNSW_THRESHOLD
        matches = self._index.search(query, min(k, len(self._index)), exact=exact, threads=1)
        return [
            (int(key), 1.0 - float(dist))
            for key, dist in zip(matches.keys, matches.distances, strict=True)
        ]

    def save(self) -> None:
        """Write the index to its file."""
        if self.path is None:
            raise ValueError("this vector index has no path")
        # Written beside, then renamed over: a server that memory-maps the old file keeps
        # reading it (rewriting it in place would pull pages from under that mapping).
        partial = self.path.with_name(self.path.name + ".partial")
        self._index.save(str(partial))
        os.replace(partial, self.path)

    def sync(self, db: Database, model: str, *, batch: int = 5000) -> SyncReport:
        """Make the index hold exactly the vectors stored in ``db`` for ``model``."""
        stored = {
            row[0] for row in db.execute("select chunk_id from embeddings where model = ?", [model])
        }
        present = self.keys()
        stale = sorted(present - stored)
        self.remove(stale)
        missing = sorted(stored - present)
        for start in range(0, len(missing), batch):
            ids = missing[start : start + batch]
            marks = ",".join("?" * len(ids))
            rows = db.execute(
                "select chunk_id, vector from embeddings "
                f"where model = ? and chunk_id in ({marks})",
                [model, *ids],
            ).fetchall()
            keys = np.array([r[0] for r in rows], dtype=np.int64)
            self.add(keys, np.stack([decode_vector(r[1]) for r in rows]))
        return SyncReport(added=len(missing), removed=len(stale), total=len(self))


def exact_search(
    matrix: npt.NDArray[np.float32],
    keys: npt.NDArray[np.int64],
    query: npt.NDArray[np.float32],
    k: int,
) -> list[tuple[int, float]]:
    """Exact float32 cosine search over normalised rows (the reference for recall)."""
    scores = matrix @ query
    k = min(k, len(scores))
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top])]
    return [(int(keys[i]), float(scores[i])) for i in top]
