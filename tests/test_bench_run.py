"""The suite runner: child processes, the resumable cache, extrapolation and the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.common import result
from bench.run import SuiteSettings, extrapolate, run_suite

FAKE_STAGE = """
import os
from pathlib import Path
from bench.common import measure, result

MAX_REAL_SIZE = 200

def run(ctx):
    if ctx.options.get("fail"):
        raise RuntimeError("stage exploded")
    Path(ctx.workdir, f"calls-{ctx.size}").open("a").write("x")
    _, m = measure(lambda: sum(range(ctx.size * 100)))
    return [result(stage="fake", name="sum", size=ctx.size, size_unit="articles",
                   unit="articles/s", value=ctx.size / max(m.seconds, 1e-6),
                   anchor="double", anchor_value=ctx.size / max(m.seconds, 1e-6) / 2,
                   seconds=m.seconds, peak_mb=m.peak_mb, note=f"pid {os.getpid()}")]
"""


@pytest.fixture
def fake_stage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    (tmp_path / "fake_stage_bench.py").write_text(FAKE_STAGE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return "fake_stage_bench"


def _settings(tmp_path: Path, module: str, **kw: object) -> SuiteSettings:
    return SuiteSettings(
        sizes=(100, 200, 400),
        results_path=tmp_path / "results.json",
        out=tmp_path / "BENCHMARKS.md",
        workdir=tmp_path / "work",
        modules=(("fake", module), ("missing", "bench.no_such_bench")),
        **kw,  # type: ignore[arg-type]
    )


def test_each_size_is_measured_in_its_own_process(tmp_path: Path, fake_stage: str) -> None:
    results = run_suite(_settings(tmp_path, fake_stage))
    notes = {r["note"] for k, run in results["runs"].items() if ":fake:" in k for r in run["rows"]}
    real = {n for n in notes if "extrapolated" not in n}
    assert len(real) == 2  # 100 and 200, two pids


def test_sizes_above_max_real_are_extrapolated(tmp_path: Path, fake_stage: str) -> None:
    results = run_suite(_settings(tmp_path, fake_stage))
    (row,) = results["runs"]["full:fake:400"]["rows"]
    assert row["extrapolated"]
    assert row["size"] == 400
    assert not (tmp_path / "work" / "calls-400").exists()


def test_a_second_run_resumes_from_the_cache(tmp_path: Path, fake_stage: str) -> None:
    run_suite(_settings(tmp_path, fake_stage))
    run_suite(_settings(tmp_path, fake_stage))
    assert (tmp_path / "work" / "calls-100").read_text() == "x"


def test_force_measures_again(tmp_path: Path, fake_stage: str) -> None:
    run_suite(_settings(tmp_path, fake_stage))
    run_suite(_settings(tmp_path, fake_stage, force=True))
    assert (tmp_path / "work" / "calls-100").read_text() == "xx"


def test_a_failing_stage_is_recorded_not_raised(tmp_path: Path, fake_stage: str) -> None:
    results = run_suite(_settings(tmp_path, fake_stage, options={"fail": True}))
    assert "stage exploded" in results["runs"]["full:fake:100"]["error"]


def test_report_has_the_table_the_plot_and_what_is_missing(tmp_path: Path, fake_stage: str) -> None:
    run_suite(_settings(tmp_path, fake_stage))
    text = (tmp_path / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert "| fake | sum | 400 articles | ≈" in text
    assert "bench.no_such_bench not written yet" in text
    assert (tmp_path / "BENCHMARKS-growth.png").read_bytes().startswith(b"\x89PNG")
    assert json.loads((tmp_path / "results.json").read_text())["machine"]["cpus"] >= 1


def test_extrapolate_keeps_rate_and_scales_time() -> None:
    row = result(stage="s", name="n", size=10, size_unit="chunks", unit="chunks/s", value=5.0,
                 seconds=2.0, peak_mb=100.0)  # fmt: skip
    (scaled,) = extrapolate([row], real_size=1000, size=100_000)
    assert (scaled["size"], scaled["value"], scaled["seconds"]) == (1000, 5.0, 200.0)


def test_result_ratio_for_latency_is_anchor_over_ours() -> None:
    row = result(stage="s", name="n", size=1, size_unit="vectors", unit="ms p95", value=5.0,
                 anchor="exact", anchor_value=40.0, higher_is_better=False)  # fmt: skip
    assert row["ratio"] == 8.0


def test_a_failed_rerun_keeps_the_good_result(tmp_path: Path, fake_stage: str) -> None:
    run_suite(_settings(tmp_path, fake_stage))
    results = run_suite(_settings(tmp_path, fake_stage, force=True, options={"fail": True}))
    kept = results["runs"]["full:fake:100"]
    assert kept["rows"]
    assert "stage exploded" in kept["last_error"]
