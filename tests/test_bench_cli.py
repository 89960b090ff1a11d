"""`newsintel bench` drives the suite runner (a fake stage keeps it fast)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import bench.run
from newsintel.cli import cli

STAGE = """
from bench.common import result

def run(ctx):
    return [result(stage="tiny", name="noop", size=ctx.size, size_unit="articles",
                   unit="articles/s", value=float(ctx.size))]
"""


@pytest.fixture
def tiny_suite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "tiny_bench.py").write_text(STAGE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(bench.run, "STAGES", (("tiny", "tiny_bench"), ("gone", "no_such_bench")))
    return tmp_path


def _invoke(tmp: Path, *extra: str) -> object:
    args = ["bench", "--quick", "--out", str(tmp / "B.md"), "--results", str(tmp / "r.json")]
    return CliRunner().invoke(cli, [*args, "--workdir", str(tmp / "w"), *extra])


def test_bench_writes_the_report_and_lists_what_was_not_measured(tiny_suite: Path) -> None:
    result = _invoke(tiny_suite)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "| tiny | noop |" in (tiny_suite / "B.md").read_text(encoding="utf-8")
    assert list(json.loads(result.stdout)["not_measured"]) == ["quick:gone:0"]  # type: ignore[attr-defined]


def test_bench_strict_fails_when_a_stage_is_missing(tiny_suite: Path) -> None:
    result = _invoke(tiny_suite, "--strict")
    assert result.exit_code == 1  # type: ignore[attr-defined]
