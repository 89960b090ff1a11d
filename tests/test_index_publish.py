"""Published bundles hold what researchers read and nothing of the build machine."""

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from index_corpus import load_corpus
from sqlite_utils import Database

from crawler.models import FetchedPage
from extract.models import Extraction
from index.crawl_store import merge_shard
from index.embeddings import get_embedder
from index.indexer import index_database
from index.publish import build_bundle
from index.schema import open_db
from index.store import pages_to_extract, record_failure, save_extraction, save_page

NOW = datetime(2024, 5, 6, 8, 0, tzinfo=UTC)
INTERNAL = {"pages", "crawl_frontier", "crawl_runs", "page_fingerprints", "failures"}


def _page(url: str, warc: Path) -> FetchedPage:
    return FetchedPage(
        url=url, final_url=url, source="site", status=200, content_type="text/html",
        body=b"<html>x</html>", fetched_at=NOW, is_article=True, warc_file=str(warc),
        warc_offset=0, content_hash="h", fingerprint="0123456789abcdef",
    )  # fmt: skip


@pytest.fixture(scope="module")
def machine(tmp_path_factory) -> Path:
    """A build machine's database: crawl internals, absolute paths, a local document."""
    root = tmp_path_factory.mktemp("build-machine-7f3a")
    db = open_db(root / "news.db")
    load_corpus(db)
    save_page(db, _page("https://x.example/a", root / "warcs" / "crawl-1.warc.gz"))
    db.execute("insert into crawl_runs (sources, started_at) values ('[\"site\"]', 'now')")
    db.execute(
        "insert into crawl_frontier (url, source, state) values ('https://x.example/b', 'site', "
        "'queued')"
    )
    record_failure(db, "extract", "https://x.example/c", OSError(f"{root}/secret.html: gone"))
    local = (root / "docs" / "report.html").as_uri()
    save_extraction(db, Extraction(url=local, language="en", text="A local reform report."))
    index_database(db, root / "news.db", get_embedder("fake"))
    return root


@pytest.fixture(scope="module")
def bundle(machine: Path) -> Path:
    out = machine / "bundle"
    build_bundle(machine / "news.db", out, model="fake")
    return out


def test_bundle_leaves_out_crawl_internals(bundle: Path) -> None:
    db = Database(bundle / "news.db")
    assert not INTERNAL & set(db.table_names())
    assert {"articles", "index_facts", "chunks", "embeddings", "evidence_fts"} <= set(
        db.table_names()
    )
    assert "page_id" not in db["articles"].columns_dict


def test_bundle_views_all_read(bundle: Path) -> None:
    db = Database(bundle / "news.db")
    for view in db.view_names():
        db.execute(f"select * from [{view}] limit 1").fetchall()
    assert "province_index_timeline" in db.view_names()


def test_no_file_of_the_bundle_names_the_build_machine(machine: Path, bundle: Path) -> None:
    needles = {str(machine), machine.name, os.getcwd(), str(Path.home())} - {"/"}
    for path in bundle.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for needle in needles:
                assert needle.encode() not in data, f"{needle} in {path}"


def test_local_document_keeps_its_facts_under_a_pathless_url(bundle: Path) -> None:
    db = Database(bundle / "news.db")
    url = db.execute("select url from articles where url like 'file:%'").fetchone()[0]
    assert url.startswith("file:local/")
    assert url.endswith("/report.html")


def test_local_document_chunks_keep_a_pathless_url_with_bodies(machine: Path, tmp_path) -> None:
    db = Database(build_bundle(machine / "news.db", tmp_path, evidence_only=False).database)
    urls = {r[0] for r in db.execute("select distinct article_url from chunks")}
    assert (
        {u for u in urls if u.startswith("file:")}
        == {u for u in urls if u.startswith("file:local/") and u.endswith("/report.html")}
        != set()
    )


@pytest.mark.parametrize(
    "name", ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js", "vega-interpreter.min.js"]
)
def test_bundle_ships_the_vendored_chart_scripts(bundle: Path, name: str) -> None:
    static = bundle / "src" / "index" / "datasette_plugin" / "static"
    assert (static / name).stat().st_size > 1000
    assert (static / name.replace(".min.js", ".LICENSE")).exists()
    assert '"static/*"' in (bundle / "src" / "pyproject.toml").read_text()


@pytest.mark.parametrize(("allow", "setting"), [(False, "off"), (True, "on")])
def test_database_download_is_off_unless_allowed(machine, tmp_path, allow, setting) -> None:
    build_bundle(machine / "news.db", tmp_path, model="fake", allow_download=allow)
    assert f"--setting allow_download {setting}" in (tmp_path / "Dockerfile").read_text()


def test_bundle_metadata_names_the_served_model(bundle: Path) -> None:
    meta = json.loads((bundle / "metadata.json").read_text())
    assert meta["plugins"]["newsintel"]["model"] == "fake"


def test_warc_paths_are_stored_relative_and_read_absolute(tmp_path: Path) -> None:
    db = open_db(tmp_path / "db" / "news.db")
    warc = tmp_path / "db" / "warcs" / "a.warc.gz"
    save_page(db, _page("https://x.example/a", warc))
    assert db.execute("select warc_file from pages").fetchone()[0] == "warcs/a.warc.gz"
    assert pages_to_extract(db, "0")[0]["warc_file"] == str(warc)


def test_merged_shard_warc_paths_point_at_the_same_files(tmp_path: Path) -> None:
    shard = open_db(tmp_path / "worker" / "shard.db")
    save_page(shard, _page("https://x.example/a", tmp_path / "worker" / "w" / "a.warc.gz"))
    shard.close()
    db = open_db(tmp_path / "main" / "news.db")
    assert merge_shard(db, tmp_path / "worker" / "shard.db") == 1
    stored = db.execute("select warc_file from pages").fetchone()[0]
    assert stored == "../worker/w/a.warc.gz"


def test_upgrade_makes_absolute_warc_paths_relative(tmp_path: Path) -> None:
    db = open_db(tmp_path / "news.db")
    save_page(db, _page("https://x.example/a", tmp_path / "w" / "a.warc.gz"))
    db.execute("update pages set warc_file = ?", [str(tmp_path / "w" / "a.warc.gz")])
    db.execute("delete from _sqlite_migrations where name = 'm061_relative_warc_paths'")
    db.close()
    db = open_db(tmp_path / "news.db")
    assert db.execute("select warc_file from pages").fetchone()[0] == "w/a.warc.gz"
