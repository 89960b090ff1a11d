"""CLI options shared by several commands, each defined once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

import click

FC = TypeVar("FC", bound=Callable[..., object])


def _db_option(*, exists: bool) -> Callable[[FC], FC]:
    return click.option(
        "--db",
        "db_path",
        envvar="NEWSINTEL_DB",
        default="newsintel.db",
        show_default=True,
        type=click.Path(dir_okay=False, exists=exists),
        help="SQLite database file (env NEWSINTEL_DB).",
    )


db_option = _db_option(exists=False)
# Commands that only read the database: a missing file is a usage error, not a new database.
existing_db_option = _db_option(exists=True)
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


def iso_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """Check that an option's value is a date written YYYY-MM-DD (a click callback)."""
    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError as error:
            raise click.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD") from error
    return value
