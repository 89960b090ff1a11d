"""Turn a copy of the database into what researchers read, and nothing else.

A published database keeps the articles, their facts, entities, provinces, stories, the
research views and snapshots, full-text indexes, chunks and vectors for search. Crawl
internals (pages with their WARC paths, the frontier, crawl runs, fingerprints, failures
with their tracebacks) are dropped, local documents' ``file://`` URLs lose their directory,
and the file is vacuumed so nothing dropped survives in free pages.
"""

from __future__ import annotations

import hashlib
import posixpath
from urllib.parse import urlsplit

from sqlite_utils import Database

from index.strict import STRICT_TABLES, rebuild_table

__all__ = ["PUBLIC_TABLES", "make_public", "public_url"]

# The typed tables researchers read (all but pages), FTS and the tables they need to join.
PUBLIC_TABLES = frozenset(STRICT_TABLES) - {"pages"} | {
    "_sqlite_migrations",
    "sources",
    "provinces",
    "articles_fts",
    "chunks_fts",
    "chunks_cjk",
    "evidence_fts",
    "fts_token_counts",
    "embedding_means",
}
_FTS_SHADOWS = ("_data", "_idx", "_content", "_docsize", "_config")


def public_url(value: str) -> str:
    """Return a local document's ``file://`` URL without its directory (other values as is).

    The directory becomes a short hash, so two documents of the same name stay apart.
    """
    if not value.startswith("file:"):
        return value
    path = urlsplit(value).path
    directory, name = posixpath.split(path)
    digest = hashlib.sha256(directory.encode("utf-8")).hexdigest()[:8]
    return f"file:local/{digest}/{name}"


def _is_public(name: str) -> bool:
    if name in PUBLIC_TABLES or name.startswith(("snapshot_", "sqlite_")):
        return True
    return any(name == f"{table}{suffix}" for table in PUBLIC_TABLES for suffix in _FTS_SHADOWS)


def _drop_private_tables(db: Database) -> list[str]:
    names = [
        row[0]
        for row in db.execute("select name from sqlite_master where type = 'table' order by 1")
    ]
    dropped = [name for name in names if not _is_public(name)]
    for name in dropped:
        if db.execute("select 1 from sqlite_master where name = ?", [name]).fetchone():
            db.execute(f"drop table [{name}]")  # a virtual table takes its shadows along
    return dropped


def _drop_broken_views(db: Database) -> None:
    from sqlite_utils.utils import sqlite3

    for (name,) in db.execute("select name from sqlite_master where type = 'view'").fetchall():
        try:
            db.execute(f"select * from [{name}] limit 0")
        except sqlite3.OperationalError:  # it read a dropped table
            db.execute(f"drop view [{name}]")


def _rewrite_local_urls(db: Database) -> None:
    db.conn.create_function("newsintel_public_url", 1, public_url, deterministic=True)
    for table in sorted(PUBLIC_TABLES | {t for t in db.table_names() if t.startswith("snapshot_")}):
        if not db[table].exists() or table.endswith("_fts") or table == "chunks_cjk":
            continue
        for column, kind in db[table].columns_dict.items():
            if kind is str:
                db.execute(
                    f"update [{table}] set [{column}] = newsintel_public_url([{column}]) "
                    f"where [{column}] like 'file:%'"
                )
    db.execute(
        "update evidence_fts set article_url = newsintel_public_url(article_url) "
        "where article_url like 'file:%'"
    )


def make_public(db: Database) -> list[str]:
    """Strip ``db`` (a copy!) down to the public tables; return the names of those dropped."""
    db.execute("PRAGMA foreign_keys = OFF")
    with db.atomic():
        dropped = _drop_private_tables(db)
        if "page_id" in db["articles"].columns_dict:
            rebuild_table(db, "articles", drop={"page_id"}, drop_foreign_keys=["page_id"])
        _drop_broken_views(db)
        _rewrite_local_urls(db)
    db.execute("VACUUM")
    db.execute("PRAGMA journal_mode = DELETE")
    return dropped
