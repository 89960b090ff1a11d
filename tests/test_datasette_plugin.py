import json

import pytest
from datasette.app import Datasette
from index_corpus import build_db

from index.publish import metadata_for


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("ds") / "newsintel.db"
    build_db(path)
    return path


@pytest.fixture
def datasette(db_path):
    return Datasette([str(db_path)], metadata=metadata_for("newsintel", model="fake"))


PAGES = [
    "/-/search",
    "/-/search?q=Quang+Ninh",
    "/-/search?q=Quang+Ninh&lang=vi&mode=fts",
    "/-/search?q=reform&province=Quang+Ninh&index=PAR_INDEX&from=2024-01-01&to=2024-12-31",
    "/-/newsintel/provinces",
    "/-/newsintel/provinces?index=PAR_INDEX&metric=rank&province=Quang+Ninh&province=Lao+Cai",
    "/-/newsintel/article?url=https://evil.example.com/xss",
    "/newsintel",
    "/newsintel/articles",
    "/newsintel/articles?_bodies=1",  # bodies are left out of the table page unless asked
    "/newsintel/province_index_timeline",
    "/newsintel/discrepancies",
    "/newsintel/province_initiatives",
    "/newsintel/province_timeline?index_name=PAR_INDEX&province=Quang+Ninh",
    "/newsintel/most_improved?index_name=PAR_INDEX&year_from=2022&year_to=2023",
    "/newsintel/initiatives_by_category",
    "/newsintel/coverage_by_language",
    "/newsintel/semantic_search?q=Quang+Ninh",
]


@pytest.mark.asyncio
@pytest.mark.parametrize("path", PAGES)
async def test_page_renders_without_raw_script(datasette, path):
    response = await datasette.client.get(path)
    assert response.status_code == 200, response.text[:500]
    assert "<script>alert" not in response.text
    assert "<img src=x" not in response.text


JSON_ENDPOINTS = [
    "/-/search.json?q=Quang+Ninh+PAR+Index+2023",
    "/-/newsintel/provinces.json?index=PAR_INDEX",
    "/-/newsintel/article.json?url=https://evil.example.com/xss",
    "/newsintel/province_index_timeline.json",
    "/newsintel/semantic_search.json?q=Nghe+An",
    "/-/plugins.json",
]


@pytest.mark.asyncio
@pytest.mark.parametrize("path", JSON_ENDPOINTS)
async def test_json_endpoint(datasette, path):
    response = await datasette.client.get(path)
    assert response.status_code == 200
    assert response.json()


@pytest.mark.asyncio
async def test_search_json_finds_translation_with_facts(datasette):
    data = (
        await datasette.client.get("/-/search.json", params={"q": "Quang Ninh PAR Index 2023"})
    ).json()
    languages = {r["language"] for r in data["results"][:3]}
    assert {"vi", "en"} <= languages
    assert any("PAR_INDEX" in f for r in data["results"] for f in r["facts"])


@pytest.mark.asyncio
async def test_search_page_escapes_title_and_highlights_escaped_text(datasette):
    response = await datasette.client.get("/-/search", params={"q": "Lao Cai script"})
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in response.text
    assert "&lt;<mark>script</mark>&gt;" in response.text


@pytest.mark.asyncio
async def test_article_page_highlights_evidence_escaped(datasette):
    response = await datasette.client.get(
        "/-/newsintel/article", params={"url": "https://tinhnha.example.vn/tin/qn-par-2023"}
    )
    assert "<mark>Theo kết quả công bố hôm qua, Quảng Ninh đạt 91,5 điểm" in response.text
    xss = await datasette.client.get(
        "/-/newsintel/article", params={"url": "https://evil.example.com/xss"}
    )
    assert "<mark>Lao Cai reform news &lt;script&gt;" in xss.text


@pytest.mark.asyncio
async def test_missing_article_is_404(datasette):
    response = await datasette.client.get("/-/newsintel/article", params={"url": "https://nope"})
    assert response.status_code == 404


@pytest.mark.asyncio
async def test_province_page_has_svg_chart(datasette):
    response = await datasette.client.get("/-/newsintel/provinces", params={"index": "PAR_INDEX"})
    assert "<svg" in response.text
    assert "Modern one-stop shop at commune level" in response.text


@pytest.mark.asyncio
async def test_search_query_and_k_are_bounded(datasette):
    data = (
        await datasette.client.get("/-/search.json", params={"q": "x" * 5000, "k": "9999"})
    ).json()
    assert len(data["q"]) == 500
    assert data["k"] == 50


@pytest.mark.asyncio
async def test_sql_functions(datasette):
    db = datasette.get_database("newsintel")
    fold = await db.execute("select newsintel_fold('Đồng bộ Nghệ An')")
    assert fold.first()[0] == "dong bo nghe an"
    sim = await db.execute(
        "select newsintel_similarity(a.vector, a.vector) from embeddings a limit 1"
    )
    assert sim.first()[0] == pytest.approx(1.0, abs=1e-5)
    rows = await db.execute(
        "select j.value ->> '$.url' from json_each(newsintel_search('Nghe An', 3)) j"
    )
    assert rows.rows[0][0] == "https://nyheter.example.no/nghe-an-tilfredshet"
    semantic = await db.execute(
        "select count(*) from json_each(newsintel_semantic_search('Nghe An', 2))"
    )
    assert semantic.first()[0] == 2


@pytest.mark.asyncio
async def test_pages_do_not_write(datasette, db_path):
    before = db_path.stat().st_mtime_ns
    for path in PAGES:
        await datasette.client.get(path)
    assert db_path.stat().st_mtime_ns == before


@pytest.mark.asyncio
async def test_metadata_facets_apply(datasette):
    data = (await datasette.client.get("/newsintel/articles.json?_extra=facet_results")).json()
    assert "language" in json.dumps(data["facet_results"])


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "path",
    [
        "/-/search?q=Quang+Ninh",
        "/-/newsintel/provinces?index=PAR_INDEX",
        "/-/newsintel/article?url=https://tinhnha.example.vn/tin/qn-par-2023",
    ],
)
async def test_plugin_links_follow_base_url(db_path, path):
    ds = Datasette(
        [str(db_path)],
        metadata=metadata_for("newsintel", model="fake"),
        settings={"base_url": "/news/"},
    )
    response = await ds.client.get(path)
    assert response.status_code == 200
    assert 'href="/-/' not in response.text
    assert 'action="/-/' not in response.text
    assert 'href="/news/-/' in response.text or 'action="/news/-/' in response.text
