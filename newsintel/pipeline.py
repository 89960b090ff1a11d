"""Run the stages over the database: extraction in worker processes with a single writer.

Bodies are re-read from where the crawler put them (WARC records, or local files for
``newsintel add``), so extraction can be re-run at any time without the network.
"""

from __future__ import annotations

import functools
import logging
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from sqlite_utils import Database

from crawler.warc import read_payload
from extract.api import MAX_DOCUMENT_BYTES, extract_document
from extract.models import EXTRACTOR_VERSION, Document, Extraction
from index import store
from index.admission import local_page

log = logging.getLogger(__name__)

Progress = Callable[[int], None]  # called with the number of items just finished


@dataclass(frozen=True, slots=True)
class PageJob:
    """What a worker needs to extract one stored page."""

    url: str
    source: str | None
    page_id: int | None
    content_type: str | None
    content_hash: str | None
    fetched_at: str | None
    warc_file: str | None
    warc_offset: int | None


@dataclass(frozen=True, slots=True)
class JobResult:
    """A worker's answer: an extraction, or the error that stopped it."""

    job: PageJob
    extraction: Extraction | None
    error: str | None = None
    detail: str | None = None


@dataclass(slots=True)
class StageReport:
    """Counts and timing of one stage run, with a one-line summary."""

    stage: str
    done: int = 0
    failed: int = 0
    skipped: int = 0
    started: float = field(default_factory=time.monotonic)
    facts: int = 0

    def summary(self) -> str:
        """Return the one-line summary printed at the end of a command."""
        seconds = time.monotonic() - self.started
        return (
            f"{self.stage}: {self.done} done, {self.failed} failed, {self.skipped} skipped, "
            f"{self.facts} facts in {seconds:.1f}s"
        )


def read_body(job: PageJob) -> tuple[tuple[tuple[str, str], ...], bytes]:
    """Return the stored headers and raw body of a page: from its WARC record or local file."""
    if job.warc_file is not None and job.warc_offset is not None:
        return read_payload(job.warc_file, job.warc_offset)
    parsed = urlparse(job.url)
    if parsed.scheme == "file":
        return (), Path(unquote(parsed.path)).read_bytes()
    raise FileNotFoundError(f"no stored body for {job.url} (no WARC record, not a local file)")


def document_for(job: PageJob, headers: tuple[tuple[str, str], ...], body: bytes) -> Document:
    """Return the document extraction reads for a stored page (every path builds it here)."""
    return Document(
        url=job.url, body=body, content_type=job.content_type, headers=headers, source=job.source
    )


def extract_job(job: PageJob, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> JobResult:
    """Read one page's body and extract it; never raises (runs in worker processes).

    Bodies over ``max_bytes`` are recorded as failures without being read further.
    """
    import traceback

    try:
        headers, body = read_body(job)
        return JobResult(job, extract_document(document_for(job, headers, body)))
    except Exception as exc:  # the one per-item catch: record and go on
        return JobResult(job, None, f"{type(exc).__name__}: {exc}", traceback.format_exc())


def _jobs(rows: Iterable[dict[str, object]]) -> Iterator[PageJob]:
    for row in rows:
        yield PageJob(
            url=str(row["url"]),
            source=row.get("source"),  # type: ignore[arg-type]
            page_id=row.get("id"),  # type: ignore[arg-type]
            content_type=row.get("content_type"),  # type: ignore[arg-type]
            content_hash=row.get("content_hash"),  # type: ignore[arg-type]
            fetched_at=row.get("fetched_at"),  # type: ignore[arg-type]
            warc_file=row.get("warc_file"),  # type: ignore[arg-type]
            warc_offset=row.get("warc_offset"),  # type: ignore[arg-type]
        )


def _ignore_interrupts() -> None:
    """Leave Ctrl+C to the parent, which stops the run (workers would print tracebacks)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _results(jobs: Iterator[PageJob], workers: int, max_bytes: int) -> Iterator[JobResult]:
    """Run ``extract_job`` over ``jobs``, in-process or in a pool with bounded in-flight work."""
    extract = functools.partial(extract_job, max_bytes=max_bytes)
    if workers <= 1:
        yield from map(extract, jobs)
        return
    limit = workers * 4  # bounded memory: never the whole corpus in flight
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupts)
    try:
        pending: set[Future[JobResult]] = set()
        for job in jobs:
            pending.add(pool.submit(extract, job))
            if len(pending) >= limit:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (f.result() for f in finished)
        for future in pending:
            yield future.result()
    finally:  # interrupted: the queued jobs are dropped, only the running ones finish
        pool.shutdown(wait=True, cancel_futures=True)


def _save_result(db: Database, result: JobResult, report: StageReport) -> None:
    job = result.job
    if result.extraction is None:
        store.record_failure(db, "extract", job.url, result.error or "", result.detail)
        report.failed += 1
        return
    store.save_extraction(
        db,
        result.extraction,
        source=job.source,
        page_id=job.page_id,
        fetched_at=job.fetched_at,
        content_hash=job.content_hash,
    )
    ex = result.extraction
    report.done += 1
    report.facts += len(ex.index_facts) + len(ex.percentages) + len(ex.initiatives)


def extract_pending(
    db: Database,
    *,
    workers: int = 2,
    reprocess: bool = False,
    progress: Progress | None = None,
    max_bytes: int = MAX_DOCUMENT_BYTES,
) -> StageReport:
    """Extract every stored article page that is new, changed or from an older extractor.

    Workers read and extract; this process is the single writer to SQLite. A page whose
    body is over ``max_bytes`` is recorded as a failure.
    """
    report = StageReport("extract")
    for result in _results(_pending_jobs(db, reprocess), workers, max_bytes):
        _save_result(db, result, report)
        if progress:
            progress(1)
    return report


def _pending_jobs(db: Database, reprocess: bool, batch: int = 500) -> Iterator[PageJob]:
    """Yield pending pages a batch at a time (keyset by page id): memory stays flat."""
    after = 0
    while rows := store.pages_to_extract(
        db, EXTRACTOR_VERSION, everything=reprocess, after_id=after, limit=batch
    ):
        yield from _jobs(rows)
        after = int(rows[-1]["id"])  # type: ignore[call-overload]


def count_pending(db: Database, *, reprocess: bool = False) -> int:
    """Return how many pages ``extract_pending`` would process."""
    return store.count_pages_to_extract(db, EXTRACTOR_VERSION, everything=reprocess)


def add_files(
    db: Database,
    paths: Iterable[Path],
    *,
    source: str = "local",
    workers: int = 1,
    max_bytes: int = MAX_DOCUMENT_BYTES,
) -> StageReport:
    """Record local documents as pages and extract them (same path as crawled pages).

    A file that is no document (a sitemap or feed) is stored but skipped, like a crawled one.
    """
    for path in paths:
        store.save_page(db, local_page(path, source=source))
    return extract_pending(db, workers=workers, max_bytes=max_bytes)
