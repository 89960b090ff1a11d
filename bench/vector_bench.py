"""The product's vector index file at 10k, 100k and 1M vectors, beside exact numpy search.

``ctx.size`` is the largest number of vectors measured (``newsintel bench --stage search
--size 1000000``); smaller sizes of ``SIZES`` below it are measured in the same run, and
quick mode measures 10k only. Vectors are seeded synthetic clustered 384-d unit vectors
(``bench.corpus.clustered_vectors``), queries come from the same distribution but are not
in the corpus. For each size the file is built as ``newsintel index`` builds it
(``index.vectors.VectorIndex``: every core, the graph seeded single-threaded, the recall
check after the build), saved, and opened memory-mapped as the server opens it; queries
are timed one at a time on that file (query embedding excluded) and their top 10 compared
with exact float32 numpy search over the same vectors, timed in the same run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import psutil

from bench.common import BenchContext, PeakMemory, percentile, result

__all__ = ["RUN_ONCE", "run"]

RUN_ONCE = True  # one run sweeps its own vector sizes
SIZES = (10_000, 100_000, 1_000_000)
K = 10


def _timed(fn: Callable[[np.ndarray], list[int]], queries: np.ndarray) -> tuple[list[float], list]:
    times, found = [], []
    for query in queries:
        start = time.perf_counter()
        found.append(fn(query))
        times.append((time.perf_counter() - start) * 1000)
    return times, found


def _exact(data: np.ndarray) -> Callable[[np.ndarray], list[int]]:
    def search(query: np.ndarray) -> list[int]:
        scores = data @ query
        return np.argpartition(-scores, K)[:K].tolist()  # type: ignore[no-any-return]

    return search


def _rss_mb() -> float:
    return psutil.Process(os.getpid()).memory_info().rss / 2**20


def _measure(n: int, ctx: BenchContext) -> list[dict[str, Any]]:
    from bench.corpus import clustered_vectors, query_vectors
    from index.vectors import CONNECTIVITY, HNSW_THRESHOLD, VectorIndex, build_threads

    data = clustered_vectors(n, seed=ctx.seed)
    queries = query_vectors(50 if ctx.quick else 200, seed=ctx.seed)
    with PeakMemory() as exact_mem:
        exact_ms, truth = _timed(_exact(data), queries)
    path = ctx.scratch("vector-index") / f"vectors-{n}.usearch"
    with PeakMemory() as build_mem:
        start = time.perf_counter()
        built = VectorIndex(data.shape[1], path=path)
        built.add(np.arange(n, dtype=np.int64), data)
        check = built.verify()
        built.save()
        build_s = time.perf_counter() - start
    del built
    before = _rss_mb()
    served = VectorIndex.open(path, data.shape[1], view=True)
    ann_ms, found = _timed(lambda q: [key for key, _ in served.search(q, K)], queries)
    serve_mb = _rss_mb() - before
    recall = float(np.mean([len(set(f) & set(t)) / K for f, t in zip(found, truth, strict=True)]))
    mode = "exact f16 scan" if n <= HNSW_THRESHOLD else "HNSW f16"
    common = {"stage": "search", "size": n, "size_unit": "vectors", "unit": "ms p95",
              "higher_is_better": False}  # fmt: skip
    exact_p95 = percentile(exact_ms, 95)
    return [
        result(
            name="exact numpy float32 top-10 (anchor)", value=exact_p95,
            peak_mb=round(exact_mem.peak_mb, 1),
            note=f"p50 {percentile(exact_ms, 50):.1f} ms; synthetic clustered 384-d", **common,
        ),
        result(
            name=f"newsintel vector index file ({mode}) top-10", value=percentile(ann_ms, 95),
            anchor="exact numpy float32", anchor_value=exact_p95, seconds=build_s,
            peak_mb=round(build_mem.peak_mb, 1), anchor_peak_mb=round(exact_mem.peak_mb, 1),
            note=f"p50 {percentile(ann_ms, 50):.2f} ms; recall@10 {recall:.3f} vs exact numpy; "
            f"build {build_s:.0f} s with {build_threads()} threads (M={CONNECTIVITY}, "
            f"graph seeded single-threaded; recall check {check.recall:.3f} at ef "
            f"{check.expansion_search}{', rebuilt' if check.rebuilt else ''}); file "
            f"{path.stat().st_size / 2**20:,.0f} MiB, served memory-mapped (+{serve_mb:.0f} "
            f"MiB RSS after the queries); excludes query embedding", **common,
        ),
    ]  # fmt: skip


def run(ctx: BenchContext) -> list[dict[str, Any]]:
    """p95 top-10 latency, recall@10 and build cost of the vector index file vs exact numpy.

    ``--options '{"max_vectors": N}'`` caps the sizes measured; ``{"sweep": false}``
    measures ``ctx.size`` alone (a 1M run without the 10k and 100k below it).
    """
    largest = 10_000 if ctx.quick else min(ctx.size, int(ctx.options.get("max_vectors", ctx.size)))
    below = {n for n in SIZES if n < largest} if ctx.options.get("sweep", True) else set()
    sizes = sorted(below | {largest})
    rows: list[dict[str, Any]] = []
    for n in sizes:
        rows += _measure(n, ctx)
        for stale in ctx.scratch("vector-index").glob("vectors-*.usearch*"):
            stale.unlink()  # 1M vectors make a 1 GB file: never keep one
    return rows
