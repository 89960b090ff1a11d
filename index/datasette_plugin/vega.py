"""The province comparison as a Vega-Lite spec, drawn in the page by the vendored vega-embed.

One line per province over every year between the first and the last figure (an ordinal axis
listing each year, gaps included), the rank axis inverted (1 at the top), and on each point a
tooltip (score, rank, articles, languages, the evidence sentence) and a link to the article
page with that evidence (Vega-Lite's ``href`` channel). The same spec is shown on the page for
pasting into a Vega editor.

Values come from the database, which a merged shard or an import may have filled with
anything: rows whose year is not an integer or whose value is not a finite number are left
out (JSON has no NaN), and names and sentences are cut and stripped of bidi controls (SVG
text has no ``<bdi>``). vega-tooltip escapes what it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from index.datasette_plugin.chart import drawable, is_number, nice_ticks
from index.datasette_plugin.display import cut, strip_bidi

__all__ = ["SCHEMA", "rank_text", "score_text", "vega_spec"]

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # an identifier; never fetched
NAME_CHARS = 60
EVIDENCE_CHARS = 200
MAX_YEARS = 100  # a wider span (a stray year 1 or 9999) lists only the years with figures
TOOLTIP = (
    ("province", "Province"),
    ("year", "Year"),
    ("score_text", "Score"),
    ("rank_text", "Rank"),
    ("articles", "Articles"),
    ("languages", "Languages"),
    ("evidence", "Evidence (click the point to read it)"),
)


def _text(value: object, limit: int) -> str:
    return cut(strip_bidi(cut(value, limit * 4)), limit)  # a megabyte value is cut first


def score_text(row: Mapping[str, Any]) -> str:
    """The row's score as shown ("91.5", "67%"), or "" when it has none."""
    score = row.get("score")
    if not is_number(score):
        return ""
    return f"{score:g}" + ("%" if row.get("score_unit") == "%" else "")


def rank_text(row: Mapping[str, Any]) -> str:
    """The row's rank as shown ("3/63", "3"), or "" when it has none."""
    rank, total = row.get("rank"), row.get("rank_total")
    if not is_number(rank):
        return ""
    return f"{rank:g}" + (f"/{total:g}" if is_number(total) else "")


def _point(
    row: Mapping[str, Any], metric: str, evidence_href: Callable[[str], str]
) -> dict[str, Any]:
    url = row.get("evidence_url")
    point = {
        "province": _text(row.get("province"), NAME_CHARS),
        "year": row["year"],
        metric: float(row[metric]),
        "score_text": score_text(row),
        "rank_text": rank_text(row),
        "articles": _text(row.get("articles"), 12),
        "languages": _text(row.get("language_list"), NAME_CHARS),
        "evidence": _text(row.get("evidence"), EVIDENCE_CHARS),
    }
    if isinstance(url, str) and url:
        point["href"] = evidence_href(url)
    if row.get("uncertain"):
        point["evidence"] = "(uncertain) " + point["evidence"]
    return point


def _y_encoding(metric: str, values: list[float]) -> dict[str, Any]:
    if metric == "rank" and values:
        # The server chart's whole-number ticks: rank 1 labelled at the top, no rank 0.
        ticks = [t for t in nice_ticks(min(values), max(values), whole=True) if t >= 1]
        return {
            "field": "rank",
            "type": "quantitative",
            "title": "Rank (1 = best)",
            "scale": {"reverse": True, "domain": [ticks[0], ticks[-1]], "nice": False},
            "axis": {"values": ticks, "format": "d"},
        }
    return {"field": "score", "type": "quantitative", "title": "Score", "scale": {"zero": False}}


def vega_spec(
    rows: Iterable[Mapping[str, Any]],
    *,
    metric: str,
    title: str,
    evidence_href: Callable[[str], str],
) -> dict[str, Any]:
    """Return the Vega-Lite spec of a province comparison.

    Args:
        rows: ``province_index_timeline`` rows (province, year, score, score_unit, rank,
            rank_total, articles, language_list, evidence, evidence_url; ``uncertain``).
        metric: ``score`` or ``rank``, the y axis.
        title: the chart's description (its accessible name).
        evidence_href: the article page's link for an evidence URL.
    """
    points = [
        _point(row, metric, evidence_href)
        for row in rows
        if drawable(row.get("year"), row.get(metric))
    ]
    years = sorted({p["year"] for p in points})
    if years and years[-1] - years[0] <= MAX_YEARS:
        years = list(range(years[0], years[-1] + 1))  # a year without figures stays on the axis
    return {
        "$schema": SCHEMA,
        "description": _text(title, 200),
        "width": "container",
        "height": 320,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "data": {"values": points},
        "encoding": {
            "x": {
                "field": "year",
                "type": "ordinal",
                "title": "Year",
                "scale": {"domain": years},
                "axis": {"labelAngle": 0, "grid": True},
            },
            "y": _y_encoding(metric, [p[metric] for p in points]),
            "color": {"field": "province", "type": "nominal", "title": "Province"},
        },
        "layer": [
            {"mark": {"type": "line", "strokeWidth": 2}},
            {
                "mark": {"type": "point", "filled": True, "size": 70, "cursor": "pointer"},
                "encoding": {
                    "tooltip": [
                        {"field": field, "type": "nominal", "title": name}
                        for field, name in TOOLTIP
                    ],
                    "href": {"field": "href", "type": "nominal"},
                },
            },
        ],
    }
