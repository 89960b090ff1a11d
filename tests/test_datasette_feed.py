"""The Atom feed of new figures and initiatives per province or index (issue 13, point 2)."""

from xml.etree import ElementTree as ET

import pytest
from datasette.app import Datasette
from index_corpus import build_db

from index.publish import metadata_for

ATOM = "{http://www.w3.org/2005/Atom}"
FEED = "/-/newsintel/feed.atom"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("feed") / "newsintel.db"
    db, _ = build_db(path)
    db.execute("update index_facts set confidence = 0.4 where subject = 'Ninh Binh'")
    db.conn.commit()
    db.close()
    return path


@pytest.fixture
def datasette(db_path):
    return Datasette([str(db_path)], metadata=metadata_for("newsintel"))


async def _feed(datasette, params):
    response = await datasette.client.get(FEED, params=params)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def _titles(feed):
    return [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]


@pytest.mark.asyncio
async def test_province_feed_has_its_figures_and_initiatives(datasette):
    feed = await _feed(datasette, {"province": "Quang Ninh"})
    titles = _titles(feed)
    assert any(t.startswith("Quang Ninh · PAR_INDEX 2023") for t in titles)
    assert "Quang Ninh · initiative: Modern one-stop shop at commune level" in titles
    assert all(t.startswith("Quang Ninh") for t in titles)


@pytest.mark.asyncio
async def test_every_entry_is_valid_atom(datasette):
    feed = await _feed(datasette, {})
    entries = list(feed.iter(f"{ATOM}entry"))
    assert entries
    for entry in entries:
        assert entry.findtext(f"{ATOM}id").startswith("urn:newsintel:")
        assert len(entry.findtext(f"{ATOM}updated")) == len("2024-01-05T00:00:00Z")
        assert entry.find(f"{ATOM}link").get("href").startswith("http://localhost/-/newsintel/")
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)


@pytest.mark.asyncio
async def test_translations_of_one_figure_are_one_entry(datasette):
    feed = await _feed(datasette, {"province": "Quang Ninh", "index": "PAR_INDEX"})
    titles = _titles(feed)
    assert len(titles) == len(set(titles))


@pytest.mark.asyncio
async def test_index_feed_has_only_that_index(datasette):
    feed = await _feed(datasette, {"index": "PCI"})
    categories = {c.get("term") for c in feed.iter(f"{ATOM}category")}
    assert categories == {"PCI"}


@pytest.mark.asyncio
@pytest.mark.parametrize(("params", "shown"), [({}, False), ({"all_figures": "1"}, True)])
async def test_uncertain_figures_follow_the_threshold(datasette, params, shown):
    feed = await _feed(datasette, {"province": "Ninh Binh", "index": "PAR_INDEX", **params})
    assert any(t.startswith("Ninh Binh · PAR_INDEX 2022") for t in _titles(feed)) is shown


@pytest.mark.asyncio
async def test_crawled_markup_is_text_in_the_feed(datasette):
    response = await datasette.client.get(FEED, params={"province": "Lao Cai"})
    assert "<script>" not in response.text
    feed = ET.fromstring(response.content)
    summaries = [e.findtext(f"{ATOM}summary") for e in feed.iter(f"{ATOM}entry")]
    assert any("<script>alert('text')</script>" in s for s in summaries)


@pytest.mark.asyncio
async def test_province_page_links_its_feed(datasette):
    page = await datasette.client.get(
        "/-/newsintel/provinces", params={"province": "Quang Ninh", "index": "PAR_INDEX"}
    )
    assert 'type="application/atom+xml"' in page.text
    assert "feed.atom?province=Quang%20Ninh&amp;index=PAR_INDEX" in page.text
