"""The SQLite schema: the only place tables, indexes, views and FTS are created.

Migrations run in order through sqlite-utils' ``Migrations``. A shipped migration is never
edited: a change to the schema is a new function at the end of this module (or of a module
it imports, registered on the same ``migrations`` object).
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("newsintel")

# Columns shared by every table of extracted facts.
_EVIDENCE_COLUMNS: dict[str, type] = {
    "evidence": str,
    "span_start": int,
    "span_end": int,
    "extractor_version": str,
}


@migrations()
def m001_core(db: Database) -> None:
    """Create sources, pages, articles, provinces, the fact tables and article FTS."""
    db["sources"].create(
        {
            "name": str,
            "home_url": str,
            "kind": str,
            "province": str,
            "languages": str,  # JSON list
            "allowed_domains": str,  # JSON list
        },
        pk="name",
    )
    db["pages"].create(
        {
            "id": int,
            "url": str,
            "final_url": str,
            "source": str,
            "status": int,
            "content_type": str,
            "fetched_at": str,
            "content_hash": str,
            "content_length": int,
            "is_article": int,
            "reason": str,
            "warc_file": str,
            "warc_offset": int,
            "error": str,
        },
        pk="id",
        foreign_keys=[("source", "sources", "name")],
    )
    db["pages"].create_index(["url", "fetched_at"], unique=True)
    db["pages"].create_index(["content_hash"])
    db["pages"].create_index(["source"])
    db["provinces"].create(
        {
            "name": str,  # canonical English name without diacritics
            "name_vi": str,
            "name_ascii": str,
            "unit_type": str,  # province | city
            "region": str,
            "valid_from": str,
            "valid_to": str,
            "merged_into": str,
            "aliases": str,  # JSON list of known spellings in every script
        },
        pk="name",
    )
    db["articles"].create(
        {
            "url": str,  # canonical URL; key other tables refer to
            "canonical_url": str,
            "source": str,
            "language": str,
            "language_confidence": float,
            "title": str,
            "published": str,
            "author": str,
            "text": str,
            "text_origin": str,
            "original_url": str,
            "fetched_at": str,
            "content_hash": str,
            "page_id": int,
            "extractor_version": str,
        },
        pk="url",
        foreign_keys=[("source", "sources", "name"), ("page_id", "pages", "id")],
    )
    for column in ("source", "language", "published", "original_url", "content_hash"):
        db["articles"].create_index([column])
    db["entities"].create(
        {
            "id": int,
            "article_url": str,
            "text": str,
            "label": str,
            "canonical": str,
            "title": str,
            "name_en": str,
            "span_start": int,
            "span_end": int,
            "extractor_version": str,
        },
        pk="id",
        foreign_keys=[("article_url", "articles", "url")],
    )
    db["index_facts"].create(
        {
            "id": int,
            "article_url": str,
            "index_name": str,
            "index_label": str,
            "subject": str,
            "year": int,
            "score": float,
            "score_unit": str,
            "rank": int,
            "rank_total": int,
            "rank_change": int,
            "comparison_label": str,
            "comparison_value": float,
            **_EVIDENCE_COLUMNS,
        },
        pk="id",
        foreign_keys=[("article_url", "articles", "url")],
    )
    db["percentages"].create(
        {
            "id": int,
            "article_url": str,
            "value": float,
            "measures": str,
            "subject": str,
            "year": int,
            "comparison_value": float,
            **_EVIDENCE_COLUMNS,
        },
        pk="id",
        foreign_keys=[("article_url", "articles", "url")],
    )
    db["initiatives"].create(
        {"id": int, "article_url": str, "name": str, "category": str, **_EVIDENCE_COLUMNS},
        pk="id",
        foreign_keys=[("article_url", "articles", "url")],
    )
    for table in ("entities", "index_facts", "percentages", "initiatives"):
        db[table].create_index(["article_url"])
    db["entities"].create_index(["label", "canonical"])
    db["index_facts"].create_index(["subject", "index_name", "year"])
    db["index_facts"].create_index(["index_name", "year"])
    db["percentages"].create_index(["subject"])
    db["initiatives"].create_index(["category"])
    db["failures"].create(
        {"id": int, "stage": str, "url": str, "error": str, "detail": str, "at": str},
        pk="id",
    )
    db["failures"].create_index(["stage", "url"], unique=True)
    db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")


def open_db(path: str | Path, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the database at ``path`` and bring its schema up to date.

    The connection uses WAL and a busy timeout so that several processes can share the file.
    """
    db = Database(path) if str(path) != ":memory:" else Database(memory=True)
    db.execute("PRAGMA busy_timeout = 30000")
    if str(path) != ":memory:":
        db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA foreign_keys = ON")
    if migrate:
        migrations.apply(db)
    return db


@migrations()
def m050_crawl_page_columns(db: Database) -> None:
    """Add crawl columns to pages: validators, depth, simhash and duplicate flags."""
    pages = db["pages"]
    for column in (
        "etag",
        "last_modified",
        "fingerprint",
        "duplicate_of",
        "near_duplicate_of",
    ):
        pages.add_column(column, str)
    pages.add_column("depth", int)
    pages.add_column("crawl_run", int)
    pages.create_index(["url", "status"])
    pages.create_index(["duplicate_of"])
    pages.create_index(["near_duplicate_of"])


@migrations()
def m051_crawl_runs(db: Database) -> None:
    """Create crawl_runs (one row per crawl, unfinished until it ends) and the frontier."""
    db["crawl_runs"].create(
        {
            "id": int,
            "sources": str,  # JSON list of source names, sorted: the key of a resumable crawl
            "started_at": str,
            "finished_at": str,
            "finish_reason": str,
            "fetched": int,
            "articles": int,
            "errors": int,
        },
        pk="id",
    )
    db["crawl_runs"].create_index(["sources", "started_at"])
    db["crawl_frontier"].create(
        {
            "url": str,
            "source": str,
            "depth": int,
            "state": str,  # queued | done
            "crawl_run": int,
            "discovered_at": str,
        },
        pk="url",
        foreign_keys=[("crawl_run", "crawl_runs", "id")],
    )
    db["crawl_frontier"].create_index(["source", "state"])
    db["crawl_frontier"].create_index(["crawl_run", "state"])


@migrations()
def m052_crawl_fingerprints(db: Database) -> None:
    """Create page_fingerprints: four 16-bit bands of each article's simhash, for near-dups."""
    db["page_fingerprints"].create(
        {"page_id": int, "band": int, "value": str},
        pk=("page_id", "band"),
        foreign_keys=[("page_id", "pages", "id")],
    )
    db["page_fingerprints"].create_index(["band", "value"])
