import json

import datasette.utils.sqlite
import sqlite_utils
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from index.schema import m001_core, open_db


def _old_database(path):
    old = Migrations("newsintel")
    old()(m001_core)
    db = Database(path)
    old.apply(db)
    db["sources"].insert({"name": "s1", "kind": "news"})
    db["articles"].insert_all(
        [
            {
                "url": f"https://x.example/{i}",
                "source": "s1",
                "language": "en",
                "title": f"t{i}",
                "text": f"Reform news number {i}.",
            }
            for i in range(5)
        ],
        pk="url",
    )
    db["index_facts"].insert(
        {
            "article_url": "https://x.example/1",
            "index_name": "PCI",
            "subject": "Hanoi",
            "year": 2022,
            "rank": 3,
        }
    )
    db.close()


def test_upgrade_from_m001_keeps_rows(tmp_path):
    path = tmp_path / "old.db"
    _old_database(path)
    db = open_db(path)
    assert db["articles"].count == 5
    assert db["index_facts"].count == 1
    assert {"stories", "chunks", "embeddings", "chunks_fts", "fts_token_counts"} <= set(
        db.table_names()
    )
    assert "province_index_timeline" in db.view_names()


def test_migrations_are_idempotent(tmp_path):
    path = tmp_path / "a.db"
    open_db(path)
    db = open_db(path)
    names = [r["name"] for r in db.query("select name from _sqlite_migrations")]
    assert len(names) == len(set(names))


def test_sqlite_is_recent_enough_for_trigram_remove_diacritics():
    version = Database(memory=True).execute("select sqlite_version()").fetchone()[0]
    assert tuple(int(p) for p in version.split(".")) >= (3, 45)
    assert datasette.utils.sqlite.sqlite_version() >= (3, 45)
    assert sqlite_utils.Database(memory=True).conn.__class__.__module__.startswith("pysqlite3")


def test_metadata_files_are_identical():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    packaged = root / "index" / "datasette_plugin" / "metadata.json"
    assert (root / "metadata.json").read_bytes() == packaged.read_bytes()
    meta = json.loads(packaged.read_text("utf-8"))
    assert {
        "province_timeline",
        "most_improved",
        "initiatives_by_category",
        "coverage_by_language",
    } <= set(meta["databases"]["newsintel"]["queries"])
