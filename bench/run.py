"""Run the benchmark suite: every stage at every size, each in a child process; cache; report.

Resumable: each (stage, size) result is saved to the results JSON file as soon as it is
measured, and a later run skips what is already there (``--force`` measures again). Sizes
above a stage's ``MAX_REAL_SIZE`` are extrapolated from its largest real size (constant
throughput and peak memory, which holds when the stage streams; the table says so).

Usage (from the repository root; ``newsintel bench`` is the same)::

    python -m bench.run --quick                  # CI smoke, < 5 minutes
    python -m bench.run --out BENCHMARKS.md      # full: 1k, 10k, 100k articles; hours
    python -m bench.run --stage extract --size 1000   # one stage, one size
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import BenchContext
from bench.report import write_report

__all__ = [
    "FULL_SIZES",
    "QUICK_SIZES",
    "STAGES",
    "SuiteSettings",
    "extrapolate",
    "load_results",
    "main",
    "run_suite",
]

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[1]
# (stage, module): the order is the order of the table
STAGES: tuple[tuple[str, str], ...] = (
    ("crawl", "bench.crawl_bench"),
    ("extract", "bench.extract_bench"),
    ("workers", "bench.workers_bench"),
    ("embed", "bench.embed_bench"),
    ("search", "bench.vector_bench"),
    ("datasette", "bench.datasette_bench"),
)
QUICK_SIZES = (40, 120)
FULL_SIZES = (1_000, 10_000, 100_000)
# stages measured by bench/fallbacks.py while their own benchmark lacks run(ctx)
FALLBACK_CONSTANTS: dict[str, dict[str, Any]] = {
    "crawl": {"_has_run": True, "MAX_REAL_SIZE": 10_000, "QUICK_RUN_ONCE": True},
    "extract": {"_has_run": True, "MAX_REAL_SIZE": 10_000, "QUICK_RUN_ONCE": True},
}
DEFAULT_MAX_REAL = 10_000  # above this, a stage is extrapolated unless it says otherwise
QUICK_TIMEOUT = 150.0  # seconds per stage and size in quick mode
FULL_TIMEOUT = 6 * 3600.0


@dataclass(frozen=True, slots=True)
class SuiteSettings:
    """What one run of the suite measures and where it writes."""

    quick: bool = False
    sizes: tuple[int, ...] = ()  # empty: QUICK_SIZES or FULL_SIZES
    stages: tuple[str, ...] = ()  # empty: all
    results_path: Path = Path("BENCHMARKS.json")
    out: Path | None = Path("BENCHMARKS.md")
    workdir: Path | None = None  # scratch; default: a directory beside the results file
    seed: int = 0
    workers: int = 2
    force: bool = False
    options: dict[str, Any] = field(default_factory=dict)
    modules: tuple[tuple[str, str], ...] = ()  # (stage, module) pairs; empty: STAGES
    max_real: dict[str, int] = field(default_factory=dict)  # per-stage cap on real sizes

    def resolved_sizes(self) -> tuple[int, ...]:
        """Return the corpus sizes of this run."""
        return self.sizes or (QUICK_SIZES if self.quick else FULL_SIZES)


def stage_constants(module: str) -> dict[str, Any]:
    """Read a stage module's upper-case constants without importing it (imports are heavy)."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        return {"_missing": True}
    path = Path(spec.origin)
    constants: dict[str, Any] = {}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants["_has_run"] = any(
        isinstance(node, ast.FunctionDef) and node.name == "run" for node in tree.body
    )
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id.isupper() and node.value:
                    try:
                        constants[target.id] = ast.literal_eval(node.value)
                    except ValueError:  # not a literal: not a setting for us
                        continue
    return constants


def _key(stage: str, size: int, quick: bool) -> str:
    return f"{'quick' if quick else 'full'}:{stage}:{size}"


def load_results(path: Path) -> dict[str, Any]:
    """Return the cached results (``{"runs": {key: {...}}}``), empty when absent."""
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    return {"runs": {}}


def save_results(path: Path, results: dict[str, Any]) -> None:
    """Write the results atomically (a crash never leaves half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def run_child(stage: str, module: str, ctx: BenchContext, timeout: float) -> dict[str, Any]:
    """Run one stage at one size in a fresh interpreter; return ``{"rows", "error", ...}``."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        out = Path(tmp.name)
    cmd = [
        sys.executable, "-m", "bench.run", "--child", module, "--size", str(ctx.size),
        "--workdir", str(ctx.workdir), "--seed", str(ctx.seed), "--workers", str(ctx.workers),
        "--child-out", str(out), "--options", json.dumps(ctx.options),
    ] + (["--quick"] if ctx.quick else [])  # fmt: skip
    # the child imports what this process can (the repository, test-time paths)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), *filter(None, sys.path)])}
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            cmd, cwd=REPO, capture_output=True, text=True, timeout=timeout, env=env
        )
        error = None if proc.returncode == 0 else _tail(proc.stderr)
    except subprocess.TimeoutExpired:
        error = f"timed out after {timeout:.0f} s"
    rows = json.loads(out.read_text(encoding="utf-8")) if out.stat().st_size else []
    out.unlink(missing_ok=True)
    return {
        "rows": rows,
        "error": error,
        "wall_seconds": round(time.perf_counter() - start, 1),
        "load_1m": [round(load_before, 1), round(os.getloadavg()[0], 1)],  # shared machine?
    }


def _tail(text: str, lines: int = 6) -> str:
    return "\n".join(text.strip().splitlines()[-lines:]) or "failed without output"


def extrapolate(rows: list[dict[str, Any]], real_size: int, size: int) -> list[dict[str, Any]]:
    """Scale rows measured at ``real_size`` articles to ``size``: same rate, same peak memory."""
    factor = size / real_size
    scaled = []
    for row in rows:
        new = dict(row)
        new["size"] = round(row["size"] * factor)
        if row.get("seconds") is not None:
            new["seconds"] = round(row["seconds"] * factor, 1)
        new["extrapolated"] = True
        new["note"] = f"extrapolated from {real_size:,} articles; {row.get('note', '')}".strip()
        scaled.append(new)
    return scaled


def _measure_stage(
    settings: SuiteSettings, results: dict[str, Any], stage: str, module: str, workdir: Path
) -> None:
    constants = stage_constants(module)
    if not constants.get("_has_run") and stage in FALLBACK_CONSTANTS:
        module, constants = f"bench.fallbacks:{stage}", FALLBACK_CONSTANTS[stage]
    missing_key = _key(stage, 0, settings.quick)
    results["runs"].pop(missing_key, None)
    if constants.get("_missing") or not constants.get("_has_run"):
        why = "not written yet" if constants.get("_missing") else "has no run(ctx)"
        results["runs"][missing_key] = {
            "stage": stage, "size": 0, "rows": [], "error": f"{module} {why}",
        }  # fmt: skip
        return
    sizes = settings.resolved_sizes()
    if constants.get("RUN_ONCE") or (settings.quick and constants.get("QUICK_RUN_ONCE")):
        sizes = (max(sizes),)
    max_real = int(constants.get("MAX_REAL_SIZE", DEFAULT_MAX_REAL))
    max_real = min(max_real, settings.max_real.get(stage, max_real))
    timeout = QUICK_TIMEOUT if settings.quick else FULL_TIMEOUT
    for size in sizes:
        key = _key(stage, size, settings.quick)
        real = [s for s in settings.resolved_sizes() if s <= max_real]
        if size > max_real and real:  # recomputed every run: follows its base measurement
            base = results["runs"].get(_key(stage, max(real), settings.quick))
            if base and base["rows"]:
                rows = extrapolate(base["rows"], max(real), size)
                results["runs"][key] = {"stage": stage, "size": size, "rows": rows, "error": None}
                continue
        if key in results["runs"] and not settings.force and not results["runs"][key]["error"]:
            log.info("%s: cached", key)
            continue
        ctx = BenchContext(size, settings.quick, workdir, settings.seed, settings.workers,
                           settings.options)  # fmt: skip
        log.warning("measuring %s at %s articles", stage, f"{size:,}")
        run = run_child(stage, module, ctx, timeout)
        previous = results["runs"].get(key)
        if run["error"] and not run["rows"] and previous and previous["rows"]:
            previous["last_error"] = run["error"]  # a failed re-run never loses a good result
            continue
        results["runs"][key] = {"stage": stage, "size": size, **run}
        save_results(settings.results_path, results)


def run_suite(
    settings: SuiteSettings, *, progress: Callable[[str], None] | None = None
) -> dict[str, Any]:
    """Measure every selected stage at every size (cached ones skipped) and write the report.

    Returns:
        The results document (also saved at ``settings.results_path``).
    """
    results = load_results(settings.results_path)
    workdir = settings.workdir or settings.results_path.parent / ".bench-work"
    workdir.mkdir(parents=True, exist_ok=True)
    results["machine"] = machine_info()
    for stage, module in settings.modules or STAGES:
        if settings.stages and stage not in settings.stages:
            continue
        if progress:
            progress(f"stage {stage}")
        _measure_stage(settings, results, stage, module, workdir.resolve())
        save_results(settings.results_path, results)
    if settings.out:
        write_report(results, settings.out, quick=settings.quick)
    return results


def machine_info() -> dict[str, Any]:
    """Describe the machine the numbers come from."""
    import platform

    import psutil

    return {
        "cpus": os.cpu_count(),
        "ram_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def _child_main(args: argparse.Namespace) -> None:
    name, _, fallback = args.child.partition(":")
    module = importlib.import_module(name)
    run = (
        getattr(module, "FALLBACKS", {}).get(fallback) if fallback else getattr(module, "run", None)
    )
    if not callable(run):
        raise SystemExit(f"{args.child} does not define run(ctx): see bench/common.py")
    ctx = BenchContext(
        size=args.size, quick=args.quick, workdir=Path(args.workdir), seed=args.seed,
        workers=args.workers, options=json.loads(args.options or "{}"),
    )  # fmt: skip
    rows = run(ctx)
    Path(args.child_out).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line of ``python -m bench.run``."""
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    p.add_argument("--quick", action="store_true", help="small sizes: the CI smoke run")
    p.add_argument("--size", type=int, action="append", default=[], help="corpus size(s)")
    p.add_argument("--stage", action="append", default=[], help="stage(s) to run")
    p.add_argument("--results", default="BENCHMARKS.json", help="results cache (JSON)")
    p.add_argument("--out", default="BENCHMARKS.md", help="report to write ('' for none)")
    p.add_argument("--workdir", default=None, help="scratch directory for generated inputs")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--force", action="store_true", help="measure again what is cached")
    p.add_argument("--options", default="{}", help="JSON options passed to every stage")
    p.add_argument(
        "--max-real",
        action="append",
        default=[],
        metavar="STAGE=N",
        help="measure STAGE for real only up to N articles; extrapolate above (repeatable)",
    )
    p.add_argument("--child", default=None, help=argparse.SUPPRESS)
    p.add_argument("--child-out", default=None, help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of ``python -m bench.run``."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(message)s")
    if args.child:
        args.size = args.size[-1]
        _child_main(args)
        return
    settings = SuiteSettings(
        quick=args.quick, sizes=tuple(args.size), stages=tuple(args.stage),
        results_path=Path(args.results), out=Path(args.out) if args.out else None,
        workdir=Path(args.workdir) if args.workdir else None, seed=args.seed,
        workers=args.workers, force=args.force, options=json.loads(args.options),
        max_real={k: int(v) for k, _, v in (m.partition("=") for m in args.max_real)},
    )  # fmt: skip
    run_suite(settings, progress=lambda m: print(m, file=sys.stderr))


if __name__ == "__main__":
    main()
