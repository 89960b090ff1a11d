"""Parallel extraction on one machine: ``extract_pending`` with 1 vs N workers, peak memory.

The corpus is stored the way a crawl stores it (WARC shards plus ``pages`` rows) once per
size and copied for each measured run, so every run starts from the same unextracted
database. The anchor of ``--workers N`` is ``--workers 1`` on the same pages: the ratio is
the speed-up. Peak memory counts the writer and its worker processes.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from bench.common import BenchContext, measure, result

MAX_REAL_SIZE = 10_000  # 100k articles take hours per worker count on 2 cores
QUICK_RUN_ONCE = True  # CI smoke: one size


def corpus_db(ctx: BenchContext, size: int) -> Path:
    """Return a pages-only database of ``size`` synthetic articles (built once per workdir)."""
    from bench.corpus import iter_articles, write_pages_db
    from index.schema import open_db

    root = ctx.scratch(f"pages-{size}-seed{ctx.seed}")
    path = root / "pages.db"
    if not (root / "complete").exists():
        for stale in root.glob("*"):
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
        db = open_db(path)
        write_pages_db(db, iter_articles(size, ctx.seed), root / "warc", per_shard=1000)
        db.close()
        (root / "complete").touch()
    return path


def _extract_copy(source: Path, target: Path, workers: int) -> int:
    from index.schema import open_db
    from newsintel.pipeline import extract_pending

    shutil.copyfile(source, target)
    db = open_db(target)
    report = extract_pending(db, workers=workers)
    db.close()
    return int(report.done + report.failed)


def run(ctx: BenchContext) -> list[dict[str, Any]]:
    """Measure ``extract_pending`` at 1 and ``ctx.workers`` workers on ``ctx.size`` articles."""
    size = ctx.size
    source = corpus_db(ctx, size)
    runs: dict[int, tuple[float, float, int]] = {}
    for workers in sorted({1, ctx.workers}):
        target = source.with_name(f"run-w{workers}.db")
        done, m = measure(lambda w=workers, t=target: _extract_copy(source, t, w))
        runs[workers] = (done / m.seconds, m.peak_mb, done)
        target.unlink(missing_ok=True)
    base_rate, base_peak, base_done = runs[1]
    note = "synthetic multilingual pages read back from WARC; single SQLite writer"
    rows = [
        result(
            stage="workers", name="extract_pending --workers 1", size=size,
            size_unit="articles", unit="articles/s", value=base_rate,
            seconds=base_done / base_rate, peak_mb=base_peak, note=note,
        )
    ]  # fmt: skip
    if ctx.workers > 1:
        rate, peak, done = runs[ctx.workers]
        rows.append(
            result(
                stage="workers", name=f"extract_pending --workers {ctx.workers}", size=size,
                size_unit="articles", unit="articles/s", value=rate,
                anchor="--workers 1 (ratio = speed-up)", anchor_value=base_rate,
                seconds=done / rate, peak_mb=peak, anchor_peak_mb=base_peak, note=note,
            )
        )  # fmt: skip
    return rows
