"""CLI commands of the crawl stage: crawl, status, import-warc, merge."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import click
from rich.live import Live
from rich.table import Table

from crawler.errors import CrawlError
from crawler.models import CrawlProgress, CrawlReport, CrawlSettings, Source
from crawler.sources import load_sources
from index import crawl_store
from index.errors import StoreError
from index.schema import open_db
from newsintel import crawling
from newsintel.config import default_sources_path
from newsintel.options import db_option, sources_option
from newsintel.progress import stderr


def select_sources(
    sources_path: str | None,
    names: tuple[str, ...],
    seeds: tuple[str, ...],
    max_depth: int,
    revisit_days: int | None = None,
) -> tuple[Source, ...]:
    """Return the ``--seed`` sources, or the sources.toml entries named by ``--source``.

    ``revisit_days`` applies to the sources that set none themselves.
    """
    if seeds:
        try:
            return tuple(
                crawling.seed_source(url, max_depth=max_depth, revisit_days=revisit_days)
                for url in seeds
            )
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--seed") from exc
    try:
        loaded = load_sources(Path(sources_path) if sources_path else default_sources_path())
    except CrawlError as exc:
        raise click.ClickException(f"{exc}; fix the sources file or use --seed") from exc
    chosen = tuple(
        replace(s, revisit_days=s.revisit_days or revisit_days)
        for s in loaded
        if not names or s.name in names
    )
    unknown = set(names) - {s.name for s in loaded}
    if unknown:
        message = f"unknown source(s): {', '.join(sorted(unknown))}"
        raise click.BadParameter(message, param_hint="--source")
    return chosen


def _progress_table(snapshot: CrawlProgress) -> Table:
    table = Table(title="crawling", show_header=True, header_style="bold")
    for column in ("fetched", "stored", "queued", "errors"):
        table.add_column(column, justify="right")
    table.add_row(
        *(str(v) for v in (snapshot.fetched, snapshot.stored, snapshot.queued, snapshot.errors))
    )
    for host, count in snapshot.per_host:
        table.add_row(f"[dim]{host}[/dim]", str(count), "", "")
    return table


def _summary_table(report: CrawlReport) -> Table:
    table = Table(title=f"crawl {report.finish_reason} in {report.seconds:.1f}s")
    for column in ("source", "fetched", "articles", "errors"):
        table.add_column(column, justify="left" if column == "source" else "right")
    for name, fetched, articles, errors in report.per_source:
        table.add_row(name, str(fetched), str(articles), str(errors))
    table.add_row(
        "[bold]total",
        str(report.fetched),
        str(report.articles),
        str(report.errors),
    )
    table.caption = (
        f"{report.not_modified} not modified, {report.unchanged} unchanged listings "
        "(no new row), "
        f"{report.skipped_known} already stored, "
        f"{report.refused} refused (other sites, private addresses), "
        f"{report.too_long} over-long links dropped, "
        f"{report.bytes / 1e6:.1f} MB"
    )
    for name, left, why in report.unfinished:
        table.caption += f"\nunfinished: {name}, {left} URLs left queued ({why})"
    return table


def crawl_with_progress(
    db_path: str, sources: Sequence[Source], settings: CrawlSettings, log_file: str | None
) -> CrawlReport:
    """Crawl ``sources`` with a live table on stderr, then print the summary table."""
    folder = Path(db_path).resolve().parent
    folder.mkdir(parents=True, exist_ok=True)
    log_file = log_file or str(folder / "crawl.log")
    # no refresh thread: run_crawl forks its child, which is cheaper with one thread alive
    with Live(console=stderr, transient=True, auto_refresh=False) as live:
        try:
            report = crawling.run_crawl(
                db_path,
                sources,
                settings,
                log_file=log_file,
                progress=lambda s: live.update(_progress_table(s), refresh=True),
            )
        except CrawlError as exc:
            raise click.ClickException(f"crawl failed; see {log_file}\n{exc}") from exc
    stderr.print(_summary_table(report))
    return report


def source_selection_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the options that choose what to crawl: --sources, --source, --seed, --max-*."""
    options = (
        sources_option,
        click.option(
            "--source", "names", multiple=True, help="Crawl only this source (repeatable)."
        ),
        click.option(
            "--seed", "seeds", multiple=True, help="Crawl this URL's site instead of sources."
        ),
        click.option(
            "--max-pages",
            type=click.IntRange(1),
            default=None,
            help="Stop after N page fetches (sitemaps and feeds count in --max-discovery).",
        ),
        click.option(
            "--max-depth",
            type=click.IntRange(0),
            default=3,
            show_default=True,
            help="Link hops from a --seed (sitemaps, feeds, pagination do not count).",
        ),
        click.option(
            "--revisit-days",
            type=click.IntRange(1),
            default=None,
            help="Fetch stored articles last fetched more than N days ago again "
            "(sources.toml revisit_days wins).",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


def crawl_settings_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the options that set how to crawl (politeness, budgets, storage, logging)."""
    options = (
        click.option(
            "--delay",
            type=click.FloatRange(0),
            default=1.0,
            show_default=True,
            help="Seconds between requests to one host (robots Crawl-delay can raise it).",
        ),
        click.option(
            "--max-crawl-delay",
            type=click.FloatRange(0),
            default=60.0,
            show_default=True,
            help="Cap on a robots.txt Crawl-delay, in seconds (a larger one is logged).",
        ),
        click.option(
            "--max-time",
            "max_seconds",
            type=click.FloatRange(1),
            default=None,
            help="Run budget in seconds: then stop; sources not done are reported, "
            "their URLs stay queued for the next run.",
        ),
        click.option(
            "--max-discovery",
            type=click.IntRange(1),
            default=100,
            show_default=True,
            help="Sitemap and feed fetches per source and run.",
        ),
        click.option(
            "--concurrency",
            type=click.IntRange(1),
            default=8,
            show_default=True,
            help="Requests in flight over all hosts.",
        ),
        click.option(
            "--per-host",
            "per_host_concurrency",
            type=click.IntRange(1),
            default=2,
            show_default=True,
            help="Requests in flight to one host (host:port).",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(0.1),
            default=30.0,
            show_default=True,
            help="Seconds before a request times out (then retried once, with backoff).",
        ),
        click.option(
            "--retries",
            type=click.IntRange(0),
            default=3,
            show_default=True,
            help="Retries of 5xx, 429 and timeouts (Retry-After or exponential backoff).",
        ),
        click.option(
            "--max-size",
            "max_size_mb",
            type=click.FloatRange(0.01),
            default=10.0,
            show_default=True,
            help="Largest response body in MB, after decompression.",
        ),
        click.option(
            "--refresh", is_flag=True, help="Fetch every stored article again (conditional GET)."
        ),
        click.option(
            "--redis",
            "redis_url",
            envvar="NEWSINTEL_REDIS",
            default=None,
            help="Share the frontier with other crawler processes (redis://host:port).",
        ),
        click.option(
            "--warc-dir",
            type=click.Path(file_okay=False),
            default=None,
            help="WARC folder  [default: warc/ beside the database]",
        ),
        click.option("--user-agent", default="newsintel/0.1", show_default=True),
        click.option(
            "--contact",
            envvar="NEWSINTEL_CONTACT",
            default=None,
            help="URL or e-mail for site owners, added to the User-Agent.",
        ),
        click.option(
            "--log-file",
            type=click.Path(dir_okay=False),
            default=None,
            help="Crawl log  [default: crawl.log beside the database]",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


def crawl_settings(max_size_mb: float, **options: Any) -> CrawlSettings:
    """Build the crawl settings from the values of ``crawl_settings_options``."""
    return CrawlSettings(max_size=int(max_size_mb * 1024 * 1024), **options)


@click.command("crawl")
@db_option
@source_selection_options
@crawl_settings_options
@click.option("--dry-run", is_flag=True, help="Read robots/sitemaps/feeds only; print URLs.")
def crawl_command(
    db_path: str,
    sources_path: str | None,
    names: tuple[str, ...],
    seeds: tuple[str, ...],
    max_depth: int,
    revisit_days: int | None,
    max_size_mb: float,
    log_file: str | None,
    **options: Any,
) -> None:
    """Crawl news sources politely and incrementally into the database and WARC files.

    A second run resumes what the last one left queued, polls listings, feeds and sitemaps
    again (conditional GET: an unchanged one costs a 304; one that answers 304 or the same
    body adds no row and no WARC record, and its links are still followed) and fetches the
    article URLs it has not stored. A stored article is fetched again only when a sitemap's
    lastmod or a feed's date is newer than its fetch, when it is older than --revisit-days,
    or with --refresh (all conditional; a 404 or 410 then marks it gone). Only the source's
    own domains are requested, never private or link-local addresses other than its own host.

    \b
    Example:
        newsintel crawl --db news.db --seed http://127.0.0.1:8000/ --max-pages 200
    """
    sources = select_sources(sources_path, names, seeds, max_depth, revisit_days)
    settings = crawl_settings(max_size_mb, **options)
    report = crawl_with_progress(db_path, sources, settings, log_file)
    for url in report.would_fetch:
        click.echo(json.dumps({"url": url}))


@click.command("status")
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per source on stdout.")
def status_command(db_path: str, as_json: bool) -> None:
    """Show per-source page counts, articles, error rates, queued and gone URLs, last crawl.

    \b
    Example:
        newsintel status --db news.db
    """
    rows = crawl_store.crawl_status(open_db(db_path))
    if as_json:
        for row in rows:
            click.echo(json.dumps(row))
        return
    table = Table(title="crawl status")
    for column in (
        "source",
        "pages",
        "articles",
        "errors",
        "error_rate",
        "queued",
        "gone",
        "last_fetch",
        "last_crawl",
    ):
        table.add_column(column)
    for row in rows:
        table.add_row(
            *(
                str(row[c] if row[c] is not None else "")
                for c in (
                    "source",
                    "pages",
                    "articles",
                    "errors",
                    "error_rate",
                    "queued",
                    "gone",
                    "last_fetch",
                    "last_crawl",
                )
            )
        )
    stderr.print(table)


@click.command("import-warc")
@db_option
@click.option("--source", default=None, help="Source name to record [default: each URL's host].")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
def import_warc_command(db_path: str, source: str | None, files: tuple[str, ...]) -> None:
    """Record the responses of existing WARC files (e.g. a Common Crawl extract) as pages.

    Rows point at the given files, so keep them where they are; then run `newsintel extract`.

    \b
    Example:
        newsintel import-warc --db news.db CC-NEWS-20240101.warc.gz
    """
    try:
        pages, articles = crawling.import_warc(db_path, files, source=source)
    except CrawlError as exc:
        raise click.ClickException(f"{exc}; is it a WARC file?") from exc
    click.echo(
        f"import-warc: {pages} pages, {articles} articles, "
        f"{pages - articles} skipped (sitemaps, feeds, listings, errors)",
        err=True,
    )


@click.command("merge")
@db_option
@click.argument("shards", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
def merge_command(db_path: str, shards: tuple[str, ...]) -> None:
    """Merge shard databases written by crawler processes on other machines into --db.

    Merging twice adds nothing. Copy each shard's WARC folder to the same path here.

    \b
    Example:
        newsintel merge --db news.db shard-a.db shard-b.db
    """
    db = open_db(db_path)
    for shard in shards:
        try:
            added = crawl_store.merge_shard(db, shard)
        except StoreError as exc:
            raise click.ClickException(f"{exc}; is it a newsintel database?") from exc
        click.echo(f"merge: {shard}: {added} pages added", err=True)


COMMANDS: tuple[click.Command, ...] = (
    crawl_command,
    status_command,
    import_warc_command,
    merge_command,
)
