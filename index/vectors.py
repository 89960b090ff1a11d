"""The vector index file beside the database, rebuilt incrementally from SQLite.

SQLite (``embeddings``) is the source of truth. The file ``<db>.<model>.usearch`` holds the
same vectors keyed by chunk id for fast search: exact SIMD scan for small corpora, HNSW
beyond ``HNSW_THRESHOLD`` vectors. Deleting the file only costs a rebuild.

Builds use every core (usearch ``threads``), except the first ``SEED_SIZE`` vectors of a
graph, which go in one at a time: vectors inserted concurrently into a nearly empty graph
cannot see each other, so the sparse upper layers that every search descends through came
out poorly linked, and now and then a query's greedy descent ended in the wrong cluster
(recall@10 0.1 for that query; a wider search, ef 512, found the right one). That is why
multi-threaded inserts were switched off in 1012c23; seeding the graph single-threaded
fixes it at a cost of about a second. After every build above ``HNSW_THRESHOLD``,
``verify`` measures recall@10 against exact search on a sample of the index's own vectors
and rebuilds, or widens the search, when it falls below ``MIN_RECALL``; the widened search
and the measured recall are kept in ``<file>.json`` beside the index.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from sqlite_utils import Database
from usearch.index import Index

from index.embeddings import decode_vector

__all__ = [
    "HNSW_THRESHOLD",
    "MIN_RECALL",
    "VectorIndex",
    "Verification",
    "build_threads",
    "exact_search",
    "vector_index_path",
]

HNSW_THRESHOLD = 20_000
EXPANSION_SEARCH = 128
MAX_EXPANSION_SEARCH = 1024
CONNECTIVITY = 32  # HNSW "M": more links, better recall at a modest build cost
EXPANSION_ADD = 200
SEED_SIZE = 1024  # the first vectors of a graph are inserted one thread at a time
MIN_RECALL = 0.99
RECALL_SAMPLE = 200  # queries of the recall check after a build
_BLOCK = 50_000  # vectors copied at a time by a rebuild


def build_threads() -> int:
    """Return the cores this process may use (the build's usearch ``threads``)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


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


@dataclass(frozen=True, slots=True)
class Verification:
    """The recall check after a build: what was measured and what it changed."""

    recall: float  # recall@10 against exact search on the index's own vectors, ties counted
    expansion_search: int  # the search width that reached it (kept beside the file)
    rebuilt: bool  # the graph was built again because recall fell below MIN_RECALL
    sample: int  # queries measured


def _settings_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


class VectorIndex:
    """A usearch index of one model's chunk vectors (cosine), keyed by chunk id."""

    def __init__(self, dim: int, *, path: Path | None = None, dtype: str = "f16") -> None:
        self.dim = dim
        self.path = path
        self.dtype = dtype
        self.verification: Verification | None = None
        self._index = self._empty()

    def _empty(self) -> Index:
        return Index(
            ndim=self.dim,
            metric="cos",
            dtype=self.dtype,
            connectivity=CONNECTIVITY,
            expansion_add=EXPANSION_ADD,
            expansion_search=EXPANSION_SEARCH,
        )

    @classmethod
    def open(cls, path: Path, dim: int, *, view: bool = False) -> VectorIndex:
        """Load the index at ``path`` (memory-mapped when ``view``), or a new empty one.

        The file keeps the graph, not the build settings: ``expansion_add`` is set again
        (usearch would extend the graph with its default, 128), and the search width is
        the one the last recall check kept beside the file.
        """
        index = cls(dim, path=path)
        if path.exists():
            restored = Index.restore(
                str(path), view=view, connectivity=CONNECTIVITY, expansion_add=EXPANSION_ADD
            )
            if restored is not None and restored.ndim == dim:
                index._index = restored
                index._set_expansion_search(index._kept_expansion_search())
        return index

    def _kept_expansion_search(self) -> int:
        if self.path is None or not _settings_path(self.path).exists():
            return EXPANSION_SEARCH
        try:
            kept = json.loads(_settings_path(self.path).read_text(encoding="utf-8"))
            return min(MAX_EXPANSION_SEARCH, max(EXPANSION_SEARCH, int(kept["expansion_search"])))
        except (OSError, ValueError, KeyError, TypeError):  # unreadable: the default is safe
            return EXPANSION_SEARCH

    def _set_expansion_search(self, value: int) -> None:
        # usearch's stubs call this read-only; the setter exists at runtime
        self._index.expansion_search = value  # type: ignore[misc]

    @property
    def expansion_search(self) -> int:
        """The HNSW search width (``ef``) of queries."""
        return int(self._index.expansion_search)

    def __len__(self) -> int:
        return len(self._index)

    def keys(self) -> set[int]:
        """Return the chunk ids in the index."""
        return {int(k) for k in np.asarray(self._index.keys)} if len(self._index) else set()

    def add(
        self, keys: npt.NDArray[np.int64], vectors: npt.NDArray[np.float32], *, threads: int = 0
    ) -> None:
        """Add vectors under ``keys`` (chunk ids) with ``threads`` cores (0: all of them).

        The first ``SEED_SIZE`` vectors of a graph go in single-threaded (module docstring).
        """
        if not len(keys):
            return
        ids = np.ascontiguousarray(keys, dtype=np.uint64)
        rows = np.ascontiguousarray(vectors, dtype=np.float32)
        seed = max(0, min(len(ids), SEED_SIZE - len(self._index)))
        if seed:
            self._index.add(ids[:seed], rows[:seed], threads=1)
        if seed < len(ids):
            self._index.add(ids[seed:], rows[seed:], threads=threads or build_threads())

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
        """Write the index to its file (and the last recall check beside it)."""
        if self.path is None:
            raise ValueError("this vector index has no path")
        if self.verification is not None:
            settings = _settings_path(self.path)
            partial = settings.with_name(settings.name + ".partial")
            partial.write_text(json.dumps(asdict(self.verification)), encoding="utf-8")
            os.replace(partial, settings)
        # Written beside, then renamed over: a server that memory-maps the old file keeps
        # reading it (rewriting it in place would pull pages from under that mapping).
        partial = self.path.with_name(self.path.name + ".partial")
        self._index.save(str(partial))
        os.replace(partial, self.path)

    def recall(self, *, sample: int = RECALL_SAMPLE, k: int = 10, seed: int = 0) -> float:
        """Return recall@k of graph search against exact search over the same vectors.

        The queries are ``sample`` of the index's own vectors (seeded); a result as close
        to its query as the exact k-th neighbour counts (duplicated vectors tie).
        """
        keys = np.asarray(self._index.keys, dtype=np.uint64)
        if len(keys) < 2:  # one vector finds itself
            return 1.0
        picked = np.random.default_rng(seed).choice(len(keys), min(sample, len(keys)), False)
        queries = np.atleast_2d(np.stack(self._index.get(keys[picked], dtype=np.float32)))
        k = min(k, len(keys))
        threads = build_threads()
        graph = self._index.search(queries, k, exact=False, threads=threads)
        exact = self._index.search(queries, k, exact=True, threads=threads)
        hits = 0
        for row in range(len(queries)):
            kth = exact.distances[row][exact.counts[row] - 1]
            found = graph.distances[row][: graph.counts[row]]
            hits += min(k, int(np.count_nonzero(found <= kth + 1e-6)))
        return hits / (k * len(queries))

    def rebuild(self) -> None:
        """Build the graph again from its own vectors (a fresh, seeded, parallel build)."""
        keys = np.asarray(self._index.keys, dtype=np.uint64)
        fresh = VectorIndex(self.dim, path=self.path, dtype=self.dtype)
        for start in range(0, len(keys), _BLOCK):
            part = keys[start : start + _BLOCK]
            fresh.add(part, np.atleast_2d(np.stack(self._index.get(part, dtype=np.float32))))
        self._index = fresh._index

    def verify(
        self, *, min_recall: float = MIN_RECALL, sample: int = RECALL_SAMPLE
    ) -> Verification:
        """Check recall@10 after a build; rebuild once, then widen the search, until it holds.

        Exact scans (up to ``HNSW_THRESHOLD`` vectors) need no check: recall is 1.
        """
        if len(self) <= HNSW_THRESHOLD:
            self.verification = Verification(1.0, self.expansion_search, False, 0)
            return self.verification
        self._set_expansion_search(EXPANSION_SEARCH)
        recall, rebuilt = self.recall(sample=sample), False
        if recall < min_recall:
            self.rebuild()
            recall, rebuilt = self.recall(sample=sample), True
        while recall < min_recall and self.expansion_search < MAX_EXPANSION_SEARCH:
            self._set_expansion_search(self.expansion_search * 2)
            recall = self.recall(sample=sample)
        self.verification = Verification(round(recall, 4), self.expansion_search, rebuilt, sample)
        return self.verification

    def sync(self, db: Database, model: str, *, batch: int = 5000) -> SyncReport:
        """Make the index hold exactly the vectors stored in ``db`` for ``model``.

        A chunk id deleted since the last sync (``vector_file_stale``) may have come back
        for a new chunk: its old vector is replaced, not kept.
        """
        stored = {
            row[0] for row in db.execute("select chunk_id from embeddings where model = ?", [model])
        }
        reused = {row[0] for row in db.execute("select chunk_id from vector_file_stale")}
        present = self.keys()
        stale = sorted((present - stored) | (present & reused))
        self.remove(stale)
        missing = sorted(stored - (present - set(stale)))
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
