"""Publish without republishing: evidence-only bundles keep evidence sentences and titles,
no bodies, chunks, vectors, pages or WARC paths, and search and the province page work on
them (issue 13, point 4)."""

import pytest
from datasette.app import Datasette
from index_corpus import build_db
from sqlite_utils import Database

from index.publish import build_bundle, metadata_for
from index.text import fold

# The one sentence of the corpus that is no fact's evidence: only a body holds it.
BODY_ONLY = "Đồng bộ hóa dữ liệu dân cư giúp rút ngắn thời gian giải quyết hồ sơ."
URL = "https://tinhnha.example.vn/tin/qn-par-2023"


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    path = tmp_path_factory.mktemp("evidence-only") / "news.db"
    db, _ = build_db(path)
    db.close()
    return path


@pytest.fixture(scope="module")
def bundle_db(source, tmp_path_factory):
    return build_bundle(source, tmp_path_factory.mktemp("bundle"), model="fake").database


def _holds_body(path):
    """The sentence as written, or folded as the search tables store it, anywhere in the file."""
    raw = path.read_bytes()
    return any(form.encode() in raw for form in (BODY_ONLY, fold(BODY_ONLY)))


def test_source_holds_the_body_sentence(source):
    assert _holds_body(source)


def test_bundle_holds_no_body_sentence(bundle_db):
    assert not _holds_body(bundle_db)


def test_bundle_with_bodies_keeps_them(source, tmp_path):
    bundle = build_bundle(source, tmp_path / "b", model="fake", evidence_only=False)
    assert _holds_body(bundle.database)
    assert bundle.vector_files  # semantic search goes with the bodies


@pytest.mark.parametrize("table", ["chunks", "chunks_fts", "chunks_cjk", "embeddings"])
def test_bundle_holds_no_chunk_and_no_vector(bundle_db, table):
    assert Database(bundle_db).execute(f"select count(*) from [{table}]").fetchone()[0] == 0


def test_bundle_has_no_vector_file_pages_or_warc_paths(bundle_db):
    assert not list(bundle_db.parent.glob("*.usearch"))
    assert "pages" not in Database(bundle_db).table_names()
    assert b".warc" not in bundle_db.read_bytes()


def test_every_fact_points_at_its_sentence(bundle_db):
    rows = (
        Database(bundle_db)
        .execute(
            "select a.text, f.span_start, f.span_end, f.evidence from index_facts f "
            "join articles a on a.url = f.article_url"
        )
        .fetchall()
    )
    assert rows
    assert all(text[start:end] == evidence for text, start, end, evidence in rows)


@pytest.fixture
def served(bundle_db):
    return Datasette([str(bundle_db)], metadata=metadata_for(bundle_db.stem), immutables=[])


@pytest.mark.asyncio
async def test_search_works_on_the_bundle(served):
    data = (await served.client.get("/-/search.json", params={"q": "Quang Ninh PAR 2023"})).json()
    first = data["results"][0]
    assert first["url"] in {URL, "https://english.example.vn/news/quang-ninh-tops-reform-ranking"}
    assert "Quang" in first["passage"] or "Quảng" in first["passage"]


@pytest.mark.asyncio
async def test_search_finds_a_title_on_the_bundle(served, bundle_db):
    words = "løfter innbyggernes"  # in one title, in no evidence sentence
    evidence = Database(bundle_db).execute("select group_concat(evidence) from index_facts")
    assert words not in evidence.fetchone()[0]
    data = (await served.client.get("/-/search.json", params={"q": words})).json()
    assert data["results"][0]["url"] == "https://nyheter.example.no/nghe-an-tilfredshet"


@pytest.mark.asyncio
async def test_province_page_works_on_the_bundle(served):
    data = (await served.client.get("/-/newsintel/provinces.json?index=PAR_INDEX")).json()
    assert "Quang Ninh" in {r["province"] for r in data["timeline"]}
    page = await served.client.get("/-/newsintel/provinces?index=PAR_INDEX&province=Quang+Ninh")
    assert page.status_code == 200
    assert 'id="newsintel-vega"' in page.text
    assert "vega-embed.min.js" in page.text


@pytest.mark.asyncio
async def test_article_page_highlights_evidence_on_the_bundle(served):
    page = await served.client.get("/-/newsintel/article", params={"url": URL})
    assert "<mark>" in page.text
    assert "Đồng bộ hóa" not in page.text
