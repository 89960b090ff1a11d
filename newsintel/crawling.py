"""Glue between the crawler and the database: each crawl runs in a child process.

Scrapy's reactor cannot restart, so ``run_crawl`` starts a child that opens the database,
crawls with a sink writing through ``index.crawl_store`` and sends progress and its report
back. The child dies with its parent (``PR_SET_PDEATHSIG``), so killing the command kills the
crawl; the durable frontier lets the next run resume.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import signal
import threading
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from queue import Empty
from typing import Any

from crawler.errors import CrawlProcessError
from crawler.models import CrawlProgress, CrawlReport, CrawlSettings, FetchedPage, Source
from crawler.urls import canonical_url, netloc_of
from crawler.warc import iter_responses
from index import crawl_store, store
from index.admission import page_from_record
from index.schema import open_db

__all__ = ["import_warc", "run_crawl", "seed_source", "warc_dir_for"]

log = logging.getLogger(__name__)

Progress = Callable[[CrawlProgress], None]


def seed_source(
    url: str, *, max_depth: int = 3, max_pages: int | None = None, revisit_days: int | None = None
) -> Source:
    """Describe an ad hoc ``--seed`` URL as a source limited to its host (and port)."""
    canon = canonical_url(url)
    if canon is None:
        raise ValueError(f"not an http(s) URL: {url}")
    netloc = netloc_of(canon)
    return Source(
        name=netloc,
        home_url=canon,
        allowed_domains=(netloc,),
        start_urls=(canon,),
        max_depth=max_depth,
        max_pages=max_pages,
        revisit_days=revisit_days,
    )


def warc_dir_for(db_path: str | Path) -> Path:
    """Return the default WARC folder: ``warc/`` beside the database."""
    return Path(db_path).resolve().parent / "warc"


def _die_with_parent() -> None:
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: SIGKILL us when the parent dies
    except (OSError, AttributeError):
        log.debug("PR_SET_PDEATHSIG unavailable; the crawl may outlive its parent")


def _log_to(log_file: str | None, level: str) -> None:
    root = logging.getLogger()
    root.handlers.clear()
    root.setLevel(level)
    if log_file:
        handler = logging.FileHandler(log_file, encoding="utf-8")
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(process)d %(name)s %(levelname)s %(message)s")
        )
        root.addHandler(handler)
    errors = logging.StreamHandler()
    errors.setLevel(logging.ERROR)
    root.addHandler(errors)


def _child(
    db_path: str,
    sources: tuple[Source, ...],
    settings: CrawlSettings,
    channel: Any,
    log_file: str | None,
) -> None:
    """Run one crawl to the end and report back (runs in the child process)."""
    _die_with_parent()
    _log_to(log_file, settings.log_level)
    try:
        from crawler.engine import crawl

        db = open_db(db_path)
        db.execute("PRAGMA synchronous = NORMAL")  # WAL: durable against process crashes
        names = [s.name for s in sources]
        for source in sources:
            store.save_source(db, source)
        if settings.dry_run:  # writes nothing, so it neither starts nor resumes a run
            run = crawl_store.CrawlRun(0, tuple(names), resumed=False)
        else:
            run = crawl_store.begin_crawl_run(db, names)
        revisit = {s.name: s.revisit_days for s in sources if s.revisit_days}
        state = crawl_store.SqliteCrawlState(
            db, names, run, refresh=settings.refresh, revisit_days=revisit
        )
        report = crawl(
            sources,
            settings,
            _ThreadSink(db_path, run),
            state=state,
            progress=lambda snapshot: channel.put(("progress", snapshot)),
        )
        if report.finish_reason in ("finished", "closespider_pagecount") and not settings.dry_run:
            crawl_store.finish_crawl_run(db, run, report)
        channel.put(("report", report))
    except Exception:  # the child's only catch: hand the traceback to the parent
        channel.put(("error", traceback.format_exc()))


class _ThreadSink:
    """Store crawled pages through a connection of the thread that calls (the writer's)."""

    def __init__(self, db_path: str, run: crawl_store.CrawlRun):
        self.db_path = db_path
        self.run = run
        self._local = threading.local()

    def __call__(self, page: FetchedPage) -> None:
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = open_db(self.db_path, migrate=False)
            db.execute("PRAGMA synchronous = NORMAL")
        crawl_store.save_crawled_page(db, page, self.run)


def _context() -> Any:
    # fork is fast and shares imports; with other threads alive, spawn is the safe choice
    return multiprocessing.get_context("fork" if threading.active_count() == 1 else "spawn")


def run_crawl(
    db_path: str | Path,
    sources: Sequence[Source],
    settings: CrawlSettings,
    *,
    progress: Progress | None = None,
    log_file: str | Path | None = None,
) -> CrawlReport:
    """Crawl ``sources`` into the database at ``db_path`` in a child process and wait.

    Raises:
        CrawlProcessError: the crawl failed (with the child's traceback) or its process died.
    """
    if settings.warc_dir is None and not settings.dry_run:
        settings = replace(settings, warc_dir=str(warc_dir_for(db_path)))
    ctx = _context()
    channel = ctx.Queue()
    args = (str(db_path), tuple(sources), settings, channel, str(log_file) if log_file else None)
    child = ctx.Process(target=_child, args=args, name="newsintel-crawl")
    child.start()
    try:
        outcome = _wait(child, channel, progress)
    finally:
        child.join(timeout=10)
    kind, value = outcome
    if kind == "report":
        return value  # type: ignore[no-any-return]
    raise CrawlProcessError(value)


def _wait(child: Any, channel: Any, progress: Progress | None) -> tuple[str, Any]:
    while True:
        try:
            kind, value = channel.get(timeout=0.3)
        except Empty:
            if not child.is_alive():
                return "error", f"crawl process exited with code {child.exitcode}"
            continue
        if kind == "progress":
            if progress is not None:
                progress(value)
            continue
        return kind, value


def import_warc(
    db_path: str | Path, paths: Iterable[str | Path], *, source: str | None = None
) -> tuple[int, int]:
    """Record every response of existing WARC files as pages; return (pages, articles).

    Bodies stay in the given WARC files (rows point at them), classified like crawled pages
    (``index.admission.page_from_record``); pages that are no article are stored but skipped
    by ``newsintel extract``.
    """
    db = open_db(db_path)
    pages = articles = 0
    for path in paths:
        for record in iter_responses(path):
            page = page_from_record(record, source=source)
            with db.conn:
                store.save_page(db, page)
            pages += 1
            articles += int(bool(page.is_article))
    return pages, articles
