"""A server-rendered SVG line chart (no JavaScript, no CDN), every label escaped.

The chart is drawn on the server so that it works offline, in a published instance and under
a strict Content-Security-Policy: gridlines at "nice" values (1, 2, 2.5, 5 x 10^n) with their
labels, every year on the x axis, axis titles, a legend with line swatches, and on each point
a tooltip (the SVG ``<title>``, shown by every browser) and a link to its evidence.

Values come from the database, which a merged shard or an import may have filled with
anything: points whose year is not an integer or whose value is not a finite number are
left out, and every name, year, value, tooltip and link is escaped whatever its type.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from index.datasette_plugin.display import cut, strip_bidi

__all__ = ["PointNote", "chart_points", "drawable", "is_number", "line_chart", "nice_ticks"]

PALETTE = ("#1b6ca8", "#d1495b", "#2e8b57", "#b8860b", "#6a4c93", "#00798c", "#8d6a9f", "#555")
WIDTH, HEIGHT = 720, 340
LEFT, RIGHT, TOP, BOTTOM = 64, 180, 16, 52  # plot margins; the legend sits in RIGHT
LEGEND_CHARS = 22
MAX_YEAR_LABELS = 14


@dataclass(frozen=True, slots=True)
class PointNote:
    """What a point says when hovered, and where it links (the evidence), if anywhere."""

    tooltip: str
    href: str | None = None


@dataclass(frozen=True, slots=True)
class _Frame:
    """Maps (year, value) to SVG coordinates."""

    years: tuple[int, ...]
    low: float
    high: float
    invert: bool

    def x(self, year: int) -> float:
        span = max(len(self.years) - 1, 1)
        offset = self.years.index(year) if len(self.years) > 1 else 0.5
        return LEFT + offset * (WIDTH - LEFT - RIGHT) / span

    def y(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        if self.invert:  # ranks: 1 at the top
            share = 1 - share
        return HEIGHT - BOTTOM - share * (HEIGHT - TOP - BOTTOM)


def is_number(value: object) -> bool:
    """Whether ``value`` is a finite int or float (not a bool, text or blob)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def drawable(year: object, value: object) -> bool:
    """Whether (year, value) can be drawn: an integer year and a finite number."""
    return isinstance(year, int) and not isinstance(year, bool) and is_number(value)


def chart_points(pairs: Iterable[tuple[object, object]]) -> list[tuple[int, float]]:
    """Keep the (year, value) pairs that can be drawn: an integer year and a finite number."""
    return [
        (year, float(value))  # type: ignore[arg-type]
        for year, value in pairs
        if drawable(year, value)
    ]


def nice_ticks(low: float, high: float, *, count: int = 5, whole: bool = False) -> list[float]:
    """Return evenly spaced round values covering [low, high] (about ``count`` of them).

    Args:
        low: smallest value to cover.
        high: largest value to cover.
        count: how many ticks to aim for.
        whole: only whole numbers (ranks).
    """
    if high == low:
        low, high = low - 1, high + 1
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if whole:
        step = max(1.0, math.ceil(step))
    first = math.floor(low / step) * step
    ticks = [first]
    while ticks[-1] < high - 1e-9:
        ticks.append(round(first + len(ticks) * step, 10))
    if whole and ticks[0] < 1 <= low:
        ticks[0] = 1.0  # no rank 0: the best rank, 1, is the top of the axis
    return ticks


def _label(value: float) -> str:
    return f"{value:g}"


def _axes(frame: _Frame, ticks: list[float], y_label: str) -> list[str]:
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM
    parts = ['<g class="newsintel-grid" stroke="#e3e3e3" stroke-width="1">']
    parts += [
        f'<line x1="{LEFT}" x2="{right}" y1="{frame.y(t):.1f}" y2="{frame.y(t):.1f}"/>'
        for t in ticks
    ]
    parts += [
        f'<line x1="{frame.x(y):.1f}" x2="{frame.x(y):.1f}" y1="{TOP}" y2="{bottom}"/>'
        for y in frame.years
    ]
    parts.append("</g>")
    parts.append(
        f'<g class="newsintel-axis" stroke="#888"><line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" '
        f'y2="{bottom}"/><line x1="{LEFT}" x2="{right}" y1="{bottom}" y2="{bottom}"/></g>'
    )
    parts += [
        f'<text class="newsintel-ytick" x="{LEFT - 6}" y="{frame.y(t) + 4:.1f}" '
        f'text-anchor="end">{escape(_label(t))}</text>'
        for t in ticks
    ]
    every = math.ceil(len(frame.years) / MAX_YEAR_LABELS)
    parts += [
        f'<text class="newsintel-xtick" x="{frame.x(y):.1f}" y="{bottom + 16}" '
        f'text-anchor="middle">{escape(y)}</text>'
        for i, y in enumerate(frame.years)
        if i % every == 0
    ]
    middle = (TOP + bottom) / 2
    parts.append(
        f'<text class="newsintel-axis-title" x="14" y="{middle:.1f}" text-anchor="middle" '
        f'transform="rotate(-90 14 {middle:.1f})">{escape(y_label)}</text>'
        f'<text class="newsintel-axis-title" x="{(LEFT + right) / 2:.1f}" y="{HEIGHT - 8}" '
        'text-anchor="middle">Year</text>'
    )
    return parts


def _point(x: float, y: float, color: str, tooltip: str, href: str | None) -> str:
    circle = (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{color}">'
        f"<title>{escape(cut(tooltip, 400))}</title></circle>"
    )
    if href is None:
        return circle
    return f'<a href="{escape(href)}">{circle}</a>'


def _series(
    i: int,
    name: str,
    values: list[tuple[int, float]],
    frame: _Frame,
    notes: Mapping[tuple[str, int], PointNote],
) -> list[str]:
    color = PALETTE[i % len(PALETTE)]
    coords = [(frame.x(year), frame.y(value)) for year, value in values]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    label = strip_bidi(name)  # SVG text has no <bdi>: an override would run on
    parts = [
        f'<g class="newsintel-series"><polyline fill="none" stroke="{color}" stroke-width="2" '
        f'points="{path}"/>'
    ]
    for (x, y), (year, value) in zip(coords, values, strict=True):
        note = notes.get((name, year)) or PointNote(f"{label} {year}: {_label(value)}")
        parts.append(_point(x, y, color, strip_bidi(note.tooltip), note.href))
    legend_x, legend_y = WIDTH - RIGHT + 16, TOP + 8 + 18 * i
    parts.append(
        f'<line x1="{legend_x}" x2="{legend_x + 18}" y1="{legend_y - 4}" y2="{legend_y - 4}" '
        f'stroke="{color}" stroke-width="3"/>'
        f'<text class="newsintel-legend" x="{legend_x + 24}" y="{legend_y}">'
        f"<title>{escape(cut(label, 200))}</title>{escape(cut(label, LEGEND_CHARS))}</text></g>"
    )
    return parts


def line_chart(
    series: Mapping[object, Iterable[tuple[object, object]]],
    *,
    y_label: str,
    invert_y: bool = False,
    notes: Mapping[tuple[str, int], PointNote] | None = None,
) -> Markup:
    """Return an inline SVG with one line per series over integer years.

    Args:
        series: name -> [(year, value)], e.g. province -> PAR Index scores; pairs that are
            not (integer, finite number) are left out.
        y_label: axis title.
        invert_y: draw smaller values higher, on whole-number ticks (ranks).
        notes: (name, year) -> the point's tooltip and link; by default "name year: value".
    """
    drawable = {str(name): chart_points(pairs) for name, pairs in series.items()}
    drawable = {name: sorted(points) for name, points in drawable.items() if points}
    points = [p for values in drawable.values() for p in values]
    if not points:
        return Markup('<p class="newsintel-empty">No figures to chart.</p>')
    values = [v for _, v in points]
    ticks = nice_ticks(min(values), max(values), whole=invert_y)
    frame = _Frame(tuple(sorted({y for y, _ in points})), ticks[0], ticks[-1], invert_y)
    parts = [
        f'<svg class="newsintel-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(y_label)} by year" xmlns="http://www.w3.org/2000/svg" '
        'font-size="12" font-family="sans-serif">',
        *_axes(frame, ticks, y_label),
    ]
    for i, (name, values_) in enumerate(sorted(drawable.items())):
        parts += _series(i, name, values_, frame, notes or {})
    parts.append("</svg>")
    return Markup("".join(parts))
