"""The front page puts what a researcher needs first and describes it (issue 13, point 1)."""

import pytest
from datasette.app import Datasette
from index_corpus import build_db

from index.publish import metadata_for
from index.schema import open_db

INTERNAL = (
    "pages",
    "failures",
    "crawl_runs",
    "crawl_frontier",
    "page_fingerprints",
    "chunks",
    "chunked_articles",
    "embeddings",
    "fts_token_counts",
    "chunks_fts",
    "evidence_fts",
    "_sqlite_migrations",
)


@pytest.fixture(scope="module")
def tables_meta():
    return metadata_for("newsintel")["databases"]["newsintel"]["tables"]


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    db = open_db(tmp_path_factory.mktemp("front") / "schema.db")
    names = [*db.table_names(), *db.view_names()]
    columns = {name: [c.name for c in db[name].columns] for name in names}
    db.close()
    return columns


def _visible(name, tables_meta):
    fts_shadow = any(name.startswith(f"{t}_") for t in ("articles_fts", "chunks_fts", "chunks_cjk"))
    return not fts_shadow and not (tables_meta.get(name) or {}).get("hidden")


@pytest.mark.parametrize("table", INTERNAL)
def test_internal_tables_are_hidden(tables_meta, table):
    assert tables_meta[table]["hidden"] is True


def test_every_visible_column_is_described(tables_meta, schema):
    missing = {
        name: [c for c in columns if c not in (tables_meta.get(name) or {}).get("columns", {})]
        for name, columns in schema.items()
        if _visible(name, tables_meta) and not name.startswith("evidence_fts")
    }
    assert {name: cols for name, cols in missing.items() if cols} == {}


@pytest.mark.asyncio
async def test_front_page_lists_researcher_tables_first(tmp_path):
    path = tmp_path / "newsintel.db"
    build_db(path, model=None)
    datasette = Datasette([str(path)], metadata=metadata_for("newsintel"))
    html = (await datasette.client.get("/")).text
    front = html[html.index('id="newsintel-front"') :]
    order = [front.index(f">{name}</a>") for name in ("index_facts", "articles", "initiatives")]
    assert order == sorted(order)
    assert "Who improved most" in front
    assert "page_fingerprints" not in html
