"""A small server-rendered SVG line chart (no JavaScript, no CDN), every label escaped.

Values come from the database, which a merged shard or an import may have filled with
anything: points whose year is not an integer or whose value is not a finite number are
left out, and every name, year and value is escaped whatever its type.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping

from markupsafe import Markup, escape

from index.datasette_plugin.display import cut, strip_bidi

__all__ = ["chart_points", "line_chart"]

PALETTE = ("#1b6ca8", "#d1495b", "#2e8b57", "#edae49", "#6a4c93", "#00798c", "#8d6a9f", "#555")
WIDTH, HEIGHT, PAD_LEFT, PAD_RIGHT, PAD_Y = 640, 300, 48, 150, 28
LEGEND_CHARS = 24


def _scale(value: float, low: float, high: float, out_low: float, out_high: float) -> float:
    if high == low:
        return (out_low + out_high) / 2
    return out_low + (value - low) * (out_high - out_low) / (high - low)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def chart_points(pairs: Iterable[tuple[object, object]]) -> list[tuple[int, float]]:
    """Keep the (year, value) pairs that can be drawn: an integer year and a finite number."""
    return [
        (year, float(value))  # type: ignore[arg-type]
        for year, value in pairs
        if isinstance(year, int) and not isinstance(year, bool) and _is_number(value)
    ]


def line_chart(
    series: Mapping[object, Iterable[tuple[object, object]]],
    *,
    y_label: str,
    invert_y: bool = False,
) -> Markup:
    """Return an inline SVG with one line per series over integer years.

    Args:
        series: name -> [(year, value)], e.g. province -> PAR Index scores; pairs that are
            not (integer, finite number) are left out.
        y_label: axis title.
        invert_y: draw smaller values higher (ranks).
    """
    drawable = {str(name): chart_points(pairs) for name, pairs in series.items()}
    drawable = {name: sorted(points) for name, points in drawable.items() if points}
    points = [p for values in drawable.values() for p in values]
    if not points:
        return Markup('<p class="newsintel-empty">No figures to chart.</p>')
    years = sorted({year for year, _ in points})
    low, high = min(v for _, v in points), max(v for _, v in points)
    top, bottom = (HEIGHT - PAD_Y, PAD_Y) if invert_y else (PAD_Y, HEIGHT - PAD_Y)

    def xy(year: int, value: float) -> tuple[float, float]:
        x = _scale(years.index(year), 0, max(len(years) - 1, 1), PAD_LEFT, WIDTH - PAD_RIGHT)
        return x, _scale(value, low, high, bottom, top)

    parts = [
        f'<svg class="newsintel-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(y_label)} by year" xmlns="http://www.w3.org/2000/svg">',
        f'<text x="4" y="16" font-size="12">{escape(y_label)}</text>',
    ]
    for year in years:
        x, _ = xy(year, low)
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - 6}" font-size="11" text-anchor="middle">'
            f"{escape(year)}</text>"
        )
    for value in (low, high):
        _, y = xy(years[0], value)
        parts.append(f'<text x="4" y="{y:.1f}" font-size="11">{escape(f"{value:g}")}</text>')
    for i, (name, values) in enumerate(sorted(drawable.items())):
        parts += _series(i, name, values, xy)
    parts.append("</svg>")
    return Markup("".join(parts))


def _series(
    i: int,
    name: str,
    values: list[tuple[int, float]],
    xy: Callable[[int, float], tuple[float, float]],
) -> list[str]:
    color = PALETTE[i % len(PALETTE)]
    coords = [xy(year, value) for year, value in values]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    parts = [f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{path}"/>']
    name = strip_bidi(name)  # SVG text has no <bdi>: an override would run on
    label = escape(cut(name, 200))
    for (x, y), (year, value) in zip(coords, values, strict=True):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{color}">'
            f"<title>{label} {escape(year)}: {escape(f'{value:g}')}</title></circle>"
        )
    parts.append(
        f'<text x="{WIDTH - PAD_RIGHT + 12}" y="{PAD_Y + 16 * i}" font-size="12" '
        f'fill="{color}"><title>{label}</title>{escape(cut(name, LEGEND_CHARS))}</text>'
    )
    return parts
