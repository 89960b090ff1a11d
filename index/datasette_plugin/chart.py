"""A small server-rendered SVG line chart (no JavaScript, no CDN), every label escaped."""

from __future__ import annotations

from markupsafe import Markup, escape

__all__ = ["line_chart"]

PALETTE = ("#1b6ca8", "#d1495b", "#2e8b57", "#edae49", "#6a4c93", "#00798c", "#8d6a9f", "#555")
WIDTH, HEIGHT, PAD_LEFT, PAD_RIGHT, PAD_Y = 640, 300, 48, 150, 28


def _scale(value: float, low: float, high: float, out_low: float, out_high: float) -> float:
    if high == low:
        return (out_low + out_high) / 2
    return out_low + (value - low) * (out_high - out_low) / (high - low)


def line_chart(
    series: dict[str, list[tuple[int, float]]], *, y_label: str, invert_y: bool = False
) -> Markup:
    """Return an inline SVG with one line per series over integer years.

    Args:
        series: name -> [(year, value)], e.g. province -> PAR Index scores.
        y_label: axis title.
        invert_y: draw smaller values higher (ranks).
    """
    points = [p for values in series.values() for p in values]
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
            f'<text x="{x:.1f}" y="{HEIGHT - 6}" font-size="11" text-anchor="middle">{year}</text>'
        )
    for value in (low, high):
        _, y = xy(years[0], value)
        parts.append(f'<text x="4" y="{y:.1f}" font-size="11">{value:g}</text>')
    for i, (name, values) in enumerate(sorted(series.items())):
        color = PALETTE[i % len(PALETTE)]
        coords = [xy(year, value) for year, value in sorted(values)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{path}"/>')
        for (x, y), (year, value) in zip(coords, sorted(values), strict=True):
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{color}">'
                f"<title>{escape(name)} {year}: {value:g}</title></circle>"
            )
        legend_y = PAD_Y + 16 * i
        parts.append(
            f'<text x="{WIDTH - PAD_RIGHT + 12}" y="{legend_y}" font-size="12" fill="{color}">'
            f"{escape(name)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
