"""The province chart: the server SVG (gridlines, axes, tooltips, evidence links) and the
Vega-Lite spec the page draws with vega-embed (issue 13, point 5)."""

import json
import re

import pytest

from index.datasette_plugin.chart import PointNote, line_chart, nice_ticks
from index.datasette_plugin.vega import vega_spec

SERIES = {"Quang Ninh": [(2021, 84.0), (2022, 88.5), (2023, 91.5)], "Lao Cai": [(2022, 80.1)]}


@pytest.mark.parametrize(
    ("low", "high", "whole", "expected"),
    [
        (81.3, 91.5, False, [80, 85, 90, 95]),
        (0.5, 0.9, False, [0.5, 0.6, 0.7, 0.8, 0.9]),
        (1, 3, True, [1, 2, 3]),
        (1, 20, True, [1, 5, 10, 15, 20]),
        (7, 7, False, [6.0, 6.5, 7.0, 7.5, 8.0]),
    ],
)
def test_nice_ticks_cover_the_values_with_round_steps(low, high, whole, expected):
    assert nice_ticks(low, high, whole=whole) == expected


def test_chart_has_a_gridline_and_label_per_tick():
    svg = str(line_chart(SERIES, y_label="Score"))
    ticks = re.findall(r'class="newsintel-ytick"[^>]*>([^<]+)<', svg)
    assert ticks == ["80", "85", "90", "95"]
    grid = svg[svg.index('class="newsintel-grid"') : svg.index("</g>")]
    assert grid.count("<line") == len(ticks) + 3  # one per tick and one per year


def test_every_year_is_labelled_on_the_x_axis():
    svg = str(line_chart(SERIES, y_label="Score"))
    assert re.findall(r'class="newsintel-xtick"[^>]*>([^<]+)<', svg) == ["2021", "2022", "2023"]


def test_axes_have_titles():
    svg = str(line_chart(SERIES, y_label="Rank (1 = best)", invert_y=True))
    titles = re.findall(r'class="newsintel-axis-title"[^>]*>([^<]+)<', svg)
    assert titles == ["Rank (1 = best)", "Year"]


def test_ranks_are_drawn_best_on_top():
    svg = str(line_chart({"A": [(2022, 1), (2023, 9)]}, y_label="Rank", invert_y=True))
    first, second = (float(y) for y in re.findall(r'<circle cx="[^"]+" cy="([^"]+)"', svg))
    assert first < second


def test_points_carry_their_note_as_tooltip_and_evidence_link():
    notes = {("Quang Ninh", 2023): PointNote("Quang Ninh, 2023: score 91.5 · <b>", "/a?u=1&v=2")}
    svg = str(line_chart(SERIES, y_label="Score", notes=notes))
    assert '<a href="/a?u=1&amp;v=2"><circle' in svg
    assert "<title>Quang Ninh, 2023: score 91.5 · &lt;b&gt;</title>" in svg
    assert "<title>Lao Cai 2022: 80.1</title>" in svg  # no note: name, year and value


def _row(province, year, **values):
    base = {"score": None, "rank": None, "rank_total": 63, "articles": 1, "language_list": "vi"}
    return {"province": province, "year": year, "evidence": "It ranked.", **base, **values}


def _spec(rows, metric="score"):
    return vega_spec(rows, metric=metric, title="PAR_INDEX", evidence_href=lambda u: f"/a?u={u}")


def test_vega_axis_lists_every_year_between_the_first_and_the_last():
    spec = _spec([_row("A", 2019, score=80.0), _row("A", 2022, score=84.0)])
    assert spec["encoding"]["x"]["scale"]["domain"] == [2019, 2020, 2021, 2022]


def test_vega_rank_axis_is_inverted_from_rank_one():
    spec = _spec([_row("A", 2022, rank=3), _row("A", 2023, rank=19)], metric="rank")
    assert spec["encoding"]["y"]["scale"]["reverse"] is True
    assert spec["encoding"]["y"]["scale"]["domain"] == [1, 20]
    assert spec["encoding"]["y"]["axis"]["values"] == [1, 5, 10, 15, 20]


def test_vega_point_carries_its_figures_and_evidence_link():
    row = _row("A", 2022, score=84.5, score_unit="%", rank=3, evidence_url="https://x/1")
    (point,) = _spec([row])["data"]["values"]
    assert (point["score_text"], point["rank_text"], point["href"]) == (
        "84.5%",
        "3/63",
        "/a?u=https://x/1",
    )


@pytest.mark.parametrize(
    ("year", "score"),
    [("2022", 1.0), (2022.5, 1.0), (True, 1.0), (2022, float("nan")), (2022, "84"), (None, 1.0)],
)
def test_vega_leaves_out_rows_it_cannot_draw(year, score):
    spec = _spec([_row("A", year, score=score)])
    assert spec["data"]["values"] == []
    json.dumps(spec, allow_nan=False)  # JSON the browser can parse


def test_vega_names_are_cut_and_stripped_of_bidi_controls():
    (point,) = _spec([_row("\u202eA" * 100, 2022, score=1.0)])["data"]["values"]
    assert "\u202e" not in point["province"]
    assert len(point["province"]) == 60
