"""Typed columns: non-numbers are refused by every writer, cleared by the migration, and
whatever reaches the chart is drawn (or left out) escaped."""

import gzip
import json
from datetime import UTC, datetime

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations
from sqlite_utils.utils import sqlite3

from crawler.warc import WarcWriter
from extract.models import Evidence, Extraction, IndexFact
from index.crawl_store import merge_shard
from index.datasette_plugin.chart import line_chart
from index.errors import StoreError
from index.indexer import index_database
from index.schema import m001_core, open_db
from index.store import save_extraction
from newsintel.distributed import extract_shard, extraction_to_record, merge_shards
from tests.crawler_server import article_html

HOSTILE = "<script>window.__pwned=1</script>"
NOW = datetime(2024, 5, 6, 8, 0, tzinfo=UTC)
URL = "https://x.example/1"


def _fact(**values: object) -> IndexFact:
    base: dict[str, object] = dict(
        index_name="PCI", index_label=None, subject="Hanoi", year=2023, score=70.1,
        score_unit="points", rank=3, rank_total=63, rank_change=None, comparison_label=None,
        comparison_value=None, evidence=Evidence("Hanoi ranked 3rd.", 0, 17),
    )  # fmt: skip
    return IndexFact(**{**base, **values})  # type: ignore[arg-type]


def _extraction(*facts: IndexFact) -> Extraction:
    return Extraction(url=URL, language="en", text="Hanoi ranked 3rd.", index_facts=facts)


def _m001_database(path) -> None:
    old = Migrations("newsintel")
    old()(m001_core)
    db = Database(path)
    old.apply(db)
    db["articles"].insert({"url": URL, "language": "en", "title": "t", "text": "x"})
    db["index_facts"].insert_all(
        [
            {"article_url": URL, "index_name": "PCI", "subject": "Hanoi", "year": year,
             "score": score, "rank": rank}
            for year, score, rank in [
                (HOSTILE, "seventy", b"\x00blob"),
                ("2023", 70.5, 2.5),
                (2022, 66, 4),
            ]
        ]
    )  # fmt: skip
    db.close()


def test_upgrade_keeps_every_row_and_clears_only_non_numbers(tmp_path):
    path = tmp_path / "old.db"
    _m001_database(path)
    db = open_db(path)
    rows = db.execute("select year, score, rank from index_facts order by id").fetchall()
    assert rows == [(None, None, None), (2023, 70.5, None), (2022, 66.0, 4)]
    assert db["articles"].count == 1


def test_upgraded_database_keeps_article_search_triggers(tmp_path):
    path = tmp_path / "old.db"
    _m001_database(path)
    db = open_db(path)
    db["articles"].update(URL, {"text": "renamed reform"})
    assert (
        db.execute(
            "select count(*) from articles_fts where articles_fts match 'renamed'"
        ).fetchone()[0]
        == 1
    )


@pytest.mark.parametrize(
    ("column", "value"),
    [("year", HOSTILE), ("score", "70,1"), ("rank", b"3"), ("rank_total", "63 provinces"),
     ("rank_change", "up"), ("comparison_value", "<b>")],
)  # fmt: skip
def test_raw_sql_cannot_plant_a_non_number(tmp_path, column, value):
    db = open_db(tmp_path / "n.db")
    db["articles"].insert({"url": URL, "language": "en"})
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            f"insert into index_facts (article_url, index_name, {column}) values (?, 'PCI', ?)",
            [URL, value],
        )


def test_save_extraction_refuses_text_year_and_writes_nothing(tmp_path):
    db = open_db(tmp_path / "s.db")
    with pytest.raises(StoreError, match=r"index_facts\.year"):
        save_extraction(db, _extraction(_fact(), _fact(year=HOSTILE)))
    assert (db["articles"].count, db["index_facts"].count) == (0, 0)


def test_distributed_merge_records_a_hostile_shard_line_as_a_failure(tmp_path):
    writer = WarcWriter(tmp_path / "warcs")
    html = (("Content-Type", "text/html; charset=utf-8"),)
    writer.write("http://e.com/a", 200, "OK", html, article_html(1).encode(), NOW)
    writer.close()
    result = extract_shard(str(next((tmp_path / "warcs").iterdir())), str(tmp_path / "out"))
    with gzip.open(result.output, "rt", encoding="utf-8") as handle:
        lines = [json.loads(line) for line in handle]
    planted = extraction_to_record(_extraction(_fact(year=HOSTILE)))["index_facts"]
    lines[0]["extraction"]["index_facts"] = planted
    with gzip.open(result.output, "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(line) + "\n" for line in lines)
    db = open_db(tmp_path / "m.db")
    report = merge_shards(db, [result.output])
    assert (report.articles, report.failures) == (0, 1)
    assert db.execute("select stage from failures").fetchone()[0] == "merge"
    assert db["index_facts"].count == 0


def test_text_score_from_an_old_database_does_not_stop_indexing(tmp_path):
    path = tmp_path / "old.db"
    _m001_database(path)
    report = index_database(open_db(path), path, None)
    assert report.articles == 1


def test_shard_pages_with_text_numbers_are_refused(tmp_path):
    shard = open_db(tmp_path / "shard.db")
    shard.execute("drop table pages")  # a hostile shard: same columns, no types
    shard.execute(
        "create table pages (id integer primary key, url, final_url, source, status, "
        "content_type, fetched_at, content_hash, content_length, is_article, reason, "
        "warc_file, warc_offset, error, etag, last_modified, fingerprint, duplicate_of, "
        "near_duplicate_of, depth, crawl_run)"
    )
    shard.execute(
        "insert into pages (url, fetched_at, status) values ('http://a/', 'x', ?)", [HOSTILE]
    )
    shard.conn.commit()
    db = open_db(tmp_path / "main.db")
    with pytest.raises(StoreError):
        merge_shard(db, tmp_path / "shard.db")
    assert db["pages"].count == 0


def test_chart_escapes_and_skips_values_of_every_type():
    series = {
        HOSTILE: [(HOSTILE, 5), (2023, HOSTILE), (2024, b"<b>"), (True, 1), (2025, float("inf"))],
        "<img src=x onerror=alert(1)>": [(2022, 3), (2023, 4.5)],
        7: [("2021", 1), (2021, 2)],
    }
    svg = str(line_chart(series, y_label="<i>score</i>"))
    for tag in ("<script>", "<img", "<i>"):
        assert tag not in svg
    assert "&lt;img src=x" in svg
    assert svg.count("<circle") == 3  # (2022, 3), (2023, 4.5), (2021, 2)


def test_chart_of_only_unusable_points_says_so():
    assert "No figures" in line_chart({"a": [("2023", 1), (2023, "1")]}, y_label="score")
