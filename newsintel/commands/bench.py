"""CLI commands of the benchmark suite (``bench/``, run from a source checkout)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from newsintel.options import workers_option


def _stage_limits(values: tuple[str, ...]) -> dict[str, int]:
    """Parse ``--max-real STAGE=N`` values into ``{stage: N}``."""
    limits: dict[str, int] = {}
    for value in values:
        stage, _, number = value.partition("=")
        if not stage or not number.isdigit():
            raise click.BadParameter(f"{value!r}: use STAGE=N with N a whole number")
        limits[stage] = int(number)
    return limits


@click.command("bench")
@click.option("--quick", is_flag=True, help="Small sizes, under 5 minutes: the CI smoke run.")
@click.option(
    "--out",
    default="BENCHMARKS.md",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Report to write; the growth plot goes beside it as <name>-growth.png.",
)
@click.option(
    "--results",
    default="BENCHMARKS.json",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Per-stage results cache: a re-run skips what is in it (resumable).",
)
@click.option("--stage", "stages", multiple=True, help="Only these stages (repeatable).")
@click.option(
    "--size", "sizes", multiple=True, type=click.IntRange(1), help="Corpus sizes in articles."
)
@click.option("--force", is_flag=True, help="Measure again what the cache already holds.")
@click.option("--strict", is_flag=True, help="Exit 1 when a stage could not be measured (CI).")
@click.option(
    "--max-real",
    "max_real",
    multiple=True,
    metavar="STAGE=N",
    callback=lambda _ctx, _param, values: _stage_limits(values),
    help="Measure STAGE for real only up to N articles, extrapolate above (repeatable).",
)
@click.option("--seed", default=0, show_default=True, help="Seed of the synthetic corpus.")
@click.option("--workdir", type=click.Path(file_okay=False), help="Scratch directory.")
@workers_option
def bench(
    quick: bool,
    out: str,
    results: str,
    stages: tuple[str, ...],
    sizes: tuple[int, ...],
    force: bool,
    strict: bool,
    max_real: dict[str, int],
    seed: int,
    workdir: str | None,
    workers: int,
) -> None:
    """Run the benchmark suite and write BENCHMARKS.md with a growth plot.

    Every stage runs beside its anchor (bare Scrapy spider, trafilatura alone, bare encoder,
    exact numpy search, plain Datasette pages) at 1k, 10k and 100k synthetic articles, each
    in its own process. Full mode takes hours; interrupt and re-run to resume.

    \b
    Example:
        newsintel bench --quick --strict --out /tmp/BENCHMARKS.md
        newsintel bench --stage extract --size 1000 --size 10000
        newsintel bench --max-real extract=1000 --max-real workers=1000
    """
    from bench.run import SuiteSettings, run_suite

    settings = SuiteSettings(
        quick=quick, sizes=sizes, stages=stages, results_path=Path(results), out=Path(out),
        workdir=Path(workdir) if workdir else None, seed=seed, workers=workers, force=force,
        max_real=max_real,
    )  # fmt: skip
    try:
        done = run_suite(settings, progress=lambda message: click.echo(message, err=True))
    except RuntimeError as exc:  # the growth plot without the bench extra
        raise click.ClickException(str(exc)) from exc
    mode = "quick:" if quick else "full:"
    errors = {
        k: v["error"] for k, v in done["runs"].items() if k.startswith(mode) and v.get("error")
    }
    click.echo(json.dumps({"out": out, "results": results, "not_measured": errors}, indent=1))
    if strict and errors:
        raise click.ClickException(f"not measured: {', '.join(sorted(errors))}")


COMMANDS: tuple[click.Command, ...] = (bench,)
