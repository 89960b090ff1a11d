"""CLI commands that run stages over the database: extract, add, run, demo."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import click

from crawler.models import CrawlSettings
from index.schema import open_db
from newsintel import pipeline
from newsintel.commands.crawl import (
    crawl_settings,
    crawl_settings_options,
    crawl_with_progress,
    select_sources,
    source_selection_options,
)
from newsintel.commands.index import (
    index_with_progress,
    model_option,
    no_embed_option,
    serve_datasette,
)
from newsintel.config import demo_site_path
from newsintel.demo import demo_source, serve_directory
from newsintel.options import db_option, max_doc_bytes, max_doc_option, workers_option
from newsintel.progress import progress_bar

_DOC_SUFFIXES = {".html", ".htm", ".txt", ".pdf", ".md", ".xhtml"}


@click.command("extract")
@db_option
@workers_option
@click.option("--reprocess", is_flag=True, help="Extract every stored page again, from the WARC.")
@max_doc_option
def extract_command(db_path: str, workers: int, reprocess: bool, max_doc_mb: float) -> None:
    """Extract facts from stored pages that are new, changed or from an older extractor.

    Bodies are read back from the WARC files (or local files), never from the network.

    \b
    Example:
        newsintel extract --db news.db --workers 2
    """
    extract_with_progress(db_path, workers, reprocess=reprocess, max_doc_mb=max_doc_mb)


def extract_with_progress(
    db_path: str, workers: int, *, reprocess: bool = False, max_doc_mb: float = 50.0
) -> pipeline.StageReport:
    """Extract every pending page with a progress bar; print and return the report."""
    db = open_db(db_path)
    total = pipeline.count_pending(db, reprocess=reprocess)
    with progress_bar(total, "extract") as advance:
        report = pipeline.extract_pending(
            db,
            workers=workers,
            reprocess=reprocess,
            progress=advance,
            max_bytes=max_doc_bytes(max_doc_mb),
        )
    click.echo(report.summary(), err=True)
    return report


def _expand(paths: tuple[str, ...]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.suffix.lower() in _DOC_SUFFIXES)
        else:
            found.append(path)
    return found


@click.command("add")
@db_option
@workers_option
@click.option("--source", default="local", show_default=True, help="Source name to record.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@max_doc_option
def add_command(
    db_path: str, workers: int, source: str, paths: tuple[str, ...], max_doc_mb: float
) -> None:
    """Add local documents (PDF reports, saved HTML pages, text files, folders) as articles.

    Each file gets a file:// URL and a content hash; the same extraction runs on it.

    \b
    Example:
        newsintel add --db news.db reports/ saved-page.html
    """
    db = open_db(db_path)
    files = _expand(paths)
    report = pipeline.add_files(
        db, files, source=source, workers=workers, max_bytes=max_doc_bytes(max_doc_mb)
    )
    click.echo(report.summary(), err=True)


@click.command("run")
@db_option
@source_selection_options
@crawl_settings_options
@workers_option
@model_option
@no_embed_option
def run_command(
    db_path: str,
    sources_path: str | None,
    names: tuple[str, ...],
    seeds: tuple[str, ...],
    max_depth: int,
    revisit_days: int | None,
    max_size_mb: float,
    log_file: str | None,
    workers: int,
    model: str,
    no_embed: bool,
    **options: Any,
) -> None:
    """Run every stage: crawl, extract the new pages, then index (for `newsintel serve`).

    Takes the crawl options of `newsintel crawl`; each stage is incremental, so a scheduled
    `newsintel run` only does what is new.

    \b
    Example:
        newsintel run --db news.db --source baophuyen --max-pages 500
    """
    sources = select_sources(sources_path, names, seeds, max_depth, revisit_days)
    crawl_with_progress(db_path, sources, crawl_settings(max_size_mb, **options), log_file)
    extract_with_progress(db_path, workers)
    index_with_progress(db_path, model, no_embed)


@click.command("demo")
@click.option(
    "--db",
    "db_path",
    default="newsintel-demo.db",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Database to build (kept, so the demo can be served again with newsintel serve).",
)
@click.option("--no-serve", is_flag=True, help="Build the database and exit.")
@click.option("--port", type=int, default=8001, show_default=True, help="Datasette's port.")
@click.option(
    "--site-port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="Port of the demo site (its URLs key the articles: keep it to re-run on one db).",
)
@workers_option
@model_option
@no_embed_option
def demo_command(
    db_path: str,
    no_serve: bool,
    port: int,
    site_port: int,
    workers: int,
    model: str,
    no_embed: bool,
) -> None:
    """Serve the bundled multilingual demo site, crawl, extract and index it, then browse it.

    Works offline: the site is served from the package on a free 127.0.0.1 port.

    \b
    Example:
        newsintel demo
        newsintel demo --no-serve --db demo.db
    """
    started = time.monotonic()
    with serve_directory(demo_site_path(), port=site_port) as base_url:
        click.echo(f"demo site at {base_url}/", err=True)
        settings = CrawlSettings(delay=0.0, autothrottle=False, concurrency=8)
        crawl_with_progress(db_path, [demo_source(base_url)], settings, None)
    extract_with_progress(db_path, workers)
    index_with_progress(db_path, model, no_embed)
    click.echo(f"demo database {db_path} built in {time.monotonic() - started:.1f}s", err=True)
    if not no_serve:
        click.echo(f"Datasette: http://127.0.0.1:{port}/ (Ctrl+C stops)", err=True)
        serve_datasette(db_path, port, model=model)  # the model it was indexed with


COMMANDS: tuple[click.Command, ...] = (extract_command, add_command, run_command, demo_command)
