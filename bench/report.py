"""Write BENCHMARKS.md (one table) and its growth plot (PNG beside it) from suite results."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

__all__ = ["all_rows", "plot_growth", "render_markdown", "write_report"]

STAGE_ORDER = ("crawl", "extract", "workers", "embed", "search", "datasette")


def all_rows(results: dict[str, Any], *, quick: bool) -> list[dict[str, Any]]:
    """Return every result row of one mode, in table order."""
    prefix = "quick:" if quick else "full:"
    rows = [
        row
        for key, run in results.get("runs", {}).items()
        if key.startswith(prefix)
        for row in run.get("rows", [])
    ]
    order = {stage: i for i, stage in enumerate(STAGE_ORDER)}
    return sorted(rows, key=lambda r: (order.get(r["stage"], 99), r["name"], r["size"]))


def _num(value: float | None, *, approx: bool = False) -> str:
    if value is None:
        return ""
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"
    return f"≈{text}" if approx else text


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| Stage | Measure | Size | Ours | Unit | Anchor | Anchor value | Ratio | "
        "Peak MiB (ours / anchor) | Notes |",
        "|---|---|--:|--:|---|---|--:|--:|--:|---|",
    ]
    for r in rows:
        approx = bool(r.get("extrapolated"))
        peaks = " / ".join(_num(v) for v in (r.get("peak_mb"), r.get("anchor_peak_mb")) if v)
        cells = (
            r["stage"], r["name"], f"{r['size']:,} {r['size_unit']}",
            _num(r["value"], approx=approx),
            r["unit"], r.get("anchor") or "", _num(r.get("anchor_value"), approx=approx),
            _num(r.get("ratio")), peaks, r.get("note", ""),
        )  # fmt: skip
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return lines


def render_markdown(results: dict[str, Any], *, quick: bool, plot_name: str | None) -> str:
    """Return the Markdown report of one mode of the results."""
    m = results.get("machine", {})
    mode = "quick (CI smoke)" if quick else "full"
    command = "newsintel bench --quick" if quick else "newsintel bench"
    loads = [
        x
        for key, run in results.get("runs", {}).items()
        if key.startswith("quick:" if quick else "full:")
        for x in run.get("load_1m", [])
    ]
    load = (
        f" The machine was shared with other jobs: the 1-minute load average was "
        f"{min(loads):.1f}-{max(loads):.1f} on {m.get('cpus', '?')} cores while measuring, so "
        "absolute numbers are pessimistic and noisy; ratios to anchors measured in the same "
        "run are the more stable figures."
        if loads and max(loads) > (m.get("cpus") or 1)
        else ""
    )
    lines = [
        "# Benchmarks",
        "",
        f"Produced by `{command}` ({mode} mode) on {m.get('date', '?')}: {m.get('cpus', '?')} "
        f"cores, {m.get('ram_gib', '?')} GiB RAM, Python {m.get('python', '?')}, "
        f"{m.get('platform', '?')}. Each stage and its anchor were measured in the same run "
        "on the same seeded synthetic corpus (`bench/corpus.py`); each stage ran in its own "
        "process, so peak memory (RSS of the process and its children) is the stage's own." + load,
        "",
        "Ratio is ours relative to the anchor, >= 1 meaning as good as the anchor "
        "(throughput: ours/anchor; latency: anchor/ours). Values marked ≈ are extrapolated "
        "from the largest size run for real (constant throughput and peak memory of a "
        "streaming stage); the note says from what. How to run: `docs/readme/scale.md`; what "
        "it means for 10M articles: `docs/scale.md`.",
        "",
        *_table(all_rows(results, quick=quick)),
    ]
    notes = results.get("notes", [])
    if notes:
        lines += ["", "Notes:", ""]
        lines += [f"- {_cell(note)}" for note in notes]
    codes = sorted(
        {
            f"{run['stage']}: {run['code']}"
            for key, run in results.get("runs", {}).items()
            if key.startswith("quick:" if quick else "full:") and run.get("code")
        }
    )
    if codes:
        lines += ["", "Code measured, where it was not this branch alone:", ""]
        lines += [f"- {_cell(code)}" for code in codes]
    errors = [
        (run["stage"], run["size"], run["error"])
        for key, run in results.get("runs", {}).items()
        if key.startswith("quick:" if quick else "full:") and run.get("error")
    ]
    if errors:
        lines += ["", "## Not measured", ""]
        lines += [f"- {stage} at {size:,}: {_cell(err)}" for stage, size, err in errors]
    if plot_name:
        lines += ["", "## Growth", "", f"![growth from 1k to 100k articles]({plot_name})"]
    return "\n".join(lines) + "\n"


def plot_growth(rows: list[dict[str, Any]], path: Path) -> bool:
    """Plot value and peak memory against size for every stage; False when nothing to plot.

    Raises:
        RuntimeError: matplotlib (the ``bench`` extra) is not installed.
    """
    try:
        import matplotlib
    except ImportError as exc:
        raise RuntimeError(
            "the growth plot needs matplotlib: pip install 'newsintel[bench]'"
        ) from exc

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    series: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        series[r["stage"]][f"{r['name']} ({r['unit']})"].append(r)
    stages = [s for s in STAGE_ORDER if s in series] + sorted(set(series) - set(STAGE_ORDER))
    if not stages:
        return False
    width = max(4.2 * len(stages), 8.0)
    fig, axes = plt.subplots(2, len(stages), figsize=(width, 7), squeeze=False)
    for col, stage in enumerate(stages):
        for label, points in series[stage].items():
            points.sort(key=lambda r: r["size"])
            sizes = [p["size"] for p in points]
            line = axes[0][col].plot(sizes, [p["value"] for p in points], "-", label=label)[0]
            for p in points:
                face = "none" if p.get("extrapolated") else line.get_color()
                axes[0][col].plot(p["size"], p["value"], "o", color=line.get_color(), mfc=face)
            mem = [(p["size"], p["peak_mb"]) for p in points if p.get("peak_mb")]
            if mem:
                axes[1][col].plot(*zip(*mem, strict=True), "o-", color=line.get_color())
        axes[0][col].set_title(stage)
        axes[0][col].legend(fontsize=7)
        axes[1][col].set_ylabel("peak MiB")
        unit = points[0]["size_unit"]
        for ax in (axes[0][col], axes[1][col]):
            ax.set_xscale("log")
            ax.set_xlabel(unit)
            ax.grid(alpha=0.3)
            ax.set_ylim(bottom=0)  # no zoomed axes: a 5% difference should look like one
    fig.suptitle(
        "newsintel: throughput or latency (top), peak memory (bottom); hollow = extrapolated"
    )
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return True


def write_report(results: dict[str, Any], out: Path, *, quick: bool) -> None:
    """Write ``out`` (Markdown) and ``<out stem>-growth.png`` beside it."""
    out = Path(out)
    plot = out.with_name(f"{out.stem}-growth.png")
    has_plot = plot_growth(all_rows(results, quick=quick), plot)
    text = render_markdown(results, quick=quick, plot_name=plot.name if has_plot else None)
    out.write_text(text, encoding="utf-8")
