"""CLI commands that run stages over the database: extract, add, run, demo."""

from __future__ import annotations

from pathlib import Path

import click

from index.schema import open_db
from newsintel import pipeline
from newsintel.options import db_option, workers_option
from newsintel.progress import progress_bar

_DOC_SUFFIXES = {".html", ".htm", ".txt", ".pdf", ".md", ".xhtml"}


@click.command("extract")
@db_option
@workers_option
@click.option("--reprocess", is_flag=True, help="Extract every stored page again, from the WARC.")
def extract_command(db_path: str, workers: int, reprocess: bool) -> None:
    """Extract facts from stored pages that are new, changed or from an older extractor.

    Bodies are read back from the WARC files (or local files), never from the network.

    \b
    Example:
        newsintel extract --db news.db --workers 2
    """
    db = open_db(db_path)
    total = pipeline.count_pending(db, reprocess=reprocess)
    with progress_bar(total, "extract") as advance:
        report = pipeline.extract_pending(
            db, workers=workers, reprocess=reprocess, progress=advance
        )
    click.echo(report.summary(), err=True)


def _expand(paths: tuple[str, ...]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*")) if p.suffix.lower() in _DOC_SUFFIXES
            )
        else:
            found.append(path)
    return found


@click.command("add")
@db_option
@workers_option
@click.option("--source", default="local", show_default=True, help="Source name to record.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
def add_command(db_path: str, workers: int, source: str, paths: tuple[str, ...]) -> None:
    """Add local documents (PDF reports, saved HTML pages, text files, folders) as articles.

    Each file gets a file:// URL and a content hash; the same extraction runs on it.

    \b
    Example:
        newsintel add --db news.db reports/ saved-page.html
    """
    db = open_db(db_path)
    files = _expand(paths)
    report = pipeline.add_files(db, files, source=source, workers=workers)
    click.echo(report.summary(), err=True)


COMMANDS: tuple[click.Command, ...] = (extract_command, add_command)
