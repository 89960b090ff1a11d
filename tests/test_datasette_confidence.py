"""Confident index figures by default, uncertain ones one click away (issue 9)."""

import json
from datetime import date
from pathlib import Path

import pytest
from datasette.app import Datasette
from index_corpus import build_db

from extract.models import Evidence, Extraction, FactCandidate, IndexFact
from index.indexer import refresh_snapshots
from index.publish import metadata_for
from index.store import save_extraction

REPO = Path(__file__).resolve().parent.parent
URL = "https://news.example.org/uncertain-kon-tum"
TEXT = "Kon Tum was followed by 77.7 in a list that may belong to another index. PAR rose 1.2."
SENTENCE = "Kon Tum was followed by 77.7 in a list that may belong to another index."


def _uncertain_extraction() -> Extraction:
    evidence = Evidence(sentence=SENTENCE, span_start=0, span_end=len(SENTENCE))
    fact = IndexFact(
        index_name="PAR_INDEX",
        index_label=None,
        subject="Kon Tum",
        year=2023,
        score=77.7,
        score_unit="points",
        rank=None,
        rank_total=None,
        rank_change=None,
        comparison_label=None,
        comparison_value=None,
        evidence=evidence,
        confidence=0.4,
        rule="list",
    )
    change = TEXT.index("PAR rose")
    candidate = FactCandidate(
        index_name="PAR_INDEX",
        subject="Kon Tum",
        year=2023,
        value=1.2,
        role="score change",
        evidence=Evidence(sentence=TEXT[change:], span_start=change, span_end=len(TEXT)),
    )
    return Extraction(
        url=URL,
        language="en",
        text=TEXT,
        title="Kon Tum in a list",
        published=date(2024, 5, 1),
        index_facts=(fact,),
        fact_candidates=(candidate,),
    )


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("confidence") / "newsintel.db"
    db, _ = build_db(path)
    save_extraction(db, _uncertain_extraction(), source="example")
    refresh_snapshots(db)
    db.close()
    return path


@pytest.fixture
def datasette(db_path):
    return Datasette([str(db_path)], metadata=metadata_for("newsintel"))


def test_threshold_is_set_once_in_the_plugin_configuration():
    meta = json.loads((REPO / "metadata.json").read_text(encoding="utf-8"))
    assert meta["plugins"]["newsintel"]["min_confidence"] == 0.8
    assert "0.8" not in json.dumps(meta["databases"])


PROVINCES = "/-/newsintel/provinces.json?index=PAR_INDEX&province=Kon+Tum&province=Quang+Ninh"


@pytest.mark.asyncio
async def test_province_page_hides_uncertain_figures_by_default(datasette):
    data = (await datasette.client.get(PROVINCES)).json()
    assert [r["province"] for r in data["timeline"]] == ["Quang Ninh"] * len(data["timeline"])
    assert data["uncertain_hidden"] == 1


@pytest.mark.asyncio
async def test_province_page_shows_uncertain_figures_on_request(datasette):
    data = (await datasette.client.get(PROVINCES + "&all_figures=1")).json()
    kon_tum = [r for r in data["timeline"] if r["province"] == "Kon Tum"]
    assert [(r["score"], r["uncertain"]) for r in kon_tum] == [(77.7, True)]


@pytest.mark.asyncio
async def test_province_page_links_to_all_figures(datasette):
    page = await datasette.client.get(PROVINCES.replace(".json", ""))
    assert "Show all figures, including uncertain ones" in page.text
    assert "all_figures=1" in page.text
    shown = await datasette.client.get(PROVINCES.replace(".json", "") + "&all_figures=1")
    assert "Show confident figures only" in shown.text
    assert "77.7" in shown.text


@pytest.mark.asyncio
@pytest.mark.parametrize("table", ["index_facts", "province_index_timeline"])
async def test_table_pages_hide_uncertain_figures_by_default(datasette, table):
    path = f"/newsintel/{table}.json?_shape=array&_size=max"
    hidden = (await datasette.client.get(path)).json()
    shown = (await datasette.client.get(path + "&_all_figures=1")).json()
    assert all(row["confidence"] >= 0.8 for row in hidden)
    assert [row["confidence"] for row in shown if row["confidence"] < 0.8] == [0.4]


@pytest.mark.asyncio
async def test_table_page_says_how_to_show_every_figure(datasette):
    page = await datasette.client.get("/newsintel/index_facts")
    assert "_all_figures=1" in page.text


@pytest.mark.asyncio
@pytest.mark.parametrize(("extra", "expected"), [("", []), ("&all_figures=1", [77.7])])
async def test_canned_timeline_query_follows_the_threshold(datasette, extra, expected):
    path = (
        "/newsintel/province_timeline.json?_shape=array&index_name=PAR_INDEX&province=Kon+Tum"
        + extra
    )
    rows = (await datasette.client.get(path)).json()
    assert [row["score"] for row in rows] == expected


@pytest.mark.asyncio
async def test_uncertain_figures_query_lists_the_low_confidence_fact(datasette):
    rows = (await datasette.client.get("/newsintel/uncertain_figures.json?_shape=array")).json()
    assert [(row["subject"], row["rule"]) for row in rows] == [("Kon Tum", "list")]


@pytest.mark.asyncio
async def test_article_page_marks_the_uncertain_fact(datasette):
    page = await datasette.client.get("/-/newsintel/article", params={"url": URL})
    assert page.status_code == 200
    assert 'class="newsintel-uncertain"' in page.text
    assert "uncertain (0.40)" in page.text


@pytest.mark.asyncio
async def test_article_page_does_not_mark_confident_facts(datasette):
    data = (await datasette.client.get("/newsintel/index_facts.json?_shape=array&_size=1")).json()
    page = await datasette.client.get(
        "/-/newsintel/article", params={"url": data[0]["article_url"]}
    )
    assert "newsintel-uncertain-mark" not in page.text


@pytest.mark.asyncio
async def test_fact_candidates_are_described_and_faceted(datasette):
    facets = (await datasette.client.get("/newsintel/fact_candidates.json")).json()["facet_results"]
    assert {"role", "index_name"} <= set(facets)
    page = await datasette.client.get("/newsintel/fact_candidates")
    assert "did not keep as index facts" in page.text
