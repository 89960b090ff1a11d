"""The common interface of newsintel's stage benchmarks (read this before writing one).

``newsintel bench`` (``bench/run.py``) runs every stage benchmark of the suite, each in a
fresh child process (so that peak memory is the stage's own and Scrapy's reactor starts
once), at each corpus size of the run, and writes ``BENCHMARKS.md`` with a growth plot.

Writing a stage benchmark
-------------------------
A stage benchmark is a module ``bench/<stage>_bench.py`` that defines ``run`` below. The
suite runs, in this order: ``crawl_bench`` (crawler helper), ``extract_bench`` (facts
helper), ``workers_bench`` (scale: extract_pending 1 vs 2 workers), ``embed_bench`` and
``vector_bench`` (index helper), ``datasette_bench`` (scale: Datasette pages over HTTP).
Each defines::

    MAX_REAL_SIZE = 10_000  # optional: largest ctx.size run for real; above it run.py
                            # extrapolates from the largest real size and says so

    def run(ctx: BenchContext) -> list[dict[str, object]]:
        '''Measure the stage and its anchor at ctx.size articles; return result rows.'''

    RUN_ONCE = True         # optional: run once at the largest size of the mode (e.g. a
                            # search benchmark that sweeps its own 10k/100k/1M vectors)
    QUICK_RUN_ONCE = True   # optional: in quick mode, only the largest quick size

and returns one row per thing measured (use :func:`result` to build rows: it checks the keys
and computes the anchor ratio). Rules:

- ``ctx.size`` is the corpus size in articles (1k, 10k, 100k in full mode; small in quick
  mode); ``ctx.quick`` asks for the smallest meaningful measurement (the whole quick suite
  runs in CI in under 5 minutes). Size your own sub-measurements from them (e.g. embed at
  most a few hundred chunks in quick mode, a few thousand in full mode).
- Generate inputs with ``bench.corpus`` (``iter_articles``, ``write_site``, ``write_warcs``,
  ``write_pages_db``, ``clustered_vectors``, ``query_vectors``, ``write_vectors``) and
  ``bench.corpus_db`` (``write_articles_db``: a real-size database of articles with their
  ground-truth facts, without running extraction), always with ``ctx.seed``, inside
  ``ctx.workdir`` (a scratch directory of the run, shared by the stages and sizes of a run:
  cache what is expensive to build there, e.g. ``ctx.workdir / f"site-{ctx.size}"``).
- Measure the anchor IN THE SAME RUN on the same inputs (bare Scrapy spider; trafilatura
  ``extract`` alone; bare encoder calls; exact numpy search; Datasette's plain table page).
- Peak memory: wrap each measured call in :func:`measure` (or :class:`PeakMemory`), which
  samples the RSS of this process and its children with psutil; report MiB.
- ``value`` and ``anchor_value`` are in the same ``unit``. For throughputs (``pages/s``,
  ``articles/s``, ``chunks/s``) higher is better; for latencies (``ms p95``) pass
  ``higher_is_better=False``. ``ratio`` is always "ours relative to the anchor, >= 1 is as
  good as the anchor" (throughput ours/anchor; latency anchor/ours).
- ``size`` is what the row measured in ``size_unit`` (``articles``, ``pages``, ``chunks``,
  ``vectors``): a search benchmark at 1M synthetic vectors says ``size=1_000_000,
  size_unit="vectors"``. Say in ``note`` when inputs are synthetic.
- Never print to stdout (run.py reads JSON from the child); log with ``logging``.

Run one stage alone while developing::

    python -m bench.run --stage extract --size 1000 --quick
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import psutil

__all__ = [
    "RESULT_KEYS",
    "BenchContext",
    "Measurement",
    "PeakMemory",
    "measure",
    "percentile",
    "result",
]

T = TypeVar("T")

RESULT_KEYS = (
    "stage",
    "name",
    "size",
    "size_unit",
    "unit",
    "value",
    "anchor",
    "anchor_value",
    "ratio",
    "higher_is_better",
    "seconds",
    "peak_mb",
    "anchor_peak_mb",
    "extrapolated",
    "note",
)


@dataclass(frozen=True, slots=True)
class BenchContext:
    """What a stage benchmark is asked to measure."""

    size: int  # corpus size in articles
    quick: bool
    workdir: Path  # scratch space shared by the stages of one run
    seed: int = 0
    workers: int = 2
    options: dict[str, Any] = field(default_factory=dict)  # free-form, from --option k=v

    def scratch(self, name: str) -> Path:
        """Return (creating it) ``workdir/name``: a place to cache inputs between stages."""
        path = self.workdir / name
        path.mkdir(parents=True, exist_ok=True)
        return path


@dataclass(frozen=True, slots=True)
class Measurement:
    """Wall time and peak resident memory of one measured call."""

    seconds: float
    peak_mb: float


class PeakMemory:
    """Sample RSS (this process plus its children) in a thread; ``peak_mb`` after exit.

    Example::

        with PeakMemory() as mem:
            work()
        print(mem.peak_mb)
    """

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample_loop, daemon=True)
        self._proc = psutil.Process(os.getpid())

    def _rss_mb(self) -> float:
        total = 0
        procs = [self._proc]
        # the process tree may change under us: sample what we can list
        with contextlib.suppress(psutil.Error):
            procs += self._proc.children(recursive=True)
        for proc in procs:
            try:
                total += proc.memory_info().rss
            except psutil.Error:  # a child exited between listing and sampling
                continue
        return total / 2**20

    def _sample_loop(self) -> None:
        while not self._stop.is_set():
            self.peak_mb = max(self.peak_mb, self._rss_mb())
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self.peak_mb = self._rss_mb()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_mb = max(self.peak_mb, self._rss_mb())


def measure(fn: Callable[[], T]) -> tuple[T, Measurement]:
    """Call ``fn()`` and return its result with wall time and peak RSS (MiB)."""
    with PeakMemory() as mem:
        start = time.perf_counter()
        value = fn()
        seconds = time.perf_counter() - start
    return value, Measurement(seconds=seconds, peak_mb=round(mem.peak_mb, 1))


@contextmanager
def timed() -> Iterator[list[float]]:
    """Yield a one-element list that holds the elapsed seconds after the block."""
    box = [0.0]
    start = time.perf_counter()
    try:
        yield box
    finally:
        box[0] = time.perf_counter() - start


def percentile(values: list[float], q: float) -> float:
    """Return the ``q``-th percentile (0-100) of ``values`` by linear interpolation."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def result(
    *,
    stage: str,
    name: str,
    size: int,
    size_unit: str,
    unit: str,
    value: float,
    anchor: str | None = None,
    anchor_value: float | None = None,
    higher_is_better: bool = True,
    seconds: float | None = None,
    peak_mb: float | None = None,
    anchor_peak_mb: float | None = None,
    extrapolated: bool = False,
    note: str = "",
) -> dict[str, Any]:
    """Build one result row with the anchor ratio computed (see the module docstring)."""
    ratio = None
    if anchor_value is not None and value > 0 and anchor_value > 0:
        ratio = value / anchor_value if higher_is_better else anchor_value / value
    row = {
        "stage": stage,
        "name": name,
        "size": int(size),
        "size_unit": size_unit,
        "unit": unit,
        "value": float(value),
        "anchor": anchor,
        "anchor_value": None if anchor_value is None else float(anchor_value),
        "ratio": None if ratio is None else round(ratio, 3),
        "higher_is_better": higher_is_better,
        "seconds": None if seconds is None else round(seconds, 3),
        "peak_mb": peak_mb,
        "anchor_peak_mb": anchor_peak_mb,
        "extrapolated": extrapolated,
        "note": note,
    }
    if set(row) != set(RESULT_KEYS):  # keeps run.py and this builder in step
        raise ValueError(f"result keys drifted: {sorted(set(row) ^ set(RESULT_KEYS))}")
    return row
