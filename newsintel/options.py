"""CLI options shared by several commands, each defined once."""

from __future__ import annotations

import click

db_option = click.option(
    "--db",
    "db_path",
    envvar="NEWSINTEL_DB",
    default="newsintel.db",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="SQLite database file (env NEWSINTEL_DB).",
)
workers_option = click.option(
    "--workers",
    envvar="NEWSINTEL_WORKERS",
    type=click.IntRange(1),
    default=2,
    show_default=True,
    help="Worker processes (env NEWSINTEL_WORKERS).",
)
sources_option = click.option(
    "--sources",
    "sources_path",
    envvar="NEWSINTEL_SOURCES",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="sources.toml to read (env NEWSINTEL_SOURCES); default: the bundled file.",
)
max_doc_option = click.option(
    "--max-doc-mb",
    "max_doc_mb",
    envvar="NEWSINTEL_MAX_DOC_MB",
    type=click.FloatRange(0, min_open=True),
    default=50.0,
    show_default=True,
    help="Largest document to extract, in MB (env NEWSINTEL_MAX_DOC_MB); larger ones fail.",
)


def max_doc_bytes(max_doc_mb: float) -> int:
    """Return the ``--max-doc-mb`` value in bytes."""
    return int(max_doc_mb * 1_000_000)
