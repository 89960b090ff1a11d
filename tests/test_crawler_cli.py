"""The crawl stage's commands that need no crawl: status, import-warc, merge, usage errors."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from crawler.warc import WarcWriter
from index import crawl_store
from index.schema import open_db
from tests.crawler_cli import group
from tests.crawler_server import article_html
from tests.test_crawler_units import fetched

NOW = datetime(2024, 5, 6, tzinfo=UTC)


def invoke(*args: str) -> str:
    result = CliRunner().invoke(group, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_import_warc_then_status(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path / "in")
    html = (("Content-Type", "text/html"),)
    writer.write("http://e.com/a", 200, "OK", html, article_html(1).encode(), NOW)
    writer.write("http://e.com/missing", 404, "", html, b"gone", NOW)
    writer.close()
    db = str(tmp_path / "n.db")
    invoke("import-warc", "--db", db, "--source", "archive", *map(str, (tmp_path / "in").iterdir()))
    row = json.loads(invoke("status", "--db", db, "--json").splitlines()[0])
    assert (row["source"], row["pages"], row["articles"], row["errors"]) == ("archive", 2, 1, 1)


def test_merge_shards(tmp_path: Path) -> None:
    shards = []
    for name in ("a", "b"):
        shard = open_db(tmp_path / f"{name}.db")
        run = crawl_store.begin_crawl_run(shard, ["site"])
        crawl_store.save_crawled_page(shard, fetched(f"http://e.com/{name}"), run)
        shard.close()
        shards.append(str(tmp_path / f"{name}.db"))
    db = str(tmp_path / "main.db")
    invoke("merge", "--db", db, *shards, shards[0])
    assert open_db(db).execute("select count(*) from pages").fetchone()[0] == 2


def test_unknown_seed_scheme_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        group, ["crawl", "--db", str(tmp_path / "x.db"), "--seed", "ftp://x"]
    )
    assert result.exit_code == 2
