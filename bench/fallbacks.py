"""Stage measurements used when a stage's own ``bench/<stage>_bench.py`` has no ``run(ctx)``.

The stage benchmarks belong to the stages (see ``bench/common.py``); until one follows the
common interface, ``bench.run`` measures the stage here through its public API, against the
same anchor the issue names, so that ``BENCHMARKS.md`` is never missing a stage. Each
function has the signature of a stage ``run`` and says in its notes that it is a fallback.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from bench.common import BenchContext, PeakMemory, measure, percentile, result

__all__ = ["FALLBACKS", "crawl", "extract", "search"]

NOTE = "fallback measurement (bench/fallbacks.py)"


def extract(ctx: BenchContext) -> list[dict[str, Any]]:
    """Articles/s of ``extract_document`` on synthetic pages vs trafilatura ``extract`` alone."""
    import trafilatura

    from bench.corpus import iter_articles
    from extract.api import extract_document
    from extract.models import Document

    pages = [(a.url, a.body) for a in iter_articles(ctx.size, ctx.seed)]

    def ours() -> int:
        for url, body in pages:
            extract_document(Document(url=url, body=body, content_type="text/html"))
        return len(pages)

    def anchor() -> int:
        for url, body in pages:
            trafilatura.extract(body.decode("utf-8"), url=url, with_metadata=True)
        return len(pages)

    _, base = measure(anchor)
    _, mine = measure(ours)
    return [
        result(
            stage="extract", name="extract_document (1 process)", size=ctx.size,
            size_unit="articles", unit="articles/s", value=len(pages) / mine.seconds,
            anchor="trafilatura.extract alone", anchor_value=len(pages) / base.seconds,
            seconds=mine.seconds, peak_mb=mine.peak_mb, anchor_peak_mb=base.peak_mb,
            note=f"synthetic pages in 15 languages, ~4 KB HTML; {NOTE}",
        )
    ]  # fmt: skip


def _timed_queries(
    fn: Callable[[np.ndarray], Any], queries: np.ndarray
) -> tuple[list[float], list[Any]]:
    times, found = [], []
    for q in queries:
        start = time.perf_counter()
        found.append(fn(q))
        times.append((time.perf_counter() - start) * 1000)
    return times, found


def _exact_search(data: np.ndarray, k: int) -> Callable[[np.ndarray], set[int]]:
    def search(q: np.ndarray) -> set[int]:
        scores = data @ q
        return set(np.argpartition(-scores, k)[:k].tolist())

    return search


def _search_size(n: int, ctx: BenchContext, *, k: int = 10) -> list[dict[str, Any]]:
    """The product's vector index (``index.vectors.VectorIndex``) vs exact numpy at ``n``."""
    from bench.corpus import clustered_vectors, query_vectors
    from index.vectors import CONNECTIVITY, EXPANSION_SEARCH, HNSW_THRESHOLD, VectorIndex

    data = clustered_vectors(n, seed=ctx.seed)
    queries = query_vectors(50 if ctx.quick else 200, seed=ctx.seed)
    with PeakMemory() as exact_mem:
        exact_ms, truth = _timed_queries(_exact_search(data, k), queries)
    common = {"stage": "search", "size": n, "size_unit": "vectors", "unit": "ms p95",
              "higher_is_better": False}  # fmt: skip
    exact_note = f"p50 {percentile(exact_ms, 50):.1f} ms; synthetic clustered 384-d; {NOTE}"
    rows = [result(name="exact numpy float32 top-10 (anchor)", value=percentile(exact_ms, 95),
                   peak_mb=round(exact_mem.peak_mb, 1), note=exact_note, **common)]  # fmt: skip
    mode = "exact f16 scan" if n <= HNSW_THRESHOLD else "HNSW f16"
    with PeakMemory() as mem:
        start = time.perf_counter()
        index = VectorIndex(data.shape[1])
        index.add(np.arange(n, dtype=np.int64), data)
        build = time.perf_counter() - start
        ann_ms, found = _timed_queries(lambda q: {key for key, _ in index.search(q, k)}, queries)
    recall = float(np.mean([len(f & t) / k for f, t in zip(found, truth, strict=True)]))
    rows.append(
        result(
            name=f"newsintel vector index ({mode}) top-10", value=percentile(ann_ms, 95),
            anchor="exact numpy float32", anchor_value=percentile(exact_ms, 95), seconds=build,
            peak_mb=round(mem.peak_mb, 1), anchor_peak_mb=round(exact_mem.peak_mb, 1),
            note=f"p50 {percentile(ann_ms, 50):.1f} ms; recall@10 {recall:.3f} vs exact; "
            f"index.vectors.VectorIndex (M={CONNECTIVITY}, ef_search={EXPANSION_SEARCH}, "
            f"single-threaded inserts as newsintel index does); build {build:.0f} s; "
            f"excludes query embedding; {NOTE}", **common,
        )
    )  # fmt: skip
    return rows


def search(ctx: BenchContext) -> list[dict[str, Any]]:
    """p95 top-10 latency of the product's vector index vs exact numpy at 10k, 100k and 1M.

    ``--options '{"max_vectors": N}'`` stops the sweep at N vectors: the index file's
    single-threaded HNSW build of 1M vectors takes hours on a loaded 2-core machine.
    """
    sizes = (10_000,) if ctx.quick else (10_000, 100_000, 1_000_000)
    sizes = tuple(n for n in sizes if n <= int(ctx.options.get("max_vectors", n)))
    rows: list[dict[str, Any]] = []
    for n in sizes:
        rows += _search_size(n, ctx)
    return rows


def crawl(ctx: BenchContext) -> list[dict[str, Any]]:
    """Pages/s of ``newsintel`` crawling a local site vs a bare Scrapy spider on the same site.

    Uses the crawler's own benchmark helpers (``bench/crawl_bench.py``: its generated site,
    server and per-crawl child processes) with ``ctx.size`` article pages.
    """
    from bench import crawl_bench as cb

    server = cb.serve(cb.build_site(ctx.size))
    url = f"http://127.0.0.1:{server.server_port}/"
    try:
        runs = {kind: cb.measure(kind, url) for kind in ("bare", "newsintel")}
    finally:
        server.shutdown()
    rate = {kind: run["pages"] / run["seconds"] for kind, run in runs.items()}
    ours = runs["newsintel"]
    return [
        result(
            stage="crawl", name="newsintel crawl (WARC, SQLite, dedup, delay 0)",
            size=int(ours["pages"]), size_unit="pages", unit="pages/s", value=rate["newsintel"],
            anchor="bare Scrapy spider", anchor_value=rate["bare"], seconds=ours["seconds"],
            peak_mb=round(ours["peak_mb"], 1), anchor_peak_mb=round(runs["bare"]["peak_mb"], 1),
            note=f"local site of {ctx.size:,} articles + listings, concurrency "
            f"{cb.CONCURRENCY}; helpers of bench/crawl_bench.py; {NOTE}",
        )
    ]  # fmt: skip


FALLBACKS: dict[str, Callable[[BenchContext], list[dict[str, Any]]]] = {
    "crawl": crawl,
    "extract": extract,
    "search": search,
}
